//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

const (
	msgBadCredentials = "Het e-mailadres of het wachtwoord klopt niet."
	msgThrottled      = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."
	msgExpired        = "Je sessie is verlopen. Log opnieuw in."
	msgLoggedOut      = "Je bent uitgelogd."
)

func wantStatus(t *testing.T, resp *network.Response, want int) {
	t.Helper()
	if resp.Status != int64(want) {
		t.Fatalf("%s answered %d, want %d", resp.URL, resp.Status, want)
	}
}

func TestLoginWithPasswordAndTOTP(t *testing.T) {
	a := newApp(t, site.Config{})
	u := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	tb := newBrowser(t, desktop).newTab(a)

	wantStatus(t, tb.open("/login"), http.StatusOK)
	tb.wantLang("nl")
	tb.wantText("h1", "Inloggen")
	if title := eval[string](tb, "document.title"); title != "Inloggen · Spil" {
		t.Errorf("title = %q, want %q", title, "Inloggen · Spil")
	}
	if n := tb.count(`header.site form[action="/logout"]`); n != 0 {
		t.Errorf("the login page shows a logout button (%d)", n)
	}

	wantStatus(t, tb.submitPassword(u.Email, u.Password), http.StatusOK)
	tb.wantPath("/login/code")
	tb.wantText("h1", "Inlogcode")

	// Half logged in: the cookie names a session whose second factor is missing.
	half := tb.cookie(cookieName)
	if half == nil {
		tb.fail("no %q cookie after the password", cookieName)
	}
	if !half.HTTPOnly || half.SameSite != network.CookieSameSiteLax {
		t.Errorf("session cookie: HttpOnly=%v SameSite=%q, want HttpOnly and Lax", half.HTTPOnly, half.SameSite)
	}
	sess, _, err := a.auth.Session(context.Background(), half.Value)
	if err != nil {
		t.Fatalf("session after the password: %v", err)
	}
	if sess.MFADone {
		t.Fatal("the session counts as fully logged in before the second factor")
	}
	// The start page is not reachable yet: it sends us back to the code.
	tb.open("/")
	tb.wantPath("/login/code")

	wantStatus(t, tb.submitCode(a.totpCode(u.Secret)), http.StatusOK)
	tb.wantPath("/")
	tb.wantText("h1", "Welkom, Carla Visser")
	tb.wantLang("nl")
	tb.wantText(`header.site form[action="/logout"] button`, "Uitloggen")

	// The second factor gives a new session token; the half one is gone.
	full := tb.cookie(cookieName)
	if full == nil || full.Value == half.Value {
		t.Fatal("the session token was not renewed after the second factor")
	}
	if !a.sessionGone(half.Value) {
		t.Error("the half-logged-in session still exists after the second factor")
	}
	sess, acc, err := a.auth.Session(context.Background(), full.Value)
	if err != nil {
		t.Fatalf("session after the code: %v", err)
	}
	if !sess.MFADone || acc.ID != u.ID {
		t.Errorf("session: MFADone=%v account=%d, want true and %d", sess.MFADone, acc.ID, u.ID)
	}
}

func TestWrongPassword(t *testing.T) {
	a := newApp(t, site.Config{})
	u := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	tb := newBrowser(t, desktop).newTab(a)

	tb.open("/login")
	wantStatus(t, tb.submitPassword(u.Email, "dit is niet het wachtwoord"), http.StatusUnauthorized)
	tb.wantPath("/login")
	tb.wantText("h1", "Inloggen")
	tb.wantText("#login-error", msgBadCredentials)
	if got := tb.value("#email"); got != u.Email {
		t.Errorf("e-mail field = %q, want what was typed, %q", got, u.Email)
	}
	if got := tb.value("#password"); got != "" {
		t.Errorf("password field = %q, want it empty", got)
	}
	if c := tb.cookie(cookieName); c != nil {
		t.Errorf("a wrong password set a session cookie: %q", c.Value)
	}

	// An unknown address gets the very same answer: the page does not tell
	// which accounts exist.
	wantStatus(t, tb.submitPassword("niemand@kct.test", u.Password), http.StatusUnauthorized)
	tb.wantPath("/login")
	tb.wantText("#login-error", msgBadCredentials)
	if got := tb.value("#email"); got != "niemand@kct.test" {
		t.Errorf("e-mail field = %q, want %q", got, "niemand@kct.test")
	}
}

func TestThrottling(t *testing.T) {
	a := newApp(t, site.Config{})
	u := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	tb := newBrowser(t, desktop).newTab(a)

	tb.open("/login")
	for i := range 5 {
		resp := tb.submitPassword(u.Email, fmt.Sprintf("verkeerd wachtwoord nummer %d", i+1))
		wantStatus(t, resp, http.StatusUnauthorized)
		tb.wantText("#login-error", msgBadCredentials)
	}

	// Locked: even the right password is refused now.
	wantStatus(t, tb.submitPassword(u.Email, u.Password), http.StatusTooManyRequests)
	tb.wantPath("/login")
	tb.wantText("#login-error", msgThrottled)
	if c := tb.cookie(cookieName); c != nil {
		t.Errorf("a throttled login set a session cookie")
	}

	// Still locked just before the window ends.
	a.clock.Advance(14 * time.Minute)
	wantStatus(t, tb.submitPassword(u.Email, u.Password), http.StatusTooManyRequests)
	tb.wantText("#login-error", msgThrottled)

	// After the window the right password works again. The refused attempts
	// while locked did not extend the lock.
	a.clock.Advance(2 * time.Minute)
	wantStatus(t, tb.submitPassword(u.Email, u.Password), http.StatusOK)
	tb.wantPath("/login/code")
	tb.wantText("h1", "Inlogcode")
}

func TestLogout(t *testing.T) {
	a := newApp(t, site.Config{})
	u := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	tb := newBrowser(t, desktop).newTab(a)

	tb.login(u)
	tb.wantText("h1", "Welkom, Carla Visser")
	ck := tb.cookie(cookieName)
	if ck == nil {
		tb.fail("no session cookie after login")
	}
	if a.sessionGone(ck.Value) {
		t.Fatal("no session in the database after login")
	}

	tb.logout()
	tb.wantPath("/login")
	tb.wantText(`main [role="status"]`, msgLoggedOut)
	if c := tb.cookie(cookieName); c != nil {
		t.Errorf("the session cookie is still in the browser after logout: %q", c.Value)
	}

	// The session is gone on the server, not only in the browser.
	if !a.sessionGone(ck.Value) {
		t.Error("the sessions table still has the session after logout")
	}
	if _, _, err := a.auth.Session(context.Background(), ck.Value); care.ErrorCode(err) != care.Unauthorized {
		t.Errorf("auth.Session with the old token: err = %v, want an Unauthorized error", err)
	}

	tb.open("/")
	tb.wantPath("/login")
	if next := tb.url().Query().Get("next"); next != "/" {
		t.Errorf("next = %q, want %q", next, "/")
	}
	tb.wantText("h1", "Inloggen")

	// A copy of the old cookie (say, from a shared computer) gets nowhere.
	_, err := chromedp.Call(tb.ctx, network.SetCookie, network.SetCookieParams{
		Name: cookieName, Value: ck.Value, URL: a.URL + "/", HTTPOnly: new(true),
	})
	if err != nil {
		t.Fatalf("set the old cookie again: %v", err)
	}
	tb.open("/")
	tb.wantPath("/login")
	tb.wantText("h1", "Inloggen")
}

func TestSessionExpiry(t *testing.T) {
	t.Run("idle", func(t *testing.T) {
		a := newApp(t, site.Config{})
		u := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
		tb := newBrowser(t, desktop).newTab(a)
		tb.login(u)
		ck := tb.cookie(cookieName)

		// Activity within the idle timeout keeps the session.
		a.clock.Advance(29 * time.Minute)
		tb.reload()
		tb.wantPath("/")
		tb.wantText("h1", "Welkom, Carla Visser")

		a.clock.Advance(31 * time.Minute)
		tb.reload()
		tb.wantPath("/login")
		tb.wantText(`main [role="status"]`, msgExpired)
		tb.wantText("h1", "Inloggen")
		if next := tb.url().Query().Get("next"); next != "/" {
			t.Errorf("next = %q, want %q", next, "/")
		}
		if !a.sessionGone(ck.Value) {
			t.Error("the expired session is still in the database")
		}
		if c := tb.cookie(cookieName); c != nil {
			t.Errorf("the expired session cookie is still in the browser")
		}
	})

	t.Run("absolute", func(t *testing.T) {
		a := newApp(t, site.Config{})
		u := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
		tb := newBrowser(t, desktop).newTab(a)
		tb.login(u)

		// A page every 20 minutes never hits the idle timeout, but after
		// 12 hours the session ends anyway. 35 steps of 20 minutes are
		// 11 h 40 min; the 36th reaches 12 h.
		const step = 20 * time.Minute
		for i := 1; i <= 35; i++ {
			a.clock.Advance(step)
			tb.reload()
			if got := tb.url().Path; got != "/" {
				tb.fail("after %s of activity: at %q, want still logged in at /", time.Duration(i)*step, got)
			}
		}
		tb.wantText("h1", "Welkom, Carla Visser")

		a.clock.Advance(step)
		tb.reload()
		tb.wantPath("/login")
		tb.wantText(`main [role="status"]`, msgExpired)
	})
}

func TestSwitchToEnglish(t *testing.T) {
	a := newApp(t, site.Config{})
	u := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	tb := newBrowser(t, desktop).newTab(a)

	tb.open("/login")
	tb.wantLang("nl")
	tb.wantText(".lang-switch button", "English")
	tb.click(".lang-switch button")
	tb.wantPath("/login")
	tb.wantLang("en")
	tb.wantText("h1", "Log in")
	tb.wantText(`label[for="password"]`, "Password")
	tb.wantText(".lang-switch button", "Nederlands")

	// English stays through the login.
	a.clock.Advance(30 * time.Second)
	tb.submitPassword(u.Email, u.Password)
	tb.wantPath("/login/code")
	tb.wantLang("en")
	tb.wantText("h1", "Login code")
	tb.submitCode(a.totpCode(u.Secret))
	tb.wantPath("/")
	tb.wantLang("en")
	tb.wantText("h1", "Welcome, Carla Visser")
	tb.wantText(`header.site form[action="/logout"] button`, "Log out")

	// Back to Dutch, on the same page; the choice is kept with the account.
	tb.click(".lang-switch button")
	tb.wantPath("/")
	tb.wantLang("nl")
	tb.wantText("h1", "Welkom, Carla Visser")
	tb.wantText(".lang-switch button", "English")
	if got := a.account(u.ID).Locale; got != "nl" {
		t.Errorf("account locale = %q, want %q", got, "nl")
	}
}
