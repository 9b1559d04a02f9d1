package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

// AtomicAccounts runs fn with the Store bound to one write transaction, as
// Atomic does for the care service: an administrator's change to an
// account, its link and its audit record commit together.
func (s *Store) AtomicAccounts(ctx context.Context, fn func(auth.Store) error) error {
	return s.Atomic(ctx, func(st care.Store) error { return fn(st.(*Store)) })
}

const accountLinkColumns = `id, account_id, kind, token_hash, created_by, created_at, expires_at, used_at`

// CreateAccountLink stores l and sets its ID; the account's unused links
// expire at l's creation, so only the newest one works.
func (s *Store) CreateAccountLink(ctx context.Context, l *auth.AccountLink) error {
	return s.inWriteTx(ctx, func(q queryer) error {
		if _, err := q.ExecContext(ctx, `UPDATE account_links SET expires_at = $1
			WHERE account_id = $2 AND used_at IS NULL AND expires_at > $1 /* Store.CreateAccountLink */`, l.CreatedAt.UTC(), l.AccountID); err != nil {
			return err
		}
		return q.QueryRowContext(ctx, `/* Store.CreateAccountLink */ INSERT INTO account_links
			(account_id, kind, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			l.AccountID, string(l.Kind), l.TokenHash, l.CreatedBy, l.CreatedAt.UTC(), l.ExpiresAt.UTC()).Scan(&l.ID)
	})
}

// AccountLinkByTokenHash returns the link with the token hash.
func (s *Store) AccountLinkByTokenHash(ctx context.Context, hash string) (*auth.AccountLink, error) {
	var l auth.AccountLink
	var used sql.NullTime
	err := s.rq.QueryRowContext(ctx, `SELECT `+accountLinkColumns+` FROM account_links WHERE token_hash = $1 /* Store.AccountLinkByTokenHash */`, hash).
		Scan(&l.ID, &l.AccountID, &l.Kind, &l.TokenHash, &l.CreatedBy, &l.CreatedAt, &l.ExpiresAt, &used)
	if err != nil {
		return nil, notFound(err, "account link")
	}
	l.CreatedAt, l.ExpiresAt, l.UsedAt = l.CreatedAt.UTC(), l.ExpiresAt.UTC(), fromNull(used)
	return &l, nil
}

// UseAccountLink marks an unused, unexpired link used; a used or expired
// one is a care.Conflict. One UPDATE makes it single-use.
func (s *Store) UseAccountLink(ctx context.Context, id int64, at time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE account_links SET used_at = $1
		WHERE id = $2 AND used_at IS NULL AND expires_at > $1 /* Store.UseAccountLink */`, at.UTC(), id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return care.Errorf(care.Conflict, "account link used")
	}
	return nil
}

// ServerSecret returns the secret called name, storing candidate first
// when there is none: of instances starting at once, the first insert
// wins and all read the same value.
func (s *Store) ServerSecret(ctx context.Context, name, candidate string) (string, error) {
	var value string
	err := s.inWriteTx(ctx, func(q queryer) error {
		if _, err := q.ExecContext(ctx, `INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO NOTHING /* Store.ServerSecret */`, name, candidate, s.now().UTC()); err != nil {
			return err
		}
		return q.QueryRowContext(ctx, `SELECT value FROM server_secrets WHERE name = $1 /* Store.ServerSecret */`, name).Scan(&value)
	})
	return value, err
}
