package store

import (
	"context"

	"github.com/spil-zorg/spil/internal/care"
)

// FileRevision reads the revision of the family's file and that of what
// every file names (family 0): the triggers of migration 0026 move them
// with every change. A family without a row reads as revision 0.
func (s *Store) FileRevision(ctx context.Context, familyID int64) (care.FileRevision, error) {
	var r care.FileRevision
	rows, err := s.rq.QueryContext(ctx, `SELECT family_id, revision FROM file_revisions
		WHERE family_id = $1 OR family_id = 0 /* Store.FileRevision */`, familyID)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var fam, rev int64
		if err := rows.Scan(&fam, &rev); err != nil {
			return r, err
		}
		if fam == 0 {
			r.Shared = rev
		} else {
			r.File = rev
		}
	}
	return r, rows.Err()
}
