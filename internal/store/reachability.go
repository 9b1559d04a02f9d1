package store

import (
	"context"

	"github.com/spil-zorg/spil/internal/care"
)

// AccountReachability returns how the account's holder is reached at work.
func (s *Store) AccountReachability(ctx context.Context, accountID int64) (care.Reachability, error) {
	var r care.Reachability
	err := s.rq.QueryRowContext(ctx, `SELECT work_phone, work_hours, stand_in FROM accounts
		WHERE id = $1 /* Store.AccountReachability */`, accountID).Scan(&r.WorkPhone, &r.Hours, &r.StandIn)
	return r, notFound(err, "account")
}

// SetAccountReachability replaces how the account's holder is reached at work.
func (s *Store) SetAccountReachability(ctx context.Context, accountID int64, r care.Reachability) error {
	res, err := s.q.ExecContext(ctx, `UPDATE accounts SET work_phone = $1, work_hours = $2, stand_in = $3
		WHERE id = $4 /* Store.SetAccountReachability */`, r.WorkPhone, r.Hours, r.StandIn, accountID)
	return affectedOne(res, err, "account")
}
