package api

import (
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func FuzzDecodeStayJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"kind": "academic_hospital", "unit": "picu", "place": "Sophia", "acute": true, "note": "via de SEH", "start": "2026-06-01"}`,
		`{"kind": "home", "place": "om de week bij vader", "start": "2026-01-01", "end": "2026-06-01"}`,
		`{"kind": "home", "acute": true, "start": "2026-06-02", "end": "2026-06-01"}`,
		`{"kind": "castle", "unit": "nicu", "start": "2026-02-30", "end": "morgen", "acute": "ja"}`,
		`{"kind": "other", "start": "2999-01-01", "place": " "}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		s, err := decodeStayJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiStayIn{})
			return
		}
		if s.ID != 0 || s.FamilyID != 0 {
			t.Fatalf("ids from the body: %d, %d", s.ID, s.FamilyID)
		}
		apiCheckDate(t, "start", s.Start)
		apiCheckDate(t, "end", s.End)
		err = s.Validate(apiFuzzToday, time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC))
		apiCheckServiceFields(t, err, apiStayIn{})
		if err != nil {
			return
		}
		apiCheckOneOf(t, "kind", s.Kind, care.StayKinds)
		if s.Unit != "" {
			apiCheckOneOf(t, "unit", s.Unit, care.StayUnits)
		}
		if s.Start.IsZero() || s.Start.After(apiFuzzToday) || !s.End.IsZero() && !s.End.After(s.Start) {
			t.Fatalf("stay %v – %v accepted", s.Start, s.End)
		}
		if s.Acute && s.Kind == care.StayHome {
			t.Fatal("an acute stay at home accepted")
		}
		apiCheckText(t, "place", s.Place, care.MaxName, s.Kind != care.StayHome)
		apiCheckText(t, "note", s.Note, care.MaxText, false)
	})
}
