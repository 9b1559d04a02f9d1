package care_test

import (
	"slices"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// healthyFile is a file no rule speaks of on 2026-06-15: every rule's
// case below breaks one thing in it.
func healthyFile() *care.SignalFile {
	return &care.SignalFile{
		Family: care.Family{ID: 7, ChildName: "Noor de Vries", BirthDate: date(2019, 3, 1), Intensity: care.Regular,
			NextContact: date(2026, 6, 20), CreatedAt: date(2026, 1, 5)},
		Episode:      &care.Episode{Status: "accepted", SurpriseQuestion: "yes", StatusDate: date(2026, 1, 5)},
		Plan:         &care.SignalPlan{ReviewDue: date(2026, 7, 1), DiscussedOn: date(2026, 3, 1), CreatedOn: date(2026, 1, 20), PlaceOfDeath: "home"},
		LastContact:  date(2026, 6, 1),
		Network:      []care.NetworkMember{{ID: 1, Role: "gp", Name: "Dr. Smit"}, {ID: 2, Role: "homecare", AlwaysReachable: true}},
		CaseManagers: care.CaseManagers{KCT: care.Person{AccountID: 3}, Thuis: care.Person{AccountID: 4}},
	}
}

func codes(ss []care.Signal) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Code)
	}
	return out
}

func find(ss []care.Signal, code string) *care.Signal {
	for i := range ss {
		if ss[i].Code == code {
			return &ss[i]
		}
	}
	return nil
}

func TestHealthyFileIsQuiet(t *testing.T) {
	if got := care.EvaluateSignals(healthyFile(), date(2026, 6, 15), care.DefaultSignalSettings()); len(got) != 0 {
		t.Fatalf("signals on a healthy file: %v", codes(got))
	}
}

// TestSignalRulesAtTheirBoundaries: each rule is silent the day before
// it becomes due, speaks on that day with that due date, and goes quiet
// when its cause is fixed.
func TestSignalRulesAtTheirBoundaries(t *testing.T) {
	task := func(id int64, due time.Time, kind string) care.Task {
		return care.Task{ID: id, Title: "bellen", Status: "open", DueDate: due, OwnerKind: kind, NetworkMemberID: 1, OwnerName: "Dr. Smit"}
	}
	granted := func(end time.Time) care.CoverageItem {
		return care.CoverageItem{ID: 11, Kind: "home_nursing", Applicant: "casemanager",
			Periods: []care.CoveragePeriod{{ID: 21, Law: care.LawZvw, Status: care.CoverageGranted, Start: date(2026, 1, 1), End: end}}}
	}
	renew := func(f *care.SignalFile) {
		c := &f.Coverage[0]
		c.Periods = append(c.Periods, care.CoveragePeriod{ID: 22, Law: care.LawZvw, Status: care.CoverageGranted,
			Start: c.Current().End.AddDate(0, 0, 1), End: date(2027, 12, 31)})
	}
	cases := []struct {
		code  string
		setup func(f *care.SignalFile)
		due   time.Time // the first day it speaks
		fix   func(f *care.SignalFile)
	}{
		{care.CodePlanReviewOverdue, func(f *care.SignalFile) { f.Plan.ReviewDue = date(2026, 5, 31) }, date(2026, 6, 1),
			func(f *care.SignalFile) { f.Plan.ReviewDue = date(2026, 12, 1) }},
		{care.CodeNoCarePlan, func(f *care.SignalFile) { f.Plan = nil }, date(2026, 2, 2),
			func(f *care.SignalFile) {
				f.Plan = &care.SignalPlan{ReviewDue: date(2026, 9, 1), CreatedOn: date(2026, 2, 3), PlaceOfDeath: "home"}
			}},
		{care.CodePlanNotDiscussed, func(f *care.SignalFile) { f.Plan.DiscussedOn = date(2025, 12, 10) }, date(2026, 6, 10),
			func(f *care.SignalFile) { f.Plan.DiscussedOn = date(2026, 6, 10) }},
		{care.CodePlanNotDiscussed, func(f *care.SignalFile) { f.Plan.DiscussedOn = time.Time{}; f.Plan.CreatedOn = date(2025, 12, 3) }, date(2026, 6, 3),
			func(f *care.SignalFile) { f.Plan.DiscussedOn = date(2026, 6, 3) }},
		{care.CodeNextContactPassed, func(f *care.SignalFile) { f.Family.NextContact = date(2026, 6, 9) }, date(2026, 6, 10),
			func(f *care.SignalFile) { f.Family.NextContact = date(2026, 7, 1) }},
		// Without a planned contact: the intensity's interval after the last.
		{care.CodeNextContactPassed, func(f *care.SignalFile) {
			f.Family.NextContact, f.Family.Intensity, f.LastContact = time.Time{}, care.Intensive, date(2026, 6, 1)
		}, date(2026, 6, 9), func(f *care.SignalFile) { f.LastContact = date(2026, 6, 9) }},
		{care.CodeNextContactPassed, func(f *care.SignalFile) {
			f.Family.NextContact, f.Family.Intensity, f.LastContact = time.Time{}, care.Waakvlam, date(2026, 3, 1)
		}, date(2026, 6, 1), func(f *care.SignalFile) { f.Family.NextContact = date(2026, 6, 30) }},
		{care.CodeTasksOverdue, func(f *care.SignalFile) {
			f.Tasks = []care.Task{task(1, date(2026, 6, 2), care.OwnerNetwork), task(2, date(2026, 6, 5), care.OwnerNetwork)}
		}, date(2026, 6, 3), func(f *care.SignalFile) { f.Tasks = nil }},
		{care.CodeCoverageEnding, func(f *care.SignalFile) { f.Coverage = []care.CoverageItem{granted(date(2026, 8, 10))} },
			date(2026, 6, 15), renew},
		{care.CodeCoverageLapsed, func(f *care.SignalFile) { f.Coverage = []care.CoverageItem{granted(date(2026, 5, 31))} },
			date(2026, 6, 1), renew},
		{care.CodeObjectionDue, func(f *care.SignalFile) {
			f.Coverage = []care.CoverageItem{{ID: 12, Kind: "respite", Periods: []care.CoveragePeriod{{ID: 5, Status: care.CoverageObjection,
				ObjectionFiledOn: date(2026, 5, 1), ObjectionDue: date(2026, 8, 1)}}}}
		}, date(2026, 6, 6), func(f *care.SignalFile) { f.Coverage[0].Periods[0].Status = care.CoverageGranted }},
		{care.CodeAidWaiting, func(f *care.SignalFile) {
			f.Aids = []care.Aid{{ID: 4, Kind: "wheelchair", Status: care.AidRequested, Requested: date(2026, 4, 20)}}
		}, date(2026, 6, 2), func(f *care.SignalFile) { f.Aids[0].Status, f.Aids[0].Delivered = care.AidDelivered, date(2026, 6, 2) }},
		{care.CodeNoGP, func(f *care.SignalFile) { f.Network = f.Network[1:] }, date(2026, 1, 5),
			func(f *care.SignalFile) { f.Network = append(f.Network, care.NetworkMember{Role: "gp"}) }},
		{care.CodeOneCaseManager, func(f *care.SignalFile) { f.CaseManagers.Thuis = care.Person{} }, date(2026, 1, 5),
			func(f *care.SignalFile) { f.CaseManagers.Thuis = care.Person{AccountID: 9} }},
		{care.CodeNoAlwaysReachable, func(f *care.SignalFile) { f.Network[1].AlwaysReachable = false }, date(2026, 1, 5),
			func(f *care.SignalFile) { f.Network[0].AlwaysReachable = true }},
		{care.CodeProviderNoConsent, func(f *care.SignalFile) {
			f.Providers = []care.ProviderLink{{NetworkMemberID: 1, Name: "Dr. Smit"}}
		}, date(2026, 1, 5), func(f *care.SignalFile) {
			f.Providers[0].Records = []care.ConsentRecord{{GivenBy: care.Person{AccountID: 8}, GiverKind: care.GiverParent, Granted: true,
				Scope: "file", At: date(2026, 1, 5).Add(9 * time.Hour)}}
		}},
		{care.CodeConsentAgeNear, func(f *care.SignalFile) { f.Family.BirthDate = date(2014, 7, 15) }, date(2026, 6, 15),
			func(f *care.SignalFile) { f.Family.BirthDate = date(2014, 9, 1) }},
		{care.CodeTransitionNear, func(f *care.SignalFile) { f.Family.BirthDate = date(2008, 12, 15) }, date(2025, 12, 15),
			func(f *care.SignalFile) { f.TransitionAccepted = true }},
		{care.CodeAdmittedNoTransfer, func(f *care.SignalFile) {
			f.Stay = &care.Stay{ID: 3, Kind: care.StayAcademicHospital, Place: "WKZ", Start: date(2026, 6, 4)}
		}, date(2026, 6, 4), func(f *care.SignalFile) {
			f.Transfers = []care.Transfer{{ID: 1, Status: care.TransferPlanned, PlannedOn: date(2026, 6, 20)}}
		}},
		{care.CodeMeetingNoMinutes, func(f *care.SignalFile) {
			f.UnreportedMeetings = []care.Meeting{{ID: 5, Start: date(2026, 6, 1).Add(13 * time.Hour)}}
		}, date(2026, 6, 8), func(f *care.SignalFile) { f.UnreportedMeetings[0].Report = "Besproken: pijn." }},
		{care.CodePlaceOfDeath, func(f *care.SignalFile) {
			f.Episode.SurpriseQuestion, f.Episode.StatusDate, f.Plan.PlaceOfDeath = "no", date(2026, 2, 1), "not_discussed"
		}, date(2026, 2, 1), func(f *care.SignalFile) { f.Plan.PlaceOfDeath = "not_now" }},
		{care.CodeAftercareDue, func(f *care.SignalFile) {
			f.Family.Deceased = true
			f.Aftercare = []care.AftercareFollowUp{{ID: 2, Due: date(2026, 6, 10)}}
		}, date(2026, 6, 10), func(f *care.SignalFile) { f.Aftercare = nil }},
		{care.CodePossibleDuplicate, func(f *care.SignalFile) {
			f.Duplicates = []care.CaseloadItem{{FamilyID: 8, ChildName: "Noor Jansen"}}
		}, date(2026, 1, 5), func(f *care.SignalFile) { f.Duplicates[0].ChildName = "Daan Jansen" }},
	}
	set := care.DefaultSignalSettings()
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			f := healthyFile()
			c.setup(f)
			if before := care.EvaluateSignals(f, c.due.AddDate(0, 0, -1), set); find(before, c.code) != nil {
				t.Errorf("speaks the day before %s: %v", c.due.Format(time.DateOnly), codes(before))
			}
			on := care.EvaluateSignals(f, c.due, set)
			s := find(on, c.code)
			if s == nil {
				t.Fatalf("silent on %s: %v", c.due.Format(time.DateOnly), codes(on))
			}
			if !s.Due.Equal(c.due) || s.FamilyID != 7 || s.Link == "" || s.ID == "" || s.Cause == "" {
				t.Errorf("signal %+v, want due %s", s, c.due.Format(time.DateOnly))
			}
			if _, code, _, ok := care.ParseSignalID(s.ID); !ok || code != c.code {
				t.Errorf("id %q does not parse back", s.ID)
			}
			c.fix(f)
			if after := care.EvaluateSignals(f, c.due, set); find(after, c.code) != nil {
				t.Errorf("still speaks once fixed: %v", codes(after))
			}
		})
	}
	// Every rule has a case here.
	for _, code := range care.SignalCodes() {
		if code == care.CodeIntervisie {
			continue
		}
		if !slices.ContainsFunc(cases, func(c struct {
			code  string
			setup func(f *care.SignalFile)
			due   time.Time
			fix   func(f *care.SignalFile)
		}) bool {
			return c.code == code
		}) {
			t.Errorf("rule %s has no boundary case", code)
		}
	}
}

func TestDeceasedChildSpeaksOnlyOfAftercare(t *testing.T) {
	f := healthyFile()
	f.Family.Deceased = true
	f.Network, f.Plan = nil, nil
	f.Tasks = []care.Task{{ID: 1, Status: "open", DueDate: date(2026, 1, 1), OwnerKind: care.OwnerCaseManager}}
	f.Aftercare = []care.AftercareFollowUp{{ID: 1, Due: date(2026, 6, 1)}}
	got := care.EvaluateSignals(f, date(2026, 6, 15), care.DefaultSignalSettings())
	if len(got) != 1 || got[0].Code != care.CodeAftercareDue {
		t.Fatalf("deceased child's signals: %v", codes(got))
	}
}

func TestTasksOverdueGroupsPerOwner(t *testing.T) {
	f := healthyFile()
	f.Tasks = []care.Task{
		{ID: 1, Status: "open", DueDate: date(2026, 5, 20), OwnerKind: care.OwnerNetwork, NetworkMemberID: 1},
		{ID: 2, Status: "open", DueDate: date(2026, 6, 10), OwnerKind: care.OwnerNetwork, NetworkMemberID: 1},
		{ID: 3, Status: "open", DueDate: date(2026, 6, 10), OwnerKind: care.OwnerFamily},
		{ID: 4, Status: "done", DueDate: date(2026, 6, 1), OwnerKind: care.OwnerFamily},
	}
	got := care.EvaluateSignals(f, date(2026, 6, 15), care.DefaultSignalSettings())
	if len(got) != 2 {
		t.Fatalf("signals %v, want one per owner", codes(got))
	}
	// The provider's task is 26 days late: urgent, and first.
	if got[0].Subject != "nm-1" || got[0].Count != 2 || got[0].Severity != care.SeverityUrgent || got[0].Provider != 1 || got[0].Family {
		t.Errorf("provider's signal %+v", got[0])
	}
	if got[1].Subject != "family" || got[1].Count != 1 || !got[1].Family {
		t.Errorf("family's signal %+v", got[1])
	}
	// Another task late for the same owner changes the cause.
	before := got[0].Cause
	f.Tasks = append(f.Tasks, care.Task{ID: 5, Status: "open", DueDate: date(2026, 6, 12), OwnerKind: care.OwnerNetwork, NetworkMemberID: 1})
	if again := care.EvaluateSignals(f, date(2026, 6, 15), care.DefaultSignalSettings()); again[0].Cause == before {
		t.Error("a new overdue task keeps the cause")
	}
}

func TestContactDaysPerOrganisation(t *testing.T) {
	f := healthyFile()
	f.Family.NextContact, f.LastContact = time.Time{}, date(2026, 6, 1)
	set := care.DefaultSignalSettings()
	set.ContactDays[care.Regular] = 10
	if s := find(care.EvaluateSignals(f, date(2026, 6, 12), set), care.CodeNextContactPassed); s == nil || !s.Due.Equal(date(2026, 6, 12)) {
		t.Errorf("not due the day after the 10 days: %+v", s)
	}
	if s := find(care.EvaluateSignals(f, date(2026, 6, 11), set), care.CodeNextContactPassed); s != nil {
		t.Errorf("due before the organisation's interval: %+v", s)
	}
	if err := care.ValidateContactDays(map[care.Intensity]int{care.Intensive: 0, care.Regular: 28, care.Waakvlam: 400}); err == nil {
		t.Error("0 and 400 days accepted")
	}
}

func TestPracticeSignals(t *testing.T) {
	day := date(2026, 6, 15)
	cases := []struct {
		p    care.Practice
		want bool
	}{
		{care.Practice{}, false}, // not registered: silent, not "zero"
		{care.Practice{IntervisieKnown: true, IntervisieLastYear: 5}, true},
		{care.Practice{IntervisieKnown: true, IntervisieLastYear: 6}, false},
	}
	for _, c := range cases {
		if got := care.PracticeSignals(c.p, day); (len(got) == 1) != c.want {
			t.Errorf("%+v: %v, want %v", c.p, got, c.want)
		}
	}
}

func TestSignalAckHolds(t *testing.T) {
	f := healthyFile()
	f.Family.NextContact = date(2026, 6, 1)
	day := date(2026, 6, 15)
	s := find(care.EvaluateSignals(f, day, care.DefaultSignalSettings()), care.CodeNextContactPassed)
	snooze := &care.SignalAck{SignalID: s.ID, Kind: care.AckSnooze, Cause: s.Cause, Until: date(2026, 6, 20)}
	if !snooze.Holds(s, day) || !snooze.Holds(s, date(2026, 6, 19)) || snooze.Holds(s, date(2026, 6, 20)) {
		t.Error("a snooze holds until its day")
	}
	dismiss := &care.SignalAck{SignalID: s.ID, Kind: care.AckDismiss, Cause: s.Cause, Reason: "gezin op vakantie"}
	if !dismiss.Holds(s, date(2027, 1, 1)) {
		t.Error("a dismissal holds while the cause is the same")
	}
	// A new planned contact that passes again is a new cause.
	f.Family.NextContact = date(2026, 6, 10)
	s2 := find(care.EvaluateSignals(f, day, care.DefaultSignalSettings()), care.CodeNextContactPassed)
	if s2.ID != s.ID || dismiss.Holds(s2, day) {
		t.Errorf("a dismissal holds over a changed cause (%s, %s)", s.Cause, s2.Cause)
	}
	for _, bad := range []care.SignalAck{
		{Kind: care.AckSnooze, Until: day},
		{Kind: care.AckSnooze, Until: day.AddDate(1, 0, 0)},
		{Kind: care.AckDismiss},
		{Kind: "forget"},
	} {
		if bad.Validate(day) == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func FuzzParseSignalID(f *testing.F) {
	for _, s := range []string{"7.tasks_overdue.nm-1", "7.no_gp.", "0.no_gp.", "x.y.z", "7.no_gp.A", "07.no_gp."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		fid, code, subject, ok := care.ParseSignalID(id)
		if !ok {
			return
		}
		if care.SignalID(fid, code, subject) != id {
			t.Errorf("%q parses to %d %q %q, which builds another id", id, fid, code, subject)
		}
	})
}

func TestCaseloadFilters(t *testing.T) {
	day := date(2026, 6, 15)
	items := []care.CaseloadItem{
		{FamilyID: 1, ChildName: "Anna", Overdue: 2},
		{FamilyID: 2, ChildName: "Bram", PlanReviewDue: date(2026, 6, 14), Coverage: care.CoverageSummary{Ending: 1}},
		{FamilyID: 3, ChildName: "Cas", PlanReviewDue: date(2026, 6, 15), Coverage: care.CoverageSummary{AidsWaiting: 1}},
		{FamilyID: 4, ChildName: "Dirk", Stay: &care.Stay{Kind: care.StayAcademicHospital}},
	}
	ids := func(its []care.CaseloadItem) []int64 {
		var out []int64
		for _, it := range its {
			out = append(out, it.FamilyID)
		}
		return out
	}
	for filter, want := range map[string][]int64{
		"": {1, 2, 3, 4}, care.FilterOverdueTasks: {1}, care.FilterReviewDue: {2}, care.FilterCoverageEnding: {2}, care.FilterAdmitted: {4},
	} {
		if got := ids(care.FilterCaseload(items, filter, day)); !slices.Equal(got, want) {
			t.Errorf("filter %q: %v, want %v", filter, got, want)
		}
	}
	if n := care.CountCaseload(items, day); n[care.FilterReviewDue] != 1 || n[care.FilterAdmitted] != 1 {
		t.Errorf("counts %v", n)
	}
	care.SortByAttention(items, day)
	if got := ids(items); !slices.Equal(got, []int64{2, 1, 4, 3}) {
		t.Errorf("by attention: %v", got)
	}
}
