package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// testCalendarFeeds: one feed per account, found by its token's hash; a
// new token replaces the old one, revoking deletes it, and a second
// revoke is NotFound.
func testCalendarFeeds(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, fmt.Sprintf("cm@org%d.example.org", org)).ID
	b := newAccount(t, s, org, fmt.Sprintf("ouder@org%d.example.org", org)).ID
	if _, err := s.CalendarFeedOf(ctx, a); care.ErrorCode(err) != care.NotFound {
		t.Errorf("CalendarFeedOf before any: %v, want NotFound", err)
	}
	first := &care.CalendarFeed{AccountID: a, TokenHash: care.HashCalendarToken("first"), CreatedAt: t0}
	if err := s.SaveCalendarFeed(ctx, first); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCalendarFeed(ctx, &care.CalendarFeed{AccountID: b, TokenHash: care.HashCalendarToken("other"), CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	got, err := s.CalendarFeedByTokenHash(ctx, first.TokenHash)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, got); diff != "" {
		t.Errorf("feed by hash (-want +got):\n%s", diff)
	}
	// A new token for the same account: the old one no longer works.
	second := &care.CalendarFeed{AccountID: a, TokenHash: care.HashCalendarToken("second"), CreatedAt: t0.Add(time.Hour)}
	if err := s.SaveCalendarFeed(ctx, second); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CalendarFeedByTokenHash(ctx, first.TokenHash); care.ErrorCode(err) != care.NotFound {
		t.Errorf("the replaced token: %v, want NotFound", err)
	}
	if got, err := s.CalendarFeedOf(ctx, a); err != nil || !cmp.Equal(second, got) {
		t.Errorf("CalendarFeedOf = %+v, %v; want %+v", got, err, second)
	}
	// Two accounts cannot share a token hash.
	if err := s.SaveCalendarFeed(ctx, &care.CalendarFeed{AccountID: b, TokenHash: second.TokenHash, CreatedAt: t0}); err == nil {
		t.Error("a second account took the same token hash")
	}
	if err := s.DeleteCalendarFeed(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CalendarFeedByTokenHash(ctx, second.TokenHash); care.ErrorCode(err) != care.NotFound {
		t.Errorf("a revoked token: %v, want NotFound", err)
	}
	if err := s.DeleteCalendarFeed(ctx, a); care.ErrorCode(err) != care.NotFound {
		t.Errorf("revoking twice: %v, want NotFound", err)
	}
	if _, err := s.CalendarFeedByTokenHash(ctx, care.HashCalendarToken("other")); err != nil {
		t.Errorf("revoking one account's feed touched another's: %v", err)
	}
}

// testPlannedContacts: the next contact of each family in the case
// manager's caseload from a day on, by date; not another case manager's
// families, not families without one, not those before the day.
func testPlannedContacts(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	cm := newAccount(t, s, org, fmt.Sprintf("cm@org%d.example.org", org)).ID
	other := newAccount(t, s, org, fmt.Sprintf("cm2@org%d.example.org", org)).ID
	day := func(d int) time.Time { return time.Date(2026, 6, d, 0, 0, 0, 0, time.UTC) }
	family := func(name string, next time.Time, by int64) int64 {
		t.Helper()
		f := &care.Family{OrganisationID: org, ChildName: name, BirthDate: day(1).AddDate(-8, 0, 0), Sex: "female",
			Intensity: care.Regular, NextContact: next}
		ep := &care.Episode{ReferralDate: day(1), SurpriseQuestion: "unknown", Status: "accepted"}
		if err := s.CreateFamilyFile(ctx, f, ep, "kct", by, t0); err != nil {
			t.Fatal(err)
		}
		return f.ID
	}
	later := family("Later", day(20), cm)
	sooner := family("Eerder", day(16), cm)
	family("Voorbij", day(10), cm)
	family("Geen", time.Time{}, cm)
	family("Ander", day(17), other)
	onTheDay := family("Vandaag", day(15), cm)
	got, err := s.PlannedContacts(ctx, cm, day(15))
	if err != nil {
		t.Fatal(err)
	}
	want := []care.PlannedContact{{FamilyID: onTheDay, Date: day(15)}, {FamilyID: sooner, Date: day(16)}, {FamilyID: later, Date: day(20)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("planned contacts (-want +got):\n%s", diff)
	}
}
