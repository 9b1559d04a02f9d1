package api_test

import (
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAPIIntervision: a case manager adds sessions and reads them back
// with the count of intervision sessions; a bad field is named; another
// case manager sees only their own; other roles get 404. Each call is one
// audit record.
func TestAPIIntervision(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		mine, theirs, _, _ := apiSetup(t, a)
		const path = "/api/v1/me/intervision"
		today := care.DateOf(a.Clock.Now())
		day := today.AddDate(0, -1, 0).Format("2006-01-02")
		before := auditCount(t, a)
		apiCreated(t, mine.API("POST", path, map[string]any{"held_on": day, "kind": "intervision", "direction": "received", "hours": 1.5, "topic": " Moreel beraad "}))
		apiCreated(t, mine.API("POST", path, map[string]any{"held_on": day, "kind": "training", "direction": "given", "hours": 8}))
		if n := auditCount(t, a) - before; n != 2 {
			t.Errorf("%d audit records for two sessions, want 2", n)
		}
		for field, body := range map[string]map[string]any{
			"hours":     {"held_on": day, "kind": "intervision", "direction": "given", "hours": 30},
			"held_on":   {"held_on": today.AddDate(0, 0, 1).Format("2006-01-02"), "kind": "intervision", "direction": "given", "hours": 1},
			"kind":      {"held_on": day, "kind": "koffie", "direction": "given", "hours": 1},
			"direction": {"held_on": day, "kind": "intervision", "hours": 1},
		} {
			v := apiWant(t, mine.API("POST", path, body), 422, "invalid")
			if apiAt(v, "error", "fields", field) == nil {
				t.Errorf("%s: the refusal does not name the field: %v", field, v)
			}
		}
		before = auditCount(t, a)
		v := apiWant(t, mine.API("GET", path, nil), 200, "")
		if n := auditCount(t, a) - before; n != 1 {
			t.Errorf("%d audit records for a read, want 1", n)
		}
		if got := apiAt(v, "intervisions"); got != float64(1) {
			t.Errorf("intervisions = %v, want 1", got)
		}
		sessions, _ := apiAt(v, "sessions").([]any)
		if len(sessions) != 2 {
			t.Fatalf("sessions: %v", v)
		}
		first := sessions[1].(map[string]any) // same day: the newest first
		if first["kind"] != "intervision" || first["hours"] != 1.5 || first["topic"] != "Moreel beraad" || first["held_on"] != day {
			t.Errorf("the first session as read: %v", first)
		}
		if v := apiWant(t, theirs.API("GET", path, nil), 200, ""); apiAt(v, "intervisions") != float64(0) || len(apiAt(v, "sessions").([]any)) != 0 {
			t.Errorf("another case manager's record: %v", v)
		}
		_, secret := a.Account("ouder@example.org", care.RoleFamily, true)
		parent := a.Client()
		parent.Login("ouder@example.org", secret)
		apiWant(t, parent.API("GET", path, nil), 404, "not_found")
		apiWant(t, parent.API("POST", path, map[string]any{"held_on": day, "kind": "intervision", "direction": "given", "hours": 1}), 404, "not_found")
		apiWant(t, a.Client().API("GET", path, nil), 401, "unauthorized")
	})
}
