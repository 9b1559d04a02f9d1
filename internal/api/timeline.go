package api

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The child's journey over the API: the same timeline the pages draw,
// through the door of the caller's role (a provider only with consent for
// the whole file). docs/api.md describes the shape.

// apiBandOut is one band of the timeline.
type apiBandOut struct {
	Lane  string  `json:"lane"` // place or financing
	Row   int     `json:"row"`
	Kind  string  `json:"kind"`
	Place string  `json:"place,omitempty"`
	Unit  string  `json:"unit,omitempty"`
	Law   string  `json:"law,omitempty"`
	Form  string  `json:"form,omitempty"`
	Start *string `json:"start"`
	// End is the day after the last day covered; Ongoing says the band
	// goes on past the timeline's end.
	End     *string `json:"end"`
	Ongoing bool    `json:"ongoing"`
}

// apiMarkOut is one event of the timeline.
type apiMarkOut struct {
	Kind  string  `json:"kind"`
	Date  *string `json:"date"`
	Value string  `json:"value,omitempty"`
}

// apiTimelineOut is GET /api/v1/families/{id}/timeline.
type apiTimelineOut struct {
	From      *string      `json:"from"`
	To        *string      `json:"to"`
	Places    []apiBandOut `json:"places"`
	Financing []apiBandOut `json:"financing"`
	Marks     []apiMarkOut `json:"marks"`
}

func apiBands(bs []care.TimelineBand) []apiBandOut {
	out := make([]apiBandOut, 0, len(bs))
	for _, b := range bs {
		out = append(out, apiBandOut{Lane: b.Lane, Row: b.Row, Kind: b.Kind, Place: b.Place, Unit: b.Unit, Law: b.Law, Form: b.Form,
			Start: apiDateOut(b.Start), End: apiDateOut(b.End), Ongoing: b.Ongoing})
	}
	return out
}

// apiTimelineRead is GET /api/v1/families/{id}/timeline.
func (s *Server) apiTimelineRead(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	tf, err := s.care.Timeline(r.Context(), actor, apiView(actor), id)
	if err != nil {
		return err
	}
	tl := tf.Timeline
	out := apiTimelineOut{From: apiDateOut(tl.From), To: apiDateOut(tl.To), Places: apiBands(tl.Places),
		Financing: apiBands(tl.Financing), Marks: make([]apiMarkOut, 0, len(tl.Marks))}
	for _, m := range tl.Marks {
		out.Marks = append(out.Marks, apiMarkOut{Kind: m.Kind, Date: apiDateOut(m.Date), Value: m.Value})
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}
