package web

import (
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// coverageFile is a coverage plan with an item in every state, a cut, an
// objection, corrections, documents, aids on their way and a gap.
func coverageFile(today time.Time) *care.CoverageFile {
	by := care.Person{AccountID: 1, Name: "Carla"}
	day := func(n int) time.Time { return today.AddDate(0, 0, n) }
	doc := care.Document{ID: 9, FileName: "beschikking.pdf", Kind: "decision", UploadedAt: today, Size: 2048}
	return &care.CoverageFile{
		Family: care.Family{ID: 7, ChildName: "Sam", BirthDate: today.AddDate(-17, -2, 0)}, Viewer: care.ViewerCaseManager,
		Today: today, WindowWeeks: 8,
		Items: []care.CoverageItem{
			{ID: 1, Kind: "night_care", Description: "Drie nachten", ProviderName: "Thuiszorg West", Applicant: "casemanager", Goals: []string{"i1"},
				Documents: []care.Document{doc},
				Periods: []care.CoveragePeriod{
					{ID: 1, Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 20, Start: day(-400), End: day(-36)},
					{ID: 2, Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 12.5, Start: day(-35), End: day(35), Reference: "CIZ-1", IndicatedBy: "ciz", Note: "Korting"},
				}},
			{ID: 2, Kind: "personal_care", Applicant: "parents", Periods: []care.CoveragePeriod{{Law: care.LawJeugdwet, Form: "pgb", Status: care.CoverageGranted, AmountCents: 245000, Start: day(-100)}}},
			{ID: 3, Kind: "respite", Applicant: "provider", Periods: []care.CoveragePeriod{{Law: care.LawWmo, Form: "zin", Status: care.CoverageObjection, AppliedOn: day(-60), DecidedOn: day(-30), ObjectionFiledOn: day(-20), ObjectionDue: day(22)}}},
			{ID: 4, Kind: "other", Description: "Zwemles", Applicant: "parents", Periods: []care.CoveragePeriod{{Law: care.LawUnknown, Form: "zin", Status: care.CoverageApplied, AppliedOn: day(-3)}}},
			{ID: 5, Kind: "transport", Applicant: "casemanager", Periods: []care.CoveragePeriod{{Law: care.LawWmo, Form: "zin", Status: care.CoverageGranted, Start: day(-300), End: day(-2)}}},
			{ID: 6, Kind: "bereavement", Applicant: "casemanager", Periods: []care.CoveragePeriod{{Law: care.LawOther, Form: "zin", Status: care.CoverageRefused}}},
		},
		Aids: []care.Aid{
			{ID: 1, Kind: "stair_lift", Via: care.LawWmo, Status: care.AidAssessed, Requested: day(-60), Assessed: day(-10), Supplier: "Liftco", Documents: []care.Document{doc}},
			{ID: 2, Kind: "wheelchair", Description: "Elektrisch", Via: care.LawZvw, Status: care.AidDelivered, Requested: day(-90), Delivered: day(-5), ReplaceBy: day(700), Note: "Groeit mee"},
			{ID: 3, Kind: "bed", Via: care.LawWlz, Status: care.AidCancelled, Requested: day(-9)},
		},
		Summary: care.CoverageSummary{Ending: 1, Lapsed: 1, ObjectionsDue: 1, AidsWaiting: 1},
		Goals:   []care.PlanGoal{{ID: "i1", Dimension: care.DimPhysical, Text: "Goed slapen", NeedsCare: true}, {ID: "i2", Dimension: care.DimSocial, Text: "Naar school", NeedsCare: true}},
		Gaps:    []care.PlanGoal{{ID: "i2", Dimension: care.DimSocial, Text: "Naar school", NeedsCare: true}},
		Network: []care.NetworkMember{{ID: 3, Name: "Thuiszorg West", Role: "homecare", Organisation: "Zorg BV"}},
		Corrections: []care.Correction{
			{ObjectType: care.CorrectCoverageItem, ObjectID: 1, ChangedAt: today, ChangedBy: by, Previous: map[string]string{
				"status": "applied", "hours": "20", "amount": "245000", "law": "wmo", "start": "2026-01-01", "goals": "i1,i9", "network_member": "3", "kind": "respite", "form": "pgb", "applicant": "parents", "indicated_by": "ciz", "end": ""}},
			{ObjectType: care.CorrectAid, ObjectID: 1, ChangedAt: today, ChangedBy: by, Previous: map[string]string{"status": "requested", "via": "zvw", "kind": "bed", "assessed": ""}},
		},
	}
}

// coverageCases are the coverage page full, empty and with an upload
// sent back, the family page and caseload with coverage warnings, and
// every coverage form with errors.
func coverageCases(base func(title string) BasePage) (map[string]any, []*FormPage) {
	today := care.DateOf(time.Now())
	cp := CarePage{BasePage: base("coverage.title"), Today: today}
	cf := coverageFile(today)
	full := &CoveragePage{CarePage: cp, File: cf, Base: "/families/7", Saved: "coverage.saved.added",
		Upload: UploadForm{For: "item-1", Kind: "decision", Errors: Fields{"document": "document.type", "document_kind": "field.required"}}}
	empty := &CoveragePage{CarePage: cp, File: &care.CoverageFile{Family: care.Family{ID: 8, ChildName: "Noor"}, Today: today, WindowWeeks: 8}, Base: "/families/8"}
	fam := &FamilyPage{CarePage: cp, File: &care.File{Family: care.Family{ID: 7, ChildName: "Sam", Intensity: care.Regular},
		Coverage: care.CoverageOverview{Items: 6, Aids: 3, Summary: care.CoverageSummary{Ending: 1, Lapsed: 2, ObjectionsDue: 1, AidsWaiting: 1}}}}
	famQuiet := &FamilyPage{CarePage: cp, File: &care.File{Family: care.Family{ID: 7, ChildName: "Sam", Intensity: care.Regular}, Coverage: care.CoverageOverview{Items: 1}}}
	caseload := &CaseloadPage{CarePage: cp, Items: []care.CaseloadItem{{FamilyID: 7, ChildName: "Sam", Intensity: care.Regular,
		Coverage: care.CoverageSummary{Ending: 1, Lapsed: 1, ObjectionsDue: 1, AidsWaiting: 2}}}}
	cases := map[string]any{"coverage": full, "coverage_empty": empty, "family_coverage": fam, "family_coveragequiet": famQuiet, "caseload_coverage": caseload}

	errs := Fields{"kind": "field.choose", "hours": "coverage.hours_invalid", "amount": "coverage.amount_invalid", "end": "coverage.end_before_start",
		"goals": "field.choose", "network_member": "field.choose", "objection_due": "coverage.due_before_filed", "requested": "aid.before_requested",
		"delivered": "aid.delivered_required", "start": "coverage.renewal_before_previous"}
	var forms []*FormPage
	for _, f := range []struct {
		title string
		fill  coverageForm
		v     url.Values
	}{
		{"coverage.new_title", newItemForm, url.Values{"hours": {"12,5"}, form.GoalPrefix + "i1": {"1"}}},
		{"coverage.edit_title", editItemForm(1), form.EncodeCoverage(&cf.Items[0], cf.Items[0].Current())},
		{"coverage.renew_title", renewForm(1), form.EncodePeriod(cf.Items[0].Current())},
		{"coverage.aid_new_title", aidForm(0), url.Values{}},
		{"coverage.aid_edit_title", aidForm(1), form.EncodeAid(&cf.Aids[0])},
	} {
		b := base(f.title)
		p := &FormPage{CarePage: CarePage{BasePage: b, Today: today}, Builder: form.NewBuilder(b.translator, f.v, errs), Heading: f.title, Submit: "form.save"}
		onCoverage(p, cf)
		if err := f.fill(p, cf); err != nil {
			panic(err)
		}
		forms = append(forms, p)
	}
	return cases, forms
}

var coverageStates = []string{string(care.StateRunning), string(care.StateEnding), string(care.StateLapsed),
	string(care.StateArranging), string(care.StateObjection), string(care.StateStopped)}
