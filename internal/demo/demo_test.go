package demo

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

var icd10Pattern = regexp.MustCompile(`^[A-Z][0-9]{2}(\.[0-9]{1,2})?$`)

// days to test with: an ordinary day, a leap day, the last day of a year,
// and a late evening in a time zone east of UTC.
var testDays = []time.Time{
	time.Date(2026, 5, 14, 10, 30, 0, 0, time.UTC),
	time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC),
	time.Date(2030, 12, 31, 23, 59, 0, 0, time.UTC),
	time.Date(2027, 10, 31, 23, 30, 0, 0, time.FixedZone("CET", 3600)),
}

// checkFamily reports what is wrong with f as of today.
func checkFamily(t *testing.T, where string, f Family, today time.Time) {
	t.Helper()
	day := dateOf(today)
	if strings.TrimSpace(f.ChildName) == "" || !strings.Contains(f.ChildName, " ") {
		t.Errorf("%s: child name %q is not a first and last name", where, f.ChildName)
	}
	if f.BirthDate.Location() != time.UTC || f.BirthDate != dateOf(f.BirthDate) {
		t.Errorf("%s: birth date %v is not a UTC midnight", where, f.BirthDate)
	}
	if f.BirthDate.After(day) && !f.Unborn {
		t.Errorf("%s: birth date %v is after %v", where, f.BirthDate, day)
	}
	if age := ageOn(f.BirthDate, day); (age < 0 || age > 23) && !f.Unborn {
		t.Errorf("%s: age %d is outside 0-23", where, age)
	}
	switch f.Sex {
	case "female", "male", "other", "unknown":
	default:
		t.Errorf("%s: sex %q", where, f.Sex)
	}
	switch f.Intensity {
	case "intensive", "regular", "waakvlam":
	default:
		t.Errorf("%s: intensity %q", where, f.Intensity)
	}
	if (f.Diagnosis == "") != (f.ICD10 == "") {
		t.Errorf("%s: diagnosis %q with ICD-10 %q", where, f.Diagnosis, f.ICD10)
	}
	if f.ICD10 != "" && !icd10Pattern.MatchString(f.ICD10) {
		t.Errorf("%s: ICD-10 code %q is malformed", where, f.ICD10)
	}
	if n := sentences(f.Summary); n < 2 || n > 4 {
		t.Errorf("%s: summary has %d sentences, want 2-4: %q", where, n, f.Summary)
	}
}

// sentences counts the sentences of s, which must end with a full stop.
func sentences(s string) int {
	if !strings.HasSuffix(s, ".") {
		return 0
	}
	return strings.Count(s, ". ") + 1
}

func TestFamilies(t *testing.T) {
	for _, today := range testDays {
		t.Run(today.Format(time.RFC3339), func(t *testing.T) {
			fams := Families(today)
			if len(fams) < 6 {
				t.Fatalf("got %d families, want at least 6", len(fams))
			}
			day := dateOf(today)
			names := map[string]bool{}
			var deceased, undiagnosed, baby, adult, turning18 int
			for _, f := range fams {
				checkFamily(t, f.ChildName, f, today)
				if names[f.ChildName] {
					t.Errorf("name %q is used twice", f.ChildName)
				}
				names[f.ChildName] = true
				age := ageOn(f.BirthDate, day)
				if f.Deceased {
					deceased++
				}
				if f.Diagnosis == "" {
					undiagnosed++
				}
				if age == 0 {
					baby++
				}
				if age >= 18 {
					adult++
				}
				if eighteen := f.BirthDate.AddDate(18, 0, 0); eighteen.After(day) && !eighteen.After(day.AddDate(1, 0, 0)) {
					turning18++
				}
			}
			for what, n := range map[string]int{
				"in aftercare":             deceased,
				"without diagnosis":        undiagnosed,
				"under one":                baby,
				"18 or older":              adult,
				"turning 18 within a year": turning18,
			} {
				if n == 0 {
					t.Errorf("no family %s", what)
				}
			}
		})
	}
}

func TestFamiliesAgesFollowToday(t *testing.T) {
	a := Families(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	b := Families(time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC))
	for i := range a {
		if got := b[i].BirthDate.Year() - a[i].BirthDate.Year(); got != 10 {
			t.Errorf("%s: birth year moved %d years over ten years", a[i].ChildName, got)
		}
	}
}

func TestBirthAndAge(t *testing.T) {
	today := time.Date(2026, 5, 14, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		years, months, days int
		want                time.Time
		age                 int
	}{
		{0, 0, 0, time.Date(2026, 5, 14, 0, 0, 0, 0, time.UTC), 0},
		{0, 3, 4, time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), 0},
		{0, 0, 58, time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC), 0},
		{18, -4, 0, time.Date(2008, 9, 14, 0, 0, 0, 0, time.UTC), 17},
		{17, 0, 0, time.Date(2009, 5, 14, 0, 0, 0, 0, time.UTC), 17},
		{17, 0, -1, time.Date(2009, 5, 15, 0, 0, 0, 0, time.UTC), 16},
		{23, 11, 30, time.Date(2002, 5, 15, 0, 0, 0, 0, time.UTC), 23},
	}
	for _, tt := range tests {
		got := birth(today, tt.years, tt.months, tt.days)
		if !got.Equal(tt.want) {
			t.Errorf("birth(%d, %d, %d) = %v, want %v", tt.years, tt.months, tt.days, got, tt.want)
		}
		if age := ageOn(got, today); age != tt.age {
			t.Errorf("ageOn(%v) = %d, want %d", got, age, tt.age)
		}
	}
	if age := ageOn(time.Date(2008, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)); age != 17 {
		t.Errorf("leap day child is %d on 28 February, want 17", age)
	}
}

func collect(t *testing.T, n int, seed int64, today time.Time) []Family {
	t.Helper()
	var fams []Family
	err := Generate(n, seed, today, func(i int, f Family) error {
		if i != len(fams) {
			t.Fatalf("callback index %d, want %d", i, len(fams))
		}
		fams = append(fams, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fams
}

func TestGenerateValid(t *testing.T) {
	for _, today := range testDays {
		t.Run(today.Format(time.RFC3339), func(t *testing.T) {
			const n = 5000
			fams := collect(t, n, 42, today)
			if len(fams) != n {
				t.Fatalf("got %d families, want %d", len(fams), n)
			}
			var undiagnosed, deceased, turning18 int
			sexes, intensities := map[string]int{}, map[string]int{}
			var noGP, overdue, waakvlam, done, plans int
			for i, f := range fams {
				where := fmt.Sprintf("#%d %s", i, f.ChildName)
				checkFamily(t, where, f, today)
				checkFile(t, where, f, today)
				checkCoverage(t, where, f, today)
				if i%10 == 0 { // plans are checked on a sample: comparing versions takes time
					checkPlan(t, where, f, today)
				}
				if len(f.Plan) > 0 {
					plans++
				}
				if !hasGP(f) {
					noGP++
				}
				if f.Intensity == "waakvlam" {
					waakvlam++
				}
				for _, tk := range f.Tasks {
					if tk.Overdue(today) {
						overdue++
					}
					if tk.Status == "done" {
						done++
					}
				}
				if f.Diagnosis == "" {
					undiagnosed++
				}
				if f.Deceased {
					deceased++
				}
				if strings.Contains(f.Summary, "Wordt binnen een jaar 18") {
					turning18++
					if age := ageOn(f.BirthDate, dateOf(today)); age != 17 {
						t.Errorf("transition summary for a child of %d", age)
					}
				}
				sexes[f.Sex]++
				intensities[f.Intensity]++
			}
			if plans < n/3 {
				t.Errorf("%d of %d generated families have a care plan, want at least a third", plans, n)
			}
			if undiagnosed < n*6/100 || undiagnosed > n*14/100 {
				t.Errorf("%d of %d without diagnosis, want about 10%%", undiagnosed, n)
			}
			if deceased == 0 || turning18 == 0 {
				t.Errorf("deceased %d, turning 18 %d: want some of both", deceased, turning18)
			}
			if len(sexes) < 3 || len(intensities) != 3 {
				t.Errorf("sexes %v, intensities %v: want variety", sexes, intensities)
			}
			if noGP == 0 || noGP > n/10 || overdue == 0 || waakvlam == 0 || done == 0 {
				t.Errorf("%d without GP (want a few), %d overdue tasks, %d on waakvlam, %d done tasks: want some of each",
					noGP, overdue, waakvlam, done)
			}
		})
	}
}

func TestGenerateDeterministic(t *testing.T) {
	today := testDays[0]
	a := collect(t, 500, 7, today)
	b := collect(t, 500, 7, today)
	c := collect(t, 500, 8, today)
	same := func(x, y Family) bool {
		return x.ChildName == y.ChildName && x.BirthDate.Equal(y.BirthDate) && x.Sex == y.Sex &&
			x.Diagnosis == y.Diagnosis && x.ICD10 == y.ICD10 && x.Intensity == y.Intensity &&
			x.Summary == y.Summary && x.Deceased == y.Deceased &&
			fmt.Sprint(x.Members, x.Episode, x.Network, x.Steps, x.Contacts, x.Tasks) ==
				fmt.Sprint(y.Members, y.Episode, y.Network, y.Steps, y.Contacts, y.Tasks)
	}
	diff := 0
	for i := range a {
		if !same(a[i], b[i]) {
			t.Fatalf("family %d differs for the same seed: %+v vs %+v", i, a[i], b[i])
		}
		if !same(a[i], c[i]) {
			diff++
		}
	}
	if diff < len(a)/2 {
		t.Errorf("only %d of %d families differ for another seed", diff, len(a))
	}
}

func TestGenerateCount(t *testing.T) {
	for _, n := range []int{0, 1, 2, 999} {
		calls := 0
		if err := Generate(n, 1, testDays[0], func(int, Family) error { calls++; return nil }); err != nil {
			t.Fatal(err)
		}
		if calls != n {
			t.Errorf("Generate(%d) made %d calls", n, calls)
		}
	}
	if err := Generate(-1, 1, testDays[0], func(int, Family) error { return nil }); err == nil {
		t.Error("Generate(-1) returned no error")
	}
}

func TestGenerateCallbackError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := Generate(100, 1, testDays[0], func(i int, _ Family) error {
		calls++
		if i == 9 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("err = %v, want %v", err, stop)
	}
	if calls != 10 {
		t.Errorf("%d calls, want 10", calls)
	}
}

func BenchmarkGenerate10k(b *testing.B) {
	today := testDays[0]
	for b.Loop() {
		if err := Generate(10_000, 1, today, func(int, Family) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

func hasGP(f Family) bool {
	for _, n := range f.Network {
		if n.Role == "gp" {
			return true
		}
	}
	return false
}

// checkFile reports what is wrong with the content of f's file as of today:
// everything must pass the care validation, dates must fall between the
// child's birth and today, and the steps must end at the current intensity.
func checkFile(t *testing.T, where string, f Family, today time.Time) {
	t.Helper()
	day := dateOf(today)
	now := today.UTC()
	cf := f.CareFamily()
	birth := cf.KnownBirth() // a file opened before birth bounds nothing by it
	bad := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %s: %v", where, what, err)
		}
	}
	// past reports whether the moment at lies between birth and now.
	past := func(at time.Time) bool { return !at.Before(birth) && !at.After(now) }

	bad("family", cf.Validate(today))
	if !f.KCT && !f.Thuis {
		t.Errorf("%s: no case manager", where)
	}
	byOK := func(by string) bool { return by == ByKCT && f.KCT || by == ByThuis && f.Thuis }

	names := map[string]bool{f.ChildName: true}
	parents := 0
	for _, m := range f.Members {
		bad("member "+m.Name, m.Validate(today))
		names[m.Name] = true
		if m.Kind == "parent" {
			parents++
		}
		if m.Kind == "sibling" && m.BirthDate.IsZero() {
			t.Errorf("%s: sibling %s has no birth date", where, m.Name)
		}
	}
	if parents == 0 {
		t.Errorf("%s: no parents", where)
	}

	e := f.Episode
	bad("episode", e.Validate(today, birth))
	if e.StatusDate.Before(e.ReferralDate) || e.StatusDate.After(day) {
		t.Errorf("%s: status date %v outside referral %v .. today", where, e.StatusDate, e.ReferralDate)
	}

	if len(f.Network) == 0 {
		t.Errorf("%s: empty network", where)
	}
	for _, n := range f.Network {
		bad("network member "+n.Name, n.Validate())
	}

	if len(f.Steps) == 0 {
		t.Fatalf("%s: no intensity steps", where)
	}
	if f.Steps[0].Reason != "intake" {
		t.Errorf("%s: the first step is %q, want the intake", where, f.Steps[0].Reason)
	}
	for i, s := range f.Steps {
		// Each step was valid on the day it was made.
		bad(fmt.Sprintf("step %d", i), s.Validate(s.ChangedAt))
		if !past(s.ChangedAt) || s.ChangedAt.Before(e.ReferralDate) {
			t.Errorf("%s: step %d at %v is not between the referral and now", where, i, s.ChangedAt)
		}
		if i > 0 && s.ChangedAt.Before(f.Steps[i-1].ChangedAt) {
			t.Errorf("%s: step %d is out of order", where, i)
		}
		if !byOK(s.By) {
			t.Errorf("%s: step %d by %q", where, i, s.By)
		}
	}
	last := f.Steps[len(f.Steps)-1]
	bad("current step", last.Validate(today))
	if string(last.Intensity) != f.Intensity {
		t.Errorf("%s: the steps end at %s, the family is %s", where, last.Intensity, f.Intensity)
	}
	if !last.NextContact.After(day) {
		t.Errorf("%s: next contact %v is not after today", where, last.NextContact)
	}

	if len(f.Contacts) == 0 {
		t.Errorf("%s: no contacts", where)
	}
	for i, c := range f.Contacts {
		bad(fmt.Sprintf("contact %d", i), c.Validate(today, birth))
		if c.Date.Before(birth) || c.Date.After(day) {
			t.Errorf("%s: contact %d on %v is not between birth %v and today", where, i, c.Date, birth)
		}
		if !past(c.CreatedAt) || c.CreatedAt.Before(c.Date) {
			t.Errorf("%s: contact %d registered at %v", where, i, c.CreatedAt)
		}
		if i > 0 && c.Date.Before(f.Contacts[i-1].Date) {
			t.Errorf("%s: contact %d is out of order", where, i)
		}
		if !byOK(c.By) {
			t.Errorf("%s: contact %d by %q", where, i, c.By)
		}
	}

	if len(f.Tasks) == 0 {
		t.Errorf("%s: no tasks", where)
	}
	for i, tk := range f.Tasks {
		bad("task "+tk.Title, tk.Validate(today))
		if !past(tk.CreatedAt) {
			t.Errorf("%s: task %d made at %v", where, i, tk.CreatedAt)
		}
		switch tk.Status {
		case "open":
			if tk.DoneNote != "" || !tk.DoneAt.IsZero() {
				t.Errorf("%s: open task %d has a done note or time", where, i)
			}
		case "done":
			if strings.TrimSpace(tk.DoneNote) == "" || tk.DoneAt.Before(tk.CreatedAt) || tk.DoneAt.After(now) {
				t.Errorf("%s: done task %d: note %q at %v", where, i, tk.DoneNote, tk.DoneAt)
			}
		default:
			t.Errorf("%s: task %d status %q", where, i, tk.Status)
		}
		switch tk.OwnerKind {
		case "family":
			if !names[tk.OwnerName] {
				t.Errorf("%s: task %d is owned by %q, who is not in the family", where, i, tk.OwnerName)
			}
		case "network":
			found := false
			for _, n := range f.Network {
				found = found || strings.HasPrefix(n.Name, tk.OwnerName) && tk.OwnerName != ""
			}
			if !found {
				t.Errorf("%s: task %d is owned by %q, who is not in the network", where, i, tk.OwnerName)
			}
		}
		if tk.ForProvider {
			found := false
			for _, n := range f.Network {
				found = found || n.Name == tk.OwnerName
			}
			if tk.OwnerKind != "network" || !found {
				t.Errorf("%s: task %d is for a provider, but owned by %s %q, not by name by a network member", where, i, tk.OwnerKind, tk.OwnerName)
			}
		}
		if !byOK(tk.By) {
			t.Errorf("%s: task %d by %q", where, i, tk.By)
		}
	}
}

func TestFamilyFiles(t *testing.T) {
	for _, today := range testDays {
		t.Run(today.Format(time.RFC3339), func(t *testing.T) {
			fams := Families(today)
			var noGP, overdue, waakvlam, upAndDown, kctOnly, thuisOnly, duo, offered int
			var alternating, interpreter bool
			owners := map[string]int{}
			providerTasks := 0
			for _, f := range fams {
				checkFile(t, f.ChildName, f, today)
				if n := len(f.Contacts); n < 3 || n > 8 {
					t.Errorf("%s: %d contacts, want 3-8", f.ChildName, n)
				}
				if n := len(f.Steps) - 1; n < 2 || n > 4 {
					t.Errorf("%s: %d intensity changes after the intake, want 2-4", f.ChildName, n)
				}
				if !hasGP(f) {
					noGP++
				}
				bereavement := 0
				for _, n := range f.Network {
					if n.Bereavement {
						bereavement++
					}
				}
				if bereavement != 1 {
					t.Errorf("%s: %d bereavement contacts, want 1", f.ChildName, bereavement)
				}
				if f.Intensity == "waakvlam" {
					waakvlam++
				}
				up, down := false, false
				for i := 1; i < len(f.Steps); i++ {
					a, b := rank(f.Steps[i-1].Intensity), rank(f.Steps[i].Intensity)
					up, down = up || b < a, down || b > a
				}
				if up && down {
					upAndDown++
				}
				open := 0
				for _, tk := range f.Tasks {
					if tk.Overdue(today) {
						overdue++
					}
					if tk.Status == "open" {
						open++
						if tk.OwnerName == "" {
							t.Errorf("%s: open task %q has no owner's name", f.ChildName, tk.Title)
						}
					}
					owners[tk.OwnerKind+" "+tk.Status]++
					if tk.ForProvider && tk.Status == "open" {
						providerTasks++
					}
				}
				if open == 0 {
					t.Errorf("%s: no open tasks", f.ChildName)
				}
				switch {
				case f.KCT && f.Thuis:
					duo++
				case f.KCT:
					kctOnly++
				case f.Thuis:
					thuisOnly++
				}
				if f.Episode.Status == "offered" {
					offered++
					if f.Episode.StatusNote == "" {
						t.Errorf("%s: offered again without a note", f.ChildName)
					}
				} else if f.Episode.Status != "accepted" {
					t.Errorf("%s: episode status %q", f.ChildName, f.Episode.Status)
				}
				if f.Deceased && f.Episode.Status != "accepted" {
					t.Errorf("%s: in aftercare with status %q, want accepted", f.ChildName, f.Episode.Status)
				}
				alternating = alternating || strings.Contains(f.LivingSituation, "om de week")
				for _, m := range f.Members {
					interpreter = interpreter || strings.Contains(m.Notes, "Tolk") || strings.Contains(m.Notes, "tolk")
				}
			}
			if noGP != 1 {
				t.Errorf("%d families without a GP, want exactly 1", noGP)
			}
			if overdue == 0 || waakvlam == 0 || upAndDown == 0 {
				t.Errorf("%d overdue tasks, %d on waakvlam, %d stepping up and down: want some of each", overdue, waakvlam, upAndDown)
			}
			if offered != 1 {
				t.Errorf("%d families offered case management again, want 1", offered)
			}
			if kctOnly+duo <= len(fams)/2 || duo == 0 || thuisOnly < 2 {
				t.Errorf("KCT only %d, duo %d, thuis only %d: want the KCT case manager on most, some duos, thuis alone on two or more",
					kctOnly, duo, thuisOnly)
			}
			if providerTasks == 0 {
				t.Error("no open task is a provider's own, for the provider view")
			}
			if !alternating || !interpreter {
				t.Errorf("alternating weeks %v, interpreter %v: want both", alternating, interpreter)
			}
			for _, k := range care.TaskOwners {
				if owners[k+" open"] == 0 {
					t.Errorf("no open task owned by a %s", k)
				}
			}
			if owners["casemanager done"]+owners["network done"]+owners["family done"] == 0 {
				t.Error("no task is done")
			}
		})
	}
}

// rank orders the intensities from most to least involved.
func rank(in care.Intensity) int {
	for i, x := range care.Intensities {
		if x == in {
			return i
		}
	}
	return -1
}
