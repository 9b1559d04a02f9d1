package auth_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestSetReachability: a case manager sets their own reachability, with
// one audit record that holds no values; bad input changes nothing and
// writes no record; other roles have none.
func TestSetReachability(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			f := setup(t, db.Open)
			cm := f.account(t, "cm@example.org")
			if r, err := f.svc.Reachability(ctx, cm); err != nil || !r.Empty() {
				t.Fatalf("Reachability before any = %+v, %v", r, err)
			}
			before := len(f.records(t, 0))
			r, err := f.svc.SetReachability(ctx, cm, "030-KCT", "ma-do", "Karin", "192.0.2.1")
			var fe care.FieldErrors
			if !errors.As(err, &fe) || fe["work_phone"] != "phone.invalid" || r.WorkPhone != "030-KCT" || r.Hours != "ma-do" {
				t.Errorf("a bad phone: %+v, %v; want the field error and what was typed", r, err)
			}
			if got, _ := f.svc.Reachability(ctx, cm); !got.Empty() {
				t.Errorf("a refused change was saved: %+v", got)
			}
			if n := len(f.records(t, before)); n != 0 {
				t.Errorf("a refused change wrote %d audit records", n)
			}

			want := care.Reachability{WorkPhone: "030 123 45 67", Hours: "ma-do 9-17", StandIn: "Karin Smit"}
			if r, err := f.svc.SetReachability(ctx, cm, " 030  123 45 67", "ma-do 9-17 ", "Karin Smit", "192.0.2.1"); err != nil || r != want {
				t.Fatalf("SetReachability = %+v, %v; want %+v", r, err, want)
			}
			if got, err := f.svc.Reachability(ctx, cm); err != nil || got != want {
				t.Errorf("Reachability = %+v, %v; want %+v", got, err, want)
			}
			rec := record{cm.ID, care.RoleCaseManager, auth.ObjectAccountReachability, cm.ID, care.ActionUpdate, care.OutcomeSuccess, "192.0.2.1", true}
			if diff := cmp.Diff([]record{rec}, f.records(t, before)); diff != "" {
				t.Errorf("audit records (-want +got):\n%s", diff)
			}

			for _, role := range []care.Role{care.RoleProvider, care.RoleFamily, care.RoleAdmin, care.RoleCoordinator} {
				a, err := f.svc.CreateAccount(ctx, auth.NewAccount{OrganisationID: f.org, Email: string(role) + "@example.org", Name: "X", Role: role, Password: goodPassword})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := f.svc.SetReachability(ctx, a, "030 123 45 67", "", "", "192.0.2.1"); care.ErrorCode(err) != care.NotFound {
					t.Errorf("SetReachability as %s: %v, want NotFound", role, err)
				}
				if _, err := f.svc.Reachability(ctx, a); care.ErrorCode(err) != care.NotFound {
					t.Errorf("Reachability as %s: %v, want NotFound", role, err)
				}
			}
		})
	}
}
