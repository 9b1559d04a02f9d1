package fhir

import (
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// Gender: Spil's sex to FHIR's administrative gender and the zib
// GeslachtCodelijst code nl-core puts in the gender's extension.
var genders = map[string]struct {
	gender string
	code   Coding
}{
	"female":  {"female", Coding{System: SystemV3Gender, Code: "F", Display: "Female"}},
	"male":    {"male", Coding{System: SystemV3Gender, Code: "M", Display: "Male"}},
	"other":   {"other", Coding{System: SystemV3Gender, Code: "UN", Display: "Undifferentiated"}},
	"unknown": {"unknown", Coding{System: SystemNullFlavor, Code: "UNK", Display: "Unknown"}},
}

// relations maps the words Spil's forms use for a family member's relation
// to the zib RelatieCodelijst (HL7 v3 RoleCode); the words themselves go
// in the concept's text, so nothing is lost when no code fits (OTH).
var relations = map[string]string{
	"moeder": "MTH", "vader": "FTH", "broer": "BRO", "zus": "SIS", "zuster": "SIS",
	"stiefmoeder": "STPMTH", "stiefvader": "STPFTH", "pleegmoeder": "MTHFOST", "pleegvader": "FTHFOST",
	"oma": "GRMTH", "opa": "GRFTH", "grootmoeder": "GRMTH", "grootvader": "GRFTH",
	"tante": "AUNT", "oom": "UNCLE", "adoptiefmoeder": "ADOPTM", "adoptiefvader": "ADOPTF",
}

// roleLegalRep is the zib RolCodelijst's "Wettelijke vertegenwoordiger"
// (legal representative): a parent or carer with custody.
var roleLegalRep = Coding{System: SystemRolCodelijst, Code: "24", Display: "Wettelijke vertegenwoordiger"}

// caseManagerRole is the SNOMED code of a case manager, from the zib
// ZorgverlenerRolCodelijst.
var caseManagerRole = Coding{System: SystemSNOMED, Code: "768832004", Display: "Case manager"}

func (x *exporter) organisation() {
	o := x.in.Organisation
	r := &Organization{Name: o.Name}
	r.Identifier = []Identifier{{System: sysOrganisation, Value: itoa(o.ID)}}
	if o.URA != "" {
		r.Identifier = append(r.Identifier, Identifier{System: SystemURA, Value: o.URA})
	}
	x.add(r, "Organization", orgID(x.fam, o.ID), ProfileOrganization, nil)
}

// orgRef refers to the organisation that keeps the file, by its URA too
// when it has one (as Shared Care Planning wants).
func (x *exporter) orgRef() *Reference {
	r := ref("Organization", orgID(x.fam, x.in.Organisation.ID))
	if x.in.Organisation.URA != "" {
		r.Identifier = &Identifier{System: SystemURA, Value: x.in.Organisation.URA}
	}
	return r
}

func (x *exporter) patient() {
	f := x.in.Family
	p := &Patient{ManagingOrganization: x.orgRef()}
	p.Identifier = []Identifier{{System: sysFamily, Value: x.fam}}
	if f.BSN != "" {
		p.Identifier = append(p.Identifier, Identifier{System: SystemBSN, Value: f.BSN})
	}
	if f.ChildName != "" {
		p.Name = []HumanName{{Use: "official", Text: f.ChildName}}
	}
	if g, ok := genders[f.Sex]; ok {
		code := g.code
		p.Gender = g.gender
		p.GenderElement = &Element{Extension: []Extension{{URL: ExtCodeSpecification,
			ValueCodeableConcept: &CodeableConcept{Coding: []Coding{code}}}}}
	}
	e := &exts{}
	if f.Unborn {
		e.boolean("unborn", true)
		e.date("expected-birth-date", f.BirthDate)
	} else {
		p.BirthDate = fmtDate(f.BirthDate)
	}
	x.deceased(p)
	e.str("living-situation", f.LivingSituation)
	e.str("culture-notes", f.CultureNotes)
	e.code("intensity", string(f.Intensity))
	e.date("next-contact", f.NextContact)
	e.str("summary", f.Summary)
	e.instant("created", f.CreatedAt)
	e.instant("updated", f.UpdatedAt)
	x.history(e)
	if f.Sex != "" {
		if _, ok := genders[f.Sex]; !ok {
			e.code("sex", f.Sex) // not a sex Spil knows: kept as it is
		}
	}
	x.add(p, "Patient", patientID(x.fam), ProfilePatient, e)
	x.placeOfDeath()
}

// deceased writes whether the child died: with a death record the date
// (and time, when known) of death, else only the fact.
func (x *exporter) deceased(p *Patient) {
	if d := x.in.Death; d != nil {
		p.DeceasedDateTime = deathDateTime(d)
		return
	}
	if x.in.Family.Deceased {
		t := true
		p.DeceasedBoolean = &t
	}
}

func (x *exporter) members() {
	for _, m := range x.in.Members {
		r := &RelatedPerson{Patient: x.patientRef(), BirthDate: fmtDate(m.BirthDate)}
		r.Identifier = []Identifier{{System: sysMember, Value: itoa(m.ID)}}
		if m.Custody {
			r.Relationship = append(r.Relationship, CodeableConcept{Coding: []Coding{roleLegalRep}})
		}
		if m.Relation != "" {
			code := relations[strings.ToLower(strings.TrimSpace(m.Relation))]
			if code == "" {
				code = "OTH"
			}
			r.Relationship = append(r.Relationship, CodeableConcept{Coding: []Coding{{System: relationSystem(code), Code: code}}, Text: m.Relation})
		}
		if m.Name != "" {
			r.Name = []HumanName{{Use: "usual", Text: m.Name}}
		}
		r.Telecom = telecom(m.Phone, m.Email, "home")
		if !m.EndedOn.IsZero() {
			r.Period = &Period{End: fmtDate(m.EndedOn)}
		}
		if m.Language != "" {
			r.Communication = []RelatedCommunication{{Language: CodeableConcept{Text: m.Language}}}
		}
		e := &exts{}
		e.code("member-kind", m.Kind)
		e.str("notes", m.Notes)
		x.corrections(e, care.CorrectMember, m.ID)
		x.add(r, "RelatedPerson", memberID(x.fam, m.ID), ProfileContactPerson, e)
	}
}

// relationSystem is the system of a RelatieCodelijst code: HL7 v3 RoleCode,
// but "other" is the NullFlavor OTH.
func relationSystem(code string) string {
	if code == "OTH" {
		return SystemNullFlavor
	}
	return SystemRoleCode
}

func telecom(phone, email, use string) []ContactPoint {
	var out []ContactPoint
	if phone != "" {
		out = append(out, ContactPoint{System: "phone", Value: phone, Use: use})
	}
	if email != "" {
		out = append(out, ContactPoint{System: "email", Value: email, Use: use})
	}
	return out
}

// caseManagerKinds are the two case managers of a family, in the order
// they are written.
var caseManagerKinds = []string{"kct", "thuis"}

func (x *exporter) caseManager(kind string) (care.Person, care.Reachability) {
	if kind == "kct" {
		return x.in.CaseManagers.KCT, x.in.CaseManagers.KCTReach
	}
	return x.in.CaseManagers.Thuis, x.in.CaseManagers.ThuisReach
}

func (x *exporter) caseManagers() {
	written := map[int64]bool{}
	for _, k := range caseManagerKinds {
		p, reach := x.caseManager(k)
		if p.AccountID == 0 {
			continue
		}
		if !written[p.AccountID] {
			written[p.AccountID] = true
			pr := &Practitioner{Identifier: []Identifier{{System: sysAccount, Value: itoa(p.AccountID)}}}
			if p.Name != "" {
				pr.Name = []HumanName{{Use: "official", Text: p.Name}}
			}
			x.add(pr, "Practitioner", caseManagerID(x.fam, p.AccountID), ProfilePractitioner, nil)
		}
		role := &PractitionerRole{Practitioner: ref("Practitioner", caseManagerID(x.fam, p.AccountID)), Organization: x.orgRef(),
			Code:                   []CodeableConcept{{Coding: []Coding{caseManagerRole, {System: csCaseManager, Code: k}}}},
			Telecom:                telecom(reach.WorkPhone, "", "work"),
			AvailabilityExceptions: reach.Hours}
		e := &exts{}
		e.str("stand-in", reach.StandIn)
		x.add(role, "PractitionerRole", caseRoleID(x.fam, p.AccountID, k), ProfilePractitionerRole, e)
	}
}

func (x *exporter) network() {
	for _, n := range x.in.Network {
		pr := &Practitioner{Identifier: []Identifier{{System: sysNetworkMember, Value: itoa(n.ID)}}}
		if n.Name != "" {
			pr.Name = []HumanName{{Use: "official", Text: n.Name}}
		}
		x.add(pr, "Practitioner", networkID(x.fam, n.ID), ProfilePractitioner, nil)
		role := &PractitionerRole{Practitioner: ref("Practitioner", networkID(x.fam, n.ID)),
			Identifier:             []Identifier{{System: sysNetworkMember, Value: itoa(n.ID)}},
			Telecom:                telecom(n.Phone, n.Email, "work"),
			AvailabilityExceptions: n.Reachability}
		if n.Role != "" {
			role.Code = []CodeableConcept{{Coding: []Coding{{System: csNetworkRole, Code: n.Role}}}}
		}
		if !n.StartedOn.IsZero() || !n.EndedOn.IsZero() {
			role.Period = &Period{Start: fmtDate(n.StartedOn), End: fmtDate(n.EndedOn)}
		}
		if n.Organisation != "" {
			org := &Organization{Name: n.Organisation}
			x.add(org, "Organization", networkOrgID(x.fam, n.ID), ProfileOrganization, nil)
			role.Organization = ref("Organization", networkOrgID(x.fam, n.ID))
		}
		e := &exts{}
		e.integer("line-of-care", int64(n.Line))
		e.str("domain", n.Domain)
		e.boolean("always-reachable", n.AlwaysReachable)
		e.str("responsibilities", n.Responsibilities)
		e.boolean("bereavement", n.Bereavement)
		x.corrections(e, care.CorrectNetworkMember, n.ID)
		x.add(role, "PractitionerRole", networkID(x.fam, n.ID), ProfilePractitionerRole, e)
	}
}

// careTeam writes the one care team around the child: the case managers
// (SNOMED 768832004) and every network member, for the time they are involved.
func (x *exporter) careTeam() {
	t := &CareTeam{Status: "active", Subject: ref("Patient", patientID(x.fam)), ManagingOrganization: []Reference{*x.orgRef()}}
	t.Identifier = []Identifier{{System: sysFamily, Value: x.fam}}
	for _, k := range caseManagerKinds {
		if p, _ := x.caseManager(k); p.AccountID != 0 {
			t.Participant = append(t.Participant, CareTeamParticipant{
				Role:   []CodeableConcept{{Coding: []Coding{caseManagerRole}}},
				Member: ref("PractitionerRole", caseRoleID(x.fam, p.AccountID, k))})
		}
	}
	for _, n := range x.in.Network {
		p := CareTeamParticipant{Member: ref("PractitionerRole", networkID(x.fam, n.ID))}
		if !n.StartedOn.IsZero() || !n.EndedOn.IsZero() {
			p.Period = &Period{Start: fmtDate(n.StartedOn), End: fmtDate(n.EndedOn)}
		}
		t.Participant = append(t.Participant, p)
	}
	x.add(t, "CareTeam", teamID(x.fam), ProfileCareTeam, nil)
}
