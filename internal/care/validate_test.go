package care

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// today is a summer morning; lateToday is the same UTC date at 22:30, which
// is already the next day in Amsterdam.
var (
	today     = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	lateToday = time.Date(2026, 6, 15, 22, 30, 0, 0, time.UTC)
)

// day returns the date y-m-d as Spil stores dates: midnight UTC.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// fieldErrors returns the field errors in err: empty for nil, and a failure
// for an error of any other kind.
func fieldErrors(t *testing.T, err error) FieldErrors {
	t.Helper()
	if err == nil {
		return FieldErrors{}
	}
	var fe FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a FieldErrors", err, err)
	}
	if ErrorCode(err) != Invalid {
		t.Errorf("ErrorCode(%v) = %q, want %q", err, ErrorCode(err), Invalid)
	}
	if len(fe) == 0 {
		t.Error("Validate returned an empty FieldErrors instead of nil")
	}
	return fe
}

// Text values at and just over the limits, counted in characters: "é" is
// two bytes, so a byte count would refuse the values at the limit.
var (
	name200  = strings.Repeat("é", MaxName)
	name201  = strings.Repeat("é", MaxName+1)
	short500 = strings.Repeat("é", MaxShort)
	short501 = strings.Repeat("é", MaxShort+1)
	text4000 = strings.Repeat("é", MaxText)
	text4001 = strings.Repeat("é", MaxText+1)
	badUTF8  = "Sanne \xff"
	withNUL  = "Sanne\x00"
)

func TestValidBSN(t *testing.T) {
	tests := []struct {
		bsn  string
		want bool
	}{
		{"111222333", true},
		{"123456782", true},
		{"999999990", true},
		{"123456789", false}, // fails the 11-test
		{"111222334", false},
		{"12345678", false}, // eight digits
		{"1234567820", false},
		{"", false},
		{"12345678a", false},
		{"abcdefghi", false},
		{"12345 782", false},
		{" 11122233", false},
		{"000000000", false}, // passes the 11-test, is no number
		{"１２３456782", false}, // full-width digits
	}
	for _, tt := range tests {
		if got := ValidBSN(tt.bsn); got != tt.want {
			t.Errorf("ValidBSN(%q) = %v, want %v", tt.bsn, got, tt.want)
		}
	}
}

func TestValidICD10(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"G71.0", true},
		{"A00", true},
		{"C91.00", true},
		{"U07.1", true},
		{"Q90.9", true},
		{"Z99.8A", true},
		{"E75.2345", true},
		{"E75.23456", false}, // at most four after the dot
		{"g71.0", false},
		{"G7", false},
		{"G710", false},
		{"G71.", false},
		{"GG1.0", false},
		{"7G1.0", false},
		{" G71.0", false},
		{"G71.0 ", false},
		{"G71.0\n", false},
		{"G71,0", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidICD10(tt.code); got != tt.want {
			t.Errorf("ValidICD10(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestFamilyValidate(t *testing.T) {
	valid := func() Family {
		return Family{ChildName: "Sanne de Vries", BirthDate: day(2019, 4, 2), Sex: "female", Intensity: Regular}
	}
	tests := []struct {
		name   string
		change func(f *Family)
		today  time.Time // default today
		want   FieldErrors
	}{
		{"valid", func(f *Family) {}, time.Time{}, nil},
		{"everything filled in", func(f *Family) {
			f.BSN, f.Diagnosis, f.ICD10 = "111222333", "Duchenne", "G71.0"
			f.Secondary = []Diagnosis{{Description: "Epilepsie", ICD10: "G40.9"}, {Description: "Scoliose"}}
			f.LivingSituation, f.CultureNotes, f.Summary = text4000, text4000, text4000
		}, time.Time{}, nil},
		{"name missing", func(f *Family) { f.ChildName = "" }, time.Time{}, FieldErrors{"child_name": "field.required"}},
		{"name blank", func(f *Family) { f.ChildName = " \t " }, time.Time{}, FieldErrors{"child_name": "field.required"}},
		{"name at limit", func(f *Family) { f.ChildName = name200 }, time.Time{}, nil},
		{"name too long", func(f *Family) { f.ChildName = name201 }, time.Time{}, FieldErrors{"child_name": "field.too_long"}},
		{"name invalid UTF-8", func(f *Family) { f.ChildName = badUTF8 }, time.Time{}, FieldErrors{"child_name": "field.unreadable"}},
		{"name with NUL", func(f *Family) { f.ChildName = withNUL }, time.Time{}, FieldErrors{"child_name": "field.unreadable"}},
		{"birth missing", func(f *Family) { f.BirthDate = time.Time{} }, time.Time{}, FieldErrors{"birth_date": "field.required"}},
		{"born today", func(f *Family) { f.BirthDate = day(2026, 6, 15) }, time.Time{}, nil},
		{"born tomorrow", func(f *Family) { f.BirthDate = day(2026, 6, 16) }, time.Time{}, FieldErrors{"birth_date": "date.birth_future"}},
		{"born today in Amsterdam, yesterday in UTC", func(f *Family) { f.BirthDate = day(2026, 6, 16) }, lateToday, nil},
		{"born the day after that", func(f *Family) { f.BirthDate = day(2026, 6, 17) }, lateToday, FieldErrors{"birth_date": "date.birth_future"}},
		{"born 1900", func(f *Family) { f.BirthDate = day(1900, 1, 1) }, time.Time{}, nil},
		{"born before 1900", func(f *Family) { f.BirthDate = day(1899, 12, 31) }, time.Time{}, FieldErrors{"birth_date": "date.too_old"}},
		{"sex missing", func(f *Family) { f.Sex = "" }, time.Time{}, FieldErrors{"sex": "field.required"}},
		{"sex unknown value", func(f *Family) { f.Sex = "f" }, time.Time{}, FieldErrors{"sex": "field.choose"}},
		{"BSN fails the 11-test", func(f *Family) { f.BSN = "123456789" }, time.Time{}, FieldErrors{"bsn": "family.bsn_invalid"}},
		{"BSN too short", func(f *Family) { f.BSN = "12345678" }, time.Time{}, FieldErrors{"bsn": "family.bsn_invalid"}},
		{"diagnosis at limit", func(f *Family) { f.Diagnosis = short500 }, time.Time{}, nil},
		{"diagnosis too long", func(f *Family) { f.Diagnosis = short501 }, time.Time{}, FieldErrors{"diagnosis": "field.too_long"}},
		{"diagnosis with NUL", func(f *Family) { f.Diagnosis = withNUL }, time.Time{}, FieldErrors{"diagnosis": "field.unreadable"}},
		{"ICD-10 malformed", func(f *Family) { f.Diagnosis, f.ICD10 = "Duchenne", "G71-0" }, time.Time{}, FieldErrors{"icd10": "family.icd10_invalid"}},
		{"ICD-10 without diagnosis", func(f *Family) { f.ICD10 = "G71.0" }, time.Time{}, FieldErrors{"icd10": "family.icd10_without_diagnosis"}},
		{"secondary ICD-10 malformed", func(f *Family) { f.Secondary = []Diagnosis{{Description: "Epilepsie", ICD10: "epi"}} }, time.Time{}, FieldErrors{"secondary": "family.icd10_invalid"}},
		{"secondary without description", func(f *Family) { f.Secondary = []Diagnosis{{ICD10: "G40.9"}} }, time.Time{}, FieldErrors{"secondary": "field.required"}},
		{"secondary too long", func(f *Family) { f.Secondary = []Diagnosis{{Description: short501}} }, time.Time{}, FieldErrors{"secondary": "field.too_long"}},
		{"living situation too long", func(f *Family) { f.LivingSituation = text4001 }, time.Time{}, FieldErrors{"living_situation": "field.too_long"}},
		{"culture notes too long", func(f *Family) { f.CultureNotes = text4001 }, time.Time{}, FieldErrors{"culture_notes": "field.too_long"}},
		{"summary too long", func(f *Family) { f.Summary = text4001 }, time.Time{}, FieldErrors{"summary": "field.too_long"}},
		{"summary invalid UTF-8", func(f *Family) { f.Summary = badUTF8 }, time.Time{}, FieldErrors{"summary": "field.unreadable"}},
		{"intensity missing", func(f *Family) { f.Intensity = "" }, time.Time{}, FieldErrors{"intensity": "field.required"}},
		{"intensity unknown", func(f *Family) { f.Intensity = "high" }, time.Time{}, FieldErrors{"intensity": "field.choose"}},
		{"several errors at once", func(f *Family) { f.ChildName, f.Sex, f.BSN = "", "", "1" }, time.Time{},
			FieldErrors{"child_name": "field.required", "sex": "field.required", "bsn": "family.bsn_invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := valid()
			tt.change(&f)
			now := today
			if !tt.today.IsZero() {
				now = tt.today
			}
			got := fieldErrors(t, f.Validate(now))
			if diff := cmp.Diff(tt.want, got, cmpEmpty); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

// cmpEmpty treats a nil and an empty FieldErrors as equal.
var cmpEmpty = cmp.FilterValues(func(a, b FieldErrors) bool { return len(a) == 0 && len(b) == 0 }, cmp.Ignore())

func TestMemberValidate(t *testing.T) {
	valid := func() Member { return Member{Kind: "parent", Name: "Eva de Vries"} }
	tests := []struct {
		name   string
		change func(m *Member)
		want   FieldErrors
	}{
		{"valid", func(m *Member) {}, nil},
		{"everything filled in", func(m *Member) {
			m.Relation, m.Custody, m.Phone, m.Email, m.Language = "moeder", true, strings.Repeat("0", 40), "eva@example.org", "Nederlands"
			m.BirthDate, m.Notes = day(1985, 1, 1), text4000
		}, nil},
		{"kind missing", func(m *Member) { m.Kind = "" }, FieldErrors{"kind": "field.required"}},
		{"kind unknown", func(m *Member) { m.Kind = "neighbour" }, FieldErrors{"kind": "field.choose"}},
		{"name missing", func(m *Member) { m.Name = "  " }, FieldErrors{"name": "field.required"}},
		{"name too long", func(m *Member) { m.Name = name201 }, FieldErrors{"name": "field.too_long"}},
		{"relation too long", func(m *Member) { m.Relation = name201 }, FieldErrors{"relation": "field.too_long"}},
		{"phone too long", func(m *Member) { m.Phone = strings.Repeat("0", 41) }, FieldErrors{"phone": "field.too_long"}},
		{"email invalid", func(m *Member) { m.Email = "eva-at-example.org" }, FieldErrors{"email": "account.email_invalid"}},
		{"email with display name", func(m *Member) { m.Email = "Eva <eva@example.org>" }, FieldErrors{"email": "account.email_invalid"}},
		{"language with NUL", func(m *Member) { m.Language = withNUL }, FieldErrors{"language": "field.unreadable"}},
		{"notes too long", func(m *Member) { m.Notes = text4001 }, FieldErrors{"notes": "field.too_long"}},
		{"notes invalid UTF-8", func(m *Member) { m.Notes = badUTF8 }, FieldErrors{"notes": "field.unreadable"}},
		{"born today", func(m *Member) { m.Kind, m.BirthDate = "sibling", day(2026, 6, 15) }, nil},
		{"born tomorrow", func(m *Member) { m.Kind, m.BirthDate = "sibling", day(2026, 6, 16) }, FieldErrors{"birth_date": "date.future"}},
		{"born before 1900", func(m *Member) { m.BirthDate = day(1899, 12, 31) }, FieldErrors{"birth_date": "date.too_old"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := valid()
			tt.change(&m)
			if diff := cmp.Diff(tt.want, fieldErrors(t, m.Validate(today)), cmpEmpty); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEpisodeValidate(t *testing.T) {
	birth := day(2019, 4, 2)
	valid := func() Episode {
		return Episode{ReferralDate: day(2026, 5, 1), SurpriseQuestion: "unknown", Status: "offered"}
	}
	tests := []struct {
		name   string
		change func(e *Episode)
		want   FieldErrors
	}{
		{"valid", func(e *Episode) {}, nil},
		{"everything filled in", func(e *Episode) {
			e.ReferredBy, e.Reason, e.StatusNote, e.DivisionOfTasks = name200, text4000, text4000, text4000
			e.FactorWish, e.FactorComplexity, e.FactorCapacity = true, true, true
		}, nil},
		{"referral missing", func(e *Episode) { e.ReferralDate = time.Time{} }, FieldErrors{"referral_date": "field.required"}},
		{"referral today", func(e *Episode) { e.ReferralDate = day(2026, 6, 15) }, nil},
		{"referral tomorrow", func(e *Episode) { e.ReferralDate = day(2026, 6, 16) }, FieldErrors{"referral_date": "date.future"}},
		{"referral on the birth date", func(e *Episode) { e.ReferralDate = birth }, nil},
		{"referral before birth", func(e *Episode) { e.ReferralDate = birth.AddDate(0, 0, -1) }, FieldErrors{"referral_date": "date.before_birth"}},
		{"referred by too long", func(e *Episode) { e.ReferredBy = name201 }, FieldErrors{"referred_by": "field.too_long"}},
		{"reason too long", func(e *Episode) { e.Reason = text4001 }, FieldErrors{"reason": "field.too_long"}},
		{"surprise question missing", func(e *Episode) { e.SurpriseQuestion = "" }, FieldErrors{"surprise_question": "field.required"}},
		{"surprise question unknown value", func(e *Episode) { e.SurpriseQuestion = "maybe" }, FieldErrors{"surprise_question": "field.choose"}},
		{"status missing", func(e *Episode) { e.Status = "" }, FieldErrors{"status": "field.required"}},
		{"status unknown", func(e *Episode) { e.Status = "paused" }, FieldErrors{"status": "field.choose"}},
		{"status note with NUL", func(e *Episode) { e.StatusNote = withNUL }, FieldErrors{"status_note": "field.unreadable"}},
		{"division of tasks too long", func(e *Episode) { e.DivisionOfTasks = text4001 }, FieldErrors{"division_of_tasks": "field.too_long"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := valid()
			tt.change(&e)
			if diff := cmp.Diff(tt.want, fieldErrors(t, e.Validate(today, birth)), cmpEmpty); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNetworkMemberValidate(t *testing.T) {
	valid := func() NetworkMember { return NetworkMember{Name: "Dr. Bakker", Role: "gp", Line: 1} }
	tests := []struct {
		name   string
		change func(n *NetworkMember)
		want   FieldErrors
	}{
		{"valid", func(n *NetworkMember) {}, nil},
		{"everything filled in", func(n *NetworkMember) {
			n.Organisation, n.Domain, n.Phone, n.Email = name200, name200, strings.Repeat("0", 40), "bakker@huisarts.example"
			n.Reachability, n.Responsibilities, n.AlwaysReachable, n.Bereavement = short500, text4000, true, true
		}, nil},
		{"name missing", func(n *NetworkMember) { n.Name = "" }, FieldErrors{"name": "field.required"}},
		{"name invalid UTF-8", func(n *NetworkMember) { n.Name = badUTF8 }, FieldErrors{"name": "field.unreadable"}},
		{"role missing", func(n *NetworkMember) { n.Role = "" }, FieldErrors{"role": "field.required"}},
		{"role unknown", func(n *NetworkMember) { n.Role = "plumber" }, FieldErrors{"role": "field.choose"}},
		{"informal: line 0", func(n *NetworkMember) { n.Role, n.Line = "informal", 0 }, nil},
		{"line 3", func(n *NetworkMember) { n.Line = 3 }, nil},
		{"line -1", func(n *NetworkMember) { n.Line = -1 }, FieldErrors{"line": "field.choose"}},
		{"line 4", func(n *NetworkMember) { n.Line = 4 }, FieldErrors{"line": "field.choose"}},
		{"organisation too long", func(n *NetworkMember) { n.Organisation = name201 }, FieldErrors{"organisation": "field.too_long"}},
		{"domain too long", func(n *NetworkMember) { n.Domain = name201 }, FieldErrors{"domain": "field.too_long"}},
		{"phone too long", func(n *NetworkMember) { n.Phone = strings.Repeat("0", 41) }, FieldErrors{"phone": "field.too_long"}},
		{"email invalid", func(n *NetworkMember) { n.Email = "bakker@" }, FieldErrors{"email": "account.email_invalid"}},
		{"reachability too long", func(n *NetworkMember) { n.Reachability = short501 }, FieldErrors{"reachability": "field.too_long"}},
		{"responsibilities too long", func(n *NetworkMember) { n.Responsibilities = text4001 }, FieldErrors{"responsibilities": "field.too_long"}},
		{"responsibilities with NUL", func(n *NetworkMember) { n.Responsibilities = withNUL }, FieldErrors{"responsibilities": "field.unreadable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := valid()
			tt.change(&n)
			if diff := cmp.Diff(tt.want, fieldErrors(t, n.Validate()), cmpEmpty); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIntensityChangeValidate(t *testing.T) {
	valid := func() IntensityChange { return IntensityChange{Intensity: Intensive, Reason: "Achteruitgang"} }
	tests := []struct {
		name   string
		change func(c *IntensityChange)
		today  time.Time
		want   FieldErrors
	}{
		{"valid", func(c *IntensityChange) {}, time.Time{}, nil},
		{"waakvlam", func(c *IntensityChange) { c.Intensity = Waakvlam }, time.Time{}, nil},
		{"intensity missing", func(c *IntensityChange) { c.Intensity = "" }, time.Time{}, FieldErrors{"intensity": "field.required"}},
		{"intensity unknown", func(c *IntensityChange) { c.Intensity = "low" }, time.Time{}, FieldErrors{"intensity": "field.choose"}},
		{"reason missing", func(c *IntensityChange) { c.Reason = " " }, time.Time{}, FieldErrors{"reason": "field.required"}},
		{"reason at limit", func(c *IntensityChange) { c.Reason = text4000 }, time.Time{}, nil},
		{"reason too long", func(c *IntensityChange) { c.Reason = text4001 }, time.Time{}, FieldErrors{"reason": "field.too_long"}},
		{"next contact today", func(c *IntensityChange) { c.NextContact = day(2026, 6, 15) }, time.Time{}, nil},
		{"next contact yesterday", func(c *IntensityChange) { c.NextContact = day(2026, 6, 14) }, time.Time{}, FieldErrors{"next_contact": "date.past"}},
		{"next contact on the UTC date, after midnight in Amsterdam", func(c *IntensityChange) { c.NextContact = day(2026, 6, 15) }, lateToday,
			FieldErrors{"next_contact": "date.past"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.change(&c)
			now := today
			if !tt.today.IsZero() {
				now = tt.today
			}
			if diff := cmp.Diff(tt.want, fieldErrors(t, c.Validate(now)), cmpEmpty); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestContactValidate(t *testing.T) {
	birth := day(2019, 4, 2)
	valid := func() Contact { return Contact{Date: day(2026, 6, 10), Kind: "home_visit", With: "both"} }
	tests := []struct {
		name   string
		change func(c *Contact)
		today  time.Time
		want   FieldErrors
	}{
		{"valid", func(c *Contact) {}, time.Time{}, nil},
		{"everything filled in", func(c *Contact) {
			c.Location, c.DurationMin, c.TravelMin, c.Topics, c.FollowUp = name200, 24*60, 24*60, text4000, text4000
		}, time.Time{}, nil},
		{"date missing", func(c *Contact) { c.Date = time.Time{} }, time.Time{}, FieldErrors{"date": "field.required"}},
		{"today", func(c *Contact) { c.Date = day(2026, 6, 15) }, time.Time{}, nil},
		{"tomorrow", func(c *Contact) { c.Date = day(2026, 6, 16) }, time.Time{}, FieldErrors{"date": "date.future"}},
		{"today in Amsterdam, tomorrow in UTC", func(c *Contact) { c.Date = day(2026, 6, 16) }, lateToday, nil},
		{"on the birth date", func(c *Contact) { c.Date = birth }, time.Time{}, nil},
		{"the day before birth", func(c *Contact) { c.Date = birth.AddDate(0, 0, -1) }, time.Time{}, FieldErrors{"date": "date.before_birth"}},
		{"kind missing", func(c *Contact) { c.Kind = "" }, time.Time{}, FieldErrors{"kind": "field.required"}},
		{"kind unknown", func(c *Contact) { c.Kind = "letter" }, time.Time{}, FieldErrors{"kind": "field.choose"}},
		{"with unknown", func(c *Contact) { c.With = "school" }, time.Time{}, FieldErrors{"with": "field.choose"}},
		{"location too long", func(c *Contact) { c.Location = name201 }, time.Time{}, FieldErrors{"location": "field.too_long"}},
		{"duration negative", func(c *Contact) { c.DurationMin = -1 }, time.Time{}, FieldErrors{"duration": "contact.minutes"}},
		{"duration over a day", func(c *Contact) { c.DurationMin = 24*60 + 1 }, time.Time{}, FieldErrors{"duration": "contact.minutes"}},
		{"travel negative", func(c *Contact) { c.TravelMin = -5 }, time.Time{}, FieldErrors{"travel": "contact.minutes"}},
		{"travel over a day", func(c *Contact) { c.TravelMin = 24*60 + 1 }, time.Time{}, FieldErrors{"travel": "contact.minutes"}},
		{"registration negative", func(c *Contact) { c.RegistrationMin = -1 }, time.Time{}, FieldErrors{"registration": "contact.minutes"}},
		{"registration over a day", func(c *Contact) { c.RegistrationMin = 24*60 + 1 }, time.Time{}, FieldErrors{"registration": "contact.minutes"}},
		{"topics too long", func(c *Contact) { c.Topics = text4001 }, time.Time{}, FieldErrors{"topics": "field.too_long"}},
		{"topics invalid UTF-8", func(c *Contact) { c.Topics = badUTF8 }, time.Time{}, FieldErrors{"topics": "field.unreadable"}},
		{"follow-up with NUL", func(c *Contact) { c.FollowUp = withNUL }, time.Time{}, FieldErrors{"follow_up": "field.unreadable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.change(&c)
			now := today
			if !tt.today.IsZero() {
				now = tt.today
			}
			if diff := cmp.Diff(tt.want, fieldErrors(t, c.Validate(now, birth)), cmpEmpty); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTaskValidate(t *testing.T) {
	valid := func() Task { return Task{Title: "Tillift aanvragen", OwnerKind: "casemanager"} }
	tests := []struct {
		name   string
		change func(k *Task)
		want   FieldErrors
	}{
		{"valid", func(k *Task) {}, nil},
		{"title missing", func(k *Task) { k.Title = "" }, FieldErrors{"title": "field.required"}},
		{"title at limit", func(k *Task) { k.Title = short500 }, nil},
		{"title too long", func(k *Task) { k.Title = short501 }, FieldErrors{"title": "field.too_long"}},
		{"title invalid UTF-8", func(k *Task) { k.Title = badUTF8 }, FieldErrors{"title": "field.unreadable"}},
		{"title with NUL", func(k *Task) { k.Title = withNUL }, FieldErrors{"title": "field.unreadable"}},
		{"owner missing", func(k *Task) { k.OwnerKind = "" }, FieldErrors{"owner_kind": "field.required"}},
		{"owner unknown", func(k *Task) { k.OwnerKind = "school" }, FieldErrors{"owner_kind": "field.choose"}},
		{"owner name at limit", func(k *Task) { k.OwnerName = name200 }, nil},
		{"owner name too long", func(k *Task) { k.OwnerName = name201 }, FieldErrors{"owner_name": "field.too_long"}},
		{"due in the future", func(k *Task) { k.DueDate = day(2027, 1, 1) }, nil},
		{"due a year ago", func(k *Task) { k.DueDate = day(2025, 6, 15) }, nil},
		{"due more than a year ago", func(k *Task) { k.DueDate = day(2025, 6, 14) }, FieldErrors{"due_date": "date.past"}},
		{"due in ten years", func(k *Task) { k.DueDate = day(2036, 6, 15) }, nil},
		{"due more than ten years ahead", func(k *Task) { k.DueDate = day(2036, 6, 16) }, FieldErrors{"due_date": "date.too_far"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := valid()
			tt.change(&k)
			if diff := cmp.Diff(tt.want, fieldErrors(t, k.Validate(today)), cmpEmpty); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFieldErrorsIsInvalid(t *testing.T) {
	fe := FieldErrors{"b": "x", "a": "y"}
	if got := ErrorCode(fe); got != Invalid {
		t.Errorf("ErrorCode = %q, want %q", got, Invalid)
	}
	if got, want := fe.Error(), "invalid: a, b"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !fe.Has("a") || fe.Has("c") {
		t.Error("Has does not report the fields")
	}
	if (FieldErrors{}).OrNil() != nil {
		t.Error("an empty FieldErrors is not nil")
	}
	if ErrorCode(ErrPossibleDuplicate) != Conflict {
		t.Errorf("ErrPossibleDuplicate has code %q, want %q", ErrorCode(ErrPossibleDuplicate), Conflict)
	}
}

// A future birth date is reported once, at the birth date, not again at the
// referral date that lies "before" it.
func TestImpossibleBirthDateReportedOnce(t *testing.T) {
	today := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	e := Episode{ReferralDate: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), SurpriseQuestion: "unknown", Status: "accepted"}
	if err := e.Validate(today, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Errorf("referral with a future birth date: %v, want no error of its own", err)
	}
	if err := e.Validate(today, time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("a referral before a plausible birth date passed")
	}
}
