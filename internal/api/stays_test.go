package api_test

import (
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAPIStays records a stay at home and an acute admission through the
// API, reads them through every door, sees the caseload's admitted flag,
// and refuses an overlap, a stay ending before it starts, and another
// family's stay.
func TestAPIStays(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverageWorld(t, a)
		path := apiFamilyPath(w.Fam, "/stays")

		home := apiCreated(t, w.CM.API("POST", path, map[string]any{"kind": "home", "place": "bij moeder", "start": w.day(-60)}))
		var picu int64
		wantOneAudit(t, a, w.Fam, "stay", care.ActionCreate, care.OutcomeSuccess, func() {
			picu = apiCreated(t, w.CM.API("POST", path, map[string]any{
				"kind": "academic_hospital", "unit": "picu", "place": "Sophia", "acute": true, "note": "via de SEH", "start": w.day(-2)}))
		})

		v := apiWant(t, w.CM.API("GET", path, nil), 200, "")
		for _, c := range []struct {
			path []any
			want any
		}{
			{[]any{"current", "id"}, float64(picu)},
			{[]any{"current", "kind"}, "academic_hospital"},
			{[]any{"current", "unit"}, "picu"},
			{[]any{"current", "acute"}, true},
			{[]any{"current", "admitted"}, true},
			{[]any{"current", "end"}, nil},
			{[]any{"stays", 0, "id"}, float64(picu)},
			{[]any{"stays", 1, "id"}, float64(home)},
			{[]any{"stays", 1, "end"}, w.day(-2)}, // the admission ended the stay at home
			{[]any{"stays", 1, "unit"}, nil},
			{[]any{"admissions", "admissions"}, 1.0},
			{[]any{"admissions", "days"}, 3.0}, // two days ago, yesterday and today
			{[]any{"admissions", "to"}, w.day(0)},
		} {
			if got := apiAt(v, c.path...); !equalJSON(got, c.want) {
				t.Errorf("stays %v = %#v, want %#v", c.path, got, c.want)
			}
		}
		list := apiWant(t, w.CM.API("GET", "/api/v1/families", nil), 200, "")
		if got := apiAt(list, "families", 0, "admitted"); got != true {
			t.Errorf("caseload admitted = %v", got)
		}

		// The family sees every stay; the provider with the whole file
		// where the child is now, without the note; the others nothing.
		for who, c := range map[string]*client{"parent": w.Parent, "child": w.Child} {
			v := apiWant(t, c.API("GET", path, nil), 200, "")
			if n := len(apiAt(v, "stays").([]any)); n != 2 || apiAt(v, "admissions") != nil {
				t.Errorf("%s: %d stays, admissions %v", who, n, apiAt(v, "admissions"))
			}
		}
		v = apiWant(t, w.Nurse.API("GET", path, nil), 200, "")
		if n := len(apiAt(v, "stays").([]any)); n != 1 || apiAt(v, "current", "note") != nil || apiAt(v, "current", "place") != "Sophia" {
			t.Errorf("provider's stays = %v", v)
		}
		wantOneAudit(t, a, w.Fam, "stays", care.ActionRead, care.OutcomeDenied, func() {
			apiWant(t, w.GP.API("GET", path, nil), 404, "not_found")
		})
		apiWant(t, w.Other.API("GET", path, nil), 404, "not_found")
		apiWant(t, w.Parent.API("POST", path, map[string]any{"kind": "home", "start": w.day(0)}), 404, "not_found")

		// Bad input saves nothing.
		apiWantFields(t, w.CM.API("POST", path, map[string]any{"kind": "respite", "place": "Logeerhuis", "start": w.day(-30), "end": w.day(-28)}),
			map[string]string{"start": "stays.overlap"})
		apiWantFields(t, w.CM.API("POST", path, map[string]any{"kind": "respite", "place": "Logeerhuis", "start": w.day(-100), "end": w.day(-101)}),
			map[string]string{"end": "stays.end_before_start"})
		apiWantFields(t, w.CM.API("POST", path, map[string]any{"kind": "moon", "start": "gisteren"}),
			map[string]string{"start": "date.invalid"})
		if v := apiWant(t, w.CM.API("GET", path, nil), 200, ""); len(apiAt(v, "stays").([]any)) != 2 {
			t.Errorf("after refusals: %v", apiAt(v, "stays"))
		}

		// A correction; another family's stay is not found.
		apiWant(t, w.CM.API("PUT", apiFamilyPath(w.Fam, "/stays/", itoa(picu)), map[string]any{
			"kind": "academic_hospital", "unit": "ward", "place": "Sophia", "start": w.day(-2)}), 204, "")
		if got := apiAt(apiWant(t, w.CM.API("GET", path, nil), 200, ""), "current", "unit"); got != "ward" {
			t.Errorf("corrected unit = %v", got)
		}
		other := newCoverageWorld(t, a)
		theirs := apiCreated(t, other.CM.API("POST", apiFamilyPath(other.Fam, "/stays"), map[string]any{"kind": "home", "start": w.day(-5)}))
		apiWant(t, w.CM.API("PUT", apiFamilyPath(w.Fam, "/stays/", itoa(theirs)), map[string]any{"kind": "home", "start": w.day(-1)}), 404, "not_found")
	})
}
