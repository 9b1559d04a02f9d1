package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// ClaimIdempotencyKey claims k.Key for the request k describes: a new key
// is inserted; a record that has expired, or a claim of the same request
// from before staleBefore that never kept an answer, is taken over. It
// returns nil when k holds the key, else the record that does. Both steps
// run in one transaction: on PostgreSQL the conflicting row stays locked
// from the insert to the read.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, k *care.IdempotencyKey, staleBefore time.Time) (*care.IdempotencyKey, error) {
	var held *care.IdempotencyKey
	err := s.Atomic(ctx, func(cs care.Store) error {
		st := cs.(*Store)
		held = nil
		res, err := st.q.ExecContext(ctx, `/* Store.ClaimIdempotencyKey */
			INSERT INTO idempotency_keys (account_id, client_key, request_hash, claim, claimed_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (account_id, client_key) DO UPDATE SET request_hash = excluded.request_hash,
				claim = excluded.claim, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at,
				status = NULL, location = '', body = ''
			WHERE idempotency_keys.expires_at <= excluded.claimed_at
				OR (idempotency_keys.status IS NULL AND idempotency_keys.claimed_at < $7
					AND idempotency_keys.request_hash = excluded.request_hash)`,
			k.AccountID, k.Key, k.RequestHash, k.Claim, k.ClaimedAt.UTC(), k.ExpiresAt.UTC(), staleBefore.UTC())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		held, err = st.IdempotencyKey(ctx, k.AccountID, k.Key)
		return err
	})
	return held, err
}

// KeepIdempotentAnswer stores the answer of the write holding the claim;
// call it inside the write's transaction.
func (s *Store) KeepIdempotentAnswer(ctx context.Context, accountID int64, key, claim string, a care.KeptAnswer) error {
	res, err := s.q.ExecContext(ctx, `UPDATE idempotency_keys SET status = $4, location = $5, body = $6
		WHERE account_id = $1 AND client_key = $2 AND claim = $3 AND status IS NULL /* Store.KeepIdempotentAnswer */`,
		accountID, key, claim, a.Status, a.Location, string(a.Body))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return care.Errorf(care.Conflict, "the claim on the idempotency key is not held")
	}
	return nil
}

// ReleaseIdempotencyKey deletes a claim that kept no answer; a kept answer
// stays, whoever asks.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, accountID int64, key, claim string) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM idempotency_keys
		WHERE account_id = $1 AND client_key = $2 AND claim = $3 AND status IS NULL /* Store.ReleaseIdempotencyKey */`,
		accountID, key, claim)
	return err
}

// IdempotencyKey reads the account's record of key.
func (s *Store) IdempotencyKey(ctx context.Context, accountID int64, key string) (*care.IdempotencyKey, error) {
	k := care.IdempotencyKey{AccountID: accountID, Key: key}
	var status sql.NullInt64
	var location, body string
	err := s.rq.QueryRowContext(ctx, `SELECT request_hash, claim, claimed_at, expires_at, status, location, body
		FROM idempotency_keys WHERE account_id = $1 AND client_key = $2 /* Store.IdempotencyKey */`, accountID, key).
		Scan(&k.RequestHash, &k.Claim, &k.ClaimedAt, &k.ExpiresAt, &status, &location, &body)
	if err != nil {
		return nil, notFound(err, "idempotency key")
	}
	k.ClaimedAt, k.ExpiresAt = k.ClaimedAt.UTC(), k.ExpiresAt.UTC()
	if status.Valid {
		k.Answer = &care.KeptAnswer{Status: int(status.Int64), Location: location, Body: []byte(body)}
	}
	return &k, nil
}

// DeleteIdempotencyKeys deletes the records that expired before t.
func (s *Store) DeleteIdempotencyKeys(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.q.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE expires_at < $1 /* Store.DeleteIdempotencyKeys */`, t.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
