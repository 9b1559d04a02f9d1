//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// taskWorld is a family with its case manager, a mother with custody who
// has an account, and the GP in the network with an account linked to
// that network member and the mother's consent for the whole file (which
// shows the GP their own tasks).
type taskWorld struct {
	a      *app
	cm, gp *user
	fam    int64
	child  string
	gpNM   *care.NetworkMember
}

func newTaskWorld(t *testing.T) *taskWorld {
	t.Helper()
	a := newApp(t, site.Config{})
	w := &taskWorld{a: a, child: "Noor Jansen"}
	w.cm = a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	w.fam = a.createFamily(w.cm, w.child, a.today().AddDate(-6, 0, 0))
	mother := a.addParent(w.cm, w.fam, "Eva Jansen", "moeder", "eva.jansen@gezin.test", true)
	w.gpNM = &care.NetworkMember{FamilyID: w.fam, Name: "Dr. Anouk de Boer", Role: "gp", Line: 1,
		Organisation: "Huisartsenpraktijk De Linde", Email: "a.deboer@delinde.test"}
	a.addNetworkMember(w.cm, w.gpNM)
	parent := a.newUser(mother.Name, mother.Email, care.RoleFamily, true)
	a.linkAccount(w.cm, &care.Invitation{FamilyID: w.fam, Kind: care.LinkParent, MemberID: mother.ID,
		Name: mother.Name, Email: mother.Email}, parent)
	w.gp = a.newUser(w.gpNM.Name, w.gpNM.Email, care.RoleProvider, true)
	a.linkAccount(w.cm, &care.Invitation{FamilyID: w.fam, Kind: care.LinkProvider, NetworkMemberID: w.gpNM.ID,
		Name: w.gpNM.Name, Email: w.gpNM.Email}, w.gp)
	if err := a.careService().SetConsent(context.Background(), a.actor(parent), w.fam, w.gpNM.ID, true, care.ScopeFile); err != nil {
		t.Fatalf("consent for the GP: %v", err)
	}
	return w
}

// gpOwner is the GP as the owner picker sends them.
func (w *taskWorld) gpOwner() string { return "network:" + strconv.FormatInt(w.gpNM.ID, 10) }

// openTaskID is the id of the open task with title on the page, as
// "task-12"; it fails the test when there is none.
func (tb *tab) openTaskID(title string) string {
	tb.t.Helper()
	ids := eval[[]string](tb, fmt.Sprintf(`Array.from(document.querySelectorAll("#open-tasks > li"))
		.filter(li => li.querySelector(".task-title").innerText.includes(%q)).map(li => li.id)`, title))
	if len(ids) != 1 {
		tb.fail("%d open tasks titled %q, want 1", len(ids), title)
	}
	return ids[0]
}

// TestTaskForTheGP: the case manager gives a task to the GP from the
// network; the GP, logged in with their own account, finds it under their
// own tasks and closes it; the case manager sees it done, by the GP.
func TestTaskForTheGP(t *testing.T) {
	w := newTaskWorld(t)
	a := w.a
	b := newBrowser(t, desktop)
	due := a.today().AddDate(0, 0, 5)
	const title = "Recept morfine verlengen"
	famPath := fmt.Sprintf("/families/%d", w.fam)

	cm := b.newTab(a)
	cm.login(w.cm)
	cm.open(famPath)
	cm.click(`header.family-head a[href$="/tasks/new"]`)
	cm.fill("#title", title)
	if got := eval[[]string](cm, `Array.from(document.querySelectorAll("#owner optgroup"), g => g.label)`); strings.Join(got, ",") != "Casemanagers,Netwerk,Gezin" {
		t.Errorf("owner groups %q", got)
	}
	cm.selectOption("#owner", w.gpOwner())
	cm.setDate("#due_date", isoDate(due))
	cm.submitForm()
	cm.wantPath(famPath)
	sel := "#" + cm.openTaskID(title)
	cm.wantTextContains(sel, "iemand uit het netwerk: Dr. Anouk de Boer · klaar op "+dutchDate(due))

	// The GP: their own view holds the task, and closes it.
	gp := b.newTab(a)
	gp.login(w.gp)
	provPath := fmt.Sprintf("/provider/families/%d", w.fam)
	wantStatus(t, gp.open(provPath), http.StatusOK)
	gp.wantTextContains("#tasks", title)
	gp.wantTextContains(sel, "klaar op "+dutchDate(due))
	const note = "Recept verlengd tot eind volgende maand; apotheek is ingelicht."
	gp.openDetails(sel + " details.done > summary")
	gp.fill("#done_note-"+strings.TrimPrefix(sel, "#task-"), note)
	wantStatus(t, gp.click(sel+` details.done button[type="submit"]`), http.StatusOK)
	gp.wantPath(provPath)
	gp.wantTextContains("#saved", "")
	if n := gp.count("#open-tasks"); n != 0 {
		t.Error("the GP's task is still listed as open")
	}

	// The case manager: done, with what was done and by whom.
	cm.open(famPath)
	if n := cm.count("#open-tasks " + sel); n != 0 {
		t.Error("the case manager still sees the task open")
	}
	cm.openDetails("#done-tasks > summary")
	cm.wantText(sel+" .done-note", note)
	cm.wantTextContains(sel, "Dr. Anouk de Boer")
	k, err := a.store.Tasks(context.Background(), w.fam, care.TaskQuery{NetworkMemberID: w.gpNM.ID})
	if err != nil || len(k) != 1 || k[0].Status != "done" || k[0].DoneBy.AccountID != w.gp.ID {
		t.Errorf("stored task %+v, %v; want done by the GP", k, err)
	}
}

// TestHomeVisitWithFollowUpOnPhone: on a phone, from the family page, a
// home visit with a follow-up task for the GP takes at most ten actions;
// the task is saved with the contact, and the GP finds it in their view.
func TestHomeVisitWithFollowUpOnPhone(t *testing.T) {
	w := newTaskWorld(t)
	a := w.a
	b := newBrowser(t, phone)
	famPath := fmt.Sprintf("/families/%d", w.fam)
	const title = "Pijnmedicatie bijstellen na huisbezoek"
	due := a.today().AddDate(0, 0, 3)

	cm := b.newTab(a)
	cm.login(w.cm)
	cm.open(famPath)

	// Every click, field, choice and the submit counts as one action.
	actions := 0
	do := func(f func()) { actions++; f() }
	do(func() { cm.click(`header.family-head a[href$="/contacts/new"]`) })
	cm.wantPath(famPath + "/contacts/new")
	do(func() { cm.choose(radio("kind", "home_visit")) })
	do(func() { cm.choose(radio("with", "parent")) })
	do(func() { cm.fill("#task_title", title) })
	do(func() { cm.selectOption("#task_owner", w.gpOwner()) })
	do(func() { cm.setDate("#task_due_date", isoDate(due)) })
	cm.screenshot("contact-follow-up-phone")
	cm.wantNoOverflow("contact form with a follow-up task")
	do(func() { cm.submitForm() })
	if actions > 10 {
		t.Errorf("a home visit with a follow-up took %d actions, want at most 10", actions)
	}
	cm.wantPath(famPath)
	sel := "#" + cm.openTaskID(title)
	cm.wantTextContains(sel, "Dr. Anouk de Boer")
	if frag := cm.url().Fragment; "#"+frag != sel {
		t.Errorf("after saving at #%s, want %s", frag, sel)
	}
	f := a.file(w.fam)
	if len(f.Contacts) != 1 || f.Contacts[0].Kind != "home_visit" || f.Contacts[0].Date.IsZero() {
		t.Errorf("stored contacts %+v, want the home visit", f.Contacts)
	}

	// The receiving side: the GP, also on a phone.
	gp := b.newTab(a)
	gp.login(w.gp)
	wantStatus(t, gp.open(fmt.Sprintf("/provider/families/%d", w.fam)), http.StatusOK)
	gp.wantTextContains(sel, title)
	gp.wantTextContains(sel, "klaar op "+dutchDate(due))
	gp.wantNoOverflow("the GP's view with the task")
}
