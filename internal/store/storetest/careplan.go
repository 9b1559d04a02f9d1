package storetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// fullPlan returns a plan with every part filled in, as the service would
// save it: all five sections with items and actions, and the whole ACP.
func fullPlan(familyID, savedBy int64, taskID int64) *care.CarePlan {
	p := &care.CarePlan{
		FamilyID: familyID, SavedAt: t0, SavedBy: care.Person{AccountID: savedBy}, Changes: []string{"created"},
		Template: "default", Wishes: "Zo veel mogelijk thuis, met school erbij.", Matters: "Samen met broer spelen.",
		ACP: care.ACP{
			Conversations: []care.Conversation{{ID: "i20", Date: date(2026, 2, 14), Participants: "Ouders, KCT, kinderarts",
				Topics: "Wensen, reanimatie", Record: "Verslag in het EPD van het Emma"}},
			Scenarios: []care.Scenario{
				{ID: "i21", Topic: "school", WhatIf: "Insult op school", Arranged: "Noodmedicatie en protocol bij de mentor"},
				{ID: "i22", Topic: "end_of_life", WhatIf: "Verslechtering", Arranged: ""},
			},
			Directives: []care.Directive{
				{Kind: "resuscitation", Decision: "no", Detail: "Geen reanimatie", Date: date(2026, 2, 14), AgreedBy: "Ouders en kinderarts"},
				{Kind: "ventilation", Decision: "yes_but", Detail: "Alleen niet-invasief", Date: date(2026, 2, 14), AgreedBy: "Ouders"},
				{Kind: "icu", Decision: "not_discussed"},
				{Kind: "other", Label: "Sondevoeding", Decision: "yes", Date: date(2026, 2, 20), AgreedBy: "Ouders"},
			},
			PlaceOfCare:  care.Preference{Place: "home", Detail: "Thuis, met thuiszorg"},
			PlaceOfDeath: care.Preference{Place: "not_now"},
			CareWishes:   "Muziek aan, knuffel erbij.",
			Other:        "Opa en oma bellen bij opname.",
		},
		ReviewMonths: 3, ReviewDue: date(2026, 6, 1), DiscussedOn: date(2026, 2, 14), NextItem: 22,
	}
	for i, d := range care.Dimensions {
		n := fmt.Sprint(i)
		p.Sections = append(p.Sections, care.PlanSection{
			Dimension:  d,
			Situation:  "Situatie " + n,
			Problems:   []care.PlanItem{{ID: "p" + n, For: "child", Text: "Probleem " + n, ICD10: "G71.0"}},
			Goals:      []care.PlanItem{{ID: "g" + n, For: "family", Text: "Doel " + n}, {ID: "h" + n, For: "siblings", Text: "Nog een doel"}},
			Agreements: []care.PlanItem{{ID: "a" + n, For: "parents", Text: "Afspraak " + n}},
			Actions: []care.PlanAction{{TaskID: taskID, Goal: "g" + n, Title: "Actie " + n, OwnerKind: "casemanager",
				OwnerName: "KCT", DueDate: date(2026, 3, 15), Status: "open"}},
		})
	}
	return p
}

// planSetup is an organisation with a case manager and one family.
func planSetup(t *testing.T, s Store) (org int64, acc care.Person, f *care.Family) {
	t.Helper()
	org = newOrg(t, s)
	a := newAccount(t, s, org, "cm@example.org")
	return org, care.Person{AccountID: a.ID, Name: a.Name}, newFile(t, s, org, a.ID, "kct", "Anna", date(2018, 1, 1))
}

func mustPlan(t *testing.T, s Store, familyID int64) *care.CarePlan {
	t.Helper()
	p, err := s.CarePlan(context.Background(), familyID)
	if err != nil || p == nil {
		t.Fatalf("CarePlan(%d) = %v, %v; want a plan", familyID, p, err)
	}
	return p
}

func testCarePlanRoundTrip(t *testing.T, s Store) {
	ctx := context.Background()
	org, acc, f := planSetup(t, s)
	other := newAccount(t, s, org, "other@example.org")
	otherP := care.Person{AccountID: other.ID, Name: other.Name}

	if p, err := s.CarePlan(ctx, f.ID); p != nil || err != nil {
		t.Fatalf("CarePlan without a plan = %v, %v; want nil, nil", p, err)
	}
	if vs, err := s.CarePlanVersions(ctx, f.ID); len(vs) != 0 || err != nil {
		t.Errorf("CarePlanVersions without a plan = %v, %v", vs, err)
	}
	if ps, err := s.EarlierCarePlans(ctx, f.ID); len(ps) != 0 || err != nil {
		t.Errorf("EarlierCarePlans without a plan = %v, %v", ps, err)
	}

	v1 := fullPlan(f.ID, acc.AccountID, 42)
	mustDo(t, "SaveCarePlan v1", s.SaveCarePlan(ctx, v1, 0))
	if v1.Version != 1 {
		t.Errorf("first save set version %d, want 1", v1.Version)
	}
	want1 := *v1
	want1.SavedBy = acc
	if diff := cmp.Diff(&want1, mustPlan(t, s, f.ID)); diff != "" {
		t.Errorf("CarePlan mismatch (-want +got):\n%s", diff)
	}

	v2 := fullPlan(f.ID, other.ID, 42)
	v2.SavedAt, v2.Changes = t0.Add(time.Hour), []string{"wishes", "acp", "review"}
	v2.Wishes, v2.ACP.Directives, v2.ReviewDue = "Nieuwe wens", nil, date(2026, 9, 1)
	v2.Sections[0].Goals = []care.PlanItem{} // empty stays empty, not null
	mustDo(t, "SaveCarePlan v2", s.SaveCarePlan(ctx, v2, 1))
	if v2.Version != 2 {
		t.Errorf("second save set version %d, want 2", v2.Version)
	}
	want2 := *v2
	want2.SavedBy = otherP
	if diff := cmp.Diff(&want2, mustPlan(t, s, f.ID)); diff != "" {
		t.Errorf("CarePlan after v2 (-want +got):\n%s", diff)
	}
	for _, want := range []*care.CarePlan{&want1, &want2} {
		got, err := s.CarePlanVersion(ctx, f.ID, want.Version)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("CarePlanVersion(%d) (-want +got):\n%s", want.Version, diff)
		}
	}
	for _, v := range []int{0, 3, -1} {
		if _, err := s.CarePlanVersion(ctx, f.ID, v); care.ErrorCode(err) != care.NotFound {
			t.Errorf("CarePlanVersion(%d): %v, want NotFound", v, err)
		}
	}
	vs, err := s.CarePlanVersions(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantVs := []care.PlanVersionInfo{
		{Version: 2, SavedAt: t0.Add(time.Hour), SavedBy: otherP, Changes: []string{"wishes", "acp", "review"}},
		{Version: 1, SavedAt: t0, SavedBy: acc, Changes: []string{"created"}},
	}
	if diff := cmp.Diff(wantVs, vs); diff != "" {
		t.Errorf("CarePlanVersions (-want +got):\n%s", diff)
	}
	// The versions before the current one, in full, of this family only.
	if ps, err := s.EarlierCarePlans(ctx, f.ID); err != nil {
		t.Fatal(err)
	} else if diff := cmp.Diff([]care.CarePlan{want1}, ps); diff != "" {
		t.Errorf("EarlierCarePlans with two versions (-want +got):\n%s", diff)
	}
	otherFam := newFile(t, s, org, acc.AccountID, "kct", "Bram", date(2019, 2, 2))
	mustDo(t, "SaveCarePlan of another family", s.SaveCarePlan(ctx, fullPlan(otherFam.ID, acc.AccountID, 7), 0))
	mustDo(t, "SaveCarePlan of another family v2", s.SaveCarePlan(ctx, fullPlan(otherFam.ID, acc.AccountID, 8), 1))
	if ps, err := s.EarlierCarePlans(ctx, f.ID); err != nil || len(ps) != 1 || ps[0].FamilyID != f.ID {
		t.Errorf("EarlierCarePlans after another family's plan: %d plans, %v", len(ps), err)
	}

	// A version without changes reads back as nil, not [""].
	v3 := fullPlan(f.ID, acc.AccountID, 42)
	v3.Changes = nil
	mustDo(t, "SaveCarePlan v3", s.SaveCarePlan(ctx, v3, 2))
	if got := mustPlan(t, s, f.ID); got.Version != 3 || got.Changes != nil {
		t.Errorf("v3: version %d, changes %#v", got.Version, got.Changes)
	}
}

func testCarePlanStaleBase(t *testing.T, s Store) {
	ctx := context.Background()
	_, acc, f := planSetup(t, s)
	mustDo(t, "SaveCarePlan v1", s.SaveCarePlan(ctx, fullPlan(f.ID, acc.AccountID, 1), 0))
	mustDo(t, "SaveCarePlan v2", s.SaveCarePlan(ctx, fullPlan(f.ID, acc.AccountID, 2), 1))
	before := mustPlan(t, s, f.ID)
	beforeVs, _ := s.CarePlanVersions(ctx, f.ID)
	beforeFile := familyFile(t, s, f.ID)

	for _, base := range []int{0, 1, 3, 7, -1} {
		t.Run(fmt.Sprint("base ", base), func(t *testing.T) {
			p := fullPlan(f.ID, acc.AccountID, 9)
			p.Wishes, p.ReviewDue, p.SavedAt = "Overschreven", date(2027, 1, 1), t0.Add(48*time.Hour)
			err := s.SaveCarePlan(ctx, p, base)
			if care.ErrorCode(err) != care.Conflict || care.ErrorMessage(err) != "careplan.conflict" {
				t.Errorf("SaveCarePlan from base %d: %v, want Conflict careplan.conflict", base, err)
			}
			if p.Version != 0 {
				t.Errorf("a refused save set version %d", p.Version)
			}
			if diff := cmp.Diff(before, mustPlan(t, s, f.ID)); diff != "" {
				t.Errorf("the current plan changed (-before +after):\n%s", diff)
			}
			if vs, _ := s.CarePlanVersions(ctx, f.ID); !cmp.Equal(beforeVs, vs) {
				t.Errorf("versions changed: %+v", vs)
			}
			if diff := cmp.Diff(beforeFile, familyFile(t, s, f.ID)); diff != "" {
				t.Errorf("the family file changed (-before +after):\n%s", diff)
			}
		})
	}
}

// testCarePlanConcurrentSaves saves from one base in many goroutines at
// once: exactly one save wins, the others are Conflict.
func testCarePlanConcurrentSaves(t *testing.T, s Store) {
	ctx := context.Background()
	_, acc, f := planSetup(t, s)
	const workers = 8
	race := func(base int) {
		t.Helper()
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for w := range workers {
			wg.Go(func() {
				p := fullPlan(f.ID, acc.AccountID, int64(w))
				p.Wishes = fmt.Sprint("Worker ", w)
				errs[w] = s.SaveCarePlan(ctx, p, base)
			})
		}
		wg.Wait()
		won := -1
		for w, err := range errs {
			switch care.ErrorCode(err) {
			case "":
				if won >= 0 {
					t.Errorf("base %d: workers %d and %d both saved", base, won, w)
				}
				won = w
			case care.Conflict:
			default:
				t.Errorf("base %d: worker %d: %v, want nil or Conflict", base, w, err)
			}
		}
		if won < 0 {
			t.Fatalf("base %d: no save won", base)
		}
		got := mustPlan(t, s, f.ID)
		if got.Version != base+1 || got.Wishes != fmt.Sprint("Worker ", won) {
			t.Errorf("base %d: current version %d by %q, want %d by worker %d", base, got.Version, got.Wishes, base+1, won)
		}
	}
	race(0)
	race(1)
	if vs, _ := s.CarePlanVersions(ctx, f.ID); len(vs) != 2 {
		t.Errorf("%d versions, want 2", len(vs))
	}
}

// testCarePlanVersionsAreHistory: the database refuses to change a saved
// version, but deleting the family still removes its plan.
func testCarePlanVersionsAreHistory(t *testing.T, s Store) {
	ctx := context.Background()
	org, acc, f := planSetup(t, s)
	mustDo(t, "SaveCarePlan", s.SaveCarePlan(ctx, fullPlan(f.ID, acc.AccountID, 1), 0))
	before := mustPlan(t, s, f.ID)
	for _, q := range []string{
		`UPDATE care_plan_versions SET content = '{}'`,
		fmt.Sprintf(`UPDATE care_plan_versions SET changes = 'x' WHERE family_id = %d AND version = 1`, f.ID),
		`UPDATE care_plan_versions SET version = 2`,
	} {
		err := s.ExecRaw(ctx, q)
		if err == nil || !strings.Contains(err.Error(), "never change") {
			t.Errorf("%s: error %v, want the refusal", q, err)
		}
	}
	if diff := cmp.Diff(before, mustPlan(t, s, f.ID)); diff != "" {
		t.Errorf("the version changed (-before +after):\n%s", diff)
	}

	keep := newFile(t, s, org, acc.AccountID, "kct", "Bram", date(2019, 1, 1))
	mustDo(t, "SaveCarePlan", s.SaveCarePlan(ctx, fullPlan(keep.ID, acc.AccountID, 1), 0))
	mustDo(t, "AddProposal", s.AddProposal(ctx, &care.Proposal{FamilyID: f.ID, Section: "wishes", Body: "x", ProposedBy: acc, ProposedAt: t0}))
	if err := s.ExecRaw(ctx, fmt.Sprintf(`DELETE FROM families WHERE id = %d`, f.ID)); err != nil {
		t.Fatalf("deleting a family with a plan: %v", err)
	}
	if p, err := s.CarePlan(ctx, f.ID); p != nil || err != nil {
		t.Errorf("CarePlan of a deleted family = %v, %v", p, err)
	}
	if vs, _ := s.CarePlanVersions(ctx, f.ID); len(vs) != 0 {
		t.Errorf("versions of a deleted family: %+v", vs)
	}
	if p := mustPlan(t, s, keep.ID); p.Version != 1 {
		t.Errorf("the other family's plan is version %d", p.Version)
	}
}

// testCarePlanOtherFamily reads and writes the plan through the id of a
// family it does not belong to.
func testCarePlanOtherFamily(t *testing.T, s Store) {
	ctx := context.Background()
	org, acc, a := planSetup(t, s)
	b := newFile(t, s, org, acc.AccountID, "kct", "Bram", date(2019, 1, 1))
	mustDo(t, "SaveCarePlan", s.SaveCarePlan(ctx, fullPlan(a.ID, acc.AccountID, 1), 0))
	pr := &care.Proposal{FamilyID: a.ID, Section: "social", Body: "Logeeropvang", ProposedBy: acc, ProposedAt: t0}
	mustDo(t, "AddProposal", s.AddProposal(ctx, pr))
	beforeA := familyFile(t, s, a.ID)
	beforeProposals, _ := s.Proposals(ctx, a.ID)

	if p, err := s.CarePlan(ctx, b.ID); p != nil || err != nil {
		t.Errorf("CarePlan(B) = %+v, %v; want nil, nil", p, err)
	}
	if _, err := s.CarePlanVersion(ctx, b.ID, 1); care.ErrorCode(err) != care.NotFound {
		t.Errorf("CarePlanVersion(B, 1): %v, want NotFound", err)
	}
	if vs, err := s.CarePlanVersions(ctx, b.ID); len(vs) != 0 || err != nil {
		t.Errorf("CarePlanVersions(B) = %+v, %v", vs, err)
	}
	if ps, err := s.Proposals(ctx, b.ID); len(ps) != 0 || err != nil {
		t.Errorf("Proposals(B) = %+v, %v", ps, err)
	}
	if file := familyFile(t, s, b.ID); file.Plan != nil {
		t.Errorf("B's file shows a plan: %+v", file.Plan)
	}
	// A's current version is 1; as B's base it is a conflict.
	if err := s.SaveCarePlan(ctx, fullPlan(b.ID, acc.AccountID, 1), 1); care.ErrorCode(err) != care.Conflict {
		t.Errorf("SaveCarePlan(B, base 1): %v, want Conflict", err)
	}
	answer := &care.Proposal{ID: pr.ID, FamilyID: b.ID, Status: care.ProposalDeclined, Answer: "Nee", AnsweredBy: acc, AnsweredAt: t0}
	if err := s.AnswerProposal(ctx, answer); care.ErrorCode(err) != care.NotFound {
		t.Errorf("AnswerProposal through B: %v, want NotFound", err)
	}
	if diff := cmp.Diff(beforeA, familyFile(t, s, a.ID)); diff != "" {
		t.Errorf("family A changed (-before +after):\n%s", diff)
	}
	if got, _ := s.Proposals(ctx, a.ID); !cmp.Equal(beforeProposals, got) {
		t.Errorf("A's proposals changed: %+v", got)
	}
	if p, _ := s.CarePlan(ctx, b.ID); p != nil {
		t.Errorf("B has a plan after the refused save: %+v", p)
	}
}

func testProposals(t *testing.T, s Store) {
	ctx := context.Background()
	org, cm, f := planSetup(t, s)
	parent := newAccount(t, s, org, "parent@example.org")
	parentP := care.Person{AccountID: parent.ID, Name: parent.Name}

	older := &care.Proposal{FamilyID: f.ID, Section: "wishes", Body: "Naar de dierentuin", ProposedBy: parentP, ProposedAt: t0}
	newer := &care.Proposal{FamilyID: f.ID, Section: "pedagogical", Body: "Halve dagen school", ProposedBy: parentP, ProposedAt: t0.Add(time.Hour)}
	for _, p := range []*care.Proposal{older, newer} {
		mustDo(t, "AddProposal", s.AddProposal(ctx, p))
		if p.ID == 0 || p.Status != care.ProposalOpen {
			t.Fatalf("AddProposal set id %d status %q", p.ID, p.Status)
		}
	}
	if err := s.AddProposal(ctx, &care.Proposal{FamilyID: f.ID, Section: "finance", Body: "x", ProposedBy: parentP, ProposedAt: t0}); err == nil {
		t.Error("a proposal for an unknown section was stored")
	}
	got, err := s.Proposals(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]care.Proposal{*newer, *older}, got); diff != "" {
		t.Errorf("Proposals (-want +got):\n%s", diff)
	}

	at := t0.Add(2 * time.Hour)
	accept := &care.Proposal{ID: older.ID, FamilyID: f.ID, Status: care.ProposalAccepted, Answer: "Staat in het plan",
		AnsweredBy: cm, AnsweredAt: at, Version: 2}
	mustDo(t, "AnswerProposal", s.AnswerProposal(ctx, accept))
	decline := &care.Proposal{ID: newer.ID, FamilyID: f.ID, Status: care.ProposalDeclined, Answer: "Eerst met school praten",
		AnsweredBy: cm, AnsweredAt: at}
	mustDo(t, "AnswerProposal", s.AnswerProposal(ctx, decline))

	wantOlder, wantNewer := *older, *newer
	wantOlder.Status, wantOlder.Answer, wantOlder.AnsweredBy, wantOlder.AnsweredAt, wantOlder.Version = care.ProposalAccepted, accept.Answer, cm, at, 2
	wantNewer.Status, wantNewer.Answer, wantNewer.AnsweredBy, wantNewer.AnsweredAt = care.ProposalDeclined, decline.Answer, cm, at
	want := []care.Proposal{wantNewer, wantOlder}
	got, _ = s.Proposals(ctx, f.ID)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after the answers (-want +got):\n%s", diff)
	}

	for _, tt := range []struct {
		name string
		p    care.Proposal
		code care.Code
	}{
		{"second answer", care.Proposal{ID: older.ID, FamilyID: f.ID, Status: care.ProposalDeclined, Answer: "Toch niet", AnsweredBy: parentP, AnsweredAt: at}, care.NotFound},
		{"missing proposal", care.Proposal{ID: 987654, FamilyID: f.ID, Status: care.ProposalDeclined, AnsweredBy: cm, AnsweredAt: at}, care.NotFound},
		{"answer that leaves it open", care.Proposal{ID: older.ID, FamilyID: f.ID, Status: care.ProposalOpen, AnsweredBy: cm, AnsweredAt: at}, care.Invalid},
	} {
		if err := s.AnswerProposal(ctx, &tt.p); care.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
	}
	got, _ = s.Proposals(ctx, f.ID)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("refused answers changed the proposals (-want +got):\n%s", diff)
	}
}

func testPlanTemplates(t *testing.T, s Store) {
	ctx := context.Background()
	org, otherOrg := newOrg(t, s), newOrg(t, s)
	a := newAccount(t, s, org, "admin@example.org")
	o := newAccount(t, s, otherOrg, "other@example.org")
	aP := care.Person{AccountID: a.ID, Name: a.Name}

	full := &care.PlanTemplate{OrganisationID: org, Name: "Oncologie", ReviewMonths: 2,
		Sections: []care.PlanSection{
			{Dimension: care.DimPhysical, Situation: "Behandeling", Goals: []care.PlanItem{{For: "child", Text: "Pijn onder controle"}}},
			{Dimension: care.DimSocial, Agreements: []care.PlanItem{{For: "family", Text: "Wekelijks overleg"}}},
		},
		Scenarios: []string{"school", "deterioration"}, UpdatedAt: t0, UpdatedBy: aP}
	basic := &care.PlanTemplate{OrganisationID: org, Name: "Basis", ReviewMonths: 3, UpdatedAt: t0, UpdatedBy: aP}
	theirs := &care.PlanTemplate{OrganisationID: otherOrg, Name: "Ander", ReviewMonths: 6, UpdatedAt: t0, UpdatedBy: care.Person{AccountID: o.ID, Name: o.Name}}
	for _, tp := range []*care.PlanTemplate{full, basic, theirs} {
		mustDo(t, "SavePlanTemplate", s.SavePlanTemplate(ctx, tp))
		if tp.ID == 0 {
			t.Fatal("SavePlanTemplate did not set the ID")
		}
	}
	got, err := s.PlanTemplates(ctx, org)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]care.PlanTemplate{*basic, *full}, got); diff != "" {
		t.Errorf("PlanTemplates (-want +got):\n%s", diff)
	}
	one, err := s.PlanTemplate(ctx, org, full.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(full, one); diff != "" {
		t.Errorf("PlanTemplate (-want +got):\n%s", diff)
	}
	if ts, err := s.PlanTemplates(ctx, 987654); len(ts) != 0 || err != nil {
		t.Errorf("PlanTemplates(missing organisation) = %+v, %v", ts, err)
	}

	// Another organisation's template is not there to read or change.
	if _, err := s.PlanTemplate(ctx, otherOrg, full.ID); care.ErrorCode(err) != care.NotFound {
		t.Errorf("PlanTemplate through another organisation: %v, want NotFound", err)
	}
	if _, err := s.PlanTemplate(ctx, org, 0); care.ErrorCode(err) != care.NotFound {
		t.Errorf("PlanTemplate(0): %v, want NotFound", err)
	}
	hijack := *full
	hijack.OrganisationID, hijack.Name = otherOrg, "Overgenomen"
	if err := s.SavePlanTemplate(ctx, &hijack); care.ErrorCode(err) != care.NotFound {
		t.Errorf("SavePlanTemplate through another organisation: %v, want NotFound", err)
	}

	upd := *basic
	upd.Name, upd.ReviewMonths, upd.Scenarios, upd.UpdatedAt = "Algemeen", 4, []string{"home"}, t0.Add(time.Hour)
	mustDo(t, "SavePlanTemplate update", s.SavePlanTemplate(ctx, &upd))
	got, _ = s.PlanTemplates(ctx, org)
	if diff := cmp.Diff([]care.PlanTemplate{upd, *full}, got); diff != "" {
		t.Errorf("after the update (-want +got):\n%s", diff)
	}
	if ts, _ := s.PlanTemplates(ctx, otherOrg); len(ts) != 1 || !cmp.Equal(*theirs, ts[0]) {
		t.Errorf("the other organisation's templates: %+v", ts)
	}
}

func testPlanTasks(t *testing.T, s Store) {
	ctx := context.Background()
	_, acc, f := planSetup(t, s)
	linked := &care.Task{FamilyID: f.ID, Title: "Fysiotherapie regelen", OwnerKind: "casemanager", DueDate: date(2026, 3, 2),
		PlanDimension: care.DimPhysical, PlanGoal: "i3", CreatedAt: t0, CreatedBy: acc}
	dimOnly := &care.Task{FamilyID: f.ID, Title: "Gesprek met school", OwnerKind: "family", DueDate: date(2026, 3, 3),
		PlanDimension: care.DimPedagogical, CreatedAt: t0, CreatedBy: acc}
	plain := &care.Task{FamilyID: f.ID, Title: "Bellen", OwnerKind: "casemanager", DueDate: date(2026, 3, 4), CreatedAt: t0, CreatedBy: acc}
	for _, k := range []*care.Task{linked, dimOnly, plain} {
		mustDo(t, "CreateTask", s.CreateTask(ctx, k))
		k.Status = "open"
	}
	if diff := cmp.Diff([]care.Task{*linked, *dimOnly, *plain}, familyFile(t, s, f.ID).Tasks); diff != "" {
		t.Errorf("tasks (-want +got):\n%s", diff)
	}
	bad := &care.Task{FamilyID: f.ID, Title: "X", OwnerKind: "casemanager", PlanDimension: "financial", CreatedAt: t0, CreatedBy: acc}
	if err := s.CreateTask(ctx, bad); err == nil {
		t.Error("a task in an unknown plan dimension was stored")
	}
}

func testPlanSummaryAndCaseload(t *testing.T, s Store) {
	ctx := context.Background()
	org, acc, f := planSetup(t, s)
	without := newFile(t, s, org, acc.AccountID, "kct", "Bram", date(2019, 1, 1))
	if file := familyFile(t, s, f.ID); file.Plan != nil {
		t.Errorf("File.Plan without a plan = %+v", file.Plan)
	}

	p := fullPlan(f.ID, acc.AccountID, 1)
	mustDo(t, "SaveCarePlan", s.SaveCarePlan(ctx, p, 0))
	for i, status := range []string{"", "", care.ProposalDeclined} {
		pr := &care.Proposal{FamilyID: f.ID, Section: "wishes", Body: fmt.Sprint(i), ProposedBy: acc, ProposedAt: t0}
		mustDo(t, "AddProposal", s.AddProposal(ctx, pr))
		if status != "" {
			pr.Status, pr.AnsweredBy, pr.AnsweredAt = status, acc, t0
			mustDo(t, "AnswerProposal", s.AnswerProposal(ctx, pr))
		}
	}
	// Another family's open proposal does not count.
	mustDo(t, "AddProposal", s.AddProposal(ctx, &care.Proposal{FamilyID: without.ID, Section: "wishes", Body: "x", ProposedBy: acc, ProposedAt: t0}))

	p2 := fullPlan(f.ID, acc.AccountID, 1)
	p2.SavedAt, p2.ReviewDue, p2.DiscussedOn = t0.Add(time.Hour), date(2026, 4, 1), date(2026, 3, 1)
	mustDo(t, "SaveCarePlan", s.SaveCarePlan(ctx, p2, 1))
	want := &care.PlanSummary{Version: 2, SavedAt: t0.Add(time.Hour), SavedBy: acc, ReviewDue: date(2026, 4, 1),
		DiscussedOn: date(2026, 3, 1), OpenProposals: 2}
	if diff := cmp.Diff(want, familyFile(t, s, f.ID).Plan); diff != "" {
		t.Errorf("File.Plan (-want +got):\n%s", diff)
	}
	if file := familyFile(t, s, without.ID); file.Plan != nil {
		t.Errorf("a family without a plan shows %+v", file.Plan)
	}
	// Not discussed with the family (yet): no date.
	p3 := fullPlan(f.ID, acc.AccountID, 1)
	p3.SavedAt, p3.ReviewDue, p3.DiscussedOn = t0.Add(2*time.Hour), date(2026, 4, 1), time.Time{}
	mustDo(t, "SaveCarePlan", s.SaveCarePlan(ctx, p3, 2))
	want.Version, want.SavedAt, want.DiscussedOn = 3, t0.Add(2*time.Hour), time.Time{}
	if diff := cmp.Diff(want, familyFile(t, s, f.ID).Plan); diff != "" {
		t.Errorf("File.Plan not discussed (-want +got):\n%s", diff)
	}

	items, err := s.Caseload(ctx, acc.AccountID, date(2026, 3, 10))
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]time.Time{}
	for _, it := range items {
		got[it.FamilyID] = it.PlanReviewDue
	}
	if diff := cmp.Diff(map[int64]time.Time{f.ID: date(2026, 4, 1), without.ID: {}}, got); diff != "" {
		t.Errorf("Caseload PlanReviewDue (-want +got):\n%s", diff)
	}
}
