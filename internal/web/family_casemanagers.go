package web

import (
	"context"
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
	file, err := s.familyForm(r)
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

// assignment is the choice of a case manager: which of the two, and who.
type assignment struct {
	kind    string
	account int64
	after   care.CaseManagers // the duo once saved
}

// caseManagersSubmit assigns the KCT or thuis case manager.
func (s *Server) caseManagersSubmit() handler {
	return postToFamily(s, familyPost[assignment]{
		title: "casemanager.title",
		fill: func(r *http.Request) (familyForm, error) {
			people, err := s.care.CaseManagers(r.Context(), s.actor(r))
			return caseManagersForm(people), err
		},
		decode: func(v url.Values) (assignment, Fields) {
			kind, account, errs := form.DecodeAssignment(v)
			return assignment{kind: kind, account: account}, errs
		},
		save: func(ctx context.Context, actor care.Actor, id int64, a *assignment) (err error) {
			a.after, err = s.care.AssignCaseManager(ctx, actor, id, a.kind, a.account)
			return err
		},
		saved: func(w http.ResponseWriter, r *http.Request, id int64, a *assignment) error {
			// Handing one's own place to a colleague ends one's access to the file.
			if me := s.actor(r).AccountID; a.after.KCT.AccountID != me && a.after.Thuis.AccountID != me {
				http.Redirect(w, r, "/families?handed_over=1", http.StatusSeeOther)
				return nil
			}
			http.Redirect(w, r, familyURL(id, "casemanagers"), http.StatusSeeOther)
			return nil
		},
	})
}
