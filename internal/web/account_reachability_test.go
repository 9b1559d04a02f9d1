package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestReachabilityReachesFamilyAndGP: the thuis case manager fills in
// their reachability on their account page; a bad number is refused next
// to the field with what was typed kept and nothing saved; the saved one
// shows in the family's "who do I call" with a tel: link, and in the GP's
// view once the family consents.
func TestReachabilityReachesFamilyAndGP(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := newFVWorld(t, a, yearsAgo(a, 7))
		acc, secret := a.Account("thuis"+w.domain, care.RoleCaseManager, true)
		if _, err := a.Care.AssignCaseManager(ctx, w.cm, w.fam, "thuis", acc.ID); err != nil {
			t.Fatal(err)
		}
		cm := a.Client()
		cm.Login(acc.Email, secret)
		if p := cm.Get("/account"); p.ByID("reachability") == nil || p.Value("work_phone") != "" {
			t.Fatalf("account page without an empty reachability form: %s", text(p.Tag("main")))
		}
		// Before anything is filled in the family sees no case manager to call.
		if p := w.parent.Get(w.view("")); p.ByID("cm-calls") != nil {
			t.Errorf("call list with case managers before any reachability: %s", p.Within("cm-calls"))
		}

		const hours, standIn = "maandag tot en met donderdag 9–17 uur", "Karin Smit (KCT), 030 765 43 21"
		bad := cm.Post("/account/reachability", url.Values{"work_phone": {"030-KCT-LIJN"}, "work_hours": {hours}, "stand_in": {standIn}})
		if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.FieldError("work_phone"), "10 cijfers") {
			t.Errorf("bad phone: %d, %q", bad.StatusCode, bad.FieldError("work_phone"))
		}
		if bad.Value("work_phone") != "030-KCT-LIJN" || bad.Value("work_hours") != hours || bad.Value("stand_in") != standIn {
			t.Errorf("the form lost what was typed: %q %q %q", bad.Value("work_phone"), bad.Value("work_hours"), bad.Value("stand_in"))
		}
		if r, err := a.Store.AccountReachability(ctx, acc.ID); err != nil || !r.Empty() {
			t.Errorf("a refused form saved %+v, %v", r, err)
		}

		ok := cm.Post("/account/reachability", url.Values{"work_phone": {" 030 123 45 67 "}, "work_hours": {hours}, "stand_in": {standIn}})
		if ok.StatusCode != http.StatusSeeOther || ok.Header.Get("Location") != "/account?saved=reach#reachability" {
			t.Fatalf("save: %d to %q: %s", ok.StatusCode, ok.Header.Get("Location"), ok.Within("reach-errors"))
		}
		if p := cm.Get("/account?saved=reach"); p.ByID("reach-saved") == nil || p.Value("work_phone") != "030 123 45 67" {
			t.Errorf("after saving: %s", text(p.ByID("reachability")))
		}

		// The family: name, a tel: link and both texts.
		p := w.parent.Get(w.view(""))
		row := p.ByID("cm-call-thuis")
		tel := within(row, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "tel:0301234567" })
		if tel == nil || text(tel) != "030 123 45 67" || !strings.Contains(text(row), acc.Name) ||
			!strings.Contains(text(row), hours) || !strings.Contains(text(row), standIn) {
			t.Errorf("the family's call list: %s", text(row))
		}
		if p.ByID("cm-call-kct") != nil {
			t.Errorf("the KCT case manager, who filled in nothing, is in the call list")
		}

		// The GP with consent for the plan and the network sees the same.
		w.grant(t, "grant", "plan_network")
		pv := w.gpC.Get(w.pview(""))
		row = pv.ByID("pv-cm-thuis")
		if within(row, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "tel:0301234567" }) == nil ||
			!strings.Contains(text(row), hours) || !strings.Contains(text(row), standIn) {
			t.Errorf("the GP's view: %s", text(row))
		}
		// The GP has no reachability of their own to keep.
		if p := w.gpC.Post("/account/reachability", url.Values{"work_phone": {"030 123 45 67"}}); p.StatusCode != http.StatusNotFound {
			t.Errorf("a provider saving reachability: %d, want 404", p.StatusCode)
		}
		if p := w.gpC.Get("/account"); p.ByID("reachability") != nil {
			t.Error("a provider's account page has the reachability form")
		}
	})
}
