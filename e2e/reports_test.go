//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestRegistrationReport: on a phone, a case manager registers a home
// visit with its travel and registration time. The regional coordinator
// logs in on a desktop and lands on the region's report; picks the period;
// sees the figures as a chart with the table beside it, the contact's
// registration time among them; downloads the CSV in the same browser
// session and finds the figures and no child's name in it; and is refused
// the family's page.
func TestRegistrationReport(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	if err := a.store.SetOrganisationRegion(ctx, a.org, "oost"); err != nil {
		t.Fatal(err)
	}
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	coord := a.newUser("Ria Jansen", "ria.jansen@nik.test", care.RoleCoordinator, true)
	today := a.today()
	names := []string{"Daan Hermans", "Noor Kramer", "Thijs Bakker", "Lotte de Boer", "Femke Wierenga", "Yara El Amrani"}
	var fams []int64
	for i, name := range names {
		fams = append(fams, a.createFamily(cm, name, today.AddDate(-3-2*i, -i, 0)))
	}
	// An earlier phone call, registered without registration time.
	if err := a.careService().AddContact(ctx, a.actor(cm), &care.Contact{FamilyID: fams[1], Date: today, Kind: "phone",
		With: "parent", DurationMin: 20}); err != nil {
		t.Fatal(err)
	}

	// 1. The case manager registers a home visit on her phone.
	b := newBrowser(t, phone)
	ct := b.newTab(a)
	ct.login(cm)
	ct.open(fmt.Sprintf("/families/%d/contacts/new", fams[0]))
	ct.choose(radio("kind", "home_visit"))
	ct.choose(radio("with", "both"))
	ct.fill("#duration", "45")
	ct.fill("#travel", "30")
	ct.fill("#registration", "15")
	ct.fill("#topics", "Slapen en eten; Daan is moe")
	ct.click(`form.care-form button[type="submit"]`)
	ct.wantPath(fmt.Sprintf("/families/%d", fams[0]))
	if c := a.file(fams[0]).Contacts[0]; c.RegistrationMin != 15 || c.TravelMin != 30 {
		t.Fatalf("stored contact = %+v", c)
	}
	// Her own report, from her menu: her caseload as it is.
	ct.click("#nav-reports")
	ct.wantPath("/reports/registration")
	ct.wantText("#key-children", "6")
	if n := ct.count("#anonymised"); n != 0 {
		t.Errorf("a case manager's own caseload is anonymised")
	}

	// 2. The coordinator lands on the region's report.
	d := newBrowser(t, desktop)
	rt := d.newTab(a)
	rt.login(coord)
	rt.wantText("h1", "Registratie van casemanagement")
	rt.wantTextContains("#report-scope", "Regio Oost")
	from := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	rt.setDate("#from", isoDate(from))
	rt.setDate("#to", isoDate(today))
	rt.click("#report-submit")
	if u := rt.url(); u.Path != "/reports/registration" || u.Query().Get("from") != isoDate(from) || u.Query().Get("scope") != "region" {
		t.Errorf("the period picker went to %s", u)
	}
	rt.wantTextContains("#report-scope", "Regio Oost")
	rt.wantText("#key-children", "6")
	rt.wantText("#key-contacts", "2")
	rt.wantTextContains("#anonymised", "<5")
	// A chart with its text alternative, and the table beside it.
	if n := rt.count(`#fig-months svg[role="img"] title`); n != 1 {
		t.Errorf("%d titled charts of contacts per month, want 1", n)
	}
	desc := eval[string](rt, `document.querySelector("#fig-months svg desc").textContent`)
	if !strings.Contains(desc, "2") {
		t.Errorf("the chart's description %q does not say its figures", desc)
	}
	rt.wantTextContains("#table-months tbody", "2")
	spent := rt.text("#table-time")
	for _, want := range []string{"Registratietijd 15", "Reistijd 30", "Duur van contacten 65"} {
		if !strings.Contains(strings.Join(strings.Fields(spent), " "), want) {
			t.Errorf("time table %q lacks %q", spent, want)
		}
	}
	rt.wantTextContains("#table-age", "<5") // one or two children in each band
	rt.wantTextContains("#fig-deaths", "Overleden in de periode")
	if strings.Contains(rt.text("#fig-deaths"), "beschikbaar") {
		t.Error("the figures of death are said to be unavailable")
	}
	page := rt.text("main")
	for _, name := range names {
		if strings.Contains(page, name) {
			t.Errorf("the report page names %s", name)
		}
	}
	rt.screenshot("report-desktop")
	rt.wantNoOverflow("report page")

	// 3. The CSV, fetched in the coordinator's own session.
	got := eval[string](rt, `(() => {
		const x = new XMLHttpRequest();
		x.open("GET", document.querySelector("#download-csv").href, false);
		x.send();
		return x.status + " " + x.getResponseHeader("Content-Type") + "\n" + x.responseText;
	})()`)
	head, csv, _ := strings.Cut(got, "\n")
	if head != "200 text/csv; charset=utf-8" {
		t.Errorf("CSV download: %s", head)
	}
	for _, want := range []string{"section,item,value", "period,from," + isoDate(from), "children,total,6", "contacts,total,2",
		"minutes,registration,15", "minutes,travel,30", "children_sex,male,6", "deaths,total,0"} {
		if !strings.Contains(csv, want+"\n") {
			t.Errorf("CSV lacks %q:\n%s", want, csv)
		}
	}
	for _, secret := range append(names, "Slapen en eten", "Aangemeld door de kinderarts") {
		if strings.Contains(csv, secret) {
			t.Errorf("the CSV holds %q", secret)
		}
	}

	// 4. The coordinator is refused the family's page.
	wantStatus(t, rt.open(fmt.Sprintf("/families/%d", fams[0])), http.StatusNotFound)

	// 5. The report on a phone: the key figures first, nothing wider than the screen.
	rt.emulate(phone)
	rt.open("/")
	rt.wantText("#key-children", "6")
	rt.screenshot("report-phone")
	rt.wantNoOverflow("report page on a phone")
}
