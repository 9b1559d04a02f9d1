package auth

import (
	"context"
	"errors"

	"github.com/spil-zorg/spil/internal/care"
)

// ChangePassword changes a's own password to next after checking current.
// The check counts like a login: it is refused while the account or
// address is locked out (ErrThrottled), a wrong password counts towards
// the same limits, and the right one clears the account's count. Each
// check is recorded in the audit trail (object ObjectAccountPassword); a
// change and its record are one transaction. Every other session of the
// account ends; keepSession (a token hash) stays. A wrong current
// password or a new one against the policy returns care.FieldErrors
// ("current", "new").
func (s *Service) ChangePassword(ctx context.Context, a *Account, current, next, addr, keepSession string) error {
	holder := care.Actor{AccountID: a.ID, Role: a.Role, AccessPoint: addr}
	refused := func(err error) error {
		e := s.accountEvent(holder, ObjectAccountPassword, a.ID, care.ActionUpdate, false, care.OutcomeFailed)
		if aerr := s.store.AppendAudit(ctx, e); aerr != nil {
			return errors.Join(err, aerr)
		}
		return err
	}
	if err := s.throttled(ctx, a.Email, addr); err != nil {
		if care.ErrorCode(err) == care.TooMany {
			return refused(err)
		}
		return err
	}
	if len(current) > 4*MaxPasswordLen {
		current = current[:4*MaxPasswordLen] // never hash megabytes; still count the attempt
	}
	ok, err := s.verify(ctx, current, a.PasswordHash)
	if err != nil {
		return err
	}
	policy := CheckPasswordPolicy(next)
	if !ok {
		if err := s.fail(ctx, a.Email, addr); err != nil {
			return err
		}
		fe := care.FieldErrors{"current": "account.current_wrong"}
		if policy != nil {
			fe["new"] = care.ErrorMessage(policy)
		}
		return refused(fe)
	}
	if err := s.LoginComplete(ctx, a); err != nil {
		return err
	}
	if policy != nil {
		return care.FieldErrors{"new": care.ErrorMessage(policy)}
	}
	hash, err := s.Hash(next)
	if err != nil {
		return err
	}
	return s.store.AtomicAccounts(ctx, func(st Store) error {
		if err := st.SetAccountPassword(ctx, a.ID, hash, keepSession); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.accountEvent(holder, ObjectAccountPassword, a.ID, care.ActionUpdate, true, care.OutcomeSuccess))
	})
}
