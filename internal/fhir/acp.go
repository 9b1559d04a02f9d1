package fhir

import (
	"github.com/spil-zorg/spil/internal/care"
)

// Proactive care planning (PZP) on the IKNL profiles.

// directiveCodes are the treatments of Spil's directives, in SNOMED CT as
// the zib BehandelingCodelijst has them; "other" is the NullFlavor OTH,
// with the treatment's name as the text.
var directiveCodes = map[string]Coding{
	"resuscitation": {System: SystemSNOMED, Code: "89666000", Display: "Cardiopulmonary resuscitation"},
	"ventilation":   {System: SystemSNOMED, Code: "40617009", Display: "Artificial respiration"},
	"icu":           {System: SystemSNOMED, Code: "305351004", Display: "Admit to ITU"},
	"hospital":      {System: SystemSNOMED, Code: "32485007", Display: "Hospital admission"},
	"other":         {System: SystemNullFlavor, Code: "OTH", Display: "Other"},
}

// The IG's rule for the decision (BehandelBesluit): yes is permit, no is
// deny; "yes with limits" and "not discussed" set no provision.type but
// say so in the SpecificationOther modifier extension.
const (
	specYesBut       = "Ja, maar met beperkingen"
	specNotDiscussed = "Niet besproken"
	specUnknown      = "Onbekend"
)

var (
	treatmentScope   = Coding{System: SystemConsentScp, Code: "treatment"}
	treatmentDirCat  = Coding{System: SystemSNOMED, Code: "129125009", Display: "Procedure with explicit context"}
	privacyScope     = Coding{System: SystemConsentScp, Code: "patient-privacy"}
	privacyCategory  = Coding{System: SystemLOINC, Code: "59284-0", Display: "Patient Consent"}
	placeOfDeathCode = Coding{System: SystemSNOMED, Code: "395091006", Display: "Preferred place of death"}
	careWishesCode   = Coding{System: SystemSNOMED, Code: "153851000146100"}
	careWishesMethod = Coding{System: SystemSNOMED, Code: "370819000"}
	otherInfoCode    = Coding{System: SystemSNOMED, Code: "247751003"}
	acpProcedureCode = Coding{System: SystemSNOMED, Code: "713603004", Display: "Advance care planning"}
)

// placeCodes are the preferred places of death (ACP-PreferredPlaceOfDeath).
var placeCodes = map[string]Coding{
	"home":     {System: SystemSNOMED, Code: "264362003", Display: "Home"},
	"hospital": {System: SystemSNOMED, Code: "22232009", Display: "Hospital"},
	"hospice":  {System: SystemSNOMED, Code: "284546000", Display: "Hospice"},
	"other":    {System: SystemNullFlavor, Code: "OTH", Display: "Other"},
}

// placeAbsent: "not discussed" is a question not asked; "not now" is a
// question asked whose answer the family does not want to give now.
var placeAbsent = map[string]Coding{
	"not_discussed": {System: SystemAbsent, Code: "not-asked", Display: "Not Asked"},
	"not_now":       {System: SystemAbsent, Code: "asked-declined", Display: "Asked But Declined"},
}

// The policy a treatment directive and a consent follow: Dutch law.
const (
	policyDutchLaw = "https://wetten.overheid.nl/"
	policyWGBO     = "https://wetten.overheid.nl/BWBR0005290"
)

func directiveID(fam, kind string) string { return "directive-" + fam + "-" + kind }
func placeOfDeathID(fam string) string    { return "place-of-death-" + fam }
func careWishesID(fam string) string      { return "care-wishes-" + fam }
func otherInfoID(fam string) string       { return "other-info-" + fam }
func acpProcID(fam, conv string) string   { return "acp-" + fam + "-" + conv }
func acpEncID(fam, conv string) string    { return "acp-encounter-" + fam + "-" + conv }

// acpRefs are the proactive care planning resources the plan holds, for
// CarePlan.supportingInfo.
func (x *exporter) acpRefs() []Reference {
	a := x.in.Plan.ACP
	var out []Reference
	for _, c := range a.Conversations {
		out = append(out, refv("Procedure", acpProcID(x.fam, c.ID)))
	}
	for _, d := range a.Directives {
		out = append(out, refv("Consent", directiveID(x.fam, d.Kind)))
	}
	if a.PlaceOfDeath.Place != "" {
		out = append(out, refv("Observation", placeOfDeathID(x.fam)))
	}
	if a.CareWishes != "" {
		out = append(out, refv("Observation", careWishesID(x.fam)))
	}
	if a.Other != "" {
		out = append(out, refv("Observation", otherInfoID(x.fam)))
	}
	return out
}

func (x *exporter) acp() {
	a := x.in.Plan.ACP
	for _, c := range a.Conversations {
		enc := &Encounter{Status: "finished", Class: classAmbulatory, Subject: x.patientRef().ptr()}
		enc.Identifier = []Identifier{{System: sysPlanItem, Value: c.ID}}
		if !c.Date.IsZero() {
			enc.Period = &Period{Start: fmtDate(c.Date), End: fmtDate(c.Date)}
		}
		ee := &exts{}
		ee.str("participants", c.Participants)
		x.add(enc, "Encounter", acpEncID(x.fam, c.ID), ProfileACPEncounter, ee)
		pr := &Procedure{Status: "completed", Code: CodeableConcept{Coding: []Coding{acpProcedureCode}}, Subject: x.patientRef(),
			Encounter: ref("Encounter", acpEncID(x.fam, c.ID))}
		pr.Identifier = []Identifier{{System: sysPlanItem, Value: c.ID}}
		if !c.Date.IsZero() {
			pr.PerformedPeriod = &Period{Start: fmtDate(c.Date), End: fmtDate(c.Date)}
		}
		if c.Topics != "" {
			pr.Note = []Annotation{{Text: c.Topics}}
		}
		pe := &exts{}
		pe.str("record", c.Record)
		x.add(pr, "Procedure", acpProcID(x.fam, c.ID), ProfileACPProcedure, pe)
	}
	for _, d := range a.Directives {
		c := DirectiveConsent(d)
		c.Patient = ref("Patient", patientID(x.fam))
		x.add(c, "Consent", directiveID(x.fam, d.Kind), ProfileACPTreatmentDirective, nil)
	}
	if a.PlaceOfDeath.Place != "" {
		o := PlaceOfDeathObservation(a.PlaceOfDeath)
		o.Subject = ref("Patient", patientID(x.fam))
		x.add(o, "Observation", placeOfDeathID(x.fam), ProfileACPPlaceOfDeath, nil)
	}
	if a.CareWishes != "" {
		o := &Observation{Status: "final", Code: CodeableConcept{Coding: []Coding{careWishesCode}}, Subject: ref("Patient", patientID(x.fam)),
			ValueString: &a.CareWishes, Method: &CodeableConcept{Coding: []Coding{careWishesMethod}}}
		x.add(o, "Observation", careWishesID(x.fam), ProfileACPCareWishes, nil)
	}
	if a.Other != "" {
		o := &Observation{Status: "final", Code: CodeableConcept{Coding: []Coding{otherInfoCode}}, Subject: ref("Patient", patientID(x.fam)),
			ValueString: &a.Other}
		x.add(o, "Observation", otherInfoID(x.fam), ProfileACPOtherInfo, nil)
	}
}

func (r Reference) ptr() *Reference { return &r }

// DirectiveConsent is a treatment directive as a Consent on
// ACP-TreatmentDirective, without its patient.
func DirectiveConsent(d care.Directive) *Consent {
	c := &Consent{Status: "active", Scope: CodeableConcept{Coding: []Coding{treatmentScope}},
		Category: []CodeableConcept{{Coding: []Coding{treatmentDirCat}}},
		DateTime: fmtDate(d.Date), Policy: []ConsentPolicy{{URI: policyDutchLaw}}}
	p := &Provision{}
	code := CodeableConcept{Text: d.Label}
	if cd, ok := directiveCodes[d.Kind]; ok {
		code.Coding = []Coding{cd}
	}
	p.Code = []CodeableConcept{code}
	switch d.Decision {
	case "yes":
		p.Type = "permit"
	case "no":
		p.Type = "deny"
	case "yes_but":
		c.ModifierExtension = specificationOther(specYesBut)
	case "not_discussed":
		c.ModifierExtension = specificationOther(specNotDiscussed)
	default:
		c.ModifierExtension = specificationOther(specUnknown)
	}
	c.Provision = p
	e := &exts{}
	if d.Detail != "" {
		detail := d.Detail
		e.list = append(e.list, Extension{URL: ExtComment, ValueString: &detail})
	}
	if _, ok := directiveCodes[d.Kind]; !ok {
		e.code("directive-kind", d.Kind)
	}
	if d.Decision != "" && d.Decision != "yes" && d.Decision != "no" && d.Decision != "yes_but" && d.Decision != "not_discussed" {
		e.code("directive-decision", d.Decision)
	}
	e.str("agreed-by", d.AgreedBy)
	c.Extension = e.list
	return c
}

func specificationOther(s string) []Extension {
	return []Extension{{URL: ExtSpecificationOther, ValueString: &s}}
}

// DirectiveOf reads a treatment directive back from its Consent.
func DirectiveOf(c *Consent) (care.Directive, error) {
	var err error
	e := newReader(c.Extension, &err)
	d := care.Directive{Date: parseTime(c.DateTime, &err), AgreedBy: e.str("agreed-by")}
	for _, x := range c.Extension {
		if x.URL == ExtComment && x.ValueString != nil {
			d.Detail = *x.ValueString
		}
	}
	if c.Provision != nil && len(c.Provision.Code) == 1 {
		code := c.Provision.Code[0]
		d.Label = code.Text
		for kind, cd := range directiveCodes {
			if code.Has(cd.System, cd.Code) {
				d.Kind = kind
			}
		}
	}
	if k := e.code("directive-kind"); k != "" {
		d.Kind = k
	}
	spec := ""
	for _, x := range c.ModifierExtension {
		if x.URL == ExtSpecificationOther && x.ValueString != nil {
			spec = *x.ValueString
		}
	}
	typ := ""
	if c.Provision != nil {
		typ = c.Provision.Type
	}
	switch {
	case typ == "permit" && spec == "":
		d.Decision = "yes"
	case typ == "deny" && spec == "":
		d.Decision = "no"
	case typ == "" && spec == specYesBut:
		d.Decision = "yes_but"
	case typ == "" && spec == specNotDiscussed:
		d.Decision = "not_discussed"
	case typ == "" && spec == specUnknown:
		d.Decision = e.code("directive-decision")
	default:
		if err == nil {
			err = errorf("a treatment directive with type %q and specification %q", typ, spec)
		}
	}
	return d, err
}

// PlaceOfDeathObservation is a preferred place of death as an Observation
// on ACP-PreferredPlaceOfDeath, without its subject.
func PlaceOfDeathObservation(p care.Preference) *Observation {
	o := &Observation{Status: "final", Code: CodeableConcept{Coding: []Coding{placeOfDeathCode}}}
	if cd, ok := placeCodes[p.Place]; ok {
		o.ValueCodeableConcept = &CodeableConcept{Coding: []Coding{cd}}
		if p.Place == "other" {
			o.ValueCodeableConcept.Text = p.Detail
		}
	} else if cd, ok := placeAbsent[p.Place]; ok {
		o.DataAbsentReason = &CodeableConcept{Coding: []Coding{cd}}
	} else {
		o.DataAbsentReason = &CodeableConcept{Coding: []Coding{{System: SystemAbsent, Code: "unknown", Display: "Unknown"}}, Text: p.Place}
	}
	if p.Detail != "" && p.Place != "other" {
		o.Note = []Annotation{{Text: p.Detail}}
	}
	return o
}

// PreferenceOf reads a preferred place of death back from its Observation.
func PreferenceOf(o *Observation) (care.Preference, error) {
	var p care.Preference
	switch {
	case o.ValueCodeableConcept != nil:
		for place, cd := range placeCodes {
			if o.ValueCodeableConcept.Has(cd.System, cd.Code) {
				p.Place = place
			}
		}
		if p.Place == "other" {
			p.Detail = o.ValueCodeableConcept.Text
		}
	case o.DataAbsentReason != nil:
		for place, cd := range placeAbsent {
			if o.DataAbsentReason.Has(cd.System, cd.Code) {
				p.Place = place
			}
		}
		if p.Place == "" {
			p.Place = o.DataAbsentReason.Text
		}
	}
	if len(o.Note) == 1 && p.Place != "other" {
		p.Detail = o.Note[0].Text
	}
	if p.Place == "" {
		return p, errorf("a preferred place of death without a place")
	}
	return p, nil
}

func (m *importer) directive(c *Consent) {
	d, err := DirectiveOf(c)
	if err != nil {
		m.fail("%v", err)
	}
	if m.in.Plan == nil {
		m.fail("a treatment directive without a plan")
		return
	}
	m.in.Plan.ACP.Directives = append(m.in.Plan.ACP.Directives, d)
}

func (m *importer) observation(o *Observation, profile string) {
	if m.in.Plan == nil {
		m.fail("a proactive care planning observation without a plan")
		return
	}
	a := &m.in.Plan.ACP
	switch profile {
	case ProfileACPPlaceOfDeath:
		p, err := PreferenceOf(o)
		if err != nil {
			m.fail("%v", err)
		}
		a.PlaceOfDeath = p
	case ProfileACPCareWishes:
		if o.ValueString != nil {
			a.CareWishes = *o.ValueString
		}
	case ProfileACPOtherInfo:
		if o.ValueString != nil {
			a.Other = *o.ValueString
		}
	default:
		m.fail("an observation on %q", profile)
	}
}

func (m *importer) acpEncounter(r *Encounter) {
	if m.in.Plan == nil {
		m.fail("a proactive care planning conversation without a plan")
		return
	}
	c := care.Conversation{ID: identifier(r.Identifier, sysPlanItem), Participants: m.ext(r).str("participants")}
	if r.Period != nil {
		c.Date = parseTime(r.Period.Start, &m.err)
	}
	m.in.Plan.ACP.Conversations = append(m.in.Plan.ACP.Conversations, c)
}

func (m *importer) acpProcedure(r *Procedure) {
	if m.in.Plan == nil || len(m.in.Plan.ACP.Conversations) == 0 {
		m.fail("a proactive care planning procedure without its conversation")
		return
	}
	c := &m.in.Plan.ACP.Conversations[len(m.in.Plan.ACP.Conversations)-1]
	if len(r.Note) == 1 {
		c.Topics = r.Note[0].Text
	}
	c.Record = m.ext(r).str("record")
}
