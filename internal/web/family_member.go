package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// memberForm adds a parent, carer, sibling or other member of the family.
func memberForm(p *FormPage, file *care.File) {
	p.Heading, p.Action = "member.title", familyAction(file, "/members")
	p.Cancel = familyURL(file.Family.ID, "members")
	p.Section("",
		p.Choice("radios", "kind", "member.kind", "member.kind.", care.MemberKinds, true),
		p.Text("name", "member.name", care.MaxName, true),
		p.Text("relation", "member.relation", care.MaxName, false).WithHint(p, "member.relation_hint"),
		p.Check("custody", "member.custody"),
		p.Tel("phone", "member.phone"),
		p.Email("email", "member.email"),
		p.Text("language", "member.language", care.MaxName, false),
		p.DateField("birth_date", "member.birth_date", false, p.Today).WithHint(p, "member.birth_date_hint"),
		p.Area("notes", "member.notes", care.MaxText, false),
	)
}

func (s *Server) memberNew(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyForm(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "member.title", url.Values{}, memberForm)
}

// memberCreate adds a member to the family.
func (s *Server) memberCreate() handler {
	return postToFamily(s, familyPost[care.Member]{
		title: "member.title", anchor: "members", fill: fixed(memberForm),
		decode: form.DecodeMember,
		check:  func(m *care.Member, now time.Time) error { return m.Validate(now) },
		save: func(ctx context.Context, actor care.Actor, id int64, m *care.Member) error {
			m.FamilyID = id
			return s.care.AddMember(ctx, actor, m)
		},
	})
}
