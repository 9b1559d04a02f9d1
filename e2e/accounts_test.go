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

// manyFamilies is two children of one mother, Sam and Lotte de Wit, in
// Spil: their GP is linked to Sam's family, with consent for the care plan
// and the network; Lotte's family consented to the whole file. Eva is the
// mother of both, linked to Sam's family; Mark, Lotte's father, to Lotte's.
// The thuis case manager of Sam keeps her reachability on her account.
type manyFamilies struct {
	a             *app
	cm, thuis, gp *user
	eva, mark     *user
	famA, famB    int64
	gpA, gpB      *care.NetworkMember
	evaB, markB   *care.Member
}

const (
	mfSam, mfLotte      = "Sam de Wit", "Lotte de Wit"
	mfGPName, mfGPEmail = "Dr. Anouk de Boer", "a.deboer@delinde.test"
	mfEvaEmail          = "eva.dewit@gezin.test"
	mfTaskA, mfTaskB    = "Herhaalrecept morfine", "Pijnmedicatie evalueren na opname"
	mfHours             = "maandag, dinsdag en donderdag 8.30–17.00 uur"
	mfStandIn           = "Karin Smit, 030 765 43 21"
)

func newManyFamilies(t *testing.T) *manyFamilies {
	t.Helper()
	a := newApp(t, site.Config{})
	ctx := context.Background()
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	thuis := a.newUser("Thijs Bakker", "thijs.bakker@thuis.test", care.RoleCaseManager, true)
	today := a.today()
	famA := a.createFamily(cm, mfSam, today.AddDate(-7, -3, 0))
	famB := a.createFamily(cm, mfLotte, today.AddDate(-4, 0, 0))
	a.assignThuis(cm, famA, thuis)
	if _, err := a.auth.SetReachability(ctx, thuis.Account, "030 123 45 67", mfHours, mfStandIn, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}

	gpA := &care.NetworkMember{FamilyID: famA, Name: mfGPName, Role: "gp", Line: 1, Email: mfGPEmail}
	gpB := &care.NetworkMember{FamilyID: famB, Name: mfGPName, Role: "gp", Line: 1, Email: mfGPEmail}
	a.addNetworkMember(cm, gpA)
	a.addNetworkMember(cm, gpB)
	gp := a.newUser(mfGPName, mfGPEmail, care.RoleProvider, true)
	a.linkAccount(cm, &care.Invitation{FamilyID: famA, Kind: care.LinkProvider, NetworkMemberID: gpA.ID, Email: mfGPEmail, Name: mfGPName}, gp)

	// Eva is the mother of both; Mark, Lotte's father, has an account for Lotte.
	evaA := a.addParent(cm, famA, "Eva de Wit", "moeder", mfEvaEmail, true)
	evaB := a.addParent(cm, famB, "Eva de Wit", "moeder", mfEvaEmail, true)
	markB := a.addParent(cm, famB, "Mark de Wit", "vader", "mark.dewit@gezin.test", true)
	eva := a.newUser("Eva de Wit", mfEvaEmail, care.RoleFamily, true)
	mark := a.newUser("Mark de Wit", "mark.dewit@gezin.test", care.RoleFamily, true)
	a.linkAccount(cm, &care.Invitation{FamilyID: famA, Kind: care.LinkParent, MemberID: evaA.ID, Email: mfEvaEmail, Name: eva.Name}, eva)
	a.linkAccount(cm, &care.Invitation{FamilyID: famB, Kind: care.LinkParent, MemberID: markB.ID, Email: mark.Email, Name: mark.Name}, mark)

	// Sam's family shares the plan and the network; Lotte's, the whole file.
	a.setConsent(eva, famA, gpA.ID, true)
	markActor := care.Actor{AccountID: mark.ID, Role: care.RoleFamily, OrganisationID: a.org, AccessPoint: "127.0.0.1"}
	if err := a.careService().SetConsent(ctx, markActor, famB, gpB.ID, true, care.ScopeFile); err != nil {
		t.Fatal(err)
	}
	for _, tk := range []*care.Task{
		{FamilyID: famA, Title: mfTaskA, OwnerKind: "network", OwnerName: mfGPName, NetworkMemberID: gpA.ID},
		{FamilyID: famB, Title: mfTaskB, OwnerKind: "network", OwnerName: mfGPName, NetworkMemberID: gpB.ID},
	} {
		if err := a.careService().CreateTask(ctx, a.actor(cm), tk); err != nil {
			t.Fatal(err)
		}
	}
	return &manyFamilies{a: a, cm: cm, thuis: thuis, gp: gp, eva: eva, mark: mark, famA: famA, famB: famB,
		gpA: gpA, gpB: gpB, evaB: evaB, markB: markB}
}

// TestGPAcceptsSecondFamily follows a GP who works with two children in
// Spil. Linked to Sam's family already, the GP gets an invitation to
// Lotte's: on a phone, the link asks to log in (password and code from the
// app) instead of making a second account, and then links the account.
// The home shows both children with the consent of each, and each file
// shows only what its family consented to: for Sam the plan and the
// network, for Lotte the whole file with the GP's task.
func TestGPAcceptsSecondFamily(t *testing.T) {
	w := newManyFamilies(t)
	a, cm, gp, famA, famB, gpB := w.a, w.cm, w.gp, w.famA, w.famB, w.gpB
	gpLink := a.invite(cm, &care.Invitation{FamilyID: famB, Kind: care.LinkProvider, NetworkMemberID: gpB.ID, Email: mfGPEmail, Name: mfGPName})
	b := newBrowser(t, desktop)

	// 1. The GP opens the link on a phone, not logged in.
	gt := b.newTab(a)
	gt.emulate(phone)
	wantStatus(t, gt.open(gpLink), http.StatusOK)
	gt.wantText("h1", "Uitnodiging voor een volgend gezin")
	gt.wantText("#invitation-email", mfGPEmail)
	gt.wantTextContains("#existing-intro", "Met dit e-mailadres heeft u al een account in Spil")
	if n := gt.count("#password"); n != 0 {
		t.Errorf("the link to an address with an account offers to choose a password")
	}
	gt.click("#existing-login")
	gt.wantPath("/login")
	if next := gt.url().Query().Get("next"); next != gpLink {
		t.Errorf("login next = %q, want %q", next, gpLink)
	}
	// 2. Password, then the code from the app, then back to the link.
	a.clock.Advance(30 * time.Second)
	gt.submitPassword(mfGPEmail, password)
	gt.wantPath("/login/code")
	gt.submitCode(a.totpCode(gp.Secret))
	gt.wantPath(gpLink)
	gt.wantTextContains("#existing-intro", "U bent ingelogd met dit account")
	gt.screenshot("accounts-invite-confirm")
	gt.click("#existing-link")
	gt.wantPath("/")
	gt.wantTextContains("#linked-flash", "Uw account is gekoppeld aan het nieuwe gezin")
	if l := a.link(gp.ID, famB); l == nil || l.Kind != care.LinkProvider || l.NetworkMemberID != gpB.ID {
		t.Fatalf("the GP's link to Lotte's family: %+v", l)
	}
	if acc := a.accountByEmail(mfGPEmail); acc == nil || acc.ID != gp.ID {
		t.Errorf("the GP's account after linking: %+v", acc)
	}
	if inv := a.invitation(gpLink); inv.UsedAt.IsZero() || inv.AccountID != gp.ID {
		t.Errorf("the invitation after linking: %+v", inv)
	}

	// 3. The home lists both children, each with its consent.
	gt.wantText(fmt.Sprintf("#linked-%d .linked-name", famA), mfSam)
	gt.wantText(fmt.Sprintf("#linked-%d .linked-name", famB), mfLotte)
	gt.wantText(fmt.Sprintf("#linked-scope-%d", famA), "toestemming: zorgplan en netwerk")
	gt.wantText(fmt.Sprintf("#linked-scope-%d", famB), "toestemming: het hele dossier")
	gt.screenshot("accounts-home-two-families")

	// 4. Sam's file: the plan and the network, no tasks, no date of birth.
	gt.click(fmt.Sprintf("#linked-%d .linked-name", famA))
	gt.wantPath(fmt.Sprintf("/provider/families/%d", famA))
	gt.wantTextContains("h1", mfSam)
	gt.wantTextContains("#scope-limited", "alleen het zorgplan en het netwerk")
	for _, sel := range []string{"#tasks", "#age"} {
		if n := gt.count(sel); n != 0 {
			t.Errorf("Sam's file (plan and network only) shows %s", sel)
		}
	}
	gt.wantTextContains("#pv-cm-thuis", "030 123 45 67")
	// Lotte's file: the whole file, with the GP's own task there.
	gt.open("/")
	gt.click(fmt.Sprintf("#linked-%d .linked-name", famB))
	gt.wantPath(fmt.Sprintf("/provider/families/%d", famB))
	gt.wantTextContains("h1", mfLotte)
	gt.wantTextContains("#tasks", mfTaskB)
	gt.wantTextContains("#age", "4 jaar")
	if n := gt.count("#scope-limited"); n != 0 {
		t.Errorf("Lotte's file (whole file) says it is limited")
	}
	// Sam's family's task never shows in Lotte's file, nor the other way.
	if strings.Contains(gt.text("#tasks"), mfTaskA) {
		t.Errorf("Lotte's file shows Sam's task")
	}
}

// TestParentOfTwoLinksSecondChild: a mother of both children links her
// account to the second child's family the same way, after her partner,
// logged in on the shared tablet, was refused the link meant for her; her
// view of Sam then shows whom to call: the thuis case manager's work phone,
// hours and stand-in.
func TestParentOfTwoLinksSecondChild(t *testing.T) {
	w := newManyFamilies(t)
	a, cm, eva, mark, famA, famB, evaB, markB := w.a, w.cm, w.eva, w.mark, w.famA, w.famB, w.evaB, w.markB
	b := newBrowser(t, desktop)

	// 1. Eva is invited for Lotte too. Mark, logged in on the shared
	// tablet, opens the link first: refused, and nothing is linked.
	evaLink := a.invite(cm, &care.Invitation{FamilyID: famB, Kind: care.LinkParent, MemberID: evaB.ID, Email: mfEvaEmail, Name: eva.Name})
	mt := b.newTab(a)
	mt.login(mark)
	wantStatus(t, mt.open(evaLink), http.StatusOK)
	mt.wantTextContains("#existing-other", "Je bent ingelogd als mark.dewit@gezin.test, maar deze uitnodiging is voor "+mfEvaEmail)
	if n := mt.count("#existing-link"); n != 0 {
		t.Errorf("another logged-in account is offered to link")
	}
	if l := a.link(mark.ID, famB); l == nil || l.MemberID != markB.ID {
		t.Errorf("Mark's own link changed: %+v", l)
	}
	if a.link(eva.ID, famB) != nil {
		t.Fatal("Eva was linked without logging in")
	}
	// Logging out from there brings the login back to the link.
	mt.click("#existing-logout")
	mt.wantPath("/login")
	if next := mt.url().Query().Get("next"); next != evaLink {
		t.Errorf("after logging out, next = %q, want %q", next, evaLink)
	}
	a.clock.Advance(30 * time.Second)
	mt.submitPassword(mfEvaEmail, password)
	mt.wantPath("/login/code")
	mt.submitCode(a.totpCode(eva.Secret))
	mt.wantPath(evaLink)
	mt.click("#existing-link")
	mt.wantPath("/")
	mt.wantText(fmt.Sprintf("#linked-%d .linked-name", famA), mfSam)
	mt.wantText(fmt.Sprintf("#linked-%d .linked-name", famB), mfLotte)
	if n := mt.count(".linked-scope"); n != 0 {
		t.Errorf("a parent's home shows consent scopes")
	}
	// The link works once.
	mt.open(evaLink)
	mt.wantText("#invitation-problem", msgInviteUsed)

	// 2. Eva's view of Sam: whom to call, with the thuis case manager's
	// work phone (a tel: link), hours and stand-in.
	// (Eva is logged in on the tablet now; seen as on her phone.)
	pt := mt
	pt.emulate(phone)
	pt.open(fmt.Sprintf("/my/families/%d", famA))
	pt.wantTextContains("#cm-call-thuis", "Thijs Bakker")
	pt.wantText("#cm-call-thuis .call-phone", "030 123 45 67")
	if href := eval[string](pt, `document.querySelector("#cm-call-thuis .call-phone").getAttribute("href")`); href != "tel:0301234567" {
		t.Errorf("work phone link %q, want tel:0301234567", href)
	}
	pt.wantTextContains("#cm-call-thuis .cm-hours", mfHours)
	pt.wantTextContains("#cm-call-thuis .cm-stand-in", mfStandIn)
	pt.screenshot("accounts-family-call")
}
