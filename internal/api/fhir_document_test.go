package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestFHIREverythingDocumentContent: $everything answers a document of the
// coverage plan as its DocumentReference, pointing at its Binary, without
// the content (Binary is not in the Patient compartment); the
// DocumentReference read alone is the same, and the Binary is read on its
// own, with the content, by the case manager alone. The answer says its
// length.
func TestFHIREverythingDocumentContent(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := fhirWorld(t, a)
		ctx := context.Background()
		today := care.DateOf(a.Clock.Now())
		item := &care.CoverageItem{FamilyID: w.Fam, Kind: "night_care", Applicant: "parents"}
		if err := a.Care.AddCoverageItem(ctx, w.CMActor, item, &care.CoveragePeriod{Law: care.LawWlz, Form: "pgb",
			Status: care.CoverageGranted, Start: today.AddDate(0, -1, 0), End: today.AddDate(1, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		content := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("beschikking "), 200)...)
		d, err := a.Care.AttachCoverageDocument(ctx, w.CMActor, w.Fam, item.ID, 0, "decision", &care.Upload{FileName: "beschikking.pdf", Content: content})
		if err != nil {
			t.Fatal(err)
		}
		fam, doc := strconv.FormatInt(w.Fam, 10), strconv.FormatInt(d.ID, 10)
		docID, binID := "document-"+fam+"-"+doc, "binary-"+fam+"-"+doc
		base := "/fhir/R4/"

		r := w.CM.API(http.MethodGet, base+"Patient/child-"+fam+"/$everything", nil)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("$everything: %d %s", r.StatusCode, r.Raw)
		}
		if cl := r.Header.Get("Content-Length"); cl != strconv.Itoa(len(r.Raw)) {
			t.Errorf("$everything: Content-Length %q for %d bytes", cl, len(r.Raw))
		}
		if enc := base64.StdEncoding.EncodeToString(content); strings.Contains(string(r.Raw), enc) {
			t.Error("$everything carries the document's content")
		}
		all := r.JSON(t)
		var ref any
		entries, _ := apiAt(all, "entry").([]any)
		for _, e := range entries {
			res := apiAt(e, "resource")
			switch apiAt(res, "resourceType") {
			case "Binary":
				t.Errorf("$everything holds a Binary: %v", apiAt(res, "id"))
			case "DocumentReference":
				if apiAt(res, "id") == docID {
					ref = res
				}
			}
		}
		if ref == nil {
			t.Fatalf("$everything holds no %s", docID)
		}
		if got := apiAt(ref, "content", 0, "attachment", "url"); got != "Binary/"+binID {
			t.Errorf("the DocumentReference points at %v, want Binary/%s", got, binID)
		}
		alone := fhirGet(t, w, w.CM, base+"DocumentReference/"+docID, http.StatusOK, 1, care.ActionRead)
		if !reflect.DeepEqual(alone, ref) {
			t.Errorf("the DocumentReference read alone:\n%v\nin $everything:\n%v", alone, ref)
		}

		bin := fhirGet(t, w, w.CM, base+"Binary/"+binID, http.StatusOK, 1, care.ActionRead)
		data, err := base64.StdEncoding.DecodeString(apiAt(bin, "data").(string))
		if err != nil || !bytes.Equal(data, content) || apiAt(bin, "contentType") != "application/pdf" {
			t.Errorf("the Binary: %v, %q (%v)", apiAt(bin, "contentType"), data, err)
		}
		for _, c := range []*client{w.Nurse, w.Other} {
			fhirGet(t, w, c, base+"Binary/"+binID, http.StatusNotFound, 1, care.ActionRead)
		}
	})
}
