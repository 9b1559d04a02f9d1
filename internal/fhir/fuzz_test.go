package fhir

import (
	"encoding/json"
	"testing"
)

// FuzzImport: any bytes given as a Bundle are decoded and imported without
// a panic; whatever Import accepts, it accepts again after another export.
func FuzzImport(f *testing.F) {
	data, err := json.Marshal(Export(sample()))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"resourceType":"Bundle","type":"collection"}`))
	f.Add([]byte(`{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"child-1"}}]}`))
	f.Add([]byte(`{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Observation"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Decode(data)
		if err != nil {
			return
		}
		in, err := Import(b)
		if err != nil {
			return
		}
		if _, err := Import(Export(in)); err != nil {
			t.Errorf("an imported file does not import again after export: %v", err)
		}
	})
}
