package care

import (
	"slices"
	"strconv"
	"time"
)

// The journey as a picture: where the child was (home, hospitals, a
// hospice, respite) and how care was paid for, as bands over time, and
// what happened on the way (the referral, care plan versions, meetings,
// moves, changes of intensity, birthdays that change the rules) as marks.
// BuildTimeline is a pure function of what the file holds, so the picture
// and the list beside it are tested without a database.

// Lanes of the timeline's bands.
const (
	LanePlace     = "place"     // where the child was: from the stays
	LaneFinancing = "financing" // how care was paid: from the coverage periods
)

// Kinds of mark on the timeline.
const (
	MarkBirth     = "birth"
	MarkDiagnosis = "diagnosis"
	MarkReferral  = "referral"
	MarkPlan      = "care_plan" // a version of the care plan; Value is its number
	MarkMeeting   = "meeting"   // an MDO held; Value is its purpose
	MarkTransfer  = "transfer"  // a move done; Value is "from>to" kinds
	MarkIntensity = "intensity" // Value is the intensity from then on
	MarkAge       = "age"       // a birthday that changes the rules; Value is the age
	MarkDeath     = "death"     // the child died
	MarkAftercare = "aftercare" // a follow-up contact after the death; Value AftercareDone or AftercarePlanned
	MarkOther     = "other"     // any other mark a caller adds
)

// The values of an aftercare mark.
const (
	AftercareDone    = "done"    // on the day the contact took place
	AftercarePlanned = "planned" // on its due day, while not done
)

// AftercareMarks are the follow-up contacts of the aftercare plan as
// marks: a contact done on the day it was done, an open one on its due
// day (the timeline shows it once that day has come and it is still
// open).
func AftercareMarks(a *Aftercare) []TimelineMark {
	if a == nil {
		return nil
	}
	var out []TimelineMark
	for _, c := range a.Contacts {
		if c.Done() {
			out = append(out, TimelineMark{Kind: MarkAftercare, Date: DateOf(c.DoneOn), Value: AftercareDone})
		} else {
			out = append(out, TimelineMark{Kind: MarkAftercare, Date: DateOf(c.DueOn), Value: AftercarePlanned})
		}
	}
	return out
}

// TimelineAges are the birthdays marked: from 12 the child consents with
// the parents, from 16 alone, and at 18 youth care ends.
var TimelineAges = []int{12, 16, 18}

// TimelineInput is what the file holds that the journey is drawn from.
// Fields may be left empty; Extra takes marks that have no field here
// (aftercare, say) so a caller can add them without changing the builder.
type TimelineInput struct {
	Today     time.Time
	BirthDate time.Time // zero when not known
	Unborn    bool      // BirthDate is the expected date
	// DiagnosedOn is when the main diagnosis was made; zero when not
	// known (the mark is then left out). Diagnosis names it.
	DiagnosedOn time.Time
	Diagnosis   string
	Episode     *Episode
	Stays       []Stay
	Coverage    []CoverageItem
	Plan        []PlanVersionInfo
	Meetings    []Meeting
	Transfers   []Transfer
	Intensity   []IntensityChange
	// Deceased says the child died; DiedOn when, zero when not recorded
	// (then there is no mark, and the timeline ends today).
	Deceased bool
	DiedOn   time.Time
	Extra    []TimelineMark
}

// TimelineBand is a period in one lane: a stay or a financing period.
// Start is the first day; End the day after the last day (as for a
// stay), so a band covers [Start, End). Ongoing bands end on the
// timeline's end and say so.
type TimelineBand struct {
	Lane    string
	Row     int    // the row within the lane: financing periods may overlap
	Kind    string // a stay kind, or a coverage kind for financing
	Place   string // the place's name (stays), "" when none
	Unit    string // the ward of an academic hospital
	Law     string // financing: one of CoverageLaws
	Form    string // financing: zin or pgb
	Hours   float64
	Start   time.Time
	End     time.Time
	Ongoing bool
}

// Days is how many days the band covers.
func (b TimelineBand) Days() int { return int(b.End.Sub(b.Start).Hours()/24 + 0.5) }

// TimelineMark is an event on one day.
type TimelineMark struct {
	Kind  string
	Date  time.Time
	Value string // what the kind needs to be told: a number, a purpose, an intensity
}

// Timeline is the journey from its first recorded day to today (or the
// day of death): bands in two lanes and marks, each in date order.
type Timeline struct {
	From, To  time.Time // first day shown, and the day after the last
	Places    []TimelineBand
	Financing []TimelineBand
	// FinancingRows is how many rows the financing lane needs.
	FinancingRows int
	Marks         []TimelineMark
}

// Empty reports whether the timeline has nothing to show.
func (t *Timeline) Empty() bool {
	return len(t.Places) == 0 && len(t.Financing) == 0 && len(t.Marks) == 0
}

// financingStatuses are the statuses of a period that paid for care:
// granted, or once granted and since expired or ended.
var financingStatuses = []string{CoverageGranted, CoverageExpired, CoverageEnded}

// BuildTimeline draws the journey from in. The timeline runs from the
// earliest day anything was recorded (the birth when nothing else is) to
// the day after today; nothing is shown beyond it, and what goes on ends
// there. After the child's death the bands end on that day, and the
// timeline goes on with the family's aftercare.
func BuildTimeline(in TimelineInput) Timeline {
	today := DateOf(in.Today)
	end := today.AddDate(0, 0, 1)
	// Where the child was and the care paid for end with the child's
	// death; the timeline runs on to today, for the aftercare.
	lived := end
	if in.Deceased && !in.DiedOn.IsZero() && dateOnly(in.DiedOn).Before(today) {
		lived = dateOnly(in.DiedOn).AddDate(0, 0, 1)
	}
	birth := time.Time{}
	if !in.Unborn {
		birth = dateOnly(in.BirthDate)
	}
	t := Timeline{To: end}

	for _, s := range in.Stays {
		b := TimelineBand{Lane: LanePlace, Kind: s.Kind, Place: s.Place, Unit: s.Unit,
			Start: dateOnly(s.Start), End: dateOnly(s.End)}
		if b.End.IsZero() || b.End.After(lived) {
			b.End, b.Ongoing = lived, lived.Equal(end)
		}
		if b.End.After(b.Start) {
			t.Places = append(t.Places, b)
		}
	}
	for _, c := range in.Coverage {
		for _, p := range c.Periods {
			if !slices.Contains(financingStatuses, p.Status) || p.Start.IsZero() {
				continue
			}
			b := TimelineBand{Lane: LaneFinancing, Kind: c.Kind, Law: p.Law, Form: p.Form, Hours: p.HoursPerWeek,
				Start: dateOnly(p.Start)}
			last, _ := p.EffectiveEnd(birth)
			if last.IsZero() || !last.Before(lived) {
				b.End, b.Ongoing = lived, lived.Equal(end)
			} else {
				b.End = dateOnly(last).AddDate(0, 0, 1)
			}
			if b.End.After(b.Start) {
				t.Financing = append(t.Financing, b)
			}
		}
	}

	add := func(kind string, day time.Time, value string) {
		if day.IsZero() {
			return
		}
		t.Marks = append(t.Marks, TimelineMark{Kind: kind, Date: dateOnly(day), Value: value})
	}
	if !in.DiagnosedOn.IsZero() {
		add(MarkDiagnosis, in.DiagnosedOn, in.Diagnosis)
	}
	if in.Episode != nil {
		add(MarkReferral, in.Episode.ReferralDate, "")
	}
	// Marks of one day keep the order they happened in: the reads come
	// newest first.
	plan := slices.Clone(in.Plan)
	slices.SortStableFunc(plan, func(a, b PlanVersionInfo) int { return a.SavedAt.Compare(b.SavedAt) })
	for _, v := range plan {
		add(MarkPlan, DateOf(v.SavedAt), strconv.Itoa(v.Version))
	}
	meetings := slices.Clone(in.Meetings)
	slices.SortStableFunc(meetings, func(a, b Meeting) int { return a.Start.Compare(b.Start) })
	for _, m := range meetings {
		if !m.Start.After(in.Today) {
			add(MarkMeeting, DateOf(m.Start), m.Purpose)
		}
	}
	for _, tr := range in.Transfers {
		if tr.Status == TransferDone {
			add(MarkTransfer, tr.PlannedOn, tr.FromKind+">"+tr.ToKind)
		}
	}
	intensity := slices.Clone(in.Intensity)
	slices.SortStableFunc(intensity, func(a, b IntensityChange) int { return a.ChangedAt.Compare(b.ChangedAt) })
	for _, c := range intensity {
		add(MarkIntensity, DateOf(c.ChangedAt), string(c.Intensity))
	}
	if in.Deceased {
		add(MarkDeath, in.DiedOn, "")
	}
	for _, m := range in.Extra {
		add(m.Kind, m.Date, m.Value)
	}

	// The timeline starts on the first day recorded.
	from := time.Time{}
	earlier := func(d time.Time) {
		if !d.IsZero() && (from.IsZero() || d.Before(from)) {
			from = d
		}
	}
	for _, b := range t.Places {
		earlier(b.Start)
	}
	for _, b := range t.Financing {
		earlier(b.Start)
	}
	for _, m := range t.Marks {
		earlier(m.Date)
	}
	if from.IsZero() {
		from = birth
	}
	if from.IsZero() || !from.Before(end) {
		from = today
	}
	if !birth.IsZero() && !birth.Before(from) && birth.Before(end) {
		add(MarkBirth, birth, "")
	}
	if !birth.IsZero() {
		for _, age := range TimelineAges {
			day := birth.AddDate(age, 0, 0)
			if !day.Before(from) && day.Before(lived) {
				add(MarkAge, day, strconv.Itoa(age))
			}
		}
	}
	t.From = from

	// Nothing beyond the end: a mark after death or a date typed ahead.
	t.Marks = slices.DeleteFunc(t.Marks, func(m TimelineMark) bool { return !m.Date.Before(end) })
	slices.SortStableFunc(t.Marks, func(a, b TimelineMark) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return markOrder(a.Kind) - markOrder(b.Kind)
	})
	byStart := func(a, b TimelineBand) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return a.End.Compare(b.End)
	}
	slices.SortStableFunc(t.Places, byStart)
	slices.SortStableFunc(t.Financing, byStart)
	t.FinancingRows = assignRows(t.Financing)
	return t
}

// markKinds orders marks on the same day: birth first, death last.
var markKinds = []string{MarkBirth, MarkAge, MarkDiagnosis, MarkReferral, MarkIntensity, MarkPlan, MarkMeeting,
	MarkTransfer, MarkOther, MarkAftercare, MarkDeath}

func markOrder(kind string) int {
	if i := slices.Index(markKinds, kind); i >= 0 {
		return i
	}
	return slices.Index(markKinds, MarkOther)
}

// assignRows puts bands sorted by start on the fewest rows on which none
// overlap, each on the first row free at its start, and returns the
// number of rows.
func assignRows(bands []TimelineBand) int {
	var rowEnds []time.Time
	for i := range bands {
		row := slices.IndexFunc(rowEnds, func(e time.Time) bool { return !e.After(bands[i].Start) })
		if row < 0 {
			row = len(rowEnds)
			rowEnds = append(rowEnds, time.Time{})
		}
		rowEnds[row] = bands[i].End
		bands[i].Row = row
	}
	return len(rowEnds)
}
