package api

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The coverage plan over the API: who pays for what, and the aids. Reading
// goes through the door of the caller's role (the case managers' file, the
// family's view, a provider's view, which the service refuses unless the
// consent covers the whole file); writing is for the case managers. The
// documents attached to the plan are not in the API.

// apiCoverageRead is GET /api/v1/families/{id}/coverage.
func (s *Server) apiCoverageRead(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	cf, err := s.care.Coverage(r.Context(), actor, apiView(actor), id)
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiCoverage(cf))
	return nil
}

// apiCoverageCreate is POST /api/v1/families/{id}/coverage: a new item with
// its first period.
func (s *Server) apiCoverageCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	c, p, err := decodeCoverageJSON(b)
	if err != nil {
		return 0, err
	}
	c.FamilyID = id
	if err := s.care.AddCoverageItem(r.Context(), s.actor(r), &c, &p); err != nil {
		return 0, apiCoverageFields(err)
	}
	return c.ID, nil
}

// apiCoverageUpdate is PUT /api/v1/families/{id}/coverage/{cid}: a
// correction of the item and its current period, replaced as a whole. An
// item of another family is not found.
func (s *Server) apiCoverageUpdate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, cid, err := apiPathIDs(r, "cid")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	c, p, err := decodeCoverageJSON(b)
	if err != nil {
		return 0, err
	}
	c.ID, c.FamilyID = cid, id
	return cid, apiCoverageFields(s.care.UpdateCoverageItem(r.Context(), s.actor(r), &c, &p))
}

// apiCoverageRenew is POST /api/v1/families/{id}/coverage/{cid}/periods: a
// renewal, the item's new current period.
func (s *Server) apiCoverageRenew(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, cid, err := apiPathIDs(r, "cid")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	p, err := decodePeriodJSON(b)
	if err != nil {
		return 0, err
	}
	p.ItemID, p.FamilyID = cid, id
	if err := s.care.RenewCoverage(r.Context(), s.actor(r), &p); err != nil {
		return 0, apiCoverageFields(err)
	}
	return p.ID, nil
}

// apiAidCreate is POST /api/v1/families/{id}/aids.
func (s *Server) apiAidCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	return apiAdd(s, w, r, decodeAidJSON, s.care.SaveAid, func(a *care.Aid) (*int64, *int64) { return &a.FamilyID, &a.ID })
}

// apiAidUpdate is PUT /api/v1/families/{id}/aids/{aid}: a correction, the
// aid replaced as a whole. An aid of another family is not found.
func (s *Server) apiAidUpdate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, aid, err := apiPathIDs(r, "aid")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	a, err := decodeAidJSON(b)
	if err != nil {
		return 0, err
	}
	a.ID, a.FamilyID = aid, id
	return aid, s.care.SaveAid(r.Context(), s.actor(r), &a)
}

// apiPathIDs reads the family id and the id named name from the path.
func apiPathIDs(r *http.Request, name string) (id, other int64, err error) {
	if id, err = httpx.PathID(r, "id"); err != nil {
		return 0, 0, err
	}
	other, err = httpx.PathID(r, name)
	return id, other, err
}
