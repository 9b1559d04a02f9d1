package care_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// withFeeds gives the fixture's service the login throttle's counters as
// the feed's rate limit, with at most perToken fetches of one feed.
func withFeeds(t *testing.T, fx *fixture, perToken int) {
	t.Helper()
	a, err := auth.Open(context.Background(), fx.s, auth.Config{Params: auth.TestParams, Now: func() time.Time { return now }, MaxFeedFetches: perToken})
	if err != nil {
		t.Fatal(err)
	}
	fx.svc.SetFeedLimiter(a)
}

// feedEvent is the audit record of one act on a calendar feed.
func feedEvent(actor care.Actor, action care.Action, outcome string, d care.Decision) care.AuditEvent {
	return care.AuditEvent{At: now.Truncate(time.Microsecond), ActorID: actor.AccountID, ActorRole: actor.Role,
		ObjectType: care.ObjectCalendarFeed, ObjectID: actor.AccountID, Action: action, Outcome: outcome, AccessPoint: accessPoint,
		Authorised: d.Allowed, Relationship: d.Relationship}
}

var (
	allowed   = care.Decision{Allowed: true}
	caseload  = care.Decision{Allowed: true, Relationship: true}
	noAccount = care.Actor{AccessPoint: accessPoint}
)

// TestCalendarFeedLifecycle: a case manager makes a feed (audited), its
// fetch holds the next planned contact of their own families only, as a
// whole day, and is audited with them as the actor; making a new one ends
// the old address, revoking ends the new one, and each refused fetch is
// on record as denied, without an account.
func TestCalendarFeedLifecycle(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			fx := setup(t, db)
			withFeeds(t, fx, 0)
			ctx := context.Background()
			in := intake("Mila Peters", date(2018, 2, 3))
			in.Family.NextContact = date(2026, 6, 20)
			mila := mustCreate(t, fx, fx.cm, in)
			in = intake("Noor Visser", date(2016, 1, 1))
			in.Family.NextContact = date(2026, 6, 18)
			mustCreate(t, fx, fx.cm2, in) // cm2's family: never in cm's feed

			if since, err := fx.svc.CalendarFeedSince(ctx, fx.cm); err != nil || !since.IsZero() {
				t.Errorf("CalendarFeedSince before any = %v, %v", since, err)
			}
			last := lastAuditID(t, fx.s)
			token, err := fx.svc.CreateCalendarFeed(ctx, fx.cm)
			if err != nil {
				t.Fatal(err)
			}
			if len(token) != 52 {
				t.Errorf("token %q: %d characters, want 52 (256 bits in base32)", token, len(token))
			}
			oneAudit(t, fx.s, last, feedEvent(fx.cm, care.ActionCreate, care.OutcomeSuccess, allowed))
			if f, err := fx.s.CalendarFeedOf(ctx, fx.cm.AccountID); err != nil || f.TokenHash == token || f.TokenHash != care.HashCalendarToken(token) {
				t.Errorf("stored feed %+v, %v: want only the token's hash", f, err)
			}
			if since, err := fx.svc.CalendarFeedSince(ctx, fx.cm); err != nil || !since.Equal(now.Truncate(time.Microsecond)) {
				t.Errorf("CalendarFeedSince = %v, %v", since, err)
			}

			last = lastAuditID(t, fx.s)
			page, err := fx.svc.CalendarFeed(ctx, token, accessPoint)
			if err != nil {
				t.Fatal(err)
			}
			want := []care.CalendarEvent{{UID: uidOf(mila, fx.cm), Kind: care.EventContact, FamilyID: mila, Start: date(2026, 6, 20), AllDay: true}}
			if diff := cmp.Diff(want, page.Events); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			oneAudit(t, fx.s, last, feedEvent(fx.cm, care.ActionRead, care.OutcomeSuccess, caseload))

			again, err := fx.svc.CreateCalendarFeed(ctx, fx.cm)
			if err != nil || again == token {
				t.Fatalf("a new feed: %q, %v", again, err)
			}
			for _, c := range []struct{ name, token string }{{"the replaced token", token}, {"a made-up token", "AAAA"}, {"no token", ""}} {
				last = lastAuditID(t, fx.s)
				if _, err := fx.svc.CalendarFeed(ctx, c.token, accessPoint); !errors.Is(err, care.ErrCalendarFeedUnknown) {
					t.Errorf("%s: %v, want unknown", c.name, err)
				}
				ev := feedEvent(noAccount, care.ActionRead, care.OutcomeDenied, care.Decision{})
				oneAudit(t, fx.s, last, ev)
			}

			last = lastAuditID(t, fx.s)
			if err := fx.svc.RevokeCalendarFeed(ctx, fx.cm); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, feedEvent(fx.cm, care.ActionDelete, care.OutcomeSuccess, allowed))
			if _, err := fx.svc.CalendarFeed(ctx, again, accessPoint); !errors.Is(err, care.ErrCalendarFeedUnknown) {
				t.Errorf("the revoked token: %v, want unknown", err)
			}
			last = lastAuditID(t, fx.s)
			if err := fx.svc.RevokeCalendarFeed(ctx, fx.cm); !errors.Is(err, care.ErrCalendarFeedUnknown) {
				t.Errorf("revoking twice: %v, want unknown", err)
			}
			oneAudit(t, fx.s, last, feedEvent(fx.cm, care.ActionDelete, care.OutcomeFailed, allowed))
			verifyIntact(t, fx.s)
		})
	}
}

func uidOf(familyID int64, a care.Actor) string {
	return care.CalendarEvents(a.AccountID, []care.PlannedContact{{FamilyID: familyID, Date: date(2026, 1, 1)}}, nil)[0].UID
}

// TestCalendarFeedDisabledAccount: the feed of a disabled account answers
// as an unknown one, and the refusal is recorded against the account.
func TestCalendarFeedDisabledAccount(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			fx := setup(t, db)
			withFeeds(t, fx, 0)
			ctx := context.Background()
			token, err := fx.svc.CreateCalendarFeed(ctx, fx.cm)
			if err != nil {
				t.Fatal(err)
			}
			if err := fx.s.DisableAccount(ctx, fx.cm.AccountID, now); err != nil {
				t.Fatal(err)
			}
			last := lastAuditID(t, fx.s)
			if page, err := fx.svc.CalendarFeed(ctx, token, accessPoint); !errors.Is(err, care.ErrCalendarFeedUnknown) || page != nil {
				t.Errorf("a disabled account's feed: %+v, %v; want unknown", page, err)
			}
			oneAudit(t, fx.s, last, feedEvent(fx.cm, care.ActionRead, care.OutcomeDenied, care.Decision{}))
		})
	}
}

// TestCalendarFeedRoles: administrators and coordinators have no feed to
// make or revoke (refused, on record); providers and families may, and
// without meetings their feed is empty.
func TestCalendarFeedRoles(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			fx := setup(t, db)
			withFeeds(t, fx, 0)
			ctx := context.Background()
			for _, r := range []care.Role{care.RoleAdmin, care.RoleCoordinator} {
				last := lastAuditID(t, fx.s)
				if _, err := fx.svc.CreateCalendarFeed(ctx, fx.roles[r]); care.ErrorCode(err) != care.NotFound {
					t.Errorf("%s makes a feed: %v, want NotFound", r, err)
				}
				ev := feedEvent(fx.roles[r], care.ActionCreate, care.OutcomeDenied, care.Decision{})
				ev.ObjectID = 0
				oneAudit(t, fx.s, last, ev)
				if err := fx.svc.RevokeCalendarFeed(ctx, fx.roles[r]); care.ErrorCode(err) != care.NotFound {
					t.Errorf("%s revokes a feed: %v, want NotFound", r, err)
				}
			}
			for _, r := range []care.Role{care.RoleProvider, care.RoleFamily} {
				token, err := fx.svc.CreateCalendarFeed(ctx, fx.roles[r])
				if err != nil {
					t.Fatalf("%s: %v", r, err)
				}
				page, err := fx.svc.CalendarFeed(ctx, token, accessPoint)
				if err != nil || len(page.Events) != 0 || page.Role != r {
					t.Errorf("%s's feed: %+v, %v; want it empty", r, page, err)
				}
			}
		})
	}
}

// TestCalendarFeedThrottled: past the limit of fetches of one token, a
// fetch is refused as TooMany and recorded as denied; without a limit set
// the service fetches nothing at all.
func TestCalendarFeedThrottled(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			fx := setup(t, db)
			ctx := context.Background()
			if _, err := fx.svc.CalendarFeed(ctx, "X", accessPoint); care.ErrorCode(err) != care.Internal {
				t.Errorf("without a rate limit: %v, want Internal", err)
			}
			withFeeds(t, fx, 2)
			token, err := fx.svc.CreateCalendarFeed(ctx, fx.cm)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 2 {
				if _, err := fx.svc.CalendarFeed(ctx, token, accessPoint); err != nil {
					t.Fatalf("fetch %d: %v", i+1, err)
				}
			}
			last := lastAuditID(t, fx.s)
			if _, err := fx.svc.CalendarFeed(ctx, token, accessPoint); care.ErrorCode(err) != care.TooMany {
				t.Errorf("third fetch: %v, want TooMany", err)
			}
			oneAudit(t, fx.s, last, feedEvent(fx.cm, care.ActionRead, care.OutcomeDenied, care.Decision{}))
			// Another account's feed from the same address still works.
			other, err := fx.svc.CreateCalendarFeed(ctx, fx.cm2)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := fx.svc.CalendarFeed(ctx, other, accessPoint); err != nil {
				t.Errorf("another feed: %v", err)
			}
		})
	}
}

// TestCalendarFeedMeetings: the GP's feed holds the meeting they are
// invited to, timed in UTC, as "MDO" without words; once the consent is
// withdrawn, or for a meeting the parent declined, the feed leaves it out.
func TestCalendarFeedMeetings(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newMeetingWorld(t, db)
			a, err := auth.Open(ctx, w.s, auth.Config{Params: auth.TestParams, Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			w.svc.SetFeedLimiter(a)
			start := time.Date(2026, 6, 17, 12, 30, 0, 0, time.FixedZone("CEST", 2*3600))
			m := w.handoff(start)
			if err := w.svc.OrganiseMeeting(ctx, w.cm, m, true); err != nil {
				t.Fatal(err)
			}
			feed := func(actor care.Actor) []care.CalendarEvent {
				t.Helper()
				token, err := w.svc.CreateCalendarFeed(ctx, actor)
				if err != nil {
					t.Fatal(err)
				}
				page, err := w.svc.CalendarFeed(ctx, token, accessPoint)
				if err != nil {
					t.Fatal(err)
				}
				return page.Events
			}
			want := []care.CalendarEvent{{UID: "meeting-" + strconv.FormatInt(m.ID, 10), Kind: care.EventMeeting, FamilyID: w.fam,
				Start: start.UTC(), Duration: time.Hour, Purpose: care.PurposeWarmHandoff}}
			got := feed(w.gp)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the GP's events (-want +got):\n%s", diff)
			}
			if len(got) == 1 && got[0].Start.Location() != time.UTC {
				t.Errorf("meeting start in %v, want UTC", got[0].Start.Location())
			}
			if diff := cmp.Diff(want, feed(w.parent)); diff != "" {
				t.Errorf("the parent's events (-want +got):\n%s", diff)
			}
			if err := w.svc.DeclineMeeting(ctx, w.parent, w.fam, m.ID, true); err != nil {
				t.Fatal(err)
			}
			if got := feed(w.parent); len(got) != 0 {
				t.Errorf("a declined meeting in the parent's feed: %+v", got)
			}
			if err := w.s.AddConsent(ctx, &care.ConsentRecord{FamilyID: w.fam, NetworkMemberID: w.gpMember,
				GivenBy: care.Person{AccountID: w.cm.AccountID}, GiverKind: care.GiverParent, Granted: false, Scope: care.ScopeFile, At: now.Add(-time.Minute)}); err != nil {
				t.Fatal(err)
			}
			if got := feed(w.gp); len(got) != 0 {
				t.Errorf("the GP's feed after consent was withdrawn: %+v", got)
			}
		})
	}
}

// TestCalendarEventsOrder: by start, all-day contacts at the start of
// their day, and stable UIDs per family and account.
func TestCalendarEventsOrder(t *testing.T) {
	got := care.CalendarEvents(5,
		[]care.PlannedContact{{FamilyID: 2, Date: date(2026, 7, 2)}, {FamilyID: 1, Date: date(2026, 7, 1)}},
		[]care.CalendarMeeting{{ID: 9, FamilyID: 1, Start: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC), Duration: time.Hour}})
	var uids []string
	for _, e := range got {
		uids = append(uids, e.UID)
	}
	if want := []string{"next-contact-1-5", "meeting-9", "next-contact-2-5"}; !cmp.Equal(want, uids) {
		t.Errorf("order %v, want %v", uids, want)
	}
}
