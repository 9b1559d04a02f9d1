package care

import (
	"testing"
	"time"
)

func TestParseReportQuery(t *testing.T) {
	today := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	d := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name, from, to, scope string
		role                  Role
		want                  ReportQuery
		errs                  FieldErrors
	}{
		{"defaults", "", "", "", RoleCoordinator, ReportQuery{From: d(2025, 7, 1), To: d(2026, 6, 15), Scope: ReportRegion}, nil},
		{"case manager default", "", "", "", RoleCaseManager, ReportQuery{From: d(2025, 7, 1), To: d(2026, 6, 15), Scope: ReportCaseload}, nil},
		{"typed", " 2026-01-01 ", "2026-03-31", "organisation", RoleAdmin, ReportQuery{From: d(2026, 1, 1), To: d(2026, 3, 31), Scope: ReportOrganisation}, nil},
		{"one day", "2026-01-01", "2026-01-01", "", RoleAdmin, ReportQuery{From: d(2026, 1, 1), To: d(2026, 1, 1), Scope: ReportOrganisation}, nil},
		{"no date", "1-1-2026", "2026-13-01", "", RoleAdmin, ReportQuery{}, FieldErrors{"from": "date.invalid", "to": "date.invalid"}},
		{"backwards", "2026-03-01", "2026-02-01", "", RoleAdmin, ReportQuery{}, FieldErrors{"to": "report.to_before_from"}},
		{"too long", "2020-01-01", "2026-01-02", "", RoleAdmin, ReportQuery{}, FieldErrors{"to": "report.too_long"}},
		{"five years", "2021-01-01", "2026-01-01", "", RoleAdmin, ReportQuery{From: d(2021, 1, 1), To: d(2026, 1, 1), Scope: ReportOrganisation}, nil},
		{"far future", "2030-01-01", "2030-02-01", "", RoleAdmin, ReportQuery{}, FieldErrors{"from": "date.too_old"}},
		{"unknown scope", "", "", "world", RoleCoordinator, ReportQuery{}, FieldErrors{"scope": "field.choose"}},
		{"provider has no default", "", "", "", RoleProvider, ReportQuery{}, FieldErrors{"scope": "field.choose"}},
	} {
		got, err := ParseReportQuery(tc.from, tc.to, tc.scope, tc.role, today)
		if tc.errs != nil {
			fe, _ := err.(FieldErrors)
			if len(fe) != len(tc.errs) {
				t.Errorf("%s: errors %v, want %v", tc.name, err, tc.errs)
			}
			for k, v := range tc.errs {
				if fe[k] != v {
					t.Errorf("%s: %s = %q, want %q", tc.name, k, fe[k], v)
				}
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s = %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
}

// FuzzParseReportQuery: whatever is typed, the query is either refused
// with field errors or a period of at most MaxReportMonths in order.
func FuzzParseReportQuery(f *testing.F) {
	for _, s := range [][3]string{{"", "", ""}, {"2026-01-01", "2026-03-31", "region"}, {"2026-02-30", "x", "caseload"}} {
		f.Add(s[0], s[1], s[2])
	}
	today := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, from, to, scope string) {
		q, err := ParseReportQuery(from, to, scope, RoleCoordinator, today)
		if err != nil {
			if _, ok := err.(FieldErrors); !ok {
				t.Fatalf("error %v is no FieldErrors", err)
			}
			return
		}
		if q.To.Before(q.From) || q.From.AddDate(0, MaxReportMonths, 0).Before(q.To) {
			t.Fatalf("period %v to %v accepted", q.From, q.To)
		}
		if q.Scope != ReportCaseload && q.Scope != ReportOrganisation && q.Scope != ReportRegion {
			t.Fatalf("scope %q accepted", q.Scope)
		}
	})
}
