package fhir

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// deceasedSample is the sample file after the child died: a death record
// and a correction of it.
func deceasedSample() Input {
	in := sample()
	by := care.Person{AccountID: 31, Name: "Sanne Bakker"}
	first := care.DeathRecord{ID: 201, FamilyID: 7, DiedOn: day("2026-12-01"), Place: care.DeathHospital, PlaceName: "Sophia",
		PreferredPlace: care.DeathHome, PreferredMet: "no", QualityNote: "Rustig", RecordedAt: at("2026-12-01T10:00:00Z"), RecordedBy: by}
	fix := care.DeathRecord{ID: 202, FamilyID: 7, Corrects: 201, DiedOn: day("2026-12-01"), DiedTime: "03:10", Place: care.DeathHome,
		PreferredPlace: care.DeathHome, PreferredMet: "yes", QualityNote: "Rustig, thuis in haar eigen bed", Reason: "Plaats verkeerd ingevuld",
		RecordedAt: at("2026-12-02T09:00:00.5Z"), RecordedBy: care.Person{AccountID: 32, Name: "Eva Smit"}}
	in.DeathRecords = []care.DeathRecord{first, fix}
	in.Death = &care.DeathRecord{FamilyID: 7, DiedOn: fix.DiedOn, DiedTime: fix.DiedTime, Place: fix.Place, PlaceName: fix.PlaceName,
		PreferredPlace: fix.PreferredPlace, PreferredMet: fix.PreferredMet}
	in.Family.Deceased, in.Family.DeceasedOn = true, fix.DiedOn
	return in
}

// TestDeathRecordsRoundTrip: the records of a death, the corrected one and
// the correction in force, go out on the place-of-death Observation and
// come back in full.
func TestDeathRecordsRoundTrip(t *testing.T) {
	in := deceasedSample()
	out, data := roundTrip(t, in)
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("Import(Export(x)) differs from x (-x +import):\n%s", diff)
	}
	for _, want := range []string{`"url":"` + SpilExt("death-record") + `"`, `"valueString":"Plaats verkeerd ingevuld"`,
		`"url":"` + SpilExt("death-record-id") + `","valueInteger":202`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the export has no %s", want)
		}
	}
	b := Export(in)
	o, _ := b.Find("Observation", diedAtID("7")).(*Observation)
	if o == nil || o.ValueCodeableConcept.Coding[0].Code != care.DeathHome {
		t.Fatalf("the place of death %+v is not the correction's", o)
	}
	// Without the records the Observation holds the record in force alone.
	in.DeathRecords = nil
	out, _ = roundTrip(t, in)
	if out.DeathRecords != nil || out.Death == nil || out.Death.Place != care.DeathHome {
		t.Errorf("without the records: %+v, %+v", out.DeathRecords, out.Death)
	}
	if _, err := json.Marshal(out); err != nil {
		t.Fatal(err)
	}
}

// TestChangedDeathValueChangesImport: TestChangedValueChangesImport on
// the file of a child who died, with a corrected death record.
func TestChangedDeathValueChangesImport(t *testing.T) { changedValues(t, deceasedSample()) }
