package web

import (
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// FormPage is one form of the case manager's pages. The form is described
// in Go (the builder's sections of controls) and drawn by one template, so
// every field gets the same label, hint, error and accessibility markup.
type FormPage struct {
	CarePage
	form.Builder
	Family  *care.Family // the family the form is about; nil for an intake
	Heading string       // catalog key
	Intro   string       // catalog key, optional
	Action  string       // where the form posts to
	Submit  string       // catalog key of the submit button
	Cancel  string       // where "cancel" goes
	Warning string       // catalog key of a warning above the form, optional
	Delete  *DeleteForm  // a second form that removes the object, optional
	FormID  string       // id of the form element, optional
	Alert   *FormAlert   // a box above the form with links, optional
	Back    *Link        // where the back link goes; the family or caseload when nil
	History []Change     // earlier corrections of what the form edits, newest first
}

// DeleteForm is a separate form that removes what the page edits.
type DeleteForm struct {
	Action  string
	Heading string // translated
	Intro   string // translated
	Button  string // translated
}

// formPage starts a form page about file's family (nil for an intake).
func (s *Server) formPage(r *http.Request, title string, file *care.File, v url.Values, errs Fields) *FormPage {
	cp := s.carePage(r, title)
	p := &FormPage{CarePage: cp, Builder: form.NewBuilder(cp.translator, v, errs), Heading: title, Submit: "form.save"}
	if file != nil {
		p.Family = &file.Family
		p.Cancel = familyURL(file.Family.ID, "")
	}
	return p
}

func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, status int, p *FormPage) {
	if r.Method == http.MethodPost {
		// A form sent back is shown at its POST address; the language
		// switch returns to the page the form came from instead.
		p.Path = p.Cancel
	}
	s.render(w, r, status, "family_form", p)
}

// familyForm fills a form page about a family.
type familyForm func(p *FormPage, file *care.File)

// renderFormAgain draws the form again on file, as the refused write read it.
func (s *Server) renderFormAgain(w http.ResponseWriter, r *http.Request, file *care.File, title string, v url.Values, errs Fields, build familyForm) error {
	p := s.formPage(r, title, file, v, errs)
	build(p, file)
	s.renderForm(w, r, http.StatusUnprocessableEntity, p)
	return nil
}

// showForm draws a family's form with its first values (status 200).
func (s *Server) showForm(w http.ResponseWriter, r *http.Request, file *care.File, title string, v url.Values, build familyForm) error {
	p := s.formPage(r, title, file, v, nil)
	build(p, file)
	s.renderForm(w, r, http.StatusOK, p)
	return nil
}

// familyAction is the URL of a form action on a family.
func familyAction(file *care.File, rest string) string {
	return familyURL(file.Family.ID, "") + rest
}
