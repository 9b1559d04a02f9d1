package api_test

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAPISignals reads the case manager's signals across the caseload and
// of one family, snoozes one and dismisses another through the API, and
// refuses them to everyone else and for bad input.
func TestAPISignals(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverageWorld(t, a)
		ctx := context.Background()
		end := w.today.AddDate(0, 0, 30)
		item := &care.CoverageItem{FamilyID: w.Fam, Kind: "night_care", Applicant: "parents"}
		if err := a.Care.AddCoverageItem(ctx, w.CMActor, item, &care.CoveragePeriod{Law: care.LawWlz, Form: "pgb",
			Status: care.CoverageGranted, Start: end.AddDate(-1, 0, 1), End: end}); err != nil {
			t.Fatal(err)
		}
		ending := care.SignalID(w.Fam, care.CodeCoverageEnding, itoa(item.ID))
		find := func(v any, id string) map[string]any {
			for _, s := range apiAt(v, "signals").([]any) {
				if m := s.(map[string]any); m["id"] == id {
					return m
				}
			}
			return nil
		}

		v := apiWant(t, w.CM.API("GET", "/api/v1/signals", nil), 200, "")
		s := find(v, ending)
		if s == nil {
			t.Fatalf("no %s in %v", ending, v)
		}
		for k, want := range map[string]any{"code": "coverage_ending", "severity": "warning", "family_id": float64(w.Fam),
			"on": w.day(30), "due": w.day(30 - 7*care.DefaultCoverageWindowWeeks),
			"link": apiFamilyPath(w.Fam)[len("/api/v1"):] + "/coverage/" + itoa(item.ID) + "/renew"} {
			if !equalJSON(s[k], want) {
				t.Errorf("signal %s = %#v, want %#v", k, s[k], want)
			}
		}
		wantOneAudit(t, a, w.Fam, "signals", care.ActionRead, care.OutcomeSuccess, func() {
			v = apiWant(t, w.CM.API("GET", apiFamilyPath(w.Fam, "/signals"), nil), 200, "")
		})
		if find(v, ending) == nil {
			t.Errorf("the family's signals lack %s: %v", ending, v)
		}
		apiWant(t, w.Other.API("GET", apiFamilyPath(w.Fam, "/signals"), nil), 404, "not_found")
		apiWant(t, w.Parent.API("GET", "/api/v1/signals", nil), 404, "not_found")
		if v := apiWant(t, w.Other.API("GET", "/api/v1/signals", nil), 200, ""); find(v, ending) != nil {
			t.Error("another case manager sees the family's signal")
		}

		// Snooze: a date after today; then it is marked, and hidden nowhere
		// else but the dashboard.
		path := "/api/v1/signals/" + ending
		apiWantFields(t, w.CM.API("POST", path+"/snooze", map[string]any{"until": w.day(0)}), map[string]string{"until": "signal.ack.until_future"})
		apiWantFields(t, w.CM.API("POST", path+"/snooze", map[string]any{"until": "morgen"}), map[string]string{"until": "date.invalid"})
		apiWantFields(t, w.CM.API("POST", path+"/dismiss", map[string]any{}), map[string]string{"reason": "field.required"})
		wantOneAudit(t, a, w.Fam, "signal", care.ActionUpdate, care.OutcomeDenied, func() {
			apiWant(t, w.Other.API("POST", path+"/snooze", map[string]any{"until": w.day(5)}), 404, "not_found")
		})
		wantOneAudit(t, a, w.Fam, "signal", care.ActionUpdate, care.OutcomeSuccess, func() {
			apiWant(t, w.CM.API("POST", path+"/snooze", map[string]any{"until": w.day(5)}), 204, "")
		})
		v = apiWant(t, w.CM.API("GET", "/api/v1/signals", nil), 200, "")
		if s := find(v, ending); s == nil || s["acknowledged"] != "snooze" || s["until"] != w.day(5) {
			t.Errorf("snoozed signal = %v", s)
		}
		apiWant(t, w.CM.API("POST", path+"/dismiss", map[string]any{"reason": "ouders regelen het zelf"}), 204, "")
		v = apiWant(t, w.CM.API("GET", "/api/v1/signals", nil), 200, "")
		if s := find(v, ending); s == nil || s["acknowledged"] != "dismiss" || s["until"] != nil {
			t.Errorf("dismissed signal = %v", s)
		}
		// A signal that does not hold, or an id that is not one, is not found.
		apiWant(t, w.CM.API("POST", "/api/v1/signals/"+care.SignalID(w.Fam, care.CodeAidWaiting, "999")+"/snooze",
			map[string]any{"until": w.day(5)}), 404, "not_found")
		apiWant(t, w.CM.API("POST", "/api/v1/signals/x/snooze", map[string]any{"until": w.day(5)}), 404, "not_found")

		// Renewed, the signal is gone.
		if err := a.Care.RenewCoverage(ctx, w.CMActor, &care.CoveragePeriod{ItemID: item.ID, FamilyID: w.Fam, Law: care.LawWlz,
			Form: "pgb", Status: care.CoverageGranted, Start: end.AddDate(0, 0, 1), End: end.AddDate(1, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		if v := apiWant(t, w.CM.API("GET", "/api/v1/signals", nil), 200, ""); find(v, ending) != nil {
			t.Errorf("the renewed item still signals: %v", v)
		}
	})
}
