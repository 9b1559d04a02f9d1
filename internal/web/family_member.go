package web

import (
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
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
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "member.title", url.Values{}, memberForm)
}

func (s *Server) memberCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	m, errs := form.DecodeMember(v)
	if len(errs) > 0 {
		mergeValidation(errs, m.Validate(s.cfg.Now()))
		return s.formAgain(w, r, id, "member.title", v, errs, memberForm)
	}
	m.FamilyID = id
	err = s.care.AddMember(r.Context(), s.actor(r), &m)
	return s.afterSave(w, r, id, "members", err, "member.title", v, memberForm)
}
