package store

import (
	"context"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// SaveCalendarFeed makes f the account's feed: one row per account, so a
// new token replaces the old one in the same statement.
func (s *Store) SaveCalendarFeed(ctx context.Context, f *care.CalendarFeed) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO calendar_feeds (account_id, token_hash, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at
		/* Store.SaveCalendarFeed */`, f.AccountID, f.TokenHash, f.CreatedAt.UTC())
	return err
}

// DeleteCalendarFeed ends the account's feed; NotFound when it has none.
func (s *Store) DeleteCalendarFeed(ctx context.Context, accountID int64) error {
	res, err := s.q.ExecContext(ctx, `DELETE FROM calendar_feeds WHERE account_id = $1 /* Store.DeleteCalendarFeed */`, accountID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return care.Errorf(care.NotFound, "calendar feed not found")
	}
	return nil
}

// CalendarFeedOf returns the account's feed.
func (s *Store) CalendarFeedOf(ctx context.Context, accountID int64) (*care.CalendarFeed, error) {
	var f care.CalendarFeed
	err := s.rq.QueryRowContext(ctx, `SELECT account_id, token_hash, created_at FROM calendar_feeds
		WHERE account_id = $1 /* Store.CalendarFeedOf */`, accountID).Scan(&f.AccountID, &f.TokenHash, &f.CreatedAt)
	if err != nil {
		return nil, notFound(err, "calendar feed")
	}
	f.CreatedAt = f.CreatedAt.UTC()
	return &f, nil
}

// CalendarFeedByTokenHash returns the feed with the token hash.
func (s *Store) CalendarFeedByTokenHash(ctx context.Context, hash string) (*care.CalendarFeed, error) {
	var f care.CalendarFeed
	err := s.rq.QueryRowContext(ctx, `SELECT account_id, token_hash, created_at FROM calendar_feeds
		WHERE token_hash = $1 /* Store.CalendarFeedByTokenHash */`, hash).Scan(&f.AccountID, &f.TokenHash, &f.CreatedAt)
	if err != nil {
		return nil, notFound(err, "calendar feed")
	}
	f.CreatedAt = f.CreatedAt.UTC()
	return &f, nil
}

// PlannedContacts lists the next contact planned with each family in the
// case manager's caseload, on or after from, by date.
func (s *Store) PlannedContacts(ctx context.Context, accountID int64, from time.Time) ([]care.PlannedContact, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT f.id, f.next_contact FROM families f
		WHERE `+s.dialect.inCaseload("f.id", "$1")+`
			AND f.next_contact IS NOT NULL AND f.next_contact >= $2
		ORDER BY f.next_contact, f.id /* Store.PlannedContacts */`, accountID, care.DateOf(from))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.PlannedContact
	for rows.Next() {
		var c care.PlannedContact
		if err := rows.Scan(&c.FamilyID, &c.Date); err != nil {
			return nil, err
		}
		c.Date = c.Date.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}
