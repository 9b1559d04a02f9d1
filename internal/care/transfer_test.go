package care_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestTransferValidate: the places must differ, the date must be
// plausible, and "other" needs the place's name.
func TestTransferValidate(t *testing.T) {
	today := date(2026, 6, 15)
	birth := date(2019, 4, 2)
	ok := care.Transfer{FromKind: "academic_hospital", FromPlace: "WKZ", ToKind: "home", PlannedOn: today.AddDate(0, 0, 7)}
	cases := []struct {
		name  string
		edit  func(*care.Transfer)
		field string
		key   string
	}{
		{"fine", func(*care.Transfer) {}, "", ""},
		{"same place", func(tr *care.Transfer) { tr.ToKind, tr.ToPlace = "academic_hospital", " wkz " }, "to_kind", "transfer.same_place"},
		{"same kind, other place", func(tr *care.Transfer) { tr.ToKind, tr.ToPlace = "academic_hospital", "Sophia" }, "", ""},
		{"one parent's home to the other's", func(tr *care.Transfer) { tr.FromKind, tr.FromPlace, tr.ToPlace = "home", "bij mama", "bij papa" }, "", ""},
		{"no date", func(tr *care.Transfer) { tr.PlannedOn = time.Time{} }, "planned_on", "field.required"},
		{"long ago", func(tr *care.Transfer) { tr.PlannedOn = today.AddDate(0, 0, -31) }, "planned_on", "transfer.date_past"},
		{"a month ago", func(tr *care.Transfer) { tr.PlannedOn = today.AddDate(0, 0, -30) }, "", ""},
		{"years ahead", func(tr *care.Transfer) { tr.PlannedOn = today.AddDate(1, 0, 1) }, "planned_on", "transfer.date_far"},
		{"before birth", func(tr *care.Transfer) { tr.PlannedOn = birth.AddDate(0, 0, -1) }, "planned_on", "transfer.before_birth"},
		{"unknown kind", func(tr *care.Transfer) { tr.ToKind = "moon" }, "to_kind", "field.choose"},
		{"other without a name", func(tr *care.Transfer) { tr.ToKind = "other" }, "to_place", "field.required"},
	}
	for _, c := range cases {
		tr := ok
		c.edit(&tr)
		err := tr.Validate(today, birth)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		fe, _ := err.(care.FieldErrors)
		if fe[c.field] != c.key {
			t.Errorf("%s: %v, want %s at %s", c.name, err, c.key, c.field)
		}
	}
	// The home in the same words on both sides is no move.
	same := care.Transfer{FromKind: "home", ToKind: "home", PlannedOn: today}
	if fe, _ := same.Validate(today, birth).(care.FieldErrors); fe["to_kind"] != "transfer.same_place" {
		t.Errorf("home to home with no names: %v", fe)
	}
}

func transferSteps(owner care.TaskOwner) []care.TransferStep {
	var steps []care.TransferStep
	for _, item := range care.TransferChecklist {
		steps = append(steps, care.TransferStep{Item: item, Title: "Regelen: " + item, Owner: owner})
	}
	return steps
}

// TestPlanTransfer: the checklist becomes tasks in one transaction with
// the transfer, due the day before; bad input or an owner from another
// family's file saves nothing; every access has its one record.
func TestPlanTransfer(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			planned := date(2026, 6, 22)
			me := care.TaskOwner{Kind: care.OwnerCaseManager, ID: fx.cm.AccountID}
			tasksBefore := len(file(t, fx.s, fx.fam).Tasks)

			// Bad input: from = to, and an owner from the other family's
			// network. Nothing is saved, with messages at the fields.
			bad := &care.Transfer{FamilyID: fx.fam, FromKind: "home", ToKind: "home", PlannedOn: planned}
			steps := transferSteps(me)
			steps[1].Owner = care.TaskOwner{Kind: care.OwnerNetwork, ID: fx.otherNet}
			last := lastAuditID(t, fx.s)
			err := fx.svc.PlanTransfer(ctx, fx.cm, bad, steps)
			if !hasField(err, "to_kind") || !hasField(err, "aids_owner") {
				t.Fatalf("PlanTransfer(bad) = %v, want to_kind and aids_owner", err)
			}
			if got := len(file(t, fx.s, fx.fam).Tasks); got != tasksBefore {
				t.Errorf("%d tasks after a refused transfer, want %d", got, tasksBefore)
			}
			if es := auditAfter(t, fx.s, last); len(es) != 1 || es[0].Outcome != care.OutcomeFailed {
				t.Errorf("refused transfer recorded as %+v", es)
			}
			// Through another family's door: not found, nothing saved.
			intruder := &care.Transfer{FamilyID: fx.other, FromKind: "academic_hospital", ToKind: "home", PlannedOn: planned}
			if err := fx.svc.PlanTransfer(ctx, fx.cm, intruder, nil); !isCode(err, care.NotFound) {
				t.Errorf("transfer for another family = %v", err)
			}

			tr := &care.Transfer{FamilyID: fx.fam, FromKind: "academic_hospital", FromPlace: "WKZ", ToKind: "home", PlannedOn: planned}
			steps = transferSteps(me)[:3]
			steps[2].Owner = care.TaskOwner{Kind: care.OwnerNetwork, ID: fx.network}
			last = lastAuditID(t, fx.s)
			if err := fx.svc.PlanTransfer(ctx, fx.cm, tr, steps); err != nil {
				t.Fatal(err)
			}
			es := auditAfter(t, fx.s, last)
			if len(es) != 1 || es[0].ObjectType != "transfer" || es[0].ObjectID != tr.ID || es[0].Action != care.ActionCreate {
				t.Errorf("audit = %+v, want one create of the transfer", es)
			}
			tf, err := fx.svc.Transfers(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if err != nil || len(tf.Transfers) != 1 || len(tf.Owners) == 0 {
				t.Fatalf("Transfers = %+v, %v", tf, err)
			}
			got := tf.Transfers[0]
			if len(got.Items) != 3 {
				t.Fatalf("items = %+v", got.Items)
			}
			for _, it := range got.Items {
				if !it.Task.DueDate.Equal(date(2026, 6, 21)) || it.Task.Status != "open" {
					t.Errorf("task of %s = %+v, want open and due the day before", it.Item, it.Task)
				}
			}
			if got.Items[2].Task.NetworkMemberID != fx.network {
				t.Errorf("medication task = %+v, want the network member's", got.Items[2].Task)
			}

			// Done once; not through another family; not twice.
			if err := fx.svc.SetTransferStatus(ctx, fx.cm2, fx.fam, tr.ID, care.TransferDone); !isCode(err, care.NotFound) {
				t.Errorf("another case manager marked it done: %v", err)
			}
			if err := fx.svc.SetTransferStatus(ctx, fx.cm, fx.fam, tr.ID, "gone"); !hasField(err, "status") {
				t.Errorf("unknown status = %v", err)
			}
			if err := fx.svc.SetTransferStatus(ctx, fx.cm, fx.fam, tr.ID, care.TransferCancelled); err != nil {
				t.Fatal(err)
			}
			if err := fx.svc.SetTransferStatus(ctx, fx.cm, fx.fam, tr.ID, care.TransferDone); !isCode(err, care.NotFound) {
				t.Errorf("a cancelled transfer marked done: %v", err)
			}
		})
	}
}

// TestHandoff: the summary through each door, what each consent scope
// shows, a provider without consent refused and recorded, and printing
// recorded with the transfer.
func TestHandoff(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			plan, err := fx.svc.StartCarePlan(ctx, fx.cm, fx.fam, 0)
			if err != nil {
				t.Fatal(err)
			}
			next := *plan
			next.Wishes = "Thuis zijn, bij de hond."
			next.ACP.Directives = []care.Directive{
				{Kind: "ventilation", Decision: "yes", Date: date(2026, 5, 1), AgreedBy: "ouders"},
				{Kind: "resuscitation", Decision: "no", Date: date(2026, 5, 1), AgreedBy: "ouders en kinderarts"},
			}
			if _, err := fx.svc.SaveCarePlan(ctx, fx.cm, fx.fam, plan.Version, &next, nil); err != nil {
				t.Fatal(err)
			}
			wlz := care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 16,
				Start: date(2026, 1, 1), End: date(2027, 1, 1), Note: "bezwaar overwogen"}
			if err := fx.svc.AddCoverageItem(ctx, fx.cm, &care.CoverageItem{FamilyID: fx.fam, Kind: "night_care", Applicant: "casemanager"}, &wlz); err != nil {
				t.Fatal(err)
			}
			tr := &care.Transfer{FamilyID: fx.fam, FromKind: "academic_hospital", ToKind: "home", PlannedOn: date(2026, 6, 22)}
			if err := fx.svc.PlanTransfer(ctx, fx.cm, tr, transferSteps(care.TaskOwner{Kind: care.OwnerCaseManager, ID: fx.cm.AccountID})[:1]); err != nil {
				t.Fatal(err)
			}

			last := lastAuditID(t, fx.s)
			h, err := fx.svc.Handoff(ctx, fx.cm, care.ViewCaseFile, fx.fam, tr.ID)
			if err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "handoff_summary", tr.ID, care.ActionRead))
			if h.NoResuscitation() == nil || h.Directives[0].Kind != "resuscitation" || h.Plan.Wishes == "" {
				t.Errorf("directives = %+v, want resuscitation first", h.Directives)
			}
			// The other open tasks: the fixture's, not the checklist's own.
			if len(h.Coverage) != 1 || h.Coverage[0].Periods[0].Note != "" || len(h.OpenTasks) != 1 || h.OpenTasks[0].ID != fx.task ||
				len(h.Transfer.Items) != 1 || len(h.Network) != 1 {
				t.Errorf("coverage %+v, open tasks %+v, checklist %+v, network %d", h.Coverage, h.OpenTasks, h.Transfer.Items, len(h.Network))
			}
			// Another family's transfer id through this family: not found.
			if _, err := fx.svc.Handoff(ctx, fx.cm, care.ViewCaseFile, fx.fam, tr.ID+1000); !isCode(err, care.NotFound) {
				t.Errorf("unknown transfer = %v", err)
			}

			full := linkProviderWithScope(t, fx, care.ScopeFile)
			narrow := linkProviderWithScope(t, fx, care.ScopePlanNetwork)
			if h, err := fx.svc.Handoff(ctx, full, care.ViewProvider, fx.fam, tr.ID); err != nil || !h.ShowsCoverage() || len(h.Coverage) != 1 || h.Family.BirthDate.IsZero() {
				t.Errorf("provider with the whole file: %+v, %v", h, err)
			}
			h, err = fx.svc.Handoff(ctx, narrow, care.ViewProvider, fx.fam, tr.ID)
			if err != nil || h.ShowsCoverage() || len(h.Coverage) != 0 || len(h.OpenTasks) != 0 || len(h.Transfer.Items) != 0 ||
				!h.Family.BirthDate.IsZero() || h.NoResuscitation() == nil || len(h.Network) == 0 {
				t.Errorf("provider with plan_network: %+v, %v", h, err)
			}
			// A provider without consent, and a case manager of another
			// family: not found, and recorded as refused.
			stranger := newAccount(t, fx.s, fx.org, care.RoleProvider, "stranger@example.org")
			for _, who := range []struct {
				a    care.Actor
				view care.View
			}{{stranger, care.ViewProvider}, {fx.cm2, care.ViewCaseFile}, {fx.roles[care.RoleFamily], care.ViewFamily}} {
				last = lastAuditID(t, fx.s)
				if _, err := fx.svc.Handoff(ctx, who.a, who.view, fx.fam, tr.ID); !isCode(err, care.NotFound) {
					t.Errorf("%v through %s = %v", who.a.Role, who.view, err)
				}
				oneAudit(t, fx.s, last, denied(who.a, fx.fam, "handoff_summary", care.ActionRead))
			}

			last = lastAuditID(t, fx.s)
			if err := fx.svc.RecordHandoffPrint(ctx, full, care.ViewProvider, fx.fam, tr.ID); err != nil {
				t.Fatal(err)
			}
			want := success(full, fx.fam, "handoff_summary", tr.ID, care.ActionPrint)
			want.Consent = true
			oneAudit(t, fx.s, last, want)
			if err := fx.svc.RecordPrint(ctx, full, fx.fam, care.ViewProvider, "handoff_summary"); !isCode(err, care.NotFound) {
				t.Errorf("handoff printed without its transfer: %v", err)
			}
		})
	}
}
