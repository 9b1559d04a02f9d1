package auth

import (
	"context"

	"github.com/spil-zorg/spil/internal/care"
)

// Calendar feed fetches are counted with the login throttle's counters,
// under keys of their own: the keyed hash of "calendar-token:" and the
// token, or of "calendar-address:" and the client address, so they never
// add to a login's count, and the table holds neither tokens nor
// addresses.
const (
	feedTokenKey   = "calendar-token"
	feedAddressKey = "calendar-address"
)

// AllowFeedFetch counts one fetch of the calendar feed with token from
// addr. It returns ErrFeedThrottled while the token was fetched more than
// MaxFeedFetches times, or the address fetched more than
// MaxFeedAddressFetches feeds, within ThrottleWindow. A refused fetch is
// not counted, so a flood does not lengthen its own lock-out.
func (s *Service) AllowFeedFetch(ctx context.Context, token, addr string) error {
	since := s.now().Add(-s.cfg.ThrottleWindow)
	type counter struct {
		scope, key string
		max        int
	}
	var counters []counter
	key, err := s.throttleKey(feedTokenKey, token)
	if err != nil {
		return err
	}
	counters = append(counters, counter{ScopeAccount, key, s.cfg.MaxFeedFetches})
	if addr != "" {
		if key, err = s.throttleKey(feedAddressKey, addr); err != nil {
			return err
		}
		counters = append(counters, counter{ScopeAddress, key, s.cfg.MaxFeedAddressFetches})
	}
	for _, c := range counters {
		n, err := s.store.CountLoginFailures(ctx, c.scope, c.key, since)
		if err != nil {
			return err
		}
		if n >= c.max {
			return ErrFeedThrottled
		}
	}
	at := s.now()
	for _, c := range counters {
		if err := s.store.RecordLoginFailure(ctx, c.scope, c.key, at); err != nil {
			return err
		}
	}
	return nil
}

// ErrFeedThrottled is returned while a calendar feed or an address is
// fetching too often.
var ErrFeedThrottled = care.Errorf(care.TooMany, "calendar.throttled")
