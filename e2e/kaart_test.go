//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestKaartRespite: the regional coordinator puts a respite house on the
// sociale kaart (after a form refused for an age range upside down, that
// keeps what was typed); on a phone, the case manager of a child on
// ventilation who needs respite searches the kaart from the family's
// network, finds the house and adds it to the network in one step, and
// sees it there; the child's mother then finds it, as involved, on the
// kaart of her region. The coordinator's white spots then name the gap: no
// respite for children on ventilation, and a need for respite without
// a service.
func TestKaartRespite(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	svc := a.careService()
	if err := a.store.SetOrganisationRegion(ctx, a.org, "midden"); err != nil {
		t.Fatal(err)
	}
	coord := a.newUser("Ria Bos", "ria.bos@netwerk.test", care.RoleCoordinator, true)
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	fam := a.createFamily(cm, "Jesse Mulder", a.today().AddDate(-6, 0, 0))
	need := &care.CoverageItem{FamilyID: fam, Kind: "respite", Applicant: "casemanager", Description: "Logeren met beademing"}
	if err := svc.AddCoverageItem(ctx, a.actor(cm), need, &care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageToApply}); err != nil {
		t.Fatal(err)
	}
	hospice := &care.DirectoryEntry{Name: "Kinderhospice Binnenhof", Kind: care.ServiceHospice, Region: "midden", MaxAge: 23,
		Capabilities: care.ServiceCapabilities, Capacity: care.CapacityWaitlist}
	if err := svc.SaveDirectoryEntry(ctx, a.actor(coord), hospice); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, phone)
	ct := b.newTab(a)
	ct.login(coord)
	ct.open("/kaart")
	ct.click("#entry-new")
	ct.wantPath("/kaart/new")
	ct.fill("#name", "Logeerhuis De Vlinder")
	ct.selectOption("#kind", care.ServiceRespite)
	ct.selectOption("#region", "midden")
	ct.fill("#phone", "030 123 45 67")
	ct.fill("#min_age", "12")
	ct.fill("#max_age", "4")
	ct.fill("#offers", "Logeren in het weekend, ook met sonde.")
	ct.choose("#tube_feeding")
	ct.selectOption("#capacity", care.CapacityAvailable)
	ct.submitForm()
	ct.wantFieldError("max_age", "De hoogste leeftijd is lager dan de laagste.")
	if got := ct.value("#name"); got != "Logeerhuis De Vlinder" || !ct.checked("#tube_feeding") {
		ct.fail("the form lost what was typed: name %q, tube feeding %v", got, ct.checked("#tube_feeding"))
	}
	ct.fill("#min_age", "0")
	ct.fill("#max_age", "18")
	ct.submitForm()
	ct.wantText("#saved", "De dienst is opgeslagen.")
	es, err := a.store.DirectoryEntries(ctx, care.DirectoryQuery{Need: care.ServiceRespite})
	if err != nil || len(es) != 1 {
		t.Fatalf("respite entries = %+v, %v", es, err)
	}
	vlinder := es[0]

	// The case manager, from the family's network, on a phone.
	tb := b.newTab(a)
	tb.login(cm)
	tb.open(fmt.Sprintf("/families/%d", fam))
	tb.click("#network-kaart-link")
	tb.wantPath(fmt.Sprintf("/families/%d/network/kaart", fam))
	tb.selectOption("#need", care.ServiceRespite)
	tb.selectOption("#capability", care.CapVentilation)
	tb.click("#kaart-search-submit")
	tb.wantText("#results-empty", "Geen dienst gevonden. Zoek in een andere regio of zonder voorwaarde.")
	tb.selectOption("#capability", "")
	tb.click("#kaart-search-submit")
	if q := tb.url().Query(); q.Get("need") != "respite" || q.Get("region") != "midden" {
		tb.fail("search %v, want respite in the own region", q)
	}
	entry := fmt.Sprintf("#entry-%d", vlinder.ID)
	tb.wantText(entry+"-h", "Logeerhuis De Vlinder")
	tb.wantText(entry+"-capacity", "Plek vrij")
	if n := tb.count(".entry"); n != 1 {
		tb.fail("%d services found, want the respite house only", n)
	}
	tb.screenshot("kaart-phone")
	tb.click(entry + "-add")
	tb.wantPath(fmt.Sprintf("/families/%d", fam))
	tb.wantTextContains("#network-table", "Logeerhuis De Vlinder")
	tb.wantTextContains("#network-table", "030 123 45 67")
	tb.open(fmt.Sprintf("/families/%d/network/kaart?need=respite", fam))
	tb.wantText(entry+"-in-network", "In het netwerk")

	// Jesse's mother finds the house on the kaart of her region, in her
	// words, as already involved.
	mother := a.addParent(cm, fam, "Sanne Mulder", "moeder", "sanne@gezin.test", true)
	sanne := a.newUser("Sanne Mulder", "sanne@gezin.test", care.RoleFamily, true)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: mother.ID, Email: sanne.Email, Name: sanne.Name}, sanne)
	mt := b.newTab(a)
	mt.login(sanne)
	mt.open(fmt.Sprintf("/my/families/%d", fam))
	mt.click("#kaart-link")
	mt.wantText("h1", "Zorg en steun bij jullie in de buurt")
	mt.wantTextContains(entry+"-h", "Logeerhuis De Vlinder") // every kind of service, at first
	mt.open(fmt.Sprintf("/my/families/%d/kaart?need=respite", fam))
	if mt.count(".entry") != 1 {
		mt.fail("%d services of respite, want 1", mt.count(".entry"))
	}
	mt.wantText(entry+"-h", "Logeerhuis De Vlinder")
	mt.wantText(entry+"-in-network", "Al betrokken bij jullie")
	mt.screenshot("kaart-family-phone")

	// The coordinator's white spots.
	ct.open("/kaart")
	ct.click("#white-spots-link")
	ct.wantPath("/kaart/white-spots")
	region := ct.text("#region-midden")
	for _, want := range []string{
		"Logeeropvang en respijtzorg: niemand biedt beademing",
		"Kinderthuiszorg", // no home care in the region at all
		"minder dan 5",    // Jesse's respite need, without a name
	} {
		if !strings.Contains(region, want) {
			ct.fail("white spots of Midden %q lack %q", region, want)
		}
	}
	if strings.Contains(region, "Jesse") {
		ct.fail("the white spots name a child")
	}
	if over := eval[bool](ct, `document.documentElement.scrollWidth > window.innerWidth`); over {
		ct.fail("the white spots are wider than the phone")
	}
	ct.screenshot("kaart-white-spots-phone")
}
