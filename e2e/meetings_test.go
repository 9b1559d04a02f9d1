//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestMeetingWarmHandoff: the case manager plans an MDO with the GP, the
// home-care nurse and the parents (invited by default); a meeting in the
// past without minutes, and a participant of another family, are refused
// at their field with nothing saved. The mother sees the meeting on her
// start page, declines, and comes after all. Once it has started the case manager writes the minutes
// with a decision and an action for the GP, and the GP, logged in with
// their own account, finds that action among their own tasks.
func TestMeetingWarmHandoff(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	w := &taskWorld{a: a, child: "Noor Jansen"}
	w.cm = a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	w.fam = a.createFamily(w.cm, w.child, a.today().AddDate(-6, 0, 0))
	mother := a.addParent(w.cm, w.fam, "Eva Jansen", "moeder", "eva.jansen@gezin.test", true)
	father := a.addParent(w.cm, w.fam, "Joost Jansen", "vader", "joost.jansen@gezin.test", true)
	w.gpNM = &care.NetworkMember{FamilyID: w.fam, Name: "Dr. Anouk de Boer", Role: "gp", Line: 1,
		Organisation: "Huisartsenpraktijk De Linde", Email: "a.deboer@delinde.test"}
	a.addNetworkMember(w.cm, w.gpNM)
	nurse := &care.NetworkMember{FamilyID: w.fam, Name: "Sanne Kok", Role: "homecare", Line: 1, Organisation: "Thuiszorg Oost"}
	a.addNetworkMember(w.cm, nurse)
	parent := a.newUser(mother.Name, mother.Email, care.RoleFamily, true)
	a.linkAccount(w.cm, &care.Invitation{FamilyID: w.fam, Kind: care.LinkParent, MemberID: mother.ID,
		Name: mother.Name, Email: mother.Email}, parent)
	w.gp = a.newUser(w.gpNM.Name, w.gpNM.Email, care.RoleProvider, true)
	a.linkAccount(w.cm, &care.Invitation{FamilyID: w.fam, Kind: care.LinkProvider, NetworkMemberID: w.gpNM.ID,
		Name: w.gpNM.Name, Email: w.gpNM.Email}, w.gp)
	if err := a.careService().SetConsent(ctx, a.actor(parent), w.fam, w.gpNM.ID, true, care.ScopeFile); err != nil {
		t.Fatalf("consent for the GP: %v", err)
	}
	otherFam := a.createFamily(w.cm, "Sem Bakker", a.today().AddDate(-4, 0, 0))
	theirGP := &care.NetworkMember{FamilyID: otherFam, Name: "Dr. Smit", Role: "gp", Line: 1}
	a.addNetworkMember(w.cm, theirGP)
	motherID := mother.ID
	b := newBrowser(t, phone)
	famPath := fmt.Sprintf("/families/%d", w.fam)

	cm := b.newTab(a)
	cm.login(w.cm)
	cm.open(famPath)
	cm.click("#meetings-organise")
	cm.wantPath(famPath + "/meetings/new")
	for _, id := range []int64{motherID, father.ID} {
		if !cm.checked("#p-parent-" + strconv.FormatInt(id, 10)) {
			t.Errorf("parent %d is not invited by default", id)
		}
	}
	cm.choose(radio("purpose", care.PurposeWarmHandoff))
	cm.choose("#p-network-" + strconv.FormatInt(w.gpNM.ID, 10))
	cm.choose("#p-network-" + strconv.FormatInt(nurse.ID, 10))
	cm.fill("#place", "Prinses Máxima Centrum, afdeling 4")
	cm.fill("#agenda", "Ontslag naar huis: zuurstof, nachtzorg, wie belt 's nachts")

	// Yesterday, without minutes: refused at the day, what was typed kept.
	yesterday := a.clock.Now().Add(-24 * time.Hour).In(care.Amsterdam)
	cm.setDate("#date", yesterday.Format(time.DateOnly))
	cm.setDate("#time", "10:00")
	wantStatus(t, cm.submitForm(), http.StatusUnprocessableEntity)
	cm.wantFieldError("date", "Dit moment is al voorbij. Een MDO in het verleden legt u alleen vast met het verslag; of kies een datum en tijd in de toekomst.")
	if got := cm.value("#place"); got != "Prinses Máxima Centrum, afdeling 4" {
		t.Errorf("place after a refusal = %q", got)
	}
	// A participant of another family, sent as if it were a box on the form.
	start := a.clock.Now().Add(20 * time.Minute).In(care.Amsterdam)
	cm.setDate("#date", start.Format(time.DateOnly))
	cm.setDate("#time", start.Format("15:04"))
	eval[bool](cm, fmt.Sprintf(`(() => { const i = document.createElement("input"); i.type = "hidden";
		i.name = "p-network-%d"; i.value = "1"; document.querySelector("form.care-form").appendChild(i); return true })()`, theirGP.ID))
	wantStatus(t, cm.submitForm(), http.StatusUnprocessableEntity)
	cm.wantText("#participants-error", "Kies alleen mensen uit het netwerk of het gezin van dit kind die nog bij de zorg betrokken zijn.")
	if ms, _ := a.store.Meetings(ctx, w.fam); len(ms) != 0 {
		t.Fatalf("a refused meeting was saved: %+v", ms)
	}
	// The form was drawn again from what was sent, the stray box aside.
	cm.screenshot("meeting-form-phone")
	cm.wantNoOverflow("the meeting form")
	wantStatus(t, cm.submitForm(), http.StatusOK)
	ms, err := a.store.Meetings(ctx, w.fam)
	if err != nil || len(ms) != 1 || len(ms[0].Participants) != 4 {
		t.Fatalf("meetings %+v, %v; want one with the parents, the GP and the nurse", ms, err)
	}
	mtg := ms[0].ID
	mtgPath := fmt.Sprintf("%s/meetings/%d", famPath, mtg)
	cm.wantPath(mtgPath)
	cm.wantTextContains("#saved", "Het MDO is gepland")
	cm.wantTextContains("#meeting-participants", "Sanne Kok")
	cm.wantTextContains("#meeting-minutes-later", "zodra het MDO is begonnen")

	// The mother: the meeting on her start page, and its page.
	mum := b.newTab(a)
	mum.login(parent)
	mum.open("/")
	sel := fmt.Sprintf("#home-meeting-%d", mtg)
	mum.wantTextContains(sel, "Warme overdracht")
	mum.wantTextContains(sel, "over Noor Jansen")
	mum.screenshot("meeting-home-parent-phone")
	mum.wantNoOverflow("the start page with a meeting")
	mum.click(sel + " a")
	mum.wantPath(fmt.Sprintf("/my/families/%d/meetings/%d", w.fam, mtg))
	mum.wantTextContains("#meeting-agenda", "nachtzorg")
	// She cannot come after all, and says so; the case manager sees it.
	mum.click("#meeting-decline")
	mum.wantTextContains("#saved", "de casemanager ziet dat je niet komt")
	mum.wantTextContains("#meeting-you-declined", "niet komt")
	cm.open(mtgPath)
	cm.wantTextContains(fmt.Sprintf("#participant-parent-%d", motherID), "komt niet")
	mum.click("#meeting-come")
	mum.wantTextContains("#saved", "de casemanager ziet dat je komt")

	// After the start: the minutes with a decision and an action for the GP.
	a.clock.Advance(25 * time.Minute)
	cm.open(mtgPath)
	cm.click("#meeting-minutes-write")
	cm.fill("#minutes", "Ontslag besproken met ouders, huisarts en thuiszorg.")
	cm.fill("#decisions", "Ontslag naar huis op vrijdag")
	cm.fill("#action_1_title", "Zuurstofvoorschrift regelen")
	cm.selectOption("#action_1_owner", w.gpOwner())
	cm.screenshot("meeting-minutes-phone")
	wantStatus(t, cm.submitForm(), http.StatusOK)
	cm.wantPath(mtgPath)
	cm.wantText("#meeting-decisions li", "Ontslag naar huis op vrijdag")
	cm.wantTextContains("#meeting-actions", "Zuurstofvoorschrift regelen")
	cm.wantTextContains("#meeting-actions", "Dr. Anouk de Boer")

	// The GP, logged in as themselves: the action among their own tasks,
	// and the minutes on the meeting's page.
	gp := b.newTab(a)
	gp.login(w.gp)
	provPath := fmt.Sprintf("/provider/families/%d", w.fam)
	wantStatus(t, gp.open(provPath), http.StatusOK)
	gp.wantTextContains("#open-tasks", "Zuurstofvoorschrift regelen")
	wantStatus(t, gp.open(fmt.Sprintf("%s/meetings/%d", provPath, mtg)), http.StatusOK)
	gp.wantTextContains("#meeting-minutes-text", "Ontslag besproken")
	gp.screenshot("meeting-gp-phone")
	gp.wantNoOverflow("the meeting page for the GP")
}
