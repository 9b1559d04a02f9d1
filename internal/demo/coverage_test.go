package demo

import (
	"slices"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// checkCoverage reports what is wrong with f's coverage plan and aids as
// of today: each valid on the day it is saved, renewals in order, nothing
// recorded after today, the providers in the network and the goals in the
// care plan.
func checkCoverage(t *testing.T, where string, f Family, today time.Time) {
	t.Helper()
	now := today.UTC()
	network := map[string]bool{}
	for _, n := range f.Network {
		if !n.Ended(today) {
			network[n.Name] = true
		}
	}
	goals := map[string]bool{}
	if len(f.Plan) > 0 {
		for _, s := range f.Plan[len(f.Plan)-1].Plan.Sections {
			for _, g := range s.Goals {
				goals[g.ID] = true
			}
		}
	}
	for _, c := range f.Coverage {
		w := where + ": " + c.Description
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", w, err)
		}
		if c.By == ByThuis && !f.Thuis || c.By == ByKCT && !f.KCT || c.By == "" {
			t.Errorf("%s: recorded by %q, a case manager the family does not have", w, c.By)
		}
		if c.Provider != "" && !network[c.Provider] {
			t.Errorf("%s: provider %q is not in the network", w, c.Provider)
		}
		for _, g := range c.Goals {
			if !goals[g] {
				t.Errorf("%s: serves goal %q, which the care plan does not have", w, g)
			}
		}
		if len(c.Periods) == 0 {
			t.Errorf("%s: no period", w)
		}
		for i, p := range c.Periods {
			if err := p.Validate(today); err != nil {
				t.Errorf("%s period %d: %v", w, i+1, err)
			}
			if i > 0 && p.Start.Before(c.Periods[i-1].Start) {
				t.Errorf("%s period %d: starts before the period it renews", w, i+1)
			}
			if p.CreatedAt.IsZero() || p.CreatedAt.After(now) || i > 0 && p.CreatedAt.Before(c.Periods[i-1].CreatedAt) {
				t.Errorf("%s period %d: recorded at %v, out of order or in the future", w, i+1, p.CreatedAt)
			}
		}
	}
	for _, a := range f.Aids {
		w := where + ": " + a.Description
		if err := a.Validate(today); err != nil {
			t.Errorf("%s: %v", w, err)
		}
		if a.By == ByThuis && !f.Thuis || a.By == ByKCT && !f.KCT || a.By == "" {
			t.Errorf("%s: recorded by %q, a case manager the family does not have", w, a.By)
		}
		if a.CreatedAt.IsZero() || a.CreatedAt.After(now) {
			t.Errorf("%s: recorded at %v", w, a.CreatedAt)
		}
	}
}

// TestCoverageStories checks the hand-written coverage plans on every test
// day, and that they show what the stories tell, with the default window.
func TestCoverageStories(t *testing.T) {
	for _, today := range testDays {
		t.Run(today.Format(time.RFC3339), func(t *testing.T) {
			fams := map[string]Family{}
			for _, f := range Families(today) {
				checkCoverage(t, f.ChildName, f, today)
				fams[f.ChildName] = f
			}
			day := care.DateOf(today)
			const window = care.DefaultCoverageWindowWeeks
			state := func(child, kind string) (*care.CoverageItem, care.CoverageState) {
				t.Helper()
				f := fams[child]
				for i := range f.Coverage {
					if c := &f.Coverage[i].CoverageItem; c.Kind == kind {
						return c, c.StateOn(day, f.BirthDate, window)
					}
				}
				t.Fatalf("%s has no %s", child, kind)
				return nil, ""
			}
			aid := func(child, kind string) *care.Aid {
				t.Helper()
				for i := range fams[child].Aids {
					if a := &fams[child].Aids[i].Aid; a.Kind == kind {
						return a
					}
				}
				t.Fatalf("%s has no %s", child, kind)
				return nil
			}

			// Daan: the Wlz night care ends within the window, a renewal not applied for.
			if c, s := state("Daan Hermans", "night_care"); s != care.StateEnding || c.Current().Law != care.LawWlz ||
				c.Current().IndicatedBy != "ciz" || c.Current().Reference == "" {
				t.Errorf("Daan's night care is %s under %+v: want a Wlz indication of the CIZ ending", s, c.Current())
			}
			// Noor: hours cut at the re-indication, an objection due within the window; a goal without coverage.
			if c, s := state("Noor Kramer", "home_nursing"); s != care.StateObjection || !c.HoursCut() ||
				!c.ObjectionDueWithin(day, window) || c.Current().Form != "pgb" || c.Current().AmountCents == 0 {
				t.Errorf("Noor's nursing is %s, cut %v, periods %+v: want a pgb whose hours were cut and an objection due", s, c.HoursCut(), c.Periods)
			}
			if !slices.ContainsFunc(fams["Noor Kramer"].Plan[0].Plan.Sections, func(s care.PlanSection) bool {
				return slices.ContainsFunc(s.Goals, func(g care.PlanItem) bool { return g.ID == "i6" && g.NeedsCare })
			}) || slices.ContainsFunc(fams["Noor Kramer"].Coverage, func(c Coverage) bool { return slices.Contains(c.Goals, "i6") }) {
				t.Error("Noor's day-care goal is not a goal that needs care without coverage")
			}
			// Lotte: a personal budget for the night care, per year; the wheelchair waits.
			if c, s := state("Lotte de Boer", "night_care"); s != care.StateRunning || c.Current().Form != "pgb" || c.Current().AmountCents == 0 ||
				c.Current().HoursPerWeek == 0 {
				t.Errorf("Lotte's night care is %s under %+v: want a running pgb with hours and an amount", s, c.Current())
			}
			if a := aid("Lotte de Boer", "wheelchair"); !a.WaitingTooLong(day) {
				t.Errorf("Lotte's wheelchair %+v does not wait too long", a)
			}
			// Iris: the stair lift through the Wmo, assessed and still waiting.
			if a := aid("Iris Hoekstra", "stair_lift"); a.Via != care.LawWmo || a.Status != care.AidAssessed || !a.WaitingTooLong(day) {
				t.Errorf("Iris's stair lift %+v: want one through the Wmo, assessed, waiting more than six weeks", a)
			}
			// Daan and Femke: delivered aids with a replacement planned.
			for _, child := range []string{"Daan Hermans", "Femke Wierenga"} {
				if !slices.ContainsFunc(fams[child].Aids, func(a Aid) bool {
					return a.Status == care.AidDelivered && a.ReplaceBy.After(day)
				}) {
					t.Errorf("%s has no delivered aid with a replacement planned", child)
				}
			}
			// Thijs: youth care ends the day before he turns 18; the respite goes on under the Wlz.
			thijs := fams["Thijs Bakker"]
			last := care.Eighteenth(thijs.BirthDate).AddDate(0, 0, -1)
			if c, _ := state("Thijs Bakker", "personal_care"); !c.EndsAtEighteen(thijs.BirthDate) {
				t.Errorf("Thijs's personal care %+v does not end at 18", c.Current())
			} else if end, _ := c.Current().EffectiveEnd(thijs.BirthDate); !end.Equal(last) {
				t.Errorf("Thijs's personal care ends on %v, want %v", end, last)
			}
			if c, s := state("Thijs Bakker", "respite"); c.EndsAtEighteen(thijs.BirthDate) || c.Current().Law != care.LawWlz ||
				c.Previous() == nil || c.Previous().Law != care.LawJeugdwet || s != care.StateArranging {
				t.Errorf("Thijs's respite is %s with periods %+v: want a Jeugdwet period renewed under the Wlz from his birthday", s, c.Periods)
			}
		})
	}
}

// TestGenerateCoverage checks that generated families carry coverage that
// needs attention now and then, as a caseload of real families would.
func TestGenerateCoverage(t *testing.T) {
	today := testDays[0]
	day := care.DateOf(today)
	var items, ending, pgb, aids, waiting int
	for _, f := range collect(t, 500, 7, today) {
		for _, c := range f.Coverage {
			items++
			if c.StateOn(day, f.BirthDate, care.DefaultCoverageWindowWeeks) == care.StateEnding {
				ending++
			}
			if c.Current().Form == "pgb" {
				pgb++
			}
		}
		for _, a := range f.Aids {
			aids++
			if a.WaitingTooLong(day) {
				waiting++
			}
		}
	}
	if items < 500 || ending == 0 || pgb == 0 || aids < 100 || waiting == 0 {
		t.Errorf("500 families: %d items (%d ending, %d pgb), %d aids (%d waiting too long)", items, ending, pgb, aids, waiting)
	}
}
