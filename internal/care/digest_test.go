package care_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

func digestEvent(actor care.Actor, object string, action care.Action, outcome string, d care.Decision, point string) care.AuditEvent {
	return care.AuditEvent{At: now.Truncate(time.Microsecond), ActorID: actor.AccountID, ActorRole: actor.Role,
		ObjectType: object, ObjectID: actor.AccountID, Action: action, Outcome: outcome, AccessPoint: point,
		Authorised: d.Allowed, Relationship: d.Relationship}
}

// TestDigestSettings: a case manager reads the defaults and saves a new
// hour (audited); a bad hour is refused at the field and nothing changes;
// other roles have no digest.
func TestDigestSettings(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			fx := setup(t, db)
			ctx := context.Background()
			if got, err := fx.svc.DigestSettings(ctx, fx.cm); err != nil || got != care.DefaultDigestSettings(fx.cm.AccountID) {
				t.Errorf("DigestSettings = %+v, %v; want the defaults", got, err)
			}
			last := lastAuditID(t, fx.s)
			got, err := fx.svc.SaveDigestSettings(ctx, fx.cm, care.DigestInput{Enabled: false, Hour: "16"})
			want := care.DigestSettings{AccountID: fx.cm.AccountID, Enabled: false, Hour: 16}
			if err != nil || got != want {
				t.Fatalf("SaveDigestSettings = %+v, %v; want %+v", got, err, want)
			}
			oneAudit(t, fx.s, last, digestEvent(fx.cm, care.ObjectDigestSettings, care.ActionUpdate, care.OutcomeSuccess, allowed, accessPoint))
			for _, bad := range []string{"24", "-1", "", "7:30", "zeven", "+7"} {
				last = lastAuditID(t, fx.s)
				_, err := fx.svc.SaveDigestSettings(ctx, fx.cm, care.DigestInput{Enabled: true, Hour: bad})
				var fe care.FieldErrors
				if !errors.As(err, &fe) || fe["hour"] != "account.digest.hour_invalid" {
					t.Errorf("hour %q: %v, want a field error on hour", bad, err)
				}
				if n := len(auditAfter(t, fx.s, last)); n != 0 {
					t.Errorf("hour %q: %d audit records for a refused form", bad, n)
				}
			}
			if got, err := fx.svc.DigestSettings(ctx, fx.cm); err != nil || got != want {
				t.Errorf("after refused changes: %+v, %v; want %+v", got, err, want)
			}
			for _, role := range []care.Role{care.RoleAdmin, care.RoleProvider, care.RoleFamily, care.RoleCoordinator} {
				actor := fx.roles[role]
				if _, err := fx.svc.DigestSettings(ctx, actor); care.ErrorCode(err) != care.NotFound {
					t.Errorf("%s reads digest settings: %v, want NotFound", role, err)
				}
				last = lastAuditID(t, fx.s)
				if _, err := fx.svc.SaveDigestSettings(ctx, actor, care.DigestInput{Enabled: true, Hour: "8"}); care.ErrorCode(err) != care.NotFound {
					t.Errorf("%s saves digest settings: %v, want NotFound", role, err)
				}
				ev := digestEvent(actor, care.ObjectDigestSettings, care.ActionUpdate, care.OutcomeDenied, care.Decision{}, accessPoint)
				ev.ObjectID = 0
				oneAudit(t, fx.s, last, ev)
			}
			verifyIntact(t, fx.s)
		})
	}
}

// TestClaimDigests: at a case manager's hour the job claims their digest
// once, with the counts of the signal engine over their own caseload
// (open signals only: overdue when due before today, new when due since
// yesterday) and one audit record on their behalf; a case manager without
// signals is claimed but gets no mail, and one at another hour is left
// for later.
func TestClaimDigests(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			fx := setup(t, db)
			ctx := context.Background()
			hour := now.In(care.Amsterdam).Hour()
			// cm: a contact passed yesterday (new) and a task overdue for
			// two weeks; cm3 has no families, so no signals.
			f := &care.Family{OrganisationID: fx.org, ChildName: "Lotte Smit", BirthDate: date(2018, 5, 5), Sex: "female",
				Intensity: care.Regular, NextContact: date(2026, 6, 14)}
			ep := &care.Episode{ReferralDate: date(2026, 1, 5), SurpriseQuestion: "unknown", Status: "accepted"}
			if err := fx.s.CreateFamilyFile(ctx, f, ep, "kct", fx.cm.AccountID, now); err != nil {
				t.Fatal(err)
			}
			k := &care.Task{FamilyID: f.ID, Title: "Indicatie verlengen", OwnerKind: "casemanager", DueDate: date(2026, 6, 1),
				CreatedAt: now, CreatedBy: care.Person{AccountID: fx.cm.AccountID}}
			if err := fx.s.CreateTask(ctx, k); err != nil {
				t.Fatal(err)
			}
			cm3 := newAccount(t, fx.s, fx.org, care.RoleCaseManager, "cm3@example.org")
			for _, a := range []care.Actor{fx.cm, cm3} {
				if _, err := fx.svc.SaveDigestSettings(ctx, a, care.DigestInput{Enabled: true, Hour: strconv.Itoa(hour)}); err != nil {
					t.Fatal(err)
				}
			}
			if hour == care.DefaultDigestHour {
				t.Fatal("the test's clock is at the default hour")
			}
			// The counts, by the definition, over the signals the case
			// manager sees.
			signals, err := fx.svc.Signals(ctx, fx.cm)
			if err != nil {
				t.Fatal(err)
			}
			today, yesterday := care.DateOf(now), care.DateOf(now).AddDate(0, 0, -1)
			wantNew, wantOverdue, contactNew, taskOverdue := 0, 0, false, ""
			for _, sg := range signals {
				if sg.FamilyID == 0 {
					continue // the case manager's own signal
				}
				if sg.Due.Before(today) {
					wantOverdue++
				}
				if !sg.Due.Before(yesterday) {
					wantNew++
				}
				switch {
				case sg.FamilyID == f.ID && sg.Code == care.CodeNextContactPassed:
					contactNew = !sg.Due.Before(yesterday)
				case sg.FamilyID == f.ID && sg.Code == care.CodeTasksOverdue && sg.Due.Before(yesterday):
					taskOverdue = sg.ID
				}
			}
			if !contactNew || taskOverdue == "" {
				t.Fatalf("signals %+v: want the passed contact new and the task overdue", signals)
			}
			// A dismissed signal is not counted.
			if err := fx.svc.AcknowledgeSignal(ctx, fx.cm, &care.SignalAck{SignalID: taskOverdue, Kind: care.AckDismiss,
				Reason: "besproken"}); err != nil {
				t.Fatal(err)
			}
			last := lastAuditID(t, fx.s)
			got, err := fx.svc.ClaimDigests(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			want := []care.Digest{{DigestRecipient: care.DigestRecipient{AccountID: fx.cm.AccountID, Email: "cm@example.org"},
				New: wantNew, Overdue: wantOverdue - 1}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("digests (-want +got):\n%s", diff)
			}
			es := auditAfter(t, fx.s, last)
			if len(es) != 2 {
				t.Fatalf("%d audit records, want one per claimed digest: %+v", len(es), es)
			}
			claimed := []care.Actor{fx.cm, cm3}
			if es[0].ActorID != fx.cm.AccountID {
				claimed[0], claimed[1] = cm3, fx.cm
			}
			for i, a := range claimed {
				a.AccessPoint = care.DigestAccessPoint
				if diff := cmp.Diff(digestEvent(a, care.ObjectDigest, care.ActionRead, care.OutcomeSuccess, caseload, care.DigestAccessPoint), es[i], ignoreChain); diff != "" {
					t.Errorf("audit record of %d (-want +got):\n%s", a.AccountID, diff)
				}
			}
			// The same hour again, or an hour later: claimed already.
			last = lastAuditID(t, fx.s)
			for _, at := range []time.Time{now.Add(time.Minute), now.Add(time.Hour)} {
				if got, err := fx.svc.ClaimDigests(ctx, at); err != nil || len(got) != 0 {
					t.Errorf("ClaimDigests at %s = %+v, %v; want none", at, got, err)
				}
			}
			if es := auditAfter(t, fx.s, last); len(es) != 0 {
				t.Errorf("audit records without a digest: %+v", es)
			}
			// The next day at the hour: due again.
			if got, err := fx.svc.ClaimDigests(ctx, now.AddDate(0, 0, 1)); err != nil || len(got) != 1 || got[0].AccountID != fx.cm.AccountID {
				t.Errorf("the next day: %+v, %v", got, err)
			}
			verifyIntact(t, fx.s)
		})
	}
}

// countsOf is a signal counter with fixed counts.
type countsOf map[int64][2]int

func (c countsOf) CountSignals(_ context.Context, accountID int64, _ time.Time) (int, int, error) {
	n := c[accountID]
	return n[0], n[1], nil
}

// TestClaimDigestsCounter: the counts come from the counter the service
// was given, and a counter's zero is no mail.
func TestClaimDigestsCounter(t *testing.T) {
	fx := setup(t, storetest.Databases()[0])
	ctx := context.Background()
	hour := strconv.Itoa(now.In(care.Amsterdam).Hour())
	for _, a := range []care.Actor{fx.cm, fx.cm2} {
		if _, err := fx.svc.SaveDigestSettings(ctx, a, care.DigestInput{Enabled: true, Hour: hour}); err != nil {
			t.Fatal(err)
		}
	}
	fx.svc.SetSignalCounter(countsOf{fx.cm2.AccountID: {0, 5}})
	got, err := fx.svc.ClaimDigests(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []care.Digest{{DigestRecipient: care.DigestRecipient{AccountID: fx.cm2.AccountID, Email: "cm2@example.org"}, Overdue: 5}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("digests (-want +got):\n%s", diff)
	}
}
