package api_test

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestFHIRReadEveryResource reads every resource of the case manager's
// file by its id: each answers as it stands in $everything, and each is
// not found for a provider without consent and for a case manager who is
// not assigned, with one denied record.
func TestFHIRReadEveryResource(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := fhirWorld(t, a)
		child := "child-" + strconv.FormatInt(w.Fam, 10)
		base := "/fhir/R4/"
		all := fhirGet(t, w, w.CM, base+"Patient/"+child+"/$everything", http.StatusOK, 1, care.ActionExport)
		entries, _ := apiAt(all, "entry").([]any)
		types := map[string]bool{}
		for _, e := range entries {
			res := apiAt(e, "resource")
			typ, _ := apiAt(res, "resourceType").(string)
			id, _ := apiAt(res, "id").(string)
			types[typ] = true
			got := fhirGet(t, w, w.CM, base+typ+"/"+id, http.StatusOK, 1, care.ActionRead)
			if !reflect.DeepEqual(got, res) {
				t.Errorf("%s/%s read alone:\n%v\nin $everything:\n%v", typ, id, got, res)
			}
			for who, c := range map[string]*client{"provider without consent": w.Nurse, "unassigned case manager": w.Other} {
				before := fhirAudits(t, w)
				fhirGet(t, w, c, base+typ+"/"+id, http.StatusNotFound, 1, care.ActionRead)
				if after := fhirAudits(t, w); len(after) == len(before)+1 && after[len(after)-1].Outcome != care.OutcomeDenied {
					t.Errorf("%s reads %s/%s: audit outcome %q", who, typ, id, after[len(after)-1].Outcome)
				}
			}
		}
		// $everything holds no Binary (not in the Patient compartment): each
		// DocumentReference's content is read on its own, by its URL.
		for _, e := range entries {
			res := apiAt(e, "resource")
			if typ, _ := apiAt(res, "resourceType").(string); typ != "DocumentReference" {
				continue
			}
			url, _ := apiAt(apiAt(apiAt(res, "content").([]any)[0], "attachment"), "url").(string)
			if !strings.HasPrefix(url, "Binary/") {
				t.Errorf("DocumentReference %v points at %q", apiAt(res, "id"), url)
				continue
			}
			bin := fhirGet(t, w, w.CM, base+url, http.StatusOK, 1, care.ActionRead)
			if data, _ := apiAt(bin, "data").(string); data == "" {
				t.Errorf("%s holds no content", url)
			}
			types["Binary"] = true
			for who, c := range map[string]*client{"provider without consent": w.Nurse, "unassigned case manager": w.Other} {
				if p := fhirGet(t, w, c, base+url, http.StatusNotFound, 1, care.ActionRead); apiAt(p, "data") != nil {
					t.Errorf("%s reads %s", who, url)
				}
			}
		}
		// The file holds the kinds whose ids used to carry no family, and an
		// aid, a note and a message with their documents.
		for _, typ := range []string{"Organization", "RelatedPerson", "Practitioner", "PractitionerRole", "Encounter", "Task", "Consent",
			"DeviceRequest", "Communication", "DocumentReference", "Binary"} {
			if !types[typ] {
				t.Errorf("the file holds no %s: %v", typ, types)
			}
		}
	})
}
