package care

import (
	"context"
	"math"
	"time"
)

// The coverage plan says, for each piece of care or support the child and
// the family get, which law or financier pays, how (in kind or as a
// personal budget), how much, until when, and who arranges the next step.
// An item keeps its periods: the first indication and every renewal, so
// the file shows how hours went up or were cut over the years.

// CoverageKinds are the kinds of care or support, as stored.
var CoverageKinds = []string{"home_nursing", "personal_care", "night_care", "day_care", "respite",
	"medical_day_care", "psychosocial", "bereavement", "transport", "education", "pgb_parent", "other"}

// Laws and financiers that pay for care.
const (
	LawZvw        = "zvw"
	LawWlz        = "wlz"
	LawWmo        = "wmo"
	LawJeugdwet   = "jeugdwet"
	LawAanvullend = "aanvullend" // supplementary health insurance
	LawOnderwijs  = "onderwijs"  // education
	LawOther      = "other"
	LawUnknown    = "unknown"
)

// CoverageLaws are the laws and financiers, as stored.
var CoverageLaws = []string{LawZvw, LawWlz, LawWmo, LawJeugdwet, LawAanvullend, LawOnderwijs, LawOther, LawUnknown}

// CoverageForms: care in kind (zorg in natura) or a personal budget.
var CoverageForms = []string{"zin", "pgb"}

// IndicatedBy are who indicates care: the CIZ (Wlz), the municipality
// (Wmo, Jeugdwet), the home care nurse (Zvw) or someone else.
var IndicatedBy = []string{"ciz", "municipality", "nurse", "other"}

// Applicants are who applies for or renews an item.
var Applicants = []string{"casemanager", "parents", "provider"}

// Coverage statuses of a period.
const (
	CoverageToApply   = "to_apply"
	CoverageApplied   = "applied"
	CoverageGranted   = "granted"
	CoverageRefused   = "refused"
	CoverageObjection = "objection" // an objection (bezwaar) was filed
	CoverageExpired   = "expired"
	CoverageEnded     = "ended"
)

// CoverageStatuses are the statuses, as stored.
var CoverageStatuses = []string{CoverageToApply, CoverageApplied, CoverageGranted, CoverageRefused,
	CoverageObjection, CoverageExpired, CoverageEnded}

// DefaultCoverageWindowWeeks is how far ahead an ending item is shown,
// unless the organisation set its own window.
const DefaultCoverageWindowWeeks = 8

// MaxCoverageWindowWeeks bounds an organisation's window.
const MaxCoverageWindowWeeks = 52

// AidWaitingDays is how long an aid may wait before it is shown as
// waiting too long: six weeks.
const AidWaitingDays = 42

// MaxHoursPerWeek is every hour of a week.
const MaxHoursPerWeek = 168

// MaxAmountCents bounds an amount: ten million euros is a typing error.
const MaxAmountCents = 10_000_000_00

// CoverageItem is one piece of care or support and how it is paid for.
type CoverageItem struct {
	ID              int64
	FamilyID        int64
	Kind            string   // one of CoverageKinds
	Description     string   // what exactly, in words
	NetworkMemberID int64    // the provider from the network; 0 for none
	ProviderName    string   // the provider in words, when not in the network; filled from the network on reading
	Applicant       string   // one of Applicants
	Goals           []string // the care plan goals (PlanItem IDs) it serves
	CreatedAt       time.Time
	CreatedBy       Person
	// Periods are the indication and its renewals, oldest first; the last
	// is the current one.
	Periods   []CoveragePeriod
	Documents []Document // without their content
}

// CoveragePeriod is one indication or renewal of an item.
type CoveragePeriod struct {
	ID           int64
	ItemID       int64
	FamilyID     int64
	Law          string // one of CoverageLaws
	Form         string // zin or pgb
	Status       string // one of CoverageStatuses
	HoursPerWeek float64
	AmountCents  int64 // a budget per year, in cents; 0 for none
	Reference    string
	IndicatedBy  string // one of IndicatedBy, or "" when not known
	Start, End   time.Time
	AppliedOn    time.Time
	DecidedOn    time.Time
	// ObjectionFiledOn and ObjectionDue are set while an objection runs:
	// when it was filed and when a decision on it is due.
	ObjectionFiledOn time.Time
	ObjectionDue     time.Time
	Note             string
	CreatedAt        time.Time
	CreatedBy        Person
}

// Current is the item's current period: the last one.
func (c *CoverageItem) Current() *CoveragePeriod {
	if len(c.Periods) == 0 {
		return &CoveragePeriod{}
	}
	return &c.Periods[len(c.Periods)-1]
}

// Previous is the period before the current one, or nil.
func (c *CoverageItem) Previous() *CoveragePeriod {
	if len(c.Periods) < 2 {
		return nil
	}
	return &c.Periods[len(c.Periods)-2]
}

// HoursCut reports whether the current period gives fewer hours a week
// than the one before it.
func (c *CoverageItem) HoursCut() bool {
	p := c.Previous()
	return p != nil && c.Current().HoursPerWeek < p.HoursPerWeek
}

// Eighteenth is the day the child turns 18: the first day AgeOn says 18,
// so a child born on 29 February turns 18 on 1 March in a common year.
// Zero while the birth date is not known or the child is not born.
func Eighteenth(birth time.Time) time.Time {
	if birth.IsZero() {
		return time.Time{}
	}
	return birth.AddDate(18, 0, 0)
}

// EffectiveEnd is the last day the period covers: its end date, and under
// the Jeugdwet at the latest the day before the 18th birthday, when youth
// care ends. atEighteen says the end comes from the 18th birthday.
func (p *CoveragePeriod) EffectiveEnd(birth time.Time) (end time.Time, atEighteen bool) {
	end = p.End
	if p.Law != LawJeugdwet {
		return end, false
	}
	e := Eighteenth(birth)
	if e.IsZero() {
		return end, false
	}
	last := e.AddDate(0, 0, -1)
	if end.IsZero() || last.Before(end) {
		return last, true
	}
	return end, false
}

// Runs reports whether the period is granted and covers day.
func (p *CoveragePeriod) Runs(day, birth time.Time) bool {
	day = DateOf(day)
	end, _ := p.EffectiveEnd(birth)
	return p.Status == CoverageGranted && !p.Start.After(day) && (end.IsZero() || !end.Before(day))
}

// CoverageState is where an item stands on a day, for the overview.
type CoverageState string

// The states of an item on a day.
const (
	StateRunning   CoverageState = "running"   // granted and covering the day
	StateEnding    CoverageState = "ending"    // running, and ending within the window
	StateLapsed    CoverageState = "lapsed"    // granted, but its end passed without a renewal
	StateArranging CoverageState = "arranging" // to apply, applied, or granted from a later day
	StateObjection CoverageState = "objection" // an objection runs
	StateStopped   CoverageState = "stopped"   // refused, expired or ended
)

// StateOn says where the item stands on day, with the window of weeks in
// which an end counts as near. An end on day itself is still running.
func (c *CoverageItem) StateOn(day, birth time.Time, windowWeeks int) CoverageState {
	day = DateOf(day)
	p := c.Current()
	switch p.Status {
	case CoverageToApply, CoverageApplied:
		return StateArranging
	case CoverageObjection:
		return StateObjection
	case CoverageGranted:
		end, _ := p.EffectiveEnd(birth)
		switch {
		case p.Start.After(day):
			return StateArranging
		case end.IsZero():
			return StateRunning
		case end.Before(day):
			return StateLapsed
		case !end.After(day.AddDate(0, 0, 7*windowWeeks)):
			return StateEnding
		}
		return StateRunning
	}
	return StateStopped
}

// EndsAtEighteen reports whether the current period ends because the
// child turns 18: care under the Jeugdwet not renewed under another law.
func (c *CoverageItem) EndsAtEighteen(birth time.Time) bool {
	_, at := c.Current().EffectiveEnd(birth)
	return at
}

// ObjectionDueWithin reports whether an objection runs whose decision is
// due within the window (or overdue) on day.
func (c *CoverageItem) ObjectionDueWithin(day time.Time, windowWeeks int) bool {
	p := c.Current()
	return p.Status == CoverageObjection && !p.ObjectionDue.IsZero() &&
		!p.ObjectionDue.After(DateOf(day).AddDate(0, 0, 7*windowWeeks))
}

// AidKinds are the kinds of aid and adaptation, as stored.
var AidKinds = []string{"wheelchair", "bed", "lift", "stair_lift", "communication", "feeding_pump",
	"home_adaptation", "vehicle_adaptation", "other"}

// AidVia are who pays for an aid.
var AidVia = []string{LawWmo, LawZvw, LawWlz, LawOther}

// Aid statuses, in the order an aid goes through them; refused and
// cancelled end it without a delivery.
const (
	AidRequested = "requested"
	AidAssessed  = "assessed"
	AidGranted   = "granted"
	AidOrdered   = "ordered"
	AidDelivered = "delivered"
	AidRefused   = "refused"
	AidCancelled = "cancelled"
)

// AidStatuses are the statuses, as stored.
var AidStatuses = []string{AidRequested, AidAssessed, AidGranted, AidOrdered, AidDelivered, AidRefused, AidCancelled}

// Aid is an aid or home adaptation: its request and how far it got.
type Aid struct {
	ID          int64
	FamilyID    int64
	Kind        string // one of AidKinds
	Description string
	Via         string // one of AidVia
	Supplier    string
	Status      string // one of AidStatuses
	Requested   time.Time
	Assessed    time.Time
	Granted     time.Time
	Ordered     time.Time
	Delivered   time.Time
	// ReplaceBy is when a replacement is planned, as the child grows.
	ReplaceBy time.Time
	Note      string
	CreatedAt time.Time
	CreatedBy Person
	Documents []Document // without their content
}

// Open reports whether the aid still waits: not delivered, refused or
// cancelled.
func (a *Aid) Open() bool {
	switch a.Status {
	case AidDelivered, AidRefused, AidCancelled:
		return false
	}
	return true
}

// WaitingDays is how many days the aid has waited since it was requested:
// up to its delivery, or up to day while it still waits; 0 for an aid
// refused or cancelled, or not yet requested.
func (a *Aid) WaitingDays(day time.Time) int {
	if a.Requested.IsZero() {
		return 0
	}
	until := DateOf(day)
	switch {
	case a.Status == AidDelivered && !a.Delivered.IsZero():
		until = a.Delivered
	case !a.Open():
		return 0
	}
	return max(0, int(math.Round(until.Sub(a.Requested).Hours()/24)))
}

// WaitingTooLong reports whether the aid still waits, longer than six weeks.
func (a *Aid) WaitingTooLong(day time.Time) bool {
	return a.Open() && a.WaitingDays(day) > AidWaitingDays
}

// CoverageSummary counts what needs attention in a family's coverage.
type CoverageSummary struct {
	Ending        int // running items that end within the window
	Lapsed        int // granted items whose end passed without a renewal
	ObjectionsDue int // objections with a decision due within the window
	AidsWaiting   int // aids waiting longer than six weeks
}

// Any reports whether anything needs attention.
func (s CoverageSummary) Any() bool {
	return s.Ending+s.Lapsed+s.ObjectionsDue+s.AidsWaiting > 0
}

// SummarizeCoverage counts what needs attention on day. A deceased child's
// coverage warns of nothing.
func SummarizeCoverage(items []CoverageItem, aids []Aid, birth, day time.Time, windowWeeks int) CoverageSummary {
	var s CoverageSummary
	for i := range items {
		switch items[i].StateOn(day, birth, windowWeeks) {
		case StateEnding:
			s.Ending++
		case StateLapsed:
			s.Lapsed++
		}
		if items[i].ObjectionDueWithin(day, windowWeeks) {
			s.ObjectionsDue++
		}
	}
	for i := range aids {
		if aids[i].WaitingTooLong(day) {
			s.AidsWaiting++
		}
	}
	return s
}

// CoverageStore keeps the coverage plan: the items with their periods,
// the aids, and the documents attached to them. Every method is scoped by
// the family; an id of another family's item is NotFound.
type CoverageStore interface {
	// CoverageItems lists the family's items with their periods, oldest
	// first, and the documents attached to them.
	CoverageItems(ctx context.Context, familyID int64) ([]CoverageItem, error)
	// CreateCoverageItem inserts the item with its first period.
	CreateCoverageItem(ctx context.Context, c *CoverageItem, first *CoveragePeriod) error
	// UpdateCoverageItem writes the item's own fields and its current
	// period; NotFound when the family has no such item.
	UpdateCoverageItem(ctx context.Context, c *CoverageItem) error
	// AddCoveragePeriod adds a period (a renewal) to an item of the family.
	AddCoveragePeriod(ctx context.Context, p *CoveragePeriod) error
	// Aids lists the family's aids in the order they were requested, with
	// the documents attached to them.
	Aids(ctx context.Context, familyID int64) ([]Aid, error)
	// SaveAid inserts (ID 0) or updates an aid of the family.
	SaveAid(ctx context.Context, a *Aid) error
	// CaseloadCoverage reads, for every family in the account's caseload,
	// what SummarizeCoverage needs: the items' current periods and the
	// aids; without descriptions, notes or documents.
	CaseloadCoverage(ctx context.Context, accountID int64) (map[int64][]CoverageItem, map[int64][]Aid, error)
	// CoverageWindowWeeks is the organisation's window for ending items.
	CoverageWindowWeeks(ctx context.Context, organisationID int64) (int, error)
	SetCoverageWindowWeeks(ctx context.Context, organisationID int64, weeks int) error
	// Transition reads the family's turning-18 checklist acceptance; nil
	// when not accepted.
	Transition(ctx context.Context, familyID int64) (*TransitionAcceptance, error)
	AcceptTransition(ctx context.Context, t *TransitionAcceptance) error
}
