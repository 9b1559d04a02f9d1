//go:build e2e

package e2e

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/site"
)

// TestFamilyReadsCoverage follows what the case manager recorded of a
// family's coverage to the people who read it: the mother on her phone
// (in Dutch and in English, with the decision letter to download), the GP
// with consent for the whole file, and home care whose consent covers the
// plan and the network only, who does not see it.
func TestFamilyReadsCoverage(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	svc := a.careService()
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	today := a.today()
	fam := a.createFamily(cm, "Noor Visser", today.AddDate(-9, -2, 0))
	gpN := &care.NetworkMember{FamilyID: fam, Name: "Dr. Huisman", Role: "gp", Line: 1, Email: "huisman@praktijk.test"}
	homeN := &care.NetworkMember{FamilyID: fam, Name: "Thuiszorg Oost", Role: "homecare", Line: 1, Email: "team@thuiszorg.test"}
	a.addNetworkMember(cm, gpN)
	a.addNetworkMember(cm, homeN)
	mother := a.addParent(cm, fam, "Eva Visser", "moeder", "eva@gezin.test", true)
	eva := a.newUser("Eva Visser", "eva@gezin.test", care.RoleFamily, true)
	gp := a.newUser("Dr. Huisman", "huisman@praktijk.test", care.RoleProvider, true)
	home := a.newUser("Thuiszorg Oost", "team@thuiszorg.test", care.RoleProvider, true)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: mother.ID, Email: eva.Email, Name: eva.Name}, eva)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkProvider, NetworkMemberID: gpN.ID, Email: gp.Email, Name: gp.Name}, gp)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkProvider, NetworkMemberID: homeN.ID, Email: home.Email, Name: home.Name}, home)
	if err := svc.SetConsent(ctx, a.actor(eva), fam, gpN.ID, true, care.ScopeFile); err != nil {
		t.Fatal(err)
	}
	a.setConsent(eva, fam, homeN.ID, true) // the plan and the network

	// What the case manager recorded.
	nursing := &care.CoverageItem{FamilyID: fam, Kind: "home_nursing", Description: "Verpleging overdag, door de week", NetworkMemberID: homeN.ID, Applicant: "casemanager"}
	end := today.AddDate(0, 5, 0)
	if err := svc.AddCoverageItem(ctx, a.actor(cm), nursing, &care.CoveragePeriod{Law: care.LawWmo, Form: "zin", Status: care.CoverageGranted,
		HoursPerWeek: 16, Start: today.AddDate(0, -7, 0), End: end}); err != nil {
		t.Fatal(err)
	}
	respite := &care.CoverageItem{FamilyID: fam, Kind: "respite", Description: "Logeren in het kinderzorghuis", Applicant: "parents"}
	due := today.AddDate(0, 0, 30)
	if err := svc.AddCoverageItem(ctx, a.actor(cm), respite, &care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageObjection,
		Start: today.AddDate(0, -1, 0), AppliedOn: today.AddDate(0, -3, 0), DecidedOn: today.AddDate(0, -1, 0),
		ObjectionFiledOn: today.AddDate(0, 0, -12), ObjectionDue: due}); err != nil {
		t.Fatal(err)
	}
	chair := &care.Aid{FamilyID: fam, Kind: "wheelchair", Description: "Elektrische rolstoel", Via: care.LawWmo, Status: care.AidAssessed,
		Requested: today.AddDate(0, 0, -51), Assessed: today.AddDate(0, 0, -20)}
	if err := svc.SaveAid(ctx, a.actor(cm), chair); err != nil {
		t.Fatal(err)
	}
	letter, err := svc.AttachCoverageDocument(ctx, a.actor(cm), fam, nursing.ID, 0, "decision",
		&care.Upload{FileName: "beschikking-wmo.pdf", Content: []byte("%PDF-1.4\n% beschikking\n")})
	if err != nil {
		t.Fatal(err)
	}
	my := "/my/families/" + strconv.FormatInt(fam, 10)
	item := "#coverage-" + strconv.FormatInt(nursing.ID, 10)
	b := newBrowser(t, desktop)

	// 1. The mother, on her phone, from her family's page.
	et := b.newTab(a)
	et.emulate(phone)
	et.login(eva)
	et.open(my)
	et.click("#coverage-link")
	et.wantPath(my + "/coverage")
	et.wantText("h1", "Wie betaalt welke zorg voor Noor Visser")
	// What needs attention first: the objection, then the rest.
	et.wantTextContains("#coverage-attention", "Bezwaar loopt: 1")
	et.wantTextContains("#coverage-items .coverage-item:first-of-type", "Logeren in het kinderzorghuis")
	et.wantTextContains("#coverage-"+strconv.FormatInt(respite.ID, 10)+"-objection", "Uiterlijk "+dutchDate(due))
	et.wantText(item+"-payer", "de gemeente (Wmo)")
	et.wantTextContains(item+"-form", "zorg in natura")
	et.wantText(item+"-amount", "16 uur per week")
	et.wantText(item+"-until", "tot en met "+dutchDate(end))
	et.wantText(item+"-arranger", "De casemanager")
	et.wantTextContains(item, "Thuiszorg Oost")
	et.wantTextContains("#coverage-"+strconv.FormatInt(respite.ID, 10)+"-form", "eigen budget (pgb)")
	et.wantTextContains("#aid-"+strconv.FormatInt(chair.ID, 10), "jullie wachten nu 51 dagen")
	et.wantTextContains("#aid-"+strconv.FormatInt(chair.ID, 10), "langer dan 6 weken")
	doc := "#document-" + strconv.FormatInt(letter.ID, 10)
	et.wantText(doc, "beschikking-wmo.pdf")
	if href := eval[string](et, `document.querySelector("`+doc+`").getAttribute("href")`); href != my+"/coverage/documents/"+strconv.FormatInt(letter.ID, 10) {
		t.Errorf("letter links to %q", href)
	}
	et.screenshot("coverage-family-phone-nl")
	et.wantNoOverflow("coverage on a phone")
	// The letter comes as a download, not as a page.
	// Without a login the letter is not there: the link leads to the login.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(a.URL + my + "/coverage/documents/" + strconv.FormatInt(letter.ID, 10))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the letter without a login: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	et.click(".lang-switch button")
	et.wantText("h1", "Who pays for which care for Noor Visser")
	et.wantText(item+"-payer", "the municipality (Wmo)")
	et.wantNoOverflow("coverage on a phone in English")
	et.screenshot("coverage-family-phone-en")

	// 2. The GP, with consent for the whole file: the page without the letters.
	gt := b.newTab(a)
	gt.login(gp)
	prov := "/provider/families/" + strconv.FormatInt(fam, 10)
	gt.open(prov)
	gt.click("#coverage-link")
	gt.wantPath(prov + "/coverage")
	gt.wantText(item+"-payer", "de gemeente (Wmo)")
	gt.wantText(item+"-form", "Zorg in natura (ZIN)")
	if n := gt.count(doc); n != 0 {
		t.Error("the GP sees the family's letter")
	}

	// 3. Home care, whose consent covers the plan and the network only.
	ht := b.newTab(a)
	ht.login(home)
	ht.open(prov)
	if n := ht.count("#coverage-link"); n != 0 {
		t.Error("home care's page links to the coverage")
	}
	wantStatus(t, ht.open(prov+"/coverage"), http.StatusNotFound)
	if n := ht.count(item); n != 0 {
		t.Error("home care sees the coverage")
	}
}

// TestTransitionChecklistForThijs: Thijs Bakker of the demo is 17 years
// and 8 months old. His case manager sees on his page what changes at 18,
// with the youth care that ends then, leaves out the step about a mentor,
// names the doctor's step herself, and accepts: the tasks are on his page.
func TestTransitionChecklistForThijs(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	var thijs *demo.Family
	fams := demo.Families(a.clock.Now())
	for i := range fams {
		if fams[i].ChildName == "Thijs Bakker" {
			thijs = &fams[i]
		}
	}
	if thijs == nil {
		t.Fatal("no Thijs Bakker in the demo")
	}
	birth := thijs.CareFamily().BirthDate
	if age := care.AgeOn(birth, a.today()); age != 17 {
		t.Fatalf("Thijs is %d", age)
	}
	fam := a.createFamily(cm, thijs.ChildName, birth)
	youth := &care.CoverageItem{FamilyID: fam, Kind: "personal_care", Description: "Begeleiding thuis na school", Applicant: "casemanager"}
	if err := a.careService().AddCoverageItem(ctx, a.actor(cm), youth, &care.CoveragePeriod{Law: care.LawJeugdwet, Form: "zin",
		Status: care.CoverageGranted, HoursPerWeek: 6, Start: a.today().AddDate(-1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	path := "/families/" + strconv.FormatInt(fam, 10)
	b := newBrowser(t, desktop)
	tb := b.newTab(a)
	tb.emulate(phone)
	tb.login(cm)
	tb.open(path)
	tb.wantTextContains("#transition-h", "Thijs Bakker wordt 18 op "+dutchDate(care.Eighteenth(birth)))
	tb.wantTextContains("#transition-jeugdwet", "Begeleiding thuis na school")
	tb.screenshot("transition-closed-phone")
	tb.step("open the steps", chromedp.Click(chromedp.CSS("#transition-open")))
	if !tb.checked("#representation_take") || !tb.checked("#coverage_take") {
		t.Error("the steps are not checked by default")
	}
	if got := tb.value("#doctor_due_date"); got != isoDate(care.TransitionDue(birth, a.clock.Now())) {
		t.Errorf("due date %q", got)
	}
	tb.wantNoOverflow("turning-18 checklist on a phone")
	tb.screenshot("transition-checklist-phone")
	tb.step("leave out the mentor", chromedp.Click(chromedp.CSS("#representation_take")))
	tb.fill("#doctor_title", "Overdracht naar de longarts voor volwassenen")
	tb.click("#transition-accept")
	tb.wantPath(path)
	tb.wantTextContains("#transition-accepted", "Afgesproken op "+dutchDate(a.today())+" door Carla Visser")
	tb.wantTextContains("#tasks", "Overdracht naar de longarts voor volwassenen")
	tb.wantTextContains("#tasks", "Wlz-indicatie of Wmo-ondersteuning aanvragen voor na 18")
	if n := tb.count("#transition-done-representation"); n != 0 {
		t.Error("the step left out is listed as agreed")
	}
	if n := tb.count("#transition-form"); n != 0 {
		t.Error("the accepted checklist still asks")
	}
}
