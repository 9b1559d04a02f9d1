package api

import (
	"net/http"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Where the child is and has been, over the API. Reading goes through the
// door of the caller's role: the case managers see every stay, the family
// every stay, a provider whose consent covers the child's details where
// the child is now. Writing is for the case managers. docs/api.md
// describes the shapes.

// apiStayIn is a stay, for a new stay and a correction (replaced as a
// whole; an end ends it).
type apiStayIn struct {
	Kind  string `json:"kind"`
	Unit  string `json:"unit"`
	Place string `json:"place"`
	Acute bool   `json:"acute"`
	Note  string `json:"note"`
	Start string `json:"start"`
	End   string `json:"end"`
}

// apiStayOut is one stay in GET /api/v1/families/{id}/stays.
type apiStayOut struct {
	ID    int64   `json:"id"`
	Kind  string  `json:"kind"`
	Unit  *string `json:"unit"`
	Place string  `json:"place"`
	Start *string `json:"start"`
	End   *string `json:"end"` // the day the child left; null while the stay goes on
	Acute bool    `json:"acute"`
	// Note is the case managers' note; left out for providers.
	Note     string `json:"note,omitempty"`
	Admitted bool   `json:"admitted"` // a hospital stay
}

// apiAdmissionsOut are the admission figures of the last three months.
type apiAdmissionsOut struct {
	From       *string `json:"from"`
	To         *string `json:"to"`
	Admissions int     `json:"admissions"`
	Days       int     `json:"days"`
}

// apiStaysOut is GET /api/v1/families/{id}/stays: every stay the reader
// may see, the newest first, and where the child is now (null when no
// stay covers today); the admission figures for the case managers only.
type apiStaysOut struct {
	Stays      []apiStayOut      `json:"stays"`
	Current    *apiStayOut       `json:"current"`
	Admissions *apiAdmissionsOut `json:"admissions,omitempty"`
}

func apiStay(s *care.Stay) apiStayOut {
	return apiStayOut{ID: s.ID, Kind: s.Kind, Unit: apiNullable(s.Unit), Place: s.Place, Start: apiDateOut(s.Start),
		End: apiDateOut(s.End), Acute: s.Acute, Note: s.Note, Admitted: s.Hospital()}
}

func apiStays(sf *care.StayFile) apiStaysOut {
	out := apiStaysOut{Stays: make([]apiStayOut, 0, len(sf.Stays))}
	for i := range sf.Stays {
		out.Stays = append(out.Stays, apiStay(&sf.Stays[i]))
	}
	if sf.Current != nil {
		cur := apiStay(sf.Current)
		out.Current = &cur
	}
	if sf.Viewer == care.ViewerCaseManager {
		f := sf.Figures
		out.Admissions = &apiAdmissionsOut{From: apiDateOut(f.From), To: apiDateOut(f.To), Admissions: f.Admissions, Days: f.Days}
	}
	return out
}

// decodeStayJSON reads POST /api/v1/families/{id}/stays and PUT
// …/stays/{sid}.
func decodeStayJSON(b []byte) (care.Stay, error) {
	var in apiStayIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Stay{}, err
	}
	fe := care.FieldErrors{}
	s := care.Stay{
		Kind:  strings.TrimSpace(in.Kind),
		Unit:  strings.TrimSpace(in.Unit),
		Place: strings.TrimSpace(in.Place),
		Acute: in.Acute,
		Note:  strings.TrimSpace(in.Note),
		Start: apiDate(fe, "start", in.Start),
		End:   apiDate(fe, "end", in.End),
	}
	return s, fe.OrNil()
}

// apiStaysRead is GET /api/v1/families/{id}/stays.
func (s *Server) apiStaysRead(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	sf, err := s.care.Stays(r.Context(), actor, apiView(actor), id)
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiStays(sf))
	return nil
}

// apiStayCreate is POST /api/v1/families/{id}/stays. A new ongoing stay
// that starts while another goes on ends that one on its start.
func (s *Server) apiStayCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	return apiAdd(s, w, r, decodeStayJSON, s.care.SaveStay, func(x *care.Stay) (*int64, *int64) { return &x.FamilyID, &x.ID })
}

// apiStayUpdate is PUT /api/v1/families/{id}/stays/{sid}: a correction,
// the stay replaced as a whole; the values before are kept. A stay of
// another family is not found.
func (s *Server) apiStayUpdate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, sid, err := apiPathIDs(r, "sid")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	x, err := decodeStayJSON(b)
	if err != nil {
		return 0, err
	}
	x.ID, x.FamilyID = sid, id
	return sid, s.care.SaveStay(r.Context(), s.actor(r), &x)
}
