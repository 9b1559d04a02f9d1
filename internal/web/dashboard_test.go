package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/site"
)

// TestDashboardSignals: the case manager's start page lists the signals of
// their own families only; a refused snooze keeps what was typed next to
// the field, another case manager's snooze of the signal is not found,
// and a dismissal with a reason puts it away.
func TestDashboardSignals(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		fam := c.CreateFamily(intake("Daan", a.Day(-6, 0, 0)))
		stranger, _ := a.CaseManager("ander@example.org")
		stranger.CreateFamily(intake("Zoë", a.Day(-3, 0, 0)))

		p := c.Get("/")
		mustStatus(t, p, http.StatusOK, "dashboard")
		signals := p.Within("signals")
		if !strings.Contains(signals, "Daan") || !strings.Contains(signals, "Geen huisarts in het netwerk") || strings.Contains(signals, "Zoë") {
			t.Errorf("signals %q", signals)
		}
		gp := itoa(fam) + ".no_gp."
		dom := itoa(fam) + "-no_gp-"
		p = c.Post("/signals/"+gp+"/snooze", url.Values{"until": {"31-12-2026"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "a date typed the Dutch way")
		if got := p.FieldError("until-" + dom); got != "Vul een geldige datum in." {
			t.Errorf("error next to the date: %q", got)
		}
		if p.Value("until-"+dom) != "31-12-2026" {
			t.Errorf("the form lost what was typed: %q", p.Value("until-"+dom))
		}
		mustStatus(t, stranger.Post("/signals/"+gp+"/dismiss", url.Values{"reason": {"niet van mij"}}), http.StatusNotFound, "a stranger")
		mustStatus(t, c.Post("/signals/"+itoa(fam)+".nonsense./dismiss", url.Values{"reason": {"x"}}), http.StatusNotFound, "no such rule")
		redirectsTo(t, c.Post("/signals/"+gp+"/dismiss", url.Values{"reason": {"huisarts in Duitsland"}}), "/?done=dismiss#signals", "dismiss")
		p = c.Get("/?done=dismiss")
		if strings.Contains(p.Within("signals"), "Geen huisarts in het netwerk") || !p.Present("ack-flash") || !p.Present("signals-acknowledged") {
			t.Errorf("after dismissing: %q", p.Within("signals"))
		}
	})
}
