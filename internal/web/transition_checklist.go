package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// From the 17th birthday the case managers' family page shows what
// changes at 18 as a checklist: each step a task, checked by default, with
// a title in the reader's language, an owner (the case manager looking)
// and a due date three months before the birthday. One button turns the
// kept steps into tasks.

// TransitionChecklist is the turning-18 checklist as drawn: on the family
// page, or on its own page when it came back with errors.
type TransitionChecklist struct {
	*CarePage
	FamilyID   int64
	ChildName  string
	Transition *care.Transition
	Owners     []OwnerChoice
	Rows       []TransitionRow
	Errors     Fields
}

// TransitionRow is one step of the checklist with what is (or was) filled in.
type TransitionRow struct {
	Step  string
	Take  bool
	Title string
	Owner string // as the picker sends it: "casemanager:3"
	Due   string // YYYY-MM-DD
}

// OwnerChoice is one person a step's task can go to.
type OwnerChoice struct {
	Value, Label string
}

// Field is the name of a step's field, as posted and as errors name it.
func (r TransitionRow) Field(name string) string { return r.Step + "_" + name }

// Error is the catalog key of the error at a step's field, or "".
func (c *TransitionChecklist) Error(r TransitionRow, name string) string {
	if name == "owner" {
		if e := c.Errors[r.Field("owner_kind")]; e != "" {
			return e
		}
	}
	return c.Errors[r.Field(name)]
}

// StepsError is the catalog key of the error about the steps as a whole.
func (c *TransitionChecklist) StepsError() string {
	if k := c.Errors["steps"]; k != "transition.none_chosen" {
		return k
	}
	return "coverage_view.transition.none_chosen"
}

// Action is where the checklist is posted.
func (c *TransitionChecklist) Action() string { return familyURL(c.FamilyID, "") + "/transition" }

// newChecklist draws the checklist of t with the defaults: every step
// kept, its title in the reader's language, the acting case manager as
// owner when they may own the task, due three months before the 18th
// birthday.
func newChecklist(p *CarePage, familyID int64, childName string, t *care.Transition, birth care.Family, owners []care.PossibleOwner, cms care.CaseManagers) *TransitionChecklist {
	c := &TransitionChecklist{CarePage: p, FamilyID: familyID, ChildName: childName, Transition: t, Errors: Fields{}}
	me := ""
	if p.Account != nil {
		me = care.TaskOwner{Kind: care.OwnerCaseManager, ID: p.Account.ID}.String()
	}
	def := ""
	for _, o := range owners {
		v := o.Owner.String()
		if v == me || def == "" && o.Owner.Kind == care.OwnerCaseManager && !slices.ContainsFunc(owners, func(x care.PossibleOwner) bool { return x.Owner.String() == me }) {
			def = v
		}
		c.Owners = append(c.Owners, OwnerChoice{Value: v, Label: ownerOptionLabel(p, cms, o)})
	}
	due := form.ISODate(care.TransitionDue(birth.BirthDate, p.Today))
	for _, step := range care.TransitionSteps {
		c.Rows = append(c.Rows, TransitionRow{Step: step, Take: true, Title: p.T("coverage_view.transition.task." + step), Owner: def, Due: due})
	}
	return c
}

// Checklist is the turning-18 checklist of the family page, or nil when
// it is not shown.
func (p *FamilyPage) Checklist() *TransitionChecklist {
	t := p.File.Transition
	if t == nil {
		return nil
	}
	f := p.File.Family
	return newChecklist(&p.CarePage, f.ID, f.ChildName, t, f, p.File.PossibleOwners(), p.File.CaseManagers)
}

// StepAccepted reports whether the accepted checklist kept step.
func (c *TransitionChecklist) StepAccepted(step string) bool {
	return c.Transition.Accepted != nil && slices.Contains(c.Transition.Accepted.Steps, step)
}

// decodeTransition reads the posted checklist: the kept steps as the
// care service takes them, and the rows as they were typed.
func decodeTransition(v url.Values) ([]care.TransitionStep, []TransitionRow, Fields) {
	errs := Fields{}
	var steps []care.TransitionStep
	var rows []TransitionRow
	for _, step := range care.TransitionSteps {
		row := TransitionRow{Step: step, Take: v.Get(step+"_take") == "1",
			Title: strings.TrimSpace(v.Get(step + "_title")), Owner: v.Get(step + "_owner"), Due: strings.TrimSpace(v.Get(step + "_due_date"))}
		rows = append(rows, row)
		if !row.Take {
			continue
		}
		s := care.TransitionStep{Step: step, Title: row.Title, Due: form.Date(v, step+"_due_date", errs)}
		if row.Owner != "" {
			o, err := care.ParseTaskOwner(row.Owner)
			if err != nil {
				errs[step+"_owner"] = "field.choose"
			}
			s.Owner = o
		}
		steps = append(steps, s)
	}
	return steps, rows, errs
}

// transitionAccept turns the checklist into tasks in one call of the care
// service; a checklist with errors is drawn again on its own page with
// what was typed.
func (s *Server) transitionAccept(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	steps, rows, errs := decodeTransition(v)
	var cf *care.CoverageFile
	if len(errs) > 0 {
		if cf, err = s.care.Coverage(r.Context(), s.actor(r), care.ViewCaseFile, id); err != nil {
			return err
		}
	} else {
		err = s.care.AcceptTransition(r.Context(), s.actor(r), id, steps)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, familyURL(id, "transition"), http.StatusSeeOther)
			return nil
		case errors.As(err, &in) && in.Rule != nil:
			// Not (or no longer) due: the child is under 17, or 19.
			s.renderErrorMessage(w, r, http.StatusConflict, "coverage_view.transition.not_due")
			return nil
		case errors.As(err, &in) && in.Coverage != nil && len(in.Fields) > 0:
			cf, errs = in.Coverage, Fields(in.Fields)
		default:
			return err
		}
	}
	if cf.Transition == nil {
		s.renderErrorMessage(w, r, http.StatusConflict, "coverage_view.transition.not_due")
		return nil
	}
	p := &TransitionPage{CarePage: s.carePage(r, "coverage_view.transition.title")}
	p.C = newChecklist(&p.CarePage, id, cf.Family.ChildName, cf.Transition, cf.Family, cf.Owners, cf.CaseManagers)
	p.C.Rows, p.C.Errors = rows, errs
	s.render(w, r, http.StatusUnprocessableEntity, "transition", p)
	return nil
}

// TransitionPage is the checklist on its own, sent back with errors.
type TransitionPage struct {
	CarePage
	C *TransitionChecklist
}
