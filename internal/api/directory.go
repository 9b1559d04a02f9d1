package api

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/form"
)

// The sociale kaart over the API: a search by need and region, for the
// case managers, the coordinator and the administrator. No family data.

// apiDirectoryEntryOut is one service of the kaart.
type apiDirectoryEntryOut struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Organisation string   `json:"organisation,omitempty"`
	Kind         string   `json:"kind"`
	Region       string   `json:"region"`
	Address      string   `json:"address,omitempty"`
	Phone        string   `json:"phone,omitempty"`
	Email        string   `json:"email,omitempty"`
	Website      string   `json:"website,omitempty"`
	MinAge       int      `json:"min_age"`
	MaxAge       int      `json:"max_age"`
	Offers       string   `json:"offers,omitempty"`
	Capabilities []string `json:"capabilities"`
	Capacity     string   `json:"capacity"`
	CapacityOn   *string  `json:"capacity_on"`
}

// apiDirectoryRead is GET /api/v1/directory?need=&region=&capability=&age=.
// A bad value is a 422 naming the parameter.
func (s *Server) apiDirectoryRead(w http.ResponseWriter, r *http.Request) error {
	q, errs := form.DecodeDirectoryQuery(r.URL.Query())
	if len(errs) > 0 {
		return errs
	}
	res, err := s.care.SearchDirectory(r.Context(), s.actor(r), q, false)
	if err != nil {
		return err
	}
	out := struct {
		Entries []apiDirectoryEntryOut `json:"entries"`
	}{Entries: make([]apiDirectoryEntryOut, 0, len(res.Entries))}
	for _, e := range res.Entries {
		caps := e.Capabilities
		if caps == nil {
			caps = []string{}
		}
		out.Entries = append(out.Entries, apiDirectoryEntryOut{ID: e.ID, Name: e.Name, Organisation: e.Organisation, Kind: e.Kind,
			Region: e.Region, Address: e.Address, Phone: e.Phone, Email: e.Email, Website: e.Website, MinAge: e.MinAge,
			MaxAge: e.MaxAge, Offers: e.Offers, Capabilities: caps, Capacity: e.Capacity, CapacityOn: apiDateOut(e.CapacityOn)})
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}
