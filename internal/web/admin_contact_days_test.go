package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAdminContactDays: the administrator sets the days between contacts
// per intensity; a wrong number is refused next to its own field, the
// form keeps what was typed, and nothing is saved.
func TestAdminContactDays(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		acc, secret := a.Account("beheer@example.org", care.RoleAdmin, true)
		c := a.Client()
		c.Login(acc.Email, secret)
		p := c.Get("/admin/settings")
		mustStatus(t, p, http.StatusOK, "settings")
		for field, want := range map[string]string{"contact_days_intensive": "7", "contact_days_regular": "28", "contact_days_waakvlam": "91"} {
			if got := p.Value(field); got != want {
				t.Errorf("default %s = %q, want %q", field, got, want)
			}
		}
		p = c.Post("/admin/settings/contacts", url.Values{"contact_days_intensive": {"0"}, "contact_days_regular": {"21"},
			"contact_days_waakvlam": {"negentig"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "wrong days")
		if p.FieldError("contact_days_intensive") != "Vul een aantal dagen in tussen 1 en 366." ||
			p.FieldError("contact_days_waakvlam") != "Vul een aantal dagen in tussen 1 en 366." || p.FieldError("contact_days_regular") != "" {
			t.Errorf("errors %q %q %q", p.FieldError("contact_days_intensive"), p.FieldError("contact_days_regular"), p.FieldError("contact_days_waakvlam"))
		}
		if p.Value("contact_days_waakvlam") != "negentig" || p.Value("contact_days_regular") != "21" {
			t.Errorf("the form lost what was typed: %q, %q", p.Value("contact_days_waakvlam"), p.Value("contact_days_regular"))
		}
		if p := c.Get("/admin/settings"); p.Value("contact_days_regular") != "28" {
			t.Errorf("a refused form saved %q", p.Value("contact_days_regular"))
		}
		redirectsTo(t, c.Post("/admin/settings/contacts", url.Values{"contact_days_intensive": {"5"}, "contact_days_regular": {" 21 "},
			"contact_days_waakvlam": {"60"}}), "/admin/settings?saved=contacts", "save")
		p = c.Get("/admin/settings?saved=contacts")
		if p.Value("contact_days_intensive") != "5" || p.Value("contact_days_regular") != "21" || !p.Present("contacts-saved") {
			t.Errorf("after saving: %q, %q", p.Value("contact_days_intensive"), p.Value("contact_days_regular"))
		}
		cm, _ := a.CaseManager("carla@example.org")
		mustStatus(t, cm.Post("/admin/settings/contacts", url.Values{"contact_days_intensive": {"1"}, "contact_days_regular": {"1"},
			"contact_days_waakvlam": {"1"}}), http.StatusNotFound, "a case manager")
	})
}
