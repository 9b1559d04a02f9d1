package web

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// transferCases are the case managers' transfers page with a transfer of
// every status and the form sent back with errors, the handoff summary
// for the case managers, a parent, the child and providers under both
// consent scopes, and the family pages with a transfer planned.
func transferCases(base func(title string) BasePage) map[string]any {
	today := care.DateOf(time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC))
	fam := care.Family{ID: 7, ChildName: "Sanne", BirthDate: today.AddDate(-7, 0, 0), Intensity: care.Regular, Diagnosis: "SMA type 1", ICD10: "G12.0",
		Secondary: []care.Diagnosis{{Description: "Epilepsie", ICD10: "G40"}}}
	owner := care.Task{ID: 11, Title: "Thuiszorg regelen", OwnerKind: care.OwnerNetwork, OwnerName: "Thuiszorg Oost", Status: "open", DueDate: today.AddDate(0, 0, 6)}
	done := care.Task{ID: 12, Title: "Tillift geleverd", OwnerKind: care.OwnerFamily, OwnerName: "Eva", Status: "done", DueDate: today.AddDate(0, 0, -1)}
	planned := care.Transfer{ID: 3, FamilyID: 7, FromKind: "academic_hospital", FromPlace: "WKZ, afdeling Zuid", ToKind: "home",
		PlannedOn: today.AddDate(0, 0, 7), Status: care.TransferPlanned, Note: "Met zuurstof en monitor",
		Items: []care.TransferItem{{Item: "home_care", Task: owner}, {Item: "aids", Task: done}}}
	past := care.Transfer{ID: 2, FamilyID: 7, FromKind: "home", ToKind: "hospice", ToPlace: "Het Vlinderhuis", PlannedOn: today.AddDate(0, -2, 0), Status: care.TransferDone}
	off := care.Transfer{ID: 1, FamilyID: 7, FromKind: "general_hospital", ToKind: "other", ToPlace: "Oma", PlannedOn: today.AddDate(0, -3, 0), Status: care.TransferCancelled}
	owners := []care.PossibleOwner{{Owner: care.TaskOwner{Kind: care.OwnerCaseManager, ID: 1}, Name: "Carla"},
		{Owner: care.TaskOwner{Kind: care.OwnerNetwork, ID: 3}, Name: "Dr. A", Role: "gp"},
		{Owner: care.TaskOwner{Kind: care.OwnerNetwork, ID: 4}, Name: "Thuiszorg Oost", Role: "homecare"},
		{Owner: care.TaskOwner{Kind: care.OwnerParent, ID: 5}, Name: "Eva", Role: "moeder"}, {Owner: care.TaskOwner{Kind: care.OwnerFamily}}}
	cms := care.CaseManagers{KCT: care.Person{AccountID: 1, Name: "Carla"}, Thuis: care.Person{AccountID: 2, Name: "Tom"}}
	tf := &care.TransferFile{Family: fam, Viewer: care.ViewerCaseManager, Transfers: []care.Transfer{planned, past, off}, Today: today, Owners: owners, CaseManagers: cms}
	cp := func(title string) CarePage { return CarePage{BasePage: base(title), Today: today} }
	page := func(tf *care.TransferFile) *TransfersPage {
		p := &TransfersPage{CarePage: cp("transfer.title"), File: tf, Base: "/families/7", Errors: Fields{}}
		for _, o := range tf.Owners {
			p.Owners = append(p.Owners, OwnerChoice{Value: o.Owner.String(), Label: ownerOptionLabel(&p.CarePage, tf.CaseManagers, o)})
		}
		for _, item := range care.TransferChecklist {
			p.Rows = append(p.Rows, form.TransferRow{Item: item, Take: true, Title: p.T("transfer.task." + item), Owner: defaultTransferOwner(item, tf.Owners, nil)})
		}
		return p
	}
	withErrors := page(tf)
	withErrors.Plan = care.Transfer{FromKind: "home", ToKind: "home", Note: "x"}
	withErrors.Rows[1].Owner, withErrors.Rows[2].Take = "network:99", false
	withErrors.Errors = Fields{"to_kind": "transfer.same_place", "planned_on": "field.required", "aids_owner": "task.owner_not_in_file",
		"home_care_title": "field.required", "school_due_date": "date.invalid", "from_place": "field.too_long", "items": "field.choose"}
	saved := page(tf)
	saved.Saved = "transfer.saved.planned"
	empty := page(&care.TransferFile{Family: fam, Viewer: care.ViewerCaseManager, Today: today, Owners: owners[:1], CaseManagers: cms})

	plan := &care.CarePlan{Wishes: "Thuis zijn, bij de hond.", Sections: []care.PlanSection{{Dimension: care.DimPhysical,
		Goals: []care.PlanItem{{ID: "g1", Text: "Comfortabel ademen"}}}},
		ACP: care.ACP{CareWishes: "Muziek in de kamer", PlaceOfCare: care.Preference{Place: "home"}}}
	directives := []care.Directive{{Kind: "resuscitation", Decision: "no", Detail: "Geen hartmassage", Date: today.AddDate(0, -1, 0), AgreedBy: "ouders"},
		{Kind: "ventilation", Decision: "yes", Date: today.AddDate(0, -1, 0), AgreedBy: "ouders"}}
	network := []care.NetworkMember{{ID: 3, Name: "Dr. A", Role: "gp", Organisation: "Huisartsen Zuid", Phone: "030-1234567", Responsibilities: "Medicatie, 's nachts via de post"},
		{ID: 4, Name: "Thuiszorg Oost", Role: "homecare", Phone: "030-7654321", Email: "team@example.org", AlwaysReachable: true, Reachability: "24/7"}}
	coverage := []care.CoverageItem{{ID: 5, Kind: "night_care", Periods: []care.CoveragePeriod{{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 16,
		Start: today.AddDate(-1, 0, 0), End: today.AddDate(0, 6, 0)}}},
		{ID: 6, Kind: "home_nursing", Periods: []care.CoveragePeriod{{Law: care.LawZvw, Form: "zin", Status: care.CoverageGranted, Start: today.AddDate(-1, 0, 0)}}}}
	h := func(viewer, scope string, child bool) *HandoffPage {
		hh := &care.Handoff{Transfer: planned, Family: fam, Viewer: viewer, Scope: scope, IsChild: child, Today: today, Plan: plan,
			Goals: []care.PlanGoal{{ID: "g1", Dimension: care.DimPhysical, Text: "Comfortabel ademen"}}, Directives: directives,
			Network: network, Members: []care.Member{{Name: "Eva", Kind: "parent", Relation: "moeder", Phone: "06-12345678"}},
			CaseManagers: cms, Coverage: coverage, WindowWeeks: 8, OpenTasks: []care.Task{owner}}
		if !hh.ShowsChild() {
			hh.Family = fam.ForProvider(scope)
		}
		if !hh.ShowsTasks() {
			hh.Transfer.Items, hh.OpenTasks, hh.Coverage = nil, nil, nil
		}
		return &HandoffPage{CarePage: cp("transfer.handoff.title"), H: hh, Base: "/families/7", Printed: "15 jun 2026 12:00"}
	}
	bare := h(care.ViewerFamily, "", false)
	bare.H.Plan, bare.H.Goals, bare.H.Directives, bare.H.Coverage, bare.H.OpenTasks, bare.H.Transfer.Items = nil, nil, nil, nil, nil, nil

	fv := &FamilyViewPage{CarePage: cp("familyview.title"), Base: "/my/families/7",
		Ov: &care.FamilyOverview{Rule: care.RuleParents, File: care.File{Family: fam, Transfers: []care.Transfer{planned}}}}
	pv := &ProviderPage{CarePage: cp("provider.title"), Base: "/provider/families/7",
		File: &care.ProviderFile{Family: fam, Scope: care.ScopeFile, Transfers: []care.Transfer{planned}}}
	fp := &FamilyPage{CarePage: cp("family.title"), File: &care.File{Family: fam, CaseManagers: cms, Transfers: []care.Transfer{planned}}}
	return map[string]any{
		"transfers":           saved,
		"transfers_errors":    withErrors,
		"transfers_empty":     empty,
		"handoff":             h(care.ViewerCaseManager, "", false),
		"handoff_family":      h(care.ViewerFamily, "", false),
		"handoff_child":       h(care.ViewerFamily, "", true),
		"handoff_provider":    h(care.ViewerProvider, care.ScopeFile, false),
		"handoff_narrow":      h(care.ViewerProvider, care.ScopePlanNetwork, false),
		"handoff_bare":        bare,
		"familyview_transfer": fv,
		"provider_transfer":   pv,
		"family_transfer":     fp,
	}
}
