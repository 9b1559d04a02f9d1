package fhir

import (
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Where the child is, moves and meetings: Encounters on nl-core-Encounter
// (a stay, a transfer, a multidisciplinary meeting), and the minutes of a
// meeting as a Communication.

// placeClasses maps a kind of place to the Encounter's class: a stay in a
// hospital, hospice, respite care or rehabilitation is inpatient, at home
// home health, in medical day care and elsewhere ambulatory.
var placeClasses = map[string]Coding{
	care.StayHome:             {System: SystemActCode, Code: "HH", Display: "home health"},
	care.StayGeneralHospital:  {System: SystemActCode, Code: "IMP", Display: "inpatient encounter"},
	care.StayAcademicHospital: {System: SystemActCode, Code: "IMP", Display: "inpatient encounter"},
	care.StayHospice:          {System: SystemActCode, Code: "IMP", Display: "inpatient encounter"},
	care.StayRespite:          {System: SystemActCode, Code: "IMP", Display: "inpatient encounter"},
	care.StayRehabilitation:   {System: SystemActCode, Code: "IMP", Display: "inpatient encounter"},
}

var classVirtual = Coding{System: SystemActCode, Code: "VR", Display: "virtual"}

func placeClass(kind string) Coding {
	if c, ok := placeClasses[kind]; ok {
		return c
	}
	return classAmbulatory
}

func stayID(fam string, id int64) string     { return scopedID("stay-", fam, id) }
func transferID(fam string, id int64) string { return scopedID("transfer-", fam, id) }
func meetingID(fam string, id int64) string  { return scopedID("meeting-", fam, id) }
func minutesID(fam string, id int64) string  { return scopedID("minutes-", fam, id) }

// place is a place Spil names in words, as a reference's display.
func place(name string) *Reference {
	if name == "" {
		return nil
	}
	return &Reference{Display: name}
}

func (x *exporter) stays() {
	for _, s := range x.in.Stays {
		r := &Encounter{Status: "finished", Class: placeClass(s.Kind), Subject: ref("Patient", patientID(x.fam)),
			Type:   []CodeableConcept{{Coding: []Coding{{System: csStayKind, Code: s.Kind}}}},
			Period: &Period{Start: fmtDate(s.Start), End: fmtDate(s.End)}}
		r.Identifier = []Identifier{{System: sysStay, Value: itoa(s.ID)}}
		if s.End.IsZero() {
			r.Status = "in-progress"
		}
		if p := place(s.Place); p != nil {
			r.Location = []EncounterLocation{{Location: *p}}
		}
		e := &exts{}
		e.code("stay-unit", s.Unit)
		e.boolean("acute", s.Acute)
		e.str("note", s.Note)
		e.instant("created", s.CreatedAt)
		e.person("created-by", s.CreatedBy.AccountID, s.CreatedBy.Name)
		x.corrections(e, care.CorrectStay, s.ID)
		x.add(r, "Encounter", stayID(x.fam, s.ID), ProfileEncounter, e)
	}
}

func (m *importer) stay(r *Encounter) {
	s := care.Stay{ID: m.scopedID("stay-", r.ID), FamilyID: m.in.Family.ID}
	if len(r.Type) > 0 && len(r.Type[0].Coding) > 0 {
		s.Kind = r.Type[0].Coding[0].Code
	}
	if r.Period != nil {
		s.Start, s.End = parseTime(r.Period.Start, &m.err), parseTime(r.Period.End, &m.err)
	}
	if len(r.Location) > 0 {
		s.Place = r.Location[0].Location.Display
	}
	e := m.ext(r)
	s.Unit = e.code("stay-unit")
	s.Acute = e.boolean("acute")
	s.Note = e.str("note")
	s.CreatedAt = e.instant("created")
	s.CreatedBy.AccountID, s.CreatedBy.Name = e.person("created-by")
	m.readCorrections(e, care.CorrectStay, s.ID)
	m.in.Stays = append(m.in.Stays, s)
}

// transferStatuses maps a transfer's status to the Encounter's.
var transferStatuses = map[string]string{
	care.TransferPlanned: "planned", care.TransferDone: "finished", care.TransferCancelled: "cancelled",
}

func (x *exporter) transfers() {
	for _, t := range x.in.Transfers {
		r := &Encounter{Status: transferStatuses[t.Status], Class: placeClass(t.ToKind), Subject: ref("Patient", patientID(x.fam)),
			Type: []CodeableConcept{{Coding: []Coding{{System: csEncounterKind, Code: "transfer"}}}}}
		r.Identifier = []Identifier{{System: sysTransfer, Value: itoa(t.ID)}}
		if r.Status == "" {
			r.Status = "unknown"
		}
		if !t.PlannedOn.IsZero() {
			r.Period = &Period{Start: fmtDate(t.PlannedOn)}
		}
		if t.FromPlace != "" || t.ToPlace != "" {
			r.Hospitalization = &EncounterHospitalization{Origin: place(t.FromPlace), Destination: place(t.ToPlace)}
		}
		e := &exts{}
		e.code("transfer-status", t.Status)
		e.code("from-kind", t.FromKind)
		e.code("to-kind", t.ToKind)
		e.str("note", t.Note)
		e.instant("created", t.CreatedAt)
		e.person("created-by", t.CreatedBy.AccountID, t.CreatedBy.Name)
		for _, it := range t.Items {
			e.complex("transfer-item", func(sub *exts) {
				sub.code("item", it.Item)
				sub.integer("task", it.Task.ID)
			})
		}
		x.add(r, "Encounter", transferID(x.fam, t.ID), ProfileEncounter, e)
	}
}

func (m *importer) transfer(r *Encounter) {
	t := care.Transfer{ID: m.scopedID("transfer-", r.ID), FamilyID: m.in.Family.ID}
	if r.Period != nil {
		t.PlannedOn = parseTime(r.Period.Start, &m.err)
	}
	if h := r.Hospitalization; h != nil {
		if h.Origin != nil {
			t.FromPlace = h.Origin.Display
		}
		if h.Destination != nil {
			t.ToPlace = h.Destination.Display
		}
	}
	e := m.ext(r)
	t.Status = e.code("transfer-status")
	t.FromKind = e.code("from-kind")
	t.ToKind = e.code("to-kind")
	t.Note = e.str("note")
	t.CreatedAt = e.instant("created")
	t.CreatedBy.AccountID, t.CreatedBy.Name = e.person("created-by")
	for _, it := range e.all("transfer-item") {
		item := care.TransferItem{Item: it.code("item")}
		id := it.integer("task")
		for _, task := range m.in.Tasks {
			if task.ID == id {
				item.Task = task
			}
		}
		if item.Task.ID == 0 {
			m.fail("transfer %s: its checklist names task %d, which is not in the Bundle", r.ID, id)
		}
		t.Items = append(t.Items, item)
	}
	m.in.Transfers = append(m.in.Transfers, t)
}

func (x *exporter) meetings() {
	for _, mt := range x.in.Meetings {
		r := &Encounter{Status: "planned", Class: classAmbulatory, Subject: ref("Patient", patientID(x.fam)),
			Type: []CodeableConcept{{Coding: []Coding{{System: csMeetingPurpose, Code: mt.Purpose}}}}, Length: minutes(mt.Minutes)}
		r.Identifier = []Identifier{{System: sysMeeting, Value: itoa(mt.ID)}}
		if mt.Report != "" {
			r.Status = "finished"
		}
		if mt.Place == "" && mt.VideoURL != "" {
			r.Class = classVirtual
		}
		if !mt.Start.IsZero() {
			r.Period = &Period{Start: fmtInstant(mt.Start)}
			if mt.Minutes > 0 {
				r.Period.End = fmtInstant(mt.Start.Add(time.Duration(mt.Minutes) * time.Minute))
			}
		}
		if p := place(mt.Place); p != nil {
			r.Location = []EncounterLocation{{Location: *p}}
		}
		e := &exts{}
		e.str("video-url", mt.VideoURL)
		e.str("agenda", mt.Agenda)
		for _, p := range mt.Participants {
			if p.NetworkMemberID != 0 && x.has("PractitionerRole", networkID(x.fam, p.NetworkMemberID)) {
				r.Participant = append(r.Participant, EncounterParticipant{Individual: ref("PractitionerRole", networkID(x.fam, p.NetworkMemberID))})
			} else if p.MemberID != 0 && x.has("RelatedPerson", memberID(x.fam, p.MemberID)) {
				r.Participant = append(r.Participant, EncounterParticipant{Individual: ref("RelatedPerson", memberID(x.fam, p.MemberID))})
			}
			e.complex("meeting-participant", func(sub *exts) {
				sub.integer("id", p.ID)
				sub.integer("network-member", p.NetworkMemberID)
				sub.integer("member", p.MemberID)
				sub.str("name", p.Name)
				sub.str("role", p.Role)
				sub.boolean("declined", p.Declined)
				sub.instant("declined-at", p.DeclinedAt)
			})
		}
		for _, id := range mt.ActionIDs {
			e.complex("meeting-action", func(sub *exts) { sub.integer("task", id) })
		}
		e.instant("created", mt.CreatedAt)
		e.person("created-by", mt.CreatedBy.AccountID, mt.CreatedBy.Name)
		x.add(r, "Encounter", meetingID(x.fam, mt.ID), ProfileEncounter, e)
		if mt.Report == "" {
			continue
		}
		c := &Communication{Status: "completed", Subject: ref("Patient", patientID(x.fam)), Encounter: ref("Encounter", meetingID(x.fam, mt.ID)),
			Sent: fmtInstant(mt.ReportAt), Payload: []CommunicationPayload{{ContentString: mt.Report}}}
		c.Identifier = []Identifier{{System: sysMeeting, Value: itoa(mt.ID)}}
		if x.has("Practitioner", caseManagerID(x.fam, mt.ReportBy.AccountID)) {
			c.Sender = ref("Practitioner", caseManagerID(x.fam, mt.ReportBy.AccountID))
		}
		for _, d := range mt.Decisions {
			c.Payload = append(c.Payload, CommunicationPayload{ContentString: d})
		}
		ce := &exts{}
		ce.person("report-by", mt.ReportBy.AccountID, mt.ReportBy.Name)
		x.add(c, "Communication", minutesID(x.fam, mt.ID), ProfileSpilMinutes, ce)
	}
}

func (m *importer) meeting(r *Encounter) {
	mt := care.Meeting{ID: m.scopedID("meeting-", r.ID), FamilyID: m.in.Family.ID, Minutes: 0}
	if len(r.Type) > 0 && len(r.Type[0].Coding) > 0 {
		mt.Purpose = r.Type[0].Coding[0].Code
	}
	if r.Length != nil {
		mt.Minutes = int(r.Length.Value)
	}
	if r.Period != nil {
		mt.Start = parseTime(r.Period.Start, &m.err)
	}
	if len(r.Location) > 0 {
		mt.Place = r.Location[0].Location.Display
	}
	e := m.ext(r)
	mt.VideoURL = e.str("video-url")
	mt.Agenda = e.str("agenda")
	for _, p := range e.all("meeting-participant") {
		mt.Participants = append(mt.Participants, care.MeetingParticipant{ID: p.integer("id"), NetworkMemberID: p.integer("network-member"),
			MemberID: p.integer("member"), Name: p.str("name"), Role: p.str("role"), Declined: p.boolean("declined"), DeclinedAt: p.instant("declined-at")})
	}
	for _, a := range e.all("meeting-action") {
		mt.ActionIDs = append(mt.ActionIDs, a.integer("task"))
	}
	mt.CreatedAt = e.instant("created")
	mt.CreatedBy.AccountID, mt.CreatedBy.Name = e.person("created-by")
	m.in.Meetings = append(m.in.Meetings, mt)
}

func (m *importer) minutes(c *Communication) {
	id := m.scopedID("minutes-", c.ID)
	if len(m.in.Meetings) == 0 || m.in.Meetings[len(m.in.Meetings)-1].ID != id || len(c.Payload) == 0 {
		m.fail("minutes %s without their meeting", c.ID)
		return
	}
	mt := &m.in.Meetings[len(m.in.Meetings)-1]
	mt.Report = c.Payload[0].ContentString
	for _, p := range c.Payload[1:] {
		mt.Decisions = append(mt.Decisions, p.ContentString)
	}
	mt.ReportAt = parseTime(c.Sent, &m.err)
	mt.ReportBy.AccountID, mt.ReportBy.Name = m.ext(c).person("report-by")
}

// encounter reads an Encounter on nl-core-Encounter by what it is.
func (m *importer) encounter(r *Encounter) {
	switch {
	case strings.HasPrefix(r.ID, "contact-"):
		m.contact(r)
	case strings.HasPrefix(r.ID, "stay-"):
		m.stay(r)
	case strings.HasPrefix(r.ID, "transfer-"):
		m.transfer(r)
	case strings.HasPrefix(r.ID, "meeting-"):
		m.meeting(r)
	default:
		m.fail("an encounter %q Spil does not write", r.ID)
	}
}
