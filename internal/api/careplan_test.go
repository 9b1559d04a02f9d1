package api_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

func TestAPICarePlan(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		path := apiFamilyPath(w.Fam, "/careplan")
		today := care.DateOf(a.Clock.Now())

		for who, c := range map[string]*client{"case manager": w.CM, "parent": w.Parent, "child": w.Child, "provider": w.GP} {
			v := apiWant(t, c.API(http.MethodGet, path, nil), http.StatusOK, "")
			if got := apiAt(v, "version"); got != 2.0 {
				t.Errorf("%s: version %v", who, got)
			}
			var dims []string
			for i := range 6 {
				if d, ok := apiAt(v, "dimensions", i, "dimension").(string); ok {
					dims = append(dims, d)
				}
			}
			if want := []string{"physical", "psychological", "social", "pedagogical", "spiritual"}; !slices.Equal(dims, want) {
				t.Errorf("%s: dimensions %v, want %v", who, dims, want)
			}
			if got := apiAt(v, "wishes"); got != sitetest.PlanWishes {
				t.Errorf("%s: wishes %v", who, got)
			}
		}

		v := apiWant(t, w.CM.API(http.MethodGet, path, nil), http.StatusOK, "")
		for _, c := range []struct {
			path []any
			want any
		}{
			{[]any{"saved_by", "name"}, "Naam cm"},
			{[]any{"changes", 0}, "wishes"},
			{[]any{"review", "months"}, 3.0},
			{[]any{"review", "due"}, today.AddDate(0, 0, -5).Format("2006-01-02")},
			{[]any{"review", "discussed_on"}, today.AddDate(0, 0, -100).Format("2006-01-02")},
			{[]any{"review", "overdue"}, true},
			{[]any{"dimensions", 0, "situation"}, "Benauwd 's nachts"},
			{[]any{"dimensions", 0, "problems", 0, "icd10"}, "R06.0"},
			{[]any{"dimensions", 0, "problems", 0, "for"}, "child"},
			{[]any{"dimensions", 0, "goals", 0, "id"}, w.Goal},
			{[]any{"dimensions", 0, "goals", 0, "text"}, sitetest.PlanGoal},
			{[]any{"dimensions", 0, "agreements", 0, "for"}, "parents"},
			{[]any{"dimensions", 0, "actions", 0, "task_id"}, float64(w.Action)},
			{[]any{"dimensions", 0, "actions", 0, "goal"}, w.Goal},
			{[]any{"dimensions", 0, "actions", 0, "title"}, sitetest.PlanAction},
			{[]any{"dimensions", 0, "actions", 0, "status"}, "open"},
			{[]any{"dimensions", 0, "actions", 0, "overdue"}, true},
			{[]any{"dimensions", 0, "actions", 0, "due_date"}, today.AddDate(0, 0, -3).Format("2006-01-02")},
			{[]any{"dimensions", 1, "problems"}, []any{}},
			{[]any{"dimensions", 1, "actions"}, []any{}},
			{[]any{"dimensions", 1, "situation"}, ""},
			{[]any{"acp", "place_of_death", "place"}, "not_now"},
			{[]any{"acp", "place_of_care", "place"}, "not_discussed"},
			{[]any{"acp", "care_wishes"}, "Muziek als ze onrustig is"},
			{[]any{"acp", "directives", 0, "kind"}, "resuscitation"},
			{[]any{"acp", "directives", 0, "decision"}, "no"},
			{[]any{"acp", "directives", 0, "agreed_by"}, "ouders en kinderarts"},
			{[]any{"acp", "directives", 1, "date"}, nil},
			{[]any{"acp", "conversations"}, []any{}},
			{[]any{"acp", "scenarios", 0, "topic"}, "school"},
		} {
			got := apiAt(v, c.path...)
			if !equalJSON(got, c.want) {
				t.Errorf("careplan %v = %#v, want %#v", c.path, got, c.want)
			}
		}
		// The caseload carries the review date, overdue here.
		list := apiWant(t, w.CM.API(http.MethodGet, "/api/v1/families", nil), http.StatusOK, "")
		found := false
		for i := 0; apiAt(list, "families", i) != nil; i++ {
			if apiAt(list, "families", i, "id") != float64(w.Fam) {
				continue
			}
			found = true
			if got := apiAt(list, "families", i, "plan_review_due"); got != today.AddDate(0, 0, -5).Format("2006-01-02") {
				t.Errorf("caseload plan_review_due %v", got)
			}
			if got := apiAt(list, "families", i, "plan_review_overdue"); got != true {
				t.Errorf("caseload plan_review_overdue %v", got)
			}
		}
		if !found {
			t.Errorf("family %d not in the caseload: %v", w.Fam, list)
		}
		if at, _ := apiAt(v, "saved_at").(string); len(at) != len("2006-01-02T15:04:05Z") || at[len(at)-1] != 'Z' {
			t.Errorf("saved_at %q is not RFC 3339 in UTC", at)
		}

		// The live task, not the snapshot: done now, it is done in the plan.
		if err := a.Care.CompleteTask(t.Context(), w.CMActor, care.ViewCaseFile, w.Fam, w.Action, "Aangevraagd"); err != nil {
			t.Fatal(err)
		}
		v = apiWant(t, w.CM.API(http.MethodGet, path, nil), http.StatusOK, "")
		if got := apiAt(v, "dimensions", 0, "actions", 0, "status"); got != "done" {
			t.Errorf("live action status %v, want done", got)
		}
		if got := apiAt(v, "dimensions", 0, "actions", 0, "overdue"); got != false {
			t.Errorf("a done action is overdue: %v", got)
		}

		// Versions: newest first, with what changed; one version as saved.
		v = apiWant(t, w.CM.API(http.MethodGet, path+"/versions", nil), http.StatusOK, "")
		for i, want := range []struct {
			version float64
			first   string
		}{{2, "wishes"}, {1, "created"}} {
			if got := apiAt(v, "versions", i, "version"); got != want.version {
				t.Errorf("versions[%d].version = %v, want %v", i, got, want.version)
			}
			if got := apiAt(v, "versions", i, "changes", 0); got != want.first {
				t.Errorf("versions[%d].changes = %v, want %q first", i, apiAt(v, "versions", i, "changes"), want.first)
			}
			if got := apiAt(v, "versions", i, "saved_by", "name"); got != "Naam cm" {
				t.Errorf("versions[%d].saved_by = %v", i, got)
			}
		}
		if apiAt(v, "versions", 2) != nil {
			t.Errorf("more than two versions: %v", v)
		}
		v = apiWant(t, w.CM.API(http.MethodGet, path+"/versions/1", nil), http.StatusOK, "")
		if apiAt(v, "version") != 1.0 || apiAt(v, "wishes") != "" || apiAt(v, "dimensions", 4, "dimension") != "spiritual" {
			t.Errorf("version 1: %v", v)
		}
		if got := apiAt(v, "dimensions", 0, "actions"); !equalJSON(got, []any{}) {
			t.Errorf("version 1 actions %v, want none", got)
		}
		// Version 2 holds the action as it stood when saved: still open.
		v = apiWant(t, w.CM.API(http.MethodGet, path+"/versions/2", nil), http.StatusOK, "")
		if got := apiAt(v, "dimensions", 0, "actions", 0, "status"); got != "open" {
			t.Errorf("version 2 action status %v, want the snapshot's open", got)
		}

		// Who may not: the JSON 404.
		apiWant(t, w.Nurse.API(http.MethodGet, path, nil), http.StatusNotFound, "not_found")
		apiWant(t, w.Other.API(http.MethodGet, path, nil), http.StatusNotFound, "not_found")
		for _, rest := range []string{"/versions", "/versions/1"} {
			apiWant(t, w.Parent.API(http.MethodGet, path+rest, nil), http.StatusNotFound, "not_found")
			apiWant(t, w.GP.API(http.MethodGet, path+rest, nil), http.StatusNotFound, "not_found")
			apiWant(t, w.Other.API(http.MethodGet, path+rest, nil), http.StatusNotFound, "not_found")
		}
		for _, n := range []string{"3", "0", "x", "99999999999999999999"} {
			apiWant(t, w.CM.API(http.MethodGet, path+"/versions/"+n, nil), http.StatusNotFound, "not_found")
		}
	})
}

// equalJSON compares a decoded JSON value with a wanted one.
func equalJSON(got, want any) bool {
	switch w := want.(type) {
	case []any:
		g, ok := got.([]any)
		return ok && len(g) == 0 && len(w) == 0
	case nil:
		return got == nil
	}
	return got == want
}
