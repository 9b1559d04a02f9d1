package fhirtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Systems and profiles the checks know. They are written out here, not
// taken from internal/fhir, so that a wrong constant there is caught.
const (
	snomed       = "http://snomed.info/sct"
	loinc        = "http://loinc.org"
	consentScope = "http://terminology.hl7.org/CodeSystem/consentscope"
	spilBase     = "https://spil-zorg.github.io/fhir/"

	extCodeSpecification = "http://nictiz.nl/fhir/StructureDefinition/ext-CodeSpecification"
	extSpecificationOthr = "http://nictiz.nl/fhir/StructureDefinition/ext-TreatmentDirective2.SpecificationOther"

	nictiz = "http://nictiz.nl/fhir/StructureDefinition/"
	iknl   = "https://fhir.iknl.nl/fhir/StructureDefinition/"

	profilePatient          = nictiz + "nl-core-Patient"
	profileContactPerson    = nictiz + "nl-core-ContactPerson"
	profileCareTeam         = nictiz + "nl-core-CareTeam"
	profilePractitionerRole = nictiz + "nl-core-HealthProfessional-PractitionerRole"
	profileTreatmentDir     = iknl + "ACP-TreatmentDirective"
	profilePlaceOfDeath     = iknl + "ACP-PreferredPlaceOfDeath"
	profileCareWishes       = iknl + "ACP-SpecificCareWishes"
	profileOtherInfo        = iknl + "ACP-OtherImportantInformation"
	profileACPProcedure     = iknl + "ACP-Procedure"
	profileProviderConsent  = spilBase + "StructureDefinition/spil-ProviderConsent"
)

// The RolCodelijst's two code systems; every other system in a contact
// person's relationship is the RelatieCodelijst's.
var contactRoleSystems = map[string]bool{
	"urn:oid:2.16.840.1.113883.2.4.3.11.22.472":       true,
	"urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4.23.1": true,
}

// requiredPrimitives are the R4 elements of cardinality 1..1 that are
// primitives, which the JSON schema does not require.
var requiredPrimitives = map[string][]string{
	"Bundle":            {"type"},
	"Binary":            {"contentType"},
	"CarePlan":          {"status", "intent"},
	"Communication":     {"status"},
	"Consent":           {"status"},
	"Coverage":          {"status"},
	"DeviceRequest":     {"status", "intent"},
	"DocumentReference": {"status"},
	"Encounter":         {"status"},
	"EpisodeOfCare":     {"status"},
	"Goal":              {"lifecycleStatus"},
	"Observation":       {"status"},
	"Procedure":         {"status"},
	"Task":              {"status", "intent"},
}

// fixedCodes are the codes a profile fixes on Observation.code or
// Procedure.code.
var fixedCodes = map[string]string{
	profilePlaceOfDeath: "395091006",
	profileCareWishes:   "153851000146100",
	profileOtherInfo:    "247751003",
	profileACPProcedure: "713603004",
}

// CheckBundle returns what in a Bundle's JSON breaks the rules the JSON
// schema cannot check: the codes of the profiles' bindings (against the
// vendored code lists), fixed values, required primitives, one
// meta.profile on every resource, unique ids, and every reference
// resolving inside the Bundle (a reference to outside carries only an
// identifier or a display, no reference).
func CheckBundle(data []byte) []string {
	var b map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&b); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	c := &checker{in: map[string]bool{}}
	c.required("Bundle", b)
	entries, _ := b["entry"].([]any)
	var resources []map[string]any
	for i, e := range entries {
		em, _ := e.(map[string]any)
		r, _ := em["resource"].(map[string]any)
		if r == nil {
			c.addf("entry %d has no resource", i)
			continue
		}
		key := str(r["resourceType"]) + "/" + str(r["id"])
		if str(r["id"]) == "" {
			c.addf("entry %d (%s) has no id", i, str(r["resourceType"]))
		}
		if c.in[key] {
			c.addf("%s twice in the Bundle", key)
		}
		c.in[key] = true
		if u := str(em["fullUrl"]); u != "" {
			c.in[u] = true
		}
		resources = append(resources, r)
	}
	for _, r := range resources {
		c.resource(r)
	}
	return c.problems
}

type checker struct {
	in       map[string]bool // Type/id and fullUrl of every entry
	where    string
	problems []string
	// local are the "#id" of the resources contained in the resource
	// checked, and referenced those of them a reference names.
	local, referenced map[string]bool
}

func (c *checker) addf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if c.where != "" {
		msg = c.where + ": " + msg
	}
	c.problems = append(c.problems, msg)
}

func (c *checker) list(name string) *CodeList {
	l, err := Codes(name)
	if err != nil {
		panic(err) // the vendored files are part of the test
	}
	return l
}

// resource checks an entry's resource and each resource it contains: a
// contained resource has an id, contains none itself and is referenced
// from the resource (dom-2, dom-3); a reference "#id" resolves to it.
func (c *checker) resource(r map[string]any) {
	where := str(r["resourceType"]) + "/" + str(r["id"])
	defer func() { c.where, c.local, c.referenced = "", nil, nil }()
	contained := arr(r["contained"])
	c.local, c.referenced = map[string]bool{}, map[string]bool{}
	for _, cr := range contained {
		c.where = where
		id := str(cr["id"])
		if id == "" || c.local["#"+id] {
			c.addf("a contained %s without an id of its own", str(cr["resourceType"]))
		}
		if cr["contained"] != nil {
			c.addf("contained %s contains resources itself", id)
		}
		c.local["#"+id] = true
	}
	top := map[string]any{}
	for k, v := range r {
		if k != "contained" {
			top[k] = v
		}
	}
	c.where = where
	c.check(top)
	for _, cr := range contained {
		c.where = where + " #" + str(cr["id"])
		c.check(cr)
	}
	c.where = where
	for id := range c.local {
		if !c.referenced[id] {
			c.addf("contained %s is referenced from nowhere in the resource", id)
		}
	}
}

// check checks one resource, not what it contains.
func (c *checker) check(r map[string]any) {
	typ := str(r["resourceType"])
	profiles, _ := get(r, "meta", "profile").([]any)
	if len(profiles) != 1 || str(profiles[0]) == "" {
		c.addf("meta.profile has %d profiles, want exactly one", len(profiles))
	}
	profile := ""
	if len(profiles) > 0 {
		profile = str(profiles[0])
	}
	c.required(typ, r)
	walk(r, "", c.element)

	switch {
	case typ == "Patient" && profile == profilePatient:
		c.patient(r)
	case typ == "RelatedPerson" && profile == profileContactPerson:
		for _, cd := range codings(r["relationship"]) {
			l := c.list("contact-relation")
			if contactRoleSystems[cd.system] {
				l = c.list("contact-role")
			}
			c.in_(l, cd, "relationship")
		}
	case typ == "CareTeam" && profile == profileCareTeam:
		for _, p := range arr(r["participant"]) {
			for _, cd := range codings(get(p, "role")) {
				c.in_(c.list("care-provider-role"), cd, "participant.role")
			}
		}
	case typ == "PractitionerRole" && profile == profilePractitionerRole:
		for _, cd := range codings(r["code"]) {
			if cd.system == snomed {
				c.in_(c.list("care-provider-role"), cd, "code")
			}
		}
	case typ == "Consent" && profile == profileTreatmentDir:
		c.fixed(codings(r["scope"]), consentScope, "treatment", "scope", true)
		c.fixed(codings(r["category"]), snomed, "129125009", "category", false)
		cds := codings(get(r, "provision", "code"))
		if len(cds) == 0 {
			c.addf("a treatment directive without a coded treatment (provision.code)")
		}
		for _, cd := range cds {
			c.in_(c.list("treatment"), cd, "provision.code")
		}
		if t := str(get(r, "provision", "type")); t != "" {
			c.provisionType(t)
		} else if !hasExtension(r["modifierExtension"], extSpecificationOthr) {
			c.addf("no provision.type and no SpecificationOther saying why")
		}
	case typ == "Consent" && profile == profileProviderConsent:
		c.fixed(codings(r["scope"]), consentScope, "patient-privacy", "scope", true)
		c.fixed(codings(r["category"]), loinc, "59284-0", "category", false)
		t := str(get(r, "provision", "type"))
		if t == "" {
			c.addf("a provider consent without provision.type")
		}
		c.provisionType(t)
	case typ == "Observation" && profile == profilePlaceOfDeath:
		c.fixed(codings(r["code"]), snomed, fixedCodes[profile], "code", false)
		v, absent := r["valueCodeableConcept"], r["dataAbsentReason"]
		if (v == nil) == (absent == nil) {
			c.addf("a place of death needs exactly one of valueCodeableConcept and dataAbsentReason")
		}
		for _, cd := range codings(v) {
			c.in_(c.list("place-of-death"), cd, "valueCodeableConcept")
		}
	case (typ == "Observation" || typ == "Procedure") && fixedCodes[profile] != "":
		c.fixed(codings(r["code"]), snomed, fixedCodes[profile], "code", false)
	}
}

// element checks what holds for every element: codings have a system and
// a code, extensions a url, annotations a text, references resolve.
func (c *checker) element(path string, m map[string]any) {
	if cs, ok := m["coding"].([]any); ok {
		for _, cd := range cs {
			cm, _ := cd.(map[string]any)
			if str(cm["system"]) == "" || str(cm["code"]) == "" {
				c.addf("%s.coding without system or code", path)
			}
		}
	}
	for _, k := range []string{"extension", "modifierExtension"} {
		for _, e := range arr(m[k]) {
			if str(e["url"]) == "" {
				c.addf("%s.%s without url", path, k)
			}
		}
	}
	for _, n := range arr(m["note"]) {
		if str(n["text"]) == "" {
			c.addf("%s.note without text", path)
		}
	}
	if ref, ok := m["reference"].(string); ok {
		switch {
		case ref == "":
			c.addf("%s.reference is empty", path)
		case c.local[ref]:
			c.referenced[ref] = true
		case !c.in[ref]:
			c.addf("%s.reference %q does not resolve inside the Bundle", path, ref)
		}
	}
}

func (c *checker) required(typ string, r map[string]any) {
	for _, k := range requiredPrimitives[typ] {
		if str(r[k]) == "" {
			c.addf("%s has no %s", typ, k)
		}
	}
	if typ == "CarePlan" {
		for _, a := range arr(r["activity"]) {
			if d, ok := a["detail"].(map[string]any); ok && str(d["status"]) == "" {
				c.addf("CarePlan.activity.detail has no status")
			}
		}
	}
	if typ == "Bundle" {
		for _, l := range arr(r["link"]) {
			if str(l["relation"]) == "" || str(l["url"]) == "" {
				c.addf("Bundle.link without relation or url")
			}
		}
	}
}

func (c *checker) patient(r map[string]any) {
	if str(r["gender"]) == "" {
		return
	}
	var spec []coding
	for _, e := range arr(get(r, "_gender", "extension")) {
		if str(e["url"]) == extCodeSpecification {
			spec = append(spec, codings(e["valueCodeableConcept"])...)
		}
	}
	if len(spec) == 0 {
		c.addf("gender without its GeslachtCodelijst code (_gender ext-CodeSpecification)")
	}
	for _, cd := range spec {
		c.in_(c.list("gender"), cd, "_gender")
	}
}

func (c *checker) provisionType(t string) {
	if !c.list("provision-type").Has("http://hl7.org/fhir/consent-provision-type", t) {
		c.addf("provision.type %q is not in consent-provision-type", t)
	}
}

// in_ reports a coding outside the list.
func (c *checker) in_(l *CodeList, cd coding, elem string) {
	if !l.Has(cd.system, cd.code) {
		c.addf("%s %s|%s is not in %s", elem, cd.system, cd.code, l.Name)
	}
}

// fixed reports when the codings lack system|code, or (only) hold others.
func (c *checker) fixed(cds []coding, system, code, elem string, only bool) {
	found := false
	for _, cd := range cds {
		if cd.system == system && cd.code == code {
			found = true
		} else if only {
			c.addf("%s holds %s|%s besides %s|%s", elem, cd.system, cd.code, system, code)
		}
	}
	if !found {
		c.addf("%s is not %s|%s", elem, system, code)
	}
}

type coding struct{ system, code string }

// codings returns the codings of a CodeableConcept or a list of them.
func codings(v any) []coding {
	var out []coding
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			out = append(out, codings(x)...)
		}
	case map[string]any:
		for _, cd := range arr(v["coding"]) {
			out = append(out, coding{str(cd["system"]), str(cd["code"])})
		}
	}
	return out
}

func hasExtension(v any, url string) bool {
	for _, e := range arr(v) {
		if str(e["url"]) == url {
			return true
		}
	}
	return false
}

// walk calls fn for every object in v, with its path.
func walk(v any, path string, fn func(string, map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		fn(strings.TrimPrefix(path, "."), v)
		for k, x := range v {
			walk(x, path+"."+k, fn)
		}
	case []any:
		for _, x := range v {
			walk(x, path, fn)
		}
	}
}

func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func arr(v any) []map[string]any {
	xs, _ := v.([]any)
	var out []map[string]any
	for _, x := range xs {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
