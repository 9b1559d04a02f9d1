package fhir

import (
	"github.com/spil-zorg/spil/internal/care"
)

// recipientRole is the role of the provider a consent is for: the
// recipient of the information.
var recipientRole = Coding{System: SystemPartType, Code: "IRCP", Display: "information recipient"}

// consents writes each consent record (a grant or a withdrawal for one
// provider) as a Consent of scope patient-privacy: permit or deny, one per
// record, so the history stays as Spil keeps it.
func (x *exporter) consents() {
	for _, r := range x.in.Consents {
		c := &Consent{Status: "active", Scope: CodeableConcept{Coding: []Coding{privacyScope}},
			Category: []CodeableConcept{{Coding: []Coding{privacyCategory}}},
			Patient:  ref("Patient", patientID(x.fam)), DateTime: fmtInstant(r.At),
			Policy: []ConsentPolicy{{URI: policyWGBO}}}
		c.Identifier = []Identifier{{System: sysConsent, Value: itoa(r.ID)}}
		p := &Provision{Type: "deny"}
		if r.Granted {
			p.Type = "permit"
		}
		who := Reference{Identifier: &Identifier{System: sysNetworkMember, Value: itoa(r.NetworkMemberID)}}
		if x.has("PractitionerRole", networkID(x.fam, r.NetworkMemberID)) {
			who.Reference = "PractitionerRole/" + networkID(x.fam, r.NetworkMemberID)
		}
		p.Actor = []ProvisionActor{{Role: CodeableConcept{Coding: []Coding{recipientRole}}, Reference: who}}
		c.Provision = p
		e := &exts{}
		e.code("consent-scope", r.Scope)
		e.code("giver-kind", r.GiverKind)
		e.person("given-by", r.GivenBy.AccountID, r.GivenBy.Name)
		x.add(c, "Consent", consentID(x.fam, r.ID), ProfileSpilProviderConsent, e)
	}
}

func (m *importer) privacyConsent(c *Consent) {
	r := care.ConsentRecord{ID: m.scopedID("consent-", c.ID), FamilyID: m.in.Family.ID, At: parseTime(c.DateTime, &m.err)}
	if c.Provision == nil || len(c.Provision.Actor) != 1 || c.Provision.Actor[0].Reference.Identifier == nil {
		m.fail("a consent without its provider")
		return
	}
	r.Granted = c.Provision.Type == "permit"
	r.NetworkMemberID = atoi(c.Provision.Actor[0].Reference.Identifier.Value, &m.err)
	e := m.ext(c)
	r.Scope = e.code("consent-scope")
	r.GiverKind = e.code("giver-kind")
	r.GivenBy.AccountID, r.GivenBy.Name = e.person("given-by")
	m.in.Consents = append(m.in.Consents, r)
}
