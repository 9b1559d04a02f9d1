package web

import (
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// deathFile has a corrected death record at home with the preferred place
// met, open tasks, coverage ended at the date, and an aftercare plan for
// the parents and a brother with one contact done.
func deathFile(today time.Time) *care.DeathFile {
	died := today.AddDate(0, -2, 0)
	by := care.Person{AccountID: 1, Name: "Carla"}
	first := care.DeathRecord{ID: 1, FamilyID: 7, DiedOn: died, DiedTime: "03:10", Place: care.DeathHome, PreferredPlace: care.DeathHome,
		PreferredMet: "yes", QualityNote: "Rustig, met iedereen erbij.", RecordedAt: today, RecordedBy: by}
	fix := first
	fix.ID, fix.Corrects, fix.DiedTime, fix.Reason = 2, 1, "04:10", "Tijd verkeerd overgenomen"
	return &care.DeathFile{
		Family: care.Family{ID: 7, ChildName: "Mila", BirthDate: today.AddDate(-6, 0, 0), Deceased: true, DeceasedOn: died}, Today: today,
		Records: []care.DeathRecord{fix, first}, PlanPreferred: care.DeathHome,
		OpenTasks: []care.Task{{ID: 3, FamilyID: 7, Title: "Rolstoel ophalen", Status: "open", DueDate: died}},
		EndedCoverage: []care.CoverageItem{{ID: 4, Kind: "home_nursing", Description: "Wijkverpleging",
			Periods: []care.CoveragePeriod{{Status: care.CoverageEnded, End: died}}}},
		Aftercare: &care.Aftercare{
			People: []care.AftercarePerson{{ID: 1, NetworkID: 5, Supporter: "Dr. Jansen", SupporterPhone: "010-1234567", Wishes: "Rust"},
				{ID: 2, MemberID: 9, MemberName: "Daan", Supporter: "Rouwcentrum"}},
			Contacts: []care.AftercareContact{{ID: 1, DueOn: died.AddDate(0, 0, 42), DoneOn: today, DoneBy: by},
				{ID: 2, DueOn: died.AddDate(0, 3, 0), Note: "thuis"}, {ID: 3, DueOn: died.AddDate(1, 0, 0)}},
		},
		Siblings: []care.Member{{ID: 9, Kind: "sibling", Name: "Daan", Relation: "broer"}},
		Network:  []care.NetworkMember{{ID: 5, Name: "Dr. Jansen", Organisation: "Huisartsen Oost", Bereavement: true}},
		Episode:  &care.Episode{Status: "accepted"},
		Offsets:  care.DefaultAftercareOffsets,
	}
}

// deathCases are the death page recorded, before the death, with errors
// sent back and after case management ended; the family page, caseload,
// family view and provider view of a child who died; and the death form
// new and as a correction, with errors.
func deathCases(base func(title string) BasePage) (map[string]any, []*FormPage) {
	today := care.DateOf(time.Now())
	cp := CarePage{BasePage: base("death.title"), Today: today}
	df := deathFile(today)
	full := &DeathPage{CarePage: cp, File: df, Base: "/families/7", Saved: "death.saved.recorded"}
	full.Plan = form.EncodeAftercare(df.Aftercare)
	sentBack := &DeathPage{CarePage: cp, File: df, Base: "/families/7", TasksError: "death.tasks_none_chosen", EndReason: "x", EndError: "field.required",
		Plan: url.Values{"people.0.member": {"parents"}, "contacts.0.due_on": {"2020-01-01"}}, PlanErrs: Fields{"contacts.0.due_on": "aftercare.before_death"}}
	ended := *df
	ended.Episode = &care.Episode{Status: "ended", StatusDate: today, StatusNote: "Nazorg afgerond"}
	endedPage := &DeathPage{CarePage: cp, File: &ended, Base: "/families/7"}
	endedPage.Plan = form.EncodeAftercare(df.Aftercare)
	before := &DeathPage{CarePage: cp, File: &care.DeathFile{Family: care.Family{ID: 8, ChildName: "Noor"}, Today: today, Aftercare: &care.Aftercare{}},
		Base: "/families/8", Plan: url.Values{}, Rule: "death.not_recorded"}
	famFamily := df.Family
	famFamily.Intensity = care.Waakvlam
	fam := &FamilyPage{CarePage: cp, File: &care.File{Family: famFamily}}
	caseload := &CaseloadPage{CarePage: cp, Items: []care.CaseloadItem{{FamilyID: 7, ChildName: "Mila", Intensity: care.Regular, Deceased: true,
		DeceasedOn: df.Family.DeceasedOn}, {FamilyID: 8, ChildName: "Bas", Intensity: care.Regular, Deceased: true}}}
	fv := &FamilyViewPage{CarePage: CarePage{BasePage: baseAs(base("familyview.title"), care.RoleFamily), Today: today}, Base: "/my/families/7"}
	fv.Ov = &care.FamilyOverview{File: care.File{Family: df.Family}, Rule: care.RuleParents, Aftercare: df.Aftercare}
	fv.TaskList = newTaskList(care.ViewFamily, fv.Base, nil, 0, today)
	prov := &ProviderPage{CarePage: CarePage{BasePage: baseAs(base("provider.title"), care.RoleProvider), Today: today},
		File: &care.ProviderFile{Family: df.Family, Scope: care.ScopeFile}, Base: "/provider/families/7",
		TaskList: newTaskList(care.ViewProvider, "/provider/families/7", nil, 0, today)}
	cases := map[string]any{"death": full, "death_sentback": sentBack, "death_ended": endedPage, "death_before": before,
		"admin_settings_aftercare": &AdminSettingsPage{BasePage: base("coverage_view.settings.title"), Window: "8",
			Aftercare: AftercareDefaultsForm{Offsets: "6 weken", Error: "aftercare.offsets_invalid", Saved: true}},
		"family_deceased": fam, "caseload_deceased": caseload, "familyview_deceased": fv, "provider_deceased": prov}

	errs := Fields{"died_on": "death.before_birth", "died_time": "death.time_invalid", "place": "field.choose",
		"preferred_met": "death.met_without_preferred", "reason": "field.required"}
	var forms []*FormPage
	for _, f := range []struct {
		title string
		file  *care.DeathFile
		v     url.Values
	}{
		{"death.record_title", before.File, url.Values{"died_on": {"2026-01-01"}}},
		{"death.correct_title", df, form.EncodeDeath(&df.Records[0])},
	} {
		b := base(f.title)
		p := &FormPage{CarePage: CarePage{BasePage: b, Today: today}, Builder: form.NewBuilder(b.translator, f.v, errs), Heading: f.title, Submit: "form.save"}
		deathForm(p, f.file)
		forms = append(forms, p)
	}
	return cases, forms
}
