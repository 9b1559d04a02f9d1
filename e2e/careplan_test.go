//go:build e2e

package e2e

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

const msgDateFuture = "Deze datum ligt in de toekomst. Vul vandaag of een eerdere dag in."

// dimNames are the Dutch headings of the five dimensions, in plan order.
var dimNames = map[care.Dimension]string{
	care.DimPhysical:      "Lichamelijk",
	care.DimPsychological: "Psychisch",
	care.DimSocial:        "Sociaal",
	care.DimPedagogical:   "Ontwikkeling en school",
	care.DimSpiritual:     "Zingeving",
}

// TestCarePlanFromTemplateToCompare follows a case manager through a new
// care plan: started from the default template on the family page, a goal
// with an action for it in each of the five dimensions, a proactive care
// planning conversation with a resuscitation decision and the preferred
// place of death, then a goal reworded. The versions page lists every
// save, and comparing the last two marks the reworded goal. The actions
// are tasks on the family page, with their dimension.
func TestCarePlanFromTemplateToCompare(t *testing.T) {
	a := newApp(t, site.Config{})
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	const child = "Noor el Amrani"
	fam := a.createFamily(cm, child, a.today().AddDate(-4, 0, 0))
	familyPath := fmt.Sprintf("/families/%d", fam)
	today := a.today()
	tb := newBrowser(t, desktop).newTab(a)
	tb.login(cm)

	// From the family page to a plan that does not exist yet.
	tb.open(familyPath)
	tb.wantText("h1", child)
	tb.wantText("#careplan-none", "Dit gezin heeft nog geen zorgplan.")
	tb.wantText("#careplan-start-link", "Start een zorgplan")
	tb.click("#careplan-start-link")
	tb.wantPath(planPath(fam, ""))
	tb.wantText("#no-plan-h", "Nog geen zorgplan")
	if got := tb.value("#template_id"); got != "0" {
		t.Errorf("the start form proposes template %q, want the default (0)", got)
	}
	wantStatus(t, tb.click("#careplan-start-submit"), http.StatusOK)
	tb.wantPath(planPath(fam, ""))
	tb.wantText("#plan-version", "versie 1")
	if p := a.carePlan(fam); p == nil || p.Version != 1 || len(p.Sections) != 5 {
		t.Fatalf("after starting, the stored plan is %+v", p)
	}
	for _, d := range care.Dimensions {
		tb.wantText(fmt.Sprintf("#%s-h", d), dimNames[d])
	}

	// A goal and an action for it in each dimension.
	goals := map[care.Dimension]string{
		care.DimPhysical:      "Noor slaapt de nacht door zonder pijn",
		care.DimPsychological: "Noor is minder bang voor de ziekenhuisbezoeken",
		care.DimSocial:        "De ouders hebben één avond per week voor elkaar",
		care.DimPedagogical:   "Noor gaat twee ochtenden per week naar de peuterspeelzaal",
		care.DimSpiritual:     "Er is ruimte voor de vragen van de ouders over de toekomst",
	}
	actions := map[care.Dimension]string{
		care.DimPhysical:      "Pijnscore een week lang bijhouden",
		care.DimPsychological: "Kennismaking met de medisch pedagogisch zorgverlener",
		care.DimSocial:        "Respijtzorg aanvragen bij de gemeente",
		care.DimPedagogical:   "Overleg met de leidster van de peuterspeelzaal",
		care.DimSpiritual:     "Gesprek met de geestelijk verzorger plannen",
	}
	due := today.AddDate(0, 0, 14)
	for i, d := range care.Dimensions {
		tb.click("#edit-" + string(d))
		tb.wantPath(planPath(fam, "/"+string(d)+"/edit"))
		tb.fill("#goal_new_text", goals[d])
		tb.fill("#action_new_title", actions[d])
		tb.pick("action_new_goal", care.NewGoal)
		tb.setDate("#action_new_due_date", isoDate(due))
		wantStatus(t, tb.submitForm(), http.StatusOK)
		tb.wantPath(planPath(fam, ""))
		tb.wantText("#plan-version", fmt.Sprintf("versie %d", i+2))
		sec := fmt.Sprintf("#%s", d)
		tb.wantTextContains(sec+" .goals", goals[d])
		// The action is drawn under its goal, as a live task.
		tb.wantTextContains(sec+" .goals .plan-action", actions[d])
		tb.wantTextContains(sec+" .goals .plan-action", dutchDate(due))
	}
	p := a.carePlan(fam)
	for _, d := range care.Dimensions {
		sec := p.Section(d)
		if len(sec.Goals) != 1 || sec.Goals[0].Text != goals[d] || sec.Goals[0].For != "child" ||
			len(sec.Actions) != 1 || sec.Actions[0].Title != actions[d] || sec.Actions[0].Goal != sec.Goals[0].ID {
			t.Errorf("stored %s section = %+v", d, sec)
		}
	}

	// Proactive care planning: a conversation, no resuscitation, at home.
	talked := today.AddDate(0, 0, -3)
	const who, participants = "Ouders en kinderarts Bakker", "Moeder, vader, kinderarts Bakker, Carla Visser"
	tb.click("#edit-acp")
	tb.wantPath(planPath(fam, "/acp/edit"))
	tb.setDate("#conversation_new_date", isoDate(talked))
	tb.fill("#conversation_new_participants", participants)
	tb.fill("#conversation_new_topics", "Wat als Noor benauwd wordt; waar de ouders willen dat ze is.")
	tb.pick("directive_resuscitation_decision", "no")
	tb.setDate("#directive_resuscitation_date", isoDate(talked))
	tb.fill("#directive_resuscitation_agreed_by", who)
	tb.pick("place_of_death", "home")
	wantStatus(t, tb.submitForm(), http.StatusOK)
	tb.wantPath(planPath(fam, ""))
	tb.wantText("#plan-version", "versie 7")
	resus := tb.texts("#directive-resuscitation > *")
	if len(resus) != 5 || resus[0] != "Reanimatie" || resus[1] != "Nee" || resus[3] != dutchDate(talked) || resus[4] != who {
		t.Errorf("resuscitation row = %q, want Reanimatie, Nee, %s, %s", resus, dutchDate(talked), who)
	}
	tb.wantText("#place-of-death", "Thuis")
	tb.wantTextContains("#conversations", dutchDate(talked))
	tb.wantTextContains("#conversations", participants)
	acp := a.carePlan(fam).ACP
	if d := acp.Directive("resuscitation"); d.Decision != "no" || !d.Date.Equal(talked) || d.AgreedBy != who {
		t.Errorf("stored resuscitation directive = %+v", d)
	}
	if acp.PlaceOfDeath.Place != "home" || len(acp.Conversations) != 1 || !acp.Conversations[0].Date.Equal(talked) {
		t.Errorf("stored ACP = %+v", acp)
	}

	// The physical goal reworded: version 8.
	const reworded = "Noor slaapt de nacht door zonder pijn en zonder benauwdheid"
	goalID := a.carePlan(fam).Section(care.DimPhysical).Goals[0].ID
	goalField := "#" + care.ItemField("goal", goalID, "text")
	tb.click("#edit-physical")
	if got := tb.value(goalField); got != goals[care.DimPhysical] {
		t.Errorf("the goal field %s holds %q, want the saved goal", goalField, got)
	}
	tb.fill(goalField, reworded)
	wantStatus(t, tb.submitForm(), http.StatusOK)
	tb.wantText("#plan-version", "versie 8")
	tb.wantTextContains("#physical .goals", reworded)

	// Versions, newest first; the last two side by side.
	tb.click("#versions-link")
	tb.wantPath(planPath(fam, "/versions"))
	tb.checkFits(".table-wrap:has(#versions-table)", "the versions table")
	ids := eval[[]string](tb, `Array.from(document.querySelectorAll("#versions-table tbody tr"), tr => tr.id)`)
	if strings.Join(ids, " ") != "version-8 version-7 version-6 version-5 version-4 version-3 version-2 version-1" {
		tb.fail("versions listed: %q, want 8 down to 1", ids)
	}
	for v, what := range map[int]string{8: "Lichamelijk", 7: "Proactieve zorgplanning", 6: "Zingeving",
		3: "Psychisch", 1: "Plan gestart"} {
		row := fmt.Sprintf("#version-%d", v)
		tb.wantText(row+" td.changes", what)
		tb.wantText(row+` td[data-label="Door"]`, "Carla Visser")
	}
	tb.wantTextContains("#version-8", "huidig")
	if a, b := tb.value("#a"), tb.value("#b"); a != "7" || b != "8" {
		t.Errorf("the compare form starts at %s and %s, want 7 and 8", a, b)
	}
	tb.click("#compare-submit")
	tb.wantPath(planPath(fam, "/compare"))
	if q := tb.url().Query(); q.Get("a") != "7" || q.Get("b") != "8" {
		t.Errorf("compare query = %v, want a=7, b=8", q)
	}
	tb.wantText("#compare-summary", "Verschillen tussen deze versies: 1. Ze staan hieronder gemarkeerd.")
	tb.wantChangedRow("compare-physical", "Doel", goals[care.DimPhysical], reworded)
	tb.checkFits(".table-wrap:has(#compare-table)", "the compare table")
	tb.checkFits("main", "the compare page")
	tb.screenshot("careplan-compare-desktop")

	// The actions are tasks of the family file, each with a link to its
	// dimension in the plan; the family page sums the plan up.
	tb.open(familyPath)
	tb.wantTextContains("#careplan-version", "versie 8")
	type taskRow struct{ Title, Badge, Href string }
	tasks := eval[[]taskRow](tb, `Array.from(document.querySelectorAll("#open-tasks > li"), li => {
		const b = li.querySelector(".badge.plan-dim");
		return {Title: li.querySelector(".task-title").innerText.trim(), Badge: b ? b.innerText.trim() : "",
			Href: b ? b.getAttribute("href") : ""};
	})`)
	if len(tasks) != 5 {
		tb.fail("%d open tasks on the family page, want the 5 actions: %+v", len(tasks), tasks)
	}
	for _, d := range care.Dimensions {
		found := false
		for _, task := range tasks {
			if strings.Contains(task.Title, actions[d]) {
				found = true
				if task.Badge != "zorgplan: "+dimNames[d] || task.Href != planPath(fam, "#"+string(d)) {
					t.Errorf("task %+v on the family page, want the badge ‘zorgplan: %s’ linking to %s",
						task, dimNames[d], planPath(fam, "#"+string(d)))
				}
			}
		}
		if !found {
			t.Errorf("action %q is not a task on the family page: %+v", actions[d], tasks)
		}
	}
}

// TestCarePlanPrintAndEmergency looks at the plan as paper: the print
// view in print media at A4 width, without the site's navigation, with
// title, date, version and the five dimensions, printed to PDF; and the
// emergency summary with diagnoses, the resuscitation decision and who to
// call. The plan page is also shown on a phone.
func TestCarePlanPrintAndEmergency(t *testing.T) {
	w := newPlanWorld(t)
	a, today := w.a, w.a.today()
	b := newBrowser(t, desktop)
	tb := b.newTab(a)
	tb.login(w.cm)

	// The plan on a phone during a home visit.
	tb.emulate(phone)
	wantStatus(t, tb.open(w.planPathCM), http.StatusOK)
	tb.wantText("#plan-version", "versie 2")
	tb.wantTextContains("#physical .goals", w.plan.Goals[care.DimPhysical])
	tb.wantText("#directive-resuscitation td:nth-of-type(1)", "Nee")
	tb.screenshot("careplan-phone")
	tb.checkNoOverflow("the care plan on a phone")
	tb.checkContained("main .card", "the care plan on a phone")

	// The print view at A4 width, in print media.
	tb.emulate(a4)
	tb.click("#print-link")
	tb.wantPath(planPath(w.fam, "/print"))
	// Opening the print view is viewing it; only printing is on record as
	// printing. The script shows the print button and reports the
	// browser's print event.
	if !tb.visible("#print-button") {
		t.Errorf("the print button is not shown where the script runs")
	}
	printed := a.countAudit(t, w.fam, "careplan", care.ActionPrint)
	if printed != 0 {
		t.Errorf("opening the print view recorded %d prints", printed)
	}
	eval[bool](tb, `window.dispatchEvent(new Event("beforeprint"))`)
	a.waitAudit(t, w.fam, "careplan", care.ActionPrint, 1)
	tb.printMedia(true)
	for _, sel := range []string{"nav.site-nav", "header.site form", "footer.site", "#print-hint", "main .back", "main button"} {
		if tb.visible(sel) {
			t.Errorf("%s is visible in print", sel)
		}
	}
	tb.wantText("#print-heading", "Zorgplan van "+w.child)
	tb.wantTextContains("#print-version", "versie 2")
	tb.wantTextContains("#print-version", dutchDate(today))
	tb.wantTextContains("#print-date", dutchDate(today))
	for _, d := range care.Dimensions {
		sec := fmt.Sprintf("#print-%s", d)
		tb.wantText(sec+" h2", dimNames[d])
		tb.wantTextContains(sec, w.plan.Goals[d])
		tb.wantTextContains(sec, w.plan.Actions[d])
	}
	tb.wantTextContains("#print-physical", w.plan.Diagnosis+" "+w.plan.ICD10)
	if row := tb.texts("#print-directives tbody tr:first-child > *"); len(row) != 4 || row[0] != "Reanimatie" ||
		!strings.HasPrefix(row[1], "Nee") || row[2] != dutchDate(w.plan.DecidedOn) || row[3] != w.plan.AgreedBy {
		t.Errorf("printed resuscitation row = %q", row)
	}
	tb.wantTextContains("#print-acp", "Thuis: "+w.plan.PlaceDetail)
	if n := tb.count("#careplan-print a[href*='/edit'], #careplan-print form"); n != 0 {
		t.Errorf("the print view holds %d edit links or forms", n)
	}
	tb.checkNoOverflow("the print view at A4 width")
	if got := tb.text("#print-dnr p:first-child"); !strings.EqualFold(got, "Niet reanimeren") {
		t.Errorf("#print-dnr says %q, want Niet reanimeren", got)
	}
	if broken := brokenWords(tb, ".plan-paper"); len(broken) > 0 {
		t.Errorf("words broken in the middle on the print view at A4 width: %q", broken)
	}
	tb.screenshot("careplan-print-a4")
	_, pages := tb.pdfPages("careplan-print")
	t.Logf("the print view is %d A4 page(s), runs of text per page: %v", len(pages), pages)
	if len(pages) < 1 || len(pages) > 4 {
		t.Errorf("the print view prints on %d A4 pages, want 1 to 4", len(pages))
	}
	wantNoEmptyPages(t, "the printed care plan", pages)
	tb.printMedia(false)

	// The emergency summary.
	tb.open(w.planPathCM)
	tb.click("#emergency-link")
	tb.wantPath(planPath(w.fam, "/emergency"))
	tb.printMedia(true)
	tb.wantText("#emergency-heading", "Noodoverzicht: "+w.child)
	tb.wantTextContains("#em-diagnoses", w.diagnosis)
	tb.wantTextContains("#em-diagnoses", w.icd10)
	if row := tb.texts("#em-directive-resuscitation > *"); len(row) != 4 || !strings.HasPrefix(row[1], "Nee") ||
		row[2] != dutchDate(w.plan.DecidedOn) || row[3] != w.plan.AgreedBy {
		t.Errorf("resuscitation on the emergency summary = %q", row)
	}
	tb.wantTextContains("#em-place-of-death", "Thuis")
	call := tb.texts("#emergency-call tbody tr")
	for _, want := range [][]string{{w.mother.Name, w.mother.Phone}, {w.paed.Name, w.paed.Phone}, {w.gp.Name, w.gp.Phone}} {
		found := false
		for _, row := range call {
			found = found || strings.Contains(row, want[0]) && strings.Contains(row, want[1])
		}
		if !found {
			t.Errorf("who to call = %q, want %s with %s", call, want[0], want[1])
		}
	}
	if n := tb.count("#emergency-call tbody tr.always"); n != 1 {
		t.Errorf("%d rows marked reachable day and night, want the paediatrician's", n)
	}
	// A phone number broken over two lines is easily misread.
	if broken := eval[[]string](tb, `Array.from(document.querySelectorAll("#emergency-call a[href^='tel:']"))
		.filter(a => a.getClientRects().length > 1).map(a => a.innerText)`); len(broken) > 0 {
		t.Errorf("phone numbers wrap over two lines on the emergency summary: %q", broken)
	}
	for _, sel := range []string{"nav.site-nav", "#print-hint", "footer.site"} {
		if tb.visible(sel) {
			t.Errorf("%s is visible on the printed emergency summary", sel)
		}
	}
	tb.checkNoOverflow("the emergency summary at A4 width")
	// A decision not to resuscitate comes before everything else.
	if first := eval[string](tb, `document.querySelector(".emergency-paper > .dnr, .emergency-paper > section") ? document.querySelector(".emergency-paper > .dnr, .emergency-paper > section").id : ""`); first != "em-dnr" {
		t.Errorf("the first part of the emergency summary is %q, want the decision not to resuscitate", first)
	}
	if got := tb.text("#em-dnr p:first-child"); !strings.EqualFold(got, "Niet reanimeren") {
		t.Errorf("#em-dnr says %q, want Niet reanimeren", got)
	}
	if broken := brokenWords(tb, ".plan-paper"); len(broken) > 0 {
		t.Errorf("words broken in the middle on the emergency summary at A4 width: %q", broken)
	}
	tb.screenshot("careplan-emergency-a4")
	_, pages = tb.pdfPages("careplan-emergency")
	if len(pages) != 1 {
		t.Errorf("the emergency summary prints on %d pages, want 1", len(pages))
	}
	// And on a phone, on screen.
	tb.printMedia(false)
	tb.emulate(phone)
	tb.reload()
	tb.checkNoOverflow("the emergency summary on a phone")
	if broken := brokenWords(tb, ".plan-paper"); len(broken) > 0 {
		t.Errorf("words broken in the middle on the emergency summary on a phone: %q", broken)
	}
	tb.screenshot("careplan-emergency-phone")
}

// brokenWords lists the words under root that the layout broke over two
// lines: a word whose text lies on more than one line.
func brokenWords(tb *tab, root string) []string {
	return eval[[]string](tb, `(() => {
		const bad = [];
		const walk = document.createTreeWalker(document.querySelector(`+strconv.Quote(root)+`), NodeFilter.SHOW_TEXT);
		while (walk.nextNode()) {
			const n = walk.currentNode, re = /\S+/g;
			let m;
			while ((m = re.exec(n.data))) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const lines = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.bottom)));
				if (lines.size > 1) bad.push(m[0]);
			}
		}
		return bad;
	})()`)
}

// TestCarePlanFamilyProposal: a parent proposes a change from the family's
// own view, the case manager accepts it on the plan page, and the parent
// sees it taken over, in the plan.
func TestCarePlanFamilyProposal(t *testing.T) {
	w := newPlanWorld(t)
	a := w.a
	parent := a.newUser(w.mother.Name, w.mother.Email, care.RoleFamily, true)
	a.linkAccount(w.cm, &care.Invitation{FamilyID: w.fam, Kind: care.LinkParent, MemberID: w.mother.ID,
		Name: w.mother.Name, Email: w.mother.Email}, parent)
	b := newBrowser(t, desktop)
	viewPath := fmt.Sprintf("/my/families/%d", w.fam)
	myPlan := viewPath + "/careplan"

	// The parent, on a phone, from the family's view to the plan.
	pt := b.newTab(a)
	pt.emulate(phone)
	pt.login(parent)
	pt.open(viewPath)
	pt.click("#careplan-link")
	pt.wantPath(myPlan)
	pt.wantTextContains("#plan-wishes", w.plan.Wishes)
	if n := pt.count("main a[href*='/edit']"); n != 0 {
		t.Errorf("the family's plan page offers %d edit links", n)
	}
	const body = "Sam wil graag één vaste oppas die hem kent, zodat wij samen naar zijn zusje kunnen."
	pt.pick("section", "social")
	pt.fill("#body", body)
	wantStatus(t, pt.click("#proposal-submit"), http.StatusOK)
	pt.wantPath(myPlan)
	pt.wantText("#saved", "Je voorstel is verstuurd. Je casemanager kijkt ernaar en je ziet hier wat ermee gebeurt.")
	props := a.proposals(w.fam)
	if len(props) != 1 || props[0].Section != "social" || props[0].Body != body || props[0].Status != care.ProposalOpen ||
		props[0].ProposedBy.AccountID != parent.ID {
		t.Fatalf("stored proposals = %+v", props)
	}
	pid := props[0].ID
	status := fmt.Sprintf("#proposal-%d-status", pid)
	pt.wantText(status, "wacht op antwoord van je casemanager")
	pt.wantTextContains(fmt.Sprintf("#proposal-%d", pid), body)
	pt.checkNoOverflow("the family's plan page with a proposal")
	pt.checkContained("main .card", "the family's plan page with a proposal")
	pt.screenshot("careplan-family-proposal-phone")

	// The case manager sees it on the plan page and takes it over.
	ct := b.newTab(a)
	ct.login(w.cm)
	ct.open(w.planPathCM)
	ct.wantText("#open-proposals-note", "Voorstellen van het gezin die op uw antwoord wachten: 1.")
	prop := fmt.Sprintf("#proposal-%d", pid)
	ct.wantTextContains(prop, body)
	ct.wantTextContains(prop, w.mother.Name)
	ct.wantTextContains(prop, "Sociaal")
	wantStatus(t, ct.click(fmt.Sprintf("#accept-%d", pid)), http.StatusOK)
	ct.wantPath(w.planPathCM)
	ct.wantText("#saved", "Het voorstel is overgenomen in een nieuwe versie van het plan. Het gezin ziet dat.")
	ct.wantText("#plan-version", "versie 3")
	ct.wantTextContains("#social .goals", body)
	if n := ct.count("#open-proposals-note"); n != 0 {
		t.Error("the plan still says a proposal is open")
	}
	ct.wantText("#no-open-proposals", "Er wachten geen voorstellen op een antwoord.")
	p := a.carePlan(w.fam)
	if goals := p.Section(care.DimSocial).Goals; p.Version != 3 || len(goals) != 2 || goals[1].Text != body || goals[1].For != "family" {
		t.Errorf("plan after accepting: version %d, social goals %+v", p.Version, goals)
	}
	if got := a.proposals(w.fam)[0]; got.Status != care.ProposalAccepted || got.Version != 3 || got.AnsweredBy.AccountID != w.cm.ID {
		t.Errorf("stored proposal after accepting = %+v", got)
	}

	// The parent sees it taken over, and in the plan.
	pt.reload()
	pt.wantText(status, "overgenomen in versie 3")
	pt.wantTextContains("#social .goals", body)
	pt.wantText("#plan-version", "versie 3")
}

// TestCarePlanProviderConsent: the GP with the parent's consent reads the
// plan; a physiotherapist in the same network without consent gets the
// page-not-found answer at the same address, and so does the GP once the
// parent withdraws the consent.
func TestCarePlanProviderConsent(t *testing.T) {
	w := newPlanWorld(t)
	a := w.a
	parent := a.newUser(w.mother.Name, w.mother.Email, care.RoleFamily, true)
	a.linkAccount(w.cm, &care.Invitation{FamilyID: w.fam, Kind: care.LinkParent, MemberID: w.mother.ID,
		Name: w.mother.Name, Email: w.mother.Email}, parent)
	gp := a.newUser(w.gp.Name, w.gp.Email, care.RoleProvider, true)
	a.linkAccount(w.cm, &care.Invitation{FamilyID: w.fam, Kind: care.LinkProvider, NetworkMemberID: w.gp.ID,
		Name: w.gp.Name, Email: w.gp.Email}, gp)
	physio := &care.NetworkMember{FamilyID: w.fam, Name: "Fenna Mulder", Role: "therapist", Line: 1,
		Email: "fenna@fysio.test"}
	a.addNetworkMember(w.cm, physio)
	pu := a.newUser(physio.Name, physio.Email, care.RoleProvider, true)
	a.linkAccount(w.cm, &care.Invitation{FamilyID: w.fam, Kind: care.LinkProvider, NetworkMemberID: physio.ID,
		Name: physio.Name, Email: physio.Email}, pu)
	a.setConsent(parent, w.fam, w.gp.ID, true)
	b := newBrowser(t, desktop)
	provPlan := fmt.Sprintf("/provider/families/%d/careplan", w.fam)

	gt := b.newTab(a)
	gt.login(gp)
	gt.open(fmt.Sprintf("/provider/families/%d", w.fam))
	wantStatus(t, gt.click("#careplan-link"), http.StatusOK)
	gt.wantPath(provPlan)
	gt.wantTextContains("h1", w.child)
	gt.wantTextContains("#physical", w.plan.Goals[care.DimPhysical])
	gt.wantTextContains("#physical", w.plan.Diagnosis)
	gt.wantTextContains("#directive-resuscitation", "Nee")
	gt.wantText("#place-of-death", "Thuis: "+w.plan.PlaceDetail)
	if n := gt.count("main a[href*='/edit'], #proposals, #proposal-form, #versions-link"); n != 0 {
		t.Errorf("the GP's plan page offers %d edit links, proposals or versions", n)
	}
	wantStatus(t, gt.open(provPlan+"/emergency"), http.StatusOK)
	gt.wantTextContains("#em-directive-resuscitation", "Nee")

	// Without consent: not found, at the plan and its print views.
	ft := b.newTab(a)
	ft.login(pu)
	for _, path := range []string{provPlan, provPlan + "/print", provPlan + "/emergency"} {
		wantStatus(t, ft.open(path), http.StatusNotFound)
		ft.wantNotFoundPage(w.child)
		if body := eval[string](ft, "document.body.innerText"); strings.Contains(body, w.plan.Goals[care.DimPhysical]) {
			t.Errorf("%s shows the plan to a provider without consent", path)
		}
	}

	// Consent withdrawn: the GP's open page is gone on reload.
	gt.open(provPlan)
	a.setConsent(parent, w.fam, w.gp.ID, false)
	wantStatus(t, gt.reload(), http.StatusNotFound)
	gt.wantNotFoundPage(w.child)
}

// TestCarePlanConcurrentEdit: the KCT and the thuis case manager of one
// family open the same form; the first save goes in, the second is
// refused with a message and a link to the other change, and nothing of
// the first is overwritten.
func TestCarePlanConcurrentEdit(t *testing.T) {
	w := newPlanWorld(t)
	a := w.a
	joost := a.newUser("Joost Meijer", "joost.meijer@thuis.test", care.RoleCaseManager, true)
	a.assignThuis(w.cm, w.fam, joost)
	b := newBrowser(t, desktop)
	editPath := planPath(w.fam, "/physical/edit")
	goalID := a.carePlan(w.fam).Section(care.DimPhysical).Goals[0].ID
	goalField := "#" + care.ItemField("goal", goalID, "text")

	ct := b.newTab(a)
	ct.login(w.cm)
	ct.open(editPath)
	jt := b.newTab(a)
	jt.login(joost)
	wantStatus(t, jt.open(editPath), http.StatusOK)

	// Carla saves first.
	const carlas = "Sam slaapt de nacht door zonder pijn, ook na de operatie"
	ct.fill(goalField, carlas)
	wantStatus(t, ct.submitForm(), http.StatusOK)
	ct.wantPath(w.planPathCM)
	ct.wantText("#plan-version", "versie 3")

	// Joost, on the form he opened before, changes the situation.
	const joosts = "Slaapt sinds de nieuwe pomp beter; slikken gaat slechter."
	jt.fill("#situation", joosts)
	wantStatus(t, jt.submitForm(), http.StatusConflict)
	jt.wantPath(planPath(w.fam, "/physical"))
	jt.wantTextContains("#conflict", "Carla Visser heeft het zorgplan intussen opgeslagen als versie 3")
	jt.wantTextContains("#conflict", "Je wijziging is niet opgeslagen.")
	jt.wantText("#conflict-compare", "Bekijk de andere wijziging")
	if got := jt.value("#situation"); got != joosts {
		t.Errorf("after the refusal the situation field holds %q, want what Joost typed", got)
	}
	jt.screenshot("careplan-conflict-desktop")
	p := a.carePlan(w.fam)
	if p.Version != 3 || p.Section(care.DimPhysical).Goals[0].Text != carlas || p.Section(care.DimPhysical).Situation == joosts {
		t.Errorf("after the refused save: version %d, goal %q, situation %q", p.Version,
			p.Section(care.DimPhysical).Goals[0].Text, p.Section(care.DimPhysical).Situation)
	}

	// The link shows what Carla changed.
	jt.click("#conflict-compare")
	jt.wantPath(planPath(w.fam, "/compare"))
	jt.wantChangedRow("compare-physical", "Doel", w.plan.Goals[care.DimPhysical], carlas)
	jt.open(w.planPathCM)
	jt.wantTextContains("#physical .goals", carlas)
}

// TestCarePlanFormKeepsInput sends the proactive care planning form, on a
// phone, with a conversation dated in the future: the message is at the
// field, everything typed is still there, and no version was added.
func TestCarePlanFormKeepsInput(t *testing.T) {
	w := newPlanWorld(t)
	a := w.a
	tb := newBrowser(t, phone).newTab(a)
	tb.login(w.cm)
	tb.open(w.planPathCM)
	tb.click("#edit-acp")
	tb.wantPath(planPath(w.fam, "/acp/edit"))
	tb.checkNoOverflow("the ACP form on a phone")

	future := a.today().AddDate(0, 0, 5)
	const participants, topics = "Moeder, Carla Visser", "Wat als Sam niet meer naar school kan."
	tb.setDate("#conversation_new_date", isoDate(future))
	tb.fill("#conversation_new_participants", participants)
	tb.fill("#conversation_new_topics", topics)
	tb.pick("directive_ventilation_decision", "yes_but")
	tb.fill("#directive_ventilation_agreed_by", "Ouders")
	wantStatus(t, tb.submitForm(), http.StatusUnprocessableEntity)
	tb.wantText("#error-summary", msgFormErrors)
	tb.wantFieldError("conversation_new_date", msgDateFuture)
	tb.wantFieldError("directive_ventilation_date", msgRequired)
	for sel, want := range map[string]string{
		"#conversation_new_date": isoDate(future), "#conversation_new_participants": participants,
		"#conversation_new_topics": topics, "#directive_ventilation_agreed_by": "Ouders",
		"#directive_resuscitation_agreed_by": w.plan.AgreedBy,
	} {
		if got := tb.value(sel); got != want {
			t.Errorf("%s = %q after the errors, want %q", sel, got, want)
		}
	}
	if got := tb.picked("directive_ventilation_decision"); got != "yes_but" {
		t.Errorf("the ventilation decision is %q after the errors, want yes_but", got)
	}
	tb.checkNoOverflow("the ACP form with errors on a phone")
	tb.screenshot("careplan-acp-errors-phone")
	if p := a.carePlan(w.fam); p.Version != 2 || len(p.ACP.Conversations) != 0 {
		t.Errorf("after the refused form: version %d, %d conversations; want 2 and none", p.Version, len(p.ACP.Conversations))
	}
}
