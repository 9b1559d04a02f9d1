package care

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// When the child dies the file does not close: the case managers record
// the death (a correction is a new record, never an overwrite), the file
// goes quiet about the child (no age counting up, no overdue warnings),
// and an aftercare plan for the parents, brothers and sisters takes the
// place of the child's tasks.

// The places of death, as stored.
const (
	DeathHome     = "home"
	DeathHospital = "hospital"
	DeathHospice  = "hospice"
	DeathOther    = "other"
)

// DeathPlaces lists the places of death in the order the form offers them.
var DeathPlaces = []string{DeathHome, DeathHospital, DeathHospice, DeathOther}

// DeathMetAnswers say whether the preferred place of death was met.
var DeathMetAnswers = []string{"yes", "no"}

// DeathRecord is the record of the child's death. The newest record is
// the one in force; each correction names the record it corrects.
type DeathRecord struct {
	ID       int64
	FamilyID int64
	// Corrects is the record this one corrects; 0 for the first record.
	Corrects int64
	DiedOn   time.Time // a date
	DiedTime string    // "15:04" in Dutch time; "" when not known
	Place    string    // one of DeathPlaces
	// PlaceName names the hospital or hospice, or the other place.
	PlaceName string
	// PreferredPlace is the preferred place of death as known beforehand
	// (one of DeathPlaces); "" when it was not known.
	PreferredPlace string
	// PreferredMet says whether the child died at the preferred place:
	// "yes", "no", or "" while no preferred place was known.
	PreferredMet string
	// QualityNote is how the dying went in the family's eyes, in words:
	// the CaPalCa "quality of dying", optional.
	QualityNote string
	// Reason says why a correction was made; "" for the first record.
	Reason     string
	RecordedAt time.Time
	RecordedBy Person
}

// PreferredKnown reports whether the preferred place of death was known
// beforehand.
func (r *DeathRecord) PreferredKnown() bool { return r.PreferredPlace != "" }

var clockTime = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

func (r *DeathRecord) trim() {
	r.DiedTime, r.PlaceName = strings.TrimSpace(r.DiedTime), strings.TrimSpace(r.PlaceName)
	r.QualityNote, r.Reason = strings.TrimSpace(r.QualityNote), strings.TrimSpace(r.Reason)
}

// Validate checks a death record: a date not in the future and not before
// the birth (birth zero when not known), a time of day when given, the
// place, and a reason for a correction.
func (r *DeathRecord) Validate(today, birth time.Time) error {
	fe := FieldErrors{}
	switch {
	case r.DiedOn.IsZero():
		fe["died_on"] = "field.required"
	case r.DiedOn.After(DateOf(today)):
		fe["died_on"] = "death.future"
	case !birth.IsZero() && r.DiedOn.Before(birth):
		fe["died_on"] = "death.before_birth"
	case r.DiedOn.Before(oldest):
		fe["died_on"] = "date.too_old"
	}
	if r.DiedTime != "" && !clockTime.MatchString(r.DiedTime) {
		fe["died_time"] = "death.time_invalid"
	}
	oneOf(fe, "place", r.Place, DeathPlaces...)
	text(fe, "place_name", r.PlaceName, MaxName, false)
	if r.PreferredPlace != "" {
		oneOf(fe, "preferred_place", r.PreferredPlace, DeathPlaces...)
	}
	switch {
	case r.PreferredPlace == "" && r.PreferredMet != "":
		fe["preferred_met"] = "death.met_without_preferred"
	case r.PreferredPlace != "":
		oneOf(fe, "preferred_met", r.PreferredMet, DeathMetAnswers...)
	}
	text(fe, "quality_note", r.QualityNote, MaxText, false)
	text(fe, "reason", r.Reason, MaxShort, r.Corrects != 0)
	return fe.OrNil()
}

// AftercarePerson is who the aftercare is for — the parents together, or
// one brother or sister — who offers them bereavement support, and what
// they want.
type AftercarePerson struct {
	ID       int64
	FamilyID int64
	// MemberID is the brother or sister; 0 for the parents.
	MemberID int64
	// NetworkID is the supporter from the network; 0 when named in words.
	NetworkID int64
	// Supporter names the supporter when not from the network; on reading
	// it is filled from the network member.
	Supporter string
	Wishes    string
	// Read for the pages: the brother's or sister's name, and how to
	// reach the supporter from the network.
	MemberName     string
	SupporterPhone string
}

// AftercareContact is a planned follow-up contact after the death.
type AftercareContact struct {
	ID       int64
	FamilyID int64
	DueOn    time.Time
	Note     string
	DoneOn   time.Time // zero while planned
	DoneBy   Person
}

// Done reports whether the contact took place.
func (c *AftercareContact) Done() bool { return !c.DoneOn.IsZero() }

// Aftercare is the aftercare plan: for whom, by whom, and the follow-up
// contacts by date.
type Aftercare struct {
	People   []AftercarePerson
	Contacts []AftercareContact // by due date
}

// NextOpen is the earliest follow-up contact not yet done; nil when none.
func (a *Aftercare) NextOpen() *AftercareContact {
	if a == nil {
		return nil
	}
	var next *AftercareContact
	for i := range a.Contacts {
		c := &a.Contacts[i]
		if !c.Done() && (next == nil || c.DueOn.Before(next.DueOn)) {
			next = c
		}
	}
	return next
}

// MaxAftercareContacts bounds the follow-up contacts of one plan.
const MaxAftercareContacts = 20

// DefaultAftercareOffsets are the follow-up contacts after a death unless
// the organisation set its own: after 6 weeks, 3 months and 1 year.
const DefaultAftercareOffsets = "6w 3m 1y"

// ParseAftercareOffsets reads offsets such as "6w 3m 1y": a number and a
// unit (w weeks, m months, y or j years) each, separated by spaces or
// commas, at least one, at most MaxAftercareContacts, each within five
// years. It returns them in the canonical form.
func ParseAftercareOffsets(s string) (string, error) {
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	if len(fields) == 0 {
		return "", FieldErrors{"aftercare_offsets": "field.required"}
	}
	if len(fields) > MaxAftercareContacts {
		return "", FieldErrors{"aftercare_offsets": "aftercare.offsets_invalid"}
	}
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if len(f) < 2 || len(f) > 4 {
			return "", FieldErrors{"aftercare_offsets": "aftercare.offsets_invalid"}
		}
		n, err := strconv.Atoi(f[:len(f)-1])
		unit := f[len(f)-1]
		if unit == 'j' {
			unit = 'y'
		}
		limit := map[byte]int{'w': 260, 'm': 60, 'y': 5}[unit]
		if err != nil || n < 1 || n > limit {
			return "", FieldErrors{"aftercare_offsets": "aftercare.offsets_invalid"}
		}
		out = append(out, strconv.Itoa(n)+string(unit))
	}
	return strings.Join(out, " "), nil
}

// AftercareDates are the dates of the follow-up contacts offsets (in the
// canonical form) give after died, earliest first.
func AftercareDates(offsets string, died time.Time) []time.Time {
	var out []time.Time
	for _, f := range strings.Fields(offsets) {
		n, err := strconv.Atoi(f[:len(f)-1])
		if err != nil {
			continue
		}
		switch f[len(f)-1] {
		case 'w':
			out = append(out, died.AddDate(0, 0, 7*n))
		case 'm':
			out = append(out, died.AddDate(0, n, 0))
		case 'y':
			out = append(out, died.AddDate(n, 0, 0))
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// DeathFigure is what the CaPalCa registration asks about a death: its
// date and place, and whether the preferred place was known and met.
type DeathFigure struct {
	FamilyID       int64
	DiedOn         time.Time
	Place          string
	PreferredKnown bool
	// PreferredMet is "yes", "no" or "" when no preferred place was known.
	PreferredMet string
}

// DeathStore keeps the death records and the aftercare.
type DeathStore interface {
	// DeathRecords lists the family's death records, the newest (the one
	// in force) first.
	DeathRecords(ctx context.Context, familyID int64) ([]DeathRecord, error)
	// AddDeathRecord inserts a record of the family; a second first record,
	// or a second correction of one record, is a Conflict.
	AddDeathRecord(ctx context.Context, r *DeathRecord) error
	// SetDeceased marks the child of the family deceased on the date.
	SetDeceased(ctx context.Context, familyID int64, on time.Time) error
	// SetNextContact sets (or with a zero date cancels) the family's
	// planned next contact.
	SetNextContact(ctx context.Context, familyID int64, next time.Time) error
	// Aftercare reads the family's aftercare plan; empty when none.
	Aftercare(ctx context.Context, familyID int64) (*Aftercare, error)
	// SaveAftercare replaces the family's aftercare plan with a.
	SaveAftercare(ctx context.Context, familyID int64, a *Aftercare) error
	// AftercareOffsets is the organisation's default follow-up contacts.
	AftercareOffsets(ctx context.Context, organisationID int64) (string, error)
	SetAftercareOffsets(ctx context.Context, organisationID int64, offsets string) error
}
