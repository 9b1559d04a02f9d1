package fhirtest

import (
	"encoding/json"
	"strings"
	"testing"
)

// goodBundle is a small Bundle as the export writes it: one resource of
// each kind the checks look into.
const goodBundle = `{"resourceType":"Bundle","type":"collection","entry":[
{"resource":{"resourceType":"Patient","id":"child-7","meta":{"profile":["http://nictiz.nl/fhir/StructureDefinition/nl-core-Patient"]},
 "gender":"female","_gender":{"extension":[{"url":"http://nictiz.nl/fhir/StructureDefinition/ext-CodeSpecification",
 "valueCodeableConcept":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender","code":"F"}]}}]},
 "identifier":[{"system":"https://spil-zorg.github.io/fhir/NamingSystem/family","value":"7"}]}},
{"resource":{"resourceType":"RelatedPerson","id":"member-21","meta":{"profile":["http://nictiz.nl/fhir/StructureDefinition/nl-core-ContactPerson"]},
 "patient":{"reference":"Patient/child-7"},
 "relationship":[{"coding":[{"system":"urn:oid:2.16.840.1.113883.2.4.3.11.22.472","code":"24"}]},
  {"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"MTH"}],"text":"moeder"}]}},
{"resource":{"resourceType":"PractitionerRole","id":"cm-5-kct","meta":{"profile":["http://nictiz.nl/fhir/StructureDefinition/nl-core-HealthProfessional-PractitionerRole"]},
 "code":[{"coding":[{"system":"http://snomed.info/sct","code":"768832004"},{"system":"https://spil-zorg.github.io/fhir/CodeSystem/case-manager-kind","code":"kct"}]}]}},
{"resource":{"resourceType":"CareTeam","id":"team-7","meta":{"profile":["http://nictiz.nl/fhir/StructureDefinition/nl-core-CareTeam"]},
 "status":"active","subject":{"reference":"Patient/child-7"},
 "participant":[{"role":[{"coding":[{"system":"http://snomed.info/sct","code":"768832004"}]}],"member":{"reference":"PractitionerRole/cm-5-kct"}}]}},
{"resource":{"resourceType":"Consent","id":"directive-7-resuscitation","meta":{"profile":["https://fhir.iknl.nl/fhir/StructureDefinition/ACP-TreatmentDirective"]},
 "status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]},
 "category":[{"coding":[{"system":"http://snomed.info/sct","code":"129125009"}]}],"patient":{"reference":"Patient/child-7"},
 "provision":{"type":"deny","code":[{"coding":[{"system":"http://snomed.info/sct","code":"89666000"}]}]}}},
{"resource":{"resourceType":"Consent","id":"consent-3","meta":{"profile":["https://spil-zorg.github.io/fhir/StructureDefinition/spil-ProviderConsent"]},
 "status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],"patient":{"reference":"Patient/child-7"},
 "provision":{"type":"permit","actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},
 "reference":{"identifier":{"system":"https://spil-zorg.github.io/fhir/NamingSystem/network-member","value":"9"}}}]}}},
{"resource":{"resourceType":"Observation","id":"place-of-death-7","meta":{"profile":["https://fhir.iknl.nl/fhir/StructureDefinition/ACP-PreferredPlaceOfDeath"]},
 "status":"final","code":{"coding":[{"system":"http://snomed.info/sct","code":"395091006"}]},"subject":{"reference":"Patient/child-7"},
 "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"264362003"}]}}},
{"resource":{"resourceType":"Task","id":"task-4","meta":{"profile":["https://spil-zorg.github.io/fhir/StructureDefinition/spil-Task"]},
 "status":"requested","intent":"order","for":{"reference":"Patient/child-7"},
 "owner":{"identifier":{"system":"https://spil-zorg.github.io/fhir/NamingSystem/account","value":"8"},"display":"Ouder"},
 "note":[{"text":"klaar"}]}},
{"resource":{"resourceType":"CarePlan","id":"plan-version-7-1","meta":{"profile":["https://spil-zorg.github.io/fhir/StructureDefinition/spil-CarePlanVersion"]},
 "contained":[{"resourceType":"Goal","id":"goal-7-i2","meta":{"profile":["http://nictiz.nl/fhir/StructureDefinition/nl-core-TreatmentObjective"]},
  "lifecycleStatus":"active","description":{"text":"Slapen"},"subject":{"reference":"Patient/child-7"}}],
 "status":"revoked","intent":"plan","subject":{"reference":"Patient/child-7"},"goal":[{"reference":"#goal-7-i2"}]}}
]}`

func TestCheckBundleGood(t *testing.T) {
	if ps := Problems([]byte(goodBundle)); len(ps) != 0 {
		t.Fatalf("a good Bundle has problems:\n%s", strings.Join(ps, "\n"))
	}
}

// TestCheckBundleBroken: each hand-broken Bundle is caught, and by the
// rule it breaks.
func TestCheckBundleBroken(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"treatment outside the list", `"code":"89666000"`, `"code":"71388002"`, "not in BehandelingCodelijst"},
		{"no provision type nor why", `"type":"deny",`, ``, "no provision.type and no SpecificationOther"},
		{"bad provision type", `"type":"permit"`, `"type":"allow"`, `provision.type "allow"`},
		{"directive scope", `"code":"treatment"`, `"code":"research"`, "scope is not"},
		{"directive category", `"code":"129125009"`, `"code":"1"`, "category is not"},
		{"privacy scope", `"code":"patient-privacy"`, `"code":"adr"`, "scope is not"},
		{"privacy category", `"code":"59284-0"`, `"code":"1"`, "category is not"},
		{"gender code", `"code":"F"`, `"code":"X"`, "not in GeslachtCodelijst"},
		{"gender without code", `"_gender"`, `"_birthDate"`, "without its GeslachtCodelijst code"},
		{"role code", `"code":"24"`, `"code":"99"`, "not in RolCodelijst"},
		{"relation code", `"code":"MTH"`, `"code":"MOTHER"`, "not in RelatieCodelijst"},
		{"care team role", `"participant":[{"role":[{"coding":[{"system":"http://snomed.info/sct","code":"768832004"}`,
			`"participant":[{"role":[{"coding":[{"system":"http://snomed.info/sct","code":"309343006"}`, "not in ZorgverlenerRolCodelijst"},
		{"place of death", `"code":"264362003"`, `"code":"1"`, "not in ACPPreferredPlaceOfDeathVS"},
		{"place of death code", `"code":"395091006"`, `"code":"1"`, "code is not"},
		{"no meta.profile", `"meta":{"profile":["https://spil-zorg.github.io/fhir/StructureDefinition/spil-Task"]},`, ``, "meta.profile has 0"},
		{"no status", `"status":"requested",`, ``, "Task has no status"},
		{"no intent", `"intent":"order",`, ``, "Task has no intent"},
		{"dangling reference", `"member":{"reference":"PractitionerRole/cm-5-kct"}`, `"member":{"reference":"PractitionerRole/nm-1"}`, "does not resolve"},
		{"coding without system", `{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}`, `{"code":"IRCP"}`, "without system or code"},
		{"note without text", `"note":[{"text":"klaar"}]`, `"note":[{"time":"2026-01-01"}]`, "note without text"},
		{"contained referenced from nowhere", `"goal":[{"reference":"#goal-7-i2"}]`, `"careTeam":[{"reference":"CareTeam/team-7"}]`,
			"contained #goal-7-i2 is referenced from nowhere"},
		{"contained reference dangling", `"reference":"#goal-7-i2"`, `"reference":"#goal-7-i9"`, `"#goal-7-i9" does not resolve`},
		{"contained without status", `"lifecycleStatus":"active",`, ``, "#goal-7-i2: Goal has no lifecycleStatus"},
		{"contained without id", `"resourceType":"Goal","id":"goal-7-i2",`, `"resourceType":"Goal",`, "a contained Goal without an id"},
		{"duplicate id", `"resourceType":"CareTeam","id":"team-7"`, `"resourceType":"Patient","id":"child-7"`, "twice in the Bundle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Count(goodBundle, tt.old) != 1 {
				t.Fatalf("%q is not once in the Bundle", tt.old)
			}
			broken := strings.Replace(goodBundle, tt.old, tt.new, 1)
			if !json.Valid([]byte(broken)) {
				t.Fatal("the broken Bundle is not JSON")
			}
			ps := CheckBundle([]byte(broken))
			if len(ps) == 0 {
				t.Fatal("no problem found")
			}
			if !strings.Contains(strings.Join(ps, "\n"), tt.want) {
				t.Errorf("problems %q, want one with %q", ps, tt.want)
			}
		})
	}
}

// TestProblemsSchema: a resource the schema rejects inside a Bundle is
// reported with its type and id.
func TestProblemsSchema(t *testing.T) {
	broken := strings.Replace(goodBundle, `"status":"final"`, `"status":"final","value":"thuis"`, 1)
	ps := Problems([]byte(broken))
	if len(ps) == 0 || !strings.Contains(ps[0], "Observation/place-of-death-7") {
		t.Errorf("problems %q, want a schema error of Observation/place-of-death-7", ps)
	}
	broken = strings.Replace(goodBundle, `"type":"collection"`, `"type":"stack"`, 1)
	if ps := Problems([]byte(broken)); len(ps) == 0 || !strings.HasPrefix(ps[0], "Bundle: ") {
		t.Errorf("problems %q, want the Bundle's type rejected", ps)
	}
}

// TestCodeLists: every vendored list names its source and holds the codes
// the export's design relies on.
func TestCodeLists(t *testing.T) {
	want := map[string][2]string{
		"treatment":          {"http://snomed.info/sct", "89666000"},
		"provision-type":     {"http://hl7.org/fhir/consent-provision-type", "permit"},
		"gender":             {"http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender", "F"},
		"contact-role":       {"urn:oid:2.16.840.1.113883.2.4.3.11.22.472", "24"},
		"contact-relation":   {"http://terminology.hl7.org/CodeSystem/v3-RoleCode", "MTH"},
		"care-provider-role": {"http://snomed.info/sct", "768832004"},
		"place-of-death":     {"http://snomed.info/sct", "284546000"},
	}
	for name, c := range want {
		l, err := Codes(name)
		if err != nil {
			t.Fatal(err)
		}
		if !l.Has(c[0], c[1]) {
			t.Errorf("%s has no %s|%s", name, c[0], c[1])
		}
		if l.Has(c[0], "no-such-code") {
			t.Errorf("%s has everything", name)
		}
	}
}
