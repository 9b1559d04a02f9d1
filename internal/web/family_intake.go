package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// intakeForm describes the intake: the child, the referral and the case
// manager's own role. dup, when not nil, adds what is known of a possible
// duplicate and the box that confirms it is another child.
func intakeForm(p *FormPage, dup *care.DuplicateError) {
	p.Heading, p.Intro, p.Action, p.Submit, p.Cancel = "intake.title", "intake.intro", "/families", "intake.submit", "/families"
	if dup != nil {
		p.Alert = duplicateAlert(p, dup)
	}
	if dup != nil || p.Values.Get("confirm_duplicate") != "" {
		p.Section("", p.Check("confirm_duplicate", "intake.confirm_duplicate"))
	}
	childSections(p)
	p.Section("intake.section_referral",
		p.DateField("referral_date", "episode.referral_date", true, p.Today),
		p.Text("referred_by", "episode.referred_by", care.MaxName, false).WithHint(p, "episode.referred_by_hint"),
		p.Area("reason", "episode.reason", care.MaxText, false),
		p.Checks("factors", "episode.factors", "episode.", []string{"factor_wish", "factor_complexity", "factor_capacity"}),
		p.Choice("radios", "surprise_question", "episode.surprise_question", "episode.surprise.", care.SurpriseAnswers, true),
		p.Choice("radios", "status", "episode.status", "episode.status.", form.IntakeStatuses, true),
	)
	p.Section("intake.section_care",
		p.Choice("radios", "kind", "intake.you_are", "casemanager.kind.", care.CaseManagerKinds, true),
		p.Choice("radios", "intensity", "intensity.label", "intensity.level.", form.IntensityValues(), true),
		p.DateField("next_contact", "family.next_contact", false, p.Today.AddDate(5, 0, 0)),
	)
}

// childSections are the child's details, shared by the intake and the edit form.
func childSections(p *FormPage) {
	p.Section("intake.section_child",
		p.Text("child_name", "family.child_name", care.MaxName, true),
		p.DateField("birth_date", "family.birth_date", true, p.Today),
		p.Check("unborn", "family.unborn").WithHint(p, "family.unborn_hint"),
		p.DateField("expected_birth_date", "family.expected_birth_date", false, p.Today.Add(care.MaxExpectedAhead)),
		p.Choice("select", "sex", "family.sex", "family.sex.", care.Sexes, true),
		p.Text("bsn", "family.bsn", 20, false).WithHint(p, "family.bsn_hint"),
	)
	p.Section("intake.section_diagnosis",
		p.Text("diagnosis", "family.diagnosis", care.MaxShort, false),
		p.Text("icd10", "family.icd10", 20, false).WithHint(p, "family.icd10_hint"),
		p.Check("no_diagnosis", "family.no_diagnosis"),
		p.Area("secondary", "family.secondary", form.MaxSecondary*(care.MaxShort+10), false).WithHint(p, "family.secondary_hint"),
	)
	p.Section("intake.section_situation",
		p.Area("living_situation", "family.living_situation", care.MaxText, false).WithHint(p, "family.living_situation_hint"),
		p.Area("culture_notes", "family.culture_notes", care.MaxText, false).WithHint(p, "family.culture_notes_hint"),
		p.Area("summary", "family.summary", care.MaxText, false),
	)
}

func (s *Server) intakeShow(w http.ResponseWriter, r *http.Request) error {
	if !care.MayCreateFamily(s.actor(r)) {
		return care.Errorf(care.NotFound, "page not found")
	}
	today := care.DateOf(s.cfg.Now())
	v := url.Values{
		"referral_date": {form.ISODate(today)}, "surprise_question": {"unknown"}, "status": {"offered"},
		"intensity": {string(care.Regular)},
	}
	p := s.formPage(r, "intake.title", nil, v, nil)
	intakeForm(p, nil)
	s.renderForm(w, r, http.StatusOK, p)
	return nil
}

func (s *Server) intakeSubmit(w http.ResponseWriter, r *http.Request) error {
	actor := s.actor(r)
	if !care.MayCreateFamily(actor) {
		return care.Errorf(care.NotFound, "page not found")
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	// What could not be read goes to the service with the rest, so the
	// page shows every problem at once and the refusal is on record.
	in, errs := form.DecodeIntake(v)
	if in.Family.NextContact.Before(care.DateOf(s.cfg.Now())) && !in.Family.NextContact.IsZero() {
		errs["next_contact"] = "date.past"
	}
	in.Unread = errs
	id, err := s.care.CreateFamily(r.Context(), actor, in)
	var dup *care.DuplicateError
	if errors.As(err, &dup) {
		p := s.formPage(r, "intake.title", nil, v, nil)
		intakeForm(p, dup)
		s.renderForm(w, r, http.StatusConflict, p)
		return nil
	}
	if fe, ok := fieldErrorsOf(err); ok {
		p := s.formPage(r, "intake.title", nil, v, fe)
		intakeForm(p, nil)
		s.renderForm(w, r, http.StatusUnprocessableEntity, p)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, familyURL(id, ""), http.StatusSeeOther)
	return nil
}

// duplicateAlert says what the case manager may know of a possible
// duplicate: a match in their own caseload by name and link, any other only
// by whom to ask.
func duplicateAlert(p *FormPage, dup *care.DuplicateError) *FormAlert {
	a := &FormAlert{ID: "duplicate-alert"}
	if len(dup.Yours) > 0 {
		a.Lines = append(a.Lines, p.T("intake.duplicate_yours"))
		for _, f := range dup.Yours {
			a.Links = append(a.Links, Link{ID: fmt.Sprintf("duplicate-%d", f.FamilyID), Href: familyURL(f.FamilyID, ""), Text: f.ChildName})
		}
	}
	if dup.Others > 0 {
		if len(dup.AskWhom) > 0 {
			a.Lines = append(a.Lines, p.T("intake.duplicate_ask", "Who", strings.Join(dup.AskWhom, ", ")))
		} else {
			a.Lines = append(a.Lines, p.T("intake.duplicate_ask_nobody"))
		}
	}
	a.Lines = append(a.Lines, p.T("intake.duplicate_confirm"))
	return a
}
