package care

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"time"
)

// CalendarFeed is an account's private calendar feed: an address with a
// random token that a calendar app subscribes to. Only the hash of the
// token is kept; the token itself is shown once, when the feed is made.
type CalendarFeed struct {
	AccountID int64
	TokenHash string
	CreatedAt time.Time
}

// PlannedContact is the next contact a case manager planned with a family
// (families.next_contact): a date, without a time.
type PlannedContact struct {
	FamilyID int64
	Date     time.Time
}

// CalendarMeeting is a meeting an account takes part in, as the feed
// shows it: when, how long, and what kind — never who or why in words.
type CalendarMeeting struct {
	ID       int64
	FamilyID int64
	Start    time.Time // UTC
	Duration time.Duration
	Purpose  string // a code, such as "warm_handoff"; never free text
}

// CalendarStore keeps the calendar feeds and reads what they show.
type CalendarStore interface {
	// SaveCalendarFeed makes f the account's feed, replacing the one it
	// had: the old token stops working in the same write.
	SaveCalendarFeed(ctx context.Context, f *CalendarFeed) error
	// DeleteCalendarFeed ends the account's feed; NotFound when it has none.
	DeleteCalendarFeed(ctx context.Context, accountID int64) error
	// CalendarFeedOf returns the account's feed; NotFound when it has none.
	CalendarFeedOf(ctx context.Context, accountID int64) (*CalendarFeed, error)
	// CalendarFeedByTokenHash returns the feed with the token hash;
	// NotFound when there is none.
	CalendarFeedByTokenHash(ctx context.Context, hash string) (*CalendarFeed, error)
	// PlannedContacts lists the next contact planned with each family the
	// case manager is assigned to, on or after from, by date.
	PlannedContacts(ctx context.Context, accountID int64, from time.Time) ([]PlannedContact, error)
}

// CalendarEventKind says what a feed's event is; the feed's title for it
// is a fixed word ("Contact", "MDO"), never a name.
type CalendarEventKind string

// The kinds of events in a calendar feed.
const (
	EventContact CalendarEventKind = "contact"
	EventMeeting CalendarEventKind = "meeting"
)

// CalendarEvent is one event of a feed: no names, no diagnoses, no free
// text; the surface adds a fixed title and a link into Spil.
type CalendarEvent struct {
	// UID stays the same for the same contact or meeting across fetches,
	// so a calendar updates the event when its date moves.
	UID      string
	Kind     CalendarEventKind
	FamilyID int64
	// Start is the day at 00:00 UTC for an all-day event, else the moment
	// in UTC.
	Start    time.Time
	AllDay   bool
	Duration time.Duration // zero for an all-day event
	Purpose  string        // a meeting's purpose code
}

// CalendarPage is what a feed's fetch returns: the account it belongs to
// and its events, sorted by start.
type CalendarPage struct {
	AccountID int64
	Role      Role
	Events    []CalendarEvent
}

// CalendarWindow is how far back and ahead the feed reaches: a month of
// the past, so a contact just had stays visible, and a year ahead.
const (
	CalendarPast   = 31 * 24 * time.Hour
	CalendarFuture = 366 * 24 * time.Hour
)

// MayHaveCalendarFeed reports whether an account of role has anything a
// calendar would show: case managers, providers and families do;
// administrators and regional coordinators have no appointments in Spil.
func MayHaveCalendarFeed(role Role) bool {
	switch role {
	case RoleCaseManager, RoleProvider, RoleFamily:
		return true
	}
	return false
}

// HashCalendarToken returns the stored form of a calendar feed's token.
func HashCalendarToken(token string) string {
	sum := sha256.Sum256([]byte("spil-calendar-feed:" + token))
	return hex.EncodeToString(sum[:])
}

// CalendarEvents puts an account's planned contacts and meetings into
// events, sorted by start (then UID, so the order is stable).
func CalendarEvents(accountID int64, contacts []PlannedContact, meetings []CalendarMeeting) []CalendarEvent {
	out := make([]CalendarEvent, 0, len(contacts)+len(meetings))
	for _, c := range contacts {
		// A stored date is its day at 00:00 UTC: keep the day as it is.
		y, mo, d := c.Date.UTC().Date()
		out = append(out, CalendarEvent{
			// One planned contact per family and case manager: the same
			// UID when the date is moved.
			UID:  fmt.Sprintf("next-contact-%d-%d", c.FamilyID, accountID),
			Kind: EventContact, FamilyID: c.FamilyID, Start: time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), AllDay: true,
		})
	}
	for _, m := range meetings {
		out = append(out, CalendarEvent{
			UID:  fmt.Sprintf("meeting-%d", m.ID),
			Kind: EventMeeting, FamilyID: m.FamilyID, Start: m.Start.UTC(), Duration: m.Duration, Purpose: m.Purpose,
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].UID < out[j].UID
	})
	return out
}
