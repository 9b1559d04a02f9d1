package care

import (
	"context"
	"errors"
	"time"
)

// DigestInput is a change of the digest settings as typed: whether it is
// on, and the hour as text.
type DigestInput struct {
	Enabled bool
	Hour    string
}

// DigestSettings returns the actor's digest settings; NotFound for roles
// without a digest. It reads the account's own settings only.
func (s *Service) DigestSettings(ctx context.Context, actor Actor) (DigestSettings, error) {
	if !MayHaveDigest(actor.Role) {
		return DigestSettings{}, errNotFound
	}
	var d DigestSettings
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		d, err = st.DigestSettingsOf(ctx, actor.AccountID)
		return err
	})
	return d, err
}

// SaveDigestSettings sets the actor's digest on or off and its hour. A bad
// hour is a FieldErrors on "hour", with the settings as they were; the
// change and its audit record are one transaction.
func (s *Service) SaveDigestSettings(ctx context.Context, actor Actor, in DigestInput) (DigestSettings, error) {
	if !MayHaveDigest(actor.Role) {
		if err := s.record(ctx, actor, ObjectDigestSettings, ActionUpdate, Decision{}, OutcomeDenied); err != nil {
			return DigestSettings{}, err
		}
		return DigestSettings{}, errNotFound
	}
	hour, ok := ParseDigestHour(in.Hour)
	if !ok {
		return DigestSettings{}, FieldErrors{"hour": "account.digest.hour_invalid"}
	}
	d := DigestSettings{AccountID: actor.AccountID, Enabled: in.Enabled, Hour: hour}
	err := s.store.Atomic(ctx, func(st Store) error {
		if err := st.SaveDigestSettings(ctx, d); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, ObjectDigestSettings, actor.AccountID, ActionUpdate, Decision{Allowed: true}, OutcomeSuccess))
	})
	if err != nil {
		return DigestSettings{}, err
	}
	return d, nil
}

// ClaimDigests is the digest job's one call at now: for every case
// manager whose digest hour (Dutch time) is now and whose digest of today
// is not yet claimed, it claims today's digest and records the read in
// the audit trail (one record per account, with the account as the actor
// and DigestAccessPoint) in one transaction, then counts their signals.
// It returns the digests to mail: those it claimed with at least one
// signal. A digest claimed by another instance is left out, so a day's
// digest is mailed at most once.
func (s *Service) ClaimDigests(ctx context.Context, now time.Time) ([]Digest, error) {
	day, hour := DigestDay(now), now.In(Amsterdam).Hour()
	var due []DigestRecipient
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		due, err = st.DigestsDue(ctx, hour, day)
		return err
	})
	if err != nil {
		return nil, err
	}
	counter := s.signalCounter()
	var out []Digest
	var errs []error
	for _, r := range due {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		actor := Actor{AccountID: r.AccountID, Role: RoleCaseManager, AccessPoint: DigestAccessPoint}
		claimed := false
		err := s.store.Atomic(ctx, func(st Store) error {
			var err error
			if claimed, err = st.ClaimDigest(ctx, r.AccountID, day); err != nil || !claimed {
				return err
			}
			return st.AppendAudit(ctx, s.event(actor, 0, ObjectDigest, r.AccountID, ActionRead, Decision{Allowed: true, Relationship: true}, OutcomeSuccess))
		})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !claimed {
			continue
		}
		// Claimed first: a failure from here on loses this day's digest
		// rather than risk sending it twice.
		newCount, overdue, err := counter.CountSignals(ctx, r.AccountID, now.Add(-24*time.Hour))
		if err != nil {
			errs = append(errs, err)
			if aerr := s.store.AppendAudit(ctx, s.event(actor, 0, ObjectDigest, r.AccountID, ActionRead, Decision{Allowed: true, Relationship: true}, OutcomeFailed)); aerr != nil {
				errs = append(errs, aerr)
			}
			continue
		}
		if newCount+overdue > 0 {
			out = append(out, Digest{DigestRecipient: r, New: newCount, Overdue: overdue})
		}
	}
	return out, errors.Join(errs...)
}
