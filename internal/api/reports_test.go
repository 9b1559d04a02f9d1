package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAPIRegistrationReport: a contact's registration time goes in and
// out of the contacts API and counts in GET /api/v1/reports/registration;
// the case manager's caseload is shown as it is, each run is one audit
// record; bad parameters are a 400 naming them; a provider gets 404, and
// no login 401. The answer holds no name or free text of the family.
func TestAPIRegistrationReport(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		mine, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		fam := apiCreated(t, mine.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		apiCreated(t, mine.API("POST", apiFamilyPath(fam, "/contacts"), map[string]any{
			"date": apiDay(now, -2), "kind": "home_visit", "with": "both", "duration_min": 60, "travel_min": 25,
			"registration_min": 7, "topics": "Slaap en voeding",
		}))
		contacts := apiWant(t, mine.API("GET", apiFamilyPath(fam, "/contacts"), nil), 200, "")
		if got := apiAt(contacts, "contacts", 0, "registration_min"); got != float64(7) {
			t.Errorf("registration_min = %v, want 7", got)
		}
		apiWantFields(t, mine.API("POST", apiFamilyPath(fam, "/contacts"), map[string]any{
			"date": apiDay(now, -1), "kind": "phone", "with": "parent", "registration_min": -1,
		}), map[string]string{"registration_min": "contact.minutes"})

		before := auditCount(t, a)
		path := "/api/v1/reports/registration?from=" + apiDay(now, -40) + "&to=" + apiDay(now, 0)
		raw := mine.API("GET", path, nil)
		v := apiWant(t, raw, 200, "")
		for _, c := range []struct {
			path []any
			want any
		}{
			{[]any{"scope"}, "caseload"}, {[]any{"anonymised"}, false}, {[]any{"children", "total"}, float64(1)},
			{[]any{"contacts", "total"}, float64(1)}, {[]any{"contacts", "duration_minutes"}, float64(60)},
			{[]any{"contacts", "travel_minutes"}, float64(25)}, {[]any{"contacts", "registration_minutes"}, float64(7)},
			{[]any{"children", "diagnosis_chapter", "VI"}, float64(1)}, {[]any{"deaths", "total"}, float64(0)},
			{[]any{"deaths", "aftercare"}, float64(0)},
		} {
			if got := apiAt(v, c.path...); got != c.want {
				t.Errorf("%v = %v, want %v", c.path, got, c.want)
			}
		}
		if n := auditCount(t, a) - before; n != 1 {
			t.Errorf("%d audit records, want 1", n)
		}
		for _, secret := range []string{"Noor", "2019-03-14", "Slaap en voeding", "Zwolle", "Toenemende zorgvraag"} {
			if strings.Contains(string(raw.Raw), secret) {
				t.Errorf("the report holds %q", secret)
			}
		}

		for _, tc := range []struct {
			query string
			field string
		}{
			{"?from=2026-02-30", "from"}, {"?to=gisteren", "to"}, {"?from=2026-03-01&to=2026-02-01", "to"},
			{"?scope=world", "scope"}, {"?from=2019-01-01&to=2026-01-01", "to"},
		} {
			e := apiWant(t, mine.API("GET", "/api/v1/reports/registration"+tc.query, nil), 400, "bad_request")
			msg, _ := apiAt(e, "error", "message").(string)
			if apiAt(e, "error", "fields", tc.field) == nil || !strings.Contains(msg, tc.field) {
				t.Errorf("%s: error %v does not name %s", tc.query, e, tc.field)
			}
		}
		apiWant(t, mine.API("GET", "/api/v1/reports/registration?format=xml", nil), 400, "bad_request")
		// A case manager reports over their own caseload only.
		apiWant(t, mine.API("GET", "/api/v1/reports/registration?scope=region", nil), 404, "not_found")

		coord, secret := a.Account("nik@regio.example", care.RoleCoordinator, true)
		c := a.Client()
		c.Login(coord.Email, secret)
		e := apiWant(t, c.API("GET", "/api/v1/reports/registration", nil), 400, "bad_request")
		if apiAt(e, "error", "fields", "scope") != "report.no_region" {
			t.Errorf("a coordinator without a region: %v", e)
		}
		if err := a.Store.SetOrganisationRegion(context.Background(), coord.OrganisationID, "oost"); err != nil {
			t.Fatal(err)
		}
		v = apiWant(t, c.API("GET", path, nil), 200, "")
		if apiAt(v, "anonymised") != true || apiAt(v, "children", "total") != "<5" {
			t.Errorf("the coordinator's region: %v", v)
		}

		gp, gpSecret := a.Account("huisarts@example.org", care.RoleProvider, true)
		p := a.Client()
		p.Login(gp.Email, gpSecret)
		apiWant(t, p.API("GET", "/api/v1/reports/registration", nil), 404, "not_found")
		apiWant(t, a.Client().API("GET", "/api/v1/reports/registration", nil), 401, "unauthorized")
	})
}
