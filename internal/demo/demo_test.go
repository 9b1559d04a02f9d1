package demo

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
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
	if f.BirthDate.After(day) {
		t.Errorf("%s: birth date %v is after %v", where, f.BirthDate, day)
	}
	if age := ageOn(f.BirthDate, day); age < 0 || age > 23 {
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
			for i, f := range fams {
				checkFamily(t, fmt.Sprintf("#%d %s", i, f.ChildName), f, today)
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
			if undiagnosed < n*6/100 || undiagnosed > n*14/100 {
				t.Errorf("%d of %d without diagnosis, want about 10%%", undiagnosed, n)
			}
			if deceased == 0 || turning18 == 0 {
				t.Errorf("deceased %d, turning 18 %d: want some of both", deceased, turning18)
			}
			if len(sexes) < 3 || len(intensities) != 3 {
				t.Errorf("sexes %v, intensities %v: want variety", sexes, intensities)
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
			x.Summary == y.Summary && x.Deceased == y.Deceased
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
