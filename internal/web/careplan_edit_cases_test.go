package web

import (
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// carePlanEditCases returns a test case per care plan editing template
// (templates list and any others) and its variants: every part's form,
// filled from a plan with every kind of item, one with field errors and a
// conflict, the template form and the choice of template.
func carePlanEditCases(s *Server, base func(string) BasePage) map[string]any {
	today := care.DateOf(time.Now())
	by := care.Person{AccountID: 1, Name: "Carla"}
	plan := care.NewPlan(7, care.DefaultTemplate(), today)
	plan.Version, plan.SavedAt, plan.SavedBy = 3, time.Now(), by
	plan.Wishes, plan.Matters = "Thuis zijn", "Samen eten"
	sec := plan.Section(care.DimPhysical)
	sec.Situation = "Stabiel"
	sec.Problems = []care.PlanItem{{ID: "i20", For: "child", Text: "Benauwd", ICD10: "G71.0"}}
	sec.Goals = []care.PlanItem{{ID: "i21", For: "parents", Text: "Rust"}}
	sec.Agreements = []care.PlanItem{{ID: "i22", For: "family", Text: "Bellen"}}
	plan.ACP.Conversations = []care.Conversation{{ID: "i23", Date: today, Participants: "Ouders", Topics: "Reanimatie", Record: "HIX"}}
	plan.ACP.Directives[0] = care.Directive{Kind: "resuscitation", Decision: "no", Date: today, AgreedBy: "Ouders en kinderarts"}
	plan.ACP.PlaceOfDeath = care.Preference{Place: "not_now"}
	plan.DiscussedOn = today
	pf := &care.PlanFile{Family: care.Family{ID: 7, ChildName: "Sam"}, Plan: plan, Viewer: care.ViewerCaseManager,
		Actions: []care.Task{{ID: 5, Title: "Rolstoel", OwnerKind: "network", OwnerName: "Thuiszorg", DueDate: today, Status: "open",
			PlanDimension: care.DimPhysical, PlanGoal: "i21"}}}
	formPage := func(title string, v url.Values, errs Fields) *FormPage {
		b := base(title)
		return &FormPage{CarePage: CarePage{BasePage: b, Today: today}, Builder: form.NewBuilder(b.translator, v, errs), Submit: "form.save", Heading: title}
	}
	cases := map[string]any{}
	for _, name := range append(append([]string{"wishes"}, dimensionNames()...), "acp", "review") {
		part, _ := planPartNamed(name)
		v := part.encode(plan)
		v.Set("version", "3")
		p := formPage(part.title, v, nil)
		part.fill(p, pf)
		cases["family_form_"+name] = p
	}
	// A dimension sent back with an error at every kind of field and a
	// conflict; the ACP form with its errors.
	part, _ := planPartNamed("physical")
	v := part.encode(plan)
	v.Set("version", "2")
	v.Set("goal_new_text", "Naar school")
	v.Set("action_new_goal", care.NewGoal)
	errs := Fields{"situation": "field.too_long", "problem_i20_icd10": "family.icd10_invalid", "goal_new_text": "field.required",
		"action_new_title": "field.required", "action_new_goal": "careplan.edit.no_new_goal", "action_new_due_date": "date.invalid"}
	p := formPage(part.title, v, errs)
	part.fill(p, pf)
	p.Alert = conflictAlert(p, 7, "physical", 2, care.PlanVersionInfo{Version: 3, SavedAt: time.Now(), SavedBy: by})
	cases["family_form_conflict"] = p
	part, _ = planPartNamed("acp")
	v = part.encode(plan)
	p = formPage(part.title, v, Fields{"conversation_new_participants": "field.required", "directive_ventilation_date": "field.required",
		"place_of_death": "field.choose", "scenario_i1_topic": "field.choose"})
	part.fill(p, pf)
	p.Alert = strayErrors(&FormPage{CarePage: p.CarePage, Builder: form.NewBuilder(p.translator, nil, Fields{"discussed_on": "careplan.before_birth", "goal_i21_text": "field.required", "x": "y"})}, plan)
	cases["family_form_acperrors"] = p

	tmpl := care.PlanTemplate{ID: 4, Name: "Neuromusculair", ReviewMonths: 2, Scenarios: []string{"school", "other"}, UpdatedAt: time.Now(), UpdatedBy: by,
		Sections: []care.PlanSection{{Dimension: care.DimSocial, Goals: []care.PlanItem{{For: "child", Text: "Vriendjes"}, {For: "parents", Text: "Respijt"}}}}}
	tr := base("").translator
	p = formPage("careplan.tmpl.edit_title", form.EncodeTemplate(&tmpl, tr, s.forLabels()), Fields{"name": "field.required", "goals_social": "field.too_long", "scenarios": "field.choose"})
	templateForm(p, 4)
	cases["family_form_template"] = p
	p = formPage("careplan.edit.start_title", url.Values{"template_id": {"x"}}, Fields{"template_id": "field.choose"})
	p.Section("", templateChoice(p, []care.PlanTemplate{tmpl}))
	cases["family_form_start"] = p

	cases["careplan_templates"] = &TemplatesPage{CarePage: CarePage{BasePage: base("careplan.tmpl.list_title"), Today: today},
		Default: care.DefaultTemplate(), Templates: []care.PlanTemplate{tmpl}}
	cases["careplan_templates_none"] = &TemplatesPage{CarePage: CarePage{BasePage: base("careplan.tmpl.list_title"), Today: today},
		Default: care.DefaultTemplate()}
	return cases
}
