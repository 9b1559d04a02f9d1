package fhirtest

import (
	"bytes"
	"encoding/json"
	"testing"
)

// CheckExport fails t for every resource of the Bundle's JSON that does
// not validate against the FHIR R4 schema, and for every problem
// CheckBundle finds. name says which export it is.
func CheckExport(t testing.TB, name string, data []byte) {
	t.Helper()
	for _, p := range Problems(data) {
		t.Errorf("%s: %s", name, p)
	}
}

// Problems returns the schema errors of the Bundle (without its
// resources) and of each resource, and CheckBundle's problems.
func Problems(data []byte) []string {
	var b struct {
		Entry []struct {
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var out []string
	if err := ValidateResource(withoutResources(data)); err != nil {
		out = append(out, "Bundle: "+err.Error())
	}
	for _, e := range b.Entry {
		if err := ValidateResource(e.Resource); err != nil {
			var h struct{ ResourceType, ID string }
			_ = json.Unmarshal(e.Resource, &h)
			out = append(out, h.ResourceType+"/"+h.ID+": "+err.Error())
		}
	}
	return append(out, CheckBundle(data)...)
}

// withoutResources is the Bundle with its entries' resources left out,
// which are validated one by one against their own definitions.
func withoutResources(data []byte) []byte {
	var b map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&b); err != nil {
		return data
	}
	for _, e := range arr(b["entry"]) {
		delete(e, "resource")
	}
	out, err := json.Marshal(b)
	if err != nil {
		return data
	}
	return out
}
