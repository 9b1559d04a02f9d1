package web

import (
	"context"
	"net/http"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// familyEditForm changes the child's details; intensity has its own form,
// because every change of it is recorded with a reason.
func familyEditForm(p *FormPage, file *care.File) {
	p.Heading, p.Action = "family.edit_title", familyAction(file, "/edit")
	childSections(p)
}

func (s *Server) familyEdit(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyForm(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "family.edit_title", form.EncodeFamily(&file.Family), familyEditForm)
}

// familyUpdate changes the child's details: the form has every one of
// them, and what it does not show (intensity, next contact) stays as it is.
func (s *Server) familyUpdate() handler {
	return postToFamily(s, familyPost[care.Family]{
		title: "family.edit_title", fill: fixed(familyEditForm),
		decode: form.DecodeFamily,
		check:  func(f *care.Family, now time.Time) error { return f.Validate(now) },
		save: func(ctx context.Context, actor care.Actor, id int64, f *care.Family) error {
			return s.care.UpdateFamily(ctx, actor, id, care.EditOf(f))
		},
	})
}
