package api

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Signals over the API: a case manager's signals across their families
// and one family's, and snoozing or dismissing one. docs/api.md and
// docs/signals.md describe the shapes and the rules.

// apiSignalOut is one signal.
type apiSignalOut struct {
	ID       string  `json:"id"`
	Code     string  `json:"code"`
	Severity string  `json:"severity"`
	FamilyID *int64  `json:"family_id"` // null for the case manager's own signal
	Due      *string `json:"due"`       // the first day it holds
	On       *string `json:"on"`        // the date its explanation names
	Count    int     `json:"count,omitempty"`
	Link     string  `json:"link"`
	// Acknowledged is "snooze" or "dismiss" while an acknowledgement
	// holds; Until the snooze's day.
	Acknowledged string  `json:"acknowledged,omitempty"`
	Until        *string `json:"until,omitempty"`
}

// apiSignalsOut is the list of GET /api/v1/signals and
// GET /api/v1/families/{id}/signals.
type apiSignalsOut struct {
	Signals []apiSignalOut `json:"signals"`
}

func apiSignals(ss []care.Signal) apiSignalsOut {
	out := apiSignalsOut{Signals: make([]apiSignalOut, 0, len(ss))}
	for _, s := range ss {
		o := apiSignalOut{ID: s.ID, Code: s.Code, Severity: s.Severity.String(), Due: apiDateOut(s.Due), On: apiDateOut(s.On),
			Count: s.Count, Link: s.Link}
		if s.FamilyID != 0 {
			id := s.FamilyID
			o.FamilyID = &id
		}
		if s.Ack != nil {
			o.Acknowledged, o.Until = s.Ack.Kind, apiDateOut(s.Ack.Until)
		}
		out.Signals = append(out.Signals, o)
	}
	return out
}

// apiSignalsRead is GET /api/v1/signals.
func (s *Server) apiSignalsRead(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.care.Signals(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiSignals(ss))
	return nil
}

// apiFamilySignalsRead is GET /api/v1/families/{id}/signals.
func (s *Server) apiFamilySignalsRead(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ss, err := s.care.FamilySignals(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiSignals(ss))
	return nil
}

// apiSignalAckIn is the body of a snooze ({"until": "2026-07-01"}) or a
// dismissal ({"reason": "…"}).
type apiSignalAckIn struct {
	Until  string `json:"until"`
	Reason string `json:"reason"`
}

// decodeSignalAckJSON reads the body of POST /api/v1/signals/{signal}/snooze
// and …/dismiss.
func decodeSignalAckJSON(kind string, b []byte) (care.SignalAck, error) {
	var in apiSignalAckIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.SignalAck{}, err
	}
	fe := care.FieldErrors{}
	a := care.SignalAck{Kind: kind, Reason: in.Reason}
	if kind == care.AckSnooze {
		a.Until = apiDate(fe, "until", in.Until)
	}
	return a, fe.OrNil()
}

// apiSignalAck is POST /api/v1/signals/{signal}/snooze and …/dismiss.
func (s *Server) apiSignalAck(kind string) apiWriteHandler {
	return func(w http.ResponseWriter, r *http.Request) (int64, error) {
		id := r.PathValue("signal")
		if _, _, _, ok := care.ParseSignalID(id); !ok {
			return 0, care.Errorf(care.NotFound, "signal not found")
		}
		b, err := apiBody(w, r)
		if err != nil {
			return 0, err
		}
		a, err := decodeSignalAckJSON(kind, b)
		if err != nil {
			return 0, err
		}
		a.SignalID = id
		return 0, s.care.AcknowledgeSignal(r.Context(), s.actor(r), &a)
	}
}
