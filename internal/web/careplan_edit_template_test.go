package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// otherOrgCaseManager is a case manager of a second organisation, logged in.
func otherOrgCaseManager(t *testing.T, a *app, email string) *client {
	t.Helper()
	ctx := context.Background()
	org, err := a.Store.CreateOrganisation(ctx, "Ander KCT", a.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	acc, err := a.Auth.CreateAccount(ctx, auth.NewAccount{OrganisationID: org, Email: email, Name: "Naam ander", Role: care.RoleCaseManager, Password: password})
	if err != nil {
		t.Fatal(err)
	}
	e, err := auth.NewEnrolment("Spil", email)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Store.SetAccountTOTP(ctx, acc.ID, e.Secret, 0, nil); err != nil {
		t.Fatal(err)
	}
	c := a.Client()
	c.Login(email, e.Secret)
	return c
}

func TestCarePlanTemplates(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		p := c.Get("/careplan-templates")
		mustStatus(t, p, http.StatusOK, "the list")
		if !strings.Contains(p.Within("template-default"), "Standaard: vijf dimensies") || p.ByID("no-templates") == nil ||
			attr(p.ByID("template-new"), "href") != "/careplan-templates/new" {
			t.Errorf("an empty list: %q", p.Within("templates"))
		}
		if find(p.ByID("template-default"), isLink) != nil {
			t.Error("the default template has an edit link")
		}

		p = c.Get("/careplan-templates/new")
		mustStatus(t, p, http.StatusOK, "new template")
		v := p.FormFields(t, "careplan-template-form")
		if v.Get("review_months") != "3" || v.Get("scenario_school") != "1" || v.Get("scenario_other") != "" || attr(p.ByID("careplan-template-form"), "action") != "/careplan-templates" {
			t.Errorf("a new template starts as the default: %v", v)
		}
		if !strings.Contains(p.HTML, "persoonsgegevens") {
			t.Error("no warning against personal data")
		}

		// Mistakes come back next to their fields, with what was typed.
		bad := with(v, "name", "", "review_months", "13", "goals_social", strings.Repeat("Een doel\n", 31), "agreements_physical", "Ouders:")
		p = c.Post("/careplan-templates", bad)
		mustStatus(t, p, http.StatusUnprocessableEntity, "a bad template")
		for field, want := range map[string]string{"name": "Vul dit veld in.", "review_months": "Kies 1 tot en met 12 maanden.",
			"goals_social": "Dat zijn te veel regels; houd het bij 30.", "agreements_physical": "Vul dit veld in."} {
			if got := p.FieldError(field); got != want {
				t.Errorf("%s: %q, want %q", field, got, want)
			}
		}
		if p.Value("goals_social") != bad.Get("goals_social") || p.Value("review_months") != "13" {
			t.Error("the typed values are gone")
		}
		if list, _ := a.Store.PlanTemplates(context.Background(), a.Org); len(list) != 0 {
			t.Fatalf("a refused template was saved: %+v", list)
		}

		good := with(v, "name", "Neuromusculair", "review_months", "2",
			"goals_physical", "Comfortabel ademen\r\nouders: Weten wie ze 's nachts bellen\n\n",
			"agreements_social", "Het hele gezin: Eén vast aanspreekpunt", "scenario_home", "", "scenario_adulthood", "", "scenario_end_of_life", "",
			"scenario_other", "1")
		p = c.Post("/careplan-templates", good)
		list, err := a.Store.PlanTemplates(context.Background(), a.Org)
		if err != nil || len(list) != 1 {
			t.Fatalf("templates %+v, %v", list, err)
		}
		tmpl := list[0]
		redirectsTo(t, p, "/careplan-templates#template-"+itoa(tmpl.ID), "save the template")
		var physical, social care.PlanSection
		for _, s := range tmpl.Sections {
			switch s.Dimension {
			case care.DimPhysical:
				physical = s
			case care.DimSocial:
				social = s
			}
		}
		wantGoals := []care.PlanItem{{For: "child", Text: "Comfortabel ademen"}, {For: "parents", Text: "Weten wie ze 's nachts bellen"}}
		if tmpl.Name != "Neuromusculair" || tmpl.ReviewMonths != 2 || !slices.Equal(physical.Goals, wantGoals) ||
			!slices.Equal(social.Agreements, []care.PlanItem{{For: "family", Text: "Eén vast aanspreekpunt"}}) ||
			!slices.Equal(tmpl.Scenarios, []string{"school", "deterioration", "other"}) {
			t.Fatalf("saved template %+v", tmpl)
		}

		p = c.Get("/careplan-templates")
		if got := attr(find(p.ByID("template-"+itoa(tmpl.ID)), isLink), "href"); got != "/careplan-templates/"+itoa(tmpl.ID)+"/edit" ||
			p.ByID("no-templates") != nil || !strings.Contains(p.Within("template-"+itoa(tmpl.ID)), "Neuromusculair") {
			t.Errorf("the list: link %q, %q", got, p.Within("templates"))
		}
		p = c.Get("/careplan-templates/" + itoa(tmpl.ID) + "/edit")
		mustStatus(t, p, http.StatusOK, "edit the template")
		v = p.FormFields(t, "careplan-template-form")
		if v.Get("goals_physical") != "Comfortabel ademen\nOuders: Weten wie ze 's nachts bellen" ||
			v.Get("agreements_social") != "Het hele gezin: Eén vast aanspreekpunt" || v.Get("scenario_other") != "1" || v.Get("scenario_home") != "" {
			t.Errorf("the edit form %v", v)
		}
		redirectsTo(t, c.Post("/careplan-templates/"+itoa(tmpl.ID), with(v, "name", "Neuromusculair (SMA)")),
			"/careplan-templates#template-"+itoa(tmpl.ID), "update the template")
		if got, _ := a.Store.PlanTemplate(context.Background(), a.Org, tmpl.ID); got == nil || got.Name != "Neuromusculair (SMA)" || !slices.Equal(got.Sections[0].Goals, wantGoals) {
			t.Errorf("updated template %+v", got)
		}
		if list, _ := a.Store.PlanTemplates(context.Background(), a.Org); len(list) != 1 {
			t.Errorf("updating added a template: %d", len(list))
		}

		// Another organisation's case manager cannot see or change it.
		other := otherOrgCaseManager(t, a, "ander@example.org")
		mustStatus(t, other.Get("/careplan-templates/"+itoa(tmpl.ID)+"/edit"), http.StatusNotFound, "another organisation's template")
		mustStatus(t, other.Post("/careplan-templates/"+itoa(tmpl.ID), with(v, "name", "Overgenomen")), http.StatusNotFound, "change another organisation's template")
		if p := other.Get("/careplan-templates"); strings.Contains(p.HTML, "Neuromusculair") {
			t.Error("another organisation lists the template")
		}
		for _, path := range []string{"/careplan-templates/999999/edit", "/careplan-templates/x/edit", "/careplan-templates/0/edit"} {
			mustStatus(t, c.Get(path), http.StatusNotFound, path)
		}
		if got, _ := a.Store.PlanTemplate(context.Background(), a.Org, tmpl.ID); got.Name != "Neuromusculair (SMA)" {
			t.Errorf("the template was changed to %q", got.Name)
		}

		// A plan started from the template carries its goals and scenarios.
		id := c.CreateFamily(intake("Noor", a.Day(-4, 0, 0)))
		redirectsTo(t, c.Post(planPath(id, ""), url.Values{"template_id": {strconv.FormatInt(tmpl.ID, 10)}}), planPath(id, ""), "start from the template")
		plan := storedPlan(t, a, id)
		topics := []string{}
		for _, s := range plan.ACP.Scenarios {
			topics = append(topics, s.Topic)
		}
		goals := plan.Section(care.DimPhysical).Goals
		if plan.Template != "Neuromusculair (SMA)" || plan.ReviewMonths != 2 || len(goals) != 2 || goals[1].For != "parents" || goals[0].ID == "" ||
			!slices.Equal(topics, []string{"school", "deterioration", "other"}) || plan.ReviewDue.Format("2006-01-02") != a.Day(0, 2, 0) {
			t.Errorf("plan from the template: %q every %d months, goals %+v, scenarios %v", plan.Template, plan.ReviewMonths, goals, topics)
		}
		// The other organisation cannot start a plan from it either.
		p = other.Post(planPath(id, ""), url.Values{"template_id": {itoa(tmpl.ID)}})
		mustStatus(t, p, http.StatusNotFound, "another organisation starting a plan")
	})
}

func isLink(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "a" }
