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
	// A follow-up task, saved with the contact or not at all.
	p.Section("task.follow_up_legend",
		p.Text("task_title", "task.follow_up_title", care.MaxShort, false),
		ownerPicker(p, file, "task_owner", false),
		p.DateField("task_due_date", "task.due_date", false, p.Today.AddDate(5, 0, 0)),
	)
	p.Sections[len(p.Sections)-1].ID = "follow-up-task"
	p.Section("contact.section_more",
		p.Number("duration", "contact.duration", 0, 24*60),
		p.Number("travel", "contact.travel", 0, 24*60),
		p.Number("registration", "contact.registration", 0, 24*60),
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

// contactWithTask is a contact and the follow-up task it may lead to.
type contactWithTask struct {
	Contact care.Contact
	Task    *care.Task // nil without a follow-up
}

// decodeContactWithTask reads the contact form with its follow-up task.
func decodeContactWithTask(v url.Values) (contactWithTask, Fields) {
	c, errs := form.DecodeContact(v)
	return contactWithTask{Contact: c, Task: form.DecodeFollowUp(v, errs)}, errs
}

// contactCreate registers a contact with the family and, in the same
// step, its follow-up task: both are saved, or neither.
func (s *Server) contactCreate() handler {
	return postToFamily(s, familyPost[contactWithTask]{
		title: "contact.title", anchor: "contacts", fill: fixed(contactForm),
		decode: decodeContactWithTask,
		check: func(x *contactWithTask, now time.Time) error {
			fe := care.FieldErrors{}
			mergeValidation(fe, x.Contact.Validate(now, time.Time{}))
			if x.Task != nil {
				tfe := Fields{}
				mergeValidation(tfe, checkTask(x.Task, now))
				for k, v := range tfe {
					fe["task_"+k] = v
				}
			}
			return fe.OrNil()
		},
		save: func(ctx context.Context, actor care.Actor, id int64, x *contactWithTask) error {
			x.Contact.FamilyID = id
			return s.care.AddContactWithTask(ctx, actor, &x.Contact, x.Task)
		},
		saved: func(w http.ResponseWriter, r *http.Request, id int64, x *contactWithTask) error {
			anchor := "contacts"
			if x.Task != nil {
				anchor = "task-" + idString(x.Task.ID)
			}
			http.Redirect(w, r, familyURL(id, anchor), http.StatusSeeOther)
			return nil
		},
	})
}
