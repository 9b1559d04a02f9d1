package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

var _ auth.Store = (*Store)(nil)

// CreateOrganisation creates an organisation and returns its id.
func (s *Store) CreateOrganisation(ctx context.Context, name string, at time.Time) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `/* Store.CreateOrganisation */
		INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id`, name, at.UTC()).Scan(&id)
	return id, storageError(err)
}

// OrganisationCount returns how many organisations exist; demo mode seeds an empty database only.
func (s *Store) OrganisationCount(ctx context.Context) (int, error) {
	var n int
	err := s.rq.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations /* Store.OrganisationCount */`).Scan(&n)
	return n, err
}

const accountColumns = `id, organisation_id, email, name, role, password_hash, totp_secret,
	totp_last_step, mfa_exempt, locale, disabled_at, created_at`

func scanAccount(row interface{ Scan(...any) error }) (*auth.Account, error) {
	var a auth.Account
	var disabled sql.NullTime
	err := row.Scan(&a.ID, &a.OrganisationID, &a.Email, &a.Name, &a.Role, &a.PasswordHash, &a.TOTPSecret,
		&a.TOTPLastStep, &a.MFAExempt, &a.Locale, &disabled, &a.CreatedAt)
	if err != nil {
		return nil, err
	}
	if disabled.Valid {
		a.DisabledAt = disabled.Time.UTC()
	}
	a.CreatedAt = a.CreatedAt.UTC()
	return &a, nil
}

// CreateAccount inserts a and sets its ID. A taken e-mail address is a care.Conflict.
func (s *Store) CreateAccount(ctx context.Context, a *auth.Account) error {
	err := s.q.QueryRowContext(ctx, `/* Store.CreateAccount */
		INSERT INTO accounts (organisation_id, email, name, role, password_hash, mfa_exempt, locale, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		a.OrganisationID, a.Email, a.Name, string(a.Role), a.PasswordHash, a.MFAExempt, a.Locale, a.CreatedAt.UTC()).Scan(&a.ID)
	if isUniqueViolation(err) {
		return care.Errorf(care.Conflict, "account.email_taken")
	}
	return storageError(err)
}

// CreateInvitedAccount makes the account of an accepted invitation, in the
// organisation of the case manager who invited. A taken e-mail address is a
// care.Conflict.
func (s *Store) CreateInvitedAccount(ctx context.Context, a *care.InvitedAccount) error {
	err := s.q.QueryRowContext(ctx, `/* Store.CreateInvitedAccount */
		INSERT INTO accounts (organisation_id, email, name, role, password_hash, mfa_exempt, locale, created_at)
		SELECT organisation_id, $1, $2, $3, $4, FALSE, '', $5 FROM accounts WHERE id = $6 RETURNING id`,
		a.Email, a.Name, string(a.Role), a.PasswordHash, a.CreatedAt.UTC(), a.InvitedBy).Scan(&a.ID)
	if isUniqueViolation(err) {
		return care.Errorf(care.Conflict, "account.email_taken")
	}
	return notFound(err, "inviting account")
}

// AccountByID returns the account with id.
func (s *Store) AccountByID(ctx context.Context, id int64) (*auth.Account, error) {
	a, err := scanAccount(s.rq.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = $1 /* Store.AccountByID */`, id))
	return a, notFound(err, "account")
}

// AccountByEmail returns the account with the (lower-case) e-mail address.
func (s *Store) AccountByEmail(ctx context.Context, email string) (*auth.Account, error) {
	a, err := scanAccount(s.rq.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE email = $1 /* Store.AccountByEmail */`, email))
	return a, notFound(err, "account")
}

// Accounts returns every account, ordered by name.
func (s *Store) Accounts(ctx context.Context) ([]*auth.Account, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY name, id /* Store.Accounts */`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []*auth.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

// exec runs a statement that must touch exactly one account.
func (s *Store) execAccount(ctx context.Context, q string, args ...any) error {
	res, err := s.q.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return care.Errorf(care.NotFound, "account not found")
	}
	return nil
}

// SetAccountPassword replaces the password hash and ends every session of
// the account except keepSession (a token hash, or "" to end them all).
func (s *Store) SetAccountPassword(ctx context.Context, id int64, hash, keepSession string) error {
	return s.inWriteTx(ctx, func(tx queryer) error {
		res, err := tx.ExecContext(ctx, `UPDATE accounts SET password_hash = $1 WHERE id = $2 /* Store.SetAccountPassword */`, hash, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return care.Errorf(care.NotFound, "account not found")
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2 /* Store.SetAccountPassword */`, id, keepSession)
		return err
	})
}

// SetAccountLocale sets the account's language ("" follows the browser).
func (s *Store) SetAccountLocale(ctx context.Context, id int64, locale string) error {
	return s.execAccount(ctx, `UPDATE accounts SET locale = $1 WHERE id = $2 /* Store.SetAccountLocale */`, locale, id)
}

// DisableAccount disables the account and ends all its sessions, in one transaction.
func (s *Store) DisableAccount(ctx context.Context, id int64, at time.Time) error {
	return s.inWriteTx(ctx, func(tx queryer) error {
		res, err := tx.ExecContext(ctx, `UPDATE accounts SET disabled_at = $1 WHERE id = $2 /* Store.DisableAccount */`, at.UTC(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return care.Errorf(care.NotFound, "account not found")
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = $1 /* Store.DisableAccount */`, id)
		return err
	})
}

// EnableAccount lifts a disable.
func (s *Store) EnableAccount(ctx context.Context, id int64) error {
	return s.execAccount(ctx, `UPDATE accounts SET disabled_at = NULL WHERE id = $1 /* Store.EnableAccount */`, id)
}

// SetAccountTOTP stores a confirmed TOTP secret and replaces the recovery codes.
func (s *Store) SetAccountTOTP(ctx context.Context, id int64, secret string, step int64, recoveryHashes []string) error {
	return s.inWriteTx(ctx, func(tx queryer) error {
		res, err := tx.ExecContext(ctx, `UPDATE accounts SET totp_secret = $1, totp_last_step = $2 WHERE id = $3 /* Store.SetAccountTOTP */`, secret, step, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return care.Errorf(care.NotFound, "account not found")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE account_id = $1`, id); err != nil {
			return err
		}
		for _, h := range recoveryHashes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)`, id, h); err != nil {
				return err
			}
		}
		return nil
	})
}

// ResetAccountMFA removes the second factor and ends all sessions, so the
// next login enrols anew.
func (s *Store) ResetAccountMFA(ctx context.Context, id int64) error {
	return s.inWriteTx(ctx, func(tx queryer) error {
		res, err := tx.ExecContext(ctx, `UPDATE accounts SET totp_secret = '', totp_last_step = 0 WHERE id = $1 /* Store.ResetAccountMFA */`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return care.Errorf(care.NotFound, "account not found")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE account_id = $1`, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = $1`, id)
		return err
	})
}

// UseTOTPStep records step as the last used one when it is newer; the
// compare-and-set in one UPDATE makes a code single-use even under races.
func (s *Store) UseTOTPStep(ctx context.Context, id int64, step int64) (bool, error) {
	res, err := s.q.ExecContext(ctx, `UPDATE accounts SET totp_last_step = $1
		WHERE id = $2 AND totp_last_step < $1 /* Store.UseTOTPStep */`, step, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UseRecoveryCode marks an unused recovery code used.
func (s *Store) UseRecoveryCode(ctx context.Context, id int64, hash string, at time.Time) (bool, error) {
	res, err := s.q.ExecContext(ctx, `UPDATE recovery_codes SET used_at = $1
		WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL /* Store.UseRecoveryCode */`, at.UTC(), id, hash)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UnusedRecoveryCodes counts the recovery codes still usable.
func (s *Store) UnusedRecoveryCodes(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.rq.QueryRowContext(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL /* Store.UnusedRecoveryCodes */`, id).Scan(&n)
	return n, err
}

const sessionColumns = `token_hash, account_id, mfa_done, pending_totp_secret, created_at, last_seen_at`

// CreateSession inserts a session.
func (s *Store) CreateSession(ctx context.Context, x *auth.Session) error {
	_, err := s.q.ExecContext(ctx, `/* Store.CreateSession */
		INSERT INTO sessions (`+sessionColumns+`) VALUES ($1, $2, $3, $4, $5, $6)`,
		x.TokenHash, x.AccountID, x.MFADone, x.PendingTOTPSecret, x.CreatedAt.UTC(), x.LastSeenAt.UTC())
	return err
}

// SessionWithAccount returns the session with the token hash and its
// account, in one query: every request with a cookie asks for both.
func (s *Store) SessionWithAccount(ctx context.Context, hash string) (*auth.Session, *auth.Account, error) {
	var x auth.Session
	row := s.rq.QueryRowContext(ctx, `SELECT s.token_hash, s.account_id, s.mfa_done, s.pending_totp_secret, s.created_at, s.last_seen_at,
			a.id, a.organisation_id, a.email, a.name, a.role, a.password_hash, a.totp_secret, a.totp_last_step, a.mfa_exempt,
			a.locale, a.disabled_at, a.created_at
		FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1 /* Store.SessionWithAccount */`, hash)
	a, err := scanAccount(prefixScanner{row, []any{&x.TokenHash, &x.AccountID, &x.MFADone, &x.PendingTOTPSecret, &x.CreatedAt, &x.LastSeenAt}})
	if err != nil {
		return nil, nil, notFound(err, "session")
	}
	x.CreatedAt, x.LastSeenAt = x.CreatedAt.UTC(), x.LastSeenAt.UTC()
	return &x, a, nil
}

// prefixScanner scans the first columns of a row into pre, the rest into
// what Scan is given.
type prefixScanner struct {
	row interface{ Scan(...any) error }
	pre []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.row.Scan(append(p.pre, dest...)...) }

// SessionByTokenHash returns the session with the token hash.
func (s *Store) SessionByTokenHash(ctx context.Context, hash string) (*auth.Session, error) {
	var x auth.Session
	err := s.rq.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE token_hash = $1 /* Store.SessionByTokenHash */`, hash).
		Scan(&x.TokenHash, &x.AccountID, &x.MFADone, &x.PendingTOTPSecret, &x.CreatedAt, &x.LastSeenAt)
	if err != nil {
		return nil, notFound(err, "session")
	}
	x.CreatedAt, x.LastSeenAt = x.CreatedAt.UTC(), x.LastSeenAt.UTC()
	return &x, nil
}

// TouchSession sets the last-seen time.
func (s *Store) TouchSession(ctx context.Context, hash string, at time.Time) error {
	_, err := s.q.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 /* Store.TouchSession */`, at.UTC(), hash)
	return err
}

// UpdateSession stores the session's MFA state and pending secret.
func (s *Store) UpdateSession(ctx context.Context, x *auth.Session) error {
	_, err := s.q.ExecContext(ctx, `UPDATE sessions SET mfa_done = $1, pending_totp_secret = $2
		WHERE token_hash = $3 /* Store.UpdateSession */`, x.MFADone, x.PendingTOTPSecret, x.TokenHash)
	return err
}

// DeleteSession deletes one session.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1 /* Store.DeleteSession */`, hash)
	return err
}

// DeleteSessions deletes expired sessions.
func (s *Store) DeleteSessions(ctx context.Context, idleBefore, createdBefore time.Time) (int64, error) {
	res, err := s.q.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2 /* Store.DeleteSessions */`,
		idleBefore.UTC(), createdBefore.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// RecordLoginFailure counts one failed attempt.
func (s *Store) RecordLoginFailure(ctx context.Context, scope, key string, at time.Time) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO login_failures (scope, key, at) VALUES ($1, $2, $3) /* Store.RecordLoginFailure */`, scope, key, at.UTC())
	return err
}

// CountLoginFailures counts failed attempts since a time.
func (s *Store) CountLoginFailures(ctx context.Context, scope, key string, since time.Time) (int, error) {
	var n int
	err := s.rq.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_failures
		WHERE scope = $1 AND key = $2 AND at >= $3 /* Store.CountLoginFailures */`, scope, key, since.UTC()).Scan(&n)
	return n, err
}

// ClearLoginFailures forgets the failures of one key after a success.
func (s *Store) ClearLoginFailures(ctx context.Context, scope, key string) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM login_failures WHERE scope = $1 AND key = $2 /* Store.ClearLoginFailures */`, scope, key)
	return err
}

// DeleteLoginFailures deletes failures older than before.
func (s *Store) DeleteLoginFailures(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.q.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1 /* Store.DeleteLoginFailures */`, before.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// FirstOrganisation returns the id of the oldest organisation.
func (s *Store) FirstOrganisation(ctx context.Context) (int64, error) {
	var id int64
	err := s.rq.QueryRowContext(ctx, `SELECT id FROM organisations ORDER BY id LIMIT 1 /* Store.FirstOrganisation */`).Scan(&id)
	return id, notFound(err, "organisation")
}
