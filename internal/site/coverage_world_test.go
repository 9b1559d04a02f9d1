package site_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// coverageWorld gives family A a coverage item with a document and an aid.
func (w *authzWorld) coverageWorld(t *testing.T) {
	t.Helper()
	ctx, own := context.Background(), w.actor("own")
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	c := &care.CoverageItem{FamilyID: w.famA, Kind: "night_care", Applicant: "casemanager"}
	p := &care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 12, Start: day, End: day.AddDate(1, 0, 0)}
	if err := w.a.Care.AddCoverageItem(ctx, own, c, p); err != nil {
		t.Fatal(err)
	}
	aid := &care.Aid{FamilyID: w.famA, Kind: "stair_lift", Via: care.LawWmo, Status: care.AidRequested, Requested: day}
	if err := w.a.Care.SaveAid(ctx, own, aid); err != nil {
		t.Fatal(err)
	}
	d, err := w.a.Care.AttachCoverageDocument(ctx, own, w.famA, c.ID, 0, "decision", &care.Upload{FileName: "besluit.pdf", Content: []byte("%PDF-1.4\n")})
	if err != nil {
		t.Fatal(err)
	}
	w.coverageA, w.aidA, w.coverageDocA = c.ID, aid.ID, d.ID
}
