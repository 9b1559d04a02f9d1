//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// coverageWorld is a family of six with its case manager, and nothing in
// its coverage plan yet.
type coverageWorld struct {
	a   *app
	cm  *user
	fam int64
}

func newCoverageWorld(t *testing.T) *coverageWorld {
	t.Helper()
	a := newApp(t, site.Config{})
	w := &coverageWorld{a: a}
	w.cm = a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	w.fam = a.createFamily(w.cm, "Noor Jansen", a.today().AddDate(-6, 0, 0))
	return w
}

func (w *coverageWorld) path(rest string) string { return fmt.Sprintf("/families/%d%s", w.fam, rest) }

// coverageItems reads the family's coverage items from the store.
func (w *coverageWorld) coverageItems() []care.CoverageItem {
	w.a.t.Helper()
	items, err := w.a.store.CoverageItems(w.a.t.Context(), w.fam)
	if err != nil {
		w.a.t.Fatal(err)
	}
	return items
}

// firstID is the id of the first element sel, such as "item-12".
func (tb *tab) firstID(sel string) string {
	tb.t.Helper()
	id := eval[string](tb, fmt.Sprintf(`(el => el ? el.id : "")(document.querySelector(%q))`, sel))
	if id == "" {
		tb.fail("no %s on the page", sel)
	}
	return id
}

// TestCoverageIndicationEnding: on a phone, a case manager adds a Wlz
// indication that ends in five weeks (after a first try with its end
// before its start), and sees it needing attention on the coverage page,
// on the family page and in the caseload. The renewal cuts the hours; an
// objection is filed with the date its decision is due, and both show.
func TestCoverageIndicationEnding(t *testing.T) {
	w := newCoverageWorld(t)
	a := w.a
	b := newBrowser(t, phone)
	today := a.today()
	end := today.AddDate(0, 0, 35)
	start := end.AddDate(-1, 0, 1)

	tb := b.newTab(a)
	tb.login(w.cm)
	tb.open(w.path(""))
	tb.wantText("#coverage-none", "Nog niets vastgelegd.")
	tb.click("#coverage-link")
	tb.wantPath(w.path("/coverage"))
	tb.click("#add-item")
	tb.selectOption("#kind", "night_care")
	tb.fill("#description", "Drie nachten per week")
	tb.selectOption("#law", care.LawWlz)
	tb.selectOption("#status", care.CoverageGranted)
	tb.fill("#hours", "12,5")
	tb.fill("#reference", "CIZ-2026-0412")
	tb.selectOption("#indicated_by", "ciz")
	tb.setDate("#start", isoDate(start))
	tb.setDate("#end", isoDate(start.AddDate(0, 0, -1)))
	tb.submitForm()
	tb.wantFieldError("end", "De einddatum ligt vóór de begindatum. Kijk de datums na.")
	if got := tb.value("#hours"); got != "12,5" {
		tb.fail("the form lost the hours typed: %q", got)
	}
	if n := len(w.coverageItems()); n != 0 {
		tb.fail("%d items saved from a refused form", n)
	}
	tb.setDate("#end", isoDate(end))
	tb.submitForm()
	tb.wantPath(w.path("/coverage"))
	item := tb.firstID(".coverage-item")
	tb.wantText("#saved", "Opgeslagen in het dekkingsplan.")
	tb.wantTextContains("#attention-"+item, "Loopt af op "+dutchDate(end)+" (over 5 weken).")
	tb.wantText("#"+item+" .state", "Loopt binnenkort af")
	tb.wantText("#"+item+" .size", "12,5 uur per week")
	tb.screenshot("coverage-phone")

	// The family page and the caseload say so too.
	tb.open(w.path(""))
	tb.wantText("#coverage-ending", "1 loopt binnenkort af")
	tb.open("/families?filter=coverage_ending")
	if n := tb.count(fmt.Sprintf("#family-%d", w.fam)); n != 1 {
		tb.fail("the caseload's coverage filter leaves out the ending indication")
	}

	// Renewed for fewer hours, from the day after the current end.
	tb.open(w.path("/coverage"))
	tb.click("#" + item + "-renew")
	if got := tb.value("#start"); got != isoDate(end.AddDate(0, 0, 1)) {
		tb.fail("the renewal starts on %q, want the day after the end", got)
	}
	tb.selectOption("#status", care.CoverageGranted)
	tb.fill("#hours", "8")
	tb.setDate("#end", isoDate(end.AddDate(1, 0, 0)))
	tb.submitForm()
	tb.wantPath(w.path("/coverage"))
	tb.wantText("#"+item+" .cut", "Uren verlaagd: van 12,5 uur per week naar 8 uur per week.")

	// An objection against the cut, with the date its decision is due.
	due := today.AddDate(0, 0, 42)
	tb.click("#" + item + "-edit")
	tb.selectOption("#status", care.CoverageObjection)
	tb.setDate("#objection_filed_on", isoDate(today.AddDate(0, 0, -1)))
	tb.setDate("#objection_due", isoDate(due))
	tb.submitForm()
	tb.wantPath(w.path("/coverage"))
	tb.wantTextContains("#attention-objection-"+strings.TrimPrefix(item, "item-"), "Beslissing op het bezwaar uiterlijk "+dutchDate(due)+".")
	tb.wantText("#"+item+" .state", "Bezwaar loopt")
	tb.wantTextContains("#"+item+" .objection", "beslissing uiterlijk "+dutchDate(due))
	if items := w.coverageItems(); len(items) != 1 || len(items[0].Periods) != 2 || items[0].Current().Status != care.CoverageObjection {
		tb.fail("stored: %+v", items)
	}
	tb.screenshot("coverage-objection-phone")
	tb.open(w.path(""))
	tb.wantText("#coverage-objections", "1 bezwaar met beslisdatum")
	tb.open("/families?filter=coverage_ending")
	if n := tb.count(fmt.Sprintf("#family-%d", w.fam)); n != 1 {
		tb.fail("the caseload's coverage filter leaves out the objection")
	}

	tb.emulate(desktop)
	tb.open(w.path("/coverage"))
	tb.screenshot("coverage-desktop")
}

// TestCoverageStairLift: a stair lift requested through the Wmo is
// followed, step by step, to its delivery.
func TestCoverageStairLift(t *testing.T) {
	w := newCoverageWorld(t)
	a := w.a
	b := newBrowser(t, phone)
	today := a.today()

	tb := b.newTab(a)
	tb.login(w.cm)
	tb.open(w.path("/coverage"))
	tb.click("#add-aid")
	tb.selectOption("#kind", "stair_lift")
	tb.choose(radio("via", care.LawWmo))
	tb.fill("#supplier", "Trapliftbedrijf Oost")
	tb.setDate("#requested", isoDate(today.AddDate(0, 0, -20)))
	tb.submitForm()
	tb.wantPath(w.path("/coverage"))
	aid := tb.firstID(".coverage-aid")
	tb.wantText("#"+aid+" .status", "Aangevraagd")
	tb.wantText("#"+aid+" .waiting", "Wacht al 20 dagen.")

	for i, step := range []struct{ status, field, label string }{
		{care.AidAssessed, "assessed", "Beoordeeld"}, {care.AidGranted, "granted", "Toegekend"},
		{care.AidOrdered, "ordered", "Besteld"}, {care.AidDelivered, "delivered", "Geleverd"},
	} {
		tb.click("#" + aid + "-edit")
		tb.selectOption("#status", step.status)
		tb.setDate("#"+step.field, isoDate(today.AddDate(0, 0, -15+5*i)))
		tb.submitForm()
		tb.wantPath(w.path("/coverage"))
		tb.wantText("#"+aid+" .status", step.label)
		if n := tb.count(fmt.Sprintf("#%s .aid-steps li.done", aid)); n != i+2 {
			tb.fail("after %s, %d steps done, want %d", step.status, n, i+2)
		}
	}
	tb.wantText("#"+aid+" .waiting", "Geleverd na 20 dagen.")
	tb.wantTextContains(fmt.Sprintf("#%s .aid-steps li[data-step=delivered]", aid), dutchDate(today))
	aids, err := a.store.Aids(t.Context(), w.fam)
	tb.screenshot("coverage-aid-phone")
	if err != nil || len(aids) != 1 || aids[0].Status != care.AidDelivered || !aids[0].Delivered.Equal(today) {
		tb.fail("stored: %+v, %v", aids, err)
	}
}
