package auth

import (
	"context"

	"github.com/spil-zorg/spil/internal/care"
)

// ObjectAccountReachability is the audit object of a case manager's change
// to their own reachability (U).
const ObjectAccountReachability = "account_reachability"

// ReachabilityStore keeps how a case manager is reached at work.
type ReachabilityStore interface {
	// AccountReachability returns it; NotFound when there is no account.
	AccountReachability(ctx context.Context, accountID int64) (care.Reachability, error)
	SetAccountReachability(ctx context.Context, accountID int64, r care.Reachability) error
}

// ErrNoReachability refuses reachability to an account that is not a case
// manager's: only they are called by families and providers.
var ErrNoReachability = care.Errorf(care.NotFound, "page not found")

// Reachability returns how the case manager a is reached at work.
func (s *Service) Reachability(ctx context.Context, a *Account) (care.Reachability, error) {
	if a.Role != care.RoleCaseManager {
		return care.Reachability{}, ErrNoReachability
	}
	return s.store.AccountReachability(ctx, a.ID)
}

// SetReachability sets how the case manager a is reached at work, as they
// typed it: a bad phone number or an over-long text returns
// care.FieldErrors and changes nothing. The change and its audit record
// are one transaction. It returns what was stored.
func (s *Service) SetReachability(ctx context.Context, a *Account, phone, hours, standIn, addr string) (care.Reachability, error) {
	if a.Role != care.RoleCaseManager {
		return care.Reachability{}, ErrNoReachability
	}
	r, fe := care.ParseReachability(phone, hours, standIn)
	if fe != nil {
		return r, fe
	}
	holder := care.Actor{AccountID: a.ID, Role: a.Role, AccessPoint: addr}
	err := s.store.AtomicAccounts(ctx, func(st Store) error {
		if err := st.SetAccountReachability(ctx, a.ID, r); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.accountEvent(holder, ObjectAccountReachability, a.ID, care.ActionUpdate, true, care.OutcomeSuccess))
	})
	return r, err
}
