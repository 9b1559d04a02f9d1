package api

import (
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

func FuzzDecodeIntervisionJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"held_on": "2026-06-01", "kind": "intervision", "direction": "received", "hours": 1.5, "topic": "Moreel beraad"}`,
		`{"held_on": "2026-06-01", "kind": "training", "direction": "given", "hours": 24}`,
		`{"held_on": "2026-02-30", "kind": "koffie", "direction": "", "hours": -1}`,
		`{"held_on": "morgen", "hours": 1e308, "topic": 3}`,
		`{"held_on": "2999-01-01", "kind": "supervision", "direction": "given", "hours": 0.01}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		x, err := decodeIntervisionJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiIntervisionIn{})
			return
		}
		if x.ID != 0 || x.AccountID != 0 {
			t.Fatalf("ids from the body: %d, %d", x.ID, x.AccountID)
		}
		apiCheckDate(t, "held_on", x.HeldOn)
		if x.Minutes < 0 || x.Minutes > care.MaxIntervisionMinutes {
			t.Fatalf("%d minutes accepted", x.Minutes)
		}
		// What the service refuses names members of the request too.
		if err := x.Validate(apiFuzzToday); err != nil {
			apiCheckRefusal(t, err, apiIntervisionIn{})
			return
		}
		apiCheckOneOf(t, "kind", x.Kind, care.IntervisionKinds)
		apiCheckOneOf(t, "direction", x.Direction, care.IntervisionDirections)
		if x.HeldOn.IsZero() || x.HeldOn.After(apiFuzzToday) || x.Minutes < care.MinIntervisionMinutes {
			t.Fatalf("session %+v accepted", x)
		}
		apiCheckText(t, "topic", x.Topic, care.MaxIntervisionTopic, false)
	})
}
