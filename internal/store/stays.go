package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

const stayColumns = `s.id, s.family_id, s.kind, s.unit, s.place, s.acute, s.note, s.start_on, s.end_on,
	s.created_by, a.name, s.created_at`

func scanStay(rows *sql.Rows) (care.Stay, error) {
	var s care.Stay
	var end sql.NullTime
	err := rows.Scan(&s.ID, &s.FamilyID, &s.Kind, &s.Unit, &s.Place, &s.Acute, &s.Note, &s.Start, &end,
		&s.CreatedBy.AccountID, &s.CreatedBy.Name, &s.CreatedAt)
	s.Start, s.End, s.CreatedAt = s.Start.UTC(), fromNull(end), s.CreatedAt.UTC()
	return s, err
}

// Stays lists the family's stays, the newest start first.
func (s *Store) Stays(ctx context.Context, familyID int64) ([]care.Stay, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT `+stayColumns+`
		FROM stays s JOIN accounts a ON a.id = s.created_by
		WHERE s.family_id = $1 ORDER BY s.start_on DESC, s.id DESC /* Store.Stays */`, familyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.Stay
	for rows.Next() {
		st, err := scanStay(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// CreateStay inserts a stay of the family.
func (s *Store) CreateStay(ctx context.Context, st *care.Stay) error {
	return s.q.QueryRowContext(ctx, `/* Store.CreateStay */ INSERT INTO stays (family_id, kind, unit, place, acute, note,
		start_on, end_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		st.FamilyID, st.Kind, st.Unit, st.Place, st.Acute, st.Note, st.Start.UTC(), nullDate(st.End),
		st.CreatedBy.AccountID, st.CreatedAt.UTC()).Scan(&st.ID)
}

// UpdateStay writes a stay of the family; NotFound when it has none with
// that id.
func (s *Store) UpdateStay(ctx context.Context, st *care.Stay) error {
	res, err := s.q.ExecContext(ctx, `/* Store.UpdateStay */ UPDATE stays SET kind = $3, unit = $4, place = $5, acute = $6,
		note = $7, start_on = $8, end_on = $9 WHERE id = $1 AND family_id = $2`,
		st.ID, st.FamilyID, st.Kind, st.Unit, st.Place, st.Acute, st.Note, st.Start.UTC(), nullDate(st.End))
	return oneRow(res, err, "stay")
}

// CaseloadStays reads, for each family in the account's caseload, the
// stay that covers day (from its start up to, not including, its end).
func (s *Store) CaseloadStays(ctx context.Context, accountID int64, day time.Time) (map[int64]care.Stay, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT `+stayColumns+`
		FROM stays s JOIN accounts a ON a.id = s.created_by
		WHERE `+s.dialect.inCaseload("s.family_id", "$1")+`
			AND s.start_on <= $2 AND (s.end_on IS NULL OR s.end_on > $2) /* Store.CaseloadStays */`, accountID, day.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]care.Stay{}
	for rows.Next() {
		st, err := scanStay(rows)
		if err != nil {
			return nil, err
		}
		out[st.FamilyID] = st
	}
	return out, rows.Err()
}
