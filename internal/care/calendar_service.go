package care

import (
	"context"
	"crypto/rand"
	"errors"
	"time"
)

// ObjectCalendarFeed is the audit object of an account's calendar feed:
// making it (C), revoking it (D) and every fetch of it (R), with the
// account as the object's id.
const ObjectCalendarFeed = "calendar_feed"

// Calendar feed errors. An unknown, revoked or tampered token, and the
// token of a disabled account, all get the same answer.
var (
	ErrCalendarFeedUnknown   = Errorf(NotFound, "calendar.unknown")
	ErrCalendarFeedThrottled = Errorf(TooMany, "calendar.throttled")
)

// FeedLimiter counts the fetches of calendar feeds, per token and per
// client address; internal/auth provides it with the login throttle's
// counters.
type FeedLimiter interface {
	// AllowFeedFetch counts one fetch of the feed with token from addr,
	// and returns an error of kind TooMany while either was used too often.
	AllowFeedFetch(ctx context.Context, token, addr string) error
}

// SetFeedLimiter gives the service the rate limit of calendar feed
// fetches; without one every fetch fails.
func (s *Service) SetFeedLimiter(l FeedLimiter) { s.feeds = l }

// CalendarFeedSince returns when the actor's calendar feed was made, zero
// when the account has none. It reads the account's own settings only.
func (s *Service) CalendarFeedSince(ctx context.Context, actor Actor) (time.Time, error) {
	if !MayHaveCalendarFeed(actor.Role) {
		return time.Time{}, nil
	}
	var f *CalendarFeed
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		f, err = st.CalendarFeedOf(ctx, actor.AccountID)
		return err
	})
	switch {
	case ErrorCode(err) == NotFound:
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, err
	}
	return f.CreatedAt, nil
}

// CreateCalendarFeed makes the actor's calendar feed, replacing the one it
// had, and returns its token: shown once, kept only as a hash. The feed
// and its audit record are one transaction.
func (s *Service) CreateCalendarFeed(ctx context.Context, actor Actor) (string, error) {
	if !MayHaveCalendarFeed(actor.Role) {
		if err := s.record(ctx, actor, ObjectCalendarFeed, ActionCreate, Decision{}, OutcomeDenied); err != nil {
			return "", err
		}
		return "", errNotFound
	}
	b := make([]byte, 32) // 256 bits
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := tokenEncoding.EncodeToString(b)
	err := s.store.Atomic(ctx, func(st Store) error {
		f := &CalendarFeed{AccountID: actor.AccountID, TokenHash: HashCalendarToken(token), CreatedAt: s.now().UTC().Truncate(time.Microsecond)}
		if err := st.SaveCalendarFeed(ctx, f); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, ObjectCalendarFeed, actor.AccountID, ActionCreate, Decision{Allowed: true}, OutcomeSuccess))
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// RevokeCalendarFeed ends the actor's calendar feed: its address stops
// working at once. An account without a feed gets ErrCalendarFeedUnknown,
// recorded as failed.
func (s *Service) RevokeCalendarFeed(ctx context.Context, actor Actor) error {
	if !MayHaveCalendarFeed(actor.Role) {
		if err := s.record(ctx, actor, ObjectCalendarFeed, ActionDelete, Decision{}, OutcomeDenied); err != nil {
			return err
		}
		return errNotFound
	}
	err := s.store.Atomic(ctx, func(st Store) error {
		if err := st.DeleteCalendarFeed(ctx, actor.AccountID); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, ObjectCalendarFeed, actor.AccountID, ActionDelete, Decision{Allowed: true}, OutcomeSuccess))
	})
	if err == nil {
		return nil
	}
	if ErrorCode(err) == NotFound {
		err = ErrCalendarFeedUnknown
	}
	if aerr := s.store.AppendAudit(ctx, s.event(actor, 0, ObjectCalendarFeed, actor.AccountID, ActionDelete, Decision{Allowed: true}, OutcomeFailed)); aerr != nil {
		return errors.Join(err, aerr)
	}
	return err
}

// CalendarFeed answers one fetch of a calendar feed from addr: the token
// is the only credential. Every fetch is counted (FeedLimiter) and leaves
// one audit record, with the token's account as the actor when the token
// names one: success, or denied for an unknown or revoked token, a
// disabled account, or too many fetches. Unknown, revoked and disabled
// all answer ErrCalendarFeedUnknown, so the answer does not tell which.
//
// The events are the planned contacts of a case manager's caseload and,
// the account's meetings.
func (s *Service) CalendarFeed(ctx context.Context, token, addr string) (*CalendarPage, error) {
	if s.feeds == nil {
		return nil, Errorf(Internal, "care: no rate limit for calendar feeds")
	}
	actor := Actor{AccessPoint: addr}
	var holder *AccountHolder
	if token != "" && len(token) <= 100 {
		err := s.store.Read(ctx, func(st Store) error {
			f, err := st.CalendarFeedByTokenHash(ctx, HashCalendarToken(token))
			if ErrorCode(err) == NotFound {
				return nil
			}
			if err != nil {
				return err
			}
			holder, err = st.AccountHolder(ctx, f.AccountID)
			return err
		})
		if err != nil {
			return nil, err
		}
		if holder != nil {
			actor.AccountID, actor.Role = holder.ID, holder.Role
		}
	}
	refuse := func(answer error) (*CalendarPage, error) {
		if err := s.store.AppendAudit(ctx, s.event(actor, 0, ObjectCalendarFeed, actor.AccountID, ActionRead, Decision{}, OutcomeDenied)); err != nil {
			return nil, errors.Join(answer, err)
		}
		return nil, answer
	}
	if err := s.feeds.AllowFeedFetch(ctx, token, addr); ErrorCode(err) == TooMany {
		return refuse(ErrCalendarFeedThrottled)
	} else if err != nil {
		return nil, err
	}
	if holder == nil || !holder.Active || !MayHaveCalendarFeed(holder.Role) {
		return refuse(ErrCalendarFeedUnknown)
	}
	now := s.now().UTC()
	from, to := now.Add(-CalendarPast), now.Add(CalendarFuture)
	page := &CalendarPage{AccountID: holder.ID, Role: holder.Role}
	err := s.store.Read(ctx, func(st Store) error {
		var contacts []PlannedContact
		if holder.Role == RoleCaseManager {
			all, err := st.PlannedContacts(ctx, holder.ID, DateOf(from))
			if err != nil {
				return err
			}
			for _, c := range all {
				if c.Date.Before(to) {
					contacts = append(contacts, c)
				}
			}
		}
		// The meetings the account organised or is invited to, with the
		// same consent check as its start page; not those it declined.
		ms, err := s.accountMeetings(ctx, st, holder.ID, from, to)
		if err != nil {
			return err
		}
		var meetings []CalendarMeeting
		for _, m := range ms {
			if !m.Declined {
				meetings = append(meetings, CalendarMeeting{ID: m.ID, FamilyID: m.FamilyID, Start: m.Start.UTC(),
					Duration: time.Duration(m.Minutes) * time.Minute, Purpose: m.Purpose})
			}
		}
		page.Events = CalendarEvents(holder.ID, contacts, meetings)
		return nil
	})
	outcome := OutcomeSuccess
	if err != nil {
		outcome = OutcomeFailed
	}
	// Only families the account relates to reach its feed.
	d := Decision{Allowed: true, Relationship: true}
	if aerr := s.store.AppendAudit(ctx, s.event(actor, 0, ObjectCalendarFeed, actor.AccountID, ActionRead, d, outcome)); aerr != nil {
		return nil, errors.Join(err, aerr)
	}
	if err != nil {
		return nil, err
	}
	return page, nil
}
