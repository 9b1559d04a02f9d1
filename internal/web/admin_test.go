package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

func TestAdminCreatesAccount(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		_, secret := a.Account("admin@example.org", care.RoleAdmin, true)
		c := a.Client()
		c.Login("admin@example.org", secret)

		p := c.Post("/admin/accounts", url.Values{"name": {""}, "email": {"geen-adres"}, "role": {"baas"}})
		if p.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("invalid form: %d", p.StatusCode)
		}
		if got := p.FieldError("name"); got != "Vul dit veld in." {
			t.Errorf("name error %q", got)
		}
		if attr(p.ByID("email"), "value") != "geen-adres" {
			t.Error("the typed e-mail was not kept")
		}
		p = c.Post("/admin/accounts", url.Values{"name": {"Zoë <b>de</b> Vries"}, "email": {"geen-adres"}, "role": {"baas"}})
		if got := p.FieldError("email"); !strings.Contains(got, "geldig e-mailadres") {
			t.Errorf("email error %q", got)
		}
		if got := p.FieldError("role"); got != "Kies een rol uit de lijst." {
			t.Errorf("role error %q", got)
		}
		if attr(p.ByID("name"), "value") != "Zoë <b>de</b> Vries" {
			t.Errorf("the typed name was not kept: %q", attr(p.ByID("name"), "value"))
		}
		all, _ := a.Store.Accounts(context.Background())
		if len(all) != 1 {
			t.Fatalf("invalid input stored an account: %d accounts", len(all))
		}

		p = c.Post("/admin/accounts", url.Values{"name": {"Zoë <b>de</b> Vries"}, "email": {"Zoe@Example.org"}, "role": {"provider"}})
		if p.StatusCode != http.StatusOK {
			t.Fatalf("create: %d", p.StatusCode)
		}
		initial := text(p.ByID("initial-password"))
		if len(initial) < 12 {
			t.Fatalf("initial password %q", initial)
		}
		// The name is shown as text, never as markup.
		if p.Tag("b") != nil {
			t.Error("a typed <b> became an element")
		}
		created, err := a.Store.AccountByEmail(context.Background(), "zoe@example.org")
		if err != nil || created.Role != care.RoleProvider || created.MFAEnrolled() || created.MFAExempt {
			t.Fatalf("created account %+v, %v", created, err)
		}
		// The new account logs in with the initial password and must set up MFA.
		n := a.Client()
		if p := n.Post("/login", url.Values{"email": {"zoe@example.org"}, "password": {initial}}); p.Header.Get("Location") != "/mfa/setup" {
			t.Errorf("new account's first login goes to %q", p.Header.Get("Location"))
		}
		// The same e-mail twice is refused next to the field.
		p = c.Post("/admin/accounts", url.Values{"name": {"Ander"}, "email": {"zoe@example.org"}, "role": {"family"}})
		if got := p.FieldError("email"); got != "Er is al een account met dit e-mailadres." {
			t.Errorf("duplicate e-mail: %q", got)
		}
	})
}

func TestAdminDisableEnableResetMFA(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		admin, secret := a.Account("admin@example.org", care.RoleAdmin, true)
		user, userSecret := a.Account("user@example.org", care.RoleCaseManager, true)
		c := a.Client()
		c.Login("admin@example.org", secret)
		u := a.Client()
		u.Login("user@example.org", userSecret)

		if p := c.Post("/admin/accounts/"+itoa(user.ID)+"/disable", nil); p.Header.Get("Location") != "/admin/accounts?done=disabled" {
			t.Fatalf("disable: %d %q", p.StatusCode, p.Header.Get("Location"))
		}
		if p := u.Get("/"); p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/login") {
			t.Errorf("disabled user's session still works: %d", p.StatusCode)
		}
		if p := a.Client().Post("/login", url.Values{"email": {"user@example.org"}, "password": {password}}); p.StatusCode != http.StatusUnauthorized {
			t.Errorf("disabled user logs in: %d", p.StatusCode)
		}
		if p := c.Get("/admin/accounts?done=disabled"); !strings.Contains(p.HTML, "uitgeschakeld en overal uitgelogd") {
			t.Error("no confirmation after disabling")
		}
		if p := c.Post("/admin/accounts/"+itoa(admin.ID)+"/disable", nil); p.StatusCode != http.StatusBadRequest {
			t.Errorf("disabling oneself: %d, want 400", p.StatusCode)
		}
		c.Post("/admin/accounts/"+itoa(user.ID)+"/enable", nil)
		u.Login("user@example.org", userSecret)
		p := c.Post("/admin/accounts/"+itoa(user.ID)+"/reset-password", nil)
		temp := text(p.ByID("initial-password"))
		if p.StatusCode != http.StatusOK || len(temp) < 12 || !strings.Contains(text(p.ByID("temporary")), "user@example.org") {
			t.Fatalf("reset password: %d %q", p.StatusCode, text(p.ByID("temporary")))
		}
		if p := u.Get("/"); p.StatusCode != http.StatusSeeOther {
			t.Errorf("session survived a password reset: %d", p.StatusCode)
		}
		if p := a.Client().Post("/login", url.Values{"email": {"user@example.org"}, "password": {temp}}); p.StatusCode != http.StatusSeeOther {
			t.Errorf("temporary password does not work: %d", p.StatusCode)
		}
		c.Post("/admin/accounts/"+itoa(user.ID)+"/reset-mfa", nil)
		got, _ := a.Store.AccountByID(context.Background(), user.ID)
		if !got.Active() || got.MFAEnrolled() {
			t.Errorf("after enable and reset: active %v, enrolled %v", got.Active(), got.MFAEnrolled())
		}
		if p := a.Client().Post("/login", url.Values{"email": {"user@example.org"}, "password": {temp}}); p.Header.Get("Location") != "/mfa/setup" {
			t.Errorf("after MFA reset the login goes to %q", p.Header.Get("Location"))
		}
	})
}

func TestPasswordChange(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		_, secret := a.Account("h@example.org", care.RoleFamily, true)
		c := a.Client()
		c.Login("h@example.org", secret)
		const newPassword = "een nieuwe lange zin voor thuis"
		tests := []struct {
			form  url.Values
			field string
			want  string
		}{
			{url.Values{"current": {"fout wachtwoord!"}, "new": {newPassword}, "repeat": {newPassword}}, "current", "Dit is niet je huidige wachtwoord."},
			{url.Values{"current": {password}, "new": {"kort"}, "repeat": {"kort"}}, "new", "Het wachtwoord moet minstens 12 tekens lang zijn."},
			{url.Values{"current": {password}, "new": {"password1234"}, "repeat": {"password1234"}}, "new", "Dit wachtwoord wordt heel vaak gebruikt en is makkelijk te raden. Kies een ander."},
			{url.Values{"current": {password}, "new": {newPassword}, "repeat": {newPassword + "x"}}, "repeat", "De twee wachtwoorden zijn niet hetzelfde."},
		}
		for _, tt := range tests {
			p := c.Post("/account/password", tt.form)
			if p.StatusCode != http.StatusUnprocessableEntity || p.FieldError(tt.field) != tt.want {
				t.Errorf("%s: %d %q, want %q", tt.field, p.StatusCode, p.FieldError(tt.field), tt.want)
			}
		}
		p := c.Post("/account/password", url.Values{"current": {password}, "new": {newPassword}, "repeat": {newPassword}})
		if p.Header.Get("Location") != "/account?saved=1" {
			t.Fatalf("save: %d %q", p.StatusCode, p.Header.Get("Location"))
		}
		if p := a.Client().Post("/login", url.Values{"email": {"h@example.org"}, "password": {newPassword}}); p.StatusCode != http.StatusSeeOther {
			t.Errorf("login with the new password: %d", p.StatusCode)
		}
		if p := a.Client().Post("/login", url.Values{"email": {"h@example.org"}, "password": {password}}); p.StatusCode != http.StatusUnauthorized {
			t.Errorf("login with the old password: %d", p.StatusCode)
		}
	})
}
