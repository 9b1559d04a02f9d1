package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// caseManagersForm chooses the KCT or thuis case manager from the
// organisation's case managers.
func caseManagersForm(people []care.Person) familyForm {
	return func(p *FormPage, file *care.File) {
		p.Heading, p.Intro, p.Action = "casemanager.title", "casemanager.intro", familyAction(file, "/casemanagers")
		p.Cancel = familyURL(file.Family.ID, "casemanagers")
		account := p.Control("select", "account", "casemanager.account", true)
		if account.Value == "" {
			account.Options = append(account.Options, form.Option{Value: "", Label: p.T("form.choose"), Selected: true})
		}
		for _, person := range people {
			id := strconv.FormatInt(person.AccountID, 10)
			account.Options = append(account.Options, form.Option{Value: id, Label: person.Name, Selected: id == account.Value})
		}
		p.Section("",
			p.Choice("radios", "kind", "casemanager.kind", "casemanager.kind.", care.CaseManagerKinds, true),
			account,
		)
	}
}

func (s *Server) caseManagersShow(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	people, err := s.care.CaseManagers(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	// Offer the empty place of the duo first.
	v := url.Values{"kind": {"thuis"}}
	if file.CaseManagers.KCT.AccountID == 0 {
		v.Set("kind", "kct")
	}
	return s.showForm(w, r, file, "casemanager.title", v, caseManagersForm(people))
}

func (s *Server) caseManagersSubmit(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	actor := s.actor(r)
	people, err := s.care.CaseManagers(r.Context(), actor)
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	build := caseManagersForm(people)
	kind, account, errs := form.DecodeAssignment(v)
	if len(errs) == 0 {
		err = s.care.AssignCaseManager(r.Context(), actor, file.Family.ID, kind, account)
		if fe, ok := fieldErrorsOf(err); ok {
			errs = fe
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		p := s.formPage(r, "casemanager.title", file, v, errs)
		build(p, file)
		s.renderForm(w, r, http.StatusUnprocessableEntity, p)
		return nil
	}
	// Handing one's own place to a colleague ends one's access to the file.
	cm := file.CaseManagers
	mine := map[string]bool{"kct": cm.KCT.AccountID == actor.AccountID, "thuis": cm.Thuis.AccountID == actor.AccountID}
	if account != actor.AccountID && mine[kind] && !mine[otherKind(kind)] {
		http.Redirect(w, r, "/families?handed_over=1", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, familyURL(file.Family.ID, "casemanagers"), http.StatusSeeOther)
	return nil
}

func otherKind(kind string) string {
	if kind == "kct" {
		return "thuis"
	}
	return "kct"
}
