package fhir

import (
	"encoding/json"
	"testing"

	"github.com/spil-zorg/spil/internal/fhir/fhirtest"
)

// TestExportValid: the export of the sample file, with every field
// filled in, and of a file with nothing but the child, validate against
// the FHIR R4 schema and pass the profiles' binding checks; so do the
// searchset, the Bundle with fullUrls and the file of a child who died,
// with a corrected death record.
func TestExportValid(t *testing.T) {
	full := Export(sample())
	bare := Export(Input{Organisation: Organisation{ID: 1, Name: "KCT"}, Family: sample().Family})
	// The sample holds a resource of every profile the binding checks
	// look into, so none of them passes for want of something to check.
	seen := map[string]bool{}
	for _, e := range full.Entry {
		seen[e.Resource.Header().Meta.Profile[0]] = true
	}
	for _, p := range []string{ProfilePatient, ProfileContactPerson, ProfileCareTeam, ProfilePractitionerRole,
		ProfileACPTreatmentDirective, ProfileSpilProviderConsent, ProfileACPPlaceOfDeath, ProfileACPCareWishes,
		ProfileACPOtherInfo, ProfileACPProcedure} {
		if !seen[p] {
			t.Errorf("the sample export has no resource on %s", p)
		}
	}
	withBase := Export(sample())
	withBase.SetBase("https://spil.example/fhir/R4")
	for name, b := range map[string]Bundle{"sample": full, "bare": bare, "searchset": full.Searchset(), "fullUrl": withBase,
		"deceased": Export(deceasedSample())} {
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		fhirtest.CheckExport(t, name, data)
	}
}
