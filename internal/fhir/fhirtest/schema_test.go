package fhirtest

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
)

// TestSchemaFile: the vendored schema is the one the README names.
func TestSchemaFile(t *testing.T) {
	data, err := os.ReadFile(testdata("schema", "fhir.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != "15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d" {
		t.Fatalf("fhir.schema.json SHA-256 %s", got)
	}
}

// TestValidateResource: valid resources pass; a wrong type, an unknown
// element, a value outside an enum, a missing required element or an
// unknown resource type are rejected.
func TestValidateResource(t *testing.T) {
	valid := []string{
		`{"resourceType":"Patient","id":"child-7","gender":"female","birthDate":"2015-04-02","name":[{"text":"Lotte"}]}`,
		`{"resourceType":"Consent","status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]},"category":[{"text":"x"}],"provision":{"type":"permit"}}`,
		`{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueString":"y"}`,
	}
	for _, r := range valid {
		if err := ValidateResource([]byte(r)); err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
	invalid := map[string]string{
		"wrong type":       `{"resourceType":"Patient","gender":"female","name":"Lotte"}`,
		"unknown element":  `{"resourceType":"Patient","gender":"female","nickname":"Lot"}`,
		"bad enum":         `{"resourceType":"Patient","gender":"girl"}`,
		"bad provision":    `{"resourceType":"Consent","status":"active","scope":{"text":"x"},"category":[{"text":"x"}],"provision":{"type":"maybe"}}`,
		"bad date":         `{"resourceType":"Patient","birthDate":"02-04-2015"}`,
		"missing required": `{"resourceType":"Observation","status":"final"}`,
		"unknown resource": `{"resourceType":"Child","name":"Lotte"}`,
		"no resource type": `{"name":"Lotte"}`,
		"element of other": `{"resourceType":"Goal","lifecycleStatus":"active","description":{"text":"x"},"subject":{"reference":"Patient/1"},"status":"active"}`,
	}
	for name, r := range invalid {
		if err := ValidateResource([]byte(r)); err == nil {
			t.Errorf("%s: %s passed the schema", name, r)
		} else if strings.TrimSpace(err.Error()) == "" {
			t.Errorf("%s: an empty error", name)
		}
	}
}
