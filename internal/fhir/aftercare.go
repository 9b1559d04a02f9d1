package fhir

import "github.com/spil-zorg/spil/internal/care"

// The aftercare plan after a child's death: who the bereavement support
// is for (the parents, or a brother or sister), who gives it, and the
// follow-up contacts planned by date. The plan is a CarePlan on Spil's
// profile spil-AftercarePlan with one activity per person it is for: the
// supporter the activity's performer (their PractitionerRole when they
// are in the network, else their name), the wishes its description. Each
// follow-up contact is a Task on spil-AftercareContact, based on the
// plan: due by restriction.period.end, done by executionPeriod.end.

// ProfileSpilAftercarePlan is Spil's profile for the aftercare plan.
const ProfileSpilAftercarePlan = SpilBase + "StructureDefinition/spil-AftercarePlan"

// ProfileSpilAftercareContact is Spil's profile for a follow-up contact
// of the aftercare plan.
const ProfileSpilAftercareContact = SpilBase + "StructureDefinition/spil-AftercareContact"

var sysAftercareContact = SpilSystem("NamingSystem", "aftercare-contact")

func aftercareID(fam string) string { return "aftercare-" + fam }
func aftercareContactID(fam string, id int64) string {
	return scopedID("aftercare-contact-", fam, id)
}

func (x *exporter) aftercare() {
	a := x.in.Aftercare
	if a == nil || len(a.People) == 0 && len(a.Contacts) == 0 {
		return
	}
	plan := &CarePlan{Status: "active", Intent: "plan", Subject: refv("Patient", patientID(x.fam))}
	for _, p := range a.People {
		e := &exts{}
		e.integer("aftercare-person", p.ID)
		e.integer("for-member", p.MemberID)
		d := &ActivityDetail{Status: "in-progress", Description: p.Wishes}
		if p.NetworkID != 0 || p.Supporter != "" {
			who := Reference{Display: p.Supporter}
			if p.NetworkID != 0 {
				who.Identifier = &Identifier{System: sysNetworkMember, Value: itoa(p.NetworkID)}
				if x.has("PractitionerRole", networkID(x.fam, p.NetworkID)) {
					who.Reference = "PractitionerRole/" + networkID(x.fam, p.NetworkID)
				}
			}
			d.Performer = []Reference{who}
		}
		plan.Activity = append(plan.Activity, CarePlanActivity{Extension: e.list, Detail: d})
	}
	x.add(plan, "CarePlan", aftercareID(x.fam), ProfileSpilAftercarePlan, nil)
	for _, c := range a.Contacts {
		t := &Task{Status: "requested", Intent: "plan", Description: c.Note, For: ref("Patient", patientID(x.fam)),
			BasedOn: []Reference{refv("CarePlan", aftercareID(x.fam))}, Restriction: &TaskRestriction{Period: &Period{End: fmtDate(c.DueOn)}}}
		t.Identifier = []Identifier{{System: sysAftercareContact, Value: itoa(c.ID)}}
		if c.Done() {
			t.Status, t.ExecutionPeriod = "completed", &Period{End: fmtDate(c.DoneOn)}
		}
		e := &exts{}
		e.person("done-by", c.DoneBy.AccountID, c.DoneBy.Name)
		x.add(t, "Task", aftercareContactID(x.fam, c.ID), ProfileSpilAftercareContact, e)
	}
}

// aftercareOf is the aftercare plan being read, made on its first part.
func (m *importer) aftercareOf() *care.Aftercare {
	if m.in.Aftercare == nil {
		m.in.Aftercare = &care.Aftercare{}
	}
	return m.in.Aftercare
}

func (m *importer) aftercarePlan(r *CarePlan) {
	if r.ID != aftercareID(m.fam) {
		m.fail("aftercare plan %s of another family", r.ID)
		return
	}
	a := m.aftercareOf()
	for _, act := range r.Activity {
		e := newReader(act.Extension, &m.err)
		p := care.AftercarePerson{FamilyID: m.in.Family.ID, ID: e.integer("aftercare-person"), MemberID: e.integer("for-member")}
		if act.Detail == nil || len(act.Detail.Performer) > 1 {
			m.fail("aftercare plan %s: a person without their activity", r.ID)
			return
		}
		p.Wishes = act.Detail.Description
		if len(act.Detail.Performer) == 1 {
			who := act.Detail.Performer[0]
			p.Supporter = who.Display
			if who.Identifier != nil {
				if who.Identifier.System != sysNetworkMember {
					m.fail("an aftercare supporter in %q", who.Identifier.System)
				}
				p.NetworkID = atoi(who.Identifier.Value, &m.err)
			}
		}
		a.People = append(a.People, p)
	}
}

func (m *importer) aftercareContact(r *Task) {
	c := care.AftercareContact{ID: m.scopedID("aftercare-contact-", r.ID), FamilyID: m.in.Family.ID, Note: r.Description}
	if r.Restriction == nil || r.Restriction.Period == nil {
		m.fail("aftercare contact %s without its date", r.ID)
		return
	}
	c.DueOn = parseTime(r.Restriction.Period.End, &m.err)
	if r.ExecutionPeriod != nil {
		c.DoneOn = parseTime(r.ExecutionPeriod.End, &m.err)
	}
	c.DoneBy.AccountID, c.DoneBy.Name = m.ext(r).person("done-by")
	a := m.aftercareOf()
	a.Contacts = append(a.Contacts, c)
}
