package site_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// addCoverageDocument gives family fam a coverage item with a decision
// letter attached, and returns the letter's id.
func addCoverageDocument(t *testing.T, a *app, cm care.Actor, fam int64) int64 {
	t.Helper()
	ctx := context.Background()
	today := care.DateOf(a.Clock.Now())
	item := &care.CoverageItem{FamilyID: fam, Kind: "home_nursing", Applicant: "casemanager", Description: "Verpleging overdag"}
	first := &care.CoveragePeriod{Law: care.LawWmo, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 6,
		Start: today.AddDate(0, -2, 0), End: today.AddDate(1, 0, 0).Add(-24 * time.Hour)}
	if err := a.Care.AddCoverageItem(ctx, cm, item, first); err != nil {
		t.Fatal(err)
	}
	d, err := a.Care.AttachCoverageDocument(ctx, cm, fam, item.ID, 0, "decision", &care.Upload{FileName: "beschikking.pdf", Content: []byte("%PDF-1.4\n")})
	if err != nil {
		t.Fatal(err)
	}
	return d.ID
}
