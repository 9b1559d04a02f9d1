package api_test

import (
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAPIDeath records a child's death through the API and corrects it,
// refuses a second first record, a stale correction and a date in the
// future, shows the date of death on the family and the caseload (with
// no overdue tasks), and reads and changes the aftercare plan through
// the case managers' and the family's doors.
func TestAPIDeath(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverageWorld(t, a)
		path := apiFamilyPath(w.Fam, "/death")
		apiWant(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/tasks"), map[string]any{"title": "Aanvraag tillift", "owner_kind": "casemanager",
			"due_date": w.day(-5)}), 201, "")

		apiWant(t, w.Parent.API("POST", path, map[string]any{"died_on": w.day(-1), "place": "home"}), 404, "not_found")
		apiWant(t, w.Other.API("GET", path, nil), 404, "not_found")
		var first int64
		wantOneAudit(t, a, w.Fam, "death_record", care.ActionCreate, care.OutcomeSuccess, func() {
			first = apiCreated(t, w.CM.API("POST", path, map[string]any{"died_on": w.day(-1), "died_time": "03:10", "place": "home",
				"preferred_place": "home", "preferred_met": "yes"}))
		})
		apiWantFields(t, w.CM.API("POST", path, map[string]any{"died_on": w.day(-2), "place": "hospital"}),
			map[string]string{"died_on": "death.already_recorded"})
		apiWantFields(t, w.CM.API("POST", path, map[string]any{"corrects": first, "died_on": w.day(3), "place": "home", "reason": "x"}),
			map[string]string{"died_on": "death.future"})
		second := apiCreated(t, w.CM.API("POST", path, map[string]any{"corrects": first, "died_on": w.day(-1), "died_time": "04:10",
			"place": "home", "preferred_place": "home", "preferred_met": "yes", "reason": "Tijd verkeerd"}))
		apiWant(t, w.CM.API("POST", path, map[string]any{"corrects": first, "died_on": w.day(-1), "place": "home", "reason": "x"}), 409, "")

		v := apiWant(t, w.CM.API("GET", path, nil), 200, "")
		for _, c := range []struct {
			path []any
			want any
		}{
			{[]any{"record", "id"}, float64(second)},
			{[]any{"record", "corrects"}, float64(first)},
			{[]any{"record", "died_time"}, "04:10"},
			{[]any{"record", "preferred_known"}, true},
			{[]any{"record", "preferred_met"}, "yes"},
			{[]any{"history", 1, "died_time"}, "03:10"},
			{[]any{"history", 1, "corrects"}, nil},
		} {
			if got := apiAt(v, c.path...); !equalJSON(got, c.want) {
				t.Errorf("death %v = %#v, want %#v", c.path, got, c.want)
			}
		}

		fam := apiWant(t, w.CM.API("GET", apiFamilyPath(w.Fam), nil), 200, "")
		if got := apiAt(fam, "child", "deceased_on"); got != w.day(-1) || apiAt(fam, "child", "deceased") != true {
			t.Errorf("family deceased_on = %v", got)
		}
		list := apiWant(t, w.CM.API("GET", "/api/v1/families", nil), 200, "")
		if apiAt(list, "families", 0, "deceased") != true || apiAt(list, "families", 0, "deceased_on") != w.day(-1) ||
			apiAt(list, "families", 0, "overdue_tasks") != 0.0 {
			t.Errorf("caseload item = %v", apiAt(list, "families", 0))
		}

		// The aftercare plan: the case managers and the family read it; a provider not.
		ap := apiFamilyPath(w.Fam, "/aftercare")
		plan := apiWant(t, w.CM.API("GET", ap, nil), 200, "")
		contacts, _ := apiAt(plan, "contacts").([]any)
		if len(contacts) != 3 || apiAt(plan, "next_contact") == nil || apiAt(plan, "people", 0, "member_id") != nil {
			t.Fatalf("plan = %v", plan)
		}
		apiWant(t, w.Parent.API("GET", ap, nil), 200, "")
		apiWant(t, w.Nurse.API("GET", ap, nil), 404, "not_found")
		firstContact := apiAt(plan, "contacts", 0, "id")
		apiWantFields(t, w.CM.API("PUT", ap, map[string]any{"people": []any{}, "contacts": []any{map[string]any{"due_on": w.day(-30)}}}),
			map[string]string{"contacts.0.due_on": "aftercare.before_death"})
		wantOneAudit(t, a, w.Fam, "aftercare", care.ActionUpdate, care.OutcomeSuccess, func() {
			apiWant(t, w.CM.API("PUT", ap, map[string]any{"people": []any{map[string]any{"supporter": "Rouwcentrum Oost", "wishes": "Rust"}},
				"contacts": []any{map[string]any{"id": firstContact, "due_on": w.day(40), "done": true}, map[string]any{"due_on": w.day(90)}}}), 204, "")
		})
		apiWant(t, w.Parent.API("PUT", ap, map[string]any{"people": []any{}, "contacts": []any{}}), 404, "not_found")
		plan = apiWant(t, w.Parent.API("GET", ap, nil), 200, "")
		if apiAt(plan, "contacts", 0, "done") != true || apiAt(plan, "next_contact") != w.day(90) ||
			apiAt(plan, "people", 0, "supporter") != "Rouwcentrum Oost" {
			t.Errorf("plan after the change = %v", plan)
		}
	})
}
