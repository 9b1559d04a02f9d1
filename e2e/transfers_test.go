//go:build e2e

package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestTransferWithHandoff plans a move from the academic hospital home as
// the case manager, with the warm-handoff checklist whose items become
// tasks with owners, refused first for a move to the same place; then the
// GP, with consent, opens the handoff summary from their own view on a
// phone and prints it on A4 (the printing on record); home care, whose
// consent covers the plan and the network only, reads a summary without
// the child's details, the coverage or the tasks.
func TestTransferWithHandoff(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	svc := a.careService()
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	today := a.today()
	fam := a.createFamily(cm, "Daan Smit", today.AddDate(-4, -3, 0))
	gpN := &care.NetworkMember{FamilyID: fam, Name: "Dr. Huisman", Role: "gp", Line: 1, Phone: "030-2345678", Email: "huisman@praktijk.test",
		Responsibilities: "Medicatie en pijnbestrijding thuis"}
	homeN := &care.NetworkMember{FamilyID: fam, Name: "Thuiszorg Oost", Role: "homecare", Line: 1, Phone: "030-8765432", Email: "team@thuiszorg.test",
		AlwaysReachable: true, Reachability: "dag en nacht", Responsibilities: "Verpleging thuis, zuurstof en sonde"}
	a.addNetworkMember(cm, gpN)
	a.addNetworkMember(cm, homeN)
	mother := a.addParent(cm, fam, "Sara Smit", "moeder", "sara@gezin.test", true)
	sara := a.newUser("Sara Smit", "sara@gezin.test", care.RoleFamily, true)
	gp := a.newUser("Dr. Huisman", "huisman@praktijk.test", care.RoleProvider, true)
	home := a.newUser("Thuiszorg Oost", "team@thuiszorg.test", care.RoleProvider, true)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: mother.ID, Email: sara.Email, Name: sara.Name}, sara)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkProvider, NetworkMemberID: gpN.ID, Email: gp.Email, Name: gp.Name}, gp)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkProvider, NetworkMemberID: homeN.ID, Email: home.Email, Name: home.Name}, home)
	if err := svc.SetConsent(ctx, a.actor(sara), fam, gpN.ID, true, care.ScopeFile); err != nil {
		t.Fatal(err)
	}
	a.setConsent(sara, fam, homeN.ID, true) // the plan and the network

	// The care plan: the family's wishes, a goal, and not to resuscitate.
	plan, err := svc.StartCarePlan(ctx, a.actor(cm), fam, 0)
	if err != nil {
		t.Fatal(err)
	}
	next := *plan
	next.Sections = append([]care.PlanSection(nil), plan.Sections...)
	next.Wishes = "Daan wil thuis zijn, bij zijn broertje en de hond."
	next.Section(care.DimPhysical).Goals = []care.PlanItem{{For: "child", Text: "Rustig ademen zonder benauwdheid"}}
	next.ACP.Directives = []care.Directive{{Kind: "resuscitation", Decision: "no", Detail: "Geen hartmassage, wel zuurstof",
		Date: today.AddDate(0, 0, -5), AgreedBy: "ouders en kinderarts"}}
	if _, err := svc.SaveCarePlan(ctx, a.actor(cm), fam, plan.Version, &next, nil); err != nil {
		t.Fatal(err)
	}
	if err := svc.AddCoverageItem(ctx, a.actor(cm), &care.CoverageItem{FamilyID: fam, Kind: "home_nursing", Applicant: "casemanager"},
		&care.CoveragePeriod{Law: care.LawZvw, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 16,
			Start: today.AddDate(0, -1, 0), End: today.AddDate(0, 11, 0)}); err != nil {
		t.Fatal(err)
	}
	if err := svc.CreateTask(ctx, a.actor(cm), &care.Task{FamilyID: fam, Title: "Herindicatie Wlz aanvragen",
		Pick: care.TaskOwner{Kind: care.OwnerCaseManager, ID: cm.ID}}); err != nil {
		t.Fatal(err)
	}
	famPath := "/families/" + strconv.FormatInt(fam, 10)
	tasksBefore := len(a.file(fam).Tasks)
	b := newBrowser(t, desktop)

	// 1. The case manager plans the move home from the family page.
	ct := b.newTab(a)
	ct.login(cm)
	ct.open(famPath)
	ct.wantTextContains("#transfers-card", "Er is geen overplaatsing gepland.")
	ct.click("#transfer-plan-link")
	ct.wantPath(famPath + "/transfers")
	for _, item := range care.TransferChecklist {
		if !ct.checked("#" + item + "_take") {
			t.Errorf("checklist item %s is not kept by default", item)
		}
	}
	// Owners suited to each item: home care for care at home, the GP for
	// the medication, the case manager for the rest.
	for item, want := range map[string]string{"home_care": "network:" + itoa(homeN.ID), "medication": "network:" + itoa(gpN.ID),
		"school": "casemanager:" + itoa(cm.ID)} {
		if got := ct.value("#" + item + "_owner"); got != want {
			t.Errorf("owner of %s = %q, want %q", item, got, want)
		}
	}
	if got := ct.value("#medication_title"); got != "Medicatie en recepten klaar, overdracht aan de apotheek" {
		t.Errorf("medication title %q", got)
	}
	// A move to the same place, without a date: refused, nothing saved,
	// what was typed still there.
	ct.selectOption("#from_kind", "academic_hospital")
	ct.fill("#from_place", "WKZ, afdeling 3")
	ct.selectOption("#to_kind", "academic_hospital")
	ct.fill("#to_place", "wkz, afdeling 3")
	ct.click("#transfer-submit")
	ct.wantFieldError("to_kind", "Van en naar zijn dezelfde plek. Kies een andere plek of vul een andere naam in.")
	ct.wantFieldError("planned_on", "Vul dit veld in.")
	if got := ct.value("#from_place"); got != "WKZ, afdeling 3" {
		t.Errorf("from place after the refusal: %q", got)
	}
	if n := len(a.file(fam).Tasks); n != tasksBefore {
		t.Errorf("%d tasks after a refused transfer, want %d", n, tasksBefore)
	}
	// Home, next week.
	planned := today.AddDate(0, 0, 7)
	ct.selectOption("#to_kind", "home")
	ct.fill("#to_place", "")
	ct.setDate("#planned_on", planned.Format("2006-01-02"))
	ct.fill("#note", "Met zuurstof en saturatiemeter naar huis.")
	ct.click("#transfer-submit")
	ct.wantTextContains("#saved", "De overplaatsing is gepland")
	var transfers []care.Transfer
	if tf, err := svc.Transfers(ctx, a.actor(cm), care.ViewCaseFile, fam); err != nil || len(tf.Transfers) != 1 {
		t.Fatalf("transfers = %+v, %v", tf, err)
	} else {
		transfers = tf.Transfers
	}
	tr := transfers[0]
	sel := "#transfer-" + itoa(tr.ID)
	ct.wantTextContains(sel+"-h", "WKZ, afdeling 3 (academisch kinderziekenhuis) → thuis")
	if n := ct.count(sel + "-items li"); n != len(care.TransferChecklist) {
		t.Errorf("%d checklist items shown, want %d", n, len(care.TransferChecklist))
	}
	ct.wantTextContains(sel+"-item-medication", "Nog open")
	ct.wantTextContains(sel+"-item-medication", "Dr. Huisman")
	ct.wantTextContains(sel+"-item-medication", "uiterlijk "+dutchDate(planned.AddDate(0, 0, -1)))
	// Each item is a task with its owner, due the day before the move.
	f := a.file(fam)
	if n := len(f.Tasks) - tasksBefore; n != len(care.TransferChecklist) {
		t.Errorf("%d new tasks, want %d", n, len(care.TransferChecklist))
	}
	for _, it := range tr.Items {
		if !it.Task.DueDate.Equal(planned.AddDate(0, 0, -1)) || it.Task.Status != "open" {
			t.Errorf("task of %s = %+v", it.Item, it.Task)
		}
	}
	ct.emulate(phone)
	ct.wantNoOverflow("the transfers page on a phone")
	ct.screenshot("transfers-cm-phone")
	// The family page shows the move and its tasks.
	ct.open(famPath)
	ct.wantTextContains("#transfer-card-"+itoa(tr.ID), "thuis")
	ct.wantTextContains("#transfer-card-"+itoa(tr.ID), "6 punt(en) van de lijst nog open")
	ct.wantTextContains("#tasks", "Afspreken wie 's nachts het eerste aanspreekpunt is")

	// 2. The GP, on a phone, from their own view.
	gt := b.newTab(a)
	gt.emulate(phone)
	gt.login(gp)
	provPath := "/provider/families/" + strconv.FormatInt(fam, 10)
	gt.open(provPath)
	gt.click("#transfer-view-" + itoa(tr.ID) + "-handoff")
	gt.wantPath(provPath + "/transfers/" + itoa(tr.ID) + "/handoff")
	gt.wantText("#handoff-heading", "Overdracht: Daan Smit")
	gt.wantTextContains("#handoff-route", "→ thuis")
	gt.wantTextContains("#handoff-date", dutchDate(planned))
	// Not to resuscitate comes first, before the diagnoses.
	if first := eval[string](gt, `document.querySelector(".handoff-paper > :not(header)").id`); first != "handoff-dnr" {
		t.Errorf("the first part after the heading is %q, want the decision not to resuscitate", first)
	}
	gt.wantTextContains("#handoff-wishes", "bij zijn broertje en de hond")
	gt.wantTextContains("#handoff-goals", "Rustig ademen zonder benauwdheid")
	gt.wantTextContains("#handoff-member-"+itoa(homeN.ID), "Verpleging thuis, zuurstof en sonde")
	gt.wantTextContains("#handoff-member-"+itoa(homeN.ID), "030-8765432")
	gt.wantTextContains("#handoff-network", "Sara Smit")
	gt.wantTextContains("#handoff-coverage-items", "16 uur per week")
	gt.wantTextContains("#handoff-item-night_contact", "Nog open")
	gt.wantTextContains("#handoff-item-night_contact", "uiterlijk "+dutchDate(planned.AddDate(0, 0, -1)))
	gt.wantTextContains("#handoff-tasks", "Herindicatie Wlz aanvragen")
	if strings.Contains(gt.text("#handoff-tasks"), "aanspreekpunt") {
		t.Errorf("the checklist's tasks are listed again with the other open tasks")
	}
	gt.wantText("#handoff-wishes-h", "Wensen van het gezin")
	gt.wantNoOverflow("the handoff summary on a phone")
	gt.screenshot("handoff-gp-phone")
	if n := a.countAudit(t, fam, "handoff_summary", care.ActionRead); n < 1 {
		t.Errorf("opening the summary left %d read records", n)
	}
	// Opening is not printing; the browser's print event is.
	if n := a.countAudit(t, fam, "handoff_summary", care.ActionPrint); n != 0 {
		t.Errorf("opening the summary recorded %d prints", n)
	}
	if !gt.visible("#print-button") {
		t.Errorf("the print button is not shown where the script runs")
	}
	eval[bool](gt, `window.dispatchEvent(new Event("beforeprint"))`)
	a.waitAudit(t, fam, "handoff_summary", care.ActionPrint, 1)
	gt.emulate(a4)
	gt.printMedia(true)
	for _, s := range []string{"nav.site-nav", "footer.site", "#print-hint", "main .back", "main button"} {
		if gt.visible(s) {
			t.Errorf("%s is visible in print", s)
		}
	}
	gt.checkNoOverflow("the handoff summary at A4 width")
	if broken := brokenWords(gt, ".plan-paper"); len(broken) > 0 {
		t.Errorf("words broken in the middle on the printed summary: %q", broken)
	}
	gt.screenshot("handoff-gp-a4")
	_, pages := gt.pdfPages("handoff-print")
	t.Logf("the handoff summary is %d A4 page(s): %v", len(pages), pages)
	if len(pages) < 1 || len(pages) > 3 {
		t.Errorf("the handoff summary prints on %d A4 pages, want 1 to 3", len(pages))
	}
	wantNoEmptyPages(t, "the printed handoff summary", pages)
	gt.printMedia(false)

	// 3. Home care, with consent for the plan and the network only.
	ht := b.newTab(a)
	ht.emulate(phone)
	ht.login(home)
	ht.open("/provider/families/" + strconv.FormatInt(fam, 10) + "/transfers/" + itoa(tr.ID) + "/handoff")
	ht.wantTextContains("#handoff-dnr", "Geen hartmassage, wel zuurstof")
	ht.wantTextContains("#handoff-member-"+itoa(gpN.ID), "Medicatie en pijnbestrijding thuis")
	for sel, want := range map[string]string{"#handoff-born": "Niet gedeeld", "#handoff-coverage": "De financiering valt niet onder de toestemming",
		"#handoff-checklist": "De taken vallen niet onder de toestemming"} {
		if got := ht.text(sel); !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
			t.Errorf("%s for home care = %q, want %q", sel, got, want)
		}
	}
	if n := ht.count("#handoff-tasks, #handoff-coverage-items"); n != 0 {
		t.Errorf("home care sees %d parts its consent does not cover", n)
	}
	ht.wantNoOverflow("the narrower handoff summary on a phone")

	// 4. Daan is home: the case manager marks the move done. It leaves the
	// family page and the GP's view; the summary stays readable.
	ct.open(famPath + "/transfers")
	ct.click(sel + "-done")
	ct.wantTextContains("#saved", "als gebeurd gemarkeerd")
	ct.wantText(sel+"-status", "Gebeurd")
	if n := ct.count(sel + "-done"); n != 0 {
		t.Errorf("a done transfer can still be marked done")
	}
	ct.open(famPath)
	ct.wantTextContains("#transfers-card", "Er is geen overplaatsing gepland.")
	gt.emulate(phone)
	gt.open(provPath)
	if n := gt.count("#transfer-view-" + itoa(tr.ID)); n != 0 {
		t.Errorf("the GP's view still links to the handoff of a move that happened")
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
