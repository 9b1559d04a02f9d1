package fhir

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// roundTrip exports in, encodes and decodes the Bundle as JSON, and
// imports it again.
func roundTrip(t *testing.T, in Input) (Input, []byte) {
	t.Helper()
	b := Export(in)
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := Decode(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	out, err := Import(dec)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return out, data
}

func TestRoundTripSample(t *testing.T) {
	in := sample()
	out, _ := roundTrip(t, in)
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("Import(Export(x)) differs from x (-x +import):\n%s", diff)
	}
}

func TestExportDeterministic(t *testing.T) {
	a, _ := json.Marshal(Export(sample()))
	b, _ := json.Marshal(Export(sample()))
	if string(a) != string(b) {
		t.Error("two exports of one file differ")
	}
}

func TestEveryResourceHasAProfile(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Export(sample()).Entry {
		h := e.Resource.Header()
		if h.Meta == nil || len(h.Meta.Profile) != 1 || h.Meta.Profile[0] == "" {
			t.Errorf("%s/%s: meta.profile %+v", h.ResourceType, h.ID, h.Meta)
		}
		key := h.ResourceType + "/" + h.ID
		if seen[key] {
			t.Errorf("%s twice", key)
		}
		seen[key] = true
	}
}

// TestSearchsetReadsBack: the file as a searchset (as $everything answers)
// imports as the same file.
func TestSearchsetReadsBack(t *testing.T) {
	in := sample()
	s := Export(in).Searchset()
	if s.Type != BundleSearchset || s.Total == nil || *s.Total != len(s.Entry) || s.Entry[0].Search.Mode != "match" {
		t.Fatalf("searchset: type %q, total %v, first entry %+v", s.Type, s.Total, s.Entry[0].Search)
	}
	s.SetBase("https://spil.example/fhir/R4")
	if s.Entry[1].FullURL != "https://spil.example/fhir/R4/Patient/child-7" {
		t.Errorf("fullUrl %q", s.Entry[1].FullURL)
	}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Import(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("the searchset reads back differently (-want +got):\n%s", diff)
	}
}
