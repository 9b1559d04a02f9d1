//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/spil-zorg/spil/internal/care"
)

// Helpers for the case manager's pages: the family file, its forms and the
// caseload.

// today is the date in the Netherlands by the app's clock, as the pages
// see it (midnight UTC).
func (a *app) today() time.Time { return care.DateOf(a.clock.Now()) }

// careService is a care.Service on the app's database and clock, to seed
// data and read it back as a user would.
func (a *app) careService() *care.Service { return care.NewService(a.store, a.clock.Now) }

// actor is u as the care service sees a request of theirs.
func (a *app) actor(u *user) care.Actor {
	return care.Actor{AccountID: u.ID, Role: u.Role, OrganisationID: a.org, AccessPoint: "127.0.0.1"}
}

// file reads a family's file straight from the database.
func (a *app) file(id int64) *care.File {
	a.t.Helper()
	f, err := a.store.FamilyFile(context.Background(), id, 0)
	if err != nil {
		a.t.Fatalf("read family %d: %v", id, err)
	}
	return f
}

// createFamily opens a family file for u through the care service, as the
// intake would, and returns its id.
func (a *app) createFamily(u *user, name string, birth time.Time) int64 {
	a.t.Helper()
	id, err := a.careService().CreateFamily(context.Background(), a.actor(u), care.Intake{
		Family: care.Family{ChildName: name, BirthDate: birth, Sex: "male", Intensity: care.Regular},
		Episode: care.Episode{ReferralDate: a.today(), SurpriseQuestion: "unknown", Status: "accepted",
			Reason: "Aangemeld door de kinderarts"},
		Kind: "kct",
	})
	if err != nil {
		a.t.Fatalf("create family %s: %v", name, err)
	}
	return id
}

// dutchMonths are the month abbreviations of the Dutch pages.
var dutchMonths = [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}

// dutchDate writes a date as the Dutch pages show it: "2 mrt 2026".
func dutchDate(d time.Time) string {
	return fmt.Sprintf("%d %s %d", d.Day(), dutchMonths[d.Month()-1], d.Year())
}

// isoDate is a date as an <input type=date> holds it.
func isoDate(d time.Time) string { return d.Format(time.DateOnly) }

// setDate puts a date (YYYY-MM-DD) into the date field sel. Typing into a
// date field depends on the browser's locale (dd-mm-jjjj in Dutch), so the
// value is set as the date picker would, with its input and change events.
func (tb *tab) setDate(sel, iso string) {
	tb.t.Helper()
	tb.step("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
	q, _ := json.Marshal(sel)
	v, _ := json.Marshal(iso)
	got := eval[string](tb, fmt.Sprintf(`(el => {
		el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		el.dispatchEvent(new Event("change", {bubbles: true}));
		return el.value;
	})(document.querySelector(%s))`, v, q))
	if got != iso {
		tb.fail("date field %s holds %q after setting %q", sel, got, iso)
	}
}

// choose clicks a radio button or checkbox (it must not lead to a new page).
func (tb *tab) choose(sel string) {
	tb.t.Helper()
	tb.step("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	if !tb.checked(sel) {
		tb.fail("%s is not checked after clicking it", sel)
	}
}

// checked reports whether the radio button or checkbox sel is checked.
func (tb *tab) checked(sel string) bool {
	tb.t.Helper()
	q, _ := json.Marshal(sel)
	return eval[bool](tb, fmt.Sprintf(`(el => !!el && el.checked)(document.querySelector(%s))`, q))
}

// radio is the selector of the radio button with value in the group name.
func radio(name, value string) string {
	return fmt.Sprintf(`input[type="radio"][name=%q][value=%q]`, name, value)
}

// openDetails opens the <details> whose summary is sel, unless it is open.
func (tb *tab) openDetails(sel string) {
	tb.t.Helper()
	q, _ := json.Marshal(sel)
	if eval[bool](tb, fmt.Sprintf(`document.querySelector(%s).parentElement.open`, q)) {
		return
	}
	tb.step("open "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// submitForm clicks the submit button of the care form on the page.
func (tb *tab) submitForm() *network.Response {
	tb.t.Helper()
	return tb.click(`form.care-form button[type="submit"]`)
}

// familyID reads the family's id from a URL like /families/12.
func (tb *tab) familyID() int64 {
	tb.t.Helper()
	p := tb.url().Path
	id, err := strconv.ParseInt(strings.TrimPrefix(p, "/families/"), 10, 64)
	if err != nil || !strings.HasPrefix(p, "/families/") {
		tb.fail("not on a family page: %q", p)
	}
	return id
}

// wantFieldError fails the test unless the field name shows msg as its
// error, next to the field (in the same .field box) and linked to it with
// aria-describedby and aria-invalid.
func (tb *tab) wantFieldError(name, msg string) {
	tb.t.Helper()
	tb.wantText("#"+name+"-error", msg)
	q, _ := json.Marshal(name)
	type link struct{ Beside, Described, Invalid bool }
	l := eval[link](tb, fmt.Sprintf(`(name => {
		const err = document.getElementById(name + "-error"), el = document.getElementById(name);
		return {
			Beside: !!err.closest(".field") && err.closest(".field").contains(el),
			Described: (el.getAttribute("aria-describedby") || "").split(" ").includes(name + "-error"),
			Invalid: el.getAttribute("aria-invalid") === "true",
		};
	})(%s)`, q))
	if !l.Beside || !l.Described || !l.Invalid {
		tb.fail("error of %s: next to the field %v, in aria-describedby %v, aria-invalid %v; want all true",
			name, l.Beside, l.Described, l.Invalid)
	}
}

// networkRow returns the cells of the network table's row for name.
func (tb *tab) networkRow(name string) []string {
	tb.t.Helper()
	q, _ := json.Marshal(name)
	cells := eval[[]string](tb, fmt.Sprintf(`(name => {
		for (const tr of document.querySelectorAll("#network-table tbody tr")) {
			const s = tr.cells[0].querySelector("strong");
			if (s && s.innerText.trim() === name) return Array.from(tr.cells, td => td.innerText.trim());
		}
		return [];
	})(%s)`, q))
	if len(cells) == 0 {
		tb.fail("no row for %s in the network table", name)
	}
	return cells
}

// texts returns the visible text of every element sel, in order.
func (tb *tab) texts(sel string) []string {
	tb.t.Helper()
	q, _ := json.Marshal(sel)
	return eval[[]string](tb, fmt.Sprintf(`Array.from(document.querySelectorAll(%s), el => el.innerText.trim())`, q))
}

// emulate switches the tab to the viewport vp, keeping its session.
func (tb *tab) emulate(vp viewport) {
	tb.t.Helper()
	emu := []chromedp.EmulateViewportOption{chromedp.EmulateLandscape}
	if vp.mobile {
		emu = []chromedp.EmulateViewportOption{chromedp.EmulatePortrait,
			chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)}
	}
	tb.step(fmt.Sprintf("emulate a %dx%d viewport", vp.width, vp.height),
		chromedp.EmulateViewport(int64(vp.width), int64(vp.height), emu...))
	tb.vp = vp
}

// interactions counts what a user does on a form: each field typed into,
// each choice clicked and each link or button that leads to a page.
type interactions struct {
	tb *tab
	n  int
}

func (in *interactions) fill(sel, value string) {
	in.tb.t.Helper()
	in.tb.fill(sel, value)
	in.n++
}

func (in *interactions) choose(sel string) {
	in.tb.t.Helper()
	in.tb.choose(sel)
	in.n++
}

func (in *interactions) click(sel string) *network.Response {
	in.tb.t.Helper()
	in.n++
	return in.tb.click(sel)
}
