package web

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/report"
)

// reportCases are the report page with figures (anonymised, with a
// death), and with bad input.
func reportCases(s *Server, base func(string) BasePage) map[string]any {
	d := func(m time.Month, day int) time.Time { return time.Date(2026, m, day, 0, 0, 0, 0, time.UTC) }
	in := report.Input{Period: report.Period{From: d(1, 1), To: d(3, 31)}}
	for i := range 6 {
		in.Children = append(in.Children, report.Child{FamilyID: int64(i + 1), Groups: []string{"Netwerk Zuid"}, Sex: "female",
			BirthDate: d(1, 1).AddDate(-i*3, 0, 0), ICD10: "G71.0", ReferralDate: d(1, 1), Status: "accepted", PreferredPlace: "home"})
		in.Contacts = append(in.Contacts, report.Contact{FamilyID: int64(i + 1), Group: "Netwerk Zuid", Date: d(2, 1+i),
			Kind: "home_visit", With: "both", DurationMin: 60, TravelMin: 20, RegistrationMin: 10})
	}
	in.Deaths = []report.Death{{FamilyID: 1, DiedOn: d(3, 2), Place: "home", PreferredKnown: true, PreferredMet: true}}
	r := report.Compute(in)
	r.Anonymise()
	p := &ReportPage{BasePage: base("report.title"), Report: r, Scopes: care.ReportScopes(care.RoleCoordinator),
		From: "2026-01-01", To: "2026-03-31", Scope: care.ReportRegion}
	s.fillReport(p, "Netwerk Zuid", "zuidwest")
	bad := &ReportPage{BasePage: base("report.title"), Scopes: care.ReportScopes(care.RoleCoordinator), From: "2026-03-01",
		To: "2026-02-01", Scope: care.ReportRegion, Errors: Fields{"to": "report.to_before_from", "scope": "report.no_region"}}
	return map[string]any{"reports": p, "reports_errors": bad}
}
