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
	"github.com/spil-zorg/spil/internal/site"
)

func TestLoginPage(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		p := a.Client().Get("/login")
		if p.StatusCode != http.StatusOK {
			t.Fatalf("status %d", p.StatusCode)
		}
		if got := attr(p.Tag("html"), "lang"); got != "nl" {
			t.Errorf("lang = %q, want nl", got)
		}
		if got := p.H1(); got != "Inloggen" {
			t.Errorf("h1 = %q", got)
		}
		// Every input that is not hidden has a label pointing at it.
		labels := map[string]bool{}
		for _, l := range findAll(p.Doc, func(n *htmlNode) bool { return n.Data == "label" }) {
			labels[attr(l, "for")] = true
		}
		for _, in := range findAll(p.Doc, func(n *htmlNode) bool { return n.Data == "input" && attr(n, "type") != "hidden" }) {
			if !labels[attr(in, "id")] {
				t.Errorf("input %q has no label", attr(in, "name"))
			}
		}
		if p.Tag("main") == nil || p.Class("skip-link") == nil {
			t.Error("page lacks a main landmark or skip link")
		}
	})
}

func TestLoginBadInput(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		a.Account("anna@example.org", care.RoleCaseManager, true)
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
			c := a.Client()
			p := c.Post("/login", tt.form)
			if p.StatusCode != tt.status {
				t.Errorf("%s: status %d, want %d", tt.name, p.StatusCode, tt.status)
			}
			for f, want := range tt.fieldErrs {
				if got := p.FieldError(f); got != want {
					t.Errorf("%s: error at %s = %q, want %q", tt.name, f, got, want)
				}
				if attr(p.ByID(f), "aria-invalid") != "true" {
					t.Errorf("%s: %s not marked aria-invalid", tt.name, f)
				}
			}
			if got := text(p.ByID("login-error")); got != tt.formError {
				t.Errorf("%s: form error %q, want %q", tt.name, got, tt.formError)
			}
			if tt.keptEmail != "" && attr(p.ByID("email"), "value") != tt.keptEmail {
				t.Errorf("%s: e-mail field holds %q, want what was typed", tt.name, attr(p.ByID("email"), "value"))
			}
			if p.Tag("script") != nil && strings.Contains(text(p.Tag("script")), "alert") {
				t.Errorf("%s: typed script became a script element", tt.name)
			}
			if c.Cookie("spil") != nil {
				t.Errorf("%s: a session cookie was set", tt.name)
			}
		}
	})
}

func TestLoginTooLargeBody(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		p := a.Client().Post("/login", url.Values{"email": {"a@example.org"}, "password": {strings.Repeat("x", 100<<10)}})
		if p.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", p.StatusCode)
		}
		if !strings.Contains(text(p.Class("error-page")), "te groot") {
			t.Errorf("no clear message: %q", text(p.Class("error-page")))
		}
	})
}

func TestFullLogin(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		acc, secret := a.Account("bram@example.org", care.RoleCaseManager, true)
		c := a.Client()
		p := c.Post("/login", url.Values{"email": {"Bram@Example.org"}, "password": {password}, "next": {"/account"}})
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/login/code?next=%2Faccount" {
			t.Fatalf("after password: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}
		first := c.Cookie("spil")
		if first == nil {
			t.Fatal("no session cookie after the password")
		}
		// Half logged in: pages send you to the code step.
		if p := c.Get("/"); p.Header.Get("Location") != "/login/code" {
			t.Errorf("/ before the code redirects to %q", p.Header.Get("Location"))
		}
		p = c.Post("/login/code", url.Values{"code": {"000000"}, "next": {"/account"}})
		if p.StatusCode != http.StatusUnauthorized || !strings.Contains(p.HTML, "Deze code klopt niet") {
			t.Errorf("wrong code: %d", p.StatusCode)
		}
		code, _ := totp.GenerateCode(secret, a.Clock.Now())
		p = c.Post("/login/code", url.Values{"code": {code}, "next": {"/account"}})
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/account" {
			t.Fatalf("after code: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}
		if c.Cookie("spil").Value == first.Value {
			t.Error("the session token did not change after the second factor")
		}
		if _, _, err := a.Auth.Session(context.Background(), first.Value); err == nil {
			t.Error("the pre-MFA token still works")
		}
		p = c.Get("/")
		if p.StatusCode != http.StatusOK || p.H1() != "Welkom, "+acc.Name {
			t.Errorf("home: %d %q", p.StatusCode, p.H1())
		}
	})
}

func TestSessionCookieAttributes(t *testing.T) {
	for _, tc := range []struct {
		secure bool
		name   string
	}{{false, "spil"}, {true, "__Host-spil"}} {
		forEachDB(t, site.Config{Secure: tc.secure}, func(t *testing.T, a *app) {
			a.Account("c@example.org", care.RoleCaseManager, true)
			resp := a.Client().Post("/login", url.Values{"email": {"c@example.org"}, "password": {password}})
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
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		a.Account("d@example.org", care.RoleCaseManager, true)
		c := a.Client()
		for range 5 {
			c.Post("/login", url.Values{"email": {"d@example.org"}, "password": {"verkeerd wachtwoord"}})
		}
		p := c.Post("/login", url.Values{"email": {"d@example.org"}, "password": {password}})
		if p.StatusCode != http.StatusTooManyRequests || !strings.Contains(text(p.ByID("login-error")), "Te veel mislukte pogingen") {
			t.Errorf("status %d, error %q", p.StatusCode, text(p.ByID("login-error")))
		}
		a.Clock.Add(16 * time.Minute)
		if p := c.Post("/login", url.Values{"email": {"d@example.org"}, "password": {password}}); p.StatusCode != http.StatusSeeOther {
			t.Errorf("after the window: %d", p.StatusCode)
		}
	})
}

func TestLogoutEndsServerSession(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		_, secret := a.Account("e@example.org", care.RoleCaseManager, true)
		c := a.Client()
		c.Login("e@example.org", secret)
		token := c.Cookie("spil").Value
		p := c.Post("/logout", nil)
		if p.Header.Get("Location") != "/login?out=1" {
			t.Errorf("logout redirects to %q", p.Header.Get("Location"))
		}
		if _, _, err := a.Auth.Session(context.Background(), token); care.ErrorCode(err) != care.Unauthorized {
			t.Errorf("session after logout: %v", err)
		}
		if p := c.Get("/login?out=1"); !strings.Contains(p.HTML, "Je bent uitgelogd.") {
			t.Error("no logged-out message")
		}
	})
}

func TestSessionExpiryRedirects(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		_, secret := a.Account("f@example.org", care.RoleCaseManager, true)
		c := a.Client()
		c.Login("f@example.org", secret)
		a.Clock.Add(31 * time.Minute)
		p := c.Get("/account")
		loc := p.Header.Get("Location")
		if p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?") || !strings.Contains(loc, "expired=1") {
			t.Fatalf("expired session: %d to %q", p.StatusCode, loc)
		}
		p = c.Get(loc)
		if !strings.Contains(p.HTML, "Je sessie is verlopen.") {
			t.Error("login page after expiry lacks the message")
		}
		loginForm := find(p.Doc, func(n *htmlNode) bool { return n.Data == "form" && attr(n, "action") == "/login" })
		if next := attr(find(loginForm, func(n *htmlNode) bool { return attr(n, "name") == "next" }), "value"); next != "/account" {
			t.Errorf("login page after expiry returns to %q, want /account", next)
		}
	})
}

func TestMFAIsRequired(t *testing.T) {
	// Outside demo mode even a demo account must set up a second factor.
	forEachDB(t, site.Config{Demo: false}, func(t *testing.T, a *app) {
		acc, err := a.Auth.CreateAccount(context.Background(), auth.NewAccount{
			OrganisationID: a.Org, Email: "demo@example.org", Name: "Demo", Role: care.RoleCaseManager, Password: password, MFAExempt: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		c := a.Client()
		p := c.Post("/login", url.Values{"email": {acc.Email}, "password": {password}})
		if p.Header.Get("Location") != "/mfa/setup" {
			t.Errorf("login goes to %q, want /mfa/setup", p.Header.Get("Location"))
		}
		if p := c.Get("/"); p.Header.Get("Location") != "/mfa/setup" {
			t.Errorf("/ goes to %q, want /mfa/setup", p.Header.Get("Location"))
		}
		if p := c.Get("/mfa/setup"); p.StatusCode != http.StatusOK || p.ByID("totp-secret") == nil {
			t.Errorf("set-up page: %d", p.StatusCode)
		}
	})
}

func TestDemoModeSkipsMFAForDemoAccounts(t *testing.T) {
	forEachDB(t, site.Config{Demo: true}, func(t *testing.T, a *app) {
		_, err := a.Auth.CreateAccount(context.Background(), auth.NewAccount{
			OrganisationID: a.Org, Email: "demo@example.org", Name: "Demo", Role: care.RoleFamily, Password: password, MFAExempt: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		a.Account("real@example.org", care.RoleCaseManager, false)
		c := a.Client()
		if p := c.Post("/login", url.Values{"email": {"demo@example.org"}, "password": {password}}); p.Header.Get("Location") != "/" {
			t.Errorf("demo login goes to %q", p.Header.Get("Location"))
		}
		p := c.Get("/")
		if p.StatusCode != http.StatusOK || !strings.Contains(text(p.Class("demo-banner")), "DEMO") {
			t.Errorf("home in demo: %d, banner %q", p.StatusCode, text(p.Class("demo-banner")))
		}
		// A normal account still needs its second factor in demo mode.
		if p := a.Client().Post("/login", url.Values{"email": {"real@example.org"}, "password": {password}}); p.Header.Get("Location") != "/mfa/setup" {
			t.Errorf("normal account in demo mode goes to %q", p.Header.Get("Location"))
		}
	})
}
