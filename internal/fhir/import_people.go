package fhir

import (
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

func (m *importer) organization(r *Organization) {
	if strings.HasPrefix(r.ID, "nm-org-") {
		n := m.networkMember(m.scopedID("nm-org-", r.ID))
		n.Organisation = r.Name
		return
	}
	o := &m.in.Organisation
	o.ID = m.scopedID("org-", r.ID)
	o.Name = r.Name
	o.URA = identifier(r.Identifier, SystemURA)
}

func (m *importer) patient(r *Patient) {
	f := &m.in.Family
	m.fam = identifier(r.Identifier, sysFamily)
	f.ID = atoi(m.fam, &m.err)
	f.OrganisationID = m.in.Organisation.ID
	f.BSN = identifier(r.Identifier, SystemBSN)
	if len(r.Name) > 0 {
		f.ChildName = r.Name[0].Text
	}
	for sex, g := range genders {
		if g.gender == r.Gender {
			f.Sex = sex
		}
	}
	e := m.ext(r)
	if sex := e.code("sex"); sex != "" {
		f.Sex = sex
	}
	f.Unborn = e.boolean("unborn")
	if f.Unborn {
		f.BirthDate = e.date("expected-birth-date")
	} else {
		f.BirthDate = parseTime(r.BirthDate, &m.err)
	}
	f.Deceased = r.DeceasedBoolean != nil && *r.DeceasedBoolean
	m.deceased(r)
	f.LivingSituation = e.str("living-situation")
	f.CultureNotes = e.str("culture-notes")
	f.Intensity = care.Intensity(e.code("intensity"))
	f.NextContact = e.date("next-contact")
	f.Summary = e.str("summary")
	f.CreatedAt = e.instant("created")
	f.UpdatedAt = e.instant("updated")
	m.history(e)
}

func (m *importer) relatedPerson(r *RelatedPerson) {
	mem := care.Member{ID: m.scopedID("member-", r.ID), FamilyID: m.in.Family.ID}
	for _, rel := range r.Relationship {
		if rel.Has(roleLegalRep.System, roleLegalRep.Code) {
			mem.Custody = true
		} else {
			mem.Relation = rel.Text
		}
	}
	if len(r.Name) > 0 {
		mem.Name = r.Name[0].Text
	}
	mem.Phone, mem.Email = telecomOf(r.Telecom)
	mem.BirthDate = parseTime(r.BirthDate, &m.err)
	if r.Period != nil {
		mem.EndedOn = parseTime(r.Period.End, &m.err)
	}
	if len(r.Communication) > 0 {
		mem.Language = r.Communication[0].Language.Text
	}
	e := m.ext(r)
	mem.Kind = e.code("member-kind")
	mem.Notes = e.str("notes")
	m.readCorrections(e, care.CorrectMember, mem.ID)
	m.in.Members = append(m.in.Members, mem)
}

func telecomOf(ts []ContactPoint) (phone, email string) {
	for _, t := range ts {
		switch t.System {
		case "phone":
			phone = t.Value
		case "email":
			email = t.Value
		}
	}
	return phone, email
}

// networkMember returns the network member with id, adding it when new.
func (m *importer) networkMember(id int64) *care.NetworkMember {
	for i := range m.in.Network {
		if m.in.Network[i].ID == id {
			return &m.in.Network[i]
		}
	}
	m.in.Network = append(m.in.Network, care.NetworkMember{ID: id, FamilyID: m.in.Family.ID})
	return &m.in.Network[len(m.in.Network)-1]
}

func (m *importer) practitioner(r *Practitioner) {
	name := ""
	if len(r.Name) > 0 {
		name = r.Name[0].Text
	}
	if strings.HasPrefix(r.ID, "cm-") {
		if m.caseManagerNames == nil {
			m.caseManagerNames = map[int64]string{}
		}
		m.caseManagerNames[m.scopedID("cm-", r.ID)] = name
		return
	}
	m.networkMember(m.scopedID("nm-", r.ID)).Name = name
}

func (m *importer) practitionerRole(r *PractitionerRole) {
	e := m.ext(r)
	if role, kind, ok := cutLast(r.ID, "-"); ok && strings.HasPrefix(r.ID, "cm-") {
		acc := m.scopedID("cm-", role)
		p := care.Person{AccountID: acc, Name: m.caseManagerNames[acc]}
		reach := care.Reachability{Hours: r.AvailabilityExceptions, StandIn: e.str("stand-in")}
		reach.WorkPhone, _ = telecomOf(r.Telecom)
		switch kind {
		case "kct":
			m.in.CaseManagers.KCT, m.in.CaseManagers.KCTReach = p, reach
		case "thuis":
			m.in.CaseManagers.Thuis, m.in.CaseManagers.ThuisReach = p, reach
		default:
			m.fail("case manager role %q", r.ID)
		}
		return
	}
	n := m.networkMember(m.scopedID("nm-", r.ID))
	if len(r.Code) > 0 && len(r.Code[0].Coding) > 0 {
		n.Role = r.Code[0].Coding[0].Code
	}
	n.Phone, n.Email = telecomOf(r.Telecom)
	n.Reachability = r.AvailabilityExceptions
	if r.Period != nil {
		n.StartedOn = parseTime(r.Period.Start, &m.err)
		n.EndedOn = parseTime(r.Period.End, &m.err)
	}
	n.Line = int(e.integer("line-of-care"))
	n.Domain = e.str("domain")
	n.AlwaysReachable = e.boolean("always-reachable")
	n.Responsibilities = e.str("responsibilities")
	n.Bereavement = e.boolean("bereavement")
	m.readCorrections(e, care.CorrectNetworkMember, n.ID)
}

// cutLast cuts s around the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}
