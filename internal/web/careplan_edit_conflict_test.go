package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestCarePlanConcurrentEdit has the family's KCT and thuis case managers
// edit the same dimension from the same version: the first save wins, the
// second is refused with who saved what and when, everything typed kept
// and the old version still in the form, so saving again is refused again.
// Nothing is overwritten.
func TestCarePlanConcurrentEdit(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		carla, _ := a.CaseManager("carla@example.org")
		joost, joostAcc := a.CaseManager("joost@example.org")
		id := startedPlan(t, carla, "Daan")
		redirectsTo(t, carla.Post(familyPath(id, "/casemanagers"), url.Values{"kind": {"thuis"}, "account": {itoa(joostAcc.ID)}}),
			familyPath(id, "#casemanagers"), "assign the thuis case manager")

		_, first := editPlan(t, carla, id, "physical")
		_, second := editPlan(t, joost, id, "physical")
		if first.Get("version") != "1" || second.Get("version") != "1" {
			t.Fatalf("both start from version 1: %q, %q", first.Get("version"), second.Get("version"))
		}
		first.Set("goal_new_text", "Comfortabel ademen")
		redirectsTo(t, carla.Post(planPath(id, "/physical"), first), planPath(id, "#physical"), "the first save")

		second.Set("situation", "Slaapt slecht sinds de opname")
		second.Set("agreement_new_text", "Nachtzorg twee keer per week")
		second.Set("action_new_title", "Nachtzorg aanvragen")
		p := joost.Post(planPath(id, "/physical"), second)
		mustStatus(t, p, http.StatusConflict, "the second save")
		box := p.ByID("conflict")
		if box == nil || attr(box, "role") != "alert" {
			t.Fatal("no conflict box with role=alert")
		}
		msg := text(box)
		for _, want := range []string{"Naam carla", "versie 2", "niet opgeslagen"} {
			if !strings.Contains(msg, want) {
				t.Errorf("conflict message %q lacks %q", msg, want)
			}
		}
		if got := attr(p.ByID("conflict-compare"), "href"); got != planPath(id, "/compare?a=1&b=2") || text(p.ByID("conflict-compare")) != "Bekijk de andere wijziging" {
			t.Errorf("compare link %q %q", got, text(p.ByID("conflict-compare")))
		}
		if got := attr(p.ByID("conflict-restart"), "href"); got != planPath(id, "/physical/edit") || text(p.ByID("conflict-restart")) != "Opnieuw beginnen vanaf versie 2" {
			t.Errorf("restart link %q %q", got, text(p.ByID("conflict-restart")))
		}
		again := p.FormFields(t, "careplan-form")
		if again.Get("version") != "1" || p.Value("situation") != "Slaapt slecht sinds de opname" ||
			p.Value("agreement_new_text") != "Nachtzorg twee keer per week" || p.Value("action_new_title") != "Nachtzorg aanvragen" {
			t.Errorf("the form after the conflict: version %q, situation %q, agreement %q, action %q",
				again.Get("version"), p.Value("situation"), p.Value("agreement_new_text"), p.Value("action_new_title"))
		}

		check := func(when string) {
			t.Helper()
			plan := storedPlan(t, a, id)
			sec := plan.Section(care.DimPhysical)
			if plan.Version != 2 || len(sec.Goals) != 1 || sec.Goals[0].Text != "Comfortabel ademen" || sec.Situation != "" || len(sec.Agreements) != 0 {
				t.Errorf("%s: version %d, %+v", when, plan.Version, sec)
			}
			file, err := a.Store.FamilyFile(t.Context(), id, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, task := range file.Tasks {
				if task.Title == "Nachtzorg aanvragen" {
					t.Errorf("%s: the refused save made a task", when)
				}
			}
		}
		check("after the refused save")
		// Saving the same form again is refused again.
		mustStatus(t, joost.Post(planPath(id, "/physical"), again), http.StatusConflict, "saving the refused form again")
		check("after saving the refused form again")
		// A stale form with mistakes still says first that someone else saved.
		mustStatus(t, joost.Post(planPath(id, "/physical"), with(again, "problem_new_icd10", "XYZ")), http.StatusConflict, "a stale form with a mistake")
		check("after a stale form with a mistake")

		// Starting again from version 2 keeps the other change.
		p, fresh := editPlan(t, joost, id, "physical")
		if fresh.Get("version") != "2" || p.ByID("conflict") != nil {
			t.Fatalf("the fresh form: version %q", fresh.Get("version"))
		}
		fresh.Set("situation", "Slaapt slecht sinds de opname")
		redirectsTo(t, joost.Post(planPath(id, "/physical"), fresh), planPath(id, "#physical"), "save from version 2")
		plan := storedPlan(t, a, id)
		sec := plan.Section(care.DimPhysical)
		if plan.Version != 3 || plan.SavedBy.AccountID != joostAcc.ID || len(sec.Goals) != 1 || sec.Situation != "Slaapt slecht sinds de opname" {
			t.Errorf("version 3: %d by %d, %+v", plan.Version, plan.SavedBy.AccountID, sec)
		}
		// The ACP and the other parts conflict the same way.
		_, acp := editPlan(t, carla, id, "acp")
		_, review := editPlan(t, joost, id, "review")
		redirectsTo(t, joost.Post(planPath(id, "/review"), with(review, "review_months", "4")), planPath(id, "#review"), "review by the thuis case manager")
		p = carla.Post(planPath(id, "/acp"), with(acp, "place_of_death", "home"))
		mustStatus(t, p, http.StatusConflict, "a stale ACP form")
		if !strings.Contains(p.Within("conflict"), "Naam joost") || attr(p.ByID("conflict-compare"), "href") != planPath(id, "/compare?a=3&b=4") ||
			p.Selected("place_of_death") != "home" {
			t.Errorf("ACP conflict: %q, %q", p.Within("conflict"), attr(p.ByID("conflict-compare"), "href"))
		}
		if got := storedPlan(t, a, id); got.Version != 4 || got.ACP.PlaceOfDeath.Place != "not_discussed" || got.ReviewMonths != 4 {
			t.Errorf("after the refused ACP save: version %d, place %q, months %d", got.Version, got.ACP.PlaceOfDeath.Place, got.ReviewMonths)
		}
	})
}
