package care

import (
	"context"
	"errors"
	"time"
)

// Intervision returns the actor's own record of the last 12 months: the
// sessions, newest first, and the count of intervision sessions. Roles
// without a record get NotFound. Every read leaves one audit record.
func (s *Service) Intervision(ctx context.Context, actor Actor) (*IntervisionOverview, error) {
	since := IntervisionSince(s.now())
	var list []IntervisionSession
	err := s.intervisionRead(ctx, actor, func(st Store) error {
		var err error
		list, err = st.IntervisionSessions(ctx, actor.AccountID, since)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &IntervisionOverview{Since: since, Sessions: list, Intervisions: countIntervisions(list)}, nil
}

// IntervisionCount returns how many intervision sessions (given or
// received) the actor recorded, held on or after since's day: the count
// the signal "fewer than 6 in the last 12 months" is built on. Audited
// as a read of the actor's record.
func (s *Service) IntervisionCount(ctx context.Context, actor Actor, since time.Time) (int, error) {
	var list []IntervisionSession
	err := s.intervisionRead(ctx, actor, func(st Store) error {
		var err error
		list, err = st.IntervisionSessions(ctx, actor.AccountID, DateOf(since))
		return err
	})
	if err != nil {
		return 0, err
	}
	return countIntervisions(list), nil
}

func countIntervisions(list []IntervisionSession) int {
	n := 0
	for _, x := range list {
		if x.Kind == "intervision" {
			n++
		}
	}
	return n
}

// intervisionRead runs read for a role that keeps a record, and records
// the read: denied, failed or success.
func (s *Service) intervisionRead(ctx context.Context, actor Actor, read func(Store) error) error {
	if !MayRecordIntervision(actor.Role) {
		if err := s.record(ctx, actor, ObjectIntervision, ActionRead, Decision{}, OutcomeDenied); err != nil {
			return err
		}
		return errNotFound
	}
	err := s.store.Read(ctx, read)
	outcome := OutcomeSuccess
	if err != nil {
		outcome = OutcomeFailed
	}
	if aerr := s.store.AppendAudit(ctx, s.event(actor, 0, ObjectIntervision, actor.AccountID, ActionRead, Decision{Allowed: true}, outcome)); aerr != nil {
		return errors.Join(err, aerr)
	}
	return err
}

// AddIntervision records a session in the actor's own record. Bad input is
// a FieldErrors and nothing is written; the session and its audit record
// are one transaction.
func (s *Service) AddIntervision(ctx context.Context, actor Actor, x IntervisionSession) (*IntervisionSession, error) {
	if !MayRecordIntervision(actor.Role) {
		if err := s.record(ctx, actor, ObjectIntervision, ActionCreate, Decision{}, OutcomeDenied); err != nil {
			return nil, err
		}
		return nil, errNotFound
	}
	now := s.now()
	if err := x.Validate(now); err != nil {
		return nil, err
	}
	x.ID, x.AccountID, x.HeldOn, x.CreatedAt = 0, actor.AccountID, DateOf(x.HeldOn), now.UTC().Truncate(time.Microsecond)
	err := s.store.Atomic(ctx, func(st Store) error {
		if err := st.AddIntervisionSession(ctx, &x); err != nil {
			return err
		}
		if err := s.keepAnswer(ctx, st, actor, x.ID); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, ObjectIntervision, actor.AccountID, ActionCreate, Decision{Allowed: true}, OutcomeSuccess))
	})
	if err != nil {
		return nil, err
	}
	return &x, nil
}
