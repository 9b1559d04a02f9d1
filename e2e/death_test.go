//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestDeathAndAftercare: on a phone, a case manager records that a child
// whose care plan named home as the preferred place of death died at
// home — after a date before the birth and one in the future were refused
// at the field, saving nothing. The child's open tasks are offered for
// closing and closed in one step (one kept); the home nursing ends at the
// date of death; "overleden op" takes the place of the age; the first
// aftercare contact is the caseload's next contact. The time of death is
// corrected and the history shows both. The mother reads the aftercare
// plan on her own page, without the child's tasks (a provider's page is
// tested over HTTP: TestDeathReceivingSide). Finally case
// management ends with a reason, and the file stays readable.
func TestDeathAndAftercare(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	svc := a.careService()
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	today := a.today()
	birth := today.AddDate(-6, 0, 0)
	fam := a.createFamily(cm, "Sam de Boer", birth)
	mother := a.addParent(cm, fam, "Eva de Boer", "moeder", "eva@gezin.test", true)
	eva := a.newUser("Eva de Boer", "eva@gezin.test", care.RoleFamily, true)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: mother.ID, Email: eva.Email, Name: eva.Name}, eva)
	brother := &care.Member{FamilyID: fam, Kind: "sibling", Name: "Daan de Boer", Relation: "broer"}
	if err := svc.AddMember(ctx, a.actor(cm), brother); err != nil {
		t.Fatal(err)
	}
	grief := &care.NetworkMember{FamilyID: fam, Name: "Het Lichtpunt", Role: "psychologist", Phone: "010-7654321", Bereavement: true}
	a.addNetworkMember(cm, grief)
	nursing := &care.CoverageItem{FamilyID: fam, Kind: "home_nursing", Description: "Wijkverpleging", Applicant: "casemanager"}
	if err := svc.AddCoverageItem(ctx, a.actor(cm), nursing, &care.CoveragePeriod{Law: care.LawZvw, Form: "zin",
		Status: care.CoverageGranted, HoursPerWeek: 12, Start: today.AddDate(-1, 0, 0), End: today.AddDate(0, 6, 0)}); err != nil {
		t.Fatal(err)
	}
	a.seedPlan(cm, fam) // home as the preferred place of death, and five open actions
	records := func() []care.DeathRecord {
		t.Helper()
		rs, err := a.store.DeathRecords(ctx, fam)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	path := func(rest string) string { return fmt.Sprintf("/families/%d%s", fam, rest) }
	died := today.AddDate(0, 0, -1)

	b := newBrowser(t, phone)
	tb := b.newTab(a)
	tb.login(cm)
	tb.open(path(""))
	tb.click("#death-link")
	tb.wantPath(path("/death"))
	tb.click("#death-record")
	if !tb.checked(radio("preferred_place", "home")) {
		tb.fail("the preferred place of death is not taken from the care plan")
	}

	// A date before the birth, then one in the future: refused at the field.
	tb.setDate("#died_on", isoDate(birth.AddDate(0, 0, -3)))
	tb.setDate("#died_time", "03:10") // a time field takes its value as the picker sets it
	tb.choose(radio("place", "home"))
	tb.choose(radio("preferred_met", "yes"))
	tb.submitForm()
	tb.wantFieldError("died_on", "De datum van overlijden ligt vóór de geboortedatum van het kind.")
	if !tb.checked(radio("place", "home")) || tb.value("#died_time") != "03:10" {
		tb.fail("the form lost what was typed")
	}
	tb.screenshot("death-form-phone")
	tb.setDate("#died_on", isoDate(today.AddDate(0, 0, 2)))
	tb.submitForm()
	tb.wantFieldError("died_on", "De datum van overlijden kan niet in de toekomst liggen.")
	if n := len(records()); n != 0 {
		tb.fail("%d death records after refused forms, want 0", n)
	}
	if f := a.file(fam); f.Family.Deceased {
		tb.fail("a refused form marked the child deceased")
	}

	tb.setDate("#died_on", isoDate(died))
	tb.submitForm()
	tb.wantPath(path("/death"))
	tb.wantText("#saved", "Het overlijden is vastgelegd. De nazorg is gepland.")
	tb.wantText("#died-line", "Overleden op "+dutchDate(died)+" om 03:10")
	tb.wantText("#died-preferred", "Thuis · gelukt")

	// The open tasks, offered for closing: one kept, the others closed at once.
	if n := tb.count("#tasks-form input[name=task]:checked"); n != 5 {
		tb.fail("%d open tasks offered for closing, want 5", n)
	}
	keep := a.openTasks(fam)[0]
	tb.step("keep one task", chromedp.Click(chromedp.CSS(fmt.Sprintf("#task-%d", keep.ID))))
	tb.click("#tasks-close")
	tb.wantText("#saved", "De gekozen taken zijn afgesloten.")
	if open := a.openTasks(fam); len(open) != 1 || open[0].ID != keep.ID {
		tb.fail("open tasks after closing = %+v, want only %q", open, keep.Title)
	}

	// The home nursing ended at the date of death, with its history kept.
	tb.wantTextContains("#coverage-ended", "Wijkverpleging")
	tb.wantTextContains("#coverage-ended", "beëindigd per "+dutchDate(died))
	items, err := a.store.CoverageItems(ctx, fam)
	if err != nil || len(items) != 1 || items[0].Current().Status != care.CoverageEnded || !items[0].Current().End.Equal(died) {
		tb.fail("coverage after the death = %+v, %v", items, err)
	}

	// The aftercare: the first follow-up six weeks after the death.
	first := died.AddDate(0, 0, 42)
	tb.wantText("#aftercare-next", "Volgend nazorgcontact: "+dutchDate(first))
	tb.screenshot("death-phone")

	// The family page and the caseload: the date of death where the age was.
	tb.open(path(""))
	tb.wantText("#died-on", "Overleden op "+dutchDate(died))
	tb.wantTextContains("#next-contact", dutchDate(first))
	tb.open("/families")
	tb.wantText(fmt.Sprintf("#family-%d .age", fam), "Overleden op "+dutchDate(died))
	tb.wantTextContains(fmt.Sprintf("#family-%d .next", fam), dutchDate(first))
	if n := tb.count(fmt.Sprintf("#family-%d .top-signal:not([data-code=aftercare_contact_due])", fam)); n != 0 {
		tb.fail("the caseload warns of more than aftercare for a child who died")
	}

	// Correct the time of death: the reason is asked, the history kept.
	tb.open(path("/death"))
	tb.click("#death-correct")
	tb.setDate("#died_time", "04:10")
	tb.submitForm()
	tb.wantFieldError("reason", "Vul dit veld in.")
	tb.fill("#reason", "Tijd verkeerd overgenomen van het formulier van de huisarts")
	tb.submitForm()
	tb.wantText("#saved", "De correctie is opgeslagen.")
	tb.wantText("#died-line", "Overleden op "+dutchDate(died)+" om 04:10")
	tb.openDetails("#death-history summary")
	if n := tb.count("#death-history .death-version"); n != 2 {
		tb.fail("%d versions in the history, want 2", n)
	}
	tb.wantTextContains("#death-history", "Tijd verkeerd overgenomen")
	if rs := records(); len(rs) != 2 || rs[1].DiedTime != "03:10" || rs[0].DiedTime != "04:10" {
		tb.fail("records = %+v", rs)
	}

	// The mother reads the aftercare plan, in plain words, and no tasks.
	et := b.newTab(a)
	et.login(eva)
	et.open(fmt.Sprintf("/my/families/%d", fam))
	et.wantText("#died-on", "Overleden op "+dutchDate(died))
	et.wantText("#aftercare-h", "Nazorg voor jullie")
	et.wantText("#aftercare-next", "We nemen contact met jullie op rond "+dutchDate(first)+".")
	et.wantTextContains("#aftercare-people", "Voor jullie als ouders")
	et.wantTextContains("#aftercare-people", "Voor Daan de Boer")
	et.wantTextContains("#aftercare-people", "Steun bij het rouwen: Het Lichtpunt")
	if n := et.count("#tasks"); n != 0 {
		et.fail("the family still sees the child's tasks")
	}
	et.screenshot("aftercare-family-phone")

	// End case management after the aftercare, with a reason.
	tb.open(path("/death"))
	tb.click("#end-submit")
	tb.wantFieldError("end-reason", "Vul dit veld in.")
	tb.fill("#end-reason", "Nazorg afgerond; het gezin heeft eigen steun gevonden.")
	tb.click("#end-submit")
	tb.wantText("#saved", "Het casemanagement is beëindigd.")
	tb.wantText("#ended-line", "Casemanagement beëindigd op "+dutchDate(today))
	if ep := a.file(fam).Episode; ep == nil || ep.Status != "ended" {
		tb.fail("episode after ending = %+v", ep)
	}
	tb.open(path(""))
	tb.wantText("#died-on", "Overleden op "+dutchDate(died))
}

// openTasks reads the family's open tasks straight from the database.
func (a *app) openTasks(fam int64) []care.Task {
	a.t.Helper()
	ts, err := a.store.Tasks(context.Background(), fam, care.TaskQuery{Status: "open"})
	if err != nil {
		a.t.Fatal(err)
	}
	return ts
}
