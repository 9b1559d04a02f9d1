package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// TestGoalNeedsCare marks a goal as needing paid care in the plan's edit
// form: it is kept, shown on the plan page, kept by a save that does not
// touch it, and compared between versions.
func TestGoalNeedsCare(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		field := care.ItemField("goal", w.Goal, "needs_care")
		_, v := editPlan(t, w.CM, w.Fam, "physical")
		if v.Get(field) != "" {
			t.Fatalf("a new goal is marked: %q", v.Get(field))
		}
		v.Set(field, "1")
		redirectsTo(t, w.CM.Post(w.CMPath("/physical"), v), w.CMPath("#physical"), "mark the goal")
		plan := storedPlan(t, a, w.Fam)
		if g := plan.Section(care.DimPhysical).Goals; len(g) != 1 || !g[0].NeedsCare || plan.Version != 3 {
			t.Fatalf("goals %+v in version %d", g, plan.Version)
		}
		for who, c := range map[string]*client{"case manager": w.CM, "parent": w.Parent} {
			path := w.CMPath("")
			if who == "parent" {
				path = w.MyPath("")
			}
			if got := c.Get(path).Within("needs-care-" + w.Goal); got != "Vraagt zorg die betaald moet worden" {
				t.Errorf("%s's plan page: %q", who, got)
			}
		}
		// The form shows it checked; a save of the situation keeps it.
		_, v = editPlan(t, w.CM, w.Fam, "physical")
		if v.Get(field) != "1" {
			t.Fatalf("the form lost the mark: %q", v.Get(field))
		}
		v.Set("situation", "Rustiger 's nachts")
		redirectsTo(t, w.CM.Post(w.CMPath("/physical"), v), w.CMPath("#physical"), "save the situation")
		if g := storedPlan(t, a, w.Fam).Section(care.DimPhysical).Goals; !g[0].NeedsCare {
			t.Error("a save that kept the box checked dropped the mark")
		}
		// Versions 2 and 3 differ in the mark, in words.
		p := w.CM.Get(w.CMPath("/compare?a=2&b=3"))
		mustStatus(t, p, http.StatusOK, "compare")
		if got := p.Within("compare-table"); !strings.Contains(got, "Vraagt zorg of ondersteuning die betaald moet worden") || !strings.Contains(got, "ja") {
			t.Errorf("comparison lacks the mark: %q", got)
		}
		// Unchecking takes it away.
		_, v = editPlan(t, w.CM, w.Fam, "physical")
		v.Del(field)
		redirectsTo(t, w.CM.Post(w.CMPath("/physical"), v), w.CMPath("#physical"), "unmark")
		if g := storedPlan(t, a, w.Fam).Section(care.DimPhysical).Goals; g[0].NeedsCare {
			t.Error("unchecked, the goal still needs care")
		}
	})
}
