package store

import "context"

// CaseloadFamiliesByBSN lists the families in the account's caseload whose
// child has the BSN, lowest id first: a search never looks beyond the
// families the case manager is assigned to. An empty BSN, that of every
// child without one, finds nothing.
func (s *Store) CaseloadFamiliesByBSN(ctx context.Context, accountID int64, bsn string) ([]int64, error) {
	if bsn == "" {
		return nil, nil
	}
	rows, err := s.rq.QueryContext(ctx, `/* Store.CaseloadFamiliesByBSN */ SELECT f.id FROM families f
		WHERE f.bsn = $1 AND `+s.dialect.inCaseload("f.id", "$2")+` ORDER BY f.id`, bsn, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
