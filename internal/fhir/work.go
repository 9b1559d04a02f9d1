package fhir

import (
	"github.com/spil-zorg/spil/internal/care"
)

// contactClasses maps a contact's kind to the Encounter's class (HL7 v3
// ActCode): a home visit is home health, phone, video and e-mail are
// virtual, a meeting is ambulatory.
var contactClasses = map[string]Coding{
	"home_visit": {System: SystemActCode, Code: "HH", Display: "home health"},
	"phone":      {System: SystemActCode, Code: "VR", Display: "virtual"},
	"video":      {System: SystemActCode, Code: "VR", Display: "virtual"},
	"email":      {System: SystemActCode, Code: "VR", Display: "virtual"},
	"meeting":    {System: SystemActCode, Code: "AMB", Display: "ambulatory"},
}

var classAmbulatory = Coding{System: SystemActCode, Code: "AMB", Display: "ambulatory"}

func minutes(n int) *Duration {
	if n == 0 {
		return nil
	}
	return &Duration{Value: float64(n), Unit: "min", System: SystemUCUM, Code: "min"}
}

func (x *exporter) contacts() {
	for _, c := range x.in.Contacts {
		class, ok := contactClasses[c.Kind]
		if !ok {
			class = classAmbulatory
		}
		r := &Encounter{Status: "finished", Class: class, Subject: ref("Patient", patientID(x.fam)), Length: minutes(c.DurationMin)}
		r.Identifier = []Identifier{{System: sysContact, Value: itoa(c.ID)}}
		if c.Kind != "" {
			r.Type = []CodeableConcept{{Coding: []Coding{{System: csContactKind, Code: c.Kind}}}}
		}
		if x.in.Episode != nil {
			r.EpisodeOfCare = []Reference{refv("EpisodeOfCare", episodeID(x.fam))}
		}
		if !c.Date.IsZero() {
			r.Period = &Period{Start: fmtDate(c.Date)}
		}
		e := &exts{}
		e.code("contact-with", c.With)
		e.str("location", c.Location)
		e.integer("travel-minutes", int64(c.TravelMin))
		e.integer("registration-minutes", int64(c.RegistrationMin))
		e.str("topics", c.Topics)
		e.str("follow-up", c.FollowUp)
		e.instant("created", c.CreatedAt)
		e.person("created-by", c.CreatedBy.AccountID, c.CreatedBy.Name)
		x.corrections(e, care.CorrectContact, c.ID)
		x.add(r, "Encounter", contactID(x.fam, c.ID), ProfileEncounter, e)
	}
}

func (m *importer) contact(r *Encounter) {
	c := care.Contact{ID: m.scopedID("contact-", r.ID), FamilyID: m.in.Family.ID}
	if len(r.Type) > 0 && len(r.Type[0].Coding) > 0 {
		c.Kind = r.Type[0].Coding[0].Code
	}
	if r.Period != nil {
		c.Date = parseTime(r.Period.Start, &m.err)
	}
	if r.Length != nil {
		c.DurationMin = int(r.Length.Value)
	}
	e := m.ext(r)
	c.With = e.code("contact-with")
	c.Location = e.str("location")
	c.TravelMin = int(e.integer("travel-minutes"))
	c.RegistrationMin = int(e.integer("registration-minutes"))
	c.Topics = e.str("topics")
	c.FollowUp = e.str("follow-up")
	c.CreatedAt = e.instant("created")
	c.CreatedBy.AccountID, c.CreatedBy.Name = e.person("created-by")
	m.readCorrections(e, care.CorrectContact, c.ID)
	m.in.Contacts = append(m.in.Contacts, c)
}

// taskStatuses maps Spil's task status to Task.status: an open task is
// requested of its owner, a closed one completed.
var taskStatuses = map[string]string{"open": "requested", "done": "completed"}

// has reports whether the Bundle so far holds the resource typ/id.
func (x *exporter) has(typ, id string) bool {
	for _, e := range x.entries {
		if h := e.Resource.Header(); h.ResourceType == typ && h.ID == id {
			return true
		}
	}
	return false
}

// ownerOf is the reference to a task's owner: to the resource in the
// Bundle when there is one, always with Spil's identifier of the owner.
func (x *exporter) ownerOf(t care.Task) *Reference {
	var r *Reference
	switch {
	case t.NetworkMemberID != 0:
		r = &Reference{Identifier: &Identifier{System: sysNetworkMember, Value: itoa(t.NetworkMemberID)}}
		if x.has("PractitionerRole", networkID(x.fam, t.NetworkMemberID)) {
			r.Reference = "PractitionerRole/" + networkID(x.fam, t.NetworkMemberID)
		}
	case t.OwnerAccountID != 0:
		r = &Reference{Identifier: &Identifier{System: sysAccount, Value: itoa(t.OwnerAccountID)}}
		if x.has("Practitioner", caseManagerID(x.fam, t.OwnerAccountID)) {
			r.Reference = "Practitioner/" + caseManagerID(x.fam, t.OwnerAccountID)
		}
	case t.OwnerMemberID != 0:
		r = &Reference{Identifier: &Identifier{System: sysMember, Value: itoa(t.OwnerMemberID)}}
		if x.has("RelatedPerson", memberID(x.fam, t.OwnerMemberID)) {
			r.Reference = "RelatedPerson/" + memberID(x.fam, t.OwnerMemberID)
		}
	case t.OwnerName != "":
		r = &Reference{}
	default:
		return nil
	}
	r.Display = t.OwnerName
	return r
}

func (x *exporter) tasks() {
	events := map[int64][]care.TaskEvent{}
	for _, ev := range x.in.TaskEvents {
		events[ev.TaskID] = append(events[ev.TaskID], ev)
	}
	for _, t := range x.in.Tasks {
		r := &Task{Status: taskStatuses[t.Status], Intent: "order", Description: t.Title,
			For: ref("Patient", patientID(x.fam)), AuthoredOn: fmtInstant(t.CreatedAt), Requester: x.orgRef(), Owner: x.ownerOf(t)}
		r.Identifier = []Identifier{{System: sysTask, Value: itoa(t.ID)}}
		if r.Status == "" {
			r.Status = "requested"
		}
		if t.PlanDimension != "" && x.in.Plan != nil {
			r.BasedOn = []Reference{refv("CarePlan", planID(x.fam))}
		}
		if !t.DoneAt.IsZero() {
			r.ExecutionPeriod = &Period{End: fmtInstant(t.DoneAt)}
		}
		if !t.DueDate.IsZero() {
			r.Restriction = &TaskRestriction{Period: &Period{End: fmtDate(t.DueDate)}}
		}
		if t.DoneNote != "" {
			r.Note = []Annotation{{Text: t.DoneNote}}
		}
		e := &exts{}
		if _, ok := taskStatuses[t.Status]; !ok {
			e.code("task-status", t.Status)
		}
		e.code("owner-kind", t.OwnerKind)
		e.integer("owner-network-member", t.NetworkMemberID)
		e.integer("owner-account", t.OwnerAccountID)
		e.integer("owner-member", t.OwnerMemberID)
		e.code("plan-dimension", string(t.PlanDimension))
		e.str("plan-goal", t.PlanGoal)
		e.person("done-by", t.DoneBy.AccountID, t.DoneBy.Name)
		e.person("created-by", t.CreatedBy.AccountID, t.CreatedBy.Name)
		for _, ev := range events[t.ID] {
			e.complex("task-event", func(sub *exts) {
				sub.integer("id", ev.ID)
				sub.instant("at", ev.At)
				sub.integer("by", ev.By.AccountID)
				sub.str("by-name", ev.By.Name)
				sub.code("field", ev.Field)
				sub.code("from-kind", ev.FromKind)
				sub.str("from", ev.From)
				sub.code("to-kind", ev.ToKind)
				sub.str("to", ev.To)
			})
		}
		x.add(r, "Task", taskID(x.fam, t.ID), ProfileSpilTask, e)
	}
}

func (m *importer) task(r *Task) {
	t := care.Task{ID: m.scopedID("task-", r.ID), FamilyID: m.in.Family.ID, Title: r.Description}
	for s, fs := range taskStatuses {
		if fs == r.Status {
			t.Status = s
		}
	}
	e := m.ext(r)
	if s := e.code("task-status"); s != "" {
		t.Status = s
	}
	if r.Owner != nil {
		t.OwnerName = r.Owner.Display
	}
	t.CreatedAt = parseTime(r.AuthoredOn, &m.err)
	if r.ExecutionPeriod != nil {
		t.DoneAt = parseTime(r.ExecutionPeriod.End, &m.err)
	}
	if r.Restriction != nil && r.Restriction.Period != nil {
		t.DueDate = parseTime(r.Restriction.Period.End, &m.err)
	}
	if len(r.Note) > 0 {
		t.DoneNote = r.Note[0].Text
	}
	t.OwnerKind = e.code("owner-kind")
	t.NetworkMemberID = e.integer("owner-network-member")
	t.OwnerAccountID = e.integer("owner-account")
	t.OwnerMemberID = e.integer("owner-member")
	t.PlanDimension = care.Dimension(e.code("plan-dimension"))
	t.PlanGoal = e.str("plan-goal")
	t.DoneBy.AccountID, t.DoneBy.Name = e.person("done-by")
	t.CreatedBy.AccountID, t.CreatedBy.Name = e.person("created-by")
	for _, sub := range e.all("task-event") {
		ev := care.TaskEvent{ID: sub.integer("id"), FamilyID: t.FamilyID, TaskID: t.ID, At: sub.instant("at"),
			By: care.Person{AccountID: sub.integer("by"), Name: sub.str("by-name")}, Field: sub.code("field"),
			FromKind: sub.code("from-kind"), From: sub.str("from"), ToKind: sub.code("to-kind"), To: sub.str("to")}
		m.in.TaskEvents = append(m.in.TaskEvents, ev)
	}
	m.in.Tasks = append(m.in.Tasks, t)
}
