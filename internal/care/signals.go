package care

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Signals warn in time: pure rules over one family's file (a SignalFile)
// and today's date. Each rule gives zero or more signals, each with a
// code, a severity, the first day it holds (Due) and where to act. The
// explanations are catalog keys: "signal.<code>" for the case managers,
// "signal.<code>.family" for the family's own page.

// Severity orders signals: the most urgent first.
type Severity int

// The severities.
const (
	SeverityInfo    Severity = 1 // good to know, nothing late yet
	SeverityWarning Severity = 2 // needs doing soon
	SeverityUrgent  Severity = 3 // late, or care at risk
)

// String is the severity as the API and the CSS name it.
func (s Severity) String() string {
	switch s {
	case SeverityUrgent:
		return "urgent"
	case SeverityWarning:
		return "warning"
	}
	return "info"
}

// Signal is one warning about one family (FamilyID 0 for a case manager's
// own signal).
type Signal struct {
	// ID is stable while the cause lasts: family id, code and subject
	// (see SignalID); it names the signal in a snooze or a dismissal.
	ID       string
	FamilyID int64
	// ChildName is filled in for the dashboard; the rules leave it.
	ChildName string
	Code      string
	Severity  Severity
	// Subject names the thing the signal is about within the family (a
	// task owner, a coverage item, a meeting); "" for the family itself.
	Subject string
	// Due is the first day the signal holds; On the date the explanation
	// names (an end date, a birthday), zero when none.
	Due time.Time
	On  time.Time
	// Detail is a verbatim word for the explanation (a provider's or a
	// task owner's name); DetailKey a catalog key (a coverage kind).
	Detail    string
	DetailKey string
	// Count is how many things the signal counts (overdue tasks).
	Count int
	// Link is where to act, a path on the case managers' pages.
	Link string
	// Family says the family sees it too (on their own page, in their
	// words); Provider names the network member whose own signal it is.
	Family   bool
	Provider int64
	// Cause fingerprints what the signal is about: an acknowledgement
	// holds only while the cause is the same.
	Cause string
	// Ack is the acknowledgement in force, if any (filled in by the
	// service).
	Ack *SignalAck
}

// Key is the catalog key of the explanation for the case managers.
func (s *Signal) Key() string { return "signal." + s.Code }

// FamilyKey is the catalog key of the explanation for the family.
func (s *Signal) FamilyKey() string { return "signal." + s.Code + ".family" }

// SignalID builds a signal's stable id.
func SignalID(familyID int64, code, subject string) string {
	return strconv.FormatInt(familyID, 10) + "." + code + "." + subject
}

// ParseSignalID splits a signal's id into its family, code and subject;
// ok is false for anything that is not a well-formed id of a known rule.
func ParseSignalID(id string) (familyID int64, code, subject string, ok bool) {
	if len(id) > 120 {
		return 0, "", "", false
	}
	parts := strings.SplitN(id, ".", 3)
	if len(parts) != 3 {
		return 0, "", "", false
	}
	fid, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || fid <= 0 || strconv.FormatInt(fid, 10) != parts[0] {
		return 0, "", "", false
	}
	if !slices.Contains(SignalCodes(), parts[1]) {
		return 0, "", "", false
	}
	for _, r := range parts[2] {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return 0, "", "", false
		}
	}
	return fid, parts[1], parts[2], true
}

// SignalFile is what the rules read of one family's file: the family row,
// and of each part only what a rule needs. The store fills it for many
// families at once.
type SignalFile struct {
	Family  Family
	Episode *Episode // nil before intake is complete
	// Plan is nil while the family has no care plan.
	Plan *SignalPlan
	// LastContact is the date of the latest registered contact; zero when
	// there was none.
	LastContact time.Time
	// Tasks are the open tasks due before SignalTaskDays from the day:
	// the overdue ones and those of the coming week.
	Tasks        []Task
	Network      []NetworkMember // involved today
	CaseManagers CaseManagers
	// Providers are the network members with an account, with their
	// consent records.
	Providers []ProviderLink
	Coverage  []CoverageItem
	Aids      []Aid
	// Stay is where the child is today; nil when not recorded.
	Stay *Stay
	// Transfers are the transfers still planned.
	Transfers []Transfer
	// UnreportedMeetings are the meetings held without minutes.
	UnreportedMeetings []Meeting
	// TransitionAccepted says the turning-18 checklist was accepted.
	TransitionAccepted bool
	// Aftercare are the planned aftercare follow-up contacts not yet done.
	Aftercare []AftercareFollowUp
	// Duplicates are the organisation's other families with the same
	// date of birth (id and child's name only, never shown).
	Duplicates []CaseloadItem
}

// SignalTaskDays is how far ahead the open tasks of a SignalFile reach.
const SignalTaskDays = 7

// SignalPlan is what the rules read of the care plan.
type SignalPlan struct {
	ReviewDue    time.Time
	DiscussedOn  time.Time
	CreatedOn    time.Time // the first version's date
	PlaceOfDeath string    // one of Places
}

// ProviderLink is a provider with an account on the family's file and
// the consent records for them.
type ProviderLink struct {
	NetworkMemberID int64
	Name            string
	Records         []ConsentRecord
}

// AftercareFollowUp is one planned follow-up contact with the family after
// a child died, not yet done.
type AftercareFollowUp struct {
	ID  int64
	Due time.Time
}

// SignalSettings are the organisation's settings the rules use.
type SignalSettings struct {
	// WindowWeeks is how far ahead an ending coverage item is shown.
	WindowWeeks int
	// ContactDays is, per intensity, how many days after the last contact
	// the next one is due when none was planned.
	ContactDays map[Intensity]int
}

// DefaultContactDays are the days between contacts per intensity, unless
// the organisation set its own.
var DefaultContactDays = map[Intensity]int{Intensive: 7, Regular: 28, Waakvlam: 91}

// MaxContactDays bounds an organisation's interval: a year.
const MaxContactDays = 366

// DefaultSignalSettings are the settings of an organisation that set none.
func DefaultSignalSettings() SignalSettings {
	return SignalSettings{WindowWeeks: DefaultCoverageWindowWeeks, ContactDays: maps.Clone(DefaultContactDays)}
}

// contactDays is the interval for an intensity, falling back on the default.
func (s SignalSettings) contactDays(i Intensity) int {
	if d := s.ContactDays[i]; d > 0 {
		return d
	}
	if d := DefaultContactDays[i]; d > 0 {
		return d
	}
	return DefaultContactDays[Regular]
}

// ValidateContactDays checks an organisation's intervals per intensity.
func ValidateContactDays(days map[Intensity]int) error {
	fe := FieldErrors{}
	for _, i := range Intensities {
		if d := days[i]; d < 1 || d > MaxContactDays {
			fe["contact_days_"+string(i)] = "signal.settings.days_range"
		}
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

// rule is one signal rule: its code and what it finds.
type rule struct {
	code string
	// afterDeath says the rule still speaks when the child has died.
	afterDeath bool
	find       func(f *SignalFile, day time.Time, set SignalSettings) []Signal
}

// SignalCodes lists the codes of every rule, family rules in order, then
// the case manager's own.
func SignalCodes() []string {
	codes := make([]string, 0, len(rules)+1)
	for _, r := range rules {
		codes = append(codes, r.code)
	}
	return append(codes, CodeIntervisie)
}

// EvaluateSignals runs every rule over one family's file on day, most
// urgent first. A deceased child's file speaks only of aftercare.
func EvaluateSignals(f *SignalFile, day time.Time, set SignalSettings) []Signal {
	out := appendSignals(nil, f, DateOf(day), set)
	SortSignals(out)
	return out
}

// appendSignals appends the signals of every rule over one family's file
// on day (a date) to out, unsorted.
func appendSignals(out []Signal, f *SignalFile, day time.Time, set SignalSettings) []Signal {
	for _, r := range rules {
		if f.Family.Deceased && !r.afterDeath {
			continue
		}
		for _, s := range r.find(f, day, set) {
			s.Code, s.FamilyID = r.code, f.Family.ID
			s.ID = SignalID(f.Family.ID, r.code, s.Subject)
			s.Cause = r.code + "|" + s.Subject + "|" + dateKey(s.Due) + "|" + s.Cause
			out = append(out, s)
		}
	}
	return out
}

// SortSignals orders signals most urgent first, then the longest due,
// then by family and id, so the order is stable.
func SortSignals(ss []Signal) {
	slices.SortStableFunc(ss, func(a, b Signal) int {
		if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
			return c
		}
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		if c := cmp.Compare(a.FamilyID, b.FamilyID); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

func dateKey(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}

func idKey(id int64) string { return strconv.FormatInt(id, 10) }

func familyLink(f *SignalFile, rest string) string {
	return fmt.Sprintf("/families/%d%s", f.Family.ID, rest)
}
