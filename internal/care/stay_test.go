package care_test

import (
	"errors"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func stay(kind string, start, end time.Time) care.Stay {
	return care.Stay{Kind: kind, Place: "ergens", Start: start, End: end}
}

// TestStayOnAtTheEdges: the day a child leaves is the next place's, an
// ongoing stay covers every day from its start, and the day is the
// Dutch day.
func TestStayOnAtTheEdges(t *testing.T) {
	home := stay(care.StayHome, date(2026, 1, 1), date(2026, 3, 2))
	home.ID = 1
	picu := stay(care.StayAcademicHospital, date(2026, 3, 2), date(2026, 3, 20))
	picu.ID = 2
	respite := stay(care.StayRespite, date(2026, 4, 1), time.Time{})
	respite.ID = 3
	stays := []care.Stay{respite, picu, home}
	cases := []struct {
		day      time.Time
		want     int64
		admitted bool
	}{
		{date(2025, 12, 31), 0, false},
		{date(2026, 1, 1), 1, false},
		{date(2026, 3, 1), 1, false},
		{date(2026, 3, 2), 2, true}, // moved that day
		{date(2026, 3, 19), 2, true},
		{date(2026, 3, 20), 0, false}, // left that day, nothing recorded after
		{date(2026, 4, 1), 3, false},
		{date(2030, 1, 1), 3, false}, // ongoing
		// 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam.
		{time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), 2, true},
	}
	for _, c := range cases {
		var got int64
		if s := care.StayOn(stays, c.day); s != nil {
			got = s.ID
		}
		if got != c.want {
			t.Errorf("StayOn(%s) = %d, want %d", c.day, got, c.want)
		}
		if a := care.Admitted(stays, c.day); a != c.admitted {
			t.Errorf("Admitted(%s) = %v, want %v", c.day, a, c.admitted)
		}
	}
	if care.StayOn(nil, now) != nil || care.Admitted(nil, now) {
		t.Error("no stays: somewhere")
	}
	for _, kind := range care.StayKinds {
		s := stay(kind, date(2026, 1, 1), time.Time{})
		want := kind == care.StayGeneralHospital || kind == care.StayAcademicHospital
		if got := care.Admitted([]care.Stay{s}, date(2026, 2, 1)); got != want {
			t.Errorf("Admitted in %s = %v, want %v", kind, got, want)
		}
	}
}

// TestAdmissionFigures: the window runs from the same date three months
// back to the day, both counted; a stay counts its days from admission up
// to, not including, discharge, clipped to the window.
func TestAdmissionFigures(t *testing.T) {
	day := date(2026, 6, 15) // the window: 15 March to 15 June
	cases := []struct {
		name             string
		stays            []care.Stay
		admissions, days int
	}{
		{"none", nil, 0, 0},
		{"1 to 3 March is two days, before the window", []care.Stay{stay(care.StayGeneralHospital, date(2026, 3, 1), date(2026, 3, 3))}, 0, 0},
		{"1 to 3 June is two days", []care.Stay{stay(care.StayGeneralHospital, date(2026, 6, 1), date(2026, 6, 3))}, 1, 2},
		{"starts on the window's first day", []care.Stay{stay(care.StayAcademicHospital, date(2026, 3, 15), date(2026, 3, 16))}, 1, 1},
		{"starts the day before the window", []care.Stay{stay(care.StayAcademicHospital, date(2026, 3, 14), date(2026, 3, 17))}, 0, 2},
		{"ends on the window's first day", []care.Stay{stay(care.StayAcademicHospital, date(2026, 3, 1), date(2026, 3, 15))}, 0, 0},
		{"admitted today, ongoing", []care.Stay{stay(care.StayGeneralHospital, day, time.Time{})}, 1, 1},
		{"ongoing since before the window", []care.Stay{stay(care.StayGeneralHospital, date(2026, 1, 1), time.Time{})}, 0, 93},
		{"discharged today", []care.Stay{stay(care.StayGeneralHospital, date(2026, 6, 10), day)}, 1, 5},
		{"not a hospital", []care.Stay{stay(care.StayHospice, date(2026, 5, 1), date(2026, 5, 10)), stay(care.StayRespite, date(2026, 6, 1), time.Time{})}, 0, 0},
		{"two admissions", []care.Stay{
			stay(care.StayGeneralHospital, date(2026, 4, 1), date(2026, 4, 8)),
			stay(care.StayHome, date(2026, 4, 8), date(2026, 5, 1)),
			stay(care.StayAcademicHospital, date(2026, 5, 1), date(2026, 5, 31)),
		}, 2, 37},
	}
	for _, c := range cases {
		got := care.AdmissionFigures(c.stays, day)
		if got.Admissions != c.admissions || got.Days != c.days {
			t.Errorf("%s: %d admissions, %d days; want %d, %d", c.name, got.Admissions, got.Days, c.admissions, c.days)
		}
		if !got.From.Equal(date(2026, 3, 15)) || !got.To.Equal(day) {
			t.Errorf("%s: window %s to %s", c.name, got.From, got.To)
		}
	}
	// At the end of a month the window starts on the same date, normalised
	// as Go's AddDate does: 31 May minus 3 months is 3 March (31 February).
	if got := care.AdmissionFigures(nil, date(2026, 5, 31)); !got.From.Equal(date(2026, 3, 3)) {
		t.Errorf("window from %s, want 2026-03-03", got.From)
	}
}

// TestStayValidate refuses what cannot be where the child is or was.
func TestStayValidate(t *testing.T) {
	today := now
	birth := date(2019, 4, 2)
	ok := care.Stay{Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: "Sophia", Acute: true,
		Start: date(2026, 6, 1), End: date(2026, 6, 10)}
	if err := ok.Validate(today, birth); err != nil {
		t.Fatalf("a good stay: %v", err)
	}
	cases := []struct {
		name, field, key string
		change           func(s *care.Stay)
	}{
		{"no kind", "kind", "field.required", func(s *care.Stay) { s.Kind = "" }},
		{"unknown kind", "kind", "field.choose", func(s *care.Stay) { s.Kind = "school" }},
		{"unknown unit", "unit", "field.choose", func(s *care.Stay) { s.Unit = "nicu" }},
		{"no place", "place", "field.required", func(s *care.Stay) { s.Place = " " }},
		{"acute at home", "acute", "stays.acute_home", func(s *care.Stay) { s.Kind, s.Unit = care.StayHome, "" }},
		{"no start", "start", "field.required", func(s *care.Stay) { s.Start = time.Time{} }},
		{"before birth", "start", "date.before_birth", func(s *care.Stay) { s.Start = date(2019, 4, 1) }},
		{"start tomorrow", "start", "date.future", func(s *care.Stay) { s.Start, s.End = date(2026, 6, 16), time.Time{} }},
		{"end tomorrow", "end", "date.future", func(s *care.Stay) { s.End = date(2026, 6, 16) }},
		{"ends before it starts", "end", "stays.end_before_start", func(s *care.Stay) { s.End = date(2026, 5, 31) }},
		{"ends the day it starts", "end", "stays.end_before_start", func(s *care.Stay) { s.End = s.Start }},
		{"start in 1899", "start", "date.too_old", func(s *care.Stay) { s.Start = date(1899, 12, 31) }},
	}
	for _, c := range cases {
		s := ok
		c.change(&s)
		var fe care.FieldErrors
		if err := s.Validate(today, birth); !errors.As(err, &fe) || fe[c.field] != c.key {
			t.Errorf("%s: %v, want %s at %s", c.name, err, c.key, c.field)
		}
	}
	// Home needs no place name; a stay may start today and go on.
	home := care.Stay{Kind: care.StayHome, Start: date(2026, 6, 15)}
	if err := home.Validate(today, birth); err != nil {
		t.Errorf("home from today: %v", err)
	}
	// An unborn child's stays are not bounded by the expected date.
	if err := ok.Validate(today, time.Time{}); err != nil {
		t.Errorf("without a known birth: %v", err)
	}
}
