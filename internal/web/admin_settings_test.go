package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

func TestAdminCoverageWindow(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		acc, secret := a.Account("beheer@example.org", care.RoleAdmin, true)
		c := a.Client()
		c.Login(acc.Email, secret)
		p := c.Get("/admin/settings")
		mustStatus(t, p, http.StatusOK, "settings")
		if got := p.Value("coverage_window"); got != "8" {
			t.Errorf("default window %q", got)
		}
		for typed, want := range map[string]string{
			"0": "Kies een aantal weken tussen 1 en 52.", "53": "Kies een aantal weken tussen 1 en 52.",
			"acht": "Kies een aantal weken tussen 1 en 52.", "": "Vul dit veld in.", "-3": "Kies een aantal weken tussen 1 en 52.",
		} {
			p = c.Post("/admin/settings", url.Values{"coverage_window": {typed}})
			mustStatus(t, p, http.StatusUnprocessableEntity, "window "+typed)
			if p.FieldError("coverage_window") != want || p.Value("coverage_window") != typed {
				t.Errorf("window %q: error %q, kept %q", typed, p.FieldError("coverage_window"), p.Value("coverage_window"))
			}
		}
		redirectsTo(t, c.Post("/admin/settings", url.Values{"coverage_window": {" 12 "}}), "/admin/settings?saved=1", "save")
		p = c.Get("/admin/settings?saved=1")
		if p.Value("coverage_window") != "12" || !p.Present("saved") {
			t.Errorf("after saving: %q, saved %v", p.Value("coverage_window"), p.Present("saved"))
		}
		cm, _ := a.CaseManager("carla@example.org")
		mustStatus(t, cm.Post("/admin/settings", url.Values{"coverage_window": {"2"}}), http.StatusNotFound, "a case manager")
		if p := c.Get("/admin/settings"); p.Value("coverage_window") != "12" {
			t.Errorf("a case manager changed the window to %q", p.Value("coverage_window"))
		}
	})
}

// TestAdminURA: the administrator sets the organisation's URA (8 digits),
// a wrong one is refused next to the field and kept as typed, it can be
// cleared, and no one else may set it.
func TestAdminURA(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		acc, secret := a.Account("beheer@example.org", care.RoleAdmin, true)
		c := a.Client()
		c.Login(acc.Email, secret)
		if p := c.Get("/admin/settings"); p.Value("ura") != "" {
			t.Errorf("URA before setting: %q", p.Value("ura"))
		}
		for _, typed := range []string{"1234567", "123456789", "9000012a"} {
			p := c.Post("/admin/settings/ura", url.Values{"ura": {typed}})
			mustStatus(t, p, http.StatusUnprocessableEntity, "URA "+typed)
			if p.FieldError("ura") != "Vul de 8 cijfers van de URA in, of laat het veld leeg." || p.Value("ura") != typed {
				t.Errorf("URA %q: error %q, kept %q", typed, p.FieldError("ura"), p.Value("ura"))
			}
			if p.Value("coverage_window") != "8" {
				t.Errorf("URA %q: the window's field shows %q", typed, p.Value("coverage_window"))
			}
		}
		redirectsTo(t, c.Post("/admin/settings/ura", url.Values{"ura": {" 90000123 "}}), "/admin/settings?saved=1", "save")
		if p := c.Get("/admin/settings"); p.Value("ura") != "90000123" {
			t.Errorf("after saving: %q", p.Value("ura"))
		}
		cm, _ := a.CaseManager("carla@example.org")
		mustStatus(t, cm.Post("/admin/settings/ura", url.Values{"ura": {"90000999"}}), http.StatusNotFound, "a case manager")
		redirectsTo(t, c.Post("/admin/settings/ura", url.Values{"ura": {""}}), "/admin/settings?saved=1", "clear")
		if p := c.Get("/admin/settings"); p.Value("ura") != "" {
			t.Errorf("after clearing: %q", p.Value("ura"))
		}
	})
}
