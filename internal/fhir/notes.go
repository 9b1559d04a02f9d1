package fhir

import "github.com/spil-zorg/spil/internal/care"

// Notes from the family and providers for the case managers: each a
// Communication on Spil's profile spil-Note, the kind of note its
// category, the author the sender (by Spil account: a note's author is an
// account, not a member or network member), the text its payload.

// ProfileSpilNote is Spil's profile for a note in the file.
const ProfileSpilNote = SpilBase + "StructureDefinition/spil-Note"

var (
	sysNote    = SpilSystem("NamingSystem", "note")
	csNoteKind = SpilSystem("CodeSystem", "note-kind")
)

func noteID(fam string, id int64) string { return scopedID("note-", fam, id) }

// account is a Spil account as a reference by identifier and name; Spil
// does not say which resource of the Bundle the account is.
func account(p care.Person) *Reference {
	r := &Reference{Display: p.Name}
	if p.AccountID != 0 {
		r.Identifier = &Identifier{System: sysAccount, Value: itoa(p.AccountID)}
	}
	return r
}

// personOf reads an account back from its reference.
func (m *importer) personOf(r *Reference) care.Person {
	if r == nil {
		return care.Person{}
	}
	p := care.Person{Name: r.Display}
	if r.Identifier != nil {
		if r.Identifier.System != sysAccount {
			m.fail("an account in %q", r.Identifier.System)
		}
		p.AccountID = atoi(r.Identifier.Value, &m.err)
	}
	return p
}

func (x *exporter) notes() {
	for _, n := range x.in.Notes {
		r := &Communication{Status: "completed", Subject: ref("Patient", patientID(x.fam)), Sent: fmtInstant(n.CreatedAt),
			Sender: account(n.Author), Payload: []CommunicationPayload{{ContentString: n.Body}}}
		r.Identifier = []Identifier{{System: sysNote, Value: itoa(n.ID)}}
		if n.Kind != "" {
			r.Category = []CodeableConcept{{Coding: []Coding{{System: csNoteKind, Code: n.Kind}}}}
		}
		x.add(r, "Communication", noteID(x.fam, n.ID), ProfileSpilNote, nil)
	}
}

func (m *importer) note(r *Communication) {
	n := care.Note{ID: m.scopedID("note-", r.ID), FamilyID: m.in.Family.ID, Author: m.personOf(r.Sender), CreatedAt: parseTime(r.Sent, &m.err)}
	if len(r.Category) == 1 && len(r.Category[0].Coding) == 1 {
		n.Kind = r.Category[0].Coding[0].Code
	}
	if len(r.Payload) != 1 {
		m.fail("note %s without its one text", r.ID)
		return
	}
	n.Body = r.Payload[0].ContentString
	m.in.Notes = append(m.in.Notes, n)
}
