package web

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// coverageViewCases are the coverage page for a parent, the child and a
// provider with every part filled, the family page with the turning-18
// checklist open and accepted, the checklist sent back with errors and
// the organisation's settings.
func coverageViewCases(base func(title string) BasePage) map[string]any {
	today := care.DateOf(time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC))
	birth := today.AddDate(-17, -8, 0)
	cm := care.Person{AccountID: 1, Name: "Carla"}
	docs := []care.Document{{ID: 9, FileName: "beschikking.pdf", Kind: "decision", CoverageItemID: 3}}
	items := []care.CoverageItem{
		{ID: 3, Kind: "home_nursing", Description: "Verpleging overdag", ProviderName: "Thuiszorg Oost", Applicant: "casemanager", Documents: docs,
			Periods: []care.CoveragePeriod{{Law: care.LawJeugdwet, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 12.5, Start: today.AddDate(-1, 0, 0)}}},
		{ID: 4, Kind: "respite", Applicant: "parents", Periods: []care.CoveragePeriod{{Law: care.LawWlz, Form: "pgb", Status: care.CoverageObjection, AmountCents: 1250000,
			Start: today.AddDate(0, -2, 0), End: today.AddDate(0, 1, 0), ObjectionFiledOn: today.AddDate(0, 0, -10), ObjectionDue: today.AddDate(0, 0, 32)}}},
		{ID: 5, Kind: "transport", Applicant: "provider", Periods: []care.CoveragePeriod{{Law: care.LawWmo, Form: "zin", Status: care.CoverageGranted,
			Start: today.AddDate(-1, 0, 0), End: today.AddDate(0, 0, 20)}}},
		{ID: 6, Kind: "other", Periods: []care.CoveragePeriod{{Law: care.LawZvw, Form: "zin", Status: care.CoverageApplied}}},
		{ID: 7, Kind: "day_care", Periods: []care.CoveragePeriod{{Law: care.LawWmo, Form: "zin", Status: care.CoverageGranted, Start: today.AddDate(-2, 0, 0), End: today.AddDate(0, 0, -3)}}},
	}
	aids := []care.Aid{
		{ID: 1, Kind: "wheelchair", Via: care.LawWmo, Status: care.AidRequested, Requested: today.AddDate(0, 0, -50), Documents: []care.Document{{ID: 10, FileName: "offerte.pdf", Kind: "other", AidID: 1}}},
		{ID: 2, Kind: "lift", Via: care.LawZvw, Supplier: "Medipoint", Status: care.AidDelivered, Requested: today.AddDate(0, 0, -30), Delivered: today.AddDate(0, 0, -5)},
	}
	fam := care.Family{ID: 7, ChildName: "Thijs", BirthDate: birth, Intensity: care.Regular}
	cov := func(viewer string, child bool) *care.CoverageFile {
		cf := &care.CoverageFile{Family: fam, Viewer: viewer, IsChild: child, Items: items, Aids: aids, Today: today, WindowWeeks: 8}
		cf.Summary = care.SummarizeCoverage(items, aids, birth, today, 8)
		return cf
	}
	page := func(cf *care.CoverageFile, provider bool) *CoverageViewPage {
		p := &CoverageViewPage{CarePage: CarePage{BasePage: base("coverage_view.title"), Today: today}, Cov: cf, Base: "/my/families/7", Provider: provider}
		if provider {
			p.Base = "/provider/families/7"
		}
		return p
	}
	empty := &care.CoverageFile{Family: care.Family{ID: 8, ChildName: "Noor", BirthDate: today.AddDate(-3, 0, 0)}, Viewer: care.ViewerFamily, Today: today}

	owners := []care.PossibleOwner{{Owner: care.TaskOwner{Kind: care.OwnerCaseManager, ID: 1}, Name: "Carla"},
		{Owner: care.TaskOwner{Kind: care.OwnerNetwork, ID: 3}, Name: "Dr. A", Role: "gp"}, {Owner: care.TaskOwner{Kind: care.OwnerFamily}}}
	tr := &care.Transition{Eighteenth: care.Eighteenth(birth), JeugdwetItems: items[:1]}
	file := &care.File{Family: fam, CaseManagers: care.CaseManagers{KCT: cm}, Transition: tr,
		Network: []care.NetworkMember{{ID: 3, Name: "Dr. A", Role: "gp"}}}
	fp := &FamilyPage{CarePage: CarePage{BasePage: base("family.title"), Today: today}, File: file}
	acceptedFile := *file
	acceptedFile.Transition = &care.Transition{Eighteenth: tr.Eighteenth, Accepted: &care.TransitionAcceptance{AcceptedAt: time.Now(), AcceptedBy: cm, Steps: []string{"coverage", "doctor"}}}
	accepted := &FamilyPage{CarePage: CarePage{BasePage: base("family.title"), Today: today}, File: &acceptedFile}

	tp := &TransitionPage{CarePage: CarePage{BasePage: base("coverage_view.transition.title"), Today: today}}
	tp.C = newChecklist(&tp.CarePage, 7, "Thijs", tr, fam, owners, file.CaseManagers)
	tp.C.Errors = Fields{"steps": "transition.none_chosen", "coverage_title": "field.required", "doctor_owner_kind": "field.choose", "icu_due_date": "date.invalid"}

	return map[string]any{
		"coverage_view":          page(cov(care.ViewerFamily, false), false),
		"coverage_view_child":    page(cov(care.ViewerFamily, true), false),
		"coverage_view_provider": page(cov(care.ViewerProvider, false), true),
		"coverage_view_empty":    page(empty, false),
		"family_transition":      fp,
		"family_accepted":        accepted,
		"transition":             tp,
		"admin_settings":         &AdminSettingsPage{BasePage: base("coverage_view.settings.title"), Window: "60", Error: "coverage_view.settings.window_range", Saved: true},
	}
}
