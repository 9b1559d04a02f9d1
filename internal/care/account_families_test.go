package care_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestAccountFamilies: every role with families gets the ones it may open
// with one audit record; a case manager their caseload only; roles without
// families NotFound, recorded as refused.
func TestAccountFamilies(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1))
			admin := newAccount(t, w.s, w.org, care.RoleAdmin, "beheer@example.org")
			coordinator := newAccount(t, w.s, w.org, care.RoleCoordinator, "regio@example.org")
			for _, tt := range []struct {
				who  string
				a    care.Actor
				want []care.LinkedFamily
			}{
				{"the case manager", w.cm, []care.LinkedFamily{{FamilyID: w.fam, ChildName: "Daan Hermans", Kind: care.LinkCaseManager}}},
				{"the other case manager", w.cm2, []care.LinkedFamily{{FamilyID: w.other, ChildName: "Bram Jansen", Kind: care.LinkCaseManager}}},
				{"the mother", w.mother, []care.LinkedFamily{{FamilyID: w.fam, ChildName: "Daan Hermans", Kind: care.LinkParent}}},
				{"the GP without consent", w.gp, []care.LinkedFamily{{FamilyID: w.fam, Kind: care.LinkProvider}}},
				{"a provider without families", w.stranger, nil},
			} {
				var got []care.LinkedFamily
				err := w.audited(t, w.record(tt.a, 0, "linked_families", 0, care.ActionSearch, care.OutcomeSuccess), func() error {
					var err error
					got, err = w.svc.AccountFamilies(ctx, tt.a)
					return err
				})
				if err != nil || !cmp.Equal(got, tt.want) {
					t.Errorf("%s: %+v, %v; want %+v", tt.who, got, err, tt.want)
				}
			}
			for _, a := range []care.Actor{admin, coordinator} {
				err := w.audited(t, w.record(a, 0, "linked_families", 0, care.ActionSearch, care.OutcomeDenied), func() error {
					got, err := w.svc.AccountFamilies(ctx, a)
					if got != nil {
						t.Errorf("%s got families %+v", a.Role, got)
					}
					return err
				})
				wantCode(t, "AccountFamilies as "+string(a.Role), err, care.NotFound, missing)
			}
		})
	}
}
