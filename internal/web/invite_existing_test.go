package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// loginTo logs c in with the password and a TOTP code from the login form,
// sent on to next, and checks that it lands there.
func loginTo(t *testing.T, a *app, c *client, email, secret, next string) {
	t.Helper()
	p := c.Post("/login", url.Values{"email": {email}, "password": {password}, "next": {next}})
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/login/code?next="+url.QueryEscape(next) {
		t.Fatalf("login: %d to %q", p.StatusCode, p.Header.Get("Location"))
	}
	a.Clock.Add(30 * time.Second)
	code, _ := totp.GenerateCode(secret, a.Clock.Now())
	p = c.Post("/login/code", url.Values{"code": {code}, "next": {next}})
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != next {
		t.Fatalf("login code: %d to %q, want %q", p.StatusCode, p.Header.Get("Location"), next)
	}
}

// TestInviteExistingAccount: a parent who has an account opens an
// invitation to a second family. Nobody makes a second account; another
// logged-in account cannot take the invitation; the parent logs in with
// both factors, links the account once, and finds the family at home.
func TestInviteExistingAccount(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := newInviteWorld(t, a, 8)
		acc, secret := a.Account(w.parent.Email, care.RoleFamily, true)
		path := w.inviteParent(t)
		loginURL := "/login?next=" + url.QueryEscape(path)

		// Not logged in: log in first; a password sent anyway makes nothing.
		c := a.Client()
		show := c.Get(path)
		if show.StatusCode != http.StatusOK || attr(show.ByID("existing-login"), "href") != loginURL || show.ByID("password") != nil {
			t.Fatalf("GET link with an account: %d, login %q, password field %v", show.StatusCode, attr(show.ByID("existing-login"), "href"), show.ByID("password") != nil)
		}
		if !strings.Contains(show.Within("existing-intro"), "al een account") || show.Within("invitation-email") != w.parent.Email {
			t.Errorf("intro %q, address %q", show.Within("existing-intro"), show.Within("invitation-email"))
		}
		if p := c.Post(path, url.Values{"password": {newPassword}, "repeat": {newPassword}}); p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != loginURL {
			t.Errorf("POST without login: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}

		// Someone else logged in is refused, and told to log out.
		other, otherSecret := a.Account("iemand.anders@example.org", care.RoleFamily, true)
		oc := a.Client()
		oc.Login(other.Email, otherSecret)
		if p := oc.Get(path); p.StatusCode != http.StatusOK || !strings.Contains(p.Within("existing-other"), other.Email) ||
			!strings.Contains(p.Within("existing-other"), w.parent.Email) || p.ByID("existing-link") != nil {
			t.Errorf("GET as another account: %d, %q", p.StatusCode, p.Within("existing-other"))
		}
		p := oc.Post(path, url.Values{})
		if p.StatusCode != http.StatusForbidden || p.ByID("existing-other") == nil {
			t.Errorf("POST as another account: %d", p.StatusCode)
		}
		if l, _ := a.Store.LinkOf(ctx, other.ID, w.fam); l != nil {
			t.Fatalf("another account was linked: %+v", l)
		}
		// Logging out from there comes back to the link.
		if p := oc.Post("/logout", url.Values{"next": {path}}); p.Header.Get("Location") != "/login?out=1&next="+url.QueryEscape(path) {
			t.Errorf("logout to %q", p.Header.Get("Location"))
		}

		// The parent logs in with both factors and comes back to link.
		loginTo(t, a, c, acc.Email, secret, path)
		confirm := c.Get(path)
		if confirm.ByID("existing-link") == nil {
			t.Fatalf("logged in as the invited account: no link button: %s", text(confirm.Tag("main")))
		}
		p = c.Post(path, url.Values{})
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/?linked=1" {
			t.Fatalf("link: %d to %q: %s", p.StatusCode, p.Header.Get("Location"), text(p.Tag("main")))
		}
		if l, err := a.Store.LinkOf(ctx, acc.ID, w.fam); err != nil || l == nil || l.Kind != care.LinkParent || l.MemberID != w.parent.ID {
			t.Errorf("link %+v, %v", l, err)
		}
		if n, err := a.Store.Accounts(ctx); err != nil || len(n) != 3 {
			t.Errorf("%d accounts, %v; want the case manager, the parent and the other (no second account)", len(n), err)
		}
		home := c.Get("/?linked=1")
		if home.ByID("linked-flash") == nil || !strings.Contains(text(home.ByID("home-linked")), "Noor Bakker") {
			t.Errorf("home after linking: %s", text(home.Tag("main")))
		}
		// Once only.
		if p := c.Post(path, url.Values{}); p.StatusCode != http.StatusGone {
			t.Errorf("second POST: %d, want 410", p.StatusCode)
		}
	})
}
