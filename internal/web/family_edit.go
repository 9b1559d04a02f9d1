package web

import (
	"context"
	"net/http"
	"net/url"
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
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "family.edit_title", form.EncodeFamily(&file.Family), familyEditForm)
}

// familyUpdate changes the child's details.
func (s *Server) familyUpdate() handler {
	return postToFamily(s, familyPost[care.Family]{
		title: "family.edit_title", fill: fixed(familyEditForm), withFile: true,
		decode: func(v url.Values, file *care.File) (care.Family, Fields) {
			d, errs := form.DecodeFamily(v)
			// What the form does not show stays as it is.
			f := file.Family
			f.ChildName, f.BirthDate, f.Sex, f.BSN = d.ChildName, d.BirthDate, d.Sex, d.BSN
			f.Diagnosis, f.ICD10, f.LivingSituation, f.CultureNotes, f.Summary = d.Diagnosis, d.ICD10, d.LivingSituation, d.CultureNotes, d.Summary
			f.Secondary = d.Secondary
			return f, errs
		},
		check: func(f *care.Family, _ *care.File, now time.Time) error { return f.Validate(now) },
		save: func(ctx context.Context, actor care.Actor, _ int64, f *care.Family) error {
			return s.care.UpdateFamily(ctx, actor, f)
		},
	})
}
