package web

import (
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// episodeForm records the family's decision about case management, the
// division of tasks between the two case managers and the referral.
func episodeForm(p *FormPage, file *care.File) {
	p.Heading, p.Intro, p.Action = "episode.title", "episode.intro", familyAction(file, "/episode")
	p.Cancel = familyURL(file.Family.ID, "episode")
	p.Section("",
		p.Choice("radios", "status", "episode.status", "episode.set.", care.EpisodeStatuses, true),
		p.Area("status_note", "episode.status_note", care.MaxText, false).WithHint(p, "episode.status_note_hint"),
		p.Area("division_of_tasks", "episode.division_of_tasks", care.MaxText, false).WithHint(p, "episode.division_of_tasks_hint"),
	)
	p.Section("intake.section_referral",
		p.DateField("referral_date", "episode.referral_date", true, p.Today),
		p.Text("referred_by", "episode.referred_by", care.MaxName, false).WithHint(p, "episode.referred_by_hint"),
		p.Area("reason", "episode.reason", care.MaxText, false),
		p.Checks("factors", "episode.factors", "episode.", []string{"factor_wish", "factor_complexity", "factor_capacity"}),
		p.Choice("radios", "surprise_question", "episode.surprise_question", "episode.surprise.", care.SurpriseAnswers, true),
	)
}

func (s *Server) episodeShow(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	v := url.Values{"status": {"offered"}, "surprise_question": {"unknown"}}
	if file.Episode != nil {
		v = form.EncodeEpisode(file.Episode)
	}
	return s.showForm(w, r, file, "episode.title", v, episodeForm)
}

func (s *Server) episodeSubmit(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	e, errs := form.DecodeEpisode(v, care.EpisodeStatuses)
	e.FamilyID = file.Family.ID
	// The status date is the day of the decision: kept while it stands.
	e.StatusDate = care.DateOf(s.cfg.Now())
	if old := file.Episode; old != nil && old.Status == e.Status {
		e.StatusDate = old.StatusDate
	}
	if len(errs) > 0 {
		mergeValidation(errs, e.Validate(s.cfg.Now(), file.Family.BirthDate))
		p := s.formPage(r, "episode.title", file, v, errs)
		episodeForm(p, file)
		s.renderForm(w, r, http.StatusUnprocessableEntity, p)
		return nil
	}
	err = s.care.SaveEpisode(r.Context(), s.actor(r), &e)
	return s.afterSave(w, r, e.FamilyID, "episode", err, "episode.title", v, episodeForm)
}
