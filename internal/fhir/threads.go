package fhir

import "github.com/spil-zorg/spil/internal/care"

// Conversations (threads) between the family, the case managers and the
// providers added: FHIR R4 has no resource for a thread, so each message
// is a Communication on Spil's profile spil-Message, its thread's subject
// the topic, answering the message before it (inResponseTo); the thread's
// own fields travel on its first message (ext thread), the later ones
// name it (ext thread-id). A document a message carries is a
// DocumentReference about the message, its content a Binary.

// ProfileSpilMessage is Spil's profile for a message of a conversation.
const ProfileSpilMessage = SpilBase + "StructureDefinition/spil-Message"

var sysMessage = SpilSystem("NamingSystem", "message")

func messageID(fam string, id int64) string { return scopedID("message-", fam, id) }

func (x *exporter) threads() {
	for _, t := range x.in.Threads {
		for i, msg := range t.Messages {
			r := &Communication{Status: "completed", Subject: ref("Patient", patientID(x.fam)), Topic: &CodeableConcept{Text: t.Subject},
				Sent: fmtInstant(msg.CreatedAt), Sender: account(msg.Author), Payload: []CommunicationPayload{{ContentString: msg.Body}}}
			r.Identifier = []Identifier{{System: sysMessage, Value: itoa(msg.ID)}}
			e := &exts{}
			if i == 0 {
				e.complex("thread", func(s *exts) {
					s.integer("id", t.ID)
					s.instant("created", t.CreatedAt)
					s.integer("created-by", t.CreatedBy.AccountID)
					s.str("created-by-name", t.CreatedBy.Name)
					s.instant("last-message", t.LastMessageAt)
					for _, p := range t.Providers {
						s.person("provider", p.AccountID, p.Name)
					}
				})
			} else {
				e.integer("thread-id", t.ID)
				r.InReplyTo = []Reference{refv("Communication", messageID(x.fam, t.Messages[i-1].ID))}
			}
			id := messageID(x.fam, msg.ID)
			x.add(r, "Communication", id, ProfileSpilMessage, e)
			if msg.Document != nil {
				x.document(*msg.Document, []Reference{refv("Communication", id)})
			}
		}
	}
}

func (m *importer) message(r *Communication) {
	e := m.ext(r)
	var t *care.ExportThread
	if ts := e.all("thread"); len(ts) == 1 {
		s := ts[0]
		th := care.ExportThread{Thread: care.Thread{ID: s.integer("id"), FamilyID: m.in.Family.ID, CreatedAt: s.instant("created"),
			CreatedBy: care.Person{AccountID: s.integer("created-by"), Name: s.str("created-by-name")}, LastMessageAt: s.instant("last-message")}}
		if r.Topic != nil {
			th.Subject = r.Topic.Text
		}
		for _, p := range s.all("provider") {
			th.Providers = append(th.Providers, care.Person{AccountID: p.integer("account"), Name: p.str("name")})
		}
		m.in.Threads = append(m.in.Threads, th)
		t = &m.in.Threads[len(m.in.Threads)-1]
	} else if n := len(m.in.Threads); n > 0 && m.in.Threads[n-1].ID == e.integer("thread-id") {
		t = &m.in.Threads[n-1]
	} else {
		m.fail("message %s without its thread", r.ID)
		return
	}
	if len(r.Payload) != 1 {
		m.fail("message %s without its one text", r.ID)
		return
	}
	t.Messages = append(t.Messages, care.Message{ID: m.scopedID("message-", r.ID), FamilyID: m.in.Family.ID, ThreadID: t.ID,
		Author: m.personOf(r.Sender), Body: r.Payload[0].ContentString, CreatedAt: parseTime(r.Sent, &m.err)})
}

// lastMessage is the message read last; nil when there is none.
func (m *importer) lastMessage() *care.Message {
	n := len(m.in.Threads)
	if n == 0 || len(m.in.Threads[n-1].Messages) == 0 {
		return nil
	}
	ms := m.in.Threads[n-1].Messages
	return &ms[len(ms)-1]
}
