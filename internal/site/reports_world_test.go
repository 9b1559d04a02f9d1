package site_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// TestReportPages: a case manager registers contacts with registration
// time on the contact form; the coordinator's start page is the region's
// report, with a chart and the table of the same figures; the CSV and
// JSON downloads hold the figures; nothing on the page or in a download
// names a child, a date of birth or free text; and the coordinator is
// refused the family's page. The administrator sets the region.
func TestReportPages(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		cm, acc := a.CaseManager("kct@example.org")
		actor := care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: a.Org, AccessPoint: "test"}
		secrets := []string{}
		var fams []int64
		for i, name := range []string{"Sanne de Vries", "Bram Jansen", "Lotte Bakker", "Noor Visser", "Eva Peters"} {
			birth := time.Date(2012+i, time.Month(3+i), 10+i, 0, 0, 0, 0, time.UTC)
			id, err := a.Care.CreateFamily(ctx, actor, care.Intake{
				Family: care.Family{ChildName: name, BirthDate: birth, Sex: "female", Intensity: care.Regular, ICD10: "G71.0", Diagnosis: "Spierziekte",
					Summary: "Samenvatting " + name},
				Episode: care.Episode{ReferralDate: care.DateOf(a.Clock.Now()).AddDate(0, -2, 0), SurpriseQuestion: "unknown",
					Status: "accepted", StatusDate: care.DateOf(a.Clock.Now()).AddDate(0, -2, 0), Reason: "Reden " + name},
				Kind: "kct",
			})
			if err != nil {
				t.Fatal(err)
			}
			fams = append(fams, id)
			secrets = append(secrets, name, birth.Format("2006-01-02"), "Samenvatting "+name, "Reden "+name)
		}
		// The contact form takes the registration time.
		p := cm.Post("/families/"+strconv.FormatInt(fams[0], 10)+"/contacts", url.Values{"date": {a.Day(0, 0, -3)},
			"kind": {"home_visit"}, "with": {"both"}, "duration": {"50"}, "travel": {"20"}, "registration": {"12"},
			"topics": {"Gesprek over de nachten"}})
		if p.StatusCode != http.StatusSeeOther {
			t.Fatalf("contact: %d %s", p.StatusCode, p.Within("error-summary"))
		}
		secrets = append(secrets, "Gesprek over de nachten")
		bad := cm.Post("/families/"+strconv.FormatInt(fams[0], 10)+"/contacts", url.Values{"date": {a.Day(0, 0, -1)},
			"kind": {"phone"}, "with": {"parent"}, "registration": {"2000"}})
		if bad.StatusCode != http.StatusUnprocessableEntity || bad.FieldError("registration") == "" || bad.Value("registration") != "2000" {
			t.Errorf("a registration time over a day: %d, error %q, value %q", bad.StatusCode, bad.FieldError("registration"), bad.Value("registration"))
		}

		// The administrator sets the organisation's region.
		_, adminSecret := a.Account("beheer@example.org", care.RoleAdmin, true)
		admin := a.Client()
		admin.Login("beheer@example.org", adminSecret)
		if got := admin.Get("/admin/settings").Options("region"); strings.Join(got, ",") != ",noord,oost,midden,noordwest,west,zuidwest,zuid" {
			t.Errorf("region options = %q", got)
		}
		free := admin.Post("/admin/settings/region", url.Values{"region": {"Regio Zuidwest"}})
		if free.StatusCode != http.StatusUnprocessableEntity || free.FieldError("region") == "" {
			t.Errorf("a region that is none of the kaart's: %d %q", free.StatusCode, free.FieldError("region"))
		}
		if p := admin.Post("/admin/settings/region", url.Values{"region": {" zuidwest "}}); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("region: %d", p.StatusCode)
		}
		if got := admin.Get("/admin/settings").Selected("region"); got != "zuidwest" {
			t.Errorf("region shown = %q", got)
		}

		_, coordSecret := a.Account("nik@example.org", care.RoleCoordinator, true)
		coord := a.Client()
		coord.Login("nik@example.org", coordSecret)
		home := coord.Get("/")
		if home.StatusCode != http.StatusOK || home.Within("key-children") != "5" || home.Within("key-contacts") != "1" {
			t.Fatalf("coordinator's start page: %d, children %q, contacts %q", home.StatusCode, home.Within("key-children"), home.Within("key-contacts"))
		}
		if !strings.Contains(home.Within("report-scope"), "Regio Zuidwest") || !home.Present("anonymised") {
			t.Errorf("scope %q", home.Within("report-scope"))
		}
		svg := home.ByID("fig-sex")
		if svg == nil || !strings.Contains(home.HTML, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"`) ||
			!strings.Contains(sitetest.Text(home.ByID("table-sex")), "5") || !strings.Contains(sitetest.Text(home.ByID("table-months")), "1") {
			t.Errorf("charts and tables missing")
		}
		if home.InlineScripts() != 0 {
			t.Errorf("the report page runs scripts")
		}
		csvLink, jsonLink := home.HrefAt("download-csv"), home.HrefAt("download-json")
		csv := coord.Get(csvLink)
		if csv.StatusCode != http.StatusOK || !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(csv.HTML, "children,total,5\n") || !strings.Contains(csv.HTML, "minutes,registration,12\n") {
			t.Errorf("CSV %s: %d %q\n%s", csvLink, csv.StatusCode, csv.Header.Get("Content-Type"), csv.HTML)
		}
		js := coord.Get(jsonLink)
		if js.StatusCode != http.StatusOK || !strings.Contains(js.HTML, `"registration_minutes": 12`) {
			t.Errorf("JSON %s: %d\n%s", jsonLink, js.StatusCode, js.HTML)
		}
		own := cm.Get("/reports/registration")
		if own.StatusCode != http.StatusOK || own.Within("key-children") != "5" || own.Present("anonymised") ||
			!strings.Contains(sitetest.Text(own.ByID("table-time")), "12") {
			t.Errorf("the case manager's own report: %d %q", own.StatusCode, own.Within("key-children"))
		}
		for _, out := range []*sitetest.Page{home, csv, js, own, coord.Get("/reports/registration?scope=organisation")} {
			for _, s := range secrets {
				if strings.Contains(out.HTML, s) {
					t.Errorf("%s holds %q", out.Request.URL, s)
				}
			}
		}
		// The downloads are of the period shown.
		picked := coord.Get("/reports/registration?from=" + a.Day(0, 0, -10) + "&to=" + a.Day(0, 0, 0) + "&scope=region")
		if got := coord.Get(picked.HrefAt("download-csv")); !strings.Contains(got.HTML, "period,from,"+a.Day(0, 0, -10)+"\n") {
			t.Errorf("the CSV of %s is of another period:\n%s", picked.HrefAt("download-csv"), got.HTML)
		}
		// Bad input: the message at the field, what was typed kept.
		badPeriod := coord.Get("/reports/registration?from=2026-03-01&to=2026-02-01")
		if badPeriod.StatusCode != http.StatusUnprocessableEntity || badPeriod.FieldError("to") == "" || badPeriod.Value("to") != "2026-02-01" {
			t.Errorf("a period backwards: %d %q", badPeriod.StatusCode, badPeriod.FieldError("to"))
		}
		if p := coord.Get("/families/" + strconv.FormatInt(fams[0], 10)); p.StatusCode != http.StatusNotFound {
			t.Errorf("the coordinator opened a family page: %d", p.StatusCode)
		}
	})
}
