package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/store/storetest"
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
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/admin/accounts?done=created&mail=none" {
			t.Fatalf("create: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}
		p = c.Get(p.Header.Get("Location"))
		if got := p.Within("admin-done"); !strings.Contains(got, "Het account is aangemaakt.") || !strings.Contains(got, "verstuurt geen e-mail") {
			t.Errorf("after creating without e-mail: %q", got)
		}
		// No password and no link on the page: nothing the administrator could log in with.
		if p.Present("initial-password") || strings.Contains(p.HTML, "/password/") {
			t.Error("the page shows a password or a link")
		}
		// The name is shown as text, never as markup.
		if p.Tag("b") != nil {
			t.Error("a typed <b> became an element")
		}
		created, err := a.Store.AccountByEmail(context.Background(), "zoe@example.org")
		if err != nil || created.Role != care.RoleProvider || created.MFAEnrolled() || created.MFAExempt || !created.Active() {
			t.Fatalf("created account %+v, %v", created, err)
		}
		// The same e-mail twice is refused next to the field.
		p = c.Post("/admin/accounts", url.Values{"name": {"Ander"}, "email": {"zoe@example.org"}, "role": {"family"}})
		if got := p.FieldError("email"); got != "Er is al een account met dit e-mailadres." {
			t.Errorf("duplicate e-mail: %q", got)
		}
	})
}

func TestAdminDisableEnable(t *testing.T) {
	logs := &syncBuffer{}
	cfg := site.Config{Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	forEachDB(t, cfg, func(t *testing.T, a *app) {
		admin, secret := a.Account("admin@example.org", care.RoleAdmin, true)
		user, userSecret := a.Account("user@example.org", care.RoleCaseManager, true)
		c := a.Client()
		c.Login("admin@example.org", secret)
		u := a.Client()
		u.Login("user@example.org", userSecret)

		if p := c.Post("/admin/accounts/"+itoa(user.ID)+"/disable", nil); p.Header.Get("Location") != "/admin/accounts?done=disabled&mail=none" {
			t.Fatalf("disable: %d %q", p.StatusCode, p.Header.Get("Location"))
		}
		if p := u.Get("/"); p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/login") {
			t.Errorf("disabled user's session still works: %d", p.StatusCode)
		}
		if p := a.Client().Post("/login", url.Values{"email": {"user@example.org"}, "password": {password}}); p.StatusCode != http.StatusUnauthorized {
			t.Errorf("disabled user logs in: %d", p.StatusCode)
		}
		p := c.Get("/admin/accounts?done=disabled&mail=none")
		if got := p.Within("admin-done"); !strings.Contains(got, "uitgeschakeld en overal uitgelogd") || !strings.Contains(got, "geen bericht over de wijziging") {
			t.Errorf("no confirmation after disabling: %q", got)
		}
		if p := c.Post("/admin/accounts/"+itoa(admin.ID)+"/disable", nil); p.StatusCode != http.StatusBadRequest {
			t.Errorf("disabling oneself: %d, want 400", p.StatusCode)
		}
		if p := c.Post("/admin/accounts/"+itoa(user.ID)+"/enable", nil); p.Header.Get("Location") != "/admin/accounts?done=enabled&mail=none" {
			t.Errorf("enable: %d %q", p.StatusCode, p.Header.Get("Location"))
		}
		u.Login("user@example.org", userSecret)
		if p := c.Post("/admin/accounts/999999/enable", nil); p.StatusCode != http.StatusNotFound {
			t.Errorf("an account that does not exist: %d", p.StatusCode)
		}
		// The log says that the holder was not told, and never whom.
		log := logs.String()
		if !strings.Contains(log, "no e-mail sent to the account's holder: e-mail is not configured") {
			t.Errorf("the log does not say that no notice went out:\n%s", log)
		}
		if strings.Contains(log, "user@example.org") || strings.Contains(log, "Naam user") {
			t.Errorf("the log names the holder:\n%s", log)
		}
	})
}

// TestAdminResetWithoutMail: without e-mail, a reset still ends the old
// password and every session, and the administrator is told plainly that
// the holder got nothing, without being shown the link.
func TestAdminResetWithoutMail(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		_, secret := a.Account("admin@example.org", care.RoleAdmin, true)
		user, userSecret := a.Account("user@example.org", care.RoleCaseManager, true)
		c := a.Client()
		c.Login("admin@example.org", secret)
		u := a.Client()
		u.Login("user@example.org", userSecret)
		for _, action := range []string{"reset-password", "reset-mfa"} {
			p := c.Post("/admin/accounts/"+itoa(user.ID)+"/"+action, nil)
			loc := p.Header.Get("Location")
			if p.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "&mail=none") {
				t.Fatalf("%s: %d to %q", action, p.StatusCode, loc)
			}
			shown := c.Get(loc)
			if got := shown.Within("admin-mail"); !strings.Contains(got, "U krijgt die link niet te zien") || !strings.Contains(got, "eigen organisatie") {
				t.Errorf("%s without e-mail says %q", action, got)
			}
			for _, body := range []string{p.HTML, shown.HTML} {
				if strings.Contains(body, "/password/") || shown.Present("initial-password") {
					t.Errorf("%s: the answer holds a link or password", action)
				}
			}
			if p := u.Get("/"); p.StatusCode != http.StatusSeeOther {
				t.Errorf("%s: the holder's session survived: %d", action, p.StatusCode)
			}
			if p := a.Client().Post("/login", url.Values{"email": {"user@example.org"}, "password": {password}}); p.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s: the old password still works: %d", action, p.StatusCode)
			}
		}
	})
}

// TestAdminResetByMail: the holder gets the link by e-mail, the
// administrator never sees it; with it the holder chooses a password, gives
// or sets up the second factor and is in. Every action is on record with the
// administrator as actor, and the holder gets a notice of the others.
func TestAdminResetByMail(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			sink := mailtest.Start(t)
			mailer, err := mail.NewSMTP(sink.Config("Spil <noreply@spil.example.nl>"))
			if err != nil {
				t.Fatal(err)
			}
			logs := &syncBuffer{}
			a := newApp(t, db.Open, site.Config{Mailer: mailer, BaseURL: "https://spil.example.nl/",
				Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			admin, secret := a.Account("admin@example.org", care.RoleAdmin, true)
			user, userSecret := a.Account("user@example.org", care.RoleCaseManager, true)
			c := a.Client()
			c.Login("admin@example.org", secret)
			u := a.Client()
			u.Login("user@example.org", userSecret)
			var tokens []string

			// A password reset: the old password and the session end at once.
			p := c.Post("/admin/accounts/"+itoa(user.ID)+"/reset-password", nil)
			if p.Header.Get("Location") != "/admin/accounts?done=password-reset&mail=sent" {
				t.Fatalf("reset password: %d to %q", p.StatusCode, p.Header.Get("Location"))
			}
			shown := c.Get(p.Header.Get("Location"))
			if got := shown.Within("admin-done"); !strings.Contains(got, "vervangen door een wachtwoord dat niemand kent") || !strings.Contains(got, "U krijgt hem niet te zien") {
				t.Errorf("after the reset the page says %q", got)
			}
			if p := u.Get("/"); p.StatusCode != http.StatusSeeOther {
				t.Errorf("the holder's session survived the reset: %d", p.StatusCode)
			}
			if p := a.Client().Post("/login", url.Values{"email": {"user@example.org"}, "password": {password}}); p.StatusCode != http.StatusUnauthorized {
				t.Errorf("the old password after a reset: %d", p.StatusCode)
			}
			m := lastMail(t, sink, "user@example.org", "Uw account in Spil is gewijzigd")
			for _, want := range []string{"Beste Naam user", "door uw beheerder gewijzigd: uw wachtwoord werkt niet meer", "https://spil.example.nl/password/"} {
				if !strings.Contains(m.Text, want) {
					t.Errorf("the e-mail lacks %q:\n%s", want, m.Text)
				}
			}
			token := linkToken(t, m.Text)
			tokens = append(tokens, token)
			for _, body := range []string{p.HTML, shown.HTML} {
				if strings.Contains(body, token) {
					t.Error("the administrator's page holds the link")
				}
			}

			// The holder opens the link: a bad password is refused next to
			// its field, and nothing typed comes back.
			h := a.Client()
			form := h.Get("/password/" + token)
			if form.StatusCode != http.StatusOK || form.Within("link-email") != "user@example.org" || form.H1() != "Kies een nieuw wachtwoord" {
				t.Fatalf("the link: %d %q %q", form.StatusCode, form.H1(), form.Within("link-email"))
			}
			if form.Header.Get("Referrer-Policy") != "no-referrer" {
				t.Errorf("Referrer-Policy %q", form.Header.Get("Referrer-Policy"))
			}
			const first = "een nieuwe zin om in te loggen"
			bad := h.Post("/password/"+token, url.Values{"password": {"password1234"}, "repeat": {"password1234"}})
			if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.FieldError("password"), "heel vaak gebruikt") {
				t.Errorf("a common password: %d %q", bad.StatusCode, bad.FieldError("password"))
			}
			bad = h.Post("/password/"+token, url.Values{"password": {first}, "repeat": {first + "!"}})
			if bad.StatusCode != http.StatusUnprocessableEntity || bad.FieldError("repeat") != "De twee wachtwoorden zijn niet hetzelfde." {
				t.Errorf("two different passwords: %d %q", bad.StatusCode, bad.FieldError("repeat"))
			}
			if strings.Contains(bad.HTML, first) || attr(bad.ByID("password"), "value") != "" {
				t.Error("the form gives back a typed password")
			}
			p = h.Post("/password/"+token, url.Values{"password": {first}, "repeat": {first}})
			if p.Header.Get("Location") != "/login/code" {
				t.Fatalf("the password through the link: %d to %q", p.StatusCode, p.Header.Get("Location"))
			}
			// The link alone logs no one in: the second factor comes first.
			if p := h.Get("/"); p.Header.Get("Location") != "/login/code" {
				t.Errorf("before the code, / goes to %q", p.Header.Get("Location"))
			}
			a.Clock.Add(30 * time.Second)
			code, _ := totp.GenerateCode(userSecret, a.Clock.Now())
			if p := h.Post("/login/code", url.Values{"code": {code}}); p.Header.Get("Location") != "/" {
				t.Fatalf("the code after the link: %d to %q", p.StatusCode, p.Header.Get("Location"))
			}
			if p := h.Get("/"); p.StatusCode != http.StatusOK {
				t.Errorf("home after the link and the code: %d", p.StatusCode)
			}
			if p := a.Client().Post("/login", url.Values{"email": {"user@example.org"}, "password": {first}}); p.Header.Get("Location") != "/login/code?next=%2F" {
				t.Errorf("login with the new password goes to %q", p.Header.Get("Location"))
			}
			// Once only.
			again := a.Client().Post("/password/"+token, url.Values{"password": {"nog een andere lange zin"}, "repeat": {"nog een andere lange zin"}})
			if again.StatusCode != http.StatusGone || again.H1() != "Deze link is al gebruikt" {
				t.Errorf("the link a second time: %d %q", again.StatusCode, again.H1())
			}

			// A second-factor reset: the holder chooses a password and
			// sets up a new authenticator before anything else.
			c.Post("/admin/accounts/"+itoa(user.ID)+"/reset-mfa", nil)
			m = lastMail(t, sink, "user@example.org", "Uw account in Spil is gewijzigd")
			if !strings.Contains(m.Text, "uw wachtwoord en uw tweestapsverificatie werken niet meer") {
				t.Errorf("the second-factor e-mail:\n%s", m.Text)
			}
			token = linkToken(t, m.Text)
			tokens = append(tokens, token)
			h = a.Client()
			const second = "weer een andere zin van mij"
			p = h.Post("/password/"+token, url.Values{"password": {second}, "repeat": {second}})
			if p.Header.Get("Location") != "/mfa/setup" {
				t.Fatalf("after a second-factor reset the link goes to %q", p.Header.Get("Location"))
			}
			setup := h.Get("/mfa/setup")
			newSecret := setup.Within("totp-secret")
			if setup.StatusCode != http.StatusOK || newSecret == "" || newSecret == userSecret {
				t.Fatalf("set-up page: %d, secret %q", setup.StatusCode, newSecret)
			}
			a.Clock.Add(30 * time.Second)
			code, _ = totp.GenerateCode(newSecret, a.Clock.Now())
			if p := h.Post("/mfa/setup", url.Values{"code": {code}}); p.StatusCode != http.StatusOK {
				t.Fatalf("enrolment: %d", p.StatusCode)
			}
			if p := h.Get("/"); p.StatusCode != http.StatusOK {
				t.Errorf("home after the new second factor: %d", p.StatusCode)
			}

			// A link expires after a day.
			c.Post("/admin/accounts/"+itoa(user.ID)+"/reset-password", nil)
			token = linkToken(t, lastMail(t, sink, "user@example.org", "Uw account in Spil is gewijzigd").Text)
			tokens = append(tokens, token)
			a.Clock.Add(auth.ResetLinkValidity + time.Minute)
			if p := a.Client().Get("/password/" + token); p.StatusCode != http.StatusGone || p.H1() != "Deze link is verlopen" {
				t.Errorf("a link after a day: %d %q", p.StatusCode, p.H1())
			}
			if p := a.Client().Get("/password/NIETBESTAAND"); p.StatusCode != http.StatusNotFound || p.H1() != "Deze link werkt niet" {
				t.Errorf("an unknown link: %d %q", p.StatusCode, p.H1())
			}

			// Disable and enable: a notice that says nothing more than that.
			c.Login("admin@example.org", secret) // a day later
			n := len(sink.Messages())
			c.Post("/admin/accounts/"+itoa(user.ID)+"/disable", nil)
			if p := c.Post("/admin/accounts/"+itoa(user.ID)+"/enable", nil); p.Header.Get("Location") != "/admin/accounts?done=enabled&mail=sent" {
				t.Errorf("enable: %q", p.Header.Get("Location"))
			}
			msgs := sink.Messages()
			if len(msgs) != n+2 {
				t.Fatalf("%d notices, want 2", len(msgs)-n)
			}
			notice := regexp.MustCompile(`^Uw account is op \d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) \d{4} door uw beheerder gewijzigd\.\s*$`)
			for _, m := range msgs[n:] {
				if m.To[0] != "user@example.org" || m.Subject != "Uw account in Spil is gewijzigd" || !notice.MatchString(m.Text) {
					t.Errorf("notice to %q about %q:\n%s", m.To, m.Subject, m.Text)
				}
			}

			// Every action is on record, by the administrator, against the account.
			es, err := a.Store.AuditEvents(context.Background(), 0, 10000)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				if e.ActorID == admin.ID && e.ObjectID == user.ID && strings.HasPrefix(e.ObjectType, "account") {
					if e.ActorRole != care.RoleAdmin || e.Outcome != care.OutcomeSuccess || e.Action != care.ActionUpdate {
						t.Errorf("record %+v", e)
					}
					got = append(got, e.ObjectType)
				}
			}
			want := []string{auth.ObjectPasswordReset, auth.ObjectMFAReset, auth.ObjectPasswordReset, auth.ObjectAccountDisable, auth.ObjectAccountEnable}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("the administrator's records: %q, want %q", got, want)
			}

			log := logs.String()
			for _, secret := range append(tokens, "user@example.org", "Naam user", first, second) {
				if strings.Contains(log, secret) {
					t.Errorf("the log holds %q", secret)
				}
			}
		})
	}
}

// lastMail is the last message the sink got, which must be to to about subject.
func lastMail(t *testing.T, sink *mailtest.Server, to, subject string) mailtest.Received {
	t.Helper()
	msgs := sink.Messages()
	if len(msgs) == 0 {
		t.Fatal("no e-mail")
	}
	m := msgs[len(msgs)-1]
	if len(m.To) != 1 || m.To[0] != to || m.Subject != subject {
		t.Fatalf("the last e-mail went to %q about %q", m.To, m.Subject)
	}
	return m
}

// linkToken is the token of the account link in an e-mail.
func linkToken(t *testing.T, text string) string {
	t.Helper()
	_, rest, ok := strings.Cut(text, "https://spil.example.nl/password/")
	token, _, _ := strings.Cut(rest, "\n")
	if !ok || len(token) < 40 {
		t.Fatalf("no link in the e-mail:\n%s", text)
	}
	return token
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
			{url.Values{"current": {""}, "new": {newPassword}, "repeat": {newPassword}}, "current", "Vul dit veld in."},
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

// TestPasswordChangeThrottled: guessing the current password counts like
// failed logins, locks the account like them, and is on record.
func TestPasswordChangeThrottled(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		acc, secret := a.Account("g@example.org", care.RoleCaseManager, true)
		c := a.Client()
		c.Login("g@example.org", secret)
		const next = "een zin die ik wel onthoud"
		for i := range 5 {
			p := c.Post("/account/password", url.Values{"current": {"geraden wachtwoord " + itoa(int64(i))}, "new": {next}, "repeat": {next}})
			if p.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("guess %d: %d", i, p.StatusCode)
			}
		}
		p := c.Post("/account/password", url.Values{"current": {password}, "new": {next}, "repeat": {next}})
		if p.StatusCode != http.StatusTooManyRequests || p.FieldError("current") != "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw." {
			t.Errorf("the right password after 5 guesses: %d %q", p.StatusCode, p.FieldError("current"))
		}
		if p := a.Client().Post("/login", url.Values{"email": {"g@example.org"}, "password": {password}}); p.StatusCode != http.StatusTooManyRequests {
			t.Errorf("a login after 5 guesses: %d, want 429", p.StatusCode)
		}
		es, _ := a.Store.AuditEvents(context.Background(), 0, 10000)
		failed := 0
		for _, e := range es {
			if e.ObjectType == auth.ObjectAccountPassword && e.ActorID == acc.ID && e.Outcome == care.OutcomeFailed {
				failed++
			}
		}
		if failed != 6 {
			t.Errorf("%d failed password changes on record, want 6", failed)
		}
		a.Clock.Add(16 * time.Minute)
		c.Login("g@example.org", secret)
		if p := c.Post("/account/password", url.Values{"current": {password}, "new": {next}, "repeat": {next}}); p.Header.Get("Location") != "/account?saved=1" {
			t.Errorf("after the window: %d %q", p.StatusCode, p.Header.Get("Location"))
		}
	})
}
