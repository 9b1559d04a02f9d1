package store

import (
	"context"
	"database/sql"

	"github.com/spil-zorg/spil/internal/care"
)

const familyInsert = `INSERT INTO families (organisation_id, child_name, birth_date, sex, diagnosis, icd10,
	intensity, summary, deceased, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`

func familyArgs(f *care.Family) []any {
	return []any{f.OrganisationID, f.ChildName, f.BirthDate.UTC(), f.Sex, f.Diagnosis, f.ICD10,
		string(f.Intensity), f.Summary, f.Deceased, f.CreatedAt.UTC()}
}

// CreateFamily inserts f and sets its ID.
func (s *Store) CreateFamily(ctx context.Context, f *care.Family) error {
	return s.q.QueryRowContext(ctx, "/* Store.CreateFamily */ "+familyInsert, familyArgs(f)...).Scan(&f.ID)
}

// CreateFamilies inserts many families in one transaction, for demo and
// load-test data, and sets their IDs.
func (s *Store) CreateFamilies(ctx context.Context, fs []*care.Family) error {
	return s.sqlTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, "/* Store.CreateFamilies */ "+familyInsert)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, f := range fs {
			if err := stmt.QueryRowContext(ctx, familyArgs(f)...).Scan(&f.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// FamilyCount returns the number of families of an organisation.
func (s *Store) FamilyCount(ctx context.Context, organisationID int64) (int, error) {
	var n int
	err := s.rq.QueryRowContext(ctx, `SELECT COUNT(*) FROM families WHERE organisation_id = $1 /* Store.FamilyCount */`, organisationID).Scan(&n)
	return n, err
}
