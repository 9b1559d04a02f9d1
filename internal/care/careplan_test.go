package care_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// planWorld is the view world with a care plan started by the case
// manager from the default template, and the GP with the mother's consent.
func planWorld(t *testing.T, db storetest.DB) *viewWorld {
	t.Helper()
	w := newViewWorld(t, db, date(2015, 3, 1))
	if _, err := w.svc.StartCarePlan(context.Background(), w.cm, w.fam, 0); err != nil {
		t.Fatal(err)
	}
	w.consent(t, w.mother, w.gpNet, true, care.ScopePlanNetwork)
	return w
}

func currentPlan(t *testing.T, w *viewWorld) *care.CarePlan {
	t.Helper()
	p, err := w.s.CarePlan(context.Background(), w.fam)
	if err != nil || p == nil {
		t.Fatalf("current plan: %v, %v", p, err)
	}
	return p
}

// copyPlan returns a copy of p whose slices may be changed freely.
func copyPlan(p *care.CarePlan) *care.CarePlan {
	c := *p
	c.Sections = make([]care.PlanSection, len(p.Sections))
	for i, s := range p.Sections {
		s.Problems = append([]care.PlanItem(nil), s.Problems...)
		s.Goals = append([]care.PlanItem(nil), s.Goals...)
		s.Agreements = append([]care.PlanItem(nil), s.Agreements...)
		c.Sections[i] = s
	}
	c.ACP.Conversations = append([]care.Conversation(nil), p.ACP.Conversations...)
	c.ACP.Scenarios = append([]care.Scenario(nil), p.ACP.Scenarios...)
	c.ACP.Directives = append([]care.Directive(nil), p.ACP.Directives...)
	return &c
}

func TestStartCarePlan(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newViewWorld(t, db, date(2015, 3, 1))
			var p *care.CarePlan
			w.audited(t, w.record(w.cm, w.fam, "careplan", w.fam, care.ActionCreate, care.OutcomeSuccess), func() (err error) {
				p, err = w.svc.StartCarePlan(ctx, w.cm, w.fam, 0)
				return err
			})
			if p.Version != 1 || len(p.Sections) != 5 || len(p.ACP.Scenarios) != 5 || len(p.ACP.Directives) != 4 ||
				p.ACP.PlaceOfDeath.Place != "not_discussed" || p.ReviewMonths != 3 || !p.ReviewDue.Equal(date(2026, 9, 15)) ||
				!cmp.Equal(p.Changes, []string{"created"}) {
				t.Errorf("plan from the default template: %+v", p)
			}
			for _, d := range p.ACP.Directives {
				if d.Decision != "not_discussed" {
					t.Errorf("directive %s: %s, want not discussed", d.Kind, d.Decision)
				}
			}
			_, err := w.svc.StartCarePlan(ctx, w.cm, w.fam, 0)
			wantCode(t, "a second plan", err, care.Conflict, "careplan.exists")
			_, err = w.svc.StartCarePlan(ctx, w.cm, w.other, 0)
			wantCode(t, "a plan for another case manager's family", err, care.NotFound, missing)

			// From the organisation's own template.
			tmpl := &care.PlanTemplate{Name: "Neuromusculair", ReviewMonths: 2, Scenarios: []string{"adulthood"},
				Sections: []care.PlanSection{{Dimension: care.DimPhysical, Goals: []care.PlanItem{{For: "child", Text: "Ademhaling ondersteunen"}}}}}
			if err := w.svc.SavePlanTemplate(ctx, w.cm2, tmpl); err != nil {
				t.Fatal(err)
			}
			op, err := w.svc.StartCarePlan(ctx, w.cm2, w.other, tmpl.ID)
			if err != nil {
				t.Fatal(err)
			}
			g := op.Section(care.DimPhysical).Goals
			if op.Template != "Neuromusculair" || op.ReviewMonths != 2 || len(g) != 1 || g[0].Text != "Ademhaling ondersteunen" || g[0].ID == "" ||
				len(op.ACP.Scenarios) != 1 || op.ACP.Scenarios[0].Topic != "adulthood" {
				t.Errorf("plan from the organisation's template: %+v", op)
			}
			if _, err := w.svc.PlanTemplates(ctx, w.mother); care.ErrorCode(err) != care.NotFound {
				t.Errorf("a parent lists templates: %v, want NotFound", err)
			}
			bad := &care.PlanTemplate{Name: "", ReviewMonths: 13}
			if err := w.svc.SavePlanTemplate(ctx, w.cm, bad); !hasField(err, "name") || !hasField(err, "review_months") {
				t.Errorf("a template without name and with 13 months: %v", err)
			}
		})
	}
}

func TestCarePlanViewers(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			w := planWorld(t, db)
			if err := w.svc.ProposePlanChange(ctx, w.mother, w.fam, &care.Proposal{Section: "wishes", Body: "Thuis blijven"}); err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name      string
				actor     care.Actor
				viewer    string
				consent   bool
				proposals int
			}{
				{"case manager", w.cm, care.ViewerCaseManager, false, 1},
				{"mother", w.mother, care.ViewerFamily, false, 1},
				{"father without custody", w.father, care.ViewerFamily, false, 1},
				{"GP with consent", w.gp, care.ViewerProvider, true, 0},
			} {
				want := w.record(c.actor, w.fam, "careplan", w.fam, care.ActionRead, care.OutcomeSuccess)
				if c.consent {
					want = withConsent(want)
				}
				var pf *care.PlanFile
				w.audited(t, want, func() (err error) {
					pf, err = w.svc.CarePlan(ctx, c.actor, w.fam, care.ViewCarePlan)
					return err
				})
				if pf == nil || pf.Plan == nil || pf.Viewer != c.viewer || len(pf.Proposals) != c.proposals {
					t.Errorf("%s: %+v", c.name, pf)
					continue
				}
				if (pf.Family.BSN != "") != (c.viewer == care.ViewerCaseManager) {
					t.Errorf("%s sees BSN %q", c.name, pf.Family.BSN)
				}
			}
			for _, c := range []struct {
				name  string
				actor care.Actor
			}{{"physiotherapist without consent", w.physio}, {"provider of no family", w.stranger},
				{"parent of another family", w.otherParent}, {"other case manager", w.cm2}} {
				err := w.audited(t, w.record(c.actor, w.fam, "careplan", 0, care.ActionRead, care.OutcomeDenied), func() error {
					_, err := w.svc.CarePlan(ctx, c.actor, w.fam, care.ViewCarePlan)
					return err
				})
				wantCode(t, c.name, err, care.NotFound, missing)
			}
			// Withdrawal counts on the next request.
			w.consent(t, w.mother, w.gpNet, false, care.ScopePlanNetwork)
			if _, err := w.svc.CarePlan(ctx, w.gp, w.fam, care.ViewCarePlan); care.ErrorCode(err) != care.NotFound {
				t.Errorf("the GP after withdrawal: %v, want NotFound", err)
			}
			// Opening the print view and the emergency summary is viewing
			// them; printing is recorded when the user prints.
			w.audited(t, w.record(w.mother, w.fam, "careplan", w.fam, care.ActionRead, care.OutcomeSuccess), func() error {
				_, err := w.svc.PrintCarePlan(ctx, w.mother, w.fam, care.ViewFamily)
				return err
			})
			w.audited(t, w.record(w.cm, w.fam, "emergency_summary", w.fam, care.ActionRead, care.OutcomeSuccess), func() error {
				_, err := w.svc.EmergencySummary(ctx, w.cm, w.fam, care.ViewCaseFile)
				return err
			})
			w.audited(t, w.record(w.mother, w.fam, "careplan", w.fam, care.ActionPrint, care.OutcomeSuccess), func() error {
				return w.svc.RecordPrint(ctx, w.mother, w.fam, care.ViewFamily, "careplan")
			})
			w.audited(t, w.record(w.cm, w.fam, "emergency_summary", w.fam, care.ActionPrint, care.OutcomeSuccess), func() error {
				return w.svc.RecordPrint(ctx, w.cm, w.fam, care.ViewCaseFile, "emergency_summary")
			})
			// Whoever may not see the plan may not say they printed it: the
			// attempt is on record.
			err := w.audited(t, w.record(w.stranger, w.fam, "careplan", 0, care.ActionPrint, care.OutcomeDenied), func() error {
				return w.svc.RecordPrint(ctx, w.stranger, w.fam, care.ViewProvider, "careplan")
			})
			wantCode(t, "a stranger records printing", err, care.NotFound, missing)
			if err := w.svc.RecordPrint(ctx, w.cm, w.fam, care.ViewCaseFile, "family"); care.ErrorCode(err) != care.NotFound {
				t.Errorf("printing something that has no print view: %v, want NotFound", err)
			}
			// Versions are for the case managers.
			if _, err := w.svc.CarePlanVersions(ctx, w.mother, w.fam); care.ErrorCode(err) != care.NotFound {
				t.Errorf("a parent lists versions: %v", err)
			}
		})
	}
}

func TestSaveCarePlan(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			w := planWorld(t, db)
			v1 := currentPlan(t, w)

			next := copyPlan(v1)
			phys := next.Section(care.DimPhysical)
			phys.Situation = "Epilepsie, vooral 's nachts"
			phys.Goals = append(phys.Goals, care.PlanItem{For: "child", Text: "Aanvallen thuis opvangen"})
			action := care.Task{Title: "Noodplan delen met school", OwnerKind: "casemanager", PlanDimension: care.DimPhysical, PlanGoal: care.NewGoal}
			var v2 *care.CarePlan
			w.audited(t, w.record(w.cm, w.fam, "careplan", w.fam, care.ActionUpdate, care.OutcomeSuccess), func() (err error) {
				v2, err = w.svc.SaveCarePlan(ctx, w.cm, w.fam, 1, next, []care.Task{action})
				return err
			})
			if v2 == nil || v2.Version != 2 || !cmp.Equal(v2.Changes, []string{"physical"}) {
				t.Fatalf("version 2: %+v", v2)
			}
			goal := v2.Section(care.DimPhysical).Goals[0]
			f := file(t, w.s, w.fam)
			var task *care.Task
			for i := range f.Tasks {
				if f.Tasks[i].Title == action.Title {
					task = &f.Tasks[i]
				}
			}
			if goal.ID == "" || task == nil || task.PlanDimension != care.DimPhysical || task.PlanGoal != goal.ID {
				t.Fatalf("goal %+v, task %+v: want the task linked to the new goal", goal, task)
			}
			if acts := v2.Section(care.DimPhysical).Actions; len(acts) != 1 || acts[0].TaskID != task.ID || acts[0].Goal != goal.ID {
				t.Errorf("version 2's actions: %+v", acts)
			}
			if f.Plan == nil || f.Plan.Version != 2 {
				t.Errorf("the file's plan summary: %+v", f.Plan)
			}

			// A save on version 1 now is refused, and nothing is written.
			stale := copyPlan(v1)
			stale.Wishes = "Overschrijven"
			_, err := w.svc.SaveCarePlan(ctx, w.cm, w.fam, 1, stale, nil)
			var conflict *care.PlanConflict
			if !errors.As(err, &conflict) || care.ErrorCode(err) != care.Conflict || conflict.Current.Version != 2 || conflict.Base != 1 ||
				conflict.Current.SavedBy.AccountID != w.cm.AccountID {
				t.Fatalf("a save on an old version: %v", err)
			}
			if cur := currentPlan(t, w); cur.Version != 2 || cur.Wishes != "" {
				t.Errorf("after the refused save: version %d, wishes %q", cur.Version, cur.Wishes)
			}

			// A save that changes nothing adds no version.
			same, err := w.svc.SaveCarePlan(ctx, w.cm, w.fam, 2, copyPlan(v2), nil)
			if err != nil || same.Version != 2 {
				t.Errorf("an unchanged save: %v, %v", same, err)
			}

			// Bad input: errors per field, nothing written.
			bad := copyPlan(v2)
			bad.Section(care.DimPhysical).Problems = []care.PlanItem{{For: "child", Text: "Slikken", ICD10: "slik"}}
			bad.ACP.Conversations = []care.Conversation{{Date: date(2027, 1, 1)}}
			bad.ACP.Directives[0] = care.Directive{Kind: "resuscitation", Decision: "no"}
			bad.ReviewMonths = 13
			_, err = w.svc.SaveCarePlan(ctx, w.cm, w.fam, 2, bad, []care.Task{{OwnerKind: "casemanager", PlanDimension: care.DimSocial}})
			for _, field := range []string{"problem_new_icd10", "conversation_new_date", "conversation_new_participants",
				"directive_resuscitation_date", "directive_resuscitation_agreed_by", "review_months", "action_new_title"} {
				if !hasField(err, field) {
					t.Errorf("bad input: no error for %s in %v", field, err)
				}
			}
			if cur := currentPlan(t, w); cur.Version != 2 || len(file(t, w.s, w.fam).Tasks) != len(f.Tasks) {
				t.Errorf("after bad input: version %d", cur.Version)
			}

			// An item ID the plan never handed out is refused.
			forged := copyPlan(v2)
			forged.Section(care.DimSocial).Goals = []care.PlanItem{{ID: "i999", For: "child", Text: "Nieuw"}}
			if _, err := w.svc.SaveCarePlan(ctx, w.cm, w.fam, 2, forged, nil); !errors.Is(err, care.ErrUnknownItem) {
				t.Errorf("a save with an item ID the plan does not have: %v", err)
			}

			// Only the family's case managers save.
			for _, a := range []care.Actor{w.cm2, w.mother, w.gp} {
				_, err := w.svc.SaveCarePlan(ctx, a, w.fam, 2, copyPlan(v2), nil)
				wantCode(t, "a save by someone else", err, care.NotFound, missing)
			}

			vs, err := w.svc.CarePlanVersions(ctx, w.cm, w.fam)
			if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Version != 1 {
				t.Errorf("versions: %+v, %v", vs, err)
			}
			c, err := w.svc.CompareCarePlan(ctx, w.cm, w.fam, 1, 2)
			if err != nil {
				t.Fatal(err)
			}
			marks := map[string]string{}
			for _, r := range c.Rows {
				marks[r.Label+" "+r.B] = r.Change
			}
			if marks["careplan.situation Epilepsie, vooral 's nachts"] != care.Added || marks["careplan.goal Aanvallen thuis opvangen"] != care.Added ||
				marks["careplan.action Noodplan delen met school"] != care.Added {
				t.Errorf("compare 1 and 2: %v", marks)
			}
			if _, err := w.svc.CompareCarePlan(ctx, w.cm, w.fam, 1, 9); care.ErrorCode(err) != care.NotFound {
				t.Errorf("compare with a version that does not exist: %v", err)
			}
		})
	}
}

// TestSaveCarePlanConcurrently has both case managers of the family save
// on the same version at once: one save wins, the other is refused, and
// the winner's change is the one kept.
func TestSaveCarePlanConcurrently(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			w := planWorld(t, db)
			if _, err := w.svc.AssignCaseManager(ctx, w.cm, w.fam, "thuis", w.cm2.AccountID); err != nil {
				t.Fatal(err)
			}
			v1 := currentPlan(t, w)
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, a := range []care.Actor{w.cm, w.cm2} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					next := copyPlan(v1)
					next.Wishes = "Wens " + string(rune('A'+i))
					_, errs[i] = w.svc.SaveCarePlan(ctx, a, w.fam, 1, next, nil)
				}()
			}
			wg.Wait()
			won := -1
			for i, err := range errs {
				var conflict *care.PlanConflict
				switch {
				case err == nil:
					if won >= 0 {
						t.Fatal("both saves on version 1 succeeded")
					}
					won = i
				case !errors.As(err, &conflict) && care.ErrorCode(err) != care.Conflict:
					t.Errorf("the losing save: %v, want a conflict", err)
				}
			}
			if won < 0 {
				t.Fatalf("no save won: %v", errs)
			}
			cur := currentPlan(t, w)
			if cur.Version != 2 || cur.Wishes != "Wens "+string(rune('A'+won)) {
				t.Errorf("kept version %d with wishes %q, want the winner's", cur.Version, cur.Wishes)
			}
		})
	}
}

func TestProposals(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			w := planWorld(t, db)
			accepted := &care.Proposal{Section: "psychological", Body: "  Luuk wil mee naar het gesprek.  "}
			declined := &care.Proposal{Section: "wishes", Body: "Geen ziekenhuisopnames meer"}
			for _, p := range []*care.Proposal{accepted, declined} {
				last := lastAuditID(t, w.s)
				if err := w.svc.ProposePlanChange(ctx, w.mother, w.fam, p); err != nil {
					t.Fatal(err)
				}
				oneAudit(t, w.s, last, w.record(w.mother, w.fam, "careplan_proposal", p.ID, care.ActionCreate, care.OutcomeSuccess))
			}
			if err := w.svc.ProposePlanChange(ctx, w.mother, w.fam, &care.Proposal{Section: "nonsense", Body: ""}); !hasField(err, "section") || !hasField(err, "body") {
				t.Errorf("an empty proposal: %v", err)
			}
			if err := w.svc.ProposePlanChange(ctx, w.gp, w.fam, &care.Proposal{Section: "wishes", Body: "x"}); care.ErrorCode(err) != care.NotFound {
				t.Errorf("a provider proposes: %v", err)
			}
			// Declining needs an answer.
			if err := w.svc.AnswerProposal(ctx, w.cm, w.fam, declined.ID, false, " "); !hasField(err, "answer") {
				t.Errorf("decline without answer: %v", err)
			}
			if err := w.svc.AnswerProposal(ctx, w.cm, w.fam, declined.ID, false, "Bespreken we bij het volgende gesprek."); err != nil {
				t.Fatal(err)
			}
			if err := w.svc.AnswerProposal(ctx, w.cm, w.fam, accepted.ID, true, ""); err != nil {
				t.Fatal(err)
			}
			if err := w.svc.AnswerProposal(ctx, w.cm, w.fam, accepted.ID, true, ""); care.ErrorCode(err) != care.NotFound {
				t.Errorf("answering twice: %v", err)
			}
			if err := w.svc.AnswerProposal(ctx, w.cm2, w.other, accepted.ID, true, ""); care.ErrorCode(err) != care.NotFound {
				t.Errorf("answering through another family: %v", err)
			}
			cur := currentPlan(t, w)
			goals := cur.Section(care.DimPsychological).Goals
			if cur.Version != 2 || len(goals) != 1 || goals[0].Text != "Luuk wil mee naar het gesprek." || goals[0].For != "family" || cur.Wishes != "" {
				t.Errorf("after accepting: version %d, goals %+v, wishes %q", cur.Version, goals, cur.Wishes)
			}
			pf, err := w.svc.CarePlan(ctx, w.mother, w.fam, care.ViewCarePlan)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]care.Proposal{}
			for _, p := range pf.Proposals {
				got[p.Section] = p
			}
			if a := got["psychological"]; a.Status != care.ProposalAccepted || a.Version != 2 || a.AnsweredBy.AccountID != w.cm.AccountID {
				t.Errorf("the accepted proposal as the mother sees it: %+v", a)
			}
			if d := got["wishes"]; d.Status != care.ProposalDeclined || d.Answer != "Bespreken we bij het volgende gesprek." || d.Version != 0 {
				t.Errorf("the declined proposal as the mother sees it: %+v", d)
			}
		})
	}
}

// TestComparePlans pairs items by their IDs: an edited goal is changed, a
// goal taken out is removed, a new one added, and values the same in both
// versions are unmarked.
func TestComparePlans(t *testing.T) {
	a := care.NewPlan(1, care.DefaultTemplate(), now)
	a.Section(care.DimSocial).Goals = []care.PlanItem{{ID: "g1", For: "family", Text: "Pgb-uren rond"}, {ID: "g2", For: "child", Text: "Naar de opvang"}}
	b := copyPlan(a)
	b.Section(care.DimSocial).Goals = []care.PlanItem{{ID: "g1", For: "parents", Text: "Pgb-uren rond voor de zomer"}, {ID: "g3", For: "child", Text: "Logeren"}}
	b.ACP.PlaceOfDeath = care.Preference{Place: "not_now"}
	type mark struct{ label, a, b, change string }
	var got []mark
	for _, r := range care.ComparePlans(a, b) {
		if r.Change != "" || r.Section == string(care.DimSocial) {
			got = append(got, mark{r.Label, r.A, r.B, r.Change})
		}
	}
	want := []mark{
		{"careplan.goal", "Pgb-uren rond", "Pgb-uren rond voor de zomer", care.Changed},
		{"careplan.for", "family", "parents", care.Changed},
		{"careplan.goal", "", "Logeren", care.Added}, // after the item before it in b
		{"careplan.for", "", "child", care.Added},
		{"careplan.goal", "Naar de opvang", "", care.Removed},
		{"careplan.for", "child", "", care.Removed},
		{"careplan.place_of_death", "not_discussed", "not_now", care.Changed},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(mark{})); diff != "" {
		t.Errorf("compare (-want +got):\n%s", diff)
	}
	if ch := care.PlanChanges(a, b); !cmp.Equal(ch, []string{"social", "acp"}) {
		t.Errorf("changes: %v", ch)
	}
	if ch := care.PlanChanges(a, copyPlan(a)); len(ch) != 0 {
		t.Errorf("changes of an equal copy: %v", ch)
	}
}

// TestEditCarePlanRefusalsCarryThePage: a refused edit, stale or with
// errors, comes back with the plan page as it is now, so the form can be
// drawn again without a second read; each refusal is one record.
func TestEditCarePlanRefusalsCarryThePage(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			w := planWorld(t, db)
			v1 := currentPlan(t, w)
			next := copyPlan(v1)
			next.Wishes = "Thuis zijn"
			if _, err := w.svc.SaveCarePlan(ctx, w.cm, w.fam, 1, next, nil); err != nil {
				t.Fatal(err)
			}
			stale := func(cur *care.CarePlan) (*care.CarePlan, []care.Task, care.FieldErrors) {
				t.Error("the edit of a stale form was run")
				return cur, nil, nil
			}
			var err error
			w.audited(t, w.record(w.cm, w.fam, "careplan", w.fam, care.ActionUpdate, care.OutcomeFailed), func() error {
				_, err = w.svc.EditCarePlan(ctx, w.cm, w.fam, 1, stale)
				return nil
			})
			var conflict *care.PlanConflict
			if !errors.As(err, &conflict) || conflict.Page == nil || conflict.Page.Plan == nil || conflict.Page.Plan.Version != 2 ||
				conflict.Page.Viewer != care.ViewerCaseManager {
				t.Errorf("a stale edit: %v, want a conflict with the page at version 2", err)
			}

			typed := func(cur *care.CarePlan) (*care.CarePlan, []care.Task, care.FieldErrors) {
				p := copyPlan(cur)
				p.ReviewMonths = 13
				return p, nil, care.FieldErrors{"review_due": "field.date"}
			}
			w.audited(t, w.record(w.cm, w.fam, "careplan", w.fam, care.ActionUpdate, care.OutcomeFailed), func() error {
				_, err = w.svc.EditCarePlan(ctx, w.cm, w.fam, 2, typed)
				return nil
			})
			var in *care.InvalidInput
			if !errors.As(err, &in) || in.Plan == nil || in.Plan.Plan.Version != 2 || in.Fields["review_due"] != "field.date" || !in.Fields.Has("review_months") {
				t.Errorf("an edit with errors: %v, want the form's and the plan's errors with the page", err)
			}
			if cur := currentPlan(t, w); cur.Version != 2 {
				t.Errorf("after the refusals: version %d", cur.Version)
			}
		})
	}
}

// An action of the plan given to the GP from the network is the GP's own
// task in their view; someone of another family is refused at the owner
// picked, and nothing is saved.
func TestCarePlanActionForTheGP(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			w := planWorld(t, db)
			w.consent(t, w.mother, w.gpNet, true, care.ScopeFile)
			theirs := &care.NetworkMember{FamilyID: w.other, Name: "Huisarts elders", Role: "gp", Line: 1}
			if err := w.s.SaveNetworkMember(ctx, theirs); err != nil {
				t.Fatal(err)
			}
			v1 := currentPlan(t, w)
			next := copyPlan(v1)
			next.Section(care.DimPhysical).Situation = "Pijn 's nachts"

			foreign := care.Task{Title: "Pijnmedicatie herzien", PlanDimension: care.DimPhysical, Pick: care.TaskOwner{Kind: care.OwnerNetwork, ID: theirs.ID}}
			if _, err := w.svc.SaveCarePlan(ctx, w.cm, w.fam, 1, next, []care.Task{foreign}); !hasField(err, "action_new_owner") {
				t.Fatalf("an action for another family's GP: %v", err)
			}
			if cur := currentPlan(t, w); cur.Version != 1 {
				t.Errorf("the refused action saved version %d", cur.Version)
			}

			action := foreign
			action.Pick.ID = w.gpNet
			if _, err := w.svc.SaveCarePlan(ctx, w.cm, w.fam, 1, next, []care.Task{action}); err != nil {
				t.Fatal(err)
			}
			pf := w.canView(t, w.gp, true)
			var mine *care.Task
			for i := range pf.Tasks {
				if pf.Tasks[i].Title == action.Title {
					mine = &pf.Tasks[i]
				}
			}
			if mine == nil || mine.NetworkMemberID != w.gpNet || mine.PlanDimension != care.DimPhysical {
				t.Errorf("the GP's tasks %+v: want the plan's action for them", pf.Tasks)
			}
		})
	}
}
