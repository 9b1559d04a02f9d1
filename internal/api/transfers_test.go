package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// TestAPITransfers: the case manager plans a transfer with its checklist;
// bad input saves nothing; the handoff summary reads through each door,
// the GP's narrower consent showing less, and a provider without consent
// or another case manager is refused and recorded.
func TestAPITransfers(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		ctx := context.Background()
		path := apiFamilyPath(w.Fam, "/transfers")
		day := func(days int) string { return care.DateOf(a.Clock.Now()).AddDate(0, 0, days).Format(time.DateOnly) }
		network, err := a.Store.Network(ctx, w.Fam)
		if err != nil {
			t.Fatal(err)
		}
		gp := network[0].ID
		tasksBefore, _ := a.Store.CountTasks(ctx, w.Fam, care.TaskQuery{})

		// From = to, an implausible date and an owner from nowhere: 422,
		// the fields named, nothing saved.
		wantOneAudit(t, a, w.Fam, "transfer", care.ActionCreate, care.OutcomeFailed, func() {
			apiWantFields(t, w.CM.API("POST", path, map[string]any{
				"from_kind": "home", "to_kind": "home", "planned_on": day(500),
				"checklist": []map[string]any{{"item": "aids", "title": "Tillift", "owner": map[string]any{"kind": "network", "id": 999999}}},
			}), map[string]string{"to_kind": "transfer.same_place", "planned_on": "transfer.date_far", "aids_owner": "task.owner_not_in_file"})
		})
		apiWantFields(t, w.CM.API("POST", path, map[string]any{"from_kind": "home", "to_kind": "hospice", "planned_on": "morgen",
			"checklist": []map[string]any{{"item": "moon"}}}), map[string]string{"planned_on": "date.invalid", "checklist": "field.choose"})
		if n, _ := a.Store.CountTasks(ctx, w.Fam, care.TaskQuery{}); n != tasksBefore {
			t.Errorf("%d tasks after refused transfers, want %d", n, tasksBefore)
		}

		var id int64
		wantOneAudit(t, a, w.Fam, "transfer", care.ActionCreate, care.OutcomeSuccess, func() {
			id = apiCreated(t, w.CM.API("POST", path, map[string]any{
				"from_kind": "academic_hospital", "from_place": "Sophia", "to_kind": "home", "planned_on": day(10), "note": "Met zuurstof",
				"checklist": []map[string]any{
					{"item": "medication", "title": "Recepten naar de apotheek", "owner": map[string]any{"kind": "network", "id": gp}},
					{"item": "home_care", "title": "Thuiszorg", "owner": map[string]any{"kind": "casemanager", "id": w.CMActor.AccountID}, "due_date": day(5)},
				},
			}))
		})
		v := apiWant(t, w.CM.API("GET", path, nil), 200, "")
		for _, c := range []struct {
			path []any
			want any
		}{
			{[]any{"transfers", 0, "id"}, float64(id)},
			{[]any{"transfers", 0, "status"}, "planned"},
			{[]any{"transfers", 0, "from_place"}, "Sophia"},
			{[]any{"transfers", 0, "checklist", 0, "item"}, "home_care"},
			{[]any{"transfers", 0, "checklist", 0, "task", "due_date"}, day(5)},
			{[]any{"transfers", 1}, nil},
			{[]any{"transfers", 0, "checklist", 1, "task", "due_date"}, day(9)},
			{[]any{"transfers", 0, "checklist", 1, "task", "owner", "kind"}, "network"},
		} {
			if got := apiAt(v, c.path...); !equalJSON(got, c.want) {
				t.Errorf("transfers %v = %#v, want %#v", c.path, got, c.want)
			}
		}

		handoff := apiFamilyPath(w.Fam, "/transfers/", itoa(id), "/handoff")
		for who, c := range map[string]*sitetest.Client{"case manager": w.CM, "parent": w.Parent, "child": w.Child, "GP": w.GP} {
			wantOneAudit(t, a, w.Fam, "handoff_summary", care.ActionRead, care.OutcomeSuccess, func() {
				v := apiWant(t, c.API("GET", handoff, nil), 200, "")
				if got := apiAt(v, "directives", 0, "kind"); got != "resuscitation" {
					t.Errorf("%s: first directive %v, want resuscitation", who, got)
				}
				if got := apiAt(v, "wishes"); got != sitetest.PlanWishes {
					t.Errorf("%s: wishes %v", who, got)
				}
				narrow := who == "GP"
				if got := apiAt(v, "shows", "coverage"); got != !narrow {
					t.Errorf("%s: shows coverage %v", who, got)
				}
				if got := apiAt(v, "child", "birth_date"); (got == nil) != narrow {
					t.Errorf("%s: birth date %v", who, got)
				}
				if got := apiAt(v, "open_tasks"); (got == nil) != narrow {
					t.Errorf("%s: open tasks %v", who, got)
				}
			})
		}
		for who, c := range map[string]*sitetest.Client{"provider without consent": w.Nurse, "another case manager": w.Other} {
			wantOneAudit(t, a, w.Fam, "handoff_summary", care.ActionRead, care.OutcomeDenied, func() {
				apiWant(t, c.API("GET", handoff, nil), 404, "not_found")
			})
			apiWant(t, c.API("GET", path, nil), 404, "not_found")
			_ = who
		}
		// A transfer id through another family: not found.
		otherFam := sitetest.NewPlanWorld(t, a)
		apiWant(t, otherFam.CM.API("GET", apiFamilyPath(otherFam.Fam, "/transfers/", itoa(id), "/handoff"), nil), 404, "not_found")
	})
}
