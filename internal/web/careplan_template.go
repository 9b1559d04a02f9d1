package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// TemplatesPage lists the care plan templates a new plan can start from:
// the built-in default and the organisation's own.
type TemplatesPage struct {
	CarePage
	Default   care.PlanTemplate
	Templates []care.PlanTemplate
}

// Goals counts the starting goals of a template.
func (p *TemplatesPage) Goals(t care.PlanTemplate) int {
	n := 0
	for _, s := range t.Sections {
		n += len(s.Goals)
	}
	return n
}

// TemplateURL is where a template is edited.
func (p *TemplatesPage) TemplateURL(t care.PlanTemplate) string {
	return "/careplan-templates/" + strconv.FormatInt(t.ID, 10) + "/edit"
}

// forLabels are the words a template line may start with to say whom it
// is for, in both languages.
func (s *Server) forLabels() form.ForLabels {
	return form.LabelsFor(s.i18n.translator("nl"), s.i18n.translator("en"))
}

func (s *Server) planTemplates(w http.ResponseWriter, r *http.Request) error {
	list, err := s.care.PlanTemplates(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	p := &TemplatesPage{CarePage: s.carePage(r, "careplan.tmpl.list_title"), Default: care.DefaultTemplate(), Templates: list}
	s.render(w, r, http.StatusOK, "careplan_templates", p)
	return nil
}

// templateForm draws a template: name, review interval, starting goals
// and agreements per dimension and the scenarios to think through.
func templateForm(p *FormPage, id int64) {
	p.FormID, p.Intro = "careplan-template-form", "careplan.tmpl.intro"
	p.Action, p.Cancel = "/careplan-templates", "/careplan-templates"
	if id != 0 {
		p.Action = "/careplan-templates/" + strconv.FormatInt(id, 10)
	}
	p.Back = &Link{Href: "/careplan-templates", Text: p.T("careplan.tmpl.list_title")}
	p.Section("",
		p.Text("name", "careplan.tmpl.name", care.MaxName, true).WithHint(p, "careplan.tmpl.name_hint"),
		p.Number("review_months", "careplan.review_months", 1, care.MaxReviewMonths),
	)
	for _, d := range care.Dimensions {
		p.Sections = append(p.Sections, form.Section{
			Legend: p.T("careplan.dim." + string(d)), ID: "template-" + string(d),
			Controls: []form.Control{
				p.Area("goals_"+string(d), "careplan.tmpl.goals", form.MaxTemplateLines*care.MaxShort, false).WithHint(p, "careplan.tmpl.lines_hint"),
				p.Area("agreements_"+string(d), "careplan.tmpl.agreements", form.MaxTemplateLines*care.MaxShort, false).WithHint(p, "careplan.tmpl.lines_hint"),
			},
		})
	}
	scen := p.Control("checks", "scenarios", "careplan.tmpl.scenarios", false)
	for _, topic := range care.ScenarioTopics {
		scen.Options = append(scen.Options, form.Option{Value: "scenario_" + topic, Label: p.T("careplan.topic." + topic),
			Selected: p.Values.Get("scenario_"+topic) != ""})
	}
	scen.Wide, scen.Hint = true, p.T("careplan.tmpl.scenarios_hint")
	p.Section("careplan.tmpl.acp", scen)
}

func (s *Server) templatePage(r *http.Request, title string, v url.Values, errs Fields, id int64) *FormPage {
	p := s.formPage(r, title, nil, v, errs)
	templateForm(p, id)
	return p
}

func (s *Server) planTemplateNew(w http.ResponseWriter, r *http.Request) error {
	// A new template starts where the default does.
	t := care.DefaultTemplate()
	t.Name = ""
	v := form.EncodeTemplate(&t, s.base(r, "").translator, s.forLabels())
	s.renderForm(w, r, http.StatusOK, s.templatePage(r, "careplan.tmpl.new_title", v, nil, 0))
	return nil
}

func (s *Server) planTemplateEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "tmpl")
	if err != nil {
		return err
	}
	t, err := s.care.PlanTemplate(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	v := form.EncodeTemplate(t, s.base(r, "").translator, s.forLabels())
	s.renderForm(w, r, http.StatusOK, s.templatePage(r, "careplan.tmpl.edit_title", v, nil, id))
	return nil
}

// planTemplateSave adds a template (POST /careplan-templates) or changes
// one of the organisation's (POST /careplan-templates/{tmpl}).
func (s *Server) planTemplateSave(w http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), s.actor(r)
	var id int64
	title := "careplan.tmpl.new_title"
	if r.PathValue("tmpl") != "" {
		var err error
		if id, err = httpx.PathID(r, "tmpl"); err != nil {
			return err
		}
		if _, err := s.care.PlanTemplate(ctx, actor, id); err != nil {
			return err
		}
		title = "careplan.tmpl.edit_title"
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	t, errs := form.DecodeTemplate(v, s.forLabels())
	t.ID = id
	if len(errs) == 0 {
		err = s.care.SavePlanTemplate(ctx, actor, &t)
		if err == nil {
			http.Redirect(w, r, "/careplan-templates#template-"+strconv.FormatInt(t.ID, 10), http.StatusSeeOther)
			return nil
		}
		fe, ok := fieldErrorsOf(err)
		if !ok {
			return err
		}
		errs = fe
	} else {
		mergeValidation(errs, t.Validate())
	}
	s.renderForm(w, r, http.StatusUnprocessableEntity, s.templatePage(r, title, v, errs, id))
	return nil
}
