package api

import (
	"math"
	"net/http"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// A case manager's own record of intervision, supervision and training,
// over the API: GET lists the last 12 months with the count of
// intervision sessions, POST adds a session. Other roles get 404. No
// client data: the topic is a subject. docs/api.md describes the shapes.

// apiIntervisionIn is a new session.
type apiIntervisionIn struct {
	HeldOn    string  `json:"held_on"`
	Kind      string  `json:"kind"`
	Direction string  `json:"direction"`
	Hours     float64 `json:"hours"`
	Topic     string  `json:"topic"`
}

// apiIntervisionOut is one session.
type apiIntervisionOut struct {
	ID        int64   `json:"id"`
	HeldOn    *string `json:"held_on"`
	Kind      string  `json:"kind"`
	Direction string  `json:"direction"`
	Hours     float64 `json:"hours"`
	Topic     string  `json:"topic"`
}

// apiIntervisionListOut is GET /api/v1/me/intervision.
type apiIntervisionListOut struct {
	Since        *string             `json:"since"`
	Intervisions int                 `json:"intervisions"`
	Sessions     []apiIntervisionOut `json:"sessions"`
}

// decodeIntervisionJSON reads POST /api/v1/me/intervision. Hours are a
// number from 0.25 to 24, kept to whole minutes.
func decodeIntervisionJSON(b []byte) (care.IntervisionSession, error) {
	var in apiIntervisionIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.IntervisionSession{}, err
	}
	fe := care.FieldErrors{}
	x := care.IntervisionSession{
		HeldOn:    apiDate(fe, "held_on", in.HeldOn),
		Kind:      strings.TrimSpace(in.Kind),
		Direction: strings.TrimSpace(in.Direction),
		Topic:     strings.TrimSpace(in.Topic),
	}
	if in.Hours > 0 && in.Hours <= 24 {
		x.Minutes = int(math.Round(in.Hours * 60))
	} else {
		fe["hours"] = "account.intervision.hours_invalid"
	}
	return x, fe.OrNil()
}

// apiIntervisionRead is GET /api/v1/me/intervision.
func (s *Server) apiIntervisionRead(w http.ResponseWriter, r *http.Request) error {
	ov, err := s.care.Intervision(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	out := apiIntervisionListOut{Since: apiDateOut(ov.Since), Intervisions: ov.Intervisions, Sessions: make([]apiIntervisionOut, 0, len(ov.Sessions))}
	for _, x := range ov.Sessions {
		out.Sessions = append(out.Sessions, apiIntervisionOut{ID: x.ID, HeldOn: apiDateOut(x.HeldOn), Kind: x.Kind, Direction: x.Direction,
			Hours: float64(x.Minutes) / 60, Topic: x.Topic})
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}

// apiIntervisionCreate is POST /api/v1/me/intervision.
func (s *Server) apiIntervisionCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	// Only a case manager hears what is wrong with the body; for anyone
	// else the service answers not found, and records the refusal.
	actor := s.actor(r)
	x, err := decodeIntervisionJSON(b)
	if err != nil && care.MayRecordIntervision(actor.Role) {
		return 0, err
	}
	added, err := s.care.AddIntervision(r.Context(), actor, x)
	if err != nil {
		return 0, err
	}
	return added.ID, nil
}
