package main

import (
	"context"
	"slices"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// checkDemoCoverage checks the coverage plans demo mode made, through the
// care service as the case managers and the family read them: what the
// README says the demo shows.
func checkDemoCoverage(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	kct, thuis := demoActor(t, s, kctEmail), demoActor(t, s, thuisEmail)
	ids := map[string]int64{}
	for _, a := range []care.Actor{kct, thuis} {
		items, err := svc.Caseload(ctx, a, "", "")
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			ids[it.ChildName] = it.FamilyID
		}
	}
	file := func(a care.Actor, child string) *care.CoverageFile {
		t.Helper()
		cf, err := svc.Coverage(ctx, a, care.ViewCaseFile, ids[child])
		if err != nil {
			t.Fatalf("the coverage plan of %s: %v", child, err)
		}
		return cf
	}
	item := func(cf *care.CoverageFile, kind string) *care.CoverageItem {
		t.Helper()
		for i := range cf.Items {
			if cf.Items[i].Kind == kind {
				return &cf.Items[i]
			}
		}
		t.Fatalf("%s has no %s in the coverage plan", cf.Family.ChildName, kind)
		return nil
	}
	aid := func(cf *care.CoverageFile, kind string) *care.Aid {
		t.Helper()
		for i := range cf.Aids {
			if cf.Aids[i].Kind == kind {
				return &cf.Aids[i]
			}
		}
		t.Fatalf("%s has no %s among the aids", cf.Family.ChildName, kind)
		return nil
	}

	// Daan: the Wlz indication for the night care ends within the window;
	// it serves a goal of the plan, so that goal is no gap.
	daan := file(kct, "Daan Hermans")
	night := item(daan, "night_care")
	if st, p := daan.StateOf(night), night.Current(); st != care.StateEnding || p.Law != care.LawWlz || p.IndicatedBy != "ciz" ||
		p.Reference == "" || len(night.Periods) != 2 || night.NetworkMemberID == 0 || night.ProviderName == "" {
		t.Errorf("Daan's night care is %s, %+v: want the second Wlz indication of the CIZ, ending, from the network", st, night)
	}
	if daan.Summary.Ending != 1 || len(daan.Gaps) != 0 || daan.GoalText("i9") == "" {
		t.Errorf("Daan's coverage: summary %+v, gaps %+v: want one ending, no gaps", daan.Summary, daan.Gaps)
	}
	if a := aid(daan, "wheelchair"); a.Status != care.AidDelivered || !a.ReplaceBy.After(daan.Today) {
		t.Errorf("Daan's wheelchair %+v: want delivered, with a replacement planned", a)
	}

	// Noor: the re-indication cut the hours of her pgb; the objection runs
	// and its decision is due within the window. The day-care goal is a gap.
	noor := file(kct, "Noor Kramer")
	nursing := item(noor, "home_nursing")
	if p := nursing.Current(); noor.StateOf(nursing) != care.StateObjection || !nursing.HoursCut() || p.Form != "pgb" ||
		p.AmountCents == 0 || p.ObjectionFiledOn.IsZero() || !nursing.ObjectionDueWithin(noor.Today, noor.WindowWeeks) {
		t.Errorf("Noor's nursing %+v: want hours cut and an objection due within the window", nursing.Periods)
	}
	if noor.Summary.ObjectionsDue != 1 || len(noor.Gaps) != 1 || noor.Gaps[0].ID != "i6" {
		t.Errorf("Noor's coverage: summary %+v, gaps %+v: want one objection due and the day-care goal as a gap", noor.Summary, noor.Gaps)
	}

	// Lotte: a pgb for the night care, and a wheelchair waiting too long.
	lotte := file(kct, "Lotte de Boer")
	if p := item(lotte, "night_care").Current(); p.Form != "pgb" || p.Law != care.LawWlz || p.AmountCents == 0 || p.HoursPerWeek == 0 {
		t.Errorf("Lotte's night care %+v: want a Wlz pgb with hours and an amount per year", p)
	}
	if lotte.Summary.AidsWaiting != 1 || !aid(lotte, "wheelchair").WaitingTooLong(lotte.Today) {
		t.Errorf("Lotte's aids: summary %+v: want the wheelchair waiting too long", lotte.Summary)
	}

	// Iris (the thuis case manager's): the stair lift through the Wmo waits
	// more than six weeks.
	iris := file(thuis, "Iris Hoekstra")
	if a := aid(iris, "stair_lift"); a.Via != care.LawWmo || a.Status != care.AidAssessed || a.WaitingDays(iris.Today) <= care.AidWaitingDays {
		t.Errorf("Iris's stair lift %+v waits %d days: want assessed through the Wmo, more than six weeks", a, a.WaitingDays(iris.Today))
	}

	// Thijs: the turning-18 checklist shows, with the Jeugdwet items that
	// end the day before his birthday; the respite is renewed under the Wlz.
	thijs := file(kct, "Thijs Bakker")
	if thijs.Transition == nil {
		t.Fatal("Thijs's coverage plan shows no turning-18 checklist")
	}
	last := care.Eighteenth(thijs.Family.BirthDate).AddDate(0, 0, -1)
	var jeugdwet []string
	for _, c := range thijs.Transition.JeugdwetItems {
		jeugdwet = append(jeugdwet, c.Kind)
		if end := thijs.EndOf(&c); !end.Equal(last) || c.Current().Law != care.LawJeugdwet {
			t.Errorf("Thijs's %s ends %v under %s, want %v under the Jeugdwet", c.Kind, end, c.Current().Law, last)
		}
	}
	if !slices.Equal(jeugdwet, []string{"personal_care"}) {
		t.Errorf("Thijs's items ending at 18: %v, want his personal care", jeugdwet)
	}
	respite := item(thijs, "respite")
	if p := respite.Current(); thijs.AtEighteen(respite) || p.Law != care.LawWlz || p.Status != care.CoverageGranted ||
		!p.Start.Equal(care.Eighteenth(thijs.Family.BirthDate)) || respite.Previous().Law != care.LawJeugdwet {
		t.Errorf("Thijs's respite %+v: want a Jeugdwet period renewed under the Wlz from his 18th birthday", respite.Periods)
	}

	// The caseload counts what needs attention.
	items, err := svc.Caseload(ctx, kct, "", "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]care.CoverageSummary{}
	for _, it := range items {
		got[it.ChildName] = it.Coverage
	}
	for child, want := range map[string]care.CoverageSummary{
		"Daan Hermans":  {Ending: 1},
		"Noor Kramer":   {ObjectionsDue: 1},
		"Lotte de Boer": {AidsWaiting: 1},
		"Thijs Bakker":  {},
	} {
		if got[child] != want {
			t.Errorf("the caseload counts for %s %+v, want %+v", child, got[child], want)
		}
	}

	// The mother reads her own family's coverage plan, without the case
	// managers' forms.
	own, err := svc.Coverage(ctx, demoActor(t, s, parentEmail), care.ViewFamily, ids["Daan Hermans"])
	if err != nil {
		t.Fatalf("the mother reads the coverage plan: %v", err)
	}
	if len(own.Items) != len(daan.Items) || len(own.Aids) != len(daan.Aids) || own.Network != nil {
		t.Errorf("the mother sees %d items, %d aids: want %d and %d, and no forms", len(own.Items), len(own.Aids), len(daan.Items), len(daan.Aids))
	}
}
