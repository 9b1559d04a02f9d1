package care

import (
	"slices"
	"strings"
	"time"
)

// Stay is a period the child spent in one place: at home, in a hospital,
// a children's hospice, respite care and so on.
//
// Days: a stay covers the days from Start up to, not including, End: End
// is the day the child left, which is the first day at the next place.
// So a stay from 1 to 3 March covers 1 and 2 March, two days (as
// hospitals count nursing days: the day of admission counts, the day of
// discharge does not), and a move on 3 March from the hospital home is
// one stay ending and the next starting on the same day, without
// overlap. An ongoing stay (End zero) covers every day from Start.
type Stay struct {
	ID       int64
	FamilyID int64
	Kind     string // one of StayKinds
	// Unit is the ward of an academic children's hospital: StayPICU or
	// StayWard; "" for other kinds or when not known.
	Unit string
	// Place names the place: the hospital, the hospice, or for home which
	// parent's home (alternating weeks).
	Place string
	Acute bool // an acute (unplanned) admission
	Note  string
	Start time.Time
	End   time.Time // zero while the stay goes on

	CreatedAt time.Time
	CreatedBy Person
}

// The kinds of stay, as stored.
const (
	StayHome             = "home"
	StayGeneralHospital  = "general_hospital"
	StayAcademicHospital = "academic_hospital" // an academic children's hospital
	StayHospice          = "hospice"           // a children's hospice or kinderzorghuis
	StayRespite          = "respite"           // logeeropvang
	StayRehabilitation   = "rehabilitation"
	StayDayCare          = "day_care" // medical day care (medisch kinderdagverblijf)
	StayOther            = "other"
)

// StayKinds lists the kinds of stay in the order the forms offer them.
var StayKinds = []string{StayHome, StayGeneralHospital, StayAcademicHospital, StayHospice, StayRespite,
	StayRehabilitation, StayDayCare, StayOther}

// The wards of an academic children's hospital.
const (
	StayPICU = "picu"
	StayWard = "ward"
)

// StayUnits lists the wards a stay in an academic hospital can name.
var StayUnits = []string{StayPICU, StayWard}

// CorrectStay is the kind of object a correction of a stay applies to.
const CorrectStay = "stay"

// Hospital reports whether the stay is a hospital admission: in a general
// or an academic children's hospital.
func (s *Stay) Hospital() bool {
	return s.Kind == StayGeneralHospital || s.Kind == StayAcademicHospital
}

// Ongoing reports whether the stay has no end.
func (s *Stay) Ongoing() bool { return s.End.IsZero() }

// Covers reports whether the child was at the stay's place on day (a
// date at midnight UTC, see DateOf).
func (s *Stay) Covers(day time.Time) bool {
	return !day.Before(s.Start) && (s.End.IsZero() || day.Before(s.End))
}

// Overlaps reports whether the two stays cover a day in common.
func (s *Stay) Overlaps(o *Stay) bool {
	return (o.End.IsZero() || s.Start.Before(o.End)) && (s.End.IsZero() || o.Start.Before(s.End))
}

// StayOn is the stay that covers day, where the child was; nil when none
// is recorded. Stays do not overlap, so there is at most one.
func StayOn(stays []Stay, day time.Time) *Stay {
	day = DateOf(day)
	for i := range stays {
		if stays[i].Covers(day) {
			return &stays[i]
		}
	}
	return nil
}

// Admitted reports whether the child was in a hospital on day.
func Admitted(stays []Stay, day time.Time) bool {
	s := StayOn(stays, day)
	return s != nil && s.Hospital()
}

// AdmissionWindowMonths is how far back the admission figures look, as the
// CaPalCa registration asks.
const AdmissionWindowMonths = 3

// Admissions are the hospital admissions of a window of time.
type Admissions struct {
	From, To   time.Time // the window's first and last day, both counted
	Admissions int       // hospital stays that started in the window
	Days       int       // days in the window covered by a hospital stay
}

// AdmissionFigures counts the hospital admissions of the three months up to day:
// the window runs from the same date three months earlier to day itself,
// both included (for 15 June: 15 March to 15 June). Admissions counts the
// hospital stays that started in the window; Days the days of the window
// that a hospital stay covers, as Stay counts them (the day of discharge
// is not a day admitted), including the days of a stay that started
// before the window and the days so far of one that goes on.
func AdmissionFigures(stays []Stay, day time.Time) Admissions {
	to := DateOf(day)
	f := Admissions{From: to.AddDate(0, -AdmissionWindowMonths, 0), To: to}
	for _, s := range stays {
		if !s.Hospital() {
			continue
		}
		if !s.Start.Before(f.From) && !s.Start.After(f.To) {
			f.Admissions++
		}
		first := s.Start
		if first.Before(f.From) {
			first = f.From
		}
		end := f.To.AddDate(0, 0, 1) // the day after the window
		if !s.End.IsZero() && s.End.Before(end) {
			end = s.End
		}
		if end.After(first) {
			f.Days += int(end.Sub(first).Hours()/24 + 0.5)
		}
	}
	return f
}

// SortStays orders stays the way the pages list them: the newest start first.
func SortStays(stays []Stay) {
	slices.SortStableFunc(stays, func(a, b Stay) int {
		if c := b.Start.Compare(a.Start); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
}

func (s *Stay) trim() {
	s.Place, s.Note = strings.TrimSpace(s.Place), strings.TrimSpace(s.Note)
	s.Start, s.End = dateOnly(s.Start), dateOnly(s.End)
	if s.Kind != StayAcademicHospital {
		s.Unit = ""
	}
}

// dateOnly drops the time of day of a date (kept as midnight UTC).
func dateOnly(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Validate checks a stay: the choices, a start that is not in the future
// nor before birth (birth zero when not known), and an end, when there is
// one, after the start and not in the future: Spil records where the
// child is and has been; a planned move is not a stay yet.
func (s *Stay) Validate(today, birth time.Time) error {
	fe := FieldErrors{}
	oneOf(fe, "kind", s.Kind, StayKinds...)
	if s.Unit != "" {
		oneOf(fe, "unit", s.Unit, StayUnits...)
	}
	text(fe, "place", s.Place, MaxName, s.Kind != StayHome)
	text(fe, "note", s.Note, MaxText, false)
	if s.Acute && s.Kind == StayHome {
		fe["acute"] = "stays.acute_home"
	}
	if s.Start.IsZero() {
		fe["start"] = "field.required"
	}
	checkDate(fe, "start", s.Start, today, true)
	if !fe.Has("start") && !birth.IsZero() && s.Start.Before(birth) {
		fe["start"] = "date.before_birth"
	}
	checkDate(fe, "end", s.End, today, true)
	if !fe.Has("end") && !fe.Has("start") && !s.End.IsZero() && !s.End.After(s.Start) {
		fe["end"] = "stays.end_before_start"
	}
	return fe.OrNil()
}

// correctionFields are the values of a stay a correction keeps.
func (s *Stay) correctionFields() map[string]string {
	return map[string]string{
		"kind": s.Kind, "unit": s.Unit, "place": s.Place, "acute": boolField(s.Acute), "note": s.Note,
		"start": dateField(s.Start), "end": dateField(s.End),
	}
}
