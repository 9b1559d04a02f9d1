package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/spil-zorg/spil/internal/care"
)

// DigestSettingsOf returns the account's digest settings; the defaults
// when it chose none.
func (s *Store) DigestSettingsOf(ctx context.Context, accountID int64) (care.DigestSettings, error) {
	d := care.DigestSettings{AccountID: accountID}
	err := s.rq.QueryRowContext(ctx, `SELECT enabled, hour FROM digest_settings WHERE account_id = $1 /* Store.DigestSettingsOf */`,
		accountID).Scan(&d.Enabled, &d.Hour)
	if errors.Is(err, sql.ErrNoRows) {
		return care.DefaultDigestSettings(accountID), nil
	}
	return d, err
}

// SaveDigestSettings stores the account's choice; the day last claimed
// stays, so changing the hour never sends a second digest that day.
func (s *Store) SaveDigestSettings(ctx context.Context, d care.DigestSettings) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO digest_settings (account_id, enabled, hour) VALUES ($1, $2, $3)
		ON CONFLICT (account_id) DO UPDATE SET enabled = excluded.enabled, hour = excluded.hour
		/* Store.SaveDigestSettings */`, d.AccountID, d.Enabled, d.Hour)
	return err
}

// DigestsDue lists the active case managers whose digest is on, at hour,
// and not yet claimed for day; accounts without settings count as on at
// the default hour.
func (s *Store) DigestsDue(ctx context.Context, hour, day int) ([]care.DigestRecipient, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT a.id, a.email, a.locale FROM accounts a
		LEFT JOIN digest_settings d ON d.account_id = a.id
		WHERE a.role = 'casemanager' AND a.disabled_at IS NULL
			AND COALESCE(d.enabled, TRUE) AND COALESCE(d.hour, $1) = $2 AND COALESCE(d.last_sent_day, 0) < $3
		ORDER BY a.id /* Store.DigestsDue */`, care.DefaultDigestHour, hour, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.DigestRecipient
	for rows.Next() {
		var r care.DigestRecipient
		if err := rows.Scan(&r.AccountID, &r.Email, &r.Locale); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ClaimDigest marks day's digest of the account as sent, in one
// conditional upsert: true for the one caller that moved last_sent_day to
// day, false for every other.
func (s *Store) ClaimDigest(ctx context.Context, accountID int64, day int) (bool, error) {
	res, err := s.q.ExecContext(ctx, `INSERT INTO digest_settings (account_id, enabled, hour, last_sent_day) VALUES ($1, TRUE, $2, $3)
		ON CONFLICT (account_id) DO UPDATE SET last_sent_day = excluded.last_sent_day
		WHERE digest_settings.last_sent_day < excluded.last_sent_day /* Store.ClaimDigest */`,
		accountID, care.DefaultDigestHour, day)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
