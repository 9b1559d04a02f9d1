package care

import (
	"slices"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// noon is midday in Amsterdam on a date, so DateOf gives that date.
func noon(t time.Time) time.Time { return t.Add(11 * time.Hour) }

func TestRuleOnBirthdays(t *testing.T) {
	birth := date(2010, 3, 15)
	tests := []struct {
		day  time.Time
		want ConsentRule
	}{
		{date(2022, 3, 14), RuleParents},         // 11 years and 364 days
		{date(2022, 3, 15), RuleChildAndParents}, // 12th birthday
		{date(2026, 3, 14), RuleChildAndParents}, // 15 years and 364 days
		{date(2026, 3, 15), RuleChild},           // 16th birthday
		{date(2028, 3, 14), RuleChild},           // the day before 18
		{date(2028, 3, 15), RuleChild},           // 18th birthday
		{date(2010, 3, 15), RuleParents},         // day of birth
	}
	for _, tt := range tests {
		if got := RuleOn(birth, noon(tt.day)); got != tt.want {
			t.Errorf("RuleOn(%s) = %s, want %s", tt.day.Format("2006-01-02"), got, tt.want)
		}
	}
	// Born on 29 February: the birthday counts on 1 March in other years.
	leap := date(2012, 2, 29)
	if got := RuleOn(leap, noon(date(2024, 2, 28))); got != RuleParents {
		t.Errorf("leap child on 28 Feb 2024: %s", got)
	}
	if got := RuleOn(leap, noon(date(2024, 2, 29))); got != RuleChildAndParents {
		t.Errorf("leap child on 29 Feb 2024: %s", got)
	}
	if got := RuleOn(leap, noon(date(2028, 2, 28))); got != RuleChildAndParents {
		t.Errorf("leap child on 28 Feb 2028: %s", got)
	}
	if got := RuleOn(leap, noon(date(2028, 3, 1))); got != RuleChild {
		t.Errorf("leap child on 1 Mar 2028: %s", got)
	}
}

func rec(account int64, kind string, granted bool, scope string, at time.Time) ConsentRecord {
	return ConsentRecord{GivenBy: Person{AccountID: account}, GiverKind: kind, Granted: granted, Scope: scope, At: at}
}

func TestEvaluateConsent(t *testing.T) {
	birth := date(2014, 6, 1)
	const mother, father, child = 1, 2, 3
	at := func(y int, m time.Month, d int) time.Time { return noon(date(y, m, d)) }
	tests := []struct {
		name        string
		day         time.Time
		records     []ConsentRecord
		wantScope   string
		wantMissing []string
	}{
		{"nobody asked yet, age 8", at(2022, 6, 1), nil, "", []string{GiverParent}},
		{"one parent grants, age 8", at(2022, 6, 1),
			[]ConsentRecord{rec(mother, GiverParent, true, ScopeFile, at(2022, 5, 1))}, ScopeFile, nil},
		{"the other parent withdraws, age 8", at(2022, 6, 1),
			[]ConsentRecord{rec(mother, GiverParent, true, ScopeFile, at(2022, 5, 1)), rec(father, GiverParent, false, ScopeFile, at(2022, 5, 20))}, "", []string{GiverParent}},
		{"grant, then withdrawal by the same parent", at(2022, 6, 1),
			[]ConsentRecord{rec(mother, GiverParent, true, ScopeFile, at(2022, 5, 1)), rec(mother, GiverParent, false, ScopeFile, at(2022, 5, 2))}, "", []string{GiverParent}},
		{"withdrawal, then a new grant", at(2022, 6, 1),
			[]ConsentRecord{rec(mother, GiverParent, false, ScopeFile, at(2022, 5, 1)), rec(mother, GiverParent, true, ScopePlanNetwork, at(2022, 5, 2))}, ScopePlanNetwork, nil},
		{"parents' consent from age 8 is asked again at 12", at(2026, 6, 1),
			[]ConsentRecord{rec(mother, GiverParent, true, ScopeFile, at(2022, 5, 1))}, "", []string{GiverChild}},
		{"the day before 12 it still holds", at(2026, 5, 31),
			[]ConsentRecord{rec(mother, GiverParent, true, ScopeFile, at(2022, 5, 1))}, ScopeFile, nil},
		{"at 13 the child and a parent", at(2027, 6, 1),
			[]ConsentRecord{rec(mother, GiverParent, true, ScopeFile, at(2022, 5, 1)), rec(child, GiverChild, true, ScopePlanNetwork, at(2027, 1, 1))}, ScopePlanNetwork, nil},
		{"at 13 the child alone is not enough", at(2027, 6, 1),
			[]ConsentRecord{rec(child, GiverChild, true, ScopeFile, at(2027, 1, 1))}, "", []string{GiverParent}},
		{"at 15 the child withdraws", at(2029, 6, 1),
			[]ConsentRecord{rec(mother, GiverParent, true, ScopeFile, at(2022, 5, 1)), rec(child, GiverChild, true, ScopeFile, at(2027, 1, 1)), rec(child, GiverChild, false, ScopeFile, at(2029, 5, 1))}, "", []string{GiverChild}},
		{"at 16 the young person decides alone", at(2030, 6, 1),
			[]ConsentRecord{rec(child, GiverChild, true, ScopeFile, at(2027, 1, 1)), rec(mother, GiverParent, false, ScopeFile, at(2030, 6, 1))}, ScopeFile, nil},
		{"at 16 the parents' grant alone no longer counts", at(2030, 6, 1),
			[]ConsentRecord{rec(mother, GiverParent, true, ScopeFile, at(2029, 1, 1))}, "", []string{GiverChild}},
		{"at 18 the same as at 16", at(2032, 6, 1),
			[]ConsentRecord{rec(child, GiverChild, true, ScopeFile, at(2031, 1, 1))}, ScopeFile, nil},
		{"a record after the day does not count yet", at(2022, 6, 1),
			[]ConsentRecord{rec(mother, GiverParent, true, ScopeFile, at(2022, 7, 1))}, "", []string{GiverParent}},
	}
	for _, tt := range tests {
		got := EvaluateConsent(birth, tt.day, tt.records)
		if got.Scope != tt.wantScope || !slices.Equal(got.Missing, tt.wantMissing) {
			t.Errorf("%s: scope %q missing %v, want %q %v", tt.name, got.Scope, got.Missing, tt.wantScope, tt.wantMissing)
		}
		if got.Given() != (tt.wantScope != "") {
			t.Errorf("%s: Given() = %v", tt.name, got.Given())
		}
	}
}

// TestScopeCovers: each scope covers what it says, and an unknown or empty
// scope covers nothing; what a provider sees of the family's record
// follows it, and never holds the BSN, the summary or the living situation.
func TestScopeCovers(t *testing.T) {
	parts := []Part{PartPlan, PartNetwork, PartChild, PartTasks}
	want := map[string][]bool{
		ScopePlanNetwork: {true, true, false, false},
		ScopeFile:        {true, true, true, true},
		"":               {false, false, false, false},
		"everything":     {false, false, false, false},
	}
	for scope, w := range want {
		for i, p := range parts {
			if got := ScopeCovers(scope, p); got != w[i] {
				t.Errorf("ScopeCovers(%q, %d) = %v, want %v", scope, p, got, w[i])
			}
		}
	}
	f := Family{ID: 7, ChildName: "Lotte", BirthDate: time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC), Sex: "female",
		BSN: "111222333", Diagnosis: "SMA", ICD10: "G12.0", Secondary: []Diagnosis{{Description: "Scoliose"}},
		LivingSituation: "thuis", CultureNotes: "Turks", Summary: "samenvatting", Intensity: Intensive, Deceased: true}
	narrow := f.ForProvider(ScopePlanNetwork)
	if narrow.ChildName != "Lotte" || !narrow.Deceased || !narrow.BirthDate.IsZero() || narrow.Diagnosis != "" || narrow.ICD10 != "" ||
		narrow.Secondary != nil || narrow.Sex != "" || narrow.CultureNotes != "" {
		t.Errorf("plan and network: %+v", narrow)
	}
	wide := f.ForProvider(ScopeFile)
	if wide.BirthDate != f.BirthDate || wide.Diagnosis != "SMA" || len(wide.Secondary) != 1 || wide.CultureNotes != "Turks" {
		t.Errorf("whole file: %+v", wide)
	}
	for _, g := range []Family{narrow, wide} {
		if g.BSN != "" || g.Summary != "" || g.LivingSituation != "" || g.Intensity != "" {
			t.Errorf("a provider sees %+v", g)
		}
	}
}
