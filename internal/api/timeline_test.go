package api_test

import (
	"net/http"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAPITimeline reads the journey through every door: the bands of the
// stays and the financing and the marks for the case manager, the family
// and the provider with the whole file; refused for a provider with the
// plan and network only and another case manager.
func TestAPITimeline(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverageWorld(t, a)
		apiCreated(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/stays"), map[string]any{"kind": "home", "place": "thuis", "start": w.day(-60), "end": w.day(-10)}))
		apiCreated(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/stays"), map[string]any{"kind": "respite", "place": "De Vlinder", "start": w.day(-10)}))
		path := apiFamilyPath(w.Fam, "/timeline")
		var v any
		wantOneAudit(t, a, w.Fam, "timeline", care.ActionRead, care.OutcomeSuccess, func() {
			v = apiWant(t, w.CM.API("GET", path, nil), http.StatusOK, "")
		})
		for _, c := range []struct {
			path []any
			want any
		}{
			{[]any{"places", 0, "kind"}, "home"},
			{[]any{"places", 0, "start"}, w.day(-60)},
			{[]any{"places", 0, "end"}, w.day(-10)},
			{[]any{"places", 0, "ongoing"}, false},
			{[]any{"places", 1, "place"}, "De Vlinder"},
			{[]any{"places", 1, "ongoing"}, true},
			{[]any{"places", 1, "end"}, w.day(1)},
			{[]any{"to"}, w.day(1)},
		} {
			if got := apiAt(v, c.path...); !equalJSON(got, c.want) {
				t.Errorf("timeline %v = %#v, want %#v", c.path, got, c.want)
			}
		}
		if _, ok := apiAt(v, "financing").([]any); !ok {
			t.Errorf("financing is not a list: %v", apiAt(v, "financing"))
		}
		if marks, ok := apiAt(v, "marks").([]any); !ok || len(marks) == 0 {
			t.Errorf("marks = %v", apiAt(v, "marks"))
		}
		for who, c := range map[string]*client{"parent": w.Parent, "child": w.Child, "provider with the whole file": w.Nurse} {
			if v := apiWant(t, c.API("GET", path, nil), http.StatusOK, ""); len(apiAt(v, "places").([]any)) != 2 {
				t.Errorf("%s: %v", who, v)
			}
		}
		wantOneAudit(t, a, w.Fam, "timeline", care.ActionRead, care.OutcomeDenied, func() {
			apiWant(t, w.GP.API("GET", path, nil), http.StatusNotFound, "not_found")
		})
		apiWant(t, w.Other.API("GET", path, nil), http.StatusNotFound, "not_found")
	})
}
