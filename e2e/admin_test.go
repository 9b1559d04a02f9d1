//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAdminCreatesAccountOnPhone runs the account admin on a phone-sized
// screen: create an account, then disable another one, whose open session
// in another browser ends at once.
func TestAdminCreatesAccountOnPhone(t *testing.T) {
	a := newApp(t, site.Config{})
	admin := a.newUser("Bas Beheer", "bas.beheer@kct.test", care.RoleAdmin, true)
	ria := a.newUser("Ria Jansen", "ria.jansen@regio.test", care.RoleCoordinator, true)
	b := newBrowser(t, phone)

	// Ria is logged in on her own device.
	riaTab := b.newTab(a)
	riaTab.login(ria)
	riaTab.wantText("h1", "Registratie van casemanagement") // the coordinator starts on the report

	adminTab := b.newTab(a)
	adminTab.open("/login")
	adminTab.wantNoOverflow("login page")
	adminTab.screenshot("login-phone")
	adminTab.login(admin)
	adminTab.wantNoOverflow("start page")
	adminTab.click(`nav.site-nav a[href="/admin/accounts"]`)
	adminTab.wantPath("/admin/accounts")
	adminTab.wantText("h1", "Accounts")

	// Create an account for a care provider.
	adminTab.fill("#name", "Sanne de Vries")
	adminTab.fill("#email", "sanne.devries@thuiszorg.test")
	adminTab.selectOption("#role", string(care.RoleProvider))
	if got := eval[string](adminTab, `document.querySelector("#role").selectedOptions[0].text`); got != "zorgverlener" {
		t.Errorf("selected role = %q, want %q", got, "zorgverlener")
	}
	adminTab.click(`form[action="/admin/accounts"] button[type="submit"]`)
	adminTab.wantPath("/admin/accounts")
	adminTab.wantTextContains("#admin-done", "Het account is aangemaakt.")
	// Without e-mail the administrator is told so, and shown no password or link.
	adminTab.wantTextContains("#admin-mail", "Deze installatie van Spil verstuurt geen e-mail")
	if n := adminTab.count(`#initial-password, a[href*="/password/"]`); n != 0 {
		t.Errorf("the accounts page shows %d passwords or links", n)
	}
	created, err := a.store.AccountByEmail(context.Background(), "sanne.devries@thuiszorg.test")
	if err != nil {
		t.Fatalf("the new account is not in the database: %v", err)
	}
	if created.Name != "Sanne de Vries" || created.Role != care.RoleProvider || created.MFAEnrolled() || !created.Active() {
		t.Errorf("new account = %+v, want Sanne de Vries, provider, active, no second factor yet", created)
	}
	adminTab.wantRow("Sanne de Vries", "zorgverlener", "tweestaps nog niet ingesteld")

	adminTab.wantNoOverflow("admin page with a new account")
	adminTab.screenshot("admin-accounts-phone")
	// The table scrolls sideways in its own box; its actions must be
	// reachable that way.
	eval[bool](adminTab, `(w => { w.scrollLeft = w.scrollWidth; return true })(document.querySelector(".table-wrap"))`)
	adminTab.wantInView(`button[aria-label="Uitschakelen: Ria Jansen"]`)
	adminTab.screenshot("admin-accounts-phone-actions")

	// Disable Ria: her open session ends.
	adminTab.click(`button[aria-label="Uitschakelen: Ria Jansen"]`)
	adminTab.wantPath("/admin/accounts")
	adminTab.wantText(`#admin-done p`, "Het account is uitgeschakeld en overal uitgelogd.")
	adminTab.wantRow("Ria Jansen", "regiocoördinator", "uitgeschakeld")
	if a.account(ria.ID).Active() {
		t.Error("Ria's account is still active in the database")
	}
	adminTab.wantNoOverflow("admin page after disabling")
	adminTab.screenshot("admin-accounts-disabled-phone")

	riaTab.reload()
	riaTab.wantPath("/login")
	riaTab.wantText("h1", "Inloggen")
	// Nor can she log in again.
	riaTab.submitPassword(ria.Email, ria.Password)
	riaTab.wantPath("/login")
	riaTab.wantText("#login-error", msgBadCredentials)
}

// TestAccountHolderResetsByLink is a second-factor reset from the receiving
// side: the administrator resets it, and the account's holder opens the link
// from the e-mail, chooses a password, sets up a new authenticator and
// reaches her start page.
func TestAccountHolderResetsByLink(t *testing.T) {
	sink := mailtest.Start(t)
	mailer, err := mail.NewSMTP(sink.Config("Spil <noreply@spil.test>"))
	if err != nil {
		t.Fatal(err)
	}
	a := newApp(t, site.Config{Mailer: mailer})
	admin := a.newUser("Bas Beheer", "bas.beheer@kct.test", care.RoleAdmin, true)
	carla := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	b := newBrowser(t, desktop)

	adminTab := b.newTab(a)
	adminTab.login(admin)
	adminTab.open("/admin/accounts")
	adminTab.click(`button[aria-label="Tweestaps opnieuw instellen: Carla Visser"]`)
	adminTab.wantPath("/admin/accounts")
	adminTab.wantTextContains("#admin-mail", "U krijgt hem niet te zien")

	msgs := sink.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != carla.Email {
		t.Fatalf("%d messages, want one to Carla", len(msgs))
	}
	link := regexp.MustCompile(`https?://\S+/password/\S+`).FindString(msgs[0].Text)
	if link == "" {
		t.Fatalf("no link in the e-mail:\n%s", msgs[0].Text)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}

	tab := b.newTab(a)
	wantStatus(t, tab.open(u.Path), http.StatusOK)
	tab.wantText("h1", "Kies een nieuw wachtwoord en stel tweestaps opnieuw in")
	tab.wantText("#link-email", carla.Email)
	const chosen = "carla kiest zelf een nieuwe zin"
	tab.fill("#password", chosen)
	tab.fill("#repeat", chosen)
	tab.click(`form[action^="/password/"] button[type="submit"]`)
	tab.wantPath("/mfa/setup")
	if secret := tab.enrolMFA(); secret == carla.Secret {
		t.Error("the old secret came back")
	}
	tab.wantText("h1", "Welkom, Carla Visser")
	if !auth.VerifyPassword(chosen, a.account(carla.ID).PasswordHash) {
		t.Error("the chosen password is not the account's")
	}
}

// selectOption picks the option with value in the select sel.
func (tb *tab) selectOption(sel, value string) {
	tb.t.Helper()
	tb.step("select "+value+" in "+sel,
		chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.SetValue(chromedp.CSS(sel), value))
}

// wantRow fails the test unless the accounts table has a row for name
// holding each of cells.
func (tb *tab) wantRow(name string, cells ...string) {
	tb.t.Helper()
	rows := eval[[][]string](tb, `Array.from(document.querySelectorAll("table.list tbody tr"),
		tr => Array.from(tr.cells, td => td.innerText.trim()))`)
	for _, r := range rows {
		if len(r) == 0 || r[0] != name {
			continue
		}
		for _, want := range cells {
			found := false
			for _, got := range r {
				if got == want {
					found = true
				}
			}
			if !found {
				tb.fail("row of %s = %q, want a cell %q", name, r, want)
			}
		}
		return
	}
	tb.fail("no row for %s in the accounts table: %q", name, rows)
}

// wantNoOverflow fails the test when the page is wider than the window, so
// that the whole page would scroll sideways.
func (tb *tab) wantNoOverflow(what string) {
	tb.t.Helper()
	type widths struct {
		Scroll, Inner, Client int
		Widest                string
	}
	w := eval[widths](tb, `(() => {
		const vw = window.innerWidth;
		let widest = "";
		for (const el of document.body.querySelectorAll("*")) {
			const r = el.getBoundingClientRect();
			if (r.right > vw + 1 && !el.closest(".table-wrap")) {
				widest = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
					(el.className ? "." + String(el.className).replace(/ +/g, ".") : "") + " right=" + Math.round(r.right);
				break;
			}
		}
		return {Scroll: document.documentElement.scrollWidth, Inner: vw,
			Client: document.documentElement.clientWidth, Widest: widest};
	})()`)
	if w.Scroll > w.Inner || w.Inner > tb.vp.width {
		tb.fail("%s overflows sideways: scrollWidth %d, innerWidth %d, clientWidth %d, window %d; first element past the edge: %s",
			what, w.Scroll, w.Inner, w.Client, tb.vp.width, w.Widest)
	}
}

// wantInView fails the test unless the element sel lies within the window's width.
func (tb *tab) wantInView(sel string) {
	tb.t.Helper()
	q, _ := json.Marshal(sel)
	r := eval[[]float64](tb, fmt.Sprintf(`(r => [r.left, r.right, window.innerWidth])(document.querySelector(%s).getBoundingClientRect())`, q))
	if r[0] < 0 || r[1] > r[2] {
		tb.fail("%s spans %.0f to %.0f, outside the window (0 to %.0f)", sel, r[0], r[1], r[2])
	}
}
