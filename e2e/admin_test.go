//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
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
	riaTab.wantText("h1", "Welkom, Ria Jansen")

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
	adminTab.wantTextContains("#temporary", "Account voor sanne.devries@thuiszorg.test aangemaakt.")
	initial := adminTab.text("#initial-password")
	if err := auth.CheckPasswordPolicy(initial); err != nil {
		t.Errorf("the initial password %q breaks the password policy: %v", initial, err)
	}
	created, err := a.store.AccountByEmail(context.Background(), "sanne.devries@thuiszorg.test")
	if err != nil {
		t.Fatalf("the new account is not in the database: %v", err)
	}
	if created.Name != "Sanne de Vries" || created.Role != care.RoleProvider || created.MFAEnrolled() || !created.Active() {
		t.Errorf("new account = %+v, want Sanne de Vries, provider, active, no second factor yet", created)
	}
	if !auth.VerifyPassword(initial, created.PasswordHash) {
		t.Error("the initial password shown is not the account's password")
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
	adminTab.wantText(`main p[role="status"]`, "Het account is uitgeschakeld en overal uitgelogd.")
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

	// The new account logs in with the initial password and is asked to set
	// up its second factor.
	riaTab.submitPassword("sanne.devries@thuiszorg.test", initial)
	riaTab.wantPath("/mfa/setup")
	riaTab.wantNoOverflow("second-factor setup")
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
