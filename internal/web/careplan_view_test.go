package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

func TestCarePlanPageForEachReader(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		pid := w.Propose(t, "wishes", "Logeren bij oma")
		proposal := "proposal-" + itoa(pid)

		// The case manager: everything, with edit links and the proposal to answer.
		p := w.CM.Get(w.CMPath(""))
		mustStatus(t, p, http.StatusOK, "case manager's plan")
		if got := p.H1(); got != "Zorgplan van Lotte Bakker" {
			t.Errorf("h1 = %q", got)
		}
		if got := p.Within("plan-version"); got != "versie 2" {
			t.Errorf("version = %q", got)
		}
		if got := p.Within("plan-saved"); !strings.Contains(got, "opgeslagen door Naam cm op") {
			t.Errorf("saved = %q", got)
		}
		if got := p.Within("plan-child"); !strings.Contains(got, "9 jaar") {
			t.Errorf("child = %q", got)
		}
		if !p.Present("review-overdue") || !strings.Contains(p.Within("plan-review"), "evaluatie te laat") {
			t.Errorf("review = %q, want it marked overdue", p.Within("plan-review"))
		}
		if got := p.Within("plan-wishes"); got != sitetest.PlanWishes {
			t.Errorf("wishes = %q", got)
		}
		for _, part := range []string{"wishes", "physical", "psychological", "social", "pedagogical", "spiritual", "acp", "review"} {
			if got, want := p.HrefAt("edit-"+part), w.CMPath("/"+part+"/edit"); got != want {
				t.Errorf("edit link of %s = %q, want %q", part, got, want)
			}
		}
		for id, want := range map[string]string{"versions-link": w.CMPath("/versions"), "print-link": w.CMPath("/print"), "emergency-link": w.CMPath("/emergency")} {
			if got := p.HrefAt(id); got != want {
				t.Errorf("%s = %q, want %q", id, got, want)
			}
		}
		// Five dimensions in order, the action under its goal, marked overdue.
		var dims []string
		for _, n := range allUnder(p.Doc, func(n *html.Node) bool { return hasClass(n, "plan-dim") }) {
			dims = append(dims, attr(n, "id"))
		}
		if want := []string{"physical", "psychological", "social", "pedagogical", "spiritual"}; !slices.Equal(dims, want) {
			t.Errorf("dimensions %v, want %v", dims, want)
		}
		goal := p.ByID("item-" + w.Goal)
		action := under(goal, func(n *html.Node) bool { return attr(n, "id") == "action-"+itoa(w.Action) })
		if action == nil || !hasClass(action, "overdue") || !strings.Contains(text(action), "te laat") || !strings.Contains(text(action), sitetest.PlanAction) {
			t.Errorf("goal %q: action not under it, or not marked overdue", text(goal))
		}
		if got := p.Within("physical"); !strings.Contains(got, "R06.0") || !strings.Contains(got, "Voor wie: Ouders") {
			t.Errorf("physical = %q, want the ICD-10 code and for whom", got)
		}
		if got := p.Within("directive-resuscitation"); !strings.Contains(got, "Reanimatie") || !strings.Contains(got, "Nee") || !strings.Contains(got, "ouders en kinderarts") {
			t.Errorf("resuscitation = %q", got)
		}
		if got := p.Within("place-of-death"); got != "Het gezin wil dit nu niet bespreken" {
			t.Errorf("place of death = %q", got)
		}
		if got := p.Within("place-of-care"); got != "Nog niet besproken" {
			t.Errorf("place of care = %q", got)
		}
		if !p.Present("answer-form-"+itoa(pid)) || !strings.Contains(p.Within(proposal), "Logeren bij oma") {
			t.Errorf("the open proposal has no answer form: %q", p.Within("proposals"))
		}
		if p.Present("proposal-form") {
			t.Error("the case manager sees the family's proposal form")
		}
		if n := p.InlineScripts(); n != 0 {
			t.Errorf("%d inline scripts", n)
		}

		// The parent: the plan, their proposals and the form; no edit links.
		p = w.Parent.Get(w.MyPath(""))
		mustStatus(t, p, http.StatusOK, "parent's plan")
		if got := p.Within("plan-wishes"); got != sitetest.PlanWishes {
			t.Errorf("parent: wishes = %q", got)
		}
		for _, id := range []string{"edit-wishes", "edit-physical", "edit-acp", "edit-review", "versions-link", "answer-form-" + itoa(pid)} {
			if p.Present(id) {
				t.Errorf("parent sees %s", id)
			}
		}
		if got := p.HrefAt("print-link"); got != w.MyPath("/print") {
			t.Errorf("parent's print link = %q", got)
		}
		if !p.Present("proposal-form") || attr(p.ByID("proposal-form"), "action") != w.MyPath("/proposals") {
			t.Error("parent: no proposal form to the right address")
		}
		if got := p.Within(proposal + "-status"); got != "wacht op antwoord van je casemanager" {
			t.Errorf("parent: proposal status = %q", got)
		}
		if !strings.Contains(p.Within("proposals"), "Logeren bij oma") {
			t.Error("parent does not see their proposal")
		}

		// The child: simpler words.
		p = w.Child.Get(w.MyPath(""))
		mustStatus(t, p, http.StatusOK, "child's plan")
		if got := p.H1(); got != "Jouw zorgplan" {
			t.Errorf("child: h1 = %q", got)
		}
		if got := p.Within(proposal + "-status"); got != "je casemanager kijkt ernaar" {
			t.Errorf("child: proposal status = %q", got)
		}

		// The GP with consent: the plan only.
		p = w.GP.Get(w.ProvPath(""))
		mustStatus(t, p, http.StatusOK, "provider's plan")
		if got := p.Within("plan-wishes"); got != sitetest.PlanWishes {
			t.Errorf("provider: wishes = %q", got)
		}
		for _, id := range []string{"proposals", "proposal-form", proposal, "edit-wishes", "edit-physical", "versions-link", "open-proposals-note"} {
			if p.Present(id) {
				t.Errorf("provider sees %s", id)
			}
		}
		if strings.Contains(p.HTML, "Logeren bij oma") {
			t.Error("provider sees the family's proposal")
		}
		if got := p.HrefAt("emergency-link"); got != w.ProvPath("/emergency") {
			t.Errorf("provider's emergency link = %q", got)
		}

		// Who may not see the plan gets the missing page, on every page of it.
		for _, tc := range []struct {
			who  string
			c    *client
			path string
		}{
			{"provider without consent", w.Nurse, w.ProvPath("")},
			{"provider without consent", w.Nurse, w.ProvPath("/print")},
			{"provider without consent", w.Nurse, w.ProvPath("/emergency")},
			{"other case manager", w.Other, w.CMPath("")},
			{"other case manager", w.Other, w.CMPath("/print")},
			{"other case manager", w.Other, w.CMPath("/emergency")},
			{"other case manager", w.Other, w.CMPath("/versions")},
			{"other case manager", w.Other, w.CMPath("/compare?a=1&b=2")},
		} {
			p := tc.c.Get(tc.path)
			if p.StatusCode != http.StatusNotFound || strings.Contains(p.HTML, "Lotte") {
				t.Errorf("%s on %s: status %d", tc.who, tc.path, p.StatusCode)
			}
		}
	})
}

func TestCarePlanWithoutPlan(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, acc := a.CaseManager("carla@example.org")
		actor := care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: a.Org, AccessPoint: "test"}
		id := c.CreateFamily(intake("Noor Smit", a.Day(-4, 0, 0)))
		tmpl := &care.PlanTemplate{Name: "Neuromusculair", ReviewMonths: 2}
		if err := a.Care.SavePlanTemplate(context.Background(), actor, tmpl); err != nil {
			t.Fatal(err)
		}
		p := c.Get(familyPath(id, "/careplan"))
		mustStatus(t, p, http.StatusOK, "plan page without a plan")
		form := p.ByID("careplan-start")
		if form == nil || attr(form, "action") != familyPath(id, "/careplan") || attr(form, "method") != "post" {
			t.Fatalf("start form %v", form)
		}
		var options []string
		for _, o := range allUnder(p.ByID("template_id"), func(n *html.Node) bool { return n.Data == "option" }) {
			options = append(options, attr(o, "value")+"="+text(o))
		}
		if want := []string{"0=Standaard: vijf dimensies", itoa(tmpl.ID) + "=Neuromusculair"}; !slices.Equal(options, want) {
			t.Errorf("templates %v, want %v", options, want)
		}
		if p.HrefAt("templates-link") != "/careplan-templates" {
			t.Errorf("templates link %q", p.HrefAt("templates-link"))
		}
		for _, id := range []string{"print-link", "versions-link", "edit-wishes"} {
			if p.Present(id) {
				t.Errorf("without a plan the page has %s", id)
			}
		}
		// The family page offers to start one.
		fp := c.Get(familyPath(id, ""))
		if got := fp.HrefAt("careplan-start-link"); got != familyPath(id, "/careplan") {
			t.Errorf("family page start link %q", got)
		}
		// The API has nothing to show.
		sitetest.WantAPI(t, c.API(http.MethodGet, "/api/v1/families/"+itoa(id)+"/careplan", nil), http.StatusNotFound, "not_found")
	})
}

func TestCarePlanPrintAndEmergency(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		for _, tc := range []struct {
			who  string
			c    *client
			base string
		}{{"case manager", w.CM, w.CMPath("")}, {"parent", w.Parent, w.MyPath("")}, {"provider", w.GP, w.ProvPath("")}} {
			p := tc.c.Get(tc.base + "/print")
			mustStatus(t, p, http.StatusOK, tc.who+" print")
			if e := w.LastAudit(t); e.Action != care.ActionRead || e.ObjectType != "careplan" || e.Outcome != care.OutcomeSuccess {
				t.Errorf("%s print view: audit %+v, want a view of the care plan", tc.who, e)
			}
			wantPrintedRecorded(t, w, tc.c, tc.who, p, "careplan-print", tc.base+"/print/printed", "careplan")
			doc := p.ByID("careplan-print")
			if doc == nil {
				t.Fatalf("%s: no print document", tc.who)
			}
			if got := text(doc); !strings.Contains(got, sitetest.PlanWishes) || !strings.Contains(got, sitetest.PlanAction) || !strings.Contains(got, "versie 2") ||
				!strings.Contains(got, "Afgedrukt op") || !strings.Contains(got, "Niet reanimeren") {
				t.Errorf("%s print: %q", tc.who, got)
			}
			// The one button prints; it shows only where the script runs, and
			// not on paper.
			if forms := allUnder(doc, func(n *html.Node) bool { return n.Data == "form" || n.Data == "button" }); len(forms) != 1 || attr(forms[0], "id") != "print-button" {
				t.Errorf("%s print: %d forms or buttons, want only the print button", tc.who, len(forms))
			}
			if b := p.ByID("print-button"); b == nil || !hasAttr(b, "hidden") || !hasClass(b.Parent.Parent, "no-print") {
				t.Errorf("%s print: the print button is not hidden until the script shows it, or is printed", tc.who)
			}
			if !hasClass(p.ByID("print-hint").Parent, "no-print") {
				t.Errorf("%s print: the hint is printed too", tc.who)
			}
			if p.InlineScripts() != 0 {
				t.Errorf("%s print: inline script", tc.who)
			}

			p = tc.c.Get(tc.base + "/emergency")
			mustStatus(t, p, http.StatusOK, tc.who+" emergency")
			if e := w.LastAudit(t); e.Action != care.ActionRead || e.ObjectType != "emergency_summary" || e.Outcome != care.OutcomeSuccess {
				t.Errorf("%s emergency: audit %+v, want a view of the emergency summary", tc.who, e)
			}
			wantPrintedRecorded(t, w, tc.c, tc.who, p, "emergency", tc.base+"/emergency/printed", "emergency_summary")
			// The GP has consent for the care plan and the network only:
			// the summary says the diagnoses and birth date are not shared.
			diagnoses, born := p.Within("em-diagnoses"), p.Within("em-born")
			if tc.c == w.GP {
				if strings.Contains(diagnoses, "G12.0") || !strings.Contains(diagnoses, "niet de diagnoses") || born != "niet gedeeld" {
					t.Errorf("%s emergency diagnoses %q, born %q: want both not shared", tc.who, diagnoses, born)
				}
			} else if !strings.Contains(diagnoses, "Spinale musculaire atrofie G12.0") || !strings.Contains(diagnoses, "Scoliose M41.9") {
				t.Errorf("%s emergency diagnoses %q", tc.who, diagnoses)
			}
			if got := p.Within("em-dnr"); !strings.Contains(got, "Niet reanimeren") || !strings.Contains(got, "met ouders en kinderarts") {
				t.Errorf("%s emergency: the decision not to resuscitate does not come first: %q", tc.who, got)
			}
			if got := p.Within("em-directive-resuscitation"); !strings.Contains(got, "Nee") || !strings.Contains(got, "ouders en kinderarts") {
				t.Errorf("%s emergency directive %q", tc.who, got)
			}
			if got := p.Within("em-born"); tc.c != w.GP && !strings.Contains(got, "9 jaar") {
				t.Errorf("%s emergency born %q", tc.who, got)
			}
			call := p.Within("emergency-call")
			iParent, iNurse, iGP := strings.Index(call, "06-12345678"), strings.Index(call, "KCT Amstel"), strings.Index(call, "Dr. Huisman")
			if iParent < 0 || iNurse < 0 || iGP < 0 || iNurse > iGP {
				t.Errorf("%s emergency call list %q: want the parent, then the 24/7 nurse before the GP", tc.who, call)
			}
			if !strings.Contains(p.Within("em-casemanagers"), "Naam cm") {
				t.Errorf("%s emergency case managers %q", tc.who, p.Within("em-casemanagers"))
			}
			if got := p.Within("em-version"); !strings.Contains(got, "versie 2") {
				t.Errorf("%s emergency version %q", tc.who, got)
			}
		}
	})
}

func TestCarePlanVersionsAndCompare(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		p := w.CM.Get(w.CMPath("/versions"))
		mustStatus(t, p, http.StatusOK, "versions")
		if got := p.IDsWithPrefix("version-"); !slices.Equal(got, []int64{2, 1}) {
			t.Errorf("versions %v, want [2 1]", got)
		}
		if got := text(p.Class("changes")); !strings.Contains(got, "Wensen van het gezin") || !strings.Contains(got, "Lichamelijk") {
			t.Errorf("version 2 changed %q", got)
		}
		if got := p.Within("version-1"); !strings.Contains(got, "Plan gestart") || !strings.Contains(got, "Naam cm") {
			t.Errorf("version 1 %q", got)
		}
		if attr(p.ByID("compare-form"), "action") != w.CMPath("/compare") || p.Selected("a") != "1" || p.Selected("b") != "2" {
			t.Errorf("compare form: a=%q b=%q", p.Selected("a"), p.Selected("b"))
		}

		for _, path := range []string{"/compare?a=1&b=2", "/compare"} {
			p = w.CM.Get(w.CMPath(path))
			mustStatus(t, p, http.StatusOK, "compare "+path)
			table := p.ByID("compare-table")
			if table == nil {
				t.Fatalf("%s: no comparison table", path)
			}
			// The new wishes: an added row with the text inserted, marked in words.
			row := under(table, func(n *html.Node) bool {
				return n.Data == "tr" && strings.Contains(text(n), sitetest.PlanWishes)
			})
			if row == nil || !hasClass(row, "row-added") || under(row, func(n *html.Node) bool { return n.Data == "ins" }) == nil ||
				!strings.Contains(text(row), "toegevoegd") {
				t.Errorf("%s: wishes row %q is not marked as added", path, text(row))
			}
			// The review date: changed, the old value struck through.
			row = under(p.ByID("compare-review"), func(n *html.Node) bool { return n.Data == "tr" && strings.Contains(text(n), "Volgende evaluatie") })
			if row == nil || !hasClass(row, "row-changed") || under(row, func(n *html.Node) bool { return n.Data == "del" }) == nil {
				t.Errorf("%s: review row %q is not marked as changed", path, text(row))
			}
			// A coded value in words.
			if got := p.Within("compare-physical"); !strings.Contains(got, "Kind") || !strings.Contains(got, "Voor wie") {
				t.Errorf("%s: physical rows %q", path, got)
			}
		}

		p = w.CM.Get(w.CMPath("/compare?a=1&b=2&changes=1"))
		for _, row := range allUnder(p.ByID("compare-table"), func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "row-same") }) {
			t.Errorf("only changes: unchanged row %q", text(row))
		}

		for _, tc := range []struct {
			query  string
			status int
		}{{"?a=x&b=2", http.StatusBadRequest}, {"?a=1&b=-2", http.StatusBadRequest}, {"?a=1&b=99", http.StatusNotFound}, {"?a=7", http.StatusNotFound}} {
			p := w.CM.Get(w.CMPath("/compare" + tc.query))
			mustStatus(t, p, tc.status, "compare"+tc.query)
			if !p.Present("compare-problem") || !p.Present("compare-form") || p.Present("compare-table") {
				t.Errorf("compare%s: want the problem and the form, no table", tc.query)
			}
		}
	})
}

func TestCarePlanProposals(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)

		// Proposing with errors: the message at the field, the text kept.
		p := w.Parent.Post(w.MyPath("/proposals"), url.Values{"section": {""}, "body": {"Graag vaker logeren"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "proposal without a section")
		if p.FieldError("section") != "Kies een van de mogelijkheden." || p.Value("body") != "Graag vaker logeren" || !p.Present("error-summary") {
			t.Errorf("section error %q, body %q", p.FieldError("section"), p.Value("body"))
		}
		p = w.Parent.Post(w.MyPath("/proposals"), url.Values{"section": {"social"}, "body": {"  "}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "proposal without text")
		if p.FieldError("body") != "Vul dit veld in." || p.Selected("section") != "social" {
			t.Errorf("body error %q, section %q", p.FieldError("body"), p.Selected("section"))
		}
		p = w.Parent.Post(w.MyPath("/proposals"), url.Values{"section": {"school"}, "body": {"x"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "proposal for no part of the plan")

		// A proposal, accepted: it is in the next version; the family sees it.
		accepted := w.Propose(t, "wishes", "Lotte wil graag met de hond naar het strand.")
		p = w.Parent.Get(w.MyPath("?saved=proposal"))
		if got := p.Within("saved"); !strings.Contains(got, "Je voorstel is verstuurd") {
			t.Errorf("confirmation %q", got)
		}
		p = w.CM.Get(w.CMPath(""))
		if !strings.Contains(p.Within("open-proposals-note"), "1") {
			t.Errorf("open proposals note %q", p.Within("open-proposals-note"))
		}
		p = w.CM.Post(w.CMPath("/proposals/"+itoa(accepted)), url.Values{"decision": {"accept"}, "answer": {""}})
		redirectsTo(t, p, w.CMPath("?saved=accepted"), "accept")
		p = w.CM.Get(w.CMPath("?saved=accepted"))
		if got := p.Within("plan-version"); got != "versie 3" {
			t.Errorf("after accepting: %q, want version 3", got)
		}
		if got := p.Within("plan-wishes"); !strings.Contains(got, "met de hond naar het strand") || !strings.Contains(got, sitetest.PlanWishes) {
			t.Errorf("wishes after accepting %q", got)
		}
		if !p.Present("saved") {
			t.Error("no confirmation after accepting")
		}
		p = w.Parent.Get(w.MyPath(""))
		if got := p.Within("proposal-" + itoa(accepted) + "-status"); got != "overgenomen in versie 3" {
			t.Errorf("family sees %q", got)
		}

		// A proposal for a dimension, declined: an answer is required and
		// what was typed stays; with an answer the family reads it.
		declined := w.Propose(t, "pedagogical", "Geen huiswerk meer.")
		long := strings.Repeat("lang ", 801)
		for _, tc := range []struct {
			answer, want string
		}{{"", "Schrijf het gezin waarom u het voorstel niet overneemt."}, {"   ", "Schrijf het gezin waarom u het voorstel niet overneemt."}, {long, "Deze tekst is te lang."}} {
			p = w.CM.Post(w.CMPath("/proposals/"+itoa(declined)), url.Values{"decision": {"decline"}, "answer": {tc.answer}})
			mustStatus(t, p, http.StatusUnprocessableEntity, "decline")
			field := "answer-" + itoa(declined)
			if got := p.FieldError(field); got != tc.want {
				t.Errorf("decline with %d characters: error %q, want %q", len(tc.answer), got, tc.want)
			}
			if got := p.Value(field); got != tc.answer {
				t.Errorf("decline: typed answer not kept (%d characters, want %d)", len(got), len(tc.answer))
			}
			if attr(p.ByID(field), "aria-invalid") != "true" {
				t.Error("decline: the answer field is not marked invalid")
			}
		}
		p = w.CM.Post(w.CMPath("/proposals/"+itoa(declined)), url.Values{"answer": {"x"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "answer without a decision")
		if !p.Present("decision-" + itoa(declined) + "-error") {
			t.Error("no message for a missing decision")
		}
		p = w.CM.Post(w.CMPath("/proposals/"+itoa(declined)), url.Values{"decision": {"decline"}, "answer": {"Dat bespreken we eerst met school."}})
		redirectsTo(t, p, w.CMPath("?saved=declined"), "decline")
		p = w.Parent.Get(w.MyPath(""))
		if got := p.Within("proposal-" + itoa(declined) + "-status"); got != "niet overgenomen" {
			t.Errorf("family sees %q", got)
		}
		if got := p.Within("proposal-" + itoa(declined) + "-answer"); !strings.Contains(got, "Dat bespreken we eerst met school.") || !strings.Contains(got, "Naam cm") {
			t.Errorf("family sees the answer %q", got)
		}
		if v, _ := a.Care.CarePlan(context.Background(), w.CMActor, w.Fam, care.ViewCaseFile); v.Plan.Version != 3 {
			t.Errorf("declining made version %d", v.Plan.Version)
		}
		// Answering again (a double submit): the proposal is not open any
		// more, so back to the plan, which shows the answer; nothing changes.
		p = w.CM.Post(w.CMPath("/proposals/"+itoa(declined)), url.Values{"decision": {"accept"}})
		redirectsTo(t, p, w.CMPath("#proposals"), "answering twice")
		if v, _ := a.Care.CarePlan(context.Background(), w.CMActor, w.Fam, care.ViewCaseFile); v.Plan.Version != 3 {
			t.Errorf("answering twice made version %d", v.Plan.Version)
		}

		// A proposal that does not exist, or is another family's, is not
		// found, and nothing changes.
		p = w.CM.Post(w.CMPath("/proposals/99999"), url.Values{"decision": {"accept"}})
		mustStatus(t, p, http.StatusNotFound, "answering a proposal that does not exist")
		other := sitetest.NewPlanWorld(t, a)
		theirs := other.Propose(t, "wishes", "Een eigen voorstel")
		p = w.CM.Post(w.CMPath("/proposals/"+itoa(theirs)), url.Values{"decision": {"accept"}})
		mustStatus(t, p, http.StatusNotFound, "answering another family's proposal through one's own")
		if list, _ := a.Store.Proposals(context.Background(), other.Fam); len(list) != 1 || list[0].Status != care.ProposalOpen {
			t.Errorf("the other family's proposal after the attempt: %+v", list)
		}

		// Nobody else answers or proposes.
		p = w.Other.Post(w.CMPath("/proposals/"+itoa(accepted)), url.Values{"decision": {"decline"}, "answer": {"nee"}})
		mustStatus(t, p, http.StatusNotFound, "other case manager answers")
		p = w.GP.Post(w.MyPath("/proposals"), url.Values{"section": {"wishes"}, "body": {"x"}})
		mustStatus(t, p, http.StatusNotFound, "provider proposes")
	})
}

func TestCarePlanOnFamilyPageAndCaseload(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		w.Propose(t, "social", "Vaker naar de scouting")
		p := w.CM.Get(familyPath(w.Fam, ""))
		mustStatus(t, p, http.StatusOK, "family page")
		if got := p.Within("careplan-version"); !strings.Contains(got, "versie 2") || !strings.Contains(got, "Naam cm") {
			t.Errorf("card version %q", got)
		}
		if !p.Present("careplan-review-overdue") {
			t.Errorf("card review %q: not marked overdue", p.Within("careplan-review"))
		}
		if got := p.Within("careplan-proposals"); got != "1 open" {
			t.Errorf("card proposals %q", got)
		}
		if got := p.Within("careplan-discussed"); got == "" || strings.Contains(got, "nog niet") {
			t.Errorf("card discussed on %q", got)
		}
		if got := p.HrefAt("careplan-link"); got != w.CMPath("") {
			t.Errorf("card link %q", got)
		}
		task := p.ByID("task-" + itoa(w.Action))
		dim := under(task, func(n *html.Node) bool { return hasClass(n, "plan-dim") })
		if dim == nil || text(dim) != "zorgplan: Lichamelijk" || attr(dim, "href") != w.CMPath("#physical") {
			t.Errorf("task %q does not show its plan dimension", text(task))
		}

		p = w.CM.Get("/families")
		row := p.ByID("family-" + itoa(w.Fam))
		if b := under(row, func(n *html.Node) bool { return hasClass(n, "top-signal") }); b == nil || attr(b, "data-code") != care.CodePlanReviewOverdue ||
			text(b) != "Evaluatie te laat" {
			t.Errorf("caseload row %q: the overdue review is not the row's signal", text(row))
		}

		// The family's and the provider's views link to the plan.
		if got := w.Parent.Get("/my/families/" + itoa(w.Fam)).HrefAt("careplan-link"); got != w.MyPath("") {
			t.Errorf("family view link %q", got)
		}
		if got := w.GP.Get("/provider/families/" + itoa(w.Fam)).HrefAt("careplan-link"); got != w.ProvPath("") {
			t.Errorf("provider view link %q", got)
		}
	})
}

// TestCarePlanSpeaksToEachReader: the plan's words address each reader in
// their own register — the family as "jullie"/"je", a provider and a case
// manager as "u" — and the provider is not sent to propose a change.
func TestCarePlanSpeaksToEachReader(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		gp := w.GP.Get(w.ProvPath(""))
		mustStatus(t, gp, http.StatusOK, "provider plan")
		if got := text(gp.Class("lead")); !strings.Contains(got, "U ziet het met toestemming van het gezin") || strings.Contains(got, "jullie") || strings.Contains(got, "Stel hieronder") {
			t.Errorf("the provider's intro %q", got)
		}
		if got := text(gp.Class("back")); !strings.Contains(got, "Pagina van het gezin") {
			t.Errorf("the provider's way back %q", got)
		}
		for who, c := range map[string]*client{"provider": w.GP, "case manager": w.CM} {
			base := map[string]string{"provider": w.ProvPath(""), "case manager": w.CMPath("")}[who]
			for _, page := range []string{"/print", "/emergency"} {
				if got := c.Get(base + page).Within("print-hint"); !strings.Contains(got, "uw browser") {
					t.Errorf("%s %s hint %q", who, page, got)
				}
			}
		}
		fam := w.Parent.Get(w.MyPath(""))
		if got := text(fam.Class("lead")); !strings.Contains(got, "jullie") {
			t.Errorf("the family's intro %q", got)
		}
		if got := w.Parent.Get(w.MyPath("/print")).Within("print-hint"); !strings.Contains(got, "je browser") {
			t.Errorf("the family's print hint %q", got)
		}
	})
}

// wantPrintedRecorded checks that the print view p (its document element
// docID) names printedURL for its script, and that posting to it records a
// print of object.
func wantPrintedRecorded(t *testing.T, w *sitetest.PlanWorld, c *client, who string, p *sitetest.Page, docID, printedURL, object string) {
	t.Helper()
	if got := attr(p.ByID(docID), "data-printed-url"); got != printedURL {
		t.Errorf("%s %s: data-printed-url %q, want %q", who, object, got, printedURL)
	}
	r := c.Post(printedURL, nil)
	mustStatus(t, r, http.StatusNoContent, who+" printed "+object)
	if e := w.LastAudit(t); e.Action != care.ActionPrint || e.ObjectType != object || e.Outcome != care.OutcomeSuccess {
		t.Errorf("%s printed %s: audit %+v, want a print", who, object, e)
	}
}
