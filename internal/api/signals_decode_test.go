package api

import (
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

func FuzzDecodeSignalAckJSON(f *testing.F) {
	apiAddSeeds(f, `{"until": "2026-07-01"}`, `{"reason": "ouders regelen het zelf"}`, `{"until": "morgen", "reason": 3}`,
		`{"until": "2026-02-30"}`)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, kind := range []string{care.AckSnooze, care.AckDismiss} {
			a, err := decodeSignalAckJSON(kind, body)
			if err != nil {
				apiCheckRefusal(t, err, apiSignalAckIn{})
				continue
			}
			if a.Kind != kind || a.SignalID != "" || a.FamilyID != 0 || a.Cause != "" {
				t.Fatalf("decoded %+v", a)
			}
			apiCheckDate(t, "until", a.Until)
			if kind == care.AckDismiss && !a.Until.IsZero() {
				t.Fatalf("a dismissal with a date: %+v", a)
			}
			err = a.Validate(apiFuzzToday)
			apiCheckServiceFields(t, err, apiSignalAckIn{})
		}
	})
}
