package api_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// coverageWorld is a PlanWorld whose nurse has consent for the whole file
// (the GP's covers the plan and the network only), with the network ids.
type coverageWorld struct {
	*sitetest.PlanWorld
	gp, nurse int64
	today     time.Time
}

func newCoverageWorld(t *testing.T, a *app) *coverageWorld {
	t.Helper()
	w := &coverageWorld{PlanWorld: sitetest.NewPlanWorld(t, a), today: care.DateOf(a.Clock.Now())}
	network, err := a.Store.Network(context.Background(), w.Fam)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range network {
		switch n.Name {
		case "Dr. Huisman":
			w.gp = n.ID
		case "KCT Amstel":
			w.nurse = n.ID
		}
	}
	if err := a.Care.SetConsent(context.Background(), w.ParentActor, w.Fam, w.nurse, true, care.ScopeFile); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *coverageWorld) day(days int) string {
	return w.today.AddDate(0, 0, days).Format(time.DateOnly)
}

// audits is the number of audit records of the family.
func audits(t *testing.T, a *app, fam int64) []care.AuditEvent {
	t.Helper()
	events, err := a.Store.FamilyAuditEvents(context.Background(), fam)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// wantOneAudit checks that send leaves exactly one audit record of the
// family, of the object, action and outcome given.
func wantOneAudit(t *testing.T, a *app, fam int64, object string, action care.Action, outcome string, send func()) {
	t.Helper()
	before := len(audits(t, a, fam))
	send()
	events := audits(t, a, fam)
	if len(events) != before+1 {
		t.Errorf("%d new audit records, want 1", len(events)-before)
		return
	}
	e := events[len(events)-1]
	if e.ObjectType != object || e.Action != action || e.Outcome != outcome || e.FamilyID != fam {
		t.Errorf("audit record %s %s %s, want %s %s %s", e.ObjectType, e.Action, e.Outcome, object, action, outcome)
	}
}

func coverageItems(t *testing.T, a *app, fam int64) []care.CoverageItem {
	t.Helper()
	items, err := a.Store.CoverageItems(context.Background(), fam)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func familyAids(t *testing.T, a *app, fam int64) []care.Aid {
	t.Helper()
	aids, err := a.Store.Aids(context.Background(), fam)
	if err != nil {
		t.Fatal(err)
	}
	return aids
}

// TestAPICoverage goes through the coverage plan: the case manager adds,
// corrects and renews items and aids; every role reads it through its own
// door; the summary counts what needs attention, on the day's edges.
func TestAPICoverage(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverageWorld(t, a)
		path := apiFamilyPath(w.Fam, "/coverage")

		// Ending today: still running, so ending and not lapsed.
		var nursing int64
		wantOneAudit(t, a, w.Fam, "coverage_item", care.ActionCreate, care.OutcomeSuccess, func() {
			nursing = apiCreated(t, w.CM.API("POST", path, map[string]any{
				"kind": "home_nursing", "description": " Verpleging thuis ", "network_member_id": w.nurse, "applicant": "casemanager",
				"goals": []string{w.Goal}, "law": "zvw", "form": "zin", "status": "granted", "hours_per_week": 12.5,
				"reference": "IND-2026-1", "indicated_by": "nurse", "start": w.day(-300), "end": w.day(0),
				"applied_on": w.day(-320), "decided_on": w.day(-310), "note": "Herindicatie aanvragen",
			}))
		})
		// Ended yesterday: lapsed.
		care2 := apiCreated(t, w.CM.API("POST", path, map[string]any{
			"kind": "personal_care", "provider_name": "Zorgbureau De Linde", "applicant": "parents",
			"law": "wlz", "form": "pgb", "status": "granted", "hours_per_week": 14, "amount_cents": 2_500_000,
			"start": w.day(-400), "end": w.day(-1),
		}))
		// Under the Jeugdwet without an end: it ends the day before the 18th birthday.
		respite := apiCreated(t, w.CM.API("POST", path, map[string]any{
			"kind": "respite", "applicant": "casemanager", "law": "jeugdwet", "form": "zin", "status": "granted",
			"hours_per_week": 4, "start": w.day(-30),
		}))
		apiCreated(t, w.CM.API("POST", path, map[string]any{
			"kind": "other", "description": "Logeerhuis", "applicant": "casemanager", "law": "wmo", "form": "zin",
			"status": "objection", "objection_filed_on": w.day(-10), "objection_due": w.day(20),
		}))
		var aid int64
		wantOneAudit(t, a, w.Fam, "aid", care.ActionCreate, care.OutcomeSuccess, func() {
			aid = apiCreated(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/aids"), map[string]any{
				"kind": "wheelchair", "description": "Elektrische rolstoel", "via": "wmo", "supplier": "Welzorg",
				"status": "assessed", "requested": w.day(-50), "assessed": w.day(-40), "replace_by": w.day(700),
			}))
		})

		v := apiWant(t, w.CM.API("GET", path, nil), 200, "")
		for _, c := range []struct {
			path []any
			want any
		}{
			{[]any{"window_weeks"}, 8.0},
			{[]any{"summary", "ending"}, 1.0},
			{[]any{"summary", "lapsed"}, 1.0},
			{[]any{"summary", "objections_due"}, 1.0},
			{[]any{"summary", "aids_waiting"}, 1.0},
			{[]any{"items", 0, "id"}, float64(nursing)},
			{[]any{"items", 0, "description"}, "Verpleging thuis"},
			{[]any{"items", 0, "state"}, "ending"},
			{[]any{"items", 0, "end"}, w.day(0)},
			{[]any{"items", 0, "ends_at_18"}, false},
			{[]any{"items", 0, "hours_per_week"}, 12.5},
			{[]any{"items", 0, "indicated_by"}, "nurse"},
			{[]any{"items", 0, "provider", "name"}, "KCT Amstel"},
			{[]any{"items", 0, "provider", "network_member_id"}, float64(w.nurse)},
			{[]any{"items", 0, "goals", 0, "id"}, w.Goal},
			{[]any{"items", 0, "goals", 0, "text"}, sitetest.PlanGoal},
			{[]any{"items", 0, "periods", 0, "applied_on"}, w.day(-320)},
			{[]any{"items", 0, "periods", 0, "note"}, "Herindicatie aanvragen"},
			{[]any{"items", 0, "periods", 0, "objection_due"}, nil},
			{[]any{"items", 0, "objection_due"}, nil},
			{[]any{"items", 1, "state"}, "lapsed"},
			{[]any{"items", 1, "form"}, "pgb"},
			{[]any{"items", 1, "amount_cents"}, 2_500_000.0},
			{[]any{"items", 1, "provider", "name"}, "Zorgbureau De Linde"},
			{[]any{"items", 1, "provider", "network_member_id"}, nil},
			{[]any{"items", 1, "indicated_by"}, nil},
			{[]any{"items", 1, "goals"}, []any{}},
			{[]any{"items", 2, "state"}, "running"},
			{[]any{"items", 2, "ends_at_18"}, true},
			{[]any{"items", 2, "end"}, care.Eighteenth(w.today.AddDate(-9, 0, 0)).AddDate(0, 0, -1).Format(time.DateOnly)},
			{[]any{"items", 2, "periods", 0, "end"}, nil},
			{[]any{"items", 3, "state"}, "objection"},
			{[]any{"items", 3, "objection_due"}, w.day(20)},
			{[]any{"items", 3, "start"}, nil},
			{[]any{"aids", 0, "id"}, float64(aid)},
			{[]any{"aids", 0, "waiting_days"}, 50.0},
			{[]any{"aids", 0, "waiting_too_long"}, true},
			{[]any{"aids", 0, "assessed"}, w.day(-40)},
			{[]any{"aids", 0, "delivered"}, nil},
			{[]any{"aids", 0, "replace_by"}, w.day(700)},
		} {
			if got := apiAt(v, c.path...); !equalJSON(got, c.want) {
				t.Errorf("coverage %v = %#v, want %#v", c.path, got, c.want)
			}
		}

		// The caseload counts the same.
		list := apiWant(t, w.CM.API("GET", "/api/v1/families", nil), 200, "")
		for k, want := range map[string]float64{"coverage_ending": 1, "coverage_lapsed": 1, "objections_due": 1, "aids_waiting": 1} {
			if got := apiAt(list, "families", 0, k); got != want {
				t.Errorf("caseload %s = %v, want %v", k, got, want)
			}
		}

		// Every reader through their own door, each read on record once.
		for who, c := range map[string]*client{"case manager": w.CM, "parent": w.Parent, "child": w.Child, "provider with the whole file": w.Nurse} {
			wantOneAudit(t, a, w.Fam, "coverage", care.ActionRead, care.OutcomeSuccess, func() {
				v := apiWant(t, c.API("GET", path, nil), 200, "")
				if got := apiAt(v, "items", 0, "id"); got != float64(nursing) {
					t.Errorf("%s: first item %v", who, got)
				}
				if got := apiAt(v, "summary", "lapsed"); got != 1.0 {
					t.Errorf("%s: lapsed %v", who, got)
				}
			})
		}
		// Consent for the plan and the network only, or none, or another
		// case manager: not found, and on record.
		for who, c := range map[string]*client{"provider with the plan": w.GP, "other case manager": w.Other} {
			wantOneAudit(t, a, w.Fam, "coverage", care.ActionRead, care.OutcomeDenied, func() {
				if r := c.API("GET", path, nil); r.StatusCode != 404 {
					t.Errorf("%s: %d, want 404", who, r.StatusCode)
				}
			})
		}

		// A renewal: fewer hours, from today; the lapsed item runs again.
		var renewal int64
		wantOneAudit(t, a, w.Fam, "coverage_period", care.ActionCreate, care.OutcomeSuccess, func() {
			renewal = apiCreated(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/coverage/", itoa(care2), "/periods"), map[string]any{
				"law": "wlz", "form": "pgb", "status": "granted", "hours_per_week": 10, "amount_cents": 2_000_000,
				"indicated_by": "ciz", "start": w.day(0), "end": w.day(365),
			}))
		})
		v = apiWant(t, w.CM.API("GET", path, nil), 200, "")
		for _, c := range []struct {
			path []any
			want any
		}{
			{[]any{"summary", "lapsed"}, 0.0},
			{[]any{"items", 1, "state"}, "running"},
			{[]any{"items", 1, "hours_per_week"}, 10.0},
			{[]any{"items", 1, "hours_cut"}, true},
			{[]any{"items", 1, "periods", 0, "hours_per_week"}, 14.0},
			{[]any{"items", 1, "periods", 1, "id"}, float64(renewal)},
			{[]any{"items", 1, "periods", 1, "indicated_by"}, "ciz"},
		} {
			if got := apiAt(v, c.path...); !equalJSON(got, c.want) {
				t.Errorf("after the renewal %v = %#v, want %#v", c.path, got, c.want)
			}
		}

		// A correction of the current period: kept as a correction, no new period.
		wantOneAudit(t, a, w.Fam, "coverage_item", care.ActionUpdate, care.OutcomeSuccess, func() {
			apiWant(t, w.CM.API("PUT", apiFamilyPath(w.Fam, "/coverage/", itoa(respite)), map[string]any{
				"kind": "respite", "applicant": "casemanager", "law": "jeugdwet", "form": "zin", "status": "granted",
				"hours_per_week": 6, "start": w.day(-30), "end": w.day(50), "reference": "JW-7",
			}), 204, "")
		})
		items := coverageItems(t, a, w.Fam)
		if p := items[2].Current(); len(items[2].Periods) != 1 || p.HoursPerWeek != 6 || p.Reference != "JW-7" {
			t.Errorf("corrected item: %d periods, current %+v", len(items[2].Periods), p)
		}
		if cs, err := a.Store.Corrections(context.Background(), w.Fam, care.CorrectCoverageItem); err != nil || len(cs) != 1 {
			t.Errorf("corrections %v, %v; want one", cs, err)
		}
		// The aid is delivered.
		wantOneAudit(t, a, w.Fam, "aid", care.ActionUpdate, care.OutcomeSuccess, func() {
			apiWant(t, w.CM.API("PUT", apiFamilyPath(w.Fam, "/aids/", itoa(aid)), map[string]any{
				"kind": "wheelchair", "via": "wmo", "status": "delivered", "requested": w.day(-50), "delivered": w.day(-2),
			}), 204, "")
		})
		v = apiWant(t, w.CM.API("GET", path, nil), 200, "")
		if apiAt(v, "aids", 0, "waiting_days") != 48.0 || apiAt(v, "aids", 0, "waiting_too_long") != false ||
			apiAt(v, "aids", 0, "supplier") != "" || apiAt(v, "summary", "aids_waiting") != 0.0 {
			t.Errorf("the delivered aid: %v, summary %v", apiAt(v, "aids", 0), apiAt(v, "summary"))
		}
		if apiAt(v, "items", 2, "ends_at_18") != false || apiAt(v, "items", 2, "end") != w.day(50) || apiAt(v, "items", 2, "state") != "ending" {
			t.Errorf("the corrected item: %v", apiAt(v, "items", 2))
		}
	})
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// TestAPICoverageRefusals: bad input is a 422 with the fields and saves
// nothing; ids of another family and every role but the case managers are
// not found, on record, and change nothing.
func TestAPICoverageRefusals(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverageWorld(t, a)
		path := apiFamilyPath(w.Fam, "/coverage")
		good := func(change map[string]any) map[string]any {
			m := map[string]any{"kind": "home_nursing", "applicant": "casemanager", "law": "zvw", "form": "zin",
				"status": "granted", "hours_per_week": 8, "start": w.day(-10), "end": w.day(300)}
			for k, v := range change {
				m[k] = v
			}
			return m
		}
		item := apiCreated(t, w.CM.API("POST", path, good(nil)))
		aidBody := map[string]any{"kind": "bed", "via": "zvw", "status": "requested", "requested": w.day(-3)}
		aid := apiCreated(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/aids"), aidBody))

		// A second family with an item and an aid of its own.
		other := apiCreated(t, w.CM.API("POST", "/api/v1/families", apiIntake(a.Clock.Now(), "Sem Bakker", "2018-01-02")))
		theirItem := apiCreated(t, w.CM.API("POST", apiFamilyPath(other, "/coverage"), good(nil)))
		theirAid := apiCreated(t, w.CM.API("POST", apiFamilyPath(other, "/aids"), aidBody))
		theirNetwork := apiCreated(t, w.CM.API("POST", apiFamilyPath(other, "/network"), map[string]any{"name": "Dr. Smit", "role": "gp", "line": 1}))

		before, beforeAids := coverageItems(t, a, w.Fam), familyAids(t, a, w.Fam)
		itemPath, renewPath, aidPath := path+"/"+itoa(item), path+"/"+itoa(item)+"/periods", apiFamilyPath(w.Fam, "/aids/", itoa(aid))
		// pre: refused by the API before the service (a date it cannot
		// read, an id that is no id), which writes no audit record.
		for _, c := range []struct {
			body map[string]any
			want map[string]string
			pre  bool
		}{
			{good(map[string]any{"end": w.day(-11)}), map[string]string{"end": "coverage.end_before_start"}, false},
			{good(map[string]any{"hours_per_week": -1}), map[string]string{"hours_per_week": "coverage.hours_negative"}, false},
			{good(map[string]any{"hours_per_week": 168.5}), map[string]string{"hours_per_week": "coverage.hours_too_many"}, false},
			{good(map[string]any{"amount_cents": -1}), map[string]string{"amount_cents": "coverage.amount_negative"}, false},
			{good(map[string]any{"law": "ziekenfonds"}), map[string]string{"law": "field.choose"}, false},
			{good(map[string]any{"status": "pending"}), map[string]string{"status": "field.choose"}, false},
			{good(map[string]any{"form": ""}), map[string]string{"form": "field.required"}, false},
			{good(map[string]any{"start": "2026-02-30"}), map[string]string{"start": "date.invalid"}, true},
			{good(map[string]any{"start": ""}), map[string]string{"start": "coverage.start_required"}, false},
			{good(map[string]any{"status": "objection"}), map[string]string{"objection_filed_on": "field.required", "objection_due": "field.required"}, false},
			{good(map[string]any{"applied_on": w.day(1)}), map[string]string{"applied_on": "date.future"}, false},
			{good(map[string]any{"network_member_id": theirNetwork}), map[string]string{"network_member_id": "field.choose"}, false},
			{good(map[string]any{"network_member_id": -1}), map[string]string{"network_member_id": "field.choose"}, true},
			{good(map[string]any{"goals": []string{"not-a-goal"}}), map[string]string{"goals": "field.choose"}, false},
			{good(map[string]any{"kind": "other"}), map[string]string{"description": "field.required"}, false},
		} {
			for _, p := range []struct{ method, path string }{{"POST", path}, {"PUT", itemPath}} {
				if c.pre {
					wantNoAudit(t, a, w.Fam, func() { apiWantFields(t, w.CM.API(p.method, p.path, c.body), c.want) })
					continue
				}
				action := care.ActionCreate
				if p.method == "PUT" {
					action = care.ActionUpdate
				}
				wantOneAudit(t, a, w.Fam, "coverage_item", action, care.OutcomeFailed, func() {
					apiWantFields(t, w.CM.API(p.method, p.path, c.body), c.want)
				})
			}
		}
		for _, c := range []struct {
			body map[string]any
			want map[string]string
		}{
			{map[string]any{"law": "zvw", "form": "zin", "status": "granted", "start": w.day(-20)}, map[string]string{"start": "coverage.renewal_before_previous"}},
			{map[string]any{"law": "zvw", "form": "zin", "status": "granted", "start": w.day(0), "end": w.day(-1), "hours_per_week": -2},
				map[string]string{"end": "coverage.end_before_start", "hours_per_week": "coverage.hours_negative"}},
			{map[string]any{"law": "zvw", "form": "zin", "status": "applied", "applied_on": w.day(-1), "decided_on": w.day(-2)},
				map[string]string{"decided_on": "coverage.decided_before_applied"}},
		} {
			apiWantFields(t, w.CM.API("POST", renewPath, c.body), c.want)
		}
		for _, c := range []struct {
			body map[string]any
			want map[string]string
		}{
			{map[string]any{"kind": "bed", "via": "zvw", "status": "delivered", "requested": w.day(-3)}, map[string]string{"delivered": "aid.delivered_required"}},
			{map[string]any{"kind": "bed", "via": "gemeente", "status": "requested", "requested": w.day(-3)}, map[string]string{"via": "field.choose"}},
			{map[string]any{"kind": "bed", "via": "zvw", "status": "granted", "requested": w.day(-3), "granted": w.day(-4)}, map[string]string{"granted": "aid.before_requested"}},
			{map[string]any{"kind": "bed", "via": "zvw", "status": "requested"}, map[string]string{"requested": "field.required"}},
		} {
			apiWantFields(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/aids"), c.body), c.want)
			apiWantFields(t, w.CM.API("PUT", aidPath, c.body), c.want)
		}
		// Bodies that cannot be read: 400.
		for _, body := range []string{`{"id": 3}`, `{"kind": "bed", "kind": "lift"}`, `{"hours_per_week": "12"}`, `{"goals": "g"}`, `{"hours": 3}`, `[]`} {
			apiWant(t, w.CM.API("POST", path, body), 400, "bad_request")
			apiWant(t, w.CM.API("PUT", itemPath, body), 400, "bad_request")
		}
		apiWant(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/aids"), `{"kind": "bed", "family_id": 3}`), 400, "bad_request")

		// Another family's item and aid through this family's path: not
		// found, and the attempt on record as failed.
		for _, c := range []struct {
			method, path, object string
			body                 map[string]any
		}{
			{"PUT", path + "/" + itoa(theirItem), "coverage_item", good(nil)},
			{"POST", path + "/" + itoa(theirItem) + "/periods", "coverage_period", map[string]any{"law": "zvw", "form": "zin", "status": "to_apply"}},
			{"PUT", apiFamilyPath(w.Fam, "/aids/", itoa(theirAid)), "aid", aidBody},
			{"PUT", path + "/999999", "coverage_item", good(nil)},
		} {
			action := care.ActionUpdate
			if c.method == "POST" {
				action = care.ActionCreate
			}
			wantOneAudit(t, a, w.Fam, c.object, action, care.OutcomeFailed, func() {
				apiWant(t, w.CM.API(c.method, c.path, c.body), 404, "not_found")
			})
		}
		if got := coverageItems(t, a, other); len(got) != 1 || len(got[0].Periods) != 1 || got[0].Current().HoursPerWeek != 8 {
			t.Errorf("the other family's items changed: %+v", got)
		}

		// Every role but the family's case managers: not found, on record.
		writes := []struct {
			method, path, object string
			action               care.Action
			body                 map[string]any
		}{
			{"POST", path, "coverage_item", care.ActionCreate, good(nil)},
			{"PUT", itemPath, "coverage_item", care.ActionUpdate, good(nil)},
			{"POST", renewPath, "coverage_period", care.ActionCreate, map[string]any{"law": "zvw", "form": "zin", "status": "to_apply"}},
			{"POST", apiFamilyPath(w.Fam, "/aids"), "aid", care.ActionCreate, aidBody},
			{"PUT", aidPath, "aid", care.ActionUpdate, aidBody},
		}
		for who, c := range map[string]*client{"parent": w.Parent, "child": w.Child, "provider with the whole file": w.Nurse,
			"provider with the plan": w.GP, "other case manager": w.Other} {
			for _, wr := range writes {
				wantOneAudit(t, a, w.Fam, wr.object, wr.action, care.OutcomeDenied, func() {
					r := c.API(wr.method, wr.path, wr.body)
					if r.StatusCode != 404 {
						t.Errorf("%s %s as %s: %d, want 404", wr.method, wr.path, who, r.StatusCode)
					}
				})
			}
		}
		if after := coverageItems(t, a, w.Fam); len(after) != len(before) || len(after[0].Periods) != 1 ||
			after[0].Current().HoursPerWeek != before[0].Current().HoursPerWeek {
			t.Errorf("refused requests changed the items: %+v", after)
		}
		if after := familyAids(t, a, w.Fam); len(after) != len(beforeAids) || after[0].Status != "requested" {
			t.Errorf("refused requests changed the aids: %+v", after)
		}
	})
}

// TestAPICoverageIdempotency: a create, a renewal and a correction sent
// again with their key are answered from the kept answer and saved once.
func TestAPICoverageIdempotency(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverageWorld(t, a)
		path := apiFamilyPath(w.Fam, "/coverage")
		body := map[string]any{"kind": "night_care", "applicant": "casemanager", "law": "wlz", "form": "zin",
			"status": "applied", "applied_on": w.day(-5)}
		first := w.CM.API("POST", path, body, "Idempotency-Key", "cov-1")
		id := apiCreated(t, first)
		var again *sitetest.APIResponse
		wantNoAudit(t, a, w.Fam, func() { again = w.CM.API("POST", path, body, "Idempotency-Key", "cov-1") })
		if apiCreated(t, again) != id || again.Header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("the repeat: %d %s, replayed %q", again.StatusCode, again.Raw, again.Header.Get("Idempotent-Replayed"))
		}
		body["applied_on"] = w.day(-4)
		apiWant(t, w.CM.API("POST", path, body, "Idempotency-Key", "cov-1"), 422, "idempotency_key_reused")

		renew := map[string]any{"law": "wlz", "form": "zin", "status": "granted", "start": w.day(0), "end": w.day(365)}
		rpath := path + "/" + itoa(id) + "/periods"
		p1 := apiCreated(t, w.CM.API("POST", rpath, renew, "Idempotency-Key", "renew-1"))
		if p2 := apiCreated(t, w.CM.API("POST", rpath, renew, "Idempotency-Key", "renew-1")); p2 != p1 {
			t.Errorf("renewal repeat gave period %d, want %d", p2, p1)
		}
		fix := map[string]any{"kind": "night_care", "applicant": "casemanager", "law": "wlz", "form": "zin",
			"status": "granted", "start": w.day(0), "end": w.day(300)}
		for range 2 {
			apiWant(t, w.CM.API("PUT", path+"/"+itoa(id), fix, "Idempotency-Key", "fix-1"), 204, "")
		}
		aid := map[string]any{"kind": "lift", "via": "wmo", "status": "requested", "requested": w.day(-1)}
		a1 := apiCreated(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/aids"), aid, "Idempotency-Key", "aid-1"))
		if a2 := apiCreated(t, w.CM.API("POST", apiFamilyPath(w.Fam, "/aids"), aid, "Idempotency-Key", "aid-1")); a2 != a1 {
			t.Errorf("aid repeat gave %d, want %d", a2, a1)
		}
		items := coverageItems(t, a, w.Fam)
		if len(items) != 1 || len(items[0].Periods) != 2 || !items[0].Current().End.Equal(w.today.AddDate(0, 0, 300)) {
			t.Errorf("items after the repeats: %+v", items)
		}
		if cs, err := a.Store.Corrections(context.Background(), w.Fam, care.CorrectCoverageItem); err != nil || len(cs) != 1 {
			t.Errorf("corrections after a repeated correction: %d, %v; want 1", len(cs), err)
		}
		if aids := familyAids(t, a, w.Fam); len(aids) != 1 {
			t.Errorf("%d aids after a repeat, want 1", len(aids))
		}
	})
}

func wantNoAudit(t *testing.T, a *app, fam int64, send func()) {
	t.Helper()
	before := len(audits(t, a, fam))
	send()
	if n := len(audits(t, a, fam)) - before; n != 0 {
		t.Errorf("%d new audit records, want none", n)
	}
}
