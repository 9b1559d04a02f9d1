package store

import (
	"context"
	"database/sql"

	"github.com/spil-zorg/spil/internal/care"
)

// OrganisationIdentity reads how the organisation is named to the outside:
// its name and URA.
func (s *Store) OrganisationIdentity(ctx context.Context, organisationID int64) (care.OrganisationIdentity, error) {
	o := care.OrganisationIdentity{ID: organisationID}
	err := s.rq.QueryRowContext(ctx, `SELECT name, ura FROM organisations WHERE id = $1 /* Store.OrganisationIdentity */`,
		organisationID).Scan(&o.Name, &o.URA)
	if err == sql.ErrNoRows {
		return o, care.Errorf(care.NotFound, "organisation not found")
	}
	return o, err
}

// SetOrganisationURA sets the organisation's URA ("" clears it).
func (s *Store) SetOrganisationURA(ctx context.Context, organisationID int64, ura string) error {
	res, err := s.q.ExecContext(ctx, `UPDATE organisations SET ura = $2 WHERE id = $1 /* Store.SetOrganisationURA */`,
		organisationID, ura)
	return oneRow(res, err, "organisation")
}
