package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func d(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }

// handMade is a small data set whose figures are worked out by hand in
// the tests below (and in docs/reports.md's definitions).
func handMade() Input {
	return Input{
		Period: Period{From: d(2026, 1, 1), To: d(2026, 3, 31)},
		Children: []Child{
			{FamilyID: 1, Groups: []string{"A"}, Sex: "female", BirthDate: d(2020, 5, 10), ICD10: "G71.0", Secondary: 1,
				ReferralDate: d(2025, 6, 1), Status: "accepted", StatusDate: d(2025, 6, 1), PreferredPlace: "home",
				Admissions: 1, AdmittedDays: 4},
			{FamilyID: 2, Groups: []string{"A"}, Sex: "male", BirthDate: d(2025, 12, 1), ICD10: "q913",
				ReferralDate: d(2026, 1, 15), Status: "accepted", StatusDate: d(2026, 1, 20), FactorWish: true, FactorComplexity: true,
				PreferredPlace: "not_now"},
			{FamilyID: 3, Groups: []string{"B"}, Sex: "female", BirthDate: d(2012, 3, 31),
				ReferralDate: d(2024, 1, 1), Status: "ended", StatusDate: d(2026, 2, 10), Admissions: 2, AdmittedDays: 10},
			{FamilyID: 4, Groups: []string{"B"}, Sex: "male", BirthDate: d(2008, 4, 1), ICD10: "C71.9",
				ReferralDate: d(2026, 3, 1), Status: "offered", StatusDate: d(2026, 3, 1), FactorCapacity: true, PreferredPlace: "hospice"},
			{FamilyID: 5, Groups: []string{"B"}, Sex: "female", BirthDate: d(2018, 1, 1), ICD10: "E75.2",
				ReferralDate: d(2026, 2, 1), Status: "declined", StatusDate: d(2026, 2, 3), FactorWish: true},
			{FamilyID: 6, Groups: []string{"A"}, Sex: "male", BirthDate: d(2016, 1, 1),
				ReferralDate: d(2023, 1, 1), Status: "ended", StatusDate: d(2025, 12, 31)},
			{FamilyID: 7, Groups: []string{"A"}, Sex: "male", BirthDate: d(2016, 1, 1),
				ReferralDate: d(2026, 4, 2), Status: "offered", StatusDate: d(2026, 4, 2)},
			{FamilyID: 8, Groups: []string{"A"}, Sex: "unknown", BirthDate: d(2026, 6, 1), Unborn: true,
				ReferralDate: d(2026, 2, 20), Status: "accepted", StatusDate: d(2026, 2, 20), PreferredPlace: "not_discussed"},
		},
		Contacts: []Contact{
			{FamilyID: 1, Group: "A", Date: d(2026, 1, 10), Kind: "home_visit", With: "both", DurationMin: 60, TravelMin: 30, RegistrationMin: 10},
			{FamilyID: 1, Group: "A", Date: d(2026, 1, 20), Kind: "phone", With: "parent", DurationMin: 15, RegistrationMin: 5},
			{FamilyID: 3, Group: "B", Date: d(2026, 2, 5), Kind: "meeting", With: "provider", DurationMin: 45, TravelMin: 20, RegistrationMin: 10},
			{FamilyID: 4, Group: "B", Date: d(2026, 3, 31), Kind: "phone", With: "provider", DurationMin: 10, RegistrationMin: 5},
			{FamilyID: 2, Group: "A", Date: d(2025, 12, 31), Kind: "phone", With: "parent", DurationMin: 99, RegistrationMin: 9},
			{FamilyID: 3, Group: "B", Date: d(2026, 3, 15), Kind: "video", With: "parent", DurationMin: 30, RegistrationMin: 5},
		},
		Intensities: []Intensity{
			{FamilyID: 1, At: d(2025, 6, 1), Level: "regular"}, {FamilyID: 1, At: d(2026, 2, 14).Add(15 * time.Hour), Level: "intensive"},
			{FamilyID: 2, At: d(2026, 1, 15), Level: "intensive"},
			{FamilyID: 3, At: d(2024, 1, 1), Level: "waakvlam"},
			{FamilyID: 4, At: d(2026, 3, 1), Level: "regular"},
			{FamilyID: 8, At: d(2026, 2, 20), Level: "regular"},
		},
		Deaths: []Death{
			{FamilyID: 3, DiedOn: d(2026, 2, 10), Place: "home", Aftercare: true},
			{FamilyID: 2, DiedOn: d(2026, 3, 20), Place: "hospital", PreferredKnown: true},
			{FamilyID: 6, DiedOn: d(2025, 12, 20), Place: "hospice", PreferredKnown: true, PreferredMet: true, Aftercare: true},
		},
	}
}

// parseLines reads the expected table: one "section,item,value" a line.
func parseLines(t *testing.T, table string) []Line {
	t.Helper()
	var out []Line
	for _, l := range strings.Split(strings.TrimSpace(table), "\n") {
		f := strings.Split(strings.TrimSpace(l), ",")
		if len(f) != 3 {
			t.Fatalf("bad expected line %q", l)
		}
		out = append(out, Line{f[0], f[1], f[2]})
	}
	return out
}

// The expected figures of the hand-made set, worked out by hand. Children
// in the report: 1, 2, 3 (ended in the period), 4 and 8 (unborn); 5
// declined, 6 ended before the period, 7 was referred after it.
const wantPlain = `
period,from,2026-01-01
period,to,2026-03-31
children,total,5
children_sex,female,2
children_sex,male,2
children_sex,other,0
children_sex,unknown,1
children_age,unborn,1
children_age,0,1
children_age,1-4,0
children_age,5-11,1
children_age,12-15,1
children_age,16-17,1
children_age,18+,0
children_diagnosis,II,1
children_diagnosis,VI,1
children_diagnosis,XVII,1
children_diagnosis,none,2
children_diagnosis,unknown,0
children,secondary_diagnosis,1
referrals,total,4
referrals_status,offered,1
referrals_status,accepted,2
referrals_status,declined,1
referrals_status,ended,0
referrals_factor,wish,2
referrals_factor,complexity,1
referrals_factor,capacity,1
contacts,total,5
contacts_kind,home_visit,1
contacts_kind,phone,2
contacts_kind,video,1
contacts_kind,email,0
contacts_kind,meeting,1
contacts_with,child,0
contacts_with,parent,2
contacts_with,both,1
contacts_with,provider,2
contacts_with,family,0
contacts,with_providers,2
contacts,with_providers_minutes,55
minutes,duration,160
minutes,travel,50
minutes,registration,35
admissions,children,2
admissions,total,3
admissions,days,14
preferred_place,home,1
preferred_place,hospital,0
preferred_place,hospice,1
preferred_place,other,0
preferred_place,not_now,1
preferred_place,not_discussed,2
preferred_place,known,2
deaths,total,2
deaths_place,home,1
deaths_place,hospital,1
deaths_place,hospice,0
deaths_place,other,0
deaths,preferred_known,1
deaths,preferred_met,0
deaths,aftercare,1
month_contacts,2026-01,2
month_minutes,2026-01,120
month_intensive,2026-01,1
month_regular,2026-01,1
month_waakvlam,2026-01,1
month_contacts,2026-02,1
month_minutes,2026-02,75
month_intensive,2026-02,2
month_regular,2026-02,1
month_waakvlam,2026-02,0
month_contacts,2026-03,2
month_minutes,2026-03,50
month_intensive,2026-03,2
month_regular,2026-03,2
month_waakvlam,2026-03,0
group_children,A,3
group_contacts,A,2
group_minutes,A,120
group_children,B,2
group_contacts,B,3
group_minutes,B,125
`

func TestComputeHandMade(t *testing.T) {
	r := Compute(handMade())
	if diff := cmp.Diff(parseLines(t, wantPlain), r.Lines()); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
}

// Anonymised, every count of children from 1 to 4 is "<5", both groups
// (3 and 2 children) are hidden whole, and the admissions go with the
// two children admitted; the total of 5 children and the contacts stay.
func TestAnonymiseHandMade(t *testing.T) {
	r := Compute(handMade())
	r.Anonymise()
	want := map[string]string{}
	for _, l := range parseLines(t, wantPlain) {
		want[l.Section+","+l.Item] = l.Value
	}
	hidden := []string{
		"children_sex,female", "children_sex,male", "children_sex,unknown", "children_age,unborn", "children_age,0",
		"children_age,5-11", "children_age,12-15", "children_age,16-17", "children_diagnosis,II", "children_diagnosis,VI",
		"children_diagnosis,XVII", "children_diagnosis,none", "children,secondary_diagnosis", "referrals,total",
		"referrals_status,offered", "referrals_status,accepted", "referrals_status,declined", "referrals_factor,wish",
		"referrals_factor,complexity", "referrals_factor,capacity", "admissions,children", "admissions,total", "admissions,days",
		"preferred_place,home", "preferred_place,hospice", "preferred_place,not_now", "preferred_place,not_discussed",
		"preferred_place,known", "deaths,total", "deaths_place,home", "deaths_place,hospital", "deaths,preferred_known",
		"deaths,aftercare", "month_intensive,2026-01", "month_regular,2026-01", "month_waakvlam,2026-01",
		"month_intensive,2026-02", "month_regular,2026-02", "month_intensive,2026-03", "month_regular,2026-03",
		"group_children,A", "group_contacts,A", "group_minutes,A", "group_children,B", "group_contacts,B", "group_minutes,B",
	}
	for _, k := range hidden {
		want[k] = "<5"
	}
	got := map[string]string{}
	for _, l := range r.Lines() {
		got[l.Section+","+l.Item] = l.Value
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("anonymised figures (-want +got):\n%s", diff)
	}
	if !r.Anonymised {
		t.Error("Anonymised not set")
	}
}

// A report of fewer than five children hides every figure, zeros too.
func TestAnonymiseSmallPopulation(t *testing.T) {
	in := handMade()
	in.Children = in.Children[:2]
	r := Compute(in)
	r.Anonymise()
	for _, l := range r.Lines() {
		if l.Section != "period" && l.Value != "<5" {
			t.Errorf("%s %s = %s, want <5", l.Section, l.Item, l.Value)
		}
	}
}

func TestChapter(t *testing.T) {
	for code, want := range map[string]string{
		"": NoDiagnosis, " ": NoDiagnosis, "A00": "I", "B99.9": "I", "C00": "II", "D48.1": "II", "D49": UnknownCode,
		"D50": "III", "E75.2": "IV", "F84": "V", "G71.0": "VI", "g12.1": "VI", "H59": "VII", "H60": "VIII",
		"I42": "IX", "J96": "X", "K72": "XI", "L10": "XII", "M62": "XIII", "N18": "XIV", "O00": "XV", "P21": "XVI",
		"P97": UnknownCode, "Q91.3": "XVII", "R62": "XVIII", "S06": "XIX", "T98": "XIX", "V01": "XX", "Y98": "XX",
		"Z99": "XXI", "U07.1": "XXII", "X": UnknownCode, "1AB": UnknownCode, "ÄB1": UnknownCode, "G7": UnknownCode,
	} {
		if got := Chapter(code); got != want {
			t.Errorf("Chapter(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestAgeBand(t *testing.T) {
	on := d(2026, 3, 31)
	for _, tc := range []struct {
		birth  time.Time
		unborn bool
		want   string
	}{
		{d(2026, 6, 1), true, "unborn"}, {d(2026, 4, 1), false, "unborn"}, {d(2025, 4, 1), false, "0"},
		{d(2025, 3, 31), false, "1-4"}, {d(2021, 4, 1), false, "1-4"}, {d(2021, 3, 31), false, "5-11"},
		{d(2014, 4, 1), false, "5-11"}, {d(2014, 3, 31), false, "12-15"}, {d(2010, 3, 31), false, "16-17"},
		{d(2008, 4, 1), false, "16-17"}, {d(2008, 3, 31), false, "18+"},
	} {
		if got := AgeBand(tc.birth, tc.unborn, on); got != tc.want {
			t.Errorf("AgeBand(%s) = %q, want %q", tc.birth.Format(day), got, tc.want)
		}
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	r := Compute(Input{Period: Period{From: d(2026, 1, 1), To: d(2026, 1, 31)},
		Contacts: []Contact{{Group: "=HYPERLINK(\"x\")", Date: d(2026, 1, 2), Kind: "phone", With: "parent"},
			{Group: "+1", Date: d(2026, 1, 2)}, {Group: "-1", Date: d(2026, 1, 2)}, {Group: "@SUM(A1)", Date: d(2026, 1, 2)},
			{Group: "\tx", Date: d(2026, 1, 2)}, {Group: "\rx", Date: d(2026, 1, 2)}}})
	recs, err := csv.NewReader(bytes.NewReader(r.CSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]bool{}
	for _, rec := range recs {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("CSV cell %q starts with a formula character", cell)
			}
		}
		if rec[0] == "group_contacts" {
			groups[rec[1]] = true
		}
	}
	for _, want := range []string{"'=HYPERLINK(\"x\")", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx"} {
		if !groups[want] {
			t.Errorf("CSV lacks the group %q: %v", want, groups)
		}
	}
}

func TestJSONCells(t *testing.T) {
	r := Compute(handMade())
	r.Anonymise()
	b, err := r.JSON("region")
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Children struct {
			Total any            `json:"total"`
			Sex   map[string]any `json:"sex"`
		} `json:"children"`
		Groups []struct {
			Name     string `json:"name"`
			Children any    `json:"children"`
		} `json:"groups"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.Children.Total != float64(5) || out.Children.Sex["female"] != "<5" || out.Children.Sex["other"] != float64(0) {
		t.Errorf("children = %+v", out.Children)
	}
	if len(out.Groups) != 2 || out.Groups[0].Name != "A" || out.Groups[0].Children != "<5" {
		t.Errorf("groups = %+v", out.Groups)
	}
}
