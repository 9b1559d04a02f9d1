package care

import (
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Length limits for free text.
const (
	MaxName  = 200
	MaxShort = 500
	MaxText  = 4000
)

// ValidBSN reports whether s is a Dutch citizen service number: nine digits
// passing the 11-test (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11).
func ValidBSN(s string) bool {
	if len(s) != 9 {
		return false
	}
	sum := 0
	for i, c := range s {
		if c < '0' || c > '9' {
			return false
		}
		w := 9 - i
		if i == 8 {
			w = -1
		}
		sum += w * int(c-'0')
	}
	return sum%11 == 0 && s != "000000000"
}

var icd10Pattern = regexp.MustCompile(`^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$`)

// ValidICD10 reports whether s looks like an ICD-10 code such as G71.0.
func ValidICD10(s string) bool { return icd10Pattern.MatchString(s) }

// text checks a free-text field.
func text(fe FieldErrors, field, v string, max int, required bool) {
	switch {
	case !utf8.ValidString(v) || strings.ContainsRune(v, 0):
		fe[field] = "field.unreadable"
	case required && strings.TrimSpace(v) == "":
		fe[field] = "field.required"
	case utf8.RuneCountInString(v) > max:
		fe[field] = "field.too_long"
	}
}

func oneOf(fe FieldErrors, field, v string, allowed ...string) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	if v == "" {
		fe[field] = "field.required"
	} else {
		fe[field] = "field.choose"
	}
}

func email(fe FieldErrors, field, v string) {
	if v == "" {
		return
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v || len(v) > 254 {
		fe[field] = "account.email_invalid"
	}
}

// notFuture refuses dates after today.
func notFuture(fe FieldErrors, field string, d, today time.Time) {
	if !d.IsZero() && d.After(DateOf(today)) {
		fe[field] = "date.future"
	}
}

var oldest = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// Sexes, member kinds and the other choice lists, as stored.
var (
	Sexes            = []string{"female", "male", "other", "unknown"}
	MemberKinds      = []string{"parent", "carer", "sibling", "other"}
	NetworkRoles     = []string{"gp", "paediatrician", "specialist", "nurse", "homecare", "therapist", "psychologist", "social_worker", "school", "hospice", "pharmacy", "informal", "other"}
	ContactKinds     = []string{"home_visit", "phone", "video", "email", "meeting"}
	ContactWith      = []string{"child", "parent", "both", "family", "provider"}
	TaskOwners       = []string{"casemanager", "network", "family"}
	EpisodeStatuses  = []string{"offered", "accepted", "declined", "ended"}
	SurpriseAnswers  = []string{"unknown", "yes", "no"}
	CaseManagerKinds = []string{"kct", "thuis"}
	intensityAllowed = []string{string(Intensive), string(Regular), string(Waakvlam)}
)

// Validate checks the child's details; today bounds the dates.
func (f *Family) Validate(today time.Time) error {
	fe := FieldErrors{}
	text(fe, "child_name", f.ChildName, MaxName, true)
	switch {
	case f.Unborn:
		f.validateExpected(fe, today)
	case f.BirthDate.IsZero():
		fe["birth_date"] = "field.required"
	case f.BirthDate.After(DateOf(today)):
		fe["birth_date"] = "date.birth_future"
	case f.BirthDate.Before(oldest):
		fe["birth_date"] = "date.too_old"
	}
	oneOf(fe, "sex", f.Sex, Sexes...)
	if f.BSN != "" && !ValidBSN(f.BSN) {
		fe["bsn"] = "family.bsn_invalid"
	}
	text(fe, "diagnosis", f.Diagnosis, MaxShort, false)
	if f.ICD10 != "" {
		if !ValidICD10(f.ICD10) {
			fe["icd10"] = "family.icd10_invalid"
		} else if f.Diagnosis == "" {
			fe["icd10"] = "family.icd10_without_diagnosis"
		}
	}
	for _, d := range f.Secondary {
		if d.ICD10 != "" && !ValidICD10(d.ICD10) {
			fe["secondary"] = "family.icd10_invalid"
		}
		text(fe, "secondary", d.Description, MaxShort, true)
	}
	text(fe, "living_situation", f.LivingSituation, MaxText, false)
	text(fe, "culture_notes", f.CultureNotes, MaxText, false)
	text(fe, "summary", f.Summary, MaxText, false)
	oneOf(fe, "intensity", string(f.Intensity), intensityAllowed...)
	return fe.OrNil()
}

// Validate checks a family member.
func (m *Member) Validate(today time.Time) error {
	fe := FieldErrors{}
	oneOf(fe, "kind", m.Kind, MemberKinds...)
	text(fe, "name", m.Name, MaxName, true)
	text(fe, "relation", m.Relation, MaxName, false)
	text(fe, "phone", m.Phone, 40, false)
	email(fe, "email", m.Email)
	text(fe, "language", m.Language, MaxName, false)
	text(fe, "notes", m.Notes, MaxText, false)
	if !m.BirthDate.IsZero() {
		notFuture(fe, "birth_date", m.BirthDate, today)
		if m.BirthDate.Before(oldest) {
			fe["birth_date"] = "date.too_old"
		}
	}
	return fe.OrNil()
}

// Validate checks the referral and decision; birth bounds the dates.
func (e *Episode) Validate(today, birth time.Time) error {
	fe := FieldErrors{}
	if e.ReferralDate.IsZero() {
		fe["referral_date"] = "field.required"
	} else {
		notFuture(fe, "referral_date", e.ReferralDate, today)
		// An impossible birth date is reported at the birth date only.
		if birthPlausible(birth, today) && e.ReferralDate.Before(birth) {
			fe["referral_date"] = "date.before_birth"
		}
	}
	text(fe, "referred_by", e.ReferredBy, MaxName, false)
	text(fe, "reason", e.Reason, MaxText, false)
	oneOf(fe, "surprise_question", e.SurpriseQuestion, SurpriseAnswers...)
	oneOf(fe, "status", e.Status, EpisodeStatuses...)
	text(fe, "status_note", e.StatusNote, MaxText, false)
	text(fe, "division_of_tasks", e.DivisionOfTasks, MaxText, false)
	return fe.OrNil()
}

// Validate checks a network member.
func (n *NetworkMember) Validate() error {
	fe := FieldErrors{}
	text(fe, "name", n.Name, MaxName, true)
	oneOf(fe, "role", n.Role, NetworkRoles...)
	text(fe, "organisation", n.Organisation, MaxName, false)
	if n.Line < 0 || n.Line > 3 {
		fe["line"] = "field.choose"
	}
	text(fe, "domain", n.Domain, MaxName, false)
	text(fe, "phone", n.Phone, 40, false)
	email(fe, "email", n.Email)
	text(fe, "reachability", n.Reachability, MaxShort, false)
	text(fe, "responsibilities", n.Responsibilities, MaxText, false)
	n.validatePeriod(fe)
	return fe.OrNil()
}

// Validate checks an intensity change; birth bounds the next contact date.
func (c *IntensityChange) Validate(today time.Time) error {
	fe := FieldErrors{}
	oneOf(fe, "intensity", string(c.Intensity), intensityAllowed...)
	text(fe, "reason", c.Reason, MaxText, true)
	if !c.NextContact.IsZero() && c.NextContact.Before(DateOf(today)) {
		fe["next_contact"] = "date.past"
	}
	return fe.OrNil()
}

// Validate checks a contact; it cannot lie in the future or before birth.
func (c *Contact) Validate(today, birth time.Time) error {
	fe := FieldErrors{}
	switch {
	case c.Date.IsZero():
		fe["date"] = "field.required"
	case c.Date.After(DateOf(today)):
		fe["date"] = "date.future"
	case c.Date.Before(birth):
		fe["date"] = "date.before_birth"
	}
	oneOf(fe, "kind", c.Kind, ContactKinds...)
	oneOf(fe, "with", c.With, ContactWith...)
	text(fe, "location", c.Location, MaxName, false)
	if c.DurationMin < 0 || c.DurationMin > 24*60 {
		fe["duration"] = "contact.minutes"
	}
	if c.TravelMin < 0 || c.TravelMin > 24*60 {
		fe["travel"] = "contact.minutes"
	}
	if c.RegistrationMin < 0 || c.RegistrationMin > 24*60 {
		fe["registration"] = "contact.minutes"
	}
	text(fe, "topics", c.Topics, MaxText, false)
	text(fe, "follow_up", c.FollowUp, MaxText, false)
	return fe.OrNil()
}

// MaxYearsAhead bounds a due date: more than ten years ahead is a typing
// error (2062 for 2026), not a plan.
const MaxYearsAhead = 10

// Validate checks a new task.
func (t *Task) Validate(today time.Time) error {
	fe := FieldErrors{}
	text(fe, "title", t.Title, MaxShort, true)
	oneOf(fe, "owner_kind", t.OwnerKind, TaskOwners...)
	text(fe, "owner_name", t.OwnerName, MaxName, false)
	switch {
	case t.DueDate.IsZero():
	case t.DueDate.Before(DateOf(today).AddDate(-1, 0, 0)):
		fe["due_date"] = "date.past"
	case t.DueDate.After(DateOf(today).AddDate(MaxYearsAhead, 0, 0)):
		fe["due_date"] = "date.too_far"
	}
	return fe.OrNil()
}

// birthPlausible reports whether birth can bound other dates: set, and not
// in the future.
func birthPlausible(birth, today time.Time) bool {
	return !birth.IsZero() && !birth.After(DateOf(today))
}
