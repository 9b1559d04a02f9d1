package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// fetchFeed fetches a calendar feed as a calendar app does: no cookies,
// no session.
func fetchFeed(t *testing.T, link string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// TestCalendarFeedFromAccountPage: a case manager makes the calendar link
// on the account page and sees it once; a calendar app fetches it without
// a session and gets the planned contact as a whole-day "Contact" with a
// link to the family page, and not the child's name; the fetch is
// audited with the case manager as actor. After revoking, the same
// address answers 404.
func TestCalendarFeedFromAccountPage(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		cm, acc := a.CaseManager("agenda@example.org")
		actor := care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: a.Org, AccessPoint: "test"}
		next := care.DateOf(a.Clock.Now()).AddDate(0, 0, 9)
		const child = "Fenna Zwart"
		fam, err := a.Care.CreateFamily(ctx, actor, care.Intake{
			Family:  care.Family{ChildName: child, BirthDate: time.Date(2017, 5, 4, 0, 0, 0, 0, time.UTC), Sex: "female", Intensity: care.Regular, NextContact: next},
			Episode: care.Episode{ReferralDate: care.DateOf(a.Clock.Now()), SurpriseQuestion: "unknown", Status: "accepted"},
			Kind:    "kct",
		})
		if err != nil {
			t.Fatal(err)
		}

		p := cm.Get("/account")
		if p.ByID("calendar") == nil || p.ByID("calendar-create") == nil || p.ByID("calendar-url") != nil || p.ByID("calendar-revoke") != nil {
			t.Fatalf("account page without a fresh calendar block: %s", p.Within("calendar"))
		}
		if !strings.Contains(p.Within("calendar-privacy"), "nooit namen") {
			t.Errorf("the page does not say the link shows no names: %q", p.Within("calendar-privacy"))
		}
		made := cm.Post("/account/calendar", url.Values{})
		link := made.Value("calendar-url")
		if made.StatusCode != http.StatusOK || !strings.HasPrefix(link, a.URL+"/ical/") || !strings.HasSuffix(link, ".ics") {
			t.Fatalf("making the link: %d, link %q", made.StatusCode, link)
		}
		// Shown once: the page drawn again has no link, only since when.
		again := cm.Get("/account")
		if again.ByID("calendar-url") != nil || again.ByID("calendar-since") == nil || again.ByID("calendar-revoke") == nil {
			t.Errorf("the page drawn again: %s", again.Within("calendar"))
		}
		if strings.Contains(again.HTML, strings.TrimSuffix(strings.TrimPrefix(link, a.URL+"/ical/"), ".ics")) {
			t.Error("the token is on the page drawn again")
		}

		resp, body := fetchFeed(t, link)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("fetch: %d", resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") || !strings.Contains(cc, "private") {
			t.Errorf("Cache-Control %q, want private and no-store", cc)
		}
		if strings.Contains(body, "Fenna") || strings.Contains(body, "Zwart") {
			t.Errorf("the feed names the child:\n%s", body)
		}
		cal, err := ics.ParseCalendar(strings.NewReader(body))
		if err != nil {
			t.Fatalf("parse: %v\n%s", err, body)
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%d events, want 1:\n%s", len(events), body)
		}
		ev := events[0]
		start, err := ev.GetAllDayStartAt()
		if err != nil || start.Format(time.DateOnly) != next.Format(time.DateOnly) {
			t.Errorf("start %v, %v; want the whole day %s", start, err, next.Format(time.DateOnly))
		}
		famURL := a.URL + "/families/" + strconv.FormatInt(fam, 10)
		if s := ev.GetProperty(ics.ComponentPropertySummary); s == nil || s.Value != "Contact" {
			t.Errorf("summary %+v, want Contact", s)
		}
		if u := ev.GetProperty(ics.ComponentPropertyUrl); u == nil || u.Value != famURL {
			t.Errorf("URL %+v, want %s", u, famURL)
		}
		if ev.GetProperty(ics.ComponentPropertyDtstamp) == nil || ev.Id() == "" {
			t.Errorf("event without DTSTAMP or UID:\n%s", body)
		}
		// The UID stays when the feed is fetched again.
		_, body2 := fetchFeed(t, link)
		cal2, err := ics.ParseCalendar(strings.NewReader(body2))
		if err != nil || len(cal2.Events()) != 1 || cal2.Events()[0].Id() != ev.Id() {
			t.Errorf("second fetch: UID changed or parse failed: %v", err)
		}
		es, err := a.Store.AuditEvents(ctx, 0, 100000)
		if err != nil {
			t.Fatal(err)
		}
		last := es[len(es)-1]
		if last.ObjectType != care.ObjectCalendarFeed || last.ActorID != acc.ID || last.Action != care.ActionRead ||
			last.Outcome != care.OutcomeSuccess || last.AccessPoint != "127.0.0.1" {
			t.Errorf("the fetch's audit record: %+v", last)
		}

		revoked := cm.Post("/account/calendar/revoke", url.Values{})
		if revoked.StatusCode != http.StatusSeeOther || revoked.Header.Get("Location") != "/account?saved=calendar#calendar" {
			t.Fatalf("revoke: %d to %q", revoked.StatusCode, revoked.Header.Get("Location"))
		}
		if p := cm.Get("/account?saved=calendar"); p.ByID("calendar-revoked") == nil || p.ByID("calendar-revoke") != nil {
			t.Errorf("after revoking: %s", p.Within("calendar"))
		}
		if resp, _ := fetchFeed(t, link); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the revoked link: %d, want 404", resp.StatusCode)
		}
		// Revoking again (a second click) lands on the same page.
		if again := cm.Post("/account/calendar/revoke", url.Values{}); again.StatusCode != http.StatusSeeOther {
			t.Errorf("revoking twice: %d", again.StatusCode)
		}
	})
}

// TestCalendarFeedRefusals: paths that are no token, unknown tokens, and
// too many fetches of one feed; each refusal is a 404 or a 429 with
// Retry-After, and on record.
func TestCalendarFeedRefusals(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		for _, path := range []string{"/ical/x", "/ical/.ics", "/ical/" + strings.Repeat("A", 52), "/ical/" + strings.Repeat("A", 52) + ".ics",
			"/ical/" + strings.Repeat("a", 52) + ".ics", "/ical/%2e%2e.ics"} {
			before, _ := a.Store.AuditEvents(ctx, 0, 100000)
			if resp, _ := fetchFeed(t, a.URL+path); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, resp.StatusCode)
			}
			after, _ := a.Store.AuditEvents(ctx, 0, 100000)
			if len(after) != len(before)+1 || after[len(after)-1].Outcome != care.OutcomeDenied || after[len(after)-1].ActorID != 0 {
				t.Errorf("%s: %d new records, last %+v; want one denied", path, len(after)-len(before), after[len(after)-1])
			}
		}

		parent, secret := a.Account("ouder@example.org", care.RoleFamily, true)
		pc := a.Client()
		pc.Login(parent.Email, secret)
		made := pc.Post("/account/calendar", url.Values{})
		link := made.Value("calendar-url")
		if link == "" || !strings.Contains(made.Within("calendar-made"), "je agenda") {
			t.Fatalf("a parent makes a link: %q, %q", link, made.Within("calendar-made"))
		}
		limit := a.Auth.Config().MaxFeedFetches
		for i := range limit {
			if resp, _ := fetchFeed(t, link); resp.StatusCode != http.StatusOK {
				t.Fatalf("fetch %d: %d", i+1, resp.StatusCode)
			}
		}
		resp, _ := fetchFeed(t, link)
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Errorf("fetch %d: %d, Retry-After %q; want 429 with Retry-After", limit+1, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		// The window passes: the feed works again.
		a.Clock.Add(a.Auth.Config().ThrottleWindow + time.Minute)
		if resp, _ := fetchFeed(t, link); resp.StatusCode != http.StatusOK {
			t.Errorf("after the window: %d", resp.StatusCode)
		}
	})
}
