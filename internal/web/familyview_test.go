package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// fvWorld is one family with a case manager, a parent with custody linked
// to it, and in the network a GP (linked to a provider account, without
// consent yet) and a 24/7 KCT nurse; tasks for the family, the GP, the
// nurse and the case manager.
type fvWorld struct {
	a       *app
	cm      care.Actor
	fam     int64
	member  int64 // the parent with custody
	gp      int64 // network member ids
	nurse   int64
	tasks   map[string]int64 // family, gp, nurse, casemanager
	parent  *client
	parentA care.Actor
	gpC     *client
	gpName  string
	domain  string // of every account's e-mail address, one per world
}

var worlds atomic.Int64

// newFVWorld makes the world for a child born on birth.
func newFVWorld(t *testing.T, a *app, birth time.Time) *fvWorld {
	t.Helper()
	ctx := context.Background()
	w := &fvWorld{a: a, tasks: map[string]int64{}, domain: fmt.Sprintf("@w%d.example.org", worlds.Add(1))}
	cmAcc, _ := a.Account("cm"+w.domain, care.RoleCaseManager, false)
	w.cm = care.Actor{AccountID: cmAcc.ID, Role: care.RoleCaseManager, OrganisationID: a.Org, AccessPoint: "test"}
	today := care.DateOf(a.Clock.Now())
	referral := today.AddDate(0, -1, 0)
	if referral.Before(birth) {
		referral = birth
	}
	id, err := a.Care.CreateFamily(ctx, w.cm, care.Intake{
		Family:  care.Family{ChildName: "Sam Visser", BirthDate: birth, Sex: "male", Diagnosis: "Duchenne", Intensity: care.Regular, NextContact: today.AddDate(0, 0, 7)},
		Episode: care.Episode{ReferralDate: referral, SurpriseQuestion: "unknown", Status: "accepted"},
		Kind:    "kct",
	})
	if err != nil {
		t.Fatal(err)
	}
	w.fam = id
	m := &care.Member{FamilyID: id, Kind: "parent", Name: "Eva Visser", Custody: true}
	if err := a.Care.AddMember(ctx, w.cm, m); err != nil {
		t.Fatal(err)
	}
	w.member = m.ID
	gp := &care.NetworkMember{FamilyID: id, Name: "Dr. Huisman", Role: "gp", Organisation: "Praktijk Zuid", Line: 1, Phone: "010-1234567",
		Reachability: "werkdagen 8-17 uur", Responsibilities: "Medicatie en herhaalrecepten"}
	nurse := &care.NetworkMember{FamilyID: id, Name: "KCT Amstel", Role: "nurse", Organisation: "Kinder Comfort Team", Line: 3, Phone: "020-7654321",
		AlwaysReachable: true, Reachability: "dag en nacht", Responsibilities: "Pijn en onrust"}
	for _, n := range []*care.NetworkMember{gp, nurse} {
		if err := a.Care.SaveNetworkMember(ctx, w.cm, n); err != nil {
			t.Fatal(err)
		}
	}
	w.gp, w.nurse = gp.ID, nurse.ID
	for _, tk := range []struct {
		key   string
		owner string
		nm    int64
	}{{"family", "family", 0}, {"gp", "network", gp.ID}, {"nurse", "network", nurse.ID}, {"casemanager", "casemanager", 0}} {
		task := &care.Task{FamilyID: id, Title: "Taak voor " + tk.key, OwnerKind: tk.owner, NetworkMemberID: tk.nm}
		if err := a.Care.CreateTask(ctx, w.cm, task); err != nil {
			t.Fatal(err)
		}
		w.tasks[tk.key] = task.ID
	}
	var acc care.Actor
	w.parent, acc = w.linked(t, "ouder", care.RoleFamily, &care.Link{Kind: care.LinkParent, MemberID: m.ID})
	w.parentA = acc
	w.gpC, _ = w.linked(t, "huisarts", care.RoleProvider, &care.Link{Kind: care.LinkProvider, NetworkMemberID: gp.ID})
	w.gpName = "Naam huisarts"
	return w
}

// linked makes an account named after who, links it to the family and
// logs it in.
func (w *fvWorld) linked(t *testing.T, who string, role care.Role, l *care.Link) (*client, care.Actor) {
	t.Helper()
	email := who + w.domain
	acc, secret := w.a.Account(email, role, true)
	l.FamilyID, l.AccountID = w.fam, acc.ID
	if err := w.a.Store.CreateLink(context.Background(), l); err != nil {
		t.Fatal(err)
	}
	c := w.a.Client()
	c.Login(email, secret)
	return c, care.Actor{AccountID: acc.ID, Role: role, OrganisationID: w.a.Org, AccessPoint: "test"}
}

func (w *fvWorld) view(rest string) string  { return "/my/families/" + itoa(w.fam) + rest }
func (w *fvWorld) pview(rest string) string { return "/provider/families/" + itoa(w.fam) + rest }

// grant gives the parent's consent for the GP through the page.
func (w *fvWorld) grant(t *testing.T, action, scope string) {
	t.Helper()
	p := w.parent.Post(w.view("/consent/"+itoa(w.gp)), url.Values{"action": {action}, "scope": {scope}})
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("consent %s: status %d: %s", action, p.StatusCode, p.Within("error-summary"))
	}
}

func (w *fvWorld) file(t *testing.T) *care.File {
	t.Helper()
	f, err := w.a.Store.FamilyFile(context.Background(), w.fam, 0)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func yearsAgo(a *app, years int) time.Time {
	return care.DateOf(a.Clock.Now()).AddDate(-years, 0, 0)
}

func within(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	return find(n, match)
}

func TestFamilyViewShowsNetworkAndTasks(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newFVWorld(t, a, yearsAgo(a, 7))
		p := w.parent.Get(w.view(""))
		mustStatus(t, p, http.StatusOK, "family view")
		if !strings.Contains(p.H1(), "Sam Visser") {
			t.Errorf("h1 = %q", p.H1())
		}
		// Who to call: the 24/7 nurse first, with a phone link and the badge.
		calls := p.IDsWithPrefix("call-")
		if len(calls) != 2 || calls[0] != w.nurse || calls[1] != w.gp {
			t.Errorf("call list = %v, want nurse %d then GP %d", calls, w.nurse, w.gp)
		}
		nurse := p.ByID("call-" + itoa(w.nurse))
		if tel := within(nurse, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "tel:020-7654321" }); tel == nil {
			t.Errorf("no tel: link for the nurse: %s", text(nurse))
		}
		if !strings.Contains(text(nurse), "dag en nacht") || !hasClass(nurse, "always") {
			t.Errorf("nurse has no 24/7 mark: %q", text(nurse))
		}
		if got := p.Within("network-" + itoa(w.gp)); !strings.Contains(got, "Medicatie en herhaalrecepten") || !strings.Contains(got, "huisarts") {
			t.Errorf("network GP = %q", got)
		}
		if got := p.Within("cm-kct"); got != "Naam cm" {
			t.Errorf("KCT case manager = %q", got)
		}
		if got := p.Within("next-contact"); !strings.Contains(got, strconv.Itoa(care.DateOf(a.Clock.Now()).AddDate(0, 0, 7).Year())) {
			t.Errorf("next contact = %q", got)
		}
		// All tasks; the family's own marked and with a done form, the others without.
		for key, id := range w.tasks {
			li := p.ByID("task-" + itoa(id))
			if li == nil {
				t.Errorf("task %s missing", key)
				continue
			}
			ours := hasClass(li, "ours")
			form := within(li, func(n *html.Node) bool { return n.Data == "form" })
			if (key == "family") != ours || (key == "family") != (form != nil) {
				t.Errorf("task %s: ours %v, form %v", key, ours, form != nil)
			}
			if key == "family" && !strings.Contains(text(li), "jullie taak") {
				t.Errorf("family task not marked: %q", text(li))
			}
		}
		if p.ByID("access-log-link") == nil || attr(p.ByID("access-log-link"), "href") != w.view("/access-log") {
			t.Error("no link to the access log")
		}
		// The list and the home page lead straight to the family.
		l := w.parent.Get("/my")
		mustStatus(t, l, http.StatusOK, "my list")
		if a := within(l.ByID("linked-"+itoa(w.fam)), func(n *html.Node) bool { return n.Data == "a" }); attr(a, "href") != w.view("") || text(a) != "Sam Visser" {
			t.Errorf("list link = %q %q", attr(a, "href"), text(a))
		}
		h := w.parent.Get("/")
		if attr(h.ByID("open-family"), "href") != w.view("") {
			t.Errorf("home does not link straight to the family: %q", attr(h.ByID("open-family"), "href"))
		}
		if p.InlineScripts() != 0 {
			t.Error("inline script on the family view")
		}
	})
}

func TestFamilyMarksTaskDoneAndAddsWish(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newFVWorld(t, a, yearsAgo(a, 7))
		done := w.view("/tasks/" + itoa(w.tasks["family"]) + "/done")
		p := w.parent.Post(done, url.Values{"done_note": {"  "}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "done without a note")
		if p.FieldError("done_note-"+itoa(w.tasks["family"])) == "" || p.ByID("error-summary") == nil {
			t.Error("no error at the done form")
		}
		redirectsTo(t, w.parent.Post(done, url.Values{"done_note": {"School gebeld"}}), w.view("?saved=task#tasks"), "done")
		for _, tk := range w.file(t).Tasks {
			if tk.ID == w.tasks["family"] && (tk.Status != "done" || tk.DoneNote != "School gebeld") {
				t.Errorf("task after done: %+v", tk)
			}
		}
		// Sent twice: back to the tasks, not an error.
		redirectsTo(t, w.parent.Post(done, url.Values{"done_note": {"School gebeld"}}), w.view("#tasks"), "done twice")
		// Not the family's task.
		p = w.parent.Post(w.view("/tasks/"+itoa(w.tasks["gp"])+"/done"), url.Values{"done_note": {"x"}})
		mustStatus(t, p, http.StatusNotFound, "done on the GP's task")

		// A wish.
		p = w.parent.Post(w.view("/notes"), url.Values{"kind": {"wish"}, "body": {""}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "empty wish")
		if p.FieldError("body") == "" {
			t.Error("no error at the empty wish")
		}
		redirectsTo(t, w.parent.Post(w.view("/notes"), url.Values{"kind": {"wish"}, "body": {"Zo veel mogelijk thuis zijn"}}), w.view("?saved=note#notes"), "wish")
		p = w.parent.Get(w.view("?saved=note"))
		if got := p.Within("wishes"); !strings.Contains(got, "Zo veel mogelijk thuis zijn") || !strings.Contains(got, "Naam ouder") {
			t.Errorf("wishes = %q", got)
		}
		if p.ByID("saved") == nil {
			t.Error("no confirmation after saving")
		}
		p = w.parent.Post(w.view("/notes"), url.Values{"kind": {"provider_note"}, "body": {"x"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "note of another kind")
	})
}

func TestConsentOpensAndClosesTheProviderView(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newFVWorld(t, a, yearsAgo(a, 7))
		waiting := func(what string) {
			t.Helper()
			l := w.gpC.Get("/my")
			mustStatus(t, l, http.StatusOK, what+": GP list")
			li := l.ByID("linked-" + itoa(w.fam))
			if !hasClass(li, "waiting") || strings.Contains(text(li), "Sam") || within(li, func(n *html.Node) bool { return n.Data == "a" }) != nil {
				t.Errorf("%s: GP list item = %q, want greyed out without name or link", what, text(li))
			}
			if !strings.Contains(text(li), "Wacht op toestemming van het gezin") {
				t.Errorf("%s: GP list item = %q", what, text(li))
			}
		}
		mustStatus(t, w.gpC.Get(w.pview("")), http.StatusNotFound, "provider view before consent")
		waiting("before consent")

		p := w.parent.Get(w.view(""))
		li := p.ByID("consent-" + itoa(w.gp))
		if !strings.Contains(text(li), "mag niet meekijken") || !strings.Contains(text(li), "Nog nodig: toestemming van de ouders met gezag") {
			t.Errorf("consent before = %q", text(li))
		}
		if !strings.Contains(p.Within("consent-rule"), "Tot 12 jaar beslissen de ouders met gezag") {
			t.Errorf("rule = %q", p.Within("consent-rule"))
		}
		w.grant(t, "grant", "plan_network")
		p = w.parent.Get(w.view(""))
		li = p.ByID("consent-" + itoa(w.gp))
		if got := text(li); !strings.Contains(got, "mag meekijken") || !strings.Contains(got, "Jouw keuze: ja") {
			t.Errorf("consent after grant = %q", got)
		}
		pv := w.gpC.Get(w.pview(""))
		mustStatus(t, pv, http.StatusOK, "provider view with consent")
		if got := pv.Within("consent-banner"); !strings.Contains(got, "met toestemming van het gezin") || !strings.Contains(got, "zorgplan en netwerk") {
			t.Errorf("banner = %q", got)
		}
		l := w.gpC.Get("/my")
		if a := within(l.ByID("linked-"+itoa(w.fam)), func(n *html.Node) bool { return n.Data == "a" }); attr(a, "href") != w.pview("") {
			t.Errorf("GP list link = %q", attr(a, "href"))
		}

		w.grant(t, "withdraw", "plan_network")
		mustStatus(t, w.gpC.Get(w.pview("")), http.StatusNotFound, "provider view right after withdrawal")
		waiting("after withdrawal")
		p = w.parent.Post(w.view("/consent/"+itoa(w.gp)), url.Values{"action": {"grant"}, "scope": {"everything"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "unknown scope")
		if p.FieldError("consent-"+itoa(w.gp)) == "" {
			t.Error("no message at the provider for an unknown scope")
		}
		p = w.parent.Post(w.view("/consent/"+itoa(w.gp)), url.Values{"action": {"maybe"}, "scope": {"file"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "unknown action")
	})
}

func TestAccessLogListsVisitsAndFilters(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newFVWorld(t, a, yearsAgo(a, 7))
		w.grant(t, "grant", "file")
		mustStatus(t, w.gpC.Get(w.pview("")), http.StatusOK, "GP visit")
		w.grant(t, "withdraw", "file")
		mustStatus(t, w.gpC.Get(w.pview("")), http.StatusNotFound, "GP after withdrawal")

		gpRows := func(p *page) (visits, denied int) {
			for _, tr := range findAll(p.Doc, func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "entry") }) {
				cell := func(c string) string {
					return text(within(tr, func(n *html.Node) bool { return n.Data == "td" && hasClass(n, c) }))
				}
				if cell("who") != w.gpName {
					continue
				}
				// A provider shows under the organisation named in the care network.
				if cell("org") != "Praktijk Zuid" || cell("role") != "zorgverlener" || cell("what") == "" || !strings.Contains(cell("when"), ":") {
					t.Errorf("GP row: %q %q %q %q", cell("when"), cell("org"), cell("role"), cell("what"))
				}
				switch {
				case hasClass(tr, "denied") && strings.Contains(cell("what"), "geweigerd"):
					denied++
				case cell("what") == "het dossier bekeken":
					visits++
				}
			}
			return visits, denied
		}
		p := w.parent.Get(w.view("/access-log"))
		mustStatus(t, p, http.StatusOK, "access log")
		if v, d := gpRows(p); v != 1 || d != 1 {
			t.Errorf("GP visits %d, denied %d; want 1 and 1", v, d)
		}
		today := care.DateOf(a.Clock.Now())
		if got, want := p.Value("from"), today.AddDate(0, 0, -30).Format(time.DateOnly); got != want {
			t.Errorf("default from = %q, want %q", got, want)
		}
		// A period before today has none of it.
		y := today.AddDate(0, 0, -1).Format(time.DateOnly)
		p = w.parent.Get(w.view("/access-log?from=" + y + "&to=" + y))
		mustStatus(t, p, http.StatusOK, "access log yesterday")
		if v, d := gpRows(p); v+d != 0 || p.ByID("no-entries") == nil {
			t.Errorf("yesterday: GP rows %d", v+d)
		}
		// An unreadable date is said at the field; the default period stays.
		p = w.parent.Get(w.view("/access-log?from=2026-13-45&to=" + y))
		mustStatus(t, p, http.StatusOK, "access log with a bad date")
		if p.FieldError("from") == "" || p.Value("from") != today.AddDate(0, 0, -30).Format(time.DateOnly) {
			t.Errorf("bad from: error %q, value %q", p.FieldError("from"), p.Value("from"))
		}
		if v, _ := gpRows(p); v != 0 {
			t.Error("the valid to date was not kept")
		}
		p = w.parent.Get(w.view("/access-log?from=" + today.Format(time.DateOnly) + "&to=" + y))
		if p.FieldError("to") == "" {
			t.Error("no message for an end before the start")
		}
		if v, _ := gpRows(p); v != 1 {
			t.Error("an impossible period does not fall back to the default")
		}
	})
}

func TestConsentNeedsCustodyAndFollowsAge(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		// A parent without custody sees who looks along, without buttons,
		// and is told so when trying.
		w := newFVWorld(t, a, yearsAgo(a, 7))
		m := &care.Member{FamilyID: w.fam, Kind: "parent", Name: "Tom Visser"}
		if err := a.Care.AddMember(context.Background(), w.cm, m); err != nil {
			t.Fatal(err)
		}
		other, _ := w.linked(t, "vader", care.RoleFamily, &care.Link{Kind: care.LinkParent, MemberID: m.ID})
		p := other.Get(w.view(""))
		mustStatus(t, p, http.StatusOK, "view without custody")
		if !strings.Contains(p.Within("consent-blocked"), "gezag") || len(p.Forms("/consent/")) != 0 {
			t.Errorf("without custody: blocked %q, forms %v", p.Within("consent-blocked"), p.Forms("/consent/"))
		}
		p = other.Post(w.view("/consent/"+itoa(w.gp)), url.Values{"action": {"grant"}, "scope": {"file"}})
		mustStatus(t, p, http.StatusForbidden, "consent without custody")
		if got := p.Within("error-summary"); !strings.Contains(got, "alleen ouders met gezag") {
			t.Errorf("no-custody message = %q", got)
		}
		if p.FieldError("consent-"+itoa(w.gp)) == "" {
			t.Error("no message at the provider")
		}
		// Stopping case management follows the same rule: no stop step,
		// a line that says who decides, and a refused post changes nothing.
		p = other.Get(w.view(""))
		if p.ByID("stop") != nil || !strings.Contains(p.Within("stop-rule"), "ouder met gezag") {
			t.Errorf("without custody: stop step %v, rule %q", p.ByID("stop") != nil, p.Within("stop-rule"))
		}
		p = other.Post(w.view("/stop"), url.Values{"confirm": {"yes"}})
		mustStatus(t, p, http.StatusForbidden, "stop without custody")
		if got := p.Within("error-summary"); !strings.Contains(got, "ouder met gezag") {
			t.Errorf("stop without custody: message %q", got)
		}
		if e := w.file(t).Episode; e.Status != "accepted" {
			t.Errorf("a parent without custody stopped case management: %s", e.Status)
		}

		// From 16 the young person decides: no buttons for the parent.
		w16 := newFVWorld(t, a, yearsAgo(a, 16))
		p = w16.parent.Get(w16.view(""))
		mustStatus(t, p, http.StatusOK, "view at 16")
		if !strings.Contains(p.Within("consent-rule"), "Vanaf 16 beslist Sam Visser zelf") {
			t.Errorf("rule at 16 = %q", p.Within("consent-rule"))
		}
		if !strings.Contains(p.Within("consent-blocked"), "16 of ouder") || len(p.Forms("/consent/")) != 0 {
			t.Errorf("at 16: blocked %q, forms %v", p.Within("consent-blocked"), p.Forms("/consent/"))
		}
		p = w16.parent.Post(w16.view("/consent/"+itoa(w16.gp)), url.Values{"action": {"grant"}, "scope": {"file"}})
		mustStatus(t, p, http.StatusForbidden, "parent's consent at 16")
		if !strings.Contains(p.Within("error-summary"), "beslist nu zelf") {
			t.Errorf("child-decides message = %q", p.Within("error-summary"))
		}
	})
}

func TestChildSeesSimplerWords(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newFVWorld(t, a, yearsAgo(a, 13))
		child, _ := w.linked(t, "sam", care.RoleFamily, &care.Link{Kind: care.LinkChild})
		p := child.Get(w.view(""))
		mustStatus(t, p, http.StatusOK, "child's view")
		if p.H1() != "Jouw overzicht" {
			t.Errorf("child's h1 = %q", p.H1())
		}
		if got := p.Within("consent-rule"); !strings.Contains(got, "Jij en je ouders beslissen samen") {
			t.Errorf("child's rule = %q", got)
		}
		li := p.ByID("consent-" + itoa(w.gp))
		if got := text(li); !strings.Contains(got, "je ouders") || !strings.Contains(got, "jou") {
			t.Errorf("child's missing = %q", got)
		}
		if len(p.Forms("/consent/")) == 0 {
			t.Error("the child has no consent buttons")
		}
		pp := w.parent.Get(w.view(""))
		if pp.H1() == p.H1() || !strings.Contains(pp.Within("consent-rule"), "Van 12 tot 16 beslissen jullie kind én de ouders samen") {
			t.Errorf("parent's h1 %q, rule %q", pp.H1(), pp.Within("consent-rule"))
		}
		// Between 12 and 16 the parent's yes alone is not enough.
		w.grant(t, "grant", "file")
		mustStatus(t, w.gpC.Get(w.pview("")), http.StatusNotFound, "parent's consent alone at 13")
		redirectsTo(t, child.Post(w.view("/consent/"+itoa(w.gp)), url.Values{"action": {"grant"}, "scope": {"file"}}),
			w.view("?saved=consent#consent-"+itoa(w.gp)), "child's consent")
		mustStatus(t, w.gpC.Get(w.pview("")), http.StatusOK, "consent of both at 13")
	})
}

func TestFamilyViewOfAnotherFamilyIsNotFound(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newFVWorld(t, a, yearsAgo(a, 7))
		b := &fvWorld{a: a, tasks: map[string]int64{}, domain: "@b.example.org"}
		id, err := a.Care.CreateFamily(context.Background(), w.cm, care.Intake{
			Family:  care.Family{ChildName: "Bram de Vries", BirthDate: yearsAgo(a, 5), Sex: "male", Intensity: care.Regular},
			Episode: care.Episode{ReferralDate: yearsAgo(a, 1), SurpriseQuestion: "unknown", Status: "accepted"}, Kind: "kct",
		})
		if err != nil {
			t.Fatal(err)
		}
		b.fam = id
		parentB, _ := b.linked(t, "ouder", care.RoleFamily, &care.Link{Kind: care.LinkParent})
		mustStatus(t, parentB.Get(b.view("")), http.StatusOK, "own family")
		for _, path := range []string{w.view(""), w.view("/access-log")} {
			mustStatus(t, parentB.Get(path), http.StatusNotFound, "GET "+path)
		}
		for _, path := range []string{w.view("/notes"), w.view("/stop"), w.view("/consent/" + itoa(w.gp)), w.view("/tasks/" + itoa(w.tasks["family"]) + "/done")} {
			p := parentB.Post(path, url.Values{"kind": {"wish"}, "body": {"x"}, "confirm": {"yes"}, "action": {"grant"}, "scope": {"file"}, "done_note": {"x"}})
			mustStatus(t, p, http.StatusNotFound, "POST "+path)
		}
		f := w.file(t)
		if f.Episode.Status != "accepted" {
			t.Errorf("episode changed by another family: %s", f.Episode.Status)
		}
		// The case manager has the family page, not the family's view.
		cm := a.Client()
		cmAcc, secret := a.Account("cm2@example.org", care.RoleCaseManager, true)
		cm.Login(cmAcc.Email, secret)
		mustStatus(t, cm.Get("/my"), http.StatusNotFound, "case manager's /my")
	})
}

func TestProviderSeesOnlyOwnTasks(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newFVWorld(t, a, yearsAgo(a, 7))
		w.grant(t, "grant", "file")
		p := w.gpC.Get(w.pview(""))
		mustStatus(t, p, http.StatusOK, "provider view")
		if got := p.IDsWithPrefix("task-"); len(got) != 1 || got[0] != w.tasks["gp"] {
			t.Errorf("provider's tasks = %v, want only %d", got, w.tasks["gp"])
		}
		if p.H1() != "Sam Visser" || !strings.Contains(p.Within("diagnosis"), "Duchenne") || !strings.Contains(p.Within("age"), "7 jaar") {
			t.Errorf("child: %q, %q, %q", p.H1(), p.Within("diagnosis"), p.Within("age"))
		}
		if got := p.Within("network-" + itoa(w.nurse)); !strings.Contains(got, "Pijn en onrust") || !strings.Contains(got, "24/7") {
			t.Errorf("network nurse = %q", got)
		}
		if p.ByID("members") != nil || p.ByID("contacts") != nil || p.ByID("consent") != nil || p.ByID("notes") != nil {
			t.Error("the provider sees more than child, network and own tasks")
		}
		if got := p.Within("consent-banner"); !strings.Contains(got, "U ziet dit dossier met toestemming van het gezin (het hele dossier)") {
			t.Errorf("banner = %q", got)
		}
		done := w.pview("/tasks/" + itoa(w.tasks["gp"]) + "/done")
		p = w.gpC.Post(done, url.Values{"done_note": {""}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "done without a note")
		if p.FieldError("done_note-"+itoa(w.tasks["gp"])) == "" {
			t.Error("no error at the done form")
		}
		redirectsTo(t, w.gpC.Post(done, url.Values{"done_note": {"Recept verlengd"}}), w.pview("?saved=task#tasks"), "provider done")
		redirectsTo(t, w.gpC.Post(done, url.Values{"done_note": {"Recept verlengd"}}), w.pview("#tasks"), "provider done twice")
		for _, key := range []string{"nurse", "family", "casemanager"} {
			p = w.gpC.Post(w.pview("/tasks/"+itoa(w.tasks[key])+"/done"), url.Values{"done_note": {"x"}})
			mustStatus(t, p, http.StatusNotFound, "provider closes the "+key+" task")
		}
		for _, tk := range w.file(t).Tasks {
			if (tk.ID == w.tasks["gp"]) != (tk.Status == "done") {
				t.Errorf("task %d (%s) status %s", tk.ID, tk.Title, tk.Status)
			}
		}
		// A note for the case managers: stored, and not on the family's view.
		mustStatus(t, w.gpC.Post(w.pview("/notes"), url.Values{"body": {""}}), http.StatusUnprocessableEntity, "empty note")
		redirectsTo(t, w.gpC.Post(w.pview("/notes"), url.Values{"body": {"Graag bellen over medicatie"}}), w.pview("?saved=note#note"), "provider note")
		notes, err := a.Store.Notes(context.Background(), w.fam)
		if err != nil || len(notes) != 1 || notes[0].Kind != care.NoteProvider || notes[0].Body != "Graag bellen over medicatie" || notes[0].Author.Name != w.gpName {
			t.Fatalf("notes = %+v, %v", notes, err)
		}
		if fp := w.parent.Get(w.view("")); fp.ByID("note-"+itoa(notes[0].ID)) != nil {
			t.Error("the family sees the provider's note for the case managers")
		}
	})
}

func TestFamilyStopsCaseManagement(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newFVWorld(t, a, yearsAgo(a, 7))
		p := w.parent.Get(w.view(""))
		if p.ByID("stop") == nil || len(p.Forms("/stop")) != 1 {
			t.Fatal("no stop step on the page")
		}
		p = w.parent.Post(w.view("/stop"), url.Values{"stop_note": {"Het gaat nu goed"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "stop without confirming")
		if !hasAttr(p.ByID("stop"), "open") || p.FieldError("stop") == "" || p.Value("stop_note") != "Het gaat nu goed" {
			t.Error("the stop step is not shown again with its message")
		}
		if w.file(t).Episode.Status != "accepted" {
			t.Fatal("stopped without confirmation")
		}
		redirectsTo(t, w.parent.Post(w.view("/stop"), url.Values{"stop_note": {"Het gaat nu goed"}, "confirm": {"yes"}}), w.view("?saved=stop#status"), "stop")
		e := w.file(t).Episode
		if e.Status != "ended" || e.StatusNote != "Het gaat nu goed" {
			t.Errorf("episode after stop: %s %q", e.Status, e.StatusNote)
		}
		p = w.parent.Get(w.view(""))
		if !strings.Contains(p.Within("status-text"), "gestopt") || p.ByID("stop") != nil {
			t.Errorf("status after stop: %q", p.Within("status-text"))
		}
	})
}

// TestAccessLogGroupsRepeatedViews: three looks at the file by the GP on
// one day are one line that says so; what was looked at is in words, also
// for the care plan.
func TestAccessLogGroupsRepeatedViews(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newFVWorld(t, a, yearsAgo(a, 7))
		w.grant(t, "grant", "file")
		for range 3 {
			mustStatus(t, w.gpC.Get(w.pview("")), http.StatusOK, "GP visit")
			a.Clock.Add(time.Minute)
		}
		mustStatus(t, w.gpC.Get(w.pview("/careplan")), http.StatusOK, "GP reads the plan")
		p := w.parent.Get(w.view("/access-log"))
		var gp []string
		for _, tr := range findAll(p.Doc, func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "entry") }) {
			if strings.Contains(text(tr), w.gpName) {
				gp = append(gp, text(tr))
			}
		}
		if len(gp) != 2 || !strings.Contains(gp[0], "het zorgplan bekeken") || !strings.Contains(gp[1], "het dossier bekeken") || !strings.Contains(gp[1], "(3 keer)") {
			t.Errorf("the GP's lines: %q; want the care plan, then the file three times in one line", gp)
		}
	})
}
