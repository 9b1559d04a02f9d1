package api

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
)

// apiMyFamily is one family the caller may open.
type apiMyFamily struct {
	FamilyID int64 `json:"family_id"`
	// ChildName is left out for a provider without consent in force.
	ChildName string `json:"child_name,omitempty"`
	// Kind is how the account relates to the family: parent, child,
	// provider or casemanager.
	Kind string `json:"kind"`
	// Consent and ConsentScope are for providers only: whether consent is
	// in force today, and its scope (file or plan_network).
	Consent      *bool  `json:"consent,omitempty"`
	ConsentScope string `json:"consent_scope,omitempty"`
}

type apiMyFamiliesOut struct {
	Families []apiMyFamily `json:"families"`
}

// apiMyFamilies is GET /api/v1/me/families: every family the caller's
// account may open, from one call through the care service (one audit
// record). Administrators and regional coordinators have none: 404.
func (s *Server) apiMyFamilies(w http.ResponseWriter, r *http.Request) error {
	fams, err := s.care.AccountFamilies(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	out := apiMyFamiliesOut{Families: make([]apiMyFamily, 0, len(fams))}
	for _, f := range fams {
		row := apiMyFamily{FamilyID: f.FamilyID, ChildName: f.ChildName, Kind: f.Kind}
		if f.Kind == care.LinkProvider {
			consent := f.Consent
			row.Consent, row.ConsentScope = &consent, f.Scope
		}
		out.Families = append(out.Families, row)
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}
