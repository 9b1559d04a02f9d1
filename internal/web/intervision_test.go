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

// TestDigestSettingsPage: a case manager's account page holds the daily
// e-mail, on at 07:00; a posted hour outside the day is refused at the
// field with what was posted kept and nothing saved; a new hour and "off"
// are saved. Other roles have no such block and no such route.
func TestDigestSettingsPage(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		acc, secret := a.Account("carla@kct.example", care.RoleCaseManager, true)
		cm := a.Client()
		cm.Login(acc.Email, secret)
		p := cm.Get("/account")
		if p.ByID("digest") == nil || p.Selected("digest_hour") != "7" || p.CheckedValue("enabled") != "1" {
			t.Fatalf("the daily e-mail block: %s (hour %q)", p.Within("digest"), p.Selected("digest_hour"))
		}
		if !strings.Contains(p.Within("digest-privacy"), "geen namen") {
			t.Errorf("the block does not say what the e-mail holds: %s", p.Within("digest-privacy"))
		}
		bad := cm.Post("/account/digest", url.Values{"enabled": {"1"}, "hour": {"25"}})
		if bad.StatusCode != http.StatusUnprocessableEntity || bad.FieldError("digest_hour") != "Kies een heel uur van 00:00 tot 23:00." {
			t.Errorf("hour 25: %d, %q", bad.StatusCode, bad.FieldError("digest_hour"))
		}
		if d, err := a.Store.DigestSettingsOf(ctx, acc.ID); err != nil || d != care.DefaultDigestSettings(acc.ID) {
			t.Errorf("a refused form saved %+v, %v", d, err)
		}
		ok := cm.Post("/account/digest", url.Values{"hour": {"16"}})
		if ok.StatusCode != http.StatusSeeOther || ok.Header.Get("Location") != "/account?saved=digest#digest" {
			t.Fatalf("save: %d to %q", ok.StatusCode, ok.Header.Get("Location"))
		}
		p = cm.Get("/account?saved=digest")
		if p.ByID("digest-saved") == nil || p.Selected("digest_hour") != "16" || p.CheckedValue("enabled") != "" {
			t.Errorf("after saving: %s (hour %q, on %q)", p.Within("digest"), p.Selected("digest_hour"), p.CheckedValue("enabled"))
		}
		famAcc, famSecret := a.Account("ouder@example.org", care.RoleFamily, true)
		parent := a.Client()
		parent.Login(famAcc.Email, famSecret)
		if p := parent.Get("/account"); p.ByID("digest") != nil || p.ByID("intervision") != nil {
			t.Error("a parent's account page offers the daily e-mail or intervision")
		}
		if r := parent.Post("/account/digest", url.Values{"hour": {"8"}}); r.StatusCode != http.StatusNotFound {
			t.Errorf("a parent posts digest settings: %d", r.StatusCode)
		}
	})
}

// TestIntervisionPage: a case manager adds a session; a bad number of
// hours is refused at the field with everything typed kept and nothing
// saved; the saved session is in the list and counted.
func TestIntervisionPage(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		acc, secret := a.Account("carla@kct.example", care.RoleCaseManager, true)
		cm := a.Client()
		cm.Login(acc.Email, secret)
		p := cm.Get("/account/intervision")
		if p.Within("intervision-total") != "0" || p.ByID("intervision-none") == nil {
			t.Fatalf("an empty record: %s", p.Within("intervision-count"))
		}
		day := care.DateOf(a.Clock.Now()).AddDate(0, 0, -3).Format("2006-01-02")
		form := url.Values{"held_on": {day}, "kind": {"intervision"}, "direction": {"given"}, "hours": {"1,333"}, "topic": {"Moreel beraad"}}
		bad := cm.Post("/account/intervision", form)
		if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.FieldError("hours"), "bijvoorbeeld 1,5") {
			t.Errorf("bad hours: %d, %q", bad.StatusCode, bad.FieldError("hours"))
		}
		if bad.Value("hours") != "1,333" || bad.Value("topic") != "Moreel beraad" || bad.Value("held_on") != day || bad.CheckedValue("direction") != "given" {
			t.Errorf("the form lost what was typed: %q %q %q %q", bad.Value("hours"), bad.Value("topic"), bad.Value("held_on"), bad.CheckedValue("direction"))
		}
		if bad.Within("intervision-total") != "0" {
			t.Error("a refused session was counted")
		}
		form.Set("hours", "1,5")
		ok := cm.Post("/account/intervision", form)
		if ok.StatusCode != http.StatusSeeOther || ok.Header.Get("Location") != "/account/intervision?saved=1" {
			t.Fatalf("save: %d to %q: %s", ok.StatusCode, ok.Header.Get("Location"), ok.Within("intervision-errors"))
		}
		p = cm.Get("/account/intervision?saved=1")
		list := p.Within("intervision-list")
		if p.ByID("intervision-saved") == nil || p.Within("intervision-total") != "1" ||
			!strings.Contains(list, "Intervisie · Gegeven · 1,5 uur") || !strings.Contains(list, "Moreel beraad") {
			t.Errorf("after saving: %s", list)
		}
	})
}
