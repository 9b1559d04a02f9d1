package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/site"
)

// TestDashboardSignals: the case manager's start page lists the signals of
// their own families only, each with a link to its own page; there a
// refused snooze keeps what was typed next to the field; another case
// manager's snooze or page of the signal is not found; a dismissal with a
// reason puts it away, and from the family's page it returns there.
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
		if !strings.Contains(p.HTML, `href="/signals/`+gp+`"`) || strings.Contains(p.HTML, `action="/signals/`) {
			t.Error("the signal has no link to its own page, or the dashboard holds its forms")
		}
		p = c.Get("/signals/" + gp)
		mustStatus(t, p, http.StatusOK, "the signal's page")
		if !strings.Contains(p.Within("signal-text"), "Geen huisarts in het netwerk") || p.Value("until") != a.Day(0, 0, 7) {
			t.Errorf("signal page %q, until %q", p.Within("signal-text"), p.Value("until"))
		}
		mustStatus(t, stranger.Get("/signals/"+gp), http.StatusNotFound, "a stranger's look at the signal")
		mustStatus(t, c.Get("/signals/"+itoa(fam)+".no_gp.x"), http.StatusNotFound, "a signal the family does not have")
		p = c.Post("/signals/"+gp+"/snooze", url.Values{"until": {"31-12-2026"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "a date typed the Dutch way")
		if got := p.FieldError("until"); got != "Vul een geldige datum in." {
			t.Errorf("error next to the date: %q", got)
		}
		if p.Value("until") != "31-12-2026" {
			t.Errorf("the form lost what was typed: %q", p.Value("until"))
		}
		p = c.Post("/signals/"+gp+"/dismiss", url.Values{"reason": {""}, "from": {"family"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "a dismissal without a reason")
		if p.FieldError("reason") == "" || !strings.Contains(p.HTML, `name="from" value="family"`) {
			t.Errorf("no error next to the reason, or the way back is lost: %q", p.FieldError("reason"))
		}
		mustStatus(t, stranger.Post("/signals/"+gp+"/dismiss", url.Values{"reason": {"niet van mij"}}), http.StatusNotFound, "a stranger")
		mustStatus(t, c.Post("/signals/"+itoa(fam)+".nonsense./dismiss", url.Values{"reason": {"x"}}), http.StatusNotFound, "no such rule")
		redirectsTo(t, c.Post("/signals/"+itoa(fam)+".no_always_reachable./snooze", url.Values{"until": {a.Day(0, 0, 2)}, "from": {"family"}}),
			"/families/"+itoa(fam)+"#family-signals", "a snooze from the family's page")
		redirectsTo(t, c.Post("/signals/"+gp+"/dismiss", url.Values{"reason": {"huisarts in Duitsland"}}), "/?done=dismiss#signals", "dismiss")
		p = c.Get("/signals/" + gp)
		if got := p.Within("signal-ack-now"); !strings.Contains(got, "huisarts in Duitsland") {
			t.Errorf("the dismissed signal's page says %q", got)
		}
		p = c.Get("/?done=dismiss")
		if strings.Contains(p.Within("signals"), "Geen huisarts in het netwerk") || !p.Present("ack-flash") || !p.Present("signals-acknowledged") {
			t.Errorf("after dismissing: %q", p.Within("signals"))
		}
	})
}

// TestDashboardFirstTasks: the dashboard lists the first eight of the case
// manager's tasks due today or before, oldest first, and says how many
// more the worklist holds.
func TestDashboardFirstTasks(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, acc := a.CaseManager("carla@example.org")
		fam := c.CreateFamily(intake("Daan", a.Day(-6, 0, 0)))
		for i := 1; i <= 11; i++ {
			redirectsTo(t, c.Post(familyPath(fam, "/tasks"), url.Values{"title": {"Taak " + itoa(int64(i))},
				"owner": {"casemanager:" + itoa(acc.ID)}, "due_date": {a.Day(0, 0, -i)}}), familyPath(fam, "#tasks"), "task")
		}
		p := c.Get("/")
		mustStatus(t, p, http.StatusOK, "dashboard")
		today := p.Within("tasks-today")
		if n := strings.Count(p.HTML, `id="dash-task-`); n != 8 {
			t.Errorf("%d tasks on the dashboard, want the first 8", n)
		}
		if !strings.HasPrefix(today, "Taak 11") || !strings.Contains(today, "Taak 4") || strings.Contains(today, "Taak 3") ||
			strings.Contains(today, "Taak 2") {
			t.Errorf("the oldest first, the newest left for the worklist: %q", today)
		}
		if got := p.Within("tasks-today-more"); got != "Nog 3 op de werklijst" {
			t.Errorf("the rest: %q", got)
		}
	})
}
