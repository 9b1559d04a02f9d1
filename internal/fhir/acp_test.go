package fhir

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spil-zorg/spil/internal/care"
)

// TestDirectiveMapping: each treatment and each decision to its FHIR form
// and back, as the PZP IG's TreatmentDirective says: yes is permit, no is
// deny, "yes with limits" and "not discussed" have no provision.type and
// say so in the SpecificationOther modifier extension.
func TestDirectiveMapping(t *testing.T) {
	date := day("2026-09-01")
	tests := []struct {
		name    string
		in      care.Directive
		system  string
		code    string
		text    string
		typ     string // provision.type
		spec    string // SpecificationOther
		comment string // ext-Comment
	}{
		{"resuscitation no", care.Directive{Kind: "resuscitation", Decision: "no", Date: date, AgreedBy: "Ouders"},
			SystemSNOMED, "89666000", "", "deny", "", ""},
		{"ventilation yes", care.Directive{Kind: "ventilation", Decision: "yes", Date: date, AgreedBy: "Ouders"},
			SystemSNOMED, "40617009", "", "permit", "", ""},
		{"icu yes with limits", care.Directive{Kind: "icu", Decision: "yes_but", Detail: "Alleen na overleg met de ouders", Date: date, AgreedBy: "Ouders"},
			SystemSNOMED, "305351004", "", "", "Ja, maar met beperkingen", "Alleen na overleg met de ouders"},
		{"hospital not discussed", care.Directive{Kind: "hospital", Decision: "not_discussed"},
			SystemSNOMED, "32485007", "", "", "Niet besproken", ""},
		{"other with its label", care.Directive{Kind: "other", Label: "Sondevoeding", Decision: "no", Date: date, AgreedBy: "Ouders"},
			SystemNullFlavor, "OTH", "Sondevoeding", "deny", "", ""},
		{"other not discussed", care.Directive{Kind: "other", Label: "Bloedtransfusie", Decision: "not_discussed"},
			SystemNullFlavor, "OTH", "Bloedtransfusie", "", "Niet besproken", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DirectiveConsent(tt.in)
			if len(c.Provision.Code) != 1 || !c.Provision.Code[0].Has(tt.system, tt.code) || c.Provision.Code[0].Text != tt.text {
				t.Errorf("provision.code = %+v, want %s|%s text %q", c.Provision.Code, tt.system, tt.code, tt.text)
			}
			if c.Provision.Type != tt.typ {
				t.Errorf("provision.type = %q, want %q", c.Provision.Type, tt.typ)
			}
			spec := ""
			for _, e := range c.ModifierExtension {
				if e.URL == ExtSpecificationOther {
					spec = *e.ValueString
				}
			}
			if spec != tt.spec {
				t.Errorf("SpecificationOther = %q, want %q", spec, tt.spec)
			}
			comment := ""
			for _, e := range c.Extension {
				if e.URL == ExtComment {
					comment = *e.ValueString
				}
			}
			if comment != tt.comment {
				t.Errorf("comment = %q, want %q", comment, tt.comment)
			}
			if !c.Scope.Has(SystemConsentScp, "treatment") || len(c.Category) != 1 || !c.Category[0].Has(SystemSNOMED, "129125009") {
				t.Errorf("scope %+v, category %+v: want treatment and SNOMED 129125009", c.Scope, c.Category)
			}
			// Through JSON and back.
			data, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			var again Consent
			if err := json.Unmarshal(data, &again); err != nil {
				t.Fatal(err)
			}
			got, err := DirectiveOf(&again)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.in, got); diff != "" {
				t.Errorf("back from FHIR (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDirectiveOfRefusesMixedDecisions: a permit that also says "not
// discussed" is not a directive Spil can read.
func TestDirectiveOfRefusesMixedDecisions(t *testing.T) {
	c := DirectiveConsent(care.Directive{Kind: "icu", Decision: "not_discussed"})
	c.Provision.Type = "permit"
	if _, err := DirectiveOf(c); err == nil {
		t.Error("permit with SpecificationOther read without an error")
	}
}

// TestPlaceOfDeathMapping: each place to its FHIR form and back; "not
// discussed" and "not now" are a dataAbsentReason, "other" carries its
// words as the concept's text.
func TestPlaceOfDeathMapping(t *testing.T) {
	tests := []struct {
		in     care.Preference
		system string
		code   string // of the value, or of the dataAbsentReason
		absent bool
		text   string
		note   string
	}{
		{care.Preference{Place: "home"}, SystemSNOMED, "264362003", false, "", ""},
		{care.Preference{Place: "home", Detail: "Bij oma"}, SystemSNOMED, "264362003", false, "", "Bij oma"},
		{care.Preference{Place: "hospital", Detail: "Het UMC"}, SystemSNOMED, "22232009", false, "", "Het UMC"},
		{care.Preference{Place: "hospice", Detail: "Kinderhospice De Vlinder"}, SystemSNOMED, "284546000", false, "", "Kinderhospice De Vlinder"},
		{care.Preference{Place: "other", Detail: "Op de boot"}, SystemNullFlavor, "OTH", false, "Op de boot", ""},
		{care.Preference{Place: "not_discussed"}, SystemAbsent, "not-asked", true, "", ""},
		{care.Preference{Place: "not_now", Detail: "Na de zomer"}, SystemAbsent, "asked-declined", true, "", "Na de zomer"},
	}
	for _, tt := range tests {
		t.Run(tt.in.Place+" "+tt.in.Detail, func(t *testing.T) {
			o := PlaceOfDeathObservation(tt.in)
			if !o.Code.Has(SystemSNOMED, "395091006") {
				t.Errorf("code %+v, want SNOMED 395091006", o.Code)
			}
			concept := o.ValueCodeableConcept
			if tt.absent {
				concept = o.DataAbsentReason
				if o.ValueCodeableConcept != nil {
					t.Error("a value and a dataAbsentReason")
				}
			} else if o.DataAbsentReason != nil {
				t.Error("a dataAbsentReason with a place")
			}
			if !concept.Has(tt.system, tt.code) || concept.Text != tt.text {
				t.Errorf("concept %+v, want %s|%s text %q", concept, tt.system, tt.code, tt.text)
			}
			note := ""
			if len(o.Note) == 1 {
				note = o.Note[0].Text
			}
			if note != tt.note {
				t.Errorf("note %q, want %q", note, tt.note)
			}
			got, err := PreferenceOf(o)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.in {
				t.Errorf("back from FHIR: %+v, want %+v", got, tt.in)
			}
		})
	}
}
