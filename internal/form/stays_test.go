package form

import (
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// TestStayRoundTrip checks that what the correction form shows is read
// back as the same stay.
func TestStayRoundTrip(t *testing.T) {
	s := care.Stay{Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: "Sophia", Acute: true, Note: "via de SEH",
		Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)}
	got, errs := DecodeStay(EncodeStay(&s))
	if len(errs) > 0 || got != s {
		t.Errorf("round trip = %+v, %v; want %+v", got, errs, s)
	}
	if _, errs := DecodeStay(EncodeStay(&care.Stay{Kind: care.StayHome})); errs["start"] != "field.required" {
		t.Errorf("no start: %v", errs)
	}
}

func FuzzDecodeStay(f *testing.F) {
	for _, seed := range []string{
		"kind=academic_hospital&unit=picu&place=Sophia&acute=1&start=2026-03-02",
		"kind=home&place=bij+vader&start=2026-01-01&end=2026-03-02&note=om+de+week",
		"kind=castle&unit=nicu&start=2026-13-40&end=gisteren",
		"place=" + strings.Repeat("x", 300) + "&note=%ff&acute=ja",
		"kind=other&start=%00&end=2026-02-30",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		s, errs := DecodeStay(v)
		checkChoice(t, errs, "kind", s.Kind, care.StayKinds)
		checkChoice(t, errs, "unit", s.Unit, care.StayUnits)
		checkText(t, errs, "place", s.Place, care.MaxName)
		checkText(t, errs, "note", s.Note, care.MaxText)
		checkDate(t, errs, v, "start", s.Start)
		checkDate(t, errs, v, "end", s.End)
		if !errs.Has("start") && s.Start.IsZero() {
			t.Fatalf("no start accepted")
		}
	})
}
