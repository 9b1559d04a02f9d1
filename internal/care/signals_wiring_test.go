package care_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestDeceasedChildShowsOnlyAftercareSignal, on both databases: after the
// death is recorded, a follow-up contact whose day has passed is the only
// signal of the family, on the dashboard and the family's list, and it
// links to the aftercare on the death page; once done, it is gone.
func TestDeceasedChildShowsOnlyAftercareSignal(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			// Alive, the family has signals of its own (an overdue task).
			if err := fx.svc.CreateTask(ctx, fx.cm, &care.Task{FamilyID: fx.fam, Title: "Rolstoel", OwnerKind: "casemanager",
				DueDate: date(2026, 5, 1)}); err != nil {
				t.Fatal(err)
			}
			if got, err := fx.svc.FamilySignals(ctx, fx.cm, fx.fam); err != nil || len(got) < 2 {
				t.Fatalf("alive: signals %v, %v; want several", codesOf(got), err)
			}
			if err := fx.svc.RecordDeath(ctx, fx.cm, &care.DeathRecord{FamilyID: fx.fam, DiedOn: date(2026, 4, 1),
				Place: care.DeathHome}); err != nil {
				t.Fatal(err)
			}
			plan, err := fx.svc.AftercarePlan(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if err != nil {
				t.Fatal(err)
			}
			var passed []care.AftercareContact
			for _, c := range plan.Contacts {
				if c.DueOn.Before(care.DateOf(now)) {
					passed = append(passed, c)
				}
			}
			if len(passed) != 1 {
				t.Fatalf("follow-ups passed by %s: %+v, want the one after six weeks", care.DateOf(now), plan.Contacts)
			}
			want := care.SignalID(fx.fam, care.CodeAftercareDue, fmt.Sprint(passed[0].ID))
			link := fmt.Sprintf("/families/%d/death#aftercare", fx.fam)

			got, err := fx.svc.FamilySignals(ctx, fx.cm, fx.fam)
			if err != nil || len(got) != 1 || got[0].ID != want || got[0].Link != link || !got[0].Due.Equal(passed[0].DueOn) {
				t.Fatalf("deceased: signals %+v, %v; want only %s linking to %s", got, err, want, link)
			}
			d, err := fx.svc.Dashboard(ctx, fx.cm)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Families) != 1 || d.Families[0].FamilyID != fx.fam || len(d.Families[0].Signals) != 1 ||
				d.Families[0].Signals[0].ID != want {
				t.Errorf("dashboard families %+v, want only the aftercare signal", d.Families)
			}
			if err := fx.svc.AftercareContactDone(ctx, fx.cm, fx.fam, passed[0].ID); err != nil {
				t.Fatal(err)
			}
			if got, err := fx.svc.FamilySignals(ctx, fx.cm, fx.fam); err != nil || len(got) != 0 {
				t.Errorf("after the follow-up was done: %v, %v", codesOf(got), err)
			}
		})
	}
}

// TestIntervisionPracticeSignal, on both databases: with five intervision
// sessions in the last 12 months the case manager sees their own signal,
// on the dashboard and in the list; the sixth silences it. Sessions older
// than 12 months and other kinds do not count.
func TestIntervisionPracticeSignal(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			add := func(on string, kind string) {
				t.Helper()
				x := care.IntervisionSession{HeldOn: mustDate(t, on), Kind: kind, Direction: "received", Minutes: 60}
				if _, err := fx.svc.AddIntervision(ctx, fx.cm, x); err != nil {
					t.Fatal(err)
				}
			}
			own := func() (dashboard, list bool, count int) {
				t.Helper()
				d, err := fx.svc.Dashboard(ctx, fx.cm)
				if err != nil {
					t.Fatal(err)
				}
				for _, sg := range d.Own {
					if sg.Code == care.CodeIntervisie {
						dashboard, count = true, sg.Count
					}
				}
				all, err := fx.svc.Signals(ctx, fx.cm)
				if err != nil {
					t.Fatal(err)
				}
				for _, sg := range all {
					if sg.Code == care.CodeIntervisie {
						list = true
					}
				}
				return dashboard, list, count
			}
			add("2025-06-14", "intervision") // a day before the 12 months
			add("2026-06-01", "supervision")
			for _, on := range []string{"2025-06-15", "2025-09-01", "2025-12-01", "2026-03-01", "2026-06-01"} {
				add(on, "intervision")
			}
			if d, l, n := own(); !d || !l || n != 5 {
				t.Fatalf("five sessions: on the dashboard %v, in the list %v, count %d", d, l, n)
			}
			add("2026-06-15", "intervision")
			if d, l, _ := own(); d || l {
				t.Errorf("six sessions: still on the dashboard %v, in the list %v", d, l)
			}
		})
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func codesOf(ss []care.Signal) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Code)
	}
	return out
}
