package storetest

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

func testStays(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	by := care.Person{AccountID: f.caseManager}
	home := &care.Stay{FamilyID: f.family, Kind: care.StayHome, Place: "bij moeder", Start: day(2026, 1, 1), End: day(2026, 3, 2),
		CreatedAt: t0, CreatedBy: by}
	picu := &care.Stay{FamilyID: f.family, Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: "Sophia", Acute: true,
		Note: "via SEH", Start: day(2026, 3, 2), CreatedAt: t0, CreatedBy: by}
	for _, st := range []*care.Stay{home, picu} {
		if err := s.CreateStay(ctx, st); err != nil || st.ID == 0 {
			t.Fatalf("CreateStay = %v, id %d", err, st.ID)
		}
	}
	stays, err := s.Stays(ctx, f.family)
	if err != nil || len(stays) != 2 {
		t.Fatalf("Stays = %+v, %v", stays, err)
	}
	got := stays[0] // the newest start first
	if got.ID != picu.ID || got.Kind != care.StayAcademicHospital || got.Unit != care.StayPICU || got.Place != "Sophia" ||
		!got.Acute || got.Note != "via SEH" || !got.Start.Equal(day(2026, 3, 2)) || !got.End.IsZero() ||
		got.CreatedBy.Name == "" || !got.CreatedAt.Equal(t0) {
		t.Errorf("stay = %+v", got)
	}
	if !stays[1].End.Equal(day(2026, 3, 2)) || stays[1].Acute {
		t.Errorf("home stay = %+v", stays[1])
	}
	if stays, err := s.Stays(ctx, other.family); err != nil || len(stays) != 0 {
		t.Errorf("other family's stays = %+v, %v", stays, err)
	}

	// An update is scoped by the family: another family's id is NotFound.
	picu.End, picu.Acute = day(2026, 3, 20), false
	if err := s.UpdateStay(ctx, picu); err != nil {
		t.Fatal(err)
	}
	wrong := *picu
	wrong.FamilyID, wrong.Place = other.family, "elders"
	if err := s.UpdateStay(ctx, &wrong); !isNotFound(err) {
		t.Errorf("UpdateStay through another family = %v, want NotFound", err)
	}
	stays, _ = s.Stays(ctx, f.family)
	if !stays[0].End.Equal(day(2026, 3, 20)) || stays[0].Acute || stays[0].Place != "Sophia" {
		t.Errorf("updated stay = %+v", stays[0])
	}

	// The caseload reads the stay covering the day: the day of leaving
	// is the next place's.
	for _, c := range []struct {
		on   int
		want int64
	}{{1, home.ID}, {2, picu.ID}, {19, picu.ID}, {20, 0}} {
		cs, err := s.CaseloadStays(ctx, f.caseManager, day(2026, 3, c.on))
		if err != nil {
			t.Fatal(err)
		}
		if got := cs[f.family]; got.ID != c.want {
			t.Errorf("CaseloadStays on 2026-03-%02d = stay %d, want %d", c.on, got.ID, c.want)
		}
		if _, ok := cs[other.family]; ok {
			t.Errorf("CaseloadStays holds another case manager's family")
		}
	}

	// A correction of a stay keeps the values before.
	if err := s.AddCorrection(ctx, &care.Correction{FamilyID: f.family, ObjectType: care.CorrectStay, ObjectID: picu.ID,
		ChangedAt: t0, ChangedBy: by, Previous: map[string]string{"acute": "1"}}); err != nil {
		t.Fatalf("AddCorrection of a stay: %v", err)
	}
	cs, err := s.Corrections(ctx, f.family, care.CorrectStay)
	if err != nil || len(cs) != 1 || cs[0].Previous["acute"] != "1" {
		t.Errorf("Corrections = %+v, %v", cs, err)
	}

	// The database refuses a stay that ends on or before its start.
	bad := &care.Stay{FamilyID: f.family, Kind: care.StayHome, Start: day(2026, 4, 2), End: day(2026, 4, 1), CreatedAt: t0, CreatedBy: by}
	if err := s.CreateStay(ctx, bad); err == nil {
		t.Errorf("a stay ending before it starts was stored")
	}
}
