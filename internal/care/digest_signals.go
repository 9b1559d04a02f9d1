package care

import (
	"context"
	"time"
)

// engineCounter counts a case manager's signals for the digest with the
// signal engine, over the same grouped read as the dashboard. The digest
// job records the read (ClaimDigests); the counter adds no record.
type engineCounter struct {
	store Store
	now   func() time.Time
}

// CountSignals counts the open signals of the families in the account's
// caseload on today's (Dutch) date: held today, not snoozed and not
// dismissed. Overdue are those whose due date (the first day the signal
// held) is before today; new are those whose due date is on or after
// since's day (for the daily digest: yesterday or today). A signal that
// became due yesterday is both. The case manager's own signal (their
// intervision) is not a family's and is not counted.
func (c engineCounter) CountSignals(ctx context.Context, accountID int64, since time.Time) (newCount, overdue int, err error) {
	now := c.now()
	today, from := DateOf(now), DateOf(since)
	var signals []Signal
	err = c.store.Read(ctx, func(st Store) error {
		var err error
		signals, _, err = scopeSignals(ctx, st, 0, SignalScope{AccountID: accountID}, now)
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	for _, sg := range signals {
		if sg.Ack != nil {
			continue
		}
		if sg.Due.Before(today) {
			overdue++
		}
		if !sg.Due.Before(from) {
			newCount++
		}
	}
	return newCount, overdue, nil
}

// SetSignalCounter gives the digest other counts of signals than the
// engine's.
func (s *Service) SetSignalCounter(c SignalCounter) { s.counter = c }

func (s *Service) signalCounter() SignalCounter {
	if s.counter != nil {
		return s.counter
	}
	return engineCounter{store: s.store, now: s.now}
}
