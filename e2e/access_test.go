//go:build e2e

package e2e

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

const (
	msgInviteUsed    = "Met deze link is al een account gemaakt. Heb je dat zelf gedaan? Log dan in. Zo niet, vraag je casemanager dan om een nieuwe uitnodiging."
	msgInviteUnknown = "We kennen deze uitnodigingslink niet. Misschien is hij niet helemaal goed overgenomen: controleer de link, of vraag je casemanager om een nieuwe uitnodiging."
	msgInviteExpired = "Een uitnodiging werkt 7 dagen. Vraag je casemanager om een nieuwe uitnodiging."
	msgWaiting       = "Wacht op toestemming van het gezin"
	msgConsentSaved  = "Je keuze is opgeslagen en geldt meteen."
)

// TestInvitationConsentAndAccessLog follows a family's file being shared:
// the case manager invites a parent and the GP; each makes an account from
// the link and sets up a second factor. The GP sees nothing of the family
// until the parent gives consent, and loses the view the moment the parent
// withdraws it. Last the parent reads who looked at the file, and narrows
// that list to a period.
func TestInvitationConsentAndAccessLog(t *testing.T) {
	a := newApp(t, site.Config{})
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	today := a.today()
	const child = "Sam de Wit"
	fam := a.createFamily(cm, child, today.AddDate(-7, -3, 0))
	const parentName, parentEmail = "Eva de Wit", "eva.dewit@gezin.test"
	parent := a.addParent(cm, fam, parentName, "moeder", parentEmail, true)
	const gpName, gpEmail, gpPhone = "Dr. Anouk de Boer", "a.deboer@delinde.test", "030 123 45 67"
	const gpTasks = "Herhaalrecepten en huisbezoek bij koorts"
	gp := &care.NetworkMember{FamilyID: fam, Name: gpName, Role: "gp", Organisation: "Huisartsenpraktijk De Linde", Line: 1,
		Phone: gpPhone, Email: gpEmail, Reachability: "Werkdagen 8–17 uur via de praktijklijn", Responsibilities: gpTasks}
	a.addNetworkMember(cm, gp)

	familyPath := fmt.Sprintf("/families/%d", fam)
	viewPath := fmt.Sprintf("/my/families/%d", fam)
	providerPath := fmt.Sprintf("/provider/families/%d", fam)
	consentSel := fmt.Sprintf("#consent-%d", gp.ID)
	b := newBrowser(t, desktop)

	// 1. The case manager invites the parent from the family page.
	ct := b.newTab(a)
	ct.login(cm)
	ct.open(familyPath)
	ct.wantText("h1", child)
	ct.wantTextContains(fmt.Sprintf("#member-%d", parent.ID), "gezag")
	ct.wantText("#invite-link", "Uitnodigen voor Spil")
	ct.click("#invite-link")
	ct.wantPath(familyPath + "/invite")
	ct.wantTextContains("h1", "Uitnodigen voor Spil")
	if n := ct.count(radio("kind", "child")); n != 0 {
		t.Errorf("the invite form offers an account to a child of 7")
	}
	ct.choose(radio("kind", "parent"))
	ct.selectOption("#member", strconv.FormatInt(parent.ID, 10))
	// Name and address stay empty: they come from the file.
	wantStatus(t, ct.submitForm(), http.StatusOK)
	parentLink := ct.inviteLink(child)
	ct.wantTextContains("#invitation-link-hint", parentName+" ("+parentEmail+")")
	inv := a.invitation(parentLink)
	if inv.Kind != care.LinkParent || inv.MemberID != parent.ID || inv.Name != parentName || inv.Email != parentEmail ||
		inv.CreatedBy != cm.ID || !inv.UsedAt.IsZero() || inv.ExpiresAt.Sub(inv.CreatedAt) != care.InvitationValidity {
		t.Errorf("stored invitation = %+v", inv)
	}
	ct.wantTextContains("#invitation-link-hint", "Hij werkt tot "+dutchDate(inv.ExpiresAt.In(care.Amsterdam)))

	// 2. The parent, on a phone in a browser of their own, makes the account.
	pt := b.newTab(a)
	pt.emulate(phone)
	pt.acceptInvitation(parentLink, parentName, parentEmail)
	pt.enrolMFA()
	pt.wantText("h1", "Welkom, "+parentName)
	pt.wantText("#open-family", "Naar het overzicht van "+child)
	pt.click("#open-family")
	pt.wantPath(viewPath)
	pt.wantText("h1", "Alles rond "+child)
	pt.wantText("#call-h", "Wie bel ik?")
	callSel := fmt.Sprintf("#call-%d", gp.ID)
	pt.wantTextContains(callSel, gpName)
	pt.wantText(callSel+" a.call-phone", gpPhone)
	pt.wantText("#network-h", "Wie doet wat?")
	netSel := fmt.Sprintf("#network #network-%d", gp.ID)
	pt.wantTextContains(netSel, gpName)
	pt.wantTextContains(netSel, "huisarts · Huisartsenpraktijk De Linde")
	pt.wantTextContains(netSel, gpTasks)
	pt.wantText("#cm-kct", "Carla Visser")
	parentAcc := a.accountByEmail(parentEmail)
	if parentAcc == nil || parentAcc.Role != care.RoleFamily || parentAcc.Name != parentName || !parentAcc.MFAEnrolled() ||
		parentAcc.OrganisationID != a.org {
		t.Fatalf("the parent's account = %+v", parentAcc)
	}
	if l := a.link(parentAcc.ID, fam); l == nil || l.Kind != care.LinkParent || l.MemberID != parent.ID {
		t.Errorf("the parent's link to the family = %+v", l)
	}
	if inv := a.invitation(parentLink); inv.UsedAt.IsZero() || inv.AccountID != parentAcc.ID {
		t.Errorf("the parent's invitation after use = %+v", inv)
	}
	pt.wantNoOverflow("family view on a phone")
	pt.screenshot("familyview-phone")

	// 3. The case manager invites the GP from the network table.
	ct.click(fmt.Sprintf(`main .actions a.button[href=%q]`, familyPath))
	ct.wantPath(familyPath)
	ct.click(fmt.Sprintf("#invite-network-%d", gp.ID))
	ct.wantPath(familyPath + "/invite")
	if !ct.checked(radio("kind", "provider")) {
		t.Error("the GP's invite link does not choose a provider")
	}
	if got, name, email := ct.value("#network_member"), ct.value("#name"), ct.value("#email"); got != strconv.FormatInt(gp.ID, 10) ||
		name != gpName || email != gpEmail {
		t.Errorf("the GP's invite form holds network member %q, name %q, e-mail %q", got, name, email)
	}
	wantStatus(t, ct.submitForm(), http.StatusOK)
	gpLink := ct.inviteLink(child)
	if inv := a.invitation(gpLink); inv.Kind != care.LinkProvider || inv.NetworkMemberID != gp.ID || inv.MemberID != 0 {
		t.Errorf("stored invitation of the GP = %+v", inv)
	}

	// The GP accepts and sees the family greyed out, without its name.
	gt := b.newTab(a)
	gt.acceptInvitation(gpLink, gpName, gpEmail)
	gt.enrolMFA()
	gt.wantText("h1", "Welkom, "+gpName)
	gt.wantText("#home-linked h2", "Uw gezinnen")
	if n := gt.count("#open-family"); n != 0 {
		t.Error("the GP's start page offers to open the family before consent")
	}
	gt.wantWaiting(fam, child)
	gt.click("#nav-my")
	gt.wantPath("/my")
	gt.wantText("h1", "Gezinnen")
	gt.wantWaiting(fam, child)
	gpAcc := a.accountByEmail(gpEmail)
	if gpAcc == nil || gpAcc.Role != care.RoleProvider || !gpAcc.MFAEnrolled() {
		t.Fatalf("the GP's account = %+v", gpAcc)
	}
	if l := a.link(gpAcc.ID, fam); l == nil || l.Kind != care.LinkProvider || l.NetworkMemberID != gp.ID {
		t.Errorf("the GP's link to the family = %+v", l)
	}
	gpVisits, gpRefused := 0, 0
	wantStatus(t, gt.open(providerPath), http.StatusNotFound)
	gpRefused++
	gt.wantNotFoundPage(child)

	// 4. The parent gives the GP consent for the care plan and network.
	pt.reload()
	pt.wantText("#consent-h", "Wie mag meekijken?")
	pt.wantText("#consent-rule", "Tot 12 jaar beslissen de ouders met gezag.")
	pt.wantTextContains(consentSel, gpName)
	pt.wantText(consentSel+" .consent-state", "mag niet meekijken")
	pt.wantText(consentSel+" .missing", "Nog nodig: toestemming van de ouders met gezag.")
	pt.wantText(consentSel+" .consent-change > summary", "Toestemming geven of intrekken")
	pt.openDetails(consentSel + " .consent-change > summary")
	if !pt.checked(consentSel + ` input[name="scope"][value="plan_network"]`) {
		t.Error("the consent form does not start at the narrow scope, care plan and network")
	}
	if n := pt.count(consentSel + ` button[value="withdraw"]`); n != 0 {
		t.Error("a withdraw button is offered before any consent was given")
	}
	grant := consentSel + ` button[value="grant"]`
	pt.wantText(grant, "Ja, toestemming geven")
	pt.click(grant)
	pt.wantPath(viewPath)
	if u := pt.url(); u.Query().Get("saved") != "consent" || u.Fragment != strings.TrimPrefix(consentSel, "#") {
		t.Errorf("after the consent at %s, want ?saved=consent%s", u, consentSel)
	}
	pt.wantText("#saved", msgConsentSaved)
	pt.wantTextContains(consentSel+" .consent-state", "mag meekijken")
	pt.wantTextContains(consentSel+" .consent-state", "alleen het zorgplan en het netwerk")
	pt.wantText(consentSel+" .mine", "Jouw keuze: ja, sinds "+dutchDate(today)+" (alleen het zorgplan en het netwerk).")
	if n := pt.count(consentSel + " .missing"); n != 0 {
		t.Error("consent is still said to be missing after the parent gave it")
	}
	recs := a.consents(fam, gp.ID)
	if len(recs) != 1 || !recs[0].Granted || recs[0].Scope != care.ScopePlanNetwork || recs[0].GiverKind != care.GiverParent ||
		recs[0].GivenBy.AccountID != parentAcc.ID {
		t.Errorf("stored consent = %+v", recs)
	}

	// The GP reloads the refused page and now sees the family.
	wantStatus(t, gt.reload(), http.StatusOK)
	gpVisits++
	gt.wantPath(providerPath)
	gt.wantText("#consent-banner", "U ziet dit dossier met toestemming van het gezin (zorgplan en netwerk).")
	gt.wantText("h1", child)
	gt.wantText("#me", gpName+" · huisarts")
	// Only the care plan and the network: no age, diagnoses or tasks.
	gt.wantTextContains("#scope-limited", "alleen het zorgplan en het netwerk")
	if n := gt.count("#age, #diagnosis, #tasks"); n != 0 {
		t.Errorf("the GP with consent for the plan and network sees %d of age, diagnosis and tasks", n)
	}
	if row := gt.networkRow(gpName); !strings.Contains(row[0], "u zelf") || row[1] != "huisarts" || row[3] != gpTasks {
		t.Errorf("the GP's own row in the provider view = %q", row)
	}
	gt.open("/my")
	li := fmt.Sprintf("#linked-%d", fam)
	gt.wantText(li+" a.linked-name", child)
	if href := eval[string](gt, fmt.Sprintf(`document.querySelector("%s a.linked-name").getAttribute("href")`, li)); href != providerPath {
		t.Errorf("the GP's list links the family to %q, want %q", href, providerPath)
	}
	wantStatus(t, gt.open(providerPath), http.StatusOK)
	gpVisits++
	gt.emulate(phone)
	wantStatus(t, gt.reload(), http.StatusOK)
	gpVisits++
	gt.wantText("h1", child)
	gt.wantNoOverflow("provider view on a phone")
	gt.screenshot("provider-view-phone")

	// 5. The parent withdraws the consent; it holds at once.
	pt.openDetails(consentSel + " .consent-change > summary")
	withdraw := consentSel + ` button[value="withdraw"]`
	pt.wantText(withdraw, "Toestemming intrekken")
	pt.click(withdraw)
	pt.wantPath(viewPath)
	pt.wantText("#saved", msgConsentSaved)
	pt.wantText(consentSel+" .consent-state", "mag niet meekijken")
	pt.wantText(consentSel+" .mine", "Jouw keuze: nee, ingetrokken op "+dutchDate(today)+".")
	if recs := a.consents(fam, gp.ID); len(recs) != 2 || recs[1].Granted {
		t.Errorf("stored consent after withdrawal = %+v", recs)
	}
	wantStatus(t, gt.reload(), http.StatusNotFound)
	gpRefused++
	gt.wantNotFoundPage(child)
	gt.open("/my")
	gt.wantWaiting(fam, child)

	// 6. The parent reads who looked at the file.
	pt.wantText("#access-log-link", "Wie heeft ons dossier bekeken?")
	pt.click("#access-log-link")
	logPath := viewPath + "/access-log"
	pt.wantPath(logPath)
	pt.wantTextContains("h1", "Wie heeft ons dossier bekeken?")
	pt.wantText("h1 .subtitle", child)
	pt.wantText("#period", "Van "+dutchDate(today.AddDate(0, 0, -30))+" tot en met "+dutchDate(today))
	rows := pt.accessRows()
	allowed, denied := rowsOf(rows, gpName)
	visits := 0
	// The same look on one day is one line that says how many times.
	times := func(r accessRow) int {
		if _, n, ok := strings.Cut(r.When, "("); ok {
			if k, err := strconv.Atoi(strings.TrimSuffix(n, " keer)")); err == nil {
				return k
			}
		}
		return 1
	}
	refusals := 0
	for _, r := range allowed {
		if r.What == "het dossier bekeken" {
			visits += times(r)
		}
	}
	for _, r := range denied {
		refusals += times(r)
	}
	for _, r := range append(allowed, denied...) {
		if r.Role != "zorgverlener" || !strings.HasPrefix(r.When, dutchDate(today)) {
			t.Errorf("GP row %v, want role zorgverlener and today", r)
		}
	}
	for _, r := range denied {
		if r.What != "het dossier bekeken geweigerd" {
			t.Errorf("refused GP row %v, want ‘het dossier bekeken geweigerd’", r)
		}
	}
	if visits != gpVisits || refusals != gpRefused {
		t.Errorf("the log lists %d visits and %d refusals of the GP, want %d and %d; rows:\n%s",
			visits, refusals, gpVisits, gpRefused, joinRows(rows))
	}
	if own, _ := rowsOf(rows, parentName); len(own) == 0 || own[0].Role != "gezinslid" || own[0].Org != "—" {
		t.Errorf("the parent's own rows = %v, want them with role gezinslid and no organisation", own)
	}
	pt.wantNoOverflow("access log on a phone")
	pt.screenshot("accesslog-phone")

	// A period before today: the GP's visits are not in it.
	from, to := today.AddDate(0, 0, -10), today.AddDate(0, 0, -1)
	pt.setDate("#from", isoDate(from))
	pt.setDate("#to", isoDate(to))
	pt.wantText(`form.period button[type="submit"]`, "Tonen")
	wantStatus(t, pt.click(`form.period button[type="submit"]`), http.StatusOK)
	pt.wantPath(logPath)
	if q := pt.url().Query(); q.Get("from") != isoDate(from) || q.Get("to") != isoDate(to) {
		t.Errorf("period in the URL = %v, want from %s to %s", q, isoDate(from), isoDate(to))
	}
	pt.wantText("#period", "Van "+dutchDate(from)+" tot en met "+dutchDate(to))
	if got := pt.value("#from"); got != isoDate(from) {
		t.Errorf("the from field holds %q after filtering, want %q", got, isoDate(from))
	}
	pt.wantText("#no-entries", "In deze periode heeft niemand het dossier bekeken.")
	if n := pt.count("#access-log"); n != 0 {
		t.Errorf("a period before today still shows %d rows", len(pt.accessRows()))
	}

	// Yesterday and today: the GP's visits are back.
	pt.setDate("#from", isoDate(to))
	pt.setDate("#to", isoDate(today))
	pt.click(`form.period button[type="submit"]`)
	back := 0
	allowed, denied = rowsOf(pt.accessRows(), gpName)
	for _, r := range denied {
		back += times(r)
	}
	if len(allowed) == 0 || back != gpRefused {
		t.Errorf("yesterday and today list %d allowed and %d refused accesses of the GP", len(allowed), back)
	}
}

// TestInvitationLinkRefusals opens links that cannot be used: one that
// made an account already (also from a form opened before that), one with
// a character changed, and one past its seven days.
func TestInvitationLinkRefusals(t *testing.T) {
	a := newApp(t, site.Config{})
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	fam := a.createFamily(cm, "Sam de Wit", a.today().AddDate(-7, 0, 0))
	eva := a.addParent(cm, fam, "Eva de Wit", "moeder", "eva.dewit@gezin.test", true)
	johan := a.addParent(cm, fam, "Johan de Wit", "vader", "johan.dewit@gezin.test", true)
	usedPath := a.invite(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: eva.ID, Name: eva.Name, Email: eva.Email})
	expPath := a.invite(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: johan.ID, Name: johan.Name, Email: johan.Email})
	b := newBrowser(t, desktop)
	submit := `form[action^="/invite/"] button[type="submit"]`

	// Two browsers open the same link; the first makes the account.
	late := b.newTab(a)
	wantStatus(t, late.open(usedPath), http.StatusOK)
	late.wantText("h1", "Je bent uitgenodigd voor Spil")
	b.newTab(a).acceptInvitation(usedPath, eva.Name, eva.Email)
	first := a.accountByEmail(eva.Email)
	if first == nil {
		t.Fatal("no account after accepting the invitation")
	}

	// The link again, in a fresh browser: already used.
	tb := b.newTab(a)
	wantStatus(t, tb.open(usedPath), http.StatusGone)
	tb.wantLang("nl")
	tb.wantText("h1", "Deze uitnodiging is al gebruikt")
	tb.wantText("#invitation-problem", msgInviteUsed)
	if n := tb.count("#password, #repeat"); n != 0 {
		t.Error("the used link still offers the password form")
	}
	tb.wantText("main a.button", "Naar inloggen")
	tb.click("main a.button")
	tb.wantPath("/login")

	// The form opened before the link was used is refused when sent.
	late.fill("#password", password)
	late.fill("#repeat", password)
	wantStatus(t, late.click(submit), http.StatusGone)
	late.wantText("h1", "Deze uitnodiging is al gebruikt")
	late.wantText("#invitation-problem", msgInviteUsed)
	if acc := a.accountByEmail(eva.Email); acc == nil || acc.ID != first.ID || !acc.Active() {
		t.Errorf("after the second try the account of %s is %+v, want the first one, enabled", eva.Email, acc)
	}
	if c := late.cookie(cookieName); c != nil {
		t.Error("the refused second try got a session cookie")
	}

	// One character of the token changed: a link we do not know.
	token := strings.TrimPrefix(expPath, "/invite/")
	swap := "A"
	if strings.HasSuffix(token, "A") {
		swap = "B"
	}
	wantStatus(t, tb.open("/invite/"+token[:len(token)-1]+swap), http.StatusNotFound)
	tb.wantLang("nl")
	tb.wantText("h1", "Deze link werkt niet")
	tb.wantText("#invitation-problem", msgInviteUnknown)
	if n := tb.count("#password, main a.button"); n != 0 {
		t.Error("the unknown link offers a form or the login page")
	}

	// A minute before the seven days are up the link still works; the
	// form sent a minute after is refused, and no account is made.
	a.clock.Advance(care.InvitationValidity - time.Minute)
	et := b.newTab(a)
	wantStatus(t, et.open(expPath), http.StatusOK)
	et.wantText("h1", "Je bent uitgenodigd voor Spil")
	et.fill("#password", password)
	et.fill("#repeat", password)
	a.clock.Advance(2 * time.Minute) // 7 days and 1 minute after the invitation
	wantStatus(t, et.click(submit), http.StatusGone)
	et.wantLang("nl")
	et.wantText("h1", "Deze uitnodiging is verlopen")
	et.wantText("#invitation-problem", msgInviteExpired)
	if n := et.count("#password, main a.button"); n != 0 {
		t.Error("the expired link offers a form or the login page")
	}
	if acc := a.accountByEmail(johan.Email); acc != nil {
		t.Errorf("an expired link made an account: %+v", acc)
	}
	wantStatus(t, tb.open(expPath), http.StatusGone)
	tb.wantText("h1", "Deze uitnodiging is verlopen")
	tb.screenshot("invitation-expired")
}

// wantWaiting fails the test unless the list of the provider's families
// shows family id greyed out, waiting for consent, without the child's
// name or a link.
func (tb *tab) wantWaiting(id int64, child string) {
	tb.t.Helper()
	li := fmt.Sprintf("#linked-%d", id)
	tb.wantText(li+" .linked-name", "Een gezin")
	tb.wantText(li+" .waiting-note", msgWaiting)
	type look struct {
		Waiting, Link, Name bool
		Opacity             string
	}
	q := fmt.Sprintf(`(li => ({Waiting: li.classList.contains("waiting"), Link: !!li.querySelector("a"),
		Name: li.innerText.includes(%q), Opacity: getComputedStyle(li).opacity}))(document.querySelector(%q))`, child, li)
	l := eval[look](tb, q)
	if !l.Waiting || l.Link || l.Name || l.Opacity == "1" {
		tb.fail("family %d in the provider's list: waiting %v, link %v, child's name %v, opacity %s; want greyed out without link or name",
			id, l.Waiting, l.Link, l.Name, l.Opacity)
	}
}

func joinRows(rows []accessRow) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = "    " + r.String()
	}
	return strings.Join(s, "\n")
}
