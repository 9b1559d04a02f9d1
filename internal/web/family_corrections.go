package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Change is one correction as a page shows it: when, by whom, and what
// the changed fields said before.
type Change struct {
	Summary string   // "Gewijzigd op 2 jan 2026 14:05 door …"
	Lines   []string // "Telefoon: 06-12345678"
}

// Changes turns corrections into lines to read, with the fields' labels
// under prefix ("network.", "member.", "contact.").
func (p *CarePage) Changes(cs []care.Correction, prefix string) []Change {
	return p.changes(cs, prefix, func(k, v string) string { return p.previousValue(prefix, k, v) })
}

// changes turns corrections into lines: the label of each field under
// prefix and the value it had, as value shows it.
func (p *CarePage) changes(cs []care.Correction, prefix string, value func(field, v string) string) []Change {
	var out []Change
	for _, c := range cs {
		ch := Change{Summary: p.T("correction.changed", "When", p.DateTime(c.ChangedAt), "Who", c.ChangedBy.Name)}
		keys := make([]string, 0, len(c.Previous))
		for k := range c.Previous {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			ch.Lines = append(ch.Lines, p.T(prefix+k)+": "+value(k, c.Previous[k]))
		}
		out = append(out, ch)
	}
	return out
}

// choiceFields are the fields whose stored value is a choice with a label
// of its own; yesNoFields are checkboxes.
var (
	choiceFields = []string{"network.role", "network.line", "member.kind", "contact.kind", "contact.with"}
	yesNoFields  = []string{"network.always_reachable", "network.bereavement", "member.custody"}
	dateFields   = []string{"started_on", "ended_on", "birth_date", "date"}
)

// previousValue shows a value a correction replaced as the form showed it.
func (p *CarePage) previousValue(prefix, field, v string) string {
	switch {
	case slices.Contains(yesNoFields, prefix+field) && v == "":
		return p.T("correction.no")
	case slices.Contains(yesNoFields, prefix+field):
		return p.T("correction.yes")
	case v == "":
		return "—"
	case slices.Contains(choiceFields, prefix+field):
		return p.T(prefix + field + "." + v)
	}
	if d, err := time.Parse(time.DateOnly, v); err == nil && slices.Contains(dateFields, field) {
		return p.Date(d)
	}
	return v
}

// LastChange says when and by whom something was last corrected, or "".
func (p *CarePage) LastChange(cs []care.Correction) string {
	if len(cs) == 0 {
		return ""
	}
	return p.T("correction.changed", "When", p.DateTime(cs[0].ChangedAt), "Who", cs[0].ChangedBy.Name)
}

// memberEditForm corrects family member mid, or ends their place in the file.
func memberEditForm(mid int64) familyForm {
	return func(p *FormPage, file *care.File) {
		memberForm(p, file)
		id := strconv.FormatInt(mid, 10)
		p.Heading, p.Action = "member.edit_title", familyAction(file, "/members/"+id)
		p.Section("member.section_end",
			p.DateField("ended_on", "member.ended_on", false, time.Time{}).WithHint(p, "member.ended_on_hint"),
		)
		p.History = p.Changes(file.CorrectionsOf(care.CorrectMember, mid), "member.")
	}
}

func (s *Server) memberEdit(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := twoPathIDs(r, "member")
	if err != nil {
		return err
	}
	file, m, err := s.care.MemberForm(r.Context(), s.actor(r), id, mid)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "member.edit_title", form.EncodeMember(m), memberEditForm(mid))
}

// memberUpdate corrects a family member; the care service keeps the
// values before and refuses a member of another family.
func (s *Server) memberUpdate(w http.ResponseWriter, r *http.Request) error {
	_, mid, err := twoPathIDs(r, "member")
	if err != nil {
		return err
	}
	return postToFamily(s, familyPost[care.Member]{
		title: "member.edit_title", anchor: "members", fill: fixed(memberEditForm(mid)),
		decode: form.DecodeMember,
		check:  func(m *care.Member, now time.Time) error { return m.Validate(now) },
		save: func(ctx context.Context, actor care.Actor, id int64, m *care.Member) error {
			m.ID, m.FamilyID = mid, id
			return s.care.CorrectMember(ctx, actor, m)
		},
	})(w, r)
}

// contactEditForm corrects contact cid.
func contactEditForm(cid int64) familyForm {
	return func(p *FormPage, file *care.File) {
		contactForm(p, file)
		p.Heading, p.Intro, p.Submit = "contact.edit_title", "", "form.save"
		p.Action = familyAction(file, "/contacts/"+strconv.FormatInt(cid, 10))
		p.History = p.Changes(file.CorrectionsOf(care.CorrectContact, cid), "contact.")
	}
}

func (s *Server) contactEdit(w http.ResponseWriter, r *http.Request) error {
	id, cid, err := twoPathIDs(r, "cid")
	if err != nil {
		return err
	}
	file, c, err := s.care.ContactForm(r.Context(), s.actor(r), id, cid)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "contact.edit_title", form.EncodeContact(c), contactEditForm(cid))
}

// contactUpdate corrects a contact's registration.
func (s *Server) contactUpdate(w http.ResponseWriter, r *http.Request) error {
	_, cid, err := twoPathIDs(r, "cid")
	if err != nil {
		return err
	}
	return postToFamily(s, familyPost[care.Contact]{
		title: "contact.edit_title", anchor: "contacts", fill: fixed(contactEditForm(cid)),
		decode: form.DecodeContact,
		check:  func(c *care.Contact, now time.Time) error { return c.Validate(now, time.Time{}) },
		save: func(ctx context.Context, actor care.Actor, id int64, c *care.Contact) error {
			c.ID, c.FamilyID = cid, id
			return s.care.CorrectContact(ctx, actor, c)
		},
	})(w, r)
}

// twoPathIDs reads the family id and the id of one of its objects.
func twoPathIDs(r *http.Request, name string) (int64, int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, 0, err
	}
	oid, err := httpx.PathID(r, name)
	return id, oid, err
}

// ChildAge says how old the child is today, or, before birth, around
// which day the child is expected.
func (p *CarePage) ChildAge(birth time.Time, unborn bool) string {
	if unborn {
		return p.T("family.expected_around", "Date", p.Date(birth))
	}
	return p.Age(birth)
}
