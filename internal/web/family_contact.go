package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// contactForm is quick to fill in on a phone: date (today), kind and with
// whom are all that is needed; the rest is optional.
func contactForm(p *FormPage, file *care.File) {
	p.Heading, p.Intro, p.Action, p.Submit = "contact.title", "contact.intro", familyAction(file, "/contacts"), "contact.submit"
	p.Cancel = familyURL(file.Family.ID, "contacts")
	p.Section("",
		p.DateField("date", "contact.date", true, p.Today),
		p.Choice("radios", "kind", "contact.kind", "contact.kind.", care.ContactKinds, true),
		p.Choice("radios", "with", "contact.with", "contact.with.", care.ContactWith, true),
	)
	p.Section("contact.section_more",
		p.Number("duration", "contact.duration", 0, 24*60),
		p.Number("travel", "contact.travel", 0, 24*60),
		p.Text("location", "contact.location", care.MaxName, false),
		p.Area("topics", "contact.topics", care.MaxText, false),
		p.Area("follow_up", "contact.follow_up", care.MaxText, false),
	)
}

func (s *Server) contactNew(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyForm(r)
	if err != nil {
		return err
	}
	v := url.Values{"date": {form.ISODate(care.DateOf(s.cfg.Now()))}}
	return s.showForm(w, r, file, "contact.title", v, contactForm)
}

// contactCreate registers a contact with the family.
func (s *Server) contactCreate() handler {
	return postToFamily(s, familyPost[care.Contact]{
		title: "contact.title", anchor: "contacts", fill: fixed(contactForm),
		decode: form.DecodeContact,
		check:  func(c *care.Contact, now time.Time) error { return c.Validate(now, time.Time{}) },
		save: func(ctx context.Context, actor care.Actor, id int64, c *care.Contact) error {
			c.FamilyID = id
			return s.care.AddContact(ctx, actor, c)
		},
	})
}
