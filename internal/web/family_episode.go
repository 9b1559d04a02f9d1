package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

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
	file, err := s.familyForm(r)
	if err != nil {
		return err
	}
	v := url.Values{"status": {"offered"}, "surprise_question": {"unknown"}}
	if file.Episode != nil {
		v = form.EncodeEpisode(file.Episode)
	}
	return s.showForm(w, r, file, "episode.title", v, episodeForm)
}

// episodeSubmit records the family's decision, the division of tasks and
// the referral.
func (s *Server) episodeSubmit() handler {
	return postToFamily(s, familyPost[care.Episode]{
		title: "episode.title", anchor: "episode", fill: fixed(episodeForm),
		decode: func(v url.Values) (care.Episode, Fields) {
			// No status date: the service keeps the stored one while the
			// status stands, and takes today's for a new decision.
			return form.DecodeEpisode(v, care.EpisodeStatuses)
		},
		check: func(e *care.Episode, now time.Time) error { return e.Validate(now, time.Time{}) },
		save: func(ctx context.Context, actor care.Actor, id int64, e *care.Episode) error {
			e.FamilyID = id
			return s.care.SaveEpisode(ctx, actor, e)
		},
	})
}
