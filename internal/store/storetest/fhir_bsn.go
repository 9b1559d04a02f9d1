package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// testFHIRFamiliesByBSN checks the search by BSN: only the families of the
// account's own caseload, never another case manager's.
func testFHIRFamiliesByBSN(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	const bsn = "111222333"
	newFamily := func(cm int64, bsn string) int64 {
		t.Helper()
		fam := &care.Family{OrganisationID: f.org, ChildName: "Daan", BirthDate: time.Date(2018, 3, 4, 0, 0, 0, 0, time.UTC),
			Sex: "male", Intensity: care.Regular, BSN: bsn}
		ep := &care.Episode{ReferralDate: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), SurpriseQuestion: "unknown", Status: "accepted"}
		if err := s.CreateFamilyFile(ctx, fam, ep, "kct", cm, t0); err != nil {
			t.Fatal(err)
		}
		return fam.ID
	}
	mine := newFamily(f.caseManager, bsn)
	theirs := newFamily(other.caseManager, bsn)
	newFamily(f.caseManager, "123456782")
	got, err := s.CaseloadFamiliesByBSN(ctx, f.caseManager, bsn)
	if err != nil || !slices.Equal(got, []int64{mine}) {
		t.Errorf("own caseload by BSN = %v, %v; want [%d]", got, err, mine)
	}
	got, err = s.CaseloadFamiliesByBSN(ctx, other.caseManager, bsn)
	if err != nil || !slices.Equal(got, []int64{theirs}) {
		t.Errorf("other caseload by BSN = %v, %v; want [%d]", got, err, theirs)
	}
	for _, q := range []struct {
		account int64
		bsn     string
	}{{f.caseManager, "999999999"}, {f.caseManager, ""}, {f.parent, bsn}} {
		if got, err := s.CaseloadFamiliesByBSN(ctx, q.account, q.bsn); err != nil || len(got) != 0 {
			t.Errorf("by BSN %q for account %d = %v, %v; want none", q.bsn, q.account, got, err)
		}
	}
}
