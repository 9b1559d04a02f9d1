//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

const (
	msgNotFound   = "Deze pagina bestaat niet, of je hebt er geen toegang toe."
	msgFormErrors = "Niet alles is goed ingevuld. Kijk bij de velden hieronder wat er mist."
	msgNoGP       = "Geen huisarts in het netwerk."
	msgDoneNote   = "De taak is nog niet afgerond: schrijf eerst op wat er is gedaan."
	msgRequired   = "Vul dit veld in."
)

// TestIntakeNetworkContactIntensityTask follows a case manager through a
// new family: the intake and the care network at a desk, then, on a phone
// during a home visit, a contact, a step down to waakvlam and a task that
// is only closed with a note of what was done; last the caseload.
func TestIntakeNetworkContactIntensityTask(t *testing.T) {
	a := newApp(t, site.Config{})
	u := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	tb := newBrowser(t, desktop).newTab(a)
	ctx := context.Background()

	tb.login(u)
	today := a.today()
	tb.wantText(`nav.site-nav a[href="/families"]`, "Gezinnen")
	tb.click(`nav.site-nav a[href="/families"]`)
	tb.wantPath("/families")
	tb.wantText("h1", "Mijn gezinnen")
	tb.wantText("#empty h2", "Je begeleidt nog geen gezinnen")
	tb.wantText(`.page-head a[href="/families/new"]`, "Nieuw gezin aanmelden")
	tb.click(`.page-head a[href="/families/new"]`)
	tb.wantPath("/families/new")
	tb.wantText("h1", "Nieuw gezin aanmelden")
	if got := tb.value("#referral_date"); got != isoDate(today) {
		t.Errorf("referral date starts as %q, want today %q", got, isoDate(today))
	}

	// The intake.
	const child = "Noor el Amrani"
	birth := today.AddDate(-3, -2, 0)
	referral := today.AddDate(0, 0, -5)
	const reason = "Progressieve spierziekte; veel zorgverleners betrokken en de ouders raken overbelast."
	tb.fill("#child_name", child)
	tb.setDate("#birth_date", isoDate(birth))
	tb.selectOption("#sex", "female")
	tb.fill("#diagnosis", "Spinale musculaire atrofie type 1")
	tb.fill("#icd10", "g12.0") // stored in capitals
	tb.setDate("#referral_date", isoDate(referral))
	tb.fill("#referred_by", "Kinderarts WKZ")
	tb.fill("#reason", reason)
	tb.choose("#factor_wish")
	tb.choose("#factor_complexity")
	tb.choose(radio("surprise_question", "no"))
	tb.choose(radio("status", "accepted"))
	tb.choose(radio("kind", "kct"))
	if !tb.checked(radio("intensity", "regular")) {
		t.Error("the intake does not start at intensity regulier")
	}
	wantStatus(t, tb.submitForm(), http.StatusOK)

	id := tb.familyID()
	tb.wantText("h1", child)
	tb.wantTextContains("#no-gp", msgNoGP)
	tb.wantText("#intensity-badge", "regulier")
	tb.wantText("#episode-badge", "geaccepteerd")
	tb.wantText("#diagnosis", "Spinale musculaire atrofie type 1 G12.0")
	tb.wantTextContains("#age", "3 jaar")
	tb.wantText("#cm-kct", "Carla Visser")
	f := a.file(id)
	if fam := f.Family; fam.ChildName != child || !fam.BirthDate.Equal(birth) || fam.Sex != "female" ||
		fam.ICD10 != "G12.0" || fam.Intensity != care.Regular || fam.OrganisationID != a.org {
		t.Errorf("stored family = %+v", fam)
	}
	if e := f.Episode; e == nil || e.Status != "accepted" || !e.ReferralDate.Equal(referral) || e.Reason != reason ||
		!e.FactorWish || !e.FactorComplexity || e.FactorCapacity || e.SurpriseQuestion != "no" {
		t.Errorf("stored episode = %+v", f.Episode)
	}
	if f.CaseManagers.KCT.AccountID != u.ID || f.CaseManagers.Thuis.AccountID != 0 {
		t.Errorf("case managers = %+v, want Carla as KCT only", f.CaseManagers)
	}

	// The GP, from the warning's link: the form starts as a GP in the 1st line.
	const gp, gpTasks = "Dr. Anouk de Boer", "Herhaalrecepten en huisbezoek bij koorts"
	tb.click("#no-gp a")
	tb.wantPath(fmt.Sprintf("/families/%d/network/new", id))
	tb.wantTextContains("h1", "Netwerklid toevoegen")
	if role, line := tb.value("#role"), tb.value("#line"); role != "gp" || line != "1" {
		t.Errorf("a network without a GP offers role %q, line %q; want gp, 1", role, line)
	}
	tb.fill("#name", gp)
	tb.fill("#organisation", "Huisartsenpraktijk De Linde")
	tb.fill("#phone", "030 123 45 67")
	tb.fill("#reachability", "Werkdagen 8–17 uur via de praktijklijn")
	tb.fill("#responsibilities", gpTasks)
	tb.submitForm()
	tb.wantPath(fmt.Sprintf("/families/%d", id))
	if frag := tb.url().Fragment; frag != "network" {
		t.Errorf("after saving at #%s, want #network", frag)
	}
	if n := tb.count("#no-gp"); n != 0 {
		tb.fail("the warning about the missing GP is still shown")
	}
	row := tb.networkRow(gp)
	if !strings.Contains(row[0], "Huisartsenpraktijk De Linde") || row[1] != "huisarts" || row[2] != "1e lijn" ||
		row[3] != "Werkdagen 8–17 uur via de praktijklijn" || row[4] != gpTasks {
		t.Errorf("GP row = %q", row)
	}

	// A paediatrician in the 3rd line, reachable day and night.
	const paed = "Dr. Jeroen Bakker"
	tb.click(`#network .section-head a[href$="/network/new"]`)
	if role := tb.value("#role"); role != "" {
		t.Errorf("with a GP in the network the form still proposes role %q", role)
	}
	tb.fill("#name", paed)
	tb.selectOption("#role", "paediatrician")
	tb.fill("#organisation", "Wilhelmina Kinderziekenhuis")
	tb.selectOption("#line", "3")
	tb.fill("#reachability", "Via de dienstdoende kinderarts")
	tb.choose("#always_reachable")
	tb.fill("#responsibilities", "Medicatie en pijnbestrijding; bespreekt de behandelwensen")
	tb.submitForm()
	tb.wantPath(fmt.Sprintf("/families/%d", id))
	row = tb.networkRow(paed)
	if row[1] != "kinderarts" || row[2] != "3e lijn" || !strings.HasPrefix(row[3], "24/7") {
		t.Errorf("paediatrician row = %q, want kinderarts, 3e lijn and the 24/7 badge", row)
	}
	if got := tb.texts("#network-table .badge.ok"); len(got) != 1 || got[0] != "24/7" {
		t.Errorf("24/7 badges in the network = %q, want one, the paediatrician's", got)
	}
	if row := tb.networkRow(gp); strings.Contains(row[3], "24/7") {
		t.Errorf("the GP shows as 24/7 reachable: %q", row)
	}
	f = a.file(id)
	if len(f.Network) != 2 || f.Network[0].Role != "gp" || f.Network[0].Line != 1 || f.Network[0].Responsibilities != gpTasks ||
		f.Network[0].AlwaysReachable || f.Network[1].Role != "paediatrician" || f.Network[1].Line != 3 || !f.Network[1].AlwaysReachable {
		t.Errorf("stored network = %+v", f.Network)
	}
	tb.screenshot("family-desktop")

	// An earlier phone call, so the new contact must go to the top.
	earlier := today.AddDate(0, 0, -4)
	if err := a.careService().AddContact(ctx, a.actor(u), &care.Contact{
		FamilyID: id, Date: earlier, Kind: "phone", With: "parent", DurationMin: 15, Topics: "Afspraak huisbezoek gemaakt",
	}); err != nil {
		t.Fatalf("seed an earlier contact: %v", err)
	}

	// On the phone, in the same session, during the home visit.
	tb.emulate(phone)
	tb.reload()
	if w := eval[int](tb, "window.innerWidth"); w != phone.width {
		t.Errorf("window.innerWidth = %d on the phone, want %d", w, phone.width)
	}
	tb.wantText("h1", child)
	tb.wantNoOverflow("family page on a phone")

	const topics = "Pijn en slaap besproken; ouders willen meer uitleg over de sondevoeding."
	in := &interactions{tb: tb}
	in.click(`header.family-head a[href$="/contacts/new"]`)
	tb.wantPath(fmt.Sprintf("/families/%d/contacts/new", id))
	tb.wantTextContains("h1", "Contact vastleggen")
	if got := tb.value("#date"); got != isoDate(today) {
		t.Errorf("contact date starts as %q, want today %q", got, isoDate(today))
	}
	// What must still be done before the form can be sent: required
	// fields without a value and required choices without a pick.
	needed := eval[[]string](tb, `(() => {
		const f = document.querySelector("form.care-form"), out = [];
		for (const el of f.querySelectorAll('[aria-required="true"]')) if (!el.value) out.push(el.name);
		for (const fs of f.querySelectorAll("fieldset.choices"))
			if (fs.querySelector("legend .req") && !fs.querySelector("input:checked")) out.push(fs.id);
		return out;
	})()`)
	if strings.Join(needed, ",") != "kind,with" {
		t.Errorf("the contact form needs %q before it can be sent, want only kind and with", needed)
	}
	tb.wantNoOverflow("contact form")
	in.choose(radio("kind", "home_visit"))
	in.choose(radio("with", "parent"))
	in.fill("#duration", "60")
	in.fill("#travel", "25")
	in.fill("#topics", topics)
	tb.screenshot("contact-form-phone")
	in.click(`form.care-form button[type="submit"]`)
	t.Logf("logging the contact took %d interactions (open, 2 choices, 3 optional fields, save); the minimum is %d",
		in.n, in.n-3)
	if in.n > 7 {
		t.Errorf("logging a contact took %d interactions, want at most 7", in.n)
	}
	tb.wantPath(fmt.Sprintf("/families/%d", id))
	contacts := tb.texts("#contact-list > li")
	if len(contacts) != 2 {
		tb.fail("%d contacts in the timeline, want 2", len(contacts))
	}
	for _, want := range []string{dutchDate(today), "huisbezoek", "ouder", "60 min", "25 min reistijd", topics, "Carla Visser"} {
		if !strings.Contains(contacts[0], want) {
			t.Errorf("top of the contacts = %q, want %q in it", contacts[0], want)
		}
	}
	if !strings.Contains(contacts[1], dutchDate(earlier)) || !strings.Contains(contacts[1], "telefoon") {
		t.Errorf("second contact = %q, want the earlier phone call", contacts[1])
	}
	if c := a.file(id).Contacts[0]; !c.Date.Equal(today) || c.Kind != "home_visit" || c.With != "parent" ||
		c.DurationMin != 60 || c.TravelMin != 25 || c.Topics != topics || c.CreatedBy.AccountID != u.ID {
		t.Errorf("stored contact = %+v", c)
	}
	tb.wantNoOverflow("family page with the contact")

	// Down to waakvlam, with a reason and the next contact.
	next := today.AddDate(0, 0, 21)
	const why = "Situatie stabiel; ouders willen minder bezoeken. Over drie weken bellen."
	tb.click(`header.family-head a[href$="/intensity"]`)
	tb.wantPath(fmt.Sprintf("/families/%d/intensity", id))
	if !tb.checked(radio("intensity", "regular")) {
		t.Error("the intensity form does not start at the current level, regulier")
	}
	tb.choose(radio("intensity", "waakvlam"))
	tb.setDate("#next_contact", isoDate(next))
	tb.fill("#reason", why)
	tb.wantNoOverflow("intensity form")
	tb.submitForm()
	tb.wantPath(fmt.Sprintf("/families/%d", id))
	tb.wantText("#intensity-badge", "waakvlam")
	tb.wantText("#next-contact", dutchDate(next))
	history := tb.texts("#intensity-history > li")
	if len(history) != 2 {
		tb.fail("intensity history has %d steps, want 2: %q", len(history), history)
	}
	for _, want := range []string{"regulier → waakvlam", why, "Volgend contact: " + dutchDate(next), "Carla Visser"} {
		if !strings.Contains(history[0], want) {
			t.Errorf("newest intensity step = %q, want %q in it", history[0], want)
		}
	}
	if !strings.Contains(history[1], "Bij aanmelding") || !strings.Contains(history[1], "regulier") {
		t.Errorf("first intensity step = %q, want regulier at the intake", history[1])
	}
	if fam := a.file(id).Family; fam.Intensity != care.Waakvlam || !fam.NextContact.Equal(next) {
		t.Errorf("stored intensity %q, next contact %v; want waakvlam, %v", fam.Intensity, fam.NextContact, next)
	}

	// A task for someone in the network.
	due := today.AddDate(0, 0, 7)
	const task, owner = "Tillift aanvragen bij de gemeente (Wmo)", paed
	tb.click(`header.family-head a[href$="/tasks/new"]`)
	tb.wantPath(fmt.Sprintf("/families/%d/tasks/new", id))
	tb.fill("#title", task)
	tb.selectOption("#owner", fmt.Sprintf("network:%d", f.Network[1].ID))
	tb.setDate("#due_date", isoDate(due))
	tb.submitForm()
	tb.wantPath(fmt.Sprintf("/families/%d", id))
	ids := eval[[]string](tb, `Array.from(document.querySelectorAll("#open-tasks > li"), li => li.id)`)
	if len(ids) != 1 {
		tb.fail("%d open tasks, want 1", len(ids))
	}
	taskSel := "#" + ids[0]
	tid := strings.TrimPrefix(ids[0], "task-")
	tb.wantTextContains(taskSel+" .task-title", task)
	tb.wantTextContains(taskSel, "iemand uit het netwerk: "+owner+" · klaar op "+dutchDate(due))

	// Closing it without saying what was done is refused.
	tb.openDetails(taskSel + " details.done > summary")
	wantStatus(t, tb.click(taskSel+` details.done button[type="submit"]`), http.StatusUnprocessableEntity)
	tb.wantTextContains("#error-summary", msgDoneNote)
	tb.wantText("#done_note-"+tid+"-error", msgRequired)
	if got := eval[string](tb, fmt.Sprintf(`document.querySelector("#done_note-%s").getAttribute("aria-invalid")`, tid)); got != "true" {
		t.Errorf("the empty note has aria-invalid %q, want true", got)
	}
	if st := a.file(id).Tasks[0].Status; st != "open" {
		t.Errorf("a task without a note was stored as %q", st)
	}
	tb.wantNoOverflow("family page with the task error")

	const done = "Aanvraag ingediend bij het Wmo-loket; de ergotherapeut komt volgende week langs."
	tb.fill("#done_note-"+tid, done)
	wantStatus(t, tb.click(taskSel+` details.done button[type="submit"]`), http.StatusOK)
	tb.wantPath(fmt.Sprintf("/families/%d", id))
	if n := tb.count("#open-tasks"); n != 0 {
		t.Error("the task is still listed as open")
	}
	tb.wantTextContains("#tasks", "Geen open taken.")
	tb.openDetails("#done-tasks > summary")
	tb.wantText("#done-tasks > summary", "Afgeronde taken (1)")
	tb.wantText(taskSel+" .badge.ok", "gedaan")
	tb.wantTextContains(taskSel+" .task-title", task)
	tb.wantText(taskSel+" .done-note", done)
	tb.wantTextContains(taskSel, "Carla Visser")
	if tk := a.file(id).Tasks[0]; tk.Status != "done" || tk.DoneNote != done || tk.DoneBy.AccountID != u.ID ||
		tk.OwnerKind != "network" || tk.OwnerName != owner || !tk.DueDate.Equal(due) {
		t.Errorf("stored task = %+v", tk)
	}

	// The caseload, on the phone.
	tb.wantText(`nav.site-nav a[href="/families"]`, "Gezinnen")
	tb.click(`nav.site-nav a[href="/families"]`)
	tb.wantPath("/families")
	tb.wantText("h1", "Mijn gezinnen")
	rowSel := fmt.Sprintf("#family-%d", id)
	tb.wantText(rowSel+" a.child", child)
	tb.wantText(rowSel+" .badge.level-waakvlam", "waakvlam")
	tb.wantText(rowSel+" .next", dutchDate(next))
	tb.wantText(rowSel+" .open-count", "0")
	tb.wantText(rowSel+` td[data-label="Begeleiding"]`, "geaccepteerd")
	tb.wantNoOverflow("caseload")
	tb.screenshot("caseload-phone")

	// Search by part of the name, in other capitals.
	tb.fill("#q", "AMRA")
	tb.click(`form.search button[type="submit"]`)
	tb.wantPath("/families")
	if q := tb.url().Query().Get("q"); q != "AMRA" {
		t.Errorf("search query in the URL = %q, want AMRA", q)
	}
	if got := tb.texts("#caseload a.child"); len(got) != 1 || got[0] != child {
		t.Errorf("search for AMRA found %q, want %q", got, child)
	}
	tb.fill("#q", "Jansen")
	tb.click(`form.search button[type="submit"]`)
	tb.wantText("#no-match p", "Geen gezin gevonden met ‘Jansen’ in de naam.")
	tb.wantText("#no-match a", "Alle gezinnen tonen")
	if n := tb.count("#caseload"); n != 0 {
		t.Errorf("a search without matches still shows the caseload table")
	}
	tb.wantNoOverflow("caseload without matches")
	tb.click("#no-match a")
	tb.wantText(rowSel+" a.child", child)
}

// TestUnassignedCaseManagerSeesNothing: a case manager of the same
// organisation who is not assigned to a family gets the page-not-found
// answer for it, and it is not in their caseload.
func TestUnassignedCaseManagerSeesNothing(t *testing.T) {
	a := newApp(t, site.Config{})
	carla := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	henk := a.newUser("Henk Mulder", "henk.mulder@kct.test", care.RoleCaseManager, true)
	birth := a.today().AddDate(-6, 0, 0)
	id := a.createFamily(carla, "Daan Verhoeven", birth)
	own := a.createFamily(henk, "Lotte Smits", a.today().AddDate(-2, 0, 0))
	b := newBrowser(t, desktop)

	// Carla, in her own browser context, sees her family.
	ct := b.newTab(a)
	ct.login(carla)
	wantStatus(t, ct.open(fmt.Sprintf("/families/%d", id)), http.StatusOK)
	ct.wantText("h1", "Daan Verhoeven")

	ht := b.newTab(a)
	ht.login(henk)
	for _, path := range []string{
		fmt.Sprintf("/families/%d", id),
		fmt.Sprintf("/families/%d/contacts/new", id),
		fmt.Sprintf("/families/%d/intensity", id),
	} {
		wantStatus(t, ht.open(path), http.StatusNotFound)
		ht.wantText("h1", "Dat lukte niet")
		ht.wantText(".error-page p:not(.status):not(:has(a))", msgNotFound)
		if body := eval[string](ht, "document.body.innerText"); strings.Contains(body, "Daan") {
			t.Errorf("%s shows the child's name to a case manager who is not assigned", path)
		}
	}
	ht.screenshot("family-not-assigned")

	ht.click(`nav.site-nav a[href="/families"]`)
	ht.wantPath("/families")
	if got := ht.texts("#caseload a.child"); len(got) != 1 || got[0] != "Lotte Smits" {
		t.Errorf("Henk's caseload lists %q, want only his own family Lotte Smits", got)
	}
	if n := ht.count(fmt.Sprintf("#family-%d, a[href=\"/families/%d\"]", id, id)); n != 0 {
		t.Errorf("Henk's caseload links to Carla's family (%d elements)", n)
	}
	ht.fill("#q", "Daan")
	ht.click(`form.search button[type="submit"]`)
	ht.wantText("#no-match p", "Geen gezin gevonden met ‘Daan’ in de naam.")

	// The refusals are on record; Henk's own family stays his.
	events, err := a.store.FamilyAuditEvents(context.Background(), id)
	if err != nil {
		t.Fatalf("audit events: %v", err)
	}
	denied := 0
	for _, e := range events {
		if e.ActorID == henk.ID {
			if e.Outcome != care.OutcomeDenied || e.Authorised {
				t.Errorf("Henk's access to Carla's family audited as %q (authorised %v), want denied", e.Outcome, e.Authorised)
			}
			denied++
		}
	}
	if denied != 3 {
		t.Errorf("%d denied accesses by Henk audited, want 3", denied)
	}
	wantStatus(t, ht.open(fmt.Sprintf("/families/%d", own)), http.StatusOK)
	ht.wantText("h1", "Lotte Smits")
}

// TestIntakeValidationKeepsInput sends an intake with a birth date in the
// future and a BSN that fails the 11-test: both are explained at their
// fields, everything typed is still there, and no family was created.
func TestIntakeValidationKeepsInput(t *testing.T) {
	a := newApp(t, site.Config{})
	u := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	tb := newBrowser(t, desktop).newTab(a)

	tb.login(u)
	today := a.today()
	tb.open("/families/new")
	const child, reason = "Mila Hendriks", "Aangemeld na een opname op de IC; ouders willen thuis zorgen."
	future := today.AddDate(0, 1, 0)
	tb.fill("#child_name", child)
	tb.setDate("#birth_date", isoDate(future))
	tb.selectOption("#sex", "female")
	tb.fill("#bsn", "123456789")
	tb.choose("#no_diagnosis")
	tb.fill("#reason", reason)
	tb.choose("#factor_capacity")
	tb.choose(radio("surprise_question", "yes"))
	tb.choose(radio("status", "accepted"))
	tb.choose(radio("kind", "thuis"))
	tb.choose(radio("intensity", "intensive"))
	wantStatus(t, tb.submitForm(), http.StatusUnprocessableEntity)

	tb.wantText("h1", "Nieuw gezin aanmelden")
	tb.wantText("#error-summary", msgFormErrors)
	tb.wantFieldError("birth_date", "De geboortedatum kan niet in de toekomst liggen.")
	tb.wantFieldError("bsn", "Dit is geen geldig BSN. Kijk de negen cijfers na.")
	errs := eval[[]string](tb, `Array.from(document.querySelectorAll(".field-error"), p => p.id)`)
	t.Logf("fields with an error: %q", errs)

	// Everything typed is still there, the wrong values too, to correct them.
	for sel, want := range map[string]string{
		"#child_name": child, "#birth_date": isoDate(future), "#sex": "female", "#bsn": "123456789",
		"#reason": reason, "#referral_date": isoDate(today), "#diagnosis": "",
	} {
		if got := tb.value(sel); got != want {
			t.Errorf("%s = %q after the errors, want %q", sel, got, want)
		}
	}
	for _, sel := range []string{"#no_diagnosis", "#factor_capacity", radio("surprise_question", "yes"),
		radio("status", "accepted"), radio("kind", "thuis"), radio("intensity", "intensive")} {
		if !tb.checked(sel) {
			t.Errorf("%s is no longer checked after the errors", sel)
		}
	}
	for _, sel := range []string{"#factor_wish", "#factor_complexity"} {
		if tb.checked(sel) {
			t.Errorf("%s became checked after the errors", sel)
		}
	}
	tb.screenshot("intake-errors-desktop")

	n, err := a.store.FamilyCount(context.Background(), a.org)
	if err != nil {
		t.Fatalf("count families: %v", err)
	}
	if n != 0 {
		t.Errorf("%d families in the database after a refused intake, want 0", n)
	}
	tb.open("/families")
	tb.wantText("#empty h2", "Je begeleidt nog geen gezinnen")
	if n := tb.count("#caseload"); n != 0 {
		t.Error("the caseload shows a table after a refused intake")
	}
}
