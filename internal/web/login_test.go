package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/web"
)

func TestLoginPage(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		p := a.client().get("/login")
		if p.StatusCode != http.StatusOK {
			t.Fatalf("status %d", p.StatusCode)
		}
		if got := attr(p.tag("html"), "lang"); got != "nl" {
			t.Errorf("lang = %q, want nl", got)
		}
		if got := p.h1(); got != "Inloggen" {
			t.Errorf("h1 = %q", got)
		}
		// Every input that is not hidden has a label pointing at it.
		labels := map[string]bool{}
		for _, l := range findAll(p.doc, func(n *htmlNode) bool { return n.Data == "label" }) {
			labels[attr(l, "for")] = true
		}
		for _, in := range findAll(p.doc, func(n *htmlNode) bool { return n.Data == "input" && attr(n, "type") != "hidden" }) {
			if !labels[attr(in, "id")] {
				t.Errorf("input %q has no label", attr(in, "name"))
			}
		}
		if p.tag("main") == nil || p.class("skip-link") == nil {
			t.Error("page lacks a main landmark or skip link")
		}
	})
}

func TestLoginBadInput(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		a.account("anna@example.org", care.RoleCaseManager, true)
		tests := []struct {
			name      string
			form      url.Values
			status    int
			fieldErrs map[string]string
			formError string
			keptEmail string
		}{
			{"empty", url.Values{}, 422, map[string]string{"email": "Vul dit veld in.", "password": "Vul dit veld in."}, "", ""},
			{"no password", url.Values{"email": {"anna@example.org"}}, 422, map[string]string{"password": "Vul dit veld in."}, "", "anna@example.org"},
			{"wrong password", url.Values{"email": {"anna@example.org"}, "password": {"niet het goede wachtwoord"}}, 401, nil,
				"Het e-mailadres of het wachtwoord klopt niet.", "anna@example.org"},
			{"unknown account", url.Values{"email": {"niemand@example.org"}, "password": {password}}, 401, nil,
				"Het e-mailadres of het wachtwoord klopt niet.", "niemand@example.org"},
			{"10 KB password", url.Values{"email": {"anna@example.org"}, "password": {strings.Repeat("p", 10<<10)}}, 401, nil,
				"Het e-mailadres of het wachtwoord klopt niet.", "anna@example.org"},
			{"over-long e-mail", url.Values{"email": {strings.Repeat("a", 300) + "@example.org"}, "password": {password}}, 422,
				map[string]string{"email": "Deze tekst is te lang."}, "", ""},
			{"script in e-mail", url.Values{"email": {`<script>alert(1)</script>`}, "password": {"x"}}, 401, nil,
				"Het e-mailadres of het wachtwoord klopt niet.", `<script>alert(1)</script>`},
		}
		for _, tt := range tests {
			c := a.client()
			p := c.post("/login", tt.form)
			if p.StatusCode != tt.status {
				t.Errorf("%s: status %d, want %d", tt.name, p.StatusCode, tt.status)
			}
			for f, want := range tt.fieldErrs {
				if got := p.fieldError(f); got != want {
					t.Errorf("%s: error at %s = %q, want %q", tt.name, f, got, want)
				}
				if attr(p.byID(f), "aria-invalid") != "true" {
					t.Errorf("%s: %s not marked aria-invalid", tt.name, f)
				}
			}
			if got := text(p.byID("login-error")); got != tt.formError {
				t.Errorf("%s: form error %q, want %q", tt.name, got, tt.formError)
			}
			if tt.keptEmail != "" && attr(p.byID("email"), "value") != tt.keptEmail {
				t.Errorf("%s: e-mail field holds %q, want what was typed", tt.name, attr(p.byID("email"), "value"))
			}
			if p.tag("script") != nil && strings.Contains(text(p.tag("script")), "alert") {
				t.Errorf("%s: typed script became a script element", tt.name)
			}
			if c.cookie("spil") != nil {
				t.Errorf("%s: a session cookie was set", tt.name)
			}
		}
	})
}

func TestLoginTooLargeBody(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		p := a.client().post("/login", url.Values{"email": {"a@example.org"}, "password": {strings.Repeat("x", 100<<10)}})
		if p.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", p.StatusCode)
		}
		if !strings.Contains(text(p.class("error-page")), "te groot") {
			t.Errorf("no clear message: %q", text(p.class("error-page")))
		}
	})
}

func TestFullLogin(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		acc, secret := a.account("bram@example.org", care.RoleCaseManager, true)
		c := a.client()
		p := c.post("/login", url.Values{"email": {"Bram@Example.org"}, "password": {password}, "next": {"/account"}})
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/login/code?next=%2Faccount" {
			t.Fatalf("after password: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}
		first := c.cookie("spil")
		if first == nil {
			t.Fatal("no session cookie after the password")
		}
		// Half logged in: pages send you to the code step.
		if p := c.get("/"); p.Header.Get("Location") != "/login/code" {
			t.Errorf("/ before the code redirects to %q", p.Header.Get("Location"))
		}
		p = c.post("/login/code", url.Values{"code": {"000000"}, "next": {"/account"}})
		if p.StatusCode != http.StatusUnauthorized || !strings.Contains(p.body, "Deze code klopt niet") {
			t.Errorf("wrong code: %d", p.StatusCode)
		}
		code, _ := totp.GenerateCode(secret, a.clock.Now())
		p = c.post("/login/code", url.Values{"code": {code}, "next": {"/account"}})
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/account" {
			t.Fatalf("after code: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}
		if c.cookie("spil").Value == first.Value {
			t.Error("the session token did not change after the second factor")
		}
		if _, _, err := a.auth.Session(context.Background(), first.Value); err == nil {
			t.Error("the pre-MFA token still works")
		}
		p = c.get("/")
		if p.StatusCode != http.StatusOK || p.h1() != "Welkom, "+acc.Name {
			t.Errorf("home: %d %q", p.StatusCode, p.h1())
		}
	})
}

func TestSessionCookieAttributes(t *testing.T) {
	for _, tc := range []struct {
		secure bool
		name   string
	}{{false, "spil"}, {true, "__Host-spil"}} {
		forEachDB(t, web.Config{Secure: tc.secure}, func(t *testing.T, a *app) {
			a.account("c@example.org", care.RoleCaseManager, true)
			resp := a.client().post("/login", url.Values{"email": {"c@example.org"}, "password": {password}})
			var ck *http.Cookie
			for _, k := range resp.Cookies() {
				if k.Name == tc.name {
					ck = k
				}
			}
			if ck == nil {
				t.Fatalf("no cookie %q", tc.name)
			}
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure != tc.secure || ck.Domain != "" {
				t.Errorf("cookie %+v", ck)
			}
			if got := resp.Header.Get("Strict-Transport-Security"); (got != "") != tc.secure {
				t.Errorf("HSTS %q with secure=%v", got, tc.secure)
			}
		})
	}
}

func TestThrottledLogin(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		a.account("d@example.org", care.RoleCaseManager, true)
		c := a.client()
		for range 5 {
			c.post("/login", url.Values{"email": {"d@example.org"}, "password": {"verkeerd wachtwoord"}})
		}
		p := c.post("/login", url.Values{"email": {"d@example.org"}, "password": {password}})
		if p.StatusCode != http.StatusTooManyRequests || !strings.Contains(text(p.byID("login-error")), "Te veel mislukte pogingen") {
			t.Errorf("status %d, error %q", p.StatusCode, text(p.byID("login-error")))
		}
		a.clock.Add(16 * time.Minute)
		if p := c.post("/login", url.Values{"email": {"d@example.org"}, "password": {password}}); p.StatusCode != http.StatusSeeOther {
			t.Errorf("after the window: %d", p.StatusCode)
		}
	})
}

func TestLogoutEndsServerSession(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		_, secret := a.account("e@example.org", care.RoleCaseManager, true)
		c := a.client()
		c.login("e@example.org", secret)
		token := c.cookie("spil").Value
		p := c.post("/logout", nil)
		if p.Header.Get("Location") != "/login?out=1" {
			t.Errorf("logout redirects to %q", p.Header.Get("Location"))
		}
		if _, _, err := a.auth.Session(context.Background(), token); care.ErrorCode(err) != care.Unauthorized {
			t.Errorf("session after logout: %v", err)
		}
		if p := c.get("/login?out=1"); !strings.Contains(p.body, "Je bent uitgelogd.") {
			t.Error("no logged-out message")
		}
	})
}

func TestSessionExpiryRedirects(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		_, secret := a.account("f@example.org", care.RoleCaseManager, true)
		c := a.client()
		c.login("f@example.org", secret)
		a.clock.Add(31 * time.Minute)
		p := c.get("/account")
		loc := p.Header.Get("Location")
		if p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?") || !strings.Contains(loc, "expired=1") {
			t.Fatalf("expired session: %d to %q", p.StatusCode, loc)
		}
		p = c.get(loc)
		if !strings.Contains(p.body, "Je sessie is verlopen.") {
			t.Error("login page after expiry lacks the message")
		}
		loginForm := find(p.doc, func(n *htmlNode) bool { return n.Data == "form" && attr(n, "action") == "/login" })
		if next := attr(find(loginForm, func(n *htmlNode) bool { return attr(n, "name") == "next" }), "value"); next != "/account" {
			t.Errorf("login page after expiry returns to %q, want /account", next)
		}
	})
}

func TestMFAIsRequired(t *testing.T) {
	// Outside demo mode even a demo account must set up a second factor.
	forEachDB(t, web.Config{Demo: false}, func(t *testing.T, a *app) {
		acc, err := a.auth.CreateAccount(context.Background(), auth.NewAccount{
			OrganisationID: a.org, Email: "demo@example.org", Name: "Demo", Role: care.RoleCaseManager, Password: password, MFAExempt: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		c := a.client()
		p := c.post("/login", url.Values{"email": {acc.Email}, "password": {password}})
		if p.Header.Get("Location") != "/mfa/setup" {
			t.Errorf("login goes to %q, want /mfa/setup", p.Header.Get("Location"))
		}
		if p := c.get("/"); p.Header.Get("Location") != "/mfa/setup" {
			t.Errorf("/ goes to %q, want /mfa/setup", p.Header.Get("Location"))
		}
		if p := c.get("/mfa/setup"); p.StatusCode != http.StatusOK || p.byID("totp-secret") == nil {
			t.Errorf("set-up page: %d", p.StatusCode)
		}
	})
}

func TestDemoModeSkipsMFAForDemoAccounts(t *testing.T) {
	forEachDB(t, web.Config{Demo: true}, func(t *testing.T, a *app) {
		_, err := a.auth.CreateAccount(context.Background(), auth.NewAccount{
			OrganisationID: a.org, Email: "demo@example.org", Name: "Demo", Role: care.RoleFamily, Password: password, MFAExempt: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		a.account("real@example.org", care.RoleCaseManager, false)
		c := a.client()
		if p := c.post("/login", url.Values{"email": {"demo@example.org"}, "password": {password}}); p.Header.Get("Location") != "/" {
			t.Errorf("demo login goes to %q", p.Header.Get("Location"))
		}
		p := c.get("/")
		if p.StatusCode != http.StatusOK || !strings.Contains(text(p.class("demo-banner")), "DEMO") {
			t.Errorf("home in demo: %d, banner %q", p.StatusCode, text(p.class("demo-banner")))
		}
		// A normal account still needs its second factor in demo mode.
		if p := a.client().post("/login", url.Values{"email": {"real@example.org"}, "password": {password}}); p.Header.Get("Location") != "/mfa/setup" {
			t.Errorf("normal account in demo mode goes to %q", p.Header.Get("Location"))
		}
	})
}
