package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The case managers' forms of the care plan. Every form carries the
// version it was drawn from; the care service refuses a save on an older
// version than the current one, and the form is then drawn again with
// what was typed, who saved in between and where to see their change.
// Nothing is overwritten without the user having seen it.

// carePlanURL is the plan page of a family, plus rest ("/acp/edit",
// "#acp").
func carePlanURL(id int64, rest string) string {
	return "/families/" + strconv.FormatInt(id, 10) + "/careplan" + rest
}

// carePlanStart starts a family's plan from a template: template_id 0 (or
// empty) is the default, else one of the organisation's templates. A
// plan that already exists (a double submit) is simply shown.
func (s *Server) carePlanStart(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), s.actor(r)
	tmpl, errs := form.DecodeStart(v)
	if len(errs) == 0 && tmpl != 0 {
		if _, err := s.care.PlanTemplate(ctx, actor, tmpl); care.ErrorCode(err) == care.NotFound {
			errs["template_id"] = "field.choose"
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return s.startAgain(w, r, id, v, errs)
	}
	_, err = s.care.StartCarePlan(ctx, actor, id, tmpl)
	if err != nil && !errors.Is(err, care.ErrPlanExists) {
		return err
	}
	http.Redirect(w, r, carePlanURL(id, ""), http.StatusSeeOther)
	return nil
}

// startAgain draws the choice of template again when the one sent is not
// the organisation's.
func (s *Server) startAgain(w http.ResponseWriter, r *http.Request, id int64, v url.Values, errs Fields) error {
	ctx, actor := r.Context(), s.actor(r)
	pf, err := s.planForEdit(r)
	if err != nil {
		return err
	}
	templates, err := s.care.PlanTemplates(ctx, actor)
	if err != nil {
		return err
	}
	p := s.formPage(r, "careplan.edit.start_title", nil, v, errs)
	p.Family, p.Action, p.Cancel, p.FormID = &pf.Family, carePlanURL(id, ""), carePlanURL(id, ""), "careplan-start"
	p.Intro, p.Submit = "careplan.edit.start_intro", "careplan.edit.start"
	p.Back = &Link{Href: carePlanURL(id, ""), Text: p.T("careplan.edit.back")}
	p.Section("", templateChoice(p, templates))
	s.renderForm(w, r, http.StatusUnprocessableEntity, p)
	return nil
}

// templateChoice chooses the template a plan starts from.
func templateChoice(p *FormPage, templates []care.PlanTemplate) form.Control {
	c := p.Control("select", "template_id", "careplan.edit.template", true)
	c.Options = templateOptions(p.T, templates, c.Value)
	return c
}

// templateOptions are the templates a plan may start from, the default
// first, then the organisation's own; chosen is the value selected, the
// default when it names none of them.
func templateOptions(t func(string, ...any) string, templates []care.PlanTemplate, chosen string) []form.Option {
	opts := []form.Option{{Value: "0", Label: t("careplan.template.default"), Selected: true}}
	for _, tm := range templates {
		id := strconv.FormatInt(tm.ID, 10)
		if chosen == id {
			opts[0].Selected = false
		}
		opts = append(opts, form.Option{Value: id, Label: tm.Name, Selected: chosen == id})
	}
	return opts
}

// carePlanEdit draws the form of one part of the plan with its stored
// values and the version they are from.
func (s *Server) carePlanEdit(w http.ResponseWriter, r *http.Request) error {
	part, ok := planPartNamed(r.PathValue("part"))
	if !ok {
		return care.Errorf(care.NotFound, "page not found")
	}
	pf, err := s.planForEdit(r)
	if err != nil {
		return err
	}
	if pf.Plan == nil {
		// Nothing to edit yet: the plan page offers to start one.
		http.Redirect(w, r, carePlanURL(pf.Family.ID, ""), http.StatusSeeOther)
		return nil
	}
	v := part.encode(pf.Plan)
	v.Set("version", strconv.Itoa(pf.Plan.Version))
	if me := s.actor(r).AccountID; me == pf.CaseManagers.KCT.AccountID || me == pf.CaseManagers.Thuis.AccountID {
		// A new action is the case manager's own until they pick someone else.
		v.Set(care.ItemField("action", "", "owner"), care.TaskOwner{Kind: care.OwnerCaseManager, ID: me}.String())
	}
	s.renderForm(w, r, http.StatusOK, s.planForm(r, part, pf, v, nil))
	return nil
}

// planForEdit reads the plan of the family in the path for a case manager
// of the family; anyone else's attempt is refused, and recorded, by the
// care service, and gets a missing page.
func (s *Server) planForEdit(r *http.Request) (*care.PlanFile, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.care.CarePlanForEdit(r.Context(), s.actor(r), id)
}

// planForm is the form page of one part of the plan.
func (s *Server) planForm(r *http.Request, part planPart, pf *care.PlanFile, v url.Values, errs Fields) *FormPage {
	p := s.formPage(r, part.title, nil, v, errs)
	part.fill(p, pf)
	return p
}

// fill makes p the form of the part.
func (part planPart) fill(p *FormPage, pf *care.PlanFile) {
	id := pf.Family.ID
	p.Heading, p.Title = part.title, part.title
	p.Family, p.Intro, p.FormID = &pf.Family, part.intro, "careplan-form"
	p.Action, p.Cancel = carePlanURL(id, "/"+part.name), carePlanURL(id, "#"+part.name)
	p.Back = &Link{Href: carePlanURL(id, ""), Text: p.T("careplan.edit.back")}
	part.build(p, pf)
}

// carePlanSave saves one part of the plan as a new version: one call of
// the care service, which applies the form to the version it holds. A form
// drawn from an older version, or with errors, comes back with the plan
// page as the service read it and is drawn again with everything typed.
func (s *Server) carePlanSave(w http.ResponseWriter, r *http.Request) error {
	part, ok := planPartNamed(r.PathValue("part"))
	if !ok {
		return care.Errorf(care.NotFound, "page not found")
	}
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseFormMax(w, r, form.MaxPlanFormBytes)
	if err != nil {
		return err
	}
	// A form without its version is refused by the care service, after
	// it has refused (and recorded) anyone who may not change the plan.
	base, _ := strconv.Atoi(v.Get("version"))
	today := care.DateOf(s.cfg.Now())
	_, err = s.care.EditCarePlan(r.Context(), s.actor(r), id, base, func(cur *care.CarePlan) (*care.CarePlan, []care.Task, care.FieldErrors) {
		return part.apply(v, cur, today)
	})
	var conflict *care.PlanConflict
	var in *care.InvalidInput
	switch {
	case err == nil:
		http.Redirect(w, r, carePlanURL(id, "#"+part.name), http.StatusSeeOther)
		return nil
	case errors.As(err, &conflict) && conflict.Page != nil:
		// Someone saved since this form was drawn: say so before anything
		// else, with whatever else is wrong with the form.
		_, _, errs := part.apply(v, conflict.Page.Plan, today)
		return s.planConflict(w, r, part, conflict.Page, v, errs, base, conflict.Current)
	case errors.As(err, &in) && in.Plan != nil && in.Plan.Plan != nil:
		p := s.planForm(r, part, in.Plan, v, in.Fields)
		p.Alert = strayErrors(p, in.Plan.Plan)
		s.renderForm(w, r, http.StatusUnprocessableEntity, p)
		return nil
	}
	return err
}

// planConflict draws the form again with everything typed and the version
// it was drawn from, so saving it again is refused again: the user first
// looks at the other change, then starts from the new version.
func (s *Server) planConflict(w http.ResponseWriter, r *http.Request, part planPart, pf *care.PlanFile, v url.Values, errs Fields,
	base int, current care.PlanVersionInfo) error {
	p := s.planForm(r, part, pf, v, errs)
	p.Alert = conflictAlert(p, pf.Family.ID, part.name, base, current)
	s.renderForm(w, r, http.StatusConflict, p)
	return nil
}

// conflictAlert says who saved which version when, that this change was
// not saved, and links to their change and to a fresh form.
func conflictAlert(p *FormPage, id int64, part string, base int, current care.PlanVersionInfo) *FormAlert {
	who := current.SavedBy.Name
	if who == "" {
		who = p.T("careplan.edit.someone")
	}
	return &FormAlert{
		ID: "conflict",
		Lines: []string{
			p.T("careplan.edit.conflict", "Name", who, "Version", current.Version, "When", p.DateTime(current.SavedAt)),
			p.T("careplan.edit.conflict_kept"),
		},
		Links: []Link{
			{ID: "conflict-compare", Href: carePlanURL(id, "/compare?a="+strconv.Itoa(base)+"&b="+strconv.Itoa(current.Version)),
				Text: p.T("careplan.edit.conflict_compare")},
			{ID: "conflict-restart", Href: carePlanURL(id, "/"+part+"/edit"),
				Text: p.T("careplan.edit.conflict_restart", "Version", current.Version)},
		},
	}
}

// strayErrors names the parts of the plan with errors that this form does
// not show, which can only come from data stored before a rule changed (a
// conversation before a corrected date of birth); nil when there are none.
func strayErrors(p *FormPage, plan *care.CarePlan) *FormAlert {
	drawn := map[string]bool{}
	for _, sec := range p.Sections {
		for _, c := range sec.Controls {
			drawn[c.Name] = true
		}
	}
	parts := map[string]bool{}
	for key := range p.Errors {
		if !drawn[key] {
			parts[errorPart(key, plan)] = true
		}
	}
	if len(parts) == 0 {
		return nil
	}
	a := &FormAlert{ID: "plan-errors", Lines: []string{p.T("careplan.edit.other_errors")}}
	for _, name := range append([]string{"wishes"}, append(dimensionNames(), "acp", "review", "")...) {
		switch {
		case !parts[name]:
		case name == "":
			a.Links = append(a.Links, Link{Href: carePlanURL(plan.FamilyID, ""), Text: p.T("careplan.edit.back")})
		default:
			a.Links = append(a.Links, Link{Href: carePlanURL(plan.FamilyID, "/"+name+"/edit"), Text: p.T(partTitles[name])})
		}
	}
	return a
}

func dimensionNames() []string {
	out := make([]string, len(care.Dimensions))
	for i, d := range care.Dimensions {
		out[i] = string(d)
	}
	return out
}

// errorPart is the part of the plan whose form has the field key; "" when
// it cannot be told.
func errorPart(key string, plan *care.CarePlan) string {
	switch {
	case key == "wishes" || key == "matters":
		return "wishes"
	case key == "review_months" || key == "review_due" || key == "discussed_on":
		return "review"
	case key == "care_wishes" || key == "other" || strings.HasPrefix(key, "place_of_") ||
		strings.HasPrefix(key, "conversation_") || strings.HasPrefix(key, "scenario_") || strings.HasPrefix(key, "directive_"):
		return "acp"
	}
	for _, sec := range plan.Sections {
		for kind, items := range map[string][]care.PlanItem{"problem": sec.Problems, "goal": sec.Goals, "agreement": sec.Agreements} {
			for _, it := range items {
				if strings.HasPrefix(key, kind+"_"+it.ID+"_") {
					return string(sec.Dimension)
				}
			}
		}
	}
	return ""
}
