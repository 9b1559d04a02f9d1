package store

import (
	"context"
	"time"
)

// TakeLease takes or renews the lease on the job name for holder until
// until, when it is free, expired at now, or already holder's; it reports
// whether holder has the lease. One conditional upsert, so two instances
// racing for it cannot both win: the loser's update finds the winner's
// row and leaves it.
func (s *Store) TakeLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error) {
	res, err := s.q.ExecContext(ctx, `INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
		WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= $4 /* Store.TakeLease */`,
		name, holder, until.UTC(), now.UTC())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReleaseLease gives up holder's lease on the job name, so another
// instance can take it at once; a lease holder no longer has is left.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM job_leases WHERE name = $1 AND holder = $2 /* Store.ReleaseLease */`, name, holder)
	return err
}
