// Package fhir maps a family's file to FHIR R4 and back: Spil's own small
// types for the resources it emits, on the Dutch nl-core (zib 2020)
// profiles and the IKNL Proactieve Zorgplanning (PZP) profiles, with
// Spil-only data in extensions under one canonical base. Export is pure
// and deterministic; ExportFamily reads the file through care.Service;
// Import reads a Bundle back, for the round-trip tests. docs/fhir.md is
// the mapping.
package fhir

// Meta is Resource.meta: the profiles a resource claims.
type Meta struct {
	Profile     []string `json:"profile,omitempty"`
	LastUpdated string   `json:"lastUpdated,omitempty"`
}

// Extension is an extension, simple (one value) or complex (sub-extensions).
type Extension struct {
	URL                  string           `json:"url"`
	Extension            []Extension      `json:"extension,omitempty"`
	ValueString          *string          `json:"valueString,omitempty"`
	ValueBoolean         *bool            `json:"valueBoolean,omitempty"`
	ValueInteger         *int64           `json:"valueInteger,omitempty"`
	ValueDecimal         *float64         `json:"valueDecimal,omitempty"`
	ValueDate            string           `json:"valueDate,omitempty"`
	ValueDateTime        string           `json:"valueDateTime,omitempty"`
	ValueCode            string           `json:"valueCode,omitempty"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
	ValueReference       *Reference       `json:"valueReference,omitempty"`
}

// Element carries the extensions of a primitive value, written as
// "_field" next to "field" (nl-core puts code lists there).
type Element struct {
	Extension []Extension `json:"extension,omitempty"`
}

// Coding is a code from a code system.
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// CodeableConcept is codings and a text.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Has reports whether the concept holds code in system.
func (c *CodeableConcept) Has(system, code string) bool {
	if c == nil {
		return false
	}
	for _, cd := range c.Coding {
		if cd.System == system && cd.Code == code {
			return true
		}
	}
	return false
}

// Identifier is a business identifier.
type Identifier struct {
	Use    string           `json:"use,omitempty"`
	Type   *CodeableConcept `json:"type,omitempty"`
	System string           `json:"system,omitempty"`
	Value  string           `json:"value,omitempty"`
}

// Reference points at another resource: in the Bundle (Type/id), or at an
// organisation or person by identifier only.
type Reference struct {
	Reference  string      `json:"reference,omitempty"`
	Type       string      `json:"type,omitempty"`
	Identifier *Identifier `json:"identifier,omitempty"`
	Display    string      `json:"display,omitempty"`
}

// Period is a start and an end, either open.
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// HumanName is a person's name; Spil keeps a name as one text.
type HumanName struct {
	Use  string `json:"use,omitempty"`
	Text string `json:"text,omitempty"`
}

// ContactPoint is a phone number or e-mail address.
type ContactPoint struct {
	System string `json:"system,omitempty"`
	Value  string `json:"value,omitempty"`
	Use    string `json:"use,omitempty"`
}

// Annotation is a note.
type Annotation struct {
	Text string `json:"text"`
}

// Duration is a length of time in UCUM units.
type Duration struct {
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	System string  `json:"system,omitempty"`
	Code   string  `json:"code,omitempty"`
}

// Attachment is content, here by reference to a Binary.
type Attachment struct {
	ContentType string `json:"contentType,omitempty"`
	URL         string `json:"url,omitempty"`
	Title       string `json:"title,omitempty"`
	Size        int64  `json:"size,omitempty"`
	Hash        string `json:"hash,omitempty"`
	Creation    string `json:"creation,omitempty"`
}

// Quantity is a measured amount.
type Quantity struct {
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	System string  `json:"system,omitempty"`
	Code   string  `json:"code,omitempty"`
}

// ref returns a reference to resource type typ with id.
func ref(typ, id string) *Reference { return &Reference{Reference: typ + "/" + id} }

// refv is ref as a value.
func refv(typ, id string) Reference { return *ref(typ, id) }
