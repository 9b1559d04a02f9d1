package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/web"
)

// planWorld is one family of nine with a care plan in its second version:
// wishes, a problem, a goal with an overdue action, an agreement, a
// "no resuscitation" directive and a review date that has passed. Around
// it: its case manager, a parent with custody, the child, the GP with the
// parent's consent, a 24/7 nurse linked without consent, and a case
// manager of another family.
type planWorld struct {
	a       *app
	fam     int64
	cm      *client
	cmA     care.Actor
	parent  *client
	parentA care.Actor
	child   *client
	gp      *client // provider with consent
	nurse   *client // provider without consent
	other   *client // a case manager not assigned to the family
	action  int64   // the plan's action (task id)
	goal    string  // the goal it serves
	domain  string
}

const (
	planWishes = "Lotte wil zo veel mogelijk thuis zijn."
	planGoal   = "Goed doorslapen"
	planAction = "Slaaponderzoek aanvragen"
)

func newPlanWorld(t *testing.T, a *app) *planWorld {
	t.Helper()
	ctx := context.Background()
	w := &planWorld{a: a, domain: fmt.Sprintf("@plan%d.example.org", worlds.Add(1))}
	cm, acc := a.caseManager("cm" + w.domain)
	w.cm, w.cmA = cm, care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: a.org, AccessPoint: "test"}
	today := care.DateOf(a.clock.Now())
	id, err := a.care.CreateFamily(ctx, w.cmA, care.Intake{
		Family: care.Family{ChildName: "Lotte Bakker", BirthDate: today.AddDate(-9, 0, 0), Sex: "female",
			Diagnosis: "Spinale musculaire atrofie", ICD10: "G12.0", Secondary: []care.Diagnosis{{Description: "Scoliose", ICD10: "M41.9"}},
			Intensity: care.Regular},
		Episode: care.Episode{ReferralDate: today.AddDate(0, -6, 0), SurpriseQuestion: "no", Status: "accepted"},
		Kind:    "kct",
	})
	if err != nil {
		t.Fatal(err)
	}
	w.fam = id
	parent := &care.Member{FamilyID: id, Kind: "parent", Name: "Eva Bakker", Relation: "moeder", Custody: true, Phone: "06-12345678"}
	if err := a.care.AddMember(ctx, w.cmA, parent); err != nil {
		t.Fatal(err)
	}
	gp := &care.NetworkMember{FamilyID: id, Name: "Dr. Huisman", Role: "gp", Line: 1, Phone: "010-1234567", Reachability: "werkdagen"}
	nurse := &care.NetworkMember{FamilyID: id, Name: "KCT Amstel", Role: "nurse", Line: 3, Phone: "020-7654321", AlwaysReachable: true, Reachability: "dag en nacht"}
	for _, n := range []*care.NetworkMember{gp, nurse} {
		if err := a.care.SaveNetworkMember(ctx, w.cmA, n); err != nil {
			t.Fatal(err)
		}
	}
	w.parent, w.parentA = w.linked(t, "ouder", care.RoleFamily, &care.Link{Kind: care.LinkParent, MemberID: parent.ID})
	w.child, _ = w.linked(t, "lotte", care.RoleFamily, &care.Link{Kind: care.LinkChild})
	w.gp, _ = w.linked(t, "huisarts", care.RoleProvider, &care.Link{Kind: care.LinkProvider, NetworkMemberID: gp.ID})
	w.nurse, _ = w.linked(t, "kct", care.RoleProvider, &care.Link{Kind: care.LinkProvider, NetworkMemberID: nurse.ID})
	if err := a.care.SetConsent(ctx, w.parentA, id, gp.ID, true, care.ScopePlanNetwork); err != nil {
		t.Fatal(err)
	}
	w.other, _ = a.caseManager("andere" + w.domain)

	if _, err := a.care.StartCarePlan(ctx, w.cmA, id, 0); err != nil {
		t.Fatal(err)
	}
	pf, err := a.care.CarePlan(ctx, w.cmA, id, care.ViewCaseFile)
	if err != nil {
		t.Fatal(err)
	}
	next := *pf.Plan
	next.Sections = append([]care.PlanSection(nil), pf.Plan.Sections...)
	next.Wishes = planWishes
	phys := next.Section(care.DimPhysical)
	phys.Situation = "Benauwd 's nachts"
	phys.Problems = []care.PlanItem{{For: "child", Text: "Benauwdheid", ICD10: "R06.0"}}
	phys.Goals = []care.PlanItem{{For: "child", Text: planGoal}}
	phys.Agreements = []care.PlanItem{{For: "parents", Text: "Slaapdagboek bijhouden"}}
	next.ACP.Directives = append([]care.Directive(nil), next.ACP.Directives...)
	for i := range next.ACP.Directives {
		if next.ACP.Directives[i].Kind == "resuscitation" {
			next.ACP.Directives[i] = care.Directive{Kind: "resuscitation", Decision: "no", Detail: "Niet reanimeren",
				Date: today.AddDate(0, 0, -10), AgreedBy: "ouders en kinderarts"}
		}
	}
	next.ACP.PlaceOfDeath = care.Preference{Place: "not_now"}
	next.ACP.CareWishes = "Muziek als ze onrustig is"
	next.DiscussedOn, next.ReviewDue = today.AddDate(0, 0, -100), today.AddDate(0, 0, -5)
	actions := []care.Task{{Title: planAction, OwnerKind: "casemanager", DueDate: today.AddDate(0, 0, -3),
		PlanDimension: care.DimPhysical, PlanGoal: care.NewGoal}}
	saved, err := a.care.SaveCarePlan(ctx, w.cmA, id, 1, &next, actions)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != 2 {
		t.Fatalf("saved version %d, want 2", saved.Version)
	}
	w.goal = saved.Section(care.DimPhysical).Goals[0].ID
	pf, err = a.care.CarePlan(ctx, w.cmA, id, care.ViewCaseFile)
	if err != nil || len(pf.Actions) != 1 {
		t.Fatalf("plan actions %+v, %v", pf, err)
	}
	w.action = pf.Actions[0].ID
	return w
}

func (w *planWorld) linked(t *testing.T, who string, role care.Role, l *care.Link) (*client, care.Actor) {
	t.Helper()
	email := who + w.domain
	acc, secret := w.a.account(email, role, true)
	l.FamilyID, l.AccountID = w.fam, acc.ID
	if err := w.a.store.CreateLink(context.Background(), l); err != nil {
		t.Fatal(err)
	}
	c := w.a.client()
	c.login(email, secret)
	return c, care.Actor{AccountID: acc.ID, Role: role, OrganisationID: w.a.org, AccessPoint: "test"}
}

// The plan's pages for each kind of reader.
func (w *planWorld) cmPath(rest string) string {
	return "/families/" + itoa(w.fam) + "/careplan" + rest
}
func (w *planWorld) myPath(rest string) string {
	return "/my/families/" + itoa(w.fam) + "/careplan" + rest
}
func (w *planWorld) provPath(rest string) string {
	return "/provider/families/" + itoa(w.fam) + "/careplan" + rest
}

// lastAudit is the newest audit record about the world's family.
func (w *planWorld) lastAudit(t *testing.T) care.AuditEvent {
	t.Helper()
	events, err := w.a.store.FamilyAuditEvents(context.Background(), w.fam)
	if err != nil || len(events) == 0 {
		t.Fatalf("audit events: %d, %v", len(events), err)
	}
	return events[len(events)-1]
}

// propose sends a proposal as the parent and returns its id.
func (w *planWorld) propose(t *testing.T, section, body string) int64 {
	t.Helper()
	p := w.parent.post(w.myPath("/proposals"), url.Values{"section": {section}, "body": {body}})
	redirectsTo(t, p, w.myPath("?saved=proposal"), "proposal")
	list, err := w.a.store.Proposals(context.Background(), w.fam)
	if err != nil || len(list) == 0 {
		t.Fatalf("proposals: %v, %v", list, err)
	}
	for _, pr := range list {
		if pr.Body == body {
			return pr.ID
		}
	}
	t.Fatalf("proposal %q not stored", body)
	return 0
}

// present reports whether the page has an element with the id.
func (p *page) present(id string) bool { return p.byID(id) != nil }

// hrefAt is the link target of the element with the id.
func (p *page) hrefAt(id string) string { return attr(p.byID(id), "href") }

// under finds the first element below n (n may be nil) that match accepts.
func under(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	return find(n, func(m *html.Node) bool { return m.Type == html.ElementNode && match(m) })
}

// allUnder finds every element below n (n may be nil) that match accepts.
func allUnder(n *html.Node, match func(*html.Node) bool) []*html.Node {
	if n == nil {
		return nil
	}
	return findAll(n, func(m *html.Node) bool { return m.Type == html.ElementNode && match(m) })
}

func TestCarePlanPageForEachReader(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		w := newPlanWorld(t, a)
		pid := w.propose(t, "wishes", "Logeren bij oma")
		proposal := "proposal-" + itoa(pid)

		// The case manager: everything, with edit links and the proposal to answer.
		p := w.cm.get(w.cmPath(""))
		mustStatus(t, p, http.StatusOK, "case manager's plan")
		if got := p.h1(); got != "Zorgplan van Lotte Bakker" {
			t.Errorf("h1 = %q", got)
		}
		if got := p.within("plan-version"); got != "versie 2" {
			t.Errorf("version = %q", got)
		}
		if got := p.within("plan-saved"); !strings.Contains(got, "opgeslagen door Naam cm op") {
			t.Errorf("saved = %q", got)
		}
		if got := p.within("plan-child"); !strings.Contains(got, "9 jaar") {
			t.Errorf("child = %q", got)
		}
		if !p.present("review-overdue") || !strings.Contains(p.within("plan-review"), "evaluatie te laat") {
			t.Errorf("review = %q, want it marked overdue", p.within("plan-review"))
		}
		if got := p.within("plan-wishes"); got != planWishes {
			t.Errorf("wishes = %q", got)
		}
		for _, part := range []string{"wishes", "physical", "psychological", "social", "pedagogical", "spiritual", "acp", "review"} {
			if got, want := p.hrefAt("edit-"+part), w.cmPath("/"+part+"/edit"); got != want {
				t.Errorf("edit link of %s = %q, want %q", part, got, want)
			}
		}
		for id, want := range map[string]string{"versions-link": w.cmPath("/versions"), "print-link": w.cmPath("/print"), "emergency-link": w.cmPath("/emergency")} {
			if got := p.hrefAt(id); got != want {
				t.Errorf("%s = %q, want %q", id, got, want)
			}
		}
		// Five dimensions in order, the action under its goal, marked overdue.
		var dims []string
		for _, n := range allUnder(p.doc, func(n *html.Node) bool { return hasClass(n, "plan-dim") }) {
			dims = append(dims, attr(n, "id"))
		}
		if want := []string{"physical", "psychological", "social", "pedagogical", "spiritual"}; !slices.Equal(dims, want) {
			t.Errorf("dimensions %v, want %v", dims, want)
		}
		goal := p.byID("item-" + w.goal)
		action := under(goal, func(n *html.Node) bool { return attr(n, "id") == "action-"+itoa(w.action) })
		if action == nil || !hasClass(action, "overdue") || !strings.Contains(text(action), "te laat") || !strings.Contains(text(action), planAction) {
			t.Errorf("goal %q: action not under it, or not marked overdue", text(goal))
		}
		if got := p.within("physical"); !strings.Contains(got, "R06.0") || !strings.Contains(got, "Voor wie: Ouders") {
			t.Errorf("physical = %q, want the ICD-10 code and for whom", got)
		}
		if got := p.within("directive-resuscitation"); !strings.Contains(got, "Reanimatie") || !strings.Contains(got, "Nee") || !strings.Contains(got, "ouders en kinderarts") {
			t.Errorf("resuscitation = %q", got)
		}
		if got := p.within("place-of-death"); got != "Het gezin wil dit nu niet bespreken" {
			t.Errorf("place of death = %q", got)
		}
		if got := p.within("place-of-care"); got != "Nog niet besproken" {
			t.Errorf("place of care = %q", got)
		}
		if !p.present("answer-form-"+itoa(pid)) || !strings.Contains(p.within(proposal), "Logeren bij oma") {
			t.Errorf("the open proposal has no answer form: %q", p.within("proposals"))
		}
		if p.present("proposal-form") {
			t.Error("the case manager sees the family's proposal form")
		}
		if n := p.inlineScripts(); n != 0 {
			t.Errorf("%d inline scripts", n)
		}

		// The parent: the plan, their proposals and the form; no edit links.
		p = w.parent.get(w.myPath(""))
		mustStatus(t, p, http.StatusOK, "parent's plan")
		if got := p.within("plan-wishes"); got != planWishes {
			t.Errorf("parent: wishes = %q", got)
		}
		for _, id := range []string{"edit-wishes", "edit-physical", "edit-acp", "edit-review", "versions-link", "answer-form-" + itoa(pid)} {
			if p.present(id) {
				t.Errorf("parent sees %s", id)
			}
		}
		if got := p.hrefAt("print-link"); got != w.myPath("/print") {
			t.Errorf("parent's print link = %q", got)
		}
		if !p.present("proposal-form") || attr(p.byID("proposal-form"), "action") != w.myPath("/proposals") {
			t.Error("parent: no proposal form to the right address")
		}
		if got := p.within(proposal + "-status"); got != "wacht op antwoord van je casemanager" {
			t.Errorf("parent: proposal status = %q", got)
		}
		if !strings.Contains(p.within("proposals"), "Logeren bij oma") {
			t.Error("parent does not see their proposal")
		}

		// The child: simpler words.
		p = w.child.get(w.myPath(""))
		mustStatus(t, p, http.StatusOK, "child's plan")
		if got := p.h1(); got != "Jouw zorgplan" {
			t.Errorf("child: h1 = %q", got)
		}
		if got := p.within(proposal + "-status"); got != "je casemanager kijkt ernaar" {
			t.Errorf("child: proposal status = %q", got)
		}

		// The GP with consent: the plan only.
		p = w.gp.get(w.provPath(""))
		mustStatus(t, p, http.StatusOK, "provider's plan")
		if got := p.within("plan-wishes"); got != planWishes {
			t.Errorf("provider: wishes = %q", got)
		}
		for _, id := range []string{"proposals", "proposal-form", proposal, "edit-wishes", "edit-physical", "versions-link", "open-proposals-note"} {
			if p.present(id) {
				t.Errorf("provider sees %s", id)
			}
		}
		if strings.Contains(p.body, "Logeren bij oma") {
			t.Error("provider sees the family's proposal")
		}
		if got := p.hrefAt("emergency-link"); got != w.provPath("/emergency") {
			t.Errorf("provider's emergency link = %q", got)
		}

		// Who may not see the plan gets the missing page, on every page of it.
		for _, tc := range []struct {
			who  string
			c    *client
			path string
		}{
			{"provider without consent", w.nurse, w.provPath("")},
			{"provider without consent", w.nurse, w.provPath("/print")},
			{"provider without consent", w.nurse, w.provPath("/emergency")},
			{"other case manager", w.other, w.cmPath("")},
			{"other case manager", w.other, w.cmPath("/print")},
			{"other case manager", w.other, w.cmPath("/emergency")},
			{"other case manager", w.other, w.cmPath("/versions")},
			{"other case manager", w.other, w.cmPath("/compare?a=1&b=2")},
		} {
			p := tc.c.get(tc.path)
			if p.StatusCode != http.StatusNotFound || strings.Contains(p.body, "Lotte") {
				t.Errorf("%s on %s: status %d", tc.who, tc.path, p.StatusCode)
			}
		}
	})
}

func TestCarePlanWithoutPlan(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		c, acc := a.caseManager("carla@example.org")
		actor := care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: a.org, AccessPoint: "test"}
		id := c.createFamily(intake("Noor Smit", a.day(-4, 0, 0)))
		tmpl := &care.PlanTemplate{Name: "Neuromusculair", ReviewMonths: 2}
		if err := a.care.SavePlanTemplate(context.Background(), actor, tmpl); err != nil {
			t.Fatal(err)
		}
		p := c.get(familyPath(id, "/careplan"))
		mustStatus(t, p, http.StatusOK, "plan page without a plan")
		form := p.byID("careplan-start")
		if form == nil || attr(form, "action") != familyPath(id, "/careplan") || attr(form, "method") != "post" {
			t.Fatalf("start form %v", form)
		}
		var options []string
		for _, o := range allUnder(p.byID("template_id"), func(n *html.Node) bool { return n.Data == "option" }) {
			options = append(options, attr(o, "value")+"="+text(o))
		}
		if want := []string{"0=Standaard: vijf dimensies", itoa(tmpl.ID) + "=Neuromusculair"}; !slices.Equal(options, want) {
			t.Errorf("templates %v, want %v", options, want)
		}
		if p.hrefAt("templates-link") != "/careplan-templates" {
			t.Errorf("templates link %q", p.hrefAt("templates-link"))
		}
		for _, id := range []string{"print-link", "versions-link", "edit-wishes"} {
			if p.present(id) {
				t.Errorf("without a plan the page has %s", id)
			}
		}
		// The family page offers to start one.
		fp := c.get(familyPath(id, ""))
		if got := fp.hrefAt("careplan-start-link"); got != familyPath(id, "/careplan") {
			t.Errorf("family page start link %q", got)
		}
		// The API has nothing to show.
		apiWant(t, c.apiCall(http.MethodGet, apiFamilyPath(id, "/careplan"), nil), http.StatusNotFound, "not_found")
	})
}

func TestCarePlanPrintAndEmergency(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		w := newPlanWorld(t, a)
		for _, tc := range []struct {
			who  string
			c    *client
			base string
		}{{"case manager", w.cm, w.cmPath("")}, {"parent", w.parent, w.myPath("")}, {"provider", w.gp, w.provPath("")}} {
			p := tc.c.get(tc.base + "/print")
			mustStatus(t, p, http.StatusOK, tc.who+" print")
			if e := w.lastAudit(t); e.Action != care.ActionPrint || e.ObjectType != "careplan" || e.Outcome != care.OutcomeSuccess {
				t.Errorf("%s print: audit %+v, want a print of the care plan", tc.who, e)
			}
			doc := p.byID("careplan-print")
			if doc == nil {
				t.Fatalf("%s: no print document", tc.who)
			}
			if got := text(doc); !strings.Contains(got, planWishes) || !strings.Contains(got, planAction) || !strings.Contains(got, "versie 2") ||
				!strings.Contains(got, "Afgedrukt op") || !strings.Contains(got, "Niet reanimeren") {
				t.Errorf("%s print: %q", tc.who, got)
			}
			if forms := allUnder(doc, func(n *html.Node) bool { return n.Data == "form" || n.Data == "button" }); len(forms) != 0 {
				t.Errorf("%s print: %d forms or buttons", tc.who, len(forms))
			}
			if !hasClass(p.byID("print-hint").Parent, "no-print") {
				t.Errorf("%s print: the hint is printed too", tc.who)
			}
			if p.inlineScripts() != 0 {
				t.Errorf("%s print: inline script", tc.who)
			}

			p = tc.c.get(tc.base + "/emergency")
			mustStatus(t, p, http.StatusOK, tc.who+" emergency")
			if e := w.lastAudit(t); e.Action != care.ActionPrint || e.ObjectType != "emergency_summary" || e.Outcome != care.OutcomeSuccess {
				t.Errorf("%s emergency: audit %+v, want a print of the emergency summary", tc.who, e)
			}
			if got := p.within("em-diagnoses"); !strings.Contains(got, "Spinale musculaire atrofie G12.0") || !strings.Contains(got, "Scoliose M41.9") {
				t.Errorf("%s emergency diagnoses %q", tc.who, got)
			}
			if got := p.within("em-directive-resuscitation"); !strings.Contains(got, "Nee") || !strings.Contains(got, "ouders en kinderarts") {
				t.Errorf("%s emergency directive %q", tc.who, got)
			}
			if got := p.within("em-born"); !strings.Contains(got, "9 jaar") {
				t.Errorf("%s emergency born %q", tc.who, got)
			}
			call := p.within("emergency-call")
			iParent, iNurse, iGP := strings.Index(call, "06-12345678"), strings.Index(call, "KCT Amstel"), strings.Index(call, "Dr. Huisman")
			if iParent < 0 || iNurse < 0 || iGP < 0 || iNurse > iGP {
				t.Errorf("%s emergency call list %q: want the parent, then the 24/7 nurse before the GP", tc.who, call)
			}
			if !strings.Contains(p.within("em-casemanagers"), "Naam cm") {
				t.Errorf("%s emergency case managers %q", tc.who, p.within("em-casemanagers"))
			}
			if got := p.within("em-version"); !strings.Contains(got, "versie 2") {
				t.Errorf("%s emergency version %q", tc.who, got)
			}
		}
	})
}

func TestCarePlanVersionsAndCompare(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		w := newPlanWorld(t, a)
		p := w.cm.get(w.cmPath("/versions"))
		mustStatus(t, p, http.StatusOK, "versions")
		if got := p.idsWithPrefix("version-"); !slices.Equal(got, []int64{2, 1}) {
			t.Errorf("versions %v, want [2 1]", got)
		}
		if got := text(p.class("changes")); !strings.Contains(got, "Wensen van het gezin") || !strings.Contains(got, "Lichamelijk") {
			t.Errorf("version 2 changed %q", got)
		}
		if got := p.within("version-1"); !strings.Contains(got, "Plan gestart") || !strings.Contains(got, "Naam cm") {
			t.Errorf("version 1 %q", got)
		}
		if attr(p.byID("compare-form"), "action") != w.cmPath("/compare") || p.pickedOption("a") != "1" || p.pickedOption("b") != "2" {
			t.Errorf("compare form: a=%q b=%q", p.pickedOption("a"), p.pickedOption("b"))
		}

		for _, path := range []string{"/compare?a=1&b=2", "/compare"} {
			p = w.cm.get(w.cmPath(path))
			mustStatus(t, p, http.StatusOK, "compare "+path)
			table := p.byID("compare-table")
			if table == nil {
				t.Fatalf("%s: no comparison table", path)
			}
			// The new wishes: an added row with the text inserted, marked in words.
			row := under(table, func(n *html.Node) bool {
				return n.Data == "tr" && strings.Contains(text(n), planWishes)
			})
			if row == nil || !hasClass(row, "row-added") || under(row, func(n *html.Node) bool { return n.Data == "ins" }) == nil ||
				!strings.Contains(text(row), "toegevoegd") {
				t.Errorf("%s: wishes row %q is not marked as added", path, text(row))
			}
			// The review date: changed, the old value struck through.
			row = under(p.byID("compare-review"), func(n *html.Node) bool { return n.Data == "tr" && strings.Contains(text(n), "Volgende evaluatie") })
			if row == nil || !hasClass(row, "row-changed") || under(row, func(n *html.Node) bool { return n.Data == "del" }) == nil {
				t.Errorf("%s: review row %q is not marked as changed", path, text(row))
			}
			// A coded value in words.
			if got := p.within("compare-physical"); !strings.Contains(got, "Kind") || !strings.Contains(got, "Voor wie") {
				t.Errorf("%s: physical rows %q", path, got)
			}
		}

		p = w.cm.get(w.cmPath("/compare?a=1&b=2&changes=1"))
		for _, row := range allUnder(p.byID("compare-table"), func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "row-same") }) {
			t.Errorf("only changes: unchanged row %q", text(row))
		}

		for _, tc := range []struct {
			query  string
			status int
		}{{"?a=x&b=2", http.StatusBadRequest}, {"?a=1&b=-2", http.StatusBadRequest}, {"?a=1&b=99", http.StatusNotFound}, {"?a=7", http.StatusNotFound}} {
			p := w.cm.get(w.cmPath("/compare" + tc.query))
			mustStatus(t, p, tc.status, "compare"+tc.query)
			if !p.present("compare-problem") || !p.present("compare-form") || p.present("compare-table") {
				t.Errorf("compare%s: want the problem and the form, no table", tc.query)
			}
		}
	})
}

// pickedOption is the value of the selected option of a select.
func (p *page) pickedOption(id string) string {
	return attr(under(p.byID(id), func(n *html.Node) bool { return n.Data == "option" && hasAttr(n, "selected") }), "value")
}

func TestCarePlanProposals(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		w := newPlanWorld(t, a)

		// Proposing with errors: the message at the field, the text kept.
		p := w.parent.post(w.myPath("/proposals"), url.Values{"section": {""}, "body": {"Graag vaker logeren"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "proposal without a section")
		if p.fieldError("section") != "Kies een van de mogelijkheden." || p.value("body") != "Graag vaker logeren" || !p.present("error-summary") {
			t.Errorf("section error %q, body %q", p.fieldError("section"), p.value("body"))
		}
		p = w.parent.post(w.myPath("/proposals"), url.Values{"section": {"social"}, "body": {"  "}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "proposal without text")
		if p.fieldError("body") != "Vul dit veld in." || p.pickedOption("section") != "social" {
			t.Errorf("body error %q, section %q", p.fieldError("body"), p.pickedOption("section"))
		}
		p = w.parent.post(w.myPath("/proposals"), url.Values{"section": {"school"}, "body": {"x"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "proposal for no part of the plan")

		// A proposal, accepted: it is in the next version; the family sees it.
		accepted := w.propose(t, "wishes", "Lotte wil graag met de hond naar het strand.")
		p = w.parent.get(w.myPath("?saved=proposal"))
		if got := p.within("saved"); !strings.Contains(got, "Je voorstel is verstuurd") {
			t.Errorf("confirmation %q", got)
		}
		p = w.cm.get(w.cmPath(""))
		if !strings.Contains(p.within("open-proposals-note"), "1") {
			t.Errorf("open proposals note %q", p.within("open-proposals-note"))
		}
		p = w.cm.post(w.cmPath("/proposals/"+itoa(accepted)), url.Values{"decision": {"accept"}, "answer": {""}})
		redirectsTo(t, p, w.cmPath("?saved=accepted"), "accept")
		p = w.cm.get(w.cmPath("?saved=accepted"))
		if got := p.within("plan-version"); got != "versie 3" {
			t.Errorf("after accepting: %q, want version 3", got)
		}
		if got := p.within("plan-wishes"); !strings.Contains(got, "met de hond naar het strand") || !strings.Contains(got, planWishes) {
			t.Errorf("wishes after accepting %q", got)
		}
		if !p.present("saved") {
			t.Error("no confirmation after accepting")
		}
		p = w.parent.get(w.myPath(""))
		if got := p.within("proposal-" + itoa(accepted) + "-status"); got != "overgenomen in versie 3" {
			t.Errorf("family sees %q", got)
		}

		// A proposal for a dimension, declined: an answer is required and
		// what was typed stays; with an answer the family reads it.
		declined := w.propose(t, "pedagogical", "Geen huiswerk meer.")
		long := strings.Repeat("lang ", 801)
		for _, tc := range []struct {
			answer, want string
		}{{"", "Schrijf het gezin waarom je het voorstel niet overneemt."}, {"   ", "Schrijf het gezin waarom je het voorstel niet overneemt."}, {long, "Deze tekst is te lang."}} {
			p = w.cm.post(w.cmPath("/proposals/"+itoa(declined)), url.Values{"decision": {"decline"}, "answer": {tc.answer}})
			mustStatus(t, p, http.StatusUnprocessableEntity, "decline")
			field := "answer-" + itoa(declined)
			if got := p.fieldError(field); got != tc.want {
				t.Errorf("decline with %d characters: error %q, want %q", len(tc.answer), got, tc.want)
			}
			if got := p.value(field); got != tc.answer {
				t.Errorf("decline: typed answer not kept (%d characters, want %d)", len(got), len(tc.answer))
			}
			if attr(p.byID(field), "aria-invalid") != "true" {
				t.Error("decline: the answer field is not marked invalid")
			}
		}
		p = w.cm.post(w.cmPath("/proposals/"+itoa(declined)), url.Values{"answer": {"x"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "answer without a decision")
		if !p.present("decision-" + itoa(declined) + "-error") {
			t.Error("no message for a missing decision")
		}
		p = w.cm.post(w.cmPath("/proposals/"+itoa(declined)), url.Values{"decision": {"decline"}, "answer": {"Dat bespreken we eerst met school."}})
		redirectsTo(t, p, w.cmPath("?saved=declined"), "decline")
		p = w.parent.get(w.myPath(""))
		if got := p.within("proposal-" + itoa(declined) + "-status"); got != "niet overgenomen" {
			t.Errorf("family sees %q", got)
		}
		if got := p.within("proposal-" + itoa(declined) + "-answer"); !strings.Contains(got, "Dat bespreken we eerst met school.") || !strings.Contains(got, "Naam cm") {
			t.Errorf("family sees the answer %q", got)
		}
		if v, _ := a.care.CarePlan(context.Background(), w.cmA, w.fam, care.ViewCaseFile); v.Plan.Version != 3 {
			t.Errorf("declining made version %d", v.Plan.Version)
		}
		// Answering again (a double submit): the proposal is not open any
		// more, so back to the plan, which shows the answer; nothing changes.
		p = w.cm.post(w.cmPath("/proposals/"+itoa(declined)), url.Values{"decision": {"accept"}})
		redirectsTo(t, p, w.cmPath("#proposals"), "answering twice")
		if v, _ := a.care.CarePlan(context.Background(), w.cmA, w.fam, care.ViewCaseFile); v.Plan.Version != 3 {
			t.Errorf("answering twice made version %d", v.Plan.Version)
		}

		// Nobody else answers or proposes.
		p = w.other.post(w.cmPath("/proposals/"+itoa(accepted)), url.Values{"decision": {"decline"}, "answer": {"nee"}})
		mustStatus(t, p, http.StatusNotFound, "other case manager answers")
		p = w.gp.post(w.myPath("/proposals"), url.Values{"section": {"wishes"}, "body": {"x"}})
		mustStatus(t, p, http.StatusNotFound, "provider proposes")
	})
}

func TestCarePlanOnFamilyPageAndCaseload(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		w := newPlanWorld(t, a)
		w.propose(t, "social", "Vaker naar de scouting")
		p := w.cm.get(familyPath(w.fam, ""))
		mustStatus(t, p, http.StatusOK, "family page")
		if got := p.within("careplan-version"); !strings.Contains(got, "versie 2") || !strings.Contains(got, "Naam cm") {
			t.Errorf("card version %q", got)
		}
		if !p.present("careplan-review-overdue") {
			t.Errorf("card review %q: not marked overdue", p.within("careplan-review"))
		}
		if got := p.within("careplan-proposals"); got != "1 open" {
			t.Errorf("card proposals %q", got)
		}
		if got := p.within("careplan-discussed"); got == "" || strings.Contains(got, "nog niet") {
			t.Errorf("card discussed on %q", got)
		}
		if got := p.hrefAt("careplan-link"); got != w.cmPath("") {
			t.Errorf("card link %q", got)
		}
		task := p.byID("task-" + itoa(w.action))
		dim := under(task, func(n *html.Node) bool { return hasClass(n, "plan-dim") })
		if dim == nil || text(dim) != "zorgplan: Lichamelijk" || attr(dim, "href") != w.cmPath("#physical") {
			t.Errorf("task %q does not show its plan dimension", text(task))
		}

		p = w.cm.get("/families")
		row := p.byID("family-" + itoa(w.fam))
		if cell := under(row, func(n *html.Node) bool { return hasClass(n, "plan-review") }); cell == nil || !strings.Contains(text(cell), "te laat") || under(cell, func(n *html.Node) bool { return hasClass(n, "review-overdue") }) == nil {
			t.Errorf("caseload row %q: review not marked overdue", text(row))
		}

		// The family's and the provider's views link to the plan.
		if got := w.parent.get("/my/families/" + itoa(w.fam)).hrefAt("careplan-link"); got != w.myPath("") {
			t.Errorf("family view link %q", got)
		}
		if got := w.gp.get("/provider/families/" + itoa(w.fam)).hrefAt("careplan-link"); got != w.provPath("") {
			t.Errorf("provider view link %q", got)
		}
	})
}
