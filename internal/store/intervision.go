package store

import (
	"context"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// AddIntervisionSession stores a session of the account's own record and
// sets its ID.
func (s *Store) AddIntervisionSession(ctx context.Context, x *care.IntervisionSession) error {
	return s.q.QueryRowContext(ctx, `INSERT INTO intervision_sessions (account_id, held_on, kind, direction, minutes, topic, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id /* Store.AddIntervisionSession */`,
		x.AccountID, x.HeldOn.UTC(), x.Kind, x.Direction, x.Minutes, x.Topic, x.CreatedAt.UTC()).Scan(&x.ID)
}

// IntervisionSessions lists the account's sessions held on or after from,
// newest first.
func (s *Store) IntervisionSessions(ctx context.Context, accountID int64, from time.Time) ([]care.IntervisionSession, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT id, account_id, held_on, kind, direction, minutes, topic, created_at
		FROM intervision_sessions WHERE account_id = $1 AND held_on >= $2
		ORDER BY held_on DESC, id DESC /* Store.IntervisionSessions */`, accountID, care.DateOf(from))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.IntervisionSession
	for rows.Next() {
		var x care.IntervisionSession
		if err := rows.Scan(&x.ID, &x.AccountID, &x.HeldOn, &x.Kind, &x.Direction, &x.Minutes, &x.Topic, &x.CreatedAt); err != nil {
			return nil, err
		}
		x.HeldOn, x.CreatedAt = x.HeldOn.UTC(), x.CreatedAt.UTC()
		out = append(out, x)
	}
	return out, rows.Err()
}
