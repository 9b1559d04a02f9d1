package web

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
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
	return s.showForm(w, r, file, "family.edit_title", encodeFamily(&file.Family), familyEditForm)
}

func (s *Server) familyUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	// The form has every field of the child's details; what it does not
	// show (intensity, next contact) the update leaves as it is.
	d, errs := decodeFamily(v)
	if len(errs) > 0 {
		mergeValidation(errs, d.Validate(s.cfg.Now()))
		return s.formAgain(w, r, id, "family.edit_title", v, errs, familyEditForm)
	}
	err = s.care.UpdateFamily(r.Context(), s.actor(r), id, care.EditOf(&d))
	return s.afterSave(w, r, id, "", err, "family.edit_title", v, familyEditForm)
}
