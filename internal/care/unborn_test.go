package care_test

import (
	"context"
	"errors"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// A file opened during pregnancy: the expected date is bounded, contacts
// before it are fine, the consent rule is the parents', and the birth is
// recorded later through the edit.
func TestFileBeforeBirth(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			for _, tc := range []struct {
				name     string
				expected care.Family
				field    string
				msg      string
			}{
				{"no date", care.Family{}, "expected_birth_date", "field.required"},
				{"a year ahead", care.Family{BirthDate: date(2027, 6, 15)}, "expected_birth_date", "family.expected_too_far"},
				{"long past", care.Family{BirthDate: date(2026, 3, 1)}, "expected_birth_date", "family.expected_past"},
			} {
				in := intake("Baby Visser", tc.expected.BirthDate)
				in.Family.Unborn = true
				_, err := fx.svc.CreateFamily(ctx, fx.cm, in)
				var fe care.FieldErrors
				if !errors.As(err, &fe) || fe[tc.field] != tc.msg {
					t.Errorf("%s: %v, want %s at %s", tc.name, err, tc.msg, tc.field)
				}
			}

			in := intake("Baby Visser", date(2026, 9, 20))
			in.Family.Unborn, in.Family.Sex = true, "unknown"
			id, err := fx.svc.CreateFamily(ctx, fx.cm, in)
			if err != nil {
				t.Fatal(err)
			}
			// A contact during pregnancy, long before the expected date.
			if err := fx.svc.AddContact(ctx, fx.cm, &care.Contact{FamilyID: id, Date: date(2026, 6, 10), Kind: "home_visit", With: "parent"}); err != nil {
				t.Errorf("contact before birth: %v", err)
			}
			if got := care.RuleOn(date(2026, 9, 20), now); got != care.RuleParents {
				t.Errorf("consent rule before birth: %v", got)
			}
			items, err := fx.svc.Caseload(ctx, fx.cm, "", "name")
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, it := range items {
				if it.FamilyID == id {
					found = it.Unborn && it.BirthDate.Equal(date(2026, 9, 20))
				}
			}
			if !found {
				t.Errorf("caseload does not show the expected child: %+v", items)
			}

			// Born: the edit records the name and the date of birth.
			f, err := fx.svc.FamilyForm(ctx, fx.cm, id)
			if err != nil {
				t.Fatal(err)
			}
			fam := f.Family
			fam.Unborn, fam.BirthDate, fam.ChildName, fam.Sex = false, date(2026, 6, 14), "Mila Visser", "female"
			if err := fx.svc.UpdateFamily(ctx, fx.cm, id, care.EditOf(&fam)); err != nil {
				t.Fatal(err)
			}
			f, err = fx.svc.FamilyForm(ctx, fx.cm, id)
			if err != nil {
				t.Fatal(err)
			}
			if f.Family.Unborn || !f.Family.BirthDate.Equal(date(2026, 6, 14)) || f.Family.ChildName != "Mila Visser" {
				t.Errorf("after birth: %+v", f.Family)
			}
			// Born, a date of birth in the future is refused as before.
			fam.BirthDate = date(2026, 7, 1)
			if err := fx.svc.UpdateFamily(ctx, fx.cm, id, care.EditOf(&fam)); !hasField(err, "birth_date") {
				t.Errorf("future birth date after birth: %v", err)
			}
		})
	}
}
