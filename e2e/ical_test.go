//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// fetchCalendar fetches a calendar feed as a calendar app does: a plain
// GET with no cookie.
func fetchCalendar(t *testing.T, link string) (int, string) {
	t.Helper()
	resp, err := http.Get(link)
	if err != nil {
		t.Fatalf("fetch the feed: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read the feed: %v", err)
	}
	return resp.StatusCode, string(b)
}

// TestCalendarFeedSubscribeAndRevoke: on a phone, a case manager makes
// the calendar link on the account page and copies it; their calendar
// app fetches it and finds the planned contact with a family as a
// whole-day "Contact" linking to the family page, without the child's
// name. The case manager revokes the link on the page, and the calendar
// app's next fetch is refused.
func TestCalendarFeedSubscribeAndRevoke(t *testing.T) {
	a := newApp(t, site.Config{})
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	const child = "Daan Hoekstra"
	next := a.today().AddDate(0, 0, 12)
	fam, err := a.careService().CreateFamily(context.Background(), a.actor(cm), care.Intake{
		Family:  care.Family{ChildName: child, BirthDate: a.today().AddDate(-9, 0, 0), Sex: "male", Intensity: care.Regular, NextContact: next},
		Episode: care.Episode{ReferralDate: a.today(), SurpriseQuestion: "unknown", Status: "accepted"},
		Kind:    "kct",
	})
	if err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, phone)
	tb := b.newTab(a)
	tb.login(cm)
	tb.open("/account")
	tb.wantText("#calendar h2", "Agenda-koppeling")
	tb.wantTextContains("#calendar-privacy", "nooit namen")
	tb.click("#calendar-create")
	link := tb.value("#calendar-url")
	if !strings.HasPrefix(link, a.URL+"/ical/") || !strings.HasSuffix(link, ".ics") {
		t.Fatalf("calendar link %q", link)
	}
	tb.screenshot("calendar-link-made")

	// The calendar app's side.
	status, body := fetchCalendar(t, link)
	if status != http.StatusOK {
		t.Fatalf("the calendar app's fetch: %d", status)
	}
	if strings.Contains(body, "Daan") || strings.Contains(body, "Hoekstra") {
		t.Errorf("the feed names the child:\n%s", body)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse the feed: %v\n%s", err, body)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want the one planned contact:\n%s", len(events), body)
	}
	ev := events[0]
	start, err := ev.GetAllDayStartAt()
	if err != nil || start.Format(time.DateOnly) != next.Format(time.DateOnly) {
		t.Errorf("the contact is on %v (%v), want the whole day %s", start, err, next.Format(time.DateOnly))
	}
	if s := ev.GetProperty(ics.ComponentPropertySummary); s == nil || s.Value != "Contact" {
		t.Errorf("title %+v, want Contact", s)
	}
	if u := ev.GetProperty(ics.ComponentPropertyUrl); u == nil || u.Value != fmt.Sprintf("%s/families/%d", a.URL, fam) {
		t.Errorf("link %+v, want the family page", u)
	}

	// Shown once: back on the account page the link is gone; revoke it.
	tb.open("/account")
	if n := tb.count("#calendar-url"); n != 0 {
		t.Errorf("the link is shown again")
	}
	tb.click("#calendar-revoke")
	tb.wantPath("/account")
	tb.wantTextContains("#calendar-revoked", "ingetrokken")
	if n := tb.count("#calendar-revoke"); n != 0 {
		t.Errorf("a revoke button without a link")
	}
	if status, _ := fetchCalendar(t, link); status != http.StatusNotFound {
		t.Errorf("the revoked link: %d, want 404", status)
	}
}
