package care_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestIntervision: a case manager records sessions in their own record
// (audited), bad input is refused at the field and nothing is written,
// the count covers intervision sessions of the last 12 months only (from
// the day a year ago on), and other roles have no record.
func TestIntervision(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			fx := setup(t, db)
			ctx := context.Background()
			today := care.DateOf(now)
			add := func(actor care.Actor, held time.Time, kind string) {
				t.Helper()
				last := lastAuditID(t, fx.s)
				x, err := fx.svc.AddIntervision(ctx, actor, care.IntervisionSession{HeldOn: held, Kind: kind, Direction: "received", Minutes: 90, Topic: "Moreel beraad"})
				if err != nil || x.ID == 0 || x.AccountID != actor.AccountID {
					t.Fatalf("AddIntervision = %+v, %v", x, err)
				}
				oneAudit(t, fx.s, last, digestEvent(actor, care.ObjectIntervision, care.ActionCreate, care.OutcomeSuccess, allowed, accessPoint))
			}
			yearAgo := today.AddDate(-1, 0, 0)
			add(fx.cm, yearAgo, "intervision")                   // the first day of the window
			add(fx.cm, yearAgo.AddDate(0, 0, -1), "intervision") // the day before: out
			add(fx.cm, today, "intervision")
			add(fx.cm, today.AddDate(0, -2, 0), "supervision")
			add(fx.cm, today.AddDate(0, -3, 0), "training")
			add(fx.cm2, today, "intervision")

			last := lastAuditID(t, fx.s)
			ov, err := fx.svc.Intervision(ctx, fx.cm)
			if err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, digestEvent(fx.cm, care.ObjectIntervision, care.ActionRead, care.OutcomeSuccess, allowed, accessPoint))
			if ov.Intervisions != 2 || len(ov.Sessions) != 4 || !ov.Since.Equal(yearAgo) {
				t.Errorf("overview: %d intervisions, %d sessions since %s; want 2, 4 since %s", ov.Intervisions, len(ov.Sessions), ov.Since, yearAgo)
			}
			last = lastAuditID(t, fx.s)
			if n, err := fx.svc.IntervisionCount(ctx, fx.cm, now.AddDate(0, -1, 0)); err != nil || n != 1 {
				t.Errorf("IntervisionCount of the last month = %d, %v; want 1", n, err)
			}
			oneAudit(t, fx.s, last, digestEvent(fx.cm, care.ObjectIntervision, care.ActionRead, care.OutcomeSuccess, allowed, accessPoint))

			for name, c := range map[string]struct {
				x     care.IntervisionSession
				field string
			}{
				"future":    {care.IntervisionSession{HeldOn: today.AddDate(0, 0, 1), Kind: "intervision", Direction: "given", Minutes: 60}, "held_on"},
				"too old":   {care.IntervisionSession{HeldOn: today.AddDate(-6, 0, 0), Kind: "intervision", Direction: "given", Minutes: 60}, "held_on"},
				"no date":   {care.IntervisionSession{Kind: "intervision", Direction: "given", Minutes: 60}, "held_on"},
				"kind":      {care.IntervisionSession{HeldOn: today, Kind: "koffie", Direction: "given", Minutes: 60}, "kind"},
				"direction": {care.IntervisionSession{HeldOn: today, Kind: "training", Minutes: 60}, "direction"},
				"short":     {care.IntervisionSession{HeldOn: today, Kind: "training", Direction: "given", Minutes: 10}, "hours"},
				"topic":     {care.IntervisionSession{HeldOn: today, Kind: "training", Direction: "given", Minutes: 60, Topic: strings.Repeat("a", 201)}, "topic"},
			} {
				last = lastAuditID(t, fx.s)
				_, err := fx.svc.AddIntervision(ctx, fx.cm, c.x)
				var fe care.FieldErrors
				if !errors.As(err, &fe) || !fe.Has(c.field) {
					t.Errorf("%s: %v, want a field error on %s", name, err, c.field)
				}
				if n := len(auditAfter(t, fx.s, last)); n != 0 {
					t.Errorf("%s: %d audit records for a refused session", name, n)
				}
			}
			if ov, err := fx.svc.Intervision(ctx, fx.cm); err != nil || len(ov.Sessions) != 4 {
				t.Errorf("after refused sessions: %+v, %v", ov, err)
			}
			for _, role := range []care.Role{care.RoleAdmin, care.RoleProvider, care.RoleFamily, care.RoleCoordinator} {
				actor := fx.roles[role]
				last = lastAuditID(t, fx.s)
				if _, err := fx.svc.Intervision(ctx, actor); care.ErrorCode(err) != care.NotFound {
					t.Errorf("%s reads: %v, want NotFound", role, err)
				}
				ev := digestEvent(actor, care.ObjectIntervision, care.ActionRead, care.OutcomeDenied, care.Decision{}, accessPoint)
				ev.ObjectID = 0
				oneAudit(t, fx.s, last, ev)
				if _, err := fx.svc.AddIntervision(ctx, actor, care.IntervisionSession{HeldOn: today, Kind: "intervision", Direction: "given", Minutes: 60}); care.ErrorCode(err) != care.NotFound {
					t.Errorf("%s adds: %v, want NotFound", role, err)
				}
			}
			verifyIntact(t, fx.s)
		})
	}
}
