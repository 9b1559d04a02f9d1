package care_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestSignalAcknowledgements, on both databases: a dismissal holds until
// another task of the same owner is late, a snooze until its day; only the
// family's case managers acknowledge, and each one is on record.
func TestSignalAcknowledgements(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			s := db.Open(t)
			org, _ := s.CreateOrganisation(ctx, "KCT", now)
			clock := now
			svc := care.NewService(s, func() time.Time { return clock })
			cm := newAccount(t, s, org, care.RoleCaseManager, "cm@example.org")
			other := newAccount(t, s, org, care.RoleCaseManager, "other@example.org")
			fam, err := svc.CreateFamily(ctx, cm, intake("Lotte", date(2019, 4, 2)))
			if err != nil {
				t.Fatal(err)
			}
			task := func(due time.Time) {
				t.Helper()
				if err := svc.CreateTask(ctx, cm, &care.Task{FamilyID: fam, Title: "Bellen", DueDate: due,
					Pick: care.TaskOwner{Kind: care.OwnerCaseManager, ID: cm.AccountID}}); err != nil {
					t.Fatal(err)
				}
			}
			shown := func(code string) bool {
				t.Helper()
				d, err := svc.Dashboard(ctx, cm)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range d.Families {
					for _, sg := range f.Signals {
						if sg.Code == code {
							return true
						}
					}
				}
				return false
			}
			task(date(2026, 6, 10))
			late := care.SignalID(fam, care.CodeTasksOverdue, "cm-"+itoa(cm.AccountID))
			if !shown(care.CodeTasksOverdue) {
				t.Fatal("no overdue task on the dashboard")
			}

			// Another case manager's attempt is refused and on record.
			before := len(familyAudit(t, s, fam))
			err = svc.AcknowledgeSignal(ctx, other, &care.SignalAck{SignalID: late, Kind: care.AckDismiss, Reason: "x"})
			if care.ErrorCode(err) != care.NotFound {
				t.Errorf("another case manager dismisses: %v", err)
			}
			if err := svc.AcknowledgeSignal(ctx, cm, &care.SignalAck{SignalID: late, Kind: care.AckDismiss}); !errors.As(err, new(care.FieldErrors)) {
				t.Errorf("a dismissal without a reason: %v", err)
			}
			if err := svc.AcknowledgeSignal(ctx, cm, &care.SignalAck{SignalID: late, Kind: care.AckDismiss, Reason: "gebeld, wacht op antwoord"}); err != nil {
				t.Fatal(err)
			}
			events := familyAudit(t, s, fam)
			if n := len(events) - before; n != 3 {
				t.Errorf("%d audit records for three attempts", n)
			}
			if e := events[len(events)-1]; e.ObjectType != "signal" || e.Action != care.ActionUpdate || e.Outcome != care.OutcomeSuccess {
				t.Errorf("audit record %+v", e)
			}
			if shown(care.CodeTasksOverdue) {
				t.Error("the dismissed signal still shows")
			}
			// Another task of the same owner late: a new cause, the signal is back.
			task(date(2026, 6, 12))
			if !shown(care.CodeTasksOverdue) {
				t.Error("a new overdue task does not bring the signal back")
			}

			// A snooze holds until its day.
			gp := care.SignalID(fam, care.CodeNoGP, "")
			if err := svc.AcknowledgeSignal(ctx, cm, &care.SignalAck{SignalID: gp, Kind: care.AckSnooze, Until: date(2026, 6, 17)}); err != nil {
				t.Fatal(err)
			}
			if shown(care.CodeNoGP) {
				t.Error("the snoozed signal shows")
			}
			clock = now.AddDate(0, 0, 1)
			if shown(care.CodeNoGP) {
				t.Error("the snoozed signal shows the day before its day")
			}
			clock = now.AddDate(0, 0, 2)
			if !shown(care.CodeNoGP) {
				t.Error("the snoozed signal stays away on its day")
			}
			// Fixed, it is gone for good.
			if err := svc.SaveNetworkMember(ctx, cm, &care.NetworkMember{FamilyID: fam, Name: "Dr. Smit", Role: "gp", Line: 1}); err != nil {
				t.Fatal(err)
			}
			if shown(care.CodeNoGP) {
				t.Error("a GP in the network does not silence the signal")
			}
		})
	}
}

func familyAudit(t *testing.T, s interface {
	FamilyAuditEvents(context.Context, int64) ([]care.AuditEvent, error)
}, fam int64) []care.AuditEvent {
	t.Helper()
	es, err := s.FamilyAuditEvents(context.Background(), fam)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
