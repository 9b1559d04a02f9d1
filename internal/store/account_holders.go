package store

import (
	"context"
	"database/sql"

	"github.com/spil-zorg/spil/internal/care"
)

// AccountHolder returns who holds the account with id.
func (s *Store) AccountHolder(ctx context.Context, id int64) (*care.AccountHolder, error) {
	return scanAccountHolder(s.rq.QueryRowContext(ctx, `SELECT id, email, role, disabled_at FROM accounts
		WHERE id = $1 /* Store.AccountHolder */`, id))
}

// AccountHolderByEmail returns who holds the account with the (lower-case)
// e-mail address.
func (s *Store) AccountHolderByEmail(ctx context.Context, email string) (*care.AccountHolder, error) {
	return scanAccountHolder(s.rq.QueryRowContext(ctx, `SELECT id, email, role, disabled_at FROM accounts
		WHERE email = $1 /* Store.AccountHolderByEmail */`, email))
}

func scanAccountHolder(row *sql.Row) (*care.AccountHolder, error) {
	var h care.AccountHolder
	var disabled sql.NullTime
	if err := row.Scan(&h.ID, &h.Email, &h.Role, &disabled); err != nil {
		return nil, notFound(err, "account")
	}
	h.Active = !disabled.Valid
	return &h, nil
}
