package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// planPath is a path under a family's care plan.
func planPath(id int64, rest string) string { return familyPath(id, "/careplan"+rest) }

// startedPlan creates a family with a started care plan (the default
// template) and returns its id.
func startedPlan(t *testing.T, c *client, child string) int64 {
	t.Helper()
	id := c.CreateFamily(intake(child, c.App.Day(-8, 0, 0)))
	redirectsTo(t, c.Post(planPath(id, ""), url.Values{"template_id": {"0"}}), planPath(id, ""), "start the plan")
	return id
}

// storedPlan is the current plan as the store has it.
func storedPlan(t *testing.T, a *app, id int64) *care.CarePlan {
	t.Helper()
	p, err := a.Store.CarePlan(context.Background(), id)
	if err != nil || p == nil {
		t.Fatalf("care plan of %d: %v, %v", id, p, err)
	}
	return p
}

// editPlan opens the form of a part and fails unless it is there.
func editPlan(t *testing.T, c *client, id int64, part string) (*page, url.Values) {
	t.Helper()
	p := c.Get(planPath(id, "/"+part+"/edit"))
	mustStatus(t, p, http.StatusOK, "edit "+part)
	return p, p.FormFields(t, "careplan-form")
}

func TestCarePlanStart(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := c.CreateFamily(intake("Daan", a.Day(-8, 0, 0)))
		// Nothing to edit before the plan is started: the plan page offers it.
		redirectsTo(t, c.Get(planPath(id, "/physical/edit")), planPath(id, ""), "edit before the start")

		p := c.Post(planPath(id, ""), url.Values{"template_id": {"abc"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "start with an unreadable template")
		if p.FieldError("template_id") != "Kies een van de mogelijkheden." || p.Selected("template_id") != "0" {
			t.Errorf("template error %q, chosen %q", p.FieldError("template_id"), p.Selected("template_id"))
		}
		mustStatus(t, c.Post(planPath(id, ""), url.Values{"template_id": {"999999"}}), http.StatusUnprocessableEntity, "start with another template")
		if plan, err := a.Store.CarePlan(context.Background(), id); err != nil || plan != nil {
			t.Fatalf("after refused starts: %+v, %v", plan, err)
		}

		redirectsTo(t, c.Post(planPath(id, ""), url.Values{}), planPath(id, ""), "start")
		// A double submit shows the plan and starts nothing new.
		redirectsTo(t, c.Post(planPath(id, ""), url.Values{"template_id": {"0"}}), planPath(id, ""), "start twice")
		plan := storedPlan(t, a, id)
		if plan.Version != 1 || len(plan.Sections) != 5 || len(plan.ACP.Scenarios) != 5 || plan.ReviewMonths != 3 {
			t.Errorf("started plan: version %d, %d sections, %d scenarios, review every %d months",
				plan.Version, len(plan.Sections), len(plan.ACP.Scenarios), plan.ReviewMonths)
		}

		for _, part := range []string{"wishes", "physical", "psychological", "social", "pedagogical", "spiritual", "acp", "review"} {
			p, v := editPlan(t, c, id, part)
			form := p.ByID("careplan-form")
			if attr(form, "action") != planPath(id, "/"+part) || v.Get("version") != "1" {
				t.Errorf("%s: form posts to %q with version %q", part, attr(form, "action"), v.Get("version"))
			}
			if p.InlineScripts() != 0 || p.ByID("conflict") != nil || p.ByID("error-summary") != nil {
				t.Errorf("%s: a fresh form with scripts, a conflict or errors", part)
			}
		}
		for _, path := range []string{"/bogus/edit", "/Physical/edit", "/versions/edit"} {
			mustStatus(t, c.Get(planPath(id, path)), http.StatusNotFound, "GET "+path)
		}
		mustStatus(t, c.Post(planPath(id, "/bogus"), url.Values{"version": {"1"}}), http.StatusNotFound, "POST to an unknown part")
		mustStatus(t, c.Post(planPath(id, "/physical"), url.Values{"situation": {"x"}}), http.StatusBadRequest, "POST without a version")
		if storedPlan(t, a, id).Version != 1 {
			t.Error("a refused save made a version")
		}
	})
}

func TestCarePlanDimensionSave(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, carla := a.CaseManager("carla@example.org")
		id := startedPlan(t, c, "Daan")
		ctx := context.Background()
		home := &care.NetworkMember{FamilyID: id, Name: "Thuiszorg Noord", Role: "homecare", Line: 1}
		if err := a.Store.SaveNetworkMember(ctx, home); err != nil {
			t.Fatal(err)
		}
		other := c.CreateFamily(intake("Noor", a.Day(-5, 0, 0)))
		elsewhere := &care.NetworkMember{FamilyID: other, Name: "Thuiszorg Zuid", Role: "homecare", Line: 1}
		if err := a.Store.SaveNetworkMember(ctx, elsewhere); err != nil {
			t.Fatal(err)
		}
		p, v := editPlan(t, c, id, "physical")
		pick := care.TaskOwner{Kind: care.OwnerNetwork, ID: home.ID}.String()
		if got := p.Options("action_new_owner"); !slices.Contains(got, pick) || p.Selected("action_new_owner") != "casemanager:"+itoa(carla.ID) {
			t.Errorf("owner choices %v, selected %q: want the network's home care, and the case manager first", got, p.Selected("action_new_owner"))
		}

		// Someone of another family's network is refused, nothing is saved.
		foreign := url.Values{}
		for k, vals := range v {
			foreign[k] = vals
		}
		foreign.Set("action_new_title", "Zuurstof thuis aanvragen")
		foreign.Set("action_new_owner", care.TaskOwner{Kind: care.OwnerNetwork, ID: elsewhere.ID}.String())
		refused := c.Post(planPath(id, "/physical"), foreign)
		mustStatus(t, refused, http.StatusUnprocessableEntity, "an action for another family's provider")
		if got := refused.FieldError("action_new_owner"); got == "" || refused.Value("action_new_title") != "Zuurstof thuis aanvragen" {
			t.Errorf("refused owner: message %q, title kept %q", got, refused.Value("action_new_title"))
		}
		if storedPlan(t, a, id).Version != 1 {
			t.Error("a refused action saved a version")
		}

		due := a.Day(0, 0, 14)
		for k, val := range map[string]string{
			"situation":        "Benauwd bij inspanning",
			"problem_new_text": "Benauwdheid 's nachts", "problem_new_icd10": "r06.0", "problem_new_for": "child",
			"goal_new_text": "Rustig doorslapen", "goal_new_for": "child",
			"agreement_new_text": "Ouders bellen bij koorts", "agreement_new_for": "parents",
			"action_new_title": "Zuurstof thuis aanvragen", "action_new_owner": pick,
			"action_new_due_date": due, "action_new_goal": care.NewGoal,
		} {
			v.Set(k, val)
		}
		redirectsTo(t, c.Post(planPath(id, "/physical"), v), planPath(id, "#physical"), "save physical")

		plan := storedPlan(t, a, id)
		sec := plan.Section(care.DimPhysical)
		if plan.Version != 2 || !slices.Equal(plan.Changes, []string{"physical"}) || sec.Situation != "Benauwd bij inspanning" {
			t.Fatalf("version %d changes %v situation %q", plan.Version, plan.Changes, sec.Situation)
		}
		if len(sec.Problems) != 1 || sec.Problems[0].ICD10 != "R06.0" || len(sec.Goals) != 1 || sec.Goals[0].Text != "Rustig doorslapen" ||
			len(sec.Agreements) != 1 || sec.Agreements[0].For != "parents" {
			t.Fatalf("physical: %+v", sec)
		}
		goal := sec.Goals[0].ID
		file, err := a.Store.FamilyFile(ctx, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		var task *care.Task
		for i := range file.Tasks {
			if file.Tasks[i].Title == "Zuurstof thuis aanvragen" {
				task = &file.Tasks[i]
			}
		}
		if task == nil || task.PlanDimension != care.DimPhysical || task.PlanGoal != goal || task.OwnerKind != "network" ||
			task.NetworkMemberID != home.ID || task.OwnerName != "Thuiszorg Noord" || task.DueDate.Format(time.DateOnly) != due || task.Status != "open" {
			t.Fatalf("action task %+v, want linked to physical and goal %s", task, goal)
		}
		if len(sec.Actions) != 1 || sec.Actions[0].TaskID != task.ID || sec.Actions[0].Goal != goal {
			t.Errorf("the version's actions %+v", sec.Actions)
		}
		// The other dimensions are as they were.
		if s := plan.Section(care.DimSocial); s.Situation != "" || len(s.Goals) != 0 {
			t.Errorf("social changed: %+v", s)
		}

		// The form shows what was stored, the action, and offers the goal.
		p, v = editPlan(t, c, id, "physical")
		prob := sec.Problems[0].ID
		if v.Get("version") != "2" || p.Value("situation") != "Benauwd bij inspanning" || p.Value("goal_"+goal+"_text") != "Rustig doorslapen" ||
			p.Value("problem_"+prob+"_icd10") != "R06.0" || p.Selected("agreement_"+sec.Agreements[0].ID+"_for") != "parents" {
			t.Errorf("the form after saving: version %q, situation %q, goal %q, icd %q", v.Get("version"), p.Value("situation"),
				p.Value("goal_"+goal+"_text"), p.Value("problem_"+prob+"_icd10"))
		}
		if got := p.Within("actions"); !strings.Contains(got, "Zuurstof thuis aanvragen") || !strings.Contains(got, "Thuiszorg Noord") {
			t.Errorf("actions listed: %q", got)
		}
		if got := p.Options("action_new_goal"); !slices.Equal(got, []string{"", goal, care.NewGoal}) {
			t.Errorf("goal choices %v", got)
		}
		if p.ByID("goal-"+goal) == nil || p.ByID("goal-new") == nil || p.ByID("goal_"+goal+"_remove") == nil || p.ByID("goal_new_remove") != nil {
			t.Error("the goal and the new row are not drawn as their own groups")
		}

		// Saving unchanged adds no version; removing an item does.
		redirectsTo(t, c.Post(planPath(id, "/physical"), v), planPath(id, "#physical"), "save unchanged")
		if got := storedPlan(t, a, id).Version; got != 2 {
			t.Fatalf("an unchanged save made version %d", got)
		}
		v.Set("goal_"+goal+"_remove", "1")
		v.Set("goal_"+goal+"_text", "") // a removed item needs no text
		redirectsTo(t, c.Post(planPath(id, "/physical"), v), planPath(id, "#physical"), "remove the goal")
		plan = storedPlan(t, a, id)
		sec = plan.Section(care.DimPhysical)
		if plan.Version != 3 || len(sec.Goals) != 0 || len(sec.Problems) != 1 || len(sec.Agreements) != 1 {
			t.Errorf("after removing: version %d, %+v", plan.Version, sec)
		}
		// An action for an existing goal.
		_, v = editPlan(t, c, id, "physical")
		v.Set("goal_new_text", "Naar school kunnen")
		redirectsTo(t, c.Post(planPath(id, "/physical"), v), planPath(id, "#physical"), "a new goal")
		goal = storedPlan(t, a, id).Section(care.DimPhysical).Goals[0].ID
		_, v = editPlan(t, c, id, "physical")
		v.Set("action_new_title", "Vervoer regelen")
		v.Set("action_new_goal", goal)
		redirectsTo(t, c.Post(planPath(id, "/physical"), v), planPath(id, "#physical"), "an action for an existing goal")
		file, _ = a.Store.FamilyFile(context.Background(), id, 0)
		found := false
		for _, tk := range file.Tasks {
			found = found || tk.Title == "Vervoer regelen" && tk.PlanGoal == goal && tk.OwnerKind == "casemanager" && tk.OwnerAccountID == carla.ID
		}
		if !found {
			t.Errorf("no task for goal %s in %+v", goal, file.Tasks)
		}
	})
}

func TestCarePlanACPSave(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := startedPlan(t, c, "Daan")
		p, v := editPlan(t, c, id, "acp")
		// The plan starts with the default scenarios and the four directives "not discussed".
		if p.CheckedValue("directive_resuscitation_decision") != "not_discussed" || p.Selected("place_of_death") != "not_discussed" {
			t.Errorf("a new plan's ACP form: %q, %q", p.CheckedValue("directive_resuscitation_decision"), p.Selected("place_of_death"))
		}
		day := a.Day(0, 0, -3)
		for k, val := range map[string]string{
			"conversation_new_date": day, "conversation_new_participants": "Ouders, kinderarts, casemanager",
			"conversation_new_topics": "Reanimatie en plek van zorg", "conversation_new_record": "Verslag in HiX",
			"directive_resuscitation_decision": "no", "directive_resuscitation_date": day,
			"directive_resuscitation_agreed_by": "Ouders en kinderarts", "directive_resuscitation_detail": "Wel comfortzorg",
			"place_of_death": "home", "place_of_care": "not_now", "care_wishes": "Muziek op de kamer",
			"scenario_new_topic": "other", "scenario_new_what_if": "Als de zus jarig is", "scenario_new_arranged": "Feest thuis",
		} {
			v.Set(k, val)
		}
		redirectsTo(t, c.Post(planPath(id, "/acp"), v), planPath(id, "#acp"), "save the ACP")
		plan := storedPlan(t, a, id)
		acp := plan.ACP
		if plan.Version != 2 || !slices.Equal(plan.Changes, []string{"acp"}) {
			t.Fatalf("version %d, changes %v", plan.Version, plan.Changes)
		}
		if len(acp.Conversations) != 1 || acp.Conversations[0].Participants != "Ouders, kinderarts, casemanager" ||
			acp.Conversations[0].Date.Format(time.DateOnly) != day || acp.Conversations[0].Record != "Verslag in HiX" {
			t.Errorf("conversations %+v", acp.Conversations)
		}
		r := acp.Directive("resuscitation")
		if r.Decision != "no" || r.Date.Format(time.DateOnly) != day || r.AgreedBy != "Ouders en kinderarts" || r.Detail != "Wel comfortzorg" {
			t.Errorf("resuscitation %+v", r)
		}
		if len(acp.Directives) != 4 || acp.Directive("ventilation").Decision != "not_discussed" {
			t.Errorf("directives %+v: an untouched 'other' is not added, the rest stays", acp.Directives)
		}
		if acp.PlaceOfDeath.Place != "home" || acp.PlaceOfCare.Place != "not_now" || acp.CareWishes != "Muziek op de kamer" {
			t.Errorf("places %+v %+v, wishes %q", acp.PlaceOfCare, acp.PlaceOfDeath, acp.CareWishes)
		}
		if len(acp.Scenarios) != 6 || acp.Scenarios[5].Topic != "other" || acp.Scenarios[5].Arranged != "Feest thuis" {
			t.Errorf("scenarios %+v", acp.Scenarios)
		}

		p, v = editPlan(t, c, id, "acp")
		conv := acp.Conversations[0].ID
		if p.Value("conversation_"+conv+"_participants") != "Ouders, kinderarts, casemanager" ||
			p.CheckedValue("directive_resuscitation_decision") != "no" || p.Value("directive_resuscitation_date") != day ||
			p.Selected("place_of_death") != "home" || p.Selected("place_of_care") != "not_now" {
			t.Errorf("the ACP form after saving: %q %q %q %q", p.Value("conversation_"+conv+"_participants"),
				p.CheckedValue("directive_resuscitation_decision"), p.Selected("place_of_death"), p.Selected("place_of_care"))
		}
		// Remove a scenario; add the "other" treatment.
		first := acp.Scenarios[0].ID
		v.Set("scenario_"+first+"_remove", "1")
		v.Set("directive_other_label", "Sondevoeding")
		v.Set("directive_other_decision", "yes_but")
		v.Set("directive_other_date", day)
		v.Set("directive_other_agreed_by", "Ouders")
		redirectsTo(t, c.Post(planPath(id, "/acp"), v), planPath(id, "#acp"), "remove a scenario")
		acp = storedPlan(t, a, id).ACP
		if len(acp.Scenarios) != 5 || slices.ContainsFunc(acp.Scenarios, func(s care.Scenario) bool { return s.ID == first }) {
			t.Errorf("scenarios after removing %s: %+v", first, acp.Scenarios)
		}
		if o := acp.Directive("other"); o.Label != "Sondevoeding" || o.Decision != "yes_but" || len(acp.Directives) != 5 {
			t.Errorf("other treatment %+v", o)
		}
	})
}

func TestCarePlanReviewAndWishes(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := startedPlan(t, c, "Daan")
		_, v := editPlan(t, c, id, "wishes")
		v.Set("wishes", "Zo lang mogelijk thuis.\nSamen op vakantie.")
		v.Set("matters", "Opa en oma dichtbij")
		redirectsTo(t, c.Post(planPath(id, "/wishes"), v), planPath(id, "#wishes"), "save wishes")
		p, _ := editPlan(t, c, id, "wishes")
		if p.Value("wishes") != "Zo lang mogelijk thuis.\nSamen op vakantie." || p.Value("matters") != "Opa en oma dichtbij" {
			t.Errorf("wishes %q, matters %q", p.Value("wishes"), p.Value("matters"))
		}

		p, v = editPlan(t, c, id, "review")
		if p.Value("review_months") != "3" || p.Value("review_due") != a.Day(0, 3, 0) || p.Value("discussed_on") != "" {
			t.Errorf("review form %q %q %q", p.Value("review_months"), p.Value("review_due"), p.Value("discussed_on"))
		}
		discussed := a.Day(0, 0, -1)
		v.Set("review_months", "6")
		v.Set("review_due", "")
		v.Set("discussed_on", discussed)
		redirectsTo(t, c.Post(planPath(id, "/review"), v), planPath(id, "#review"), "save review")
		plan := storedPlan(t, a, id)
		d, _ := time.Parse(time.DateOnly, discussed)
		if plan.ReviewMonths != 6 || !plan.ReviewDue.Equal(d.AddDate(0, 6, 0)) || !plan.DiscussedOn.Equal(d) || plan.Version != 3 {
			t.Errorf("review: every %d months, due %v, discussed %v, version %d", plan.ReviewMonths, plan.ReviewDue, plan.DiscussedOn, plan.Version)
		}
		_, v = editPlan(t, c, id, "review")
		v.Set("review_due", a.Day(0, 1, 0))
		redirectsTo(t, c.Post(planPath(id, "/review"), v), planPath(id, "#review"), "a chosen review date")
		if got := storedPlan(t, a, id).ReviewDue.Format(time.DateOnly); got != a.Day(0, 1, 0) {
			t.Errorf("review due %s", got)
		}
	})
}

// TestCarePlanBadInput sends each form with a mistake: the form comes back
// with 422, the message next to the field, everything typed still there,
// and no new version.
func TestCarePlanBadInput(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := startedPlan(t, c, "Daan")
		const (
			required = "Vul dit veld in."
			future   = "Deze datum ligt in de toekomst. Vul vandaag of een eerdere dag in."
			invalid  = "Vul een geldige datum in."
		)
		for _, tc := range []struct {
			name, part string
			set        []string          // name, value pairs
			want       map[string]string // field → message
			kept       []string          // fields whose typed text must be back
		}{
			{"empty participants", "acp", []string{"conversation_new_date", a.Day(0, 0, -1), "conversation_new_topics", "Wensen"},
				map[string]string{"conversation_new_participants": required}, []string{"conversation_new_topics", "conversation_new_date"}},
			{"future conversation", "acp", []string{"conversation_new_date", a.Day(0, 0, 2), "conversation_new_participants", "Ouders"},
				map[string]string{"conversation_new_date": future}, []string{"conversation_new_participants", "conversation_new_date"}},
			{"conversation before birth", "acp", []string{"conversation_new_date", a.Day(-9, 0, 0), "conversation_new_participants", "Ouders"},
				map[string]string{"conversation_new_date": "Deze datum ligt voor de geboortedatum."}, []string{"conversation_new_participants"}},
			{"unparseable date", "acp", []string{"conversation_new_date", "31-02-2025", "conversation_new_participants", "Ouders"},
				map[string]string{"conversation_new_date": invalid}, []string{"conversation_new_date", "conversation_new_participants"}},
			{"decision without date", "acp", []string{"directive_ventilation_decision", "yes_but", "directive_ventilation_detail", "Alleen kapbeademing"},
				map[string]string{"directive_ventilation_date": required, "directive_ventilation_agreed_by": required}, []string{"directive_ventilation_detail"}},
			{"other place without detail", "acp", []string{"place_of_care", "other", "care_wishes", "Rust"},
				map[string]string{"place_of_care_detail": required}, []string{"care_wishes"}},
			{"bad ICD-10", "physical", []string{"problem_new_text", "Epilepsie", "problem_new_icd10", "G4O", "situation", "Onrustig"},
				map[string]string{"problem_new_icd10": "Dit is geen geldige ICD-10-code. Een code ziet eruit als G71.0."}, []string{"problem_new_text", "situation"}},
			{"ICD-10 without text", "physical", []string{"problem_new_icd10", "G40.9"},
				map[string]string{"problem_new_text": required}, []string{"problem_new_icd10"}},
			{"action for a new goal that is not there", "social", []string{"action_new_title", "Bellen met school", "action_new_goal", "new"},
				map[string]string{"action_new_goal": "Vul hierboven eerst een nieuw doel in, of kies een ander doel."}, []string{"action_new_title"}},
			{"action without title", "social", []string{"action_new_due_date", c.App.Day(0, 0, 7), "goal_new_text", "Naar school"},
				map[string]string{"action_new_title": required}, []string{"action_new_due_date", "goal_new_text"}},
			{"action due long ago", "social", []string{"action_new_title", "Bellen", "action_new_due_date", a.Day(-2, 0, 0)},
				map[string]string{"action_new_due_date": "Deze datum ligt in het verleden. Kies een latere dag."}, []string{"action_new_title"}},
			{"review months 13", "review", []string{"review_months", "13", "discussed_on", a.Day(0, 0, -1)},
				map[string]string{"review_months": "Kies 1 tot en met 12 maanden."}, []string{"review_months", "discussed_on"}},
			{"review months not a number", "review", []string{"review_months", "drie"},
				map[string]string{"review_months": "Vul een heel getal in, zoals 45."}, []string{"review_months"}},
			{"unparseable discussed date", "review", []string{"discussed_on", "gisteren"},
				map[string]string{"discussed_on": invalid}, []string{"discussed_on"}},
			{"too long wishes", "wishes", []string{"wishes", strings.Repeat("a", care.MaxText+1), "matters", "Samen"},
				map[string]string{"wishes": "Deze tekst is te lang."}, []string{"matters"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, v := editPlan(t, c, id, tc.part)
				for i := 0; i+1 < len(tc.set); i += 2 {
					v.Set(tc.set[i], tc.set[i+1])
				}
				p := c.Post(planPath(id, "/"+tc.part), v)
				mustStatus(t, p, http.StatusUnprocessableEntity, tc.name)
				if p.ByID("error-summary") == nil || p.ByID("plan-errors") != nil {
					t.Error("no error summary, or errors of other parts")
				}
				for field, msg := range tc.want {
					if got := p.FieldError(field); got != msg {
						t.Errorf("%s: error %q, want %q", field, got, msg)
					}
					if attr(p.ByID(field), "aria-invalid") != "true" && p.ByID(field).Data != "fieldset" {
						t.Errorf("%s is not marked invalid", field)
					}
				}
				for _, field := range tc.kept {
					if got := p.Value(field); got != v.Get(field) {
						t.Errorf("%s: %q, want the typed %q", field, got, v.Get(field))
					}
				}
				if got := p.FormFields(t, "careplan-form").Get("version"); got != "1" {
					t.Errorf("the form came back with version %q", got)
				}
				if got := storedPlan(t, a, id).Version; got != 1 {
					t.Errorf("a refused save made version %d", got)
				}
			})
		}
	})
}

// TestCarePlanErrorsElsewhere: a conversation recorded before the date of
// birth was corrected to a later day makes the whole plan invalid. Saving
// another part then says where the problem is instead of failing without
// a visible reason.
func TestCarePlanErrorsElsewhere(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := startedPlan(t, c, "Daan")
		_, v := editPlan(t, c, id, "acp")
		v.Set("conversation_new_date", a.Day(-3, 0, 0))
		v.Set("conversation_new_participants", "Ouders")
		redirectsTo(t, c.Post(planPath(id, "/acp"), v), planPath(id, "#acp"), "save a conversation")

		e := c.Get(familyPath(id, "/edit"))
		child := url.Values{}
		for _, f := range []string{"child_name", "birth_date", "bsn", "diagnosis", "icd10", "living_situation", "culture_notes", "summary"} {
			child.Set(f, e.Value(f))
		}
		child.Set("sex", "female")
		child.Set("birth_date", a.Day(-1, 0, 0))
		redirectsTo(t, c.Post(familyPath(id, "/edit"), child), familyPath(id, ""), "correct the date of birth")

		_, v = editPlan(t, c, id, "wishes")
		p := c.Post(planPath(id, "/wishes"), with(v, "wishes", "Thuis zijn"))
		mustStatus(t, p, http.StatusUnprocessableEntity, "save the wishes")
		box := p.ByID("plan-errors")
		link := find(box, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "a" })
		if box == nil || attr(box, "role") != "alert" || attr(link, "href") != planPath(id, "/acp/edit") || text(link) != "Proactieve zorgplanning bewerken" {
			t.Errorf("the box about the other part: %q, link %q", text(box), attr(link, "href"))
		}
		if p.Value("wishes") != "Thuis zijn" || storedPlan(t, a, id).Version != 2 {
			t.Errorf("wishes %q, version %d", p.Value("wishes"), storedPlan(t, a, id).Version)
		}
		// The ACP form shows the error at the conversation itself.
		conv := storedPlan(t, a, id).ACP.Conversations[0].ID
		_, v = editPlan(t, c, id, "acp")
		p = c.Post(planPath(id, "/acp"), v)
		mustStatus(t, p, http.StatusUnprocessableEntity, "save the ACP")
		if got := p.FieldError("conversation_" + conv + "_date"); got != "Deze datum ligt voor de geboortedatum." || p.ByID("plan-errors") != nil {
			t.Errorf("conversation date error %q", got)
		}
	})
}
