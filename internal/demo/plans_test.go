package demo

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// TestPlans checks the demo care plans: every version is a valid plan of
// five dimensions saved in order, the actions point at goals the plan has,
// and between them the plans show both a chosen place of death and a
// family that does not want to discuss it now.
func TestPlans(t *testing.T) {
	for _, today := range testDays {
		t.Run(today.Format(time.RFC3339), func(t *testing.T) {
			places := map[string]bool{}
			withPlan := 0
			for _, f := range Families(today) {
				if len(f.Plan) == 0 {
					if len(f.Proposals) > 0 {
						t.Errorf("%s: proposals without a plan", f.ChildName)
					}
					continue
				}
				withPlan++
				checkPlan(t, f.ChildName, f, today)
				last := f.Plan[len(f.Plan)-1].Plan
				places[last.ACP.PlaceOfDeath.Place] = true
				for _, tk := range f.Tasks {
					if tk.PlanDimension == "" {
						continue
					}
					s := last.Section(tk.PlanDimension)
					found := tk.PlanGoal == ""
					for _, g := range s.Goals {
						found = found || g.ID == tk.PlanGoal
					}
					if !found {
						t.Errorf("%s: task %q serves goal %q, which the plan does not have", f.ChildName, tk.Title, tk.PlanGoal)
					}
				}
				for _, pr := range f.Proposals {
					if err := (&care.Proposal{Section: pr.Section, Body: pr.Body}).Validate(); err != nil {
						t.Errorf("%s: proposal: %v", f.ChildName, err)
					}
					if pr.At.After(today) {
						t.Errorf("%s: proposal in the future", f.ChildName)
					}
				}
			}
			if withPlan < 3 {
				t.Errorf("%d demo families have a plan, want at least 3", withPlan)
			}
			for _, want := range []string{"home", "not_now"} {
				if !places[want] {
					t.Errorf("no demo plan has the preferred place of death %q", want)
				}
			}
		})
	}
}

// checkPlan reports what is wrong with the versions of f's care plan.
func checkPlan(t *testing.T, where string, f Family, today time.Time) {
	t.Helper()
	for i, v := range f.Plan {
		p := v.Plan
		// Valid on the day it was saved: nothing in it dated after the save.
		if err := p.Validate(care.DateOf(v.At), f.BirthDate); err != nil {
			t.Errorf("%s version %d: %v", where, i+1, err)
		}
		if v.By == ByThuis && !f.Thuis || v.By == ByKCT && !f.KCT {
			t.Errorf("%s version %d: made by a case manager the family does not have", where, i+1)
		}
		if v.At.After(today) || (i > 0 && !v.At.After(f.Plan[i-1].At)) {
			t.Errorf("%s version %d: saved at %v, out of order or in the future", where, i+1, v.At)
		}
		if i > 0 && len(care.PlanChanges(&f.Plan[i-1].Plan, &p)) == 0 {
			t.Errorf("%s version %d: changes nothing", where, i+1)
		}
		ids := map[string]bool{}
		for _, s := range p.Sections {
			for _, list := range [][]care.PlanItem{s.Problems, s.Goals, s.Agreements} {
				for _, it := range list {
					if n, err := strconv.Atoi(strings.TrimPrefix(it.ID, "i")); err != nil || !strings.HasPrefix(it.ID, "i") || n > p.NextItem {
						t.Errorf("%s version %d: item ID %q is not one the plan could have handed out (i1 to i%d)", where, i+1, it.ID, p.NextItem)
					}
					if it.ID == "" || ids[it.ID] {
						t.Errorf("%s version %d: item %q has an empty or repeated ID", where, i+1, it.Text)
					}
					ids[it.ID] = true
				}
			}
		}
	}
}
