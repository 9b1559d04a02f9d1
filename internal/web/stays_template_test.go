package web

import (
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// stayFile has where the child is now (acute, PICU), earlier stays of
// every shape, a correction and the admission figures.
func stayFile(today time.Time) *care.StayFile {
	day := func(n int) time.Time { return today.AddDate(0, 0, n) }
	stays := []care.Stay{
		{ID: 3, FamilyID: 7, Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: "Sophia", Acute: true, Note: "Via de SEH", Start: day(-3)},
		{ID: 2, FamilyID: 7, Kind: care.StayRespite, Place: "Logeerhuis De Vlinder", Start: day(-20), End: day(-18)},
		{ID: 1, FamilyID: 7, Kind: care.StayHome, Place: "om de week bij vader", Start: day(-400), End: day(-3)},
		{ID: 4, FamilyID: 7, Kind: care.StayGeneralHospital, Start: day(-500), End: day(-499)},
	}
	return &care.StayFile{Family: care.Family{ID: 7, ChildName: "Sam"}, Viewer: care.ViewerCaseManager, Today: today,
		Stays: stays, Current: &stays[0], Figures: care.AdmissionFigures(stays, today),
		Corrections: []care.Correction{{ObjectType: care.CorrectStay, ObjectID: 1, ChangedAt: today, ChangedBy: care.Person{Name: "Carla"},
			Previous: map[string]string{"end": "", "kind": "respite", "unit": "ward", "acute": "1", "place": "x", "start": "2026-01-01"}}},
	}
}

// staysCases are the stays page full, empty and with the end form sent
// back, the family page, caseload, family view and provider view with
// where the child is, and the form of a stay new and corrected, with
// errors.
func staysCases(base func(title string) BasePage) (map[string]any, []*FormPage) {
	today := care.DateOf(time.Now())
	cp := CarePage{BasePage: base("stays.title"), Today: today}
	sf := stayFile(today)
	full := &StaysPage{CarePage: cp, File: sf, Base: "/families/7", Saved: "stays.saved.added", EndValue: "2026-13-01", EndError: "date.invalid"}
	empty := &StaysPage{CarePage: cp, File: &care.StayFile{Family: care.Family{ID: 8, ChildName: "Noor"}, Today: today,
		Figures: care.AdmissionFigures(nil, today)}, Base: "/families/8"}
	home := &care.Stay{ID: 9, Kind: care.StayHome, Start: today}
	fam := &FamilyPage{CarePage: cp, File: &care.File{Family: care.Family{ID: 7, ChildName: "Sam", Intensity: care.Regular}, Stay: sf.Current}}
	famHome := &FamilyPage{CarePage: cp, File: &care.File{Family: care.Family{ID: 7, ChildName: "Sam", Intensity: care.Regular}, Stay: home}}
	caseload := &CaseloadPage{CarePage: cp, Items: []care.CaseloadItem{{FamilyID: 7, ChildName: "Sam", Intensity: care.Regular, Stay: sf.Current},
		{FamilyID: 8, ChildName: "Noor", Intensity: care.Regular, Stay: home}}}
	fv := func(child bool, s *care.Stay) *FamilyViewPage {
		p := &FamilyViewPage{CarePage: CarePage{BasePage: baseAs(base("familyview.title"), care.RoleFamily), Today: today}, Base: "/my/families/7"}
		p.Ov = &care.FamilyOverview{File: care.File{Family: care.Family{ID: 7, ChildName: "Sam"}, Stay: s}, IsChild: child, Rule: care.RuleParents}
		p.TaskList = newTaskList(care.ViewFamily, p.Base, nil, 0, today)
		return p
	}
	prov := &ProviderPage{CarePage: CarePage{BasePage: baseAs(base("provider.title"), care.RoleProvider), Today: today},
		File: &care.ProviderFile{Family: care.Family{ID: 7, ChildName: "Sam"}, Scope: care.ScopeFile, Stay: sf.Current}, Base: "/provider/families/7",
		TaskList: newTaskList(care.ViewProvider, "/provider/families/7", nil, 0, today)}
	cases := map[string]any{"stays": full, "stays_empty": empty, "family_stay": fam, "family_stayhome": famHome, "caseload_stays": caseload,
		"familyview_stay": fv(false, sf.Current), "familyview_stayhome": fv(false, &care.Stay{Kind: care.StayHome, Place: "bij vader", Start: today}),
		"familyview_staychild": fv(true, sf.Current), "provider_stay": prov}

	errs := Fields{"kind": "field.choose", "start": "stays.overlap", "end": "stays.end_before_start", "acute": "stays.acute_home", "place": "field.required"}
	var forms []*FormPage
	for _, f := range []struct {
		title string
		stay  int64
		v     url.Values
	}{
		{"stays.new_title", 0, url.Values{"start": {"2026-01-01"}}},
		{"stays.edit_title", 1, form.EncodeStay(&sf.Stays[2])},
	} {
		b := base(f.title)
		p := &FormPage{CarePage: CarePage{BasePage: b, Today: today}, Builder: form.NewBuilder(b.translator, f.v, errs), Heading: f.title, Submit: "form.save"}
		if err := stayForm(p, sf, f.stay); err != nil {
			panic(err)
		}
		forms = append(forms, p)
	}
	return cases, forms
}
