package web

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// samplePlanFile is a plan file with every part of the plan filled: items
// in each dimension, actions under a goal and without one (one overdue, one
// done), ACP with every kind of entry, and proposals in every state.
func samplePlanFile(viewer string) *care.PlanFile {
	today := care.DateOf(time.Now())
	now := time.Now()
	by := care.Person{AccountID: 1, Name: "Carla"}
	plan := care.NewPlan(7, care.DefaultTemplate(), today.AddDate(0, -4, 0))
	plan.Version, plan.SavedAt, plan.SavedBy, plan.Changes = 3, now, by, []string{"wishes", "physical"}
	plan.Wishes, plan.Matters = "Thuis zijn", "Samen eten"
	plan.DiscussedOn = today.AddDate(0, -4, 0)
	phys := plan.Section(care.DimPhysical)
	phys.Situation = "Veel pijn 's nachts"
	phys.Problems = []care.PlanItem{{ID: "p1", For: "child", Text: "Pijn", ICD10: "R52"}}
	phys.Goals = []care.PlanItem{{ID: "g1", For: "child", Text: "Doorslapen"}}
	phys.Agreements = []care.PlanItem{{ID: "a1", For: "parents", Text: "Pijndagboek bijhouden"}}
	plan.ACP.Conversations = []care.Conversation{{ID: "c1", Date: today.AddDate(0, -1, 0), Participants: "Ouders, KCT", Topics: "Reanimatie", Record: "HiX"}}
	plan.ACP.Scenarios[0].WhatIf, plan.ACP.Scenarios[0].Arranged = "Naar school", "Verpleegkundige mee"
	plan.ACP.Directives[0] = care.Directive{Kind: "resuscitation", Decision: "no", Detail: "Geen reanimatie", Date: today, AgreedBy: "Dr. A"}
	plan.ACP.Directives = append(plan.ACP.Directives, care.Directive{Kind: "other", Label: "Sondevoeding", Decision: "yes_but", Date: today, AgreedBy: "Ouders"})
	plan.ACP.PlaceOfCare = care.Preference{Place: "home"}
	plan.ACP.PlaceOfDeath = care.Preference{Place: "not_now", Detail: "Later"}
	plan.ACP.CareWishes, plan.ACP.Other = "Muziek", "Hond"
	pf := &care.PlanFile{
		Family: care.Family{ID: 7, ChildName: "Sam", BirthDate: today.AddDate(-9, 0, 0), Diagnosis: "Duchenne", ICD10: "G71.0",
			Secondary: []care.Diagnosis{{Description: "Epilepsie", ICD10: "G40"}}, Deceased: true},
		Plan: plan,
		Actions: []care.Task{
			{ID: 5, Title: "Pijnteam bellen", OwnerKind: "casemanager", DueDate: today.AddDate(0, 0, -2), Status: "open", PlanDimension: care.DimPhysical, PlanGoal: "g1"},
			{ID: 6, Title: "Matras", OwnerKind: "network", OwnerName: "Thuiszorg", Status: "done", PlanDimension: care.DimPhysical},
			{ID: 8, Title: "Schoolgesprek", OwnerKind: "family", DueDate: today.AddDate(0, 0, 9), Status: "open", PlanDimension: care.DimPedagogical},
		},
		Proposals: []care.Proposal{
			{ID: 1, Section: "wishes", Body: "Logeren bij oma", ProposedBy: by, ProposedAt: now, Status: care.ProposalOpen},
			{ID: 2, Section: "social", Body: "Sport", ProposedBy: by, ProposedAt: now, Status: care.ProposalAccepted, Answer: "Goed idee", AnsweredBy: by, AnsweredAt: now, Version: 3},
			{ID: 3, Section: "physical", Body: "Geen prik", ProposedBy: care.Person{}, ProposedAt: now, Status: care.ProposalDeclined, Answer: "Nodig", AnsweredBy: by, AnsweredAt: now},
		},
		Network: []care.NetworkMember{
			{ID: 3, Name: "Dr. Huisman", Role: "gp", Organisation: "Praktijk", Phone: "010", Reachability: "werkdagen"},
			{ID: 4, Name: "KCT", Role: "nurse", Phone: "020", AlwaysReachable: true, Reachability: "altijd"},
		},
		Members:      []care.Member{{ID: 1, Kind: "parent", Name: "Mo", Relation: "moeder", Phone: "06"}, {ID: 2, Kind: "carer", Name: "Jo"}},
		CaseManagers: care.CaseManagers{KCT: by, Thuis: care.Person{AccountID: 2, Name: "Joost"}},
		Viewer:       viewer,
	}
	if viewer == care.ViewerProvider {
		pf.Proposals = nil
	}
	return pf
}

// carePlanViewCases returns a test case per care plan page template (plan,
// print, emergency summary, versions, compare) and its variants, and the
// family page and caseload with a plan.
func carePlanViewCases(base func(string) BasePage) map[string]any {
	today := care.DateOf(time.Now())
	view := func(title string, pf *care.PlanFile, role care.Role) PlanView {
		b := base(title)
		if role != "" {
			b = baseAs(b, role)
		}
		return PlanView{CarePage: CarePage{BasePage: b, Today: today}, File: pf, Base: planBase(pf), Dims: planDims(pf)}
	}
	page := func(pf *care.PlanFile, role care.Role) *PlanPage {
		p := &PlanPage{PlanView: view("careplan.view.title", pf, role), Propose: ProposeForm{Errors: Fields{}}}
		for _, pr := range pf.Proposals {
			if pr.Status == care.ProposalOpen {
				p.Open = append(p.Open, pr)
			} else {
				p.Answered = append(p.Answered, pr)
			}
		}
		return p
	}
	cm := page(samplePlanFile(care.ViewerCaseManager), care.RoleCaseManager)
	cm.Saved, cm.Error = "careplan.view.saved.accepted", "careplan.view.answer_not_saved"
	cm.Answer = &AnswerForm{ProposalID: 1, Decision: "decline", Answer: "x", Errors: Fields{"answer": "careplan.view.answer_required", "decision": "careplan.view.decision_missing"}}

	family := page(samplePlanFile(care.ViewerFamily), care.RoleFamily)
	family.Saved, family.Error = "careplan.view.saved.proposal", "careplan.view.proposal_not_sent"
	family.Propose = ProposeForm{Section: "social", Body: "Meer sport", Errors: Fields{"section": "field.choose", "body": "field.required"}}

	childFile := samplePlanFile(care.ViewerFamily)
	childFile.IsChild = true
	child := page(childFile, care.RoleFamily)
	child.Saved = "careplan.view.saved.proposal"

	provider := page(samplePlanFile(care.ViewerProvider), care.RoleProvider)

	noPlan := func(viewer string, role care.Role) *PlanPage {
		pf := samplePlanFile(viewer)
		pf.Plan, pf.Actions, pf.Proposals = nil, nil, nil
		p := page(pf, role)
		p.Templates = []care.PlanTemplate{{ID: 4, Name: "Neuromusculair"}}
		return p
	}

	print := &PrintPage{PlanView: view("careplan.view.print_title", samplePlanFile(care.ViewerFamily), care.RoleFamily), Printed: "1 jan 2026 10:00"}
	printNone := &PrintPage{PlanView: noPlan(care.ViewerProvider, care.RoleProvider).PlanView, Printed: "1 jan 2026 10:00"}

	emergency := func(pf *care.PlanFile) *EmergencyPage {
		p := &EmergencyPage{PlanView: view("careplan.view.emergency_title", pf, "")}
		p.Printed = "1 jan 2026 10:00"
		p.Family = []Callable{{Name: "Mo", Phone: "06", Detail: "moeder"}, {Name: "Jo", Detail: "verzorger"}}
		p.Network = []Callable{{Name: "KCT", Role: "verpleegkundige", Phone: "020", Detail: "altijd", Always: true}, {Name: "Dr. H", Role: "huisarts"}}
		return p
	}
	emptyFile := samplePlanFile(care.ViewerCaseManager)
	emptyFile.Plan, emptyFile.Family.Diagnosis, emptyFile.CaseManagers = nil, "", care.CaseManagers{}

	versionsFile := samplePlanFile(care.ViewerCaseManager)
	versions := &VersionsPage{PlanView: view("careplan.view.versions_title", versionsFile, care.RoleCaseManager), A: 2, B: 3,
		Versions: []care.PlanVersionInfo{
			{Version: 3, SavedAt: time.Now(), SavedBy: care.Person{Name: "Carla"}, Changes: []string{"wishes", "acp"}},
			{Version: 2, SavedAt: time.Now(), Changes: []string{"review"}},
			{Version: 1, SavedAt: time.Now(), SavedBy: care.Person{Name: "Carla"}, Changes: []string{"created"}},
		}}
	versionsNone := &VersionsPage{PlanView: noPlan(care.ViewerCaseManager, care.RoleCaseManager).PlanView}

	older := *versionsFile.Plan
	older.Version, older.Wishes = 2, "Thuis"
	older.Sections = append([]care.PlanSection(nil), older.Sections...)
	older.Sections[0].Goals = nil
	cmp := &care.Comparison{A: &older, B: versionsFile.Plan, Rows: care.ComparePlans(&older, versionsFile.Plan)}
	compare := &ComparePage{PlanView: view("careplan.view.compare_title", versionsFile, care.RoleCaseManager), A: 2, B: 3, Cmp: cmp, OnlyChanges: true}
	for _, row := range cmp.Rows {
		if row.Change != "" {
			compare.Changed++
		}
		if n := len(compare.Groups); n == 0 || compare.Groups[n-1].Section != row.Section {
			compare.Groups = append(compare.Groups, CompareGroup{Section: row.Section})
		}
		compare.Groups[len(compare.Groups)-1].Rows = append(compare.Groups[len(compare.Groups)-1].Rows, row)
	}
	// Every coded value the comparison can show, and the row marks.
	compare.Groups = append(compare.Groups, CompareGroup{Section: "acp", Rows: []care.DiffRow{
		{Section: "acp", Label: "careplan.action_owner", Code: "task.owner.", A: "family", B: "network", Change: care.Changed},
		{Section: "acp", Label: "careplan.scenario", Code: "careplan.topic.", B: "end_of_life", Change: care.Added},
		{Section: "acp", Label: "careplan.directive.icu", Code: "careplan.decision.", A: "yes_but", Change: care.Removed},
	}})
	compareProblem := &ComparePage{PlanView: view("careplan.view.compare_title", versionsFile, care.RoleCaseManager), A: 2, B: 3, Problem: "careplan.view.compare_missing"}
	compareSame := &ComparePage{PlanView: view("careplan.view.compare_title", versionsFile, care.RoleCaseManager), A: 3, B: 3,
		Cmp: &care.Comparison{A: versionsFile.Plan, B: versionsFile.Plan}}

	// The family page's plan card and the caseload's review column.
	fp := &FamilyPage{CarePage: CarePage{BasePage: baseAs(base("family.title"), care.RoleCaseManager), Today: today}, File: &care.File{
		Family: care.Family{ID: 7, ChildName: "Sam", BirthDate: today.AddDate(-6, 0, 0), Intensity: care.Regular},
		Plan: &care.PlanSummary{Version: 4, SavedAt: time.Now(), SavedBy: care.Person{Name: "Carla"}, ReviewDue: today.AddDate(0, 0, -1),
			DiscussedOn: today.AddDate(0, -3, 0), OpenProposals: 2},
	}}
	fp.TaskList = newTaskList(care.ViewCaseFile, "/families/7", []care.Task{
		{ID: 5, Title: "Pijnteam", OwnerKind: "casemanager", Status: "open", PlanDimension: care.DimPhysical},
		{ID: 6, Title: "Matras", OwnerKind: "casemanager", Status: "done", PlanDimension: care.DimSocial, DoneAt: time.Now()}}, 0, today)
	cl := &CaseloadPage{CarePage: CarePage{BasePage: baseAs(base("caseload.title"), care.RoleCaseManager), Today: today}, Sort: "next", Items: []care.CaseloadItem{
		{FamilyID: 7, ChildName: "Sam", BirthDate: today.AddDate(-6, 0, 0), Intensity: care.Intensive, PlanReviewDue: today.AddDate(0, 0, -1)},
		{FamilyID: 9, ChildName: "Noor", BirthDate: today.AddDate(-2, 0, 0), Intensity: care.Regular, PlanReviewDue: today.AddDate(0, 1, 0)},
	}}

	return map[string]any{
		"careplan":                 cm,
		"careplan_family":          family,
		"careplan_child":           child,
		"careplan_provider":        provider,
		"careplan_start":           noPlan(care.ViewerCaseManager, care.RoleCaseManager),
		"careplan_noplan":          noPlan(care.ViewerFamily, care.RoleFamily),
		"careplan_print":           print,
		"careplan_print_none":      printNone,
		"careplan_emergency":       emergency(samplePlanFile(care.ViewerProvider)),
		"careplan_emergency_none":  emergency(emptyFile),
		"careplan_versions":        versions,
		"careplan_versions_none":   versionsNone,
		"careplan_compare":         compare,
		"careplan_compare_problem": compareProblem,
		"careplan_compare_same":    compareSame,
		"family_careplan":          fp,
		"caseload_careplan":        cl,
	}
}
