package fhir

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// TestDeathRoundTrip: a death record goes out as Patient.deceasedDateTime
// (a date, or a date and time in Amsterdam with its offset) and an
// Observation of the place of death, and comes back the same.
func TestDeathRoundTrip(t *testing.T) {
	died := time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		death    care.DeathRecord
		deceased string
	}{
		{"date only, preferred place unknown", care.DeathRecord{DiedOn: died, Place: "hospital", PlaceName: "WKZ"}, `"deceasedDateTime":"2026-02-10"`},
		{"with time in winter, preferred place met", care.DeathRecord{DiedOn: died, DiedTime: "03:10", Place: "home",
			PreferredPlace: "home", PreferredMet: "yes"}, `"deceasedDateTime":"2026-02-10T03:10:00+01:00"`},
		{"with time in summer, preferred place not met", care.DeathRecord{DiedOn: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
			DiedTime: "23:30", Place: "hospice", PreferredPlace: "home", PreferredMet: "no"}, `"deceasedDateTime":"2026-07-01T23:30:00+02:00"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := sample()
			d := tc.death
			d.FamilyID = in.Family.ID
			in.Death, in.Family.Deceased, in.Family.DeceasedOn = &d, true, d.DiedOn
			out, data := roundTrip(t, in)
			if diff := cmp.Diff(in, out); diff != "" {
				t.Errorf("Import(Export(x)) differs from x (-x +import):\n%s", diff)
			}
			for _, want := range []string{tc.deceased, ProfileSpilPlaceOfDeath, `"code":"` + d.Place + `"`} {
				if !strings.Contains(string(data), want) {
					t.Errorf("the export lacks %s", want)
				}
			}
			if strings.Contains(string(data), "deceasedBoolean") {
				t.Error("the export says deceasedBoolean besides the date")
			}
		})
	}
}
