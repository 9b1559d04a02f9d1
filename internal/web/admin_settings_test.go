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
