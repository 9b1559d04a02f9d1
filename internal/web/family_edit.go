package web

import (
	"net/http"

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

func (s *Server) familyUpdate(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	d, errs := form.DecodeFamily(v)
	// What the form does not show stays as it is.
	f := file.Family
	f.ChildName, f.BirthDate, f.Sex, f.BSN = d.ChildName, d.BirthDate, d.Sex, d.BSN
	f.Diagnosis, f.ICD10, f.LivingSituation, f.CultureNotes, f.Summary = d.Diagnosis, d.ICD10, d.LivingSituation, d.CultureNotes, d.Summary
	f.Secondary = d.Secondary
	if len(errs) > 0 {
		mergeValidation(errs, f.Validate(s.cfg.Now()))
		p := s.formPage(r, "family.edit_title", file, v, errs)
		familyEditForm(p, file)
		s.renderForm(w, r, http.StatusUnprocessableEntity, p)
		return nil
	}
	err = s.care.UpdateFamily(r.Context(), s.actor(r), &f)
	return s.afterSave(w, r, f.ID, "", err, "family.edit_title", v, familyEditForm)
}
