package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// FormPage is one form of the case manager's pages. The form is described
// in Go (sections of controls) and drawn by one template, so every field
// gets the same label, hint, error and accessibility markup.
type FormPage struct {
	CarePage
	Family   *care.Family // the family the form is about; nil for an intake
	Heading  string       // catalog key
	Intro    string       // catalog key, optional
	Action   string       // where the form posts to
	Submit   string       // catalog key of the submit button
	Cancel   string       // where "cancel" goes
	Warning  string       // catalog key of a warning above the form, optional
	Values   url.Values   // what was typed (or the stored values)
	Errors   Fields
	Sections []Section
	Delete   *DeleteForm // a second form that removes the object, optional
	FormID   string      // id of the form element, optional
	Alert    *FormAlert  // a box above the form with links, optional
	Back     *Link       // where the back link goes; the family or caseload when nil
}

// Section is a group of controls, drawn as a fieldset with a legend when
// Legend is set. Heading, when set, is a heading above the group that
// starts a new part of a long form.
type Section struct {
	Legend   string // translated
	Controls []Control
	ID       string   // id of the group, optional
	Class    string   // extra class of the group, optional
	Heading  string   // translated, optional
	Intro    string   // translated line under the legend, optional
	List     []string // lines shown as a list under the legend, optional
}

// DeleteForm is a separate form that removes what the page edits.
type DeleteForm struct {
	Action  string
	Heading string // translated
	Intro   string // translated
	Button  string // translated
}

// Control is one form field as the template draws it. Texts are translated.
type Control struct {
	Type         string // text, email, tel, date, number, textarea, select, radios, checkbox, checks, hidden
	Name         string
	Label        string
	Hint         string
	Value        string
	Checked      bool // checkbox
	MaxLen       int  // text and textarea
	Rows         int  // textarea height in lines; 4 when 0
	Min, Max     string
	Required     bool
	Options      []Option // select and radios
	Error        string
	Autocomplete string
	Wide         bool // spans both columns of a section
}

// Option is one choice of a select or a radio group.
type Option struct {
	Value, Label string
	Selected     bool
}

// HintID is the id of the hint paragraph, for aria-describedby.
func (c Control) HintID() string { return c.Name + "-hint" }

// ErrorID is the id of the error paragraph; tests find errors by it.
func (c Control) ErrorID() string { return c.Name + "-error" }

// Describedby lists the ids that describe the control.
func (c Control) Describedby() string {
	ids := ""
	if c.Hint != "" {
		ids = c.HintID()
	}
	if c.Error != "" {
		if ids != "" {
			ids += " "
		}
		ids += c.ErrorID()
	}
	return ids
}

// formPage starts a form page about file's family (nil for an intake).
func (s *Server) formPage(r *http.Request, title string, file *care.File, v url.Values, errs Fields) *FormPage {
	if errs == nil {
		errs = Fields{}
	}
	p := &FormPage{CarePage: s.carePage(r, title), Heading: title, Values: valuesOf(v), Errors: errs, Submit: "form.save"}
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

// Section adds a group of controls; legend is a catalog key or "".
func (p *FormPage) Section(legend string, cs ...Control) {
	sec := Section{Controls: cs}
	if legend != "" {
		sec.Legend = p.T(legend)
	}
	p.Sections = append(p.Sections, sec)
}

func (p *FormPage) control(typ, name, label string, required bool) Control {
	c := Control{Type: typ, Name: name, Label: p.T(label), Value: p.Values.Get(name), Required: required}
	if key, ok := p.Errors[name]; ok {
		c.Error = p.T(key)
	}
	return c
}

// Text is a one-line text field of at most maxLen characters.
func (p *FormPage) Text(name, label string, maxLen int, required bool) Control {
	c := p.control("text", name, label, required)
	c.MaxLen = maxLen
	return c
}

// Email is an e-mail address field.
func (p *FormPage) Email(name, label string) Control {
	c := p.control("email", name, label, false)
	c.MaxLen, c.Autocomplete = 254, "off"
	return c
}

// Tel is a phone number field.
func (p *FormPage) Tel(name, label string) Control {
	c := p.control("tel", name, label, false)
	c.MaxLen, c.Autocomplete = 40, "off"
	return c
}

// Area is a text area of at most maxLen characters.
func (p *FormPage) Area(name, label string, maxLen int, required bool) Control {
	c := p.control("textarea", name, label, required)
	c.MaxLen, c.Wide = maxLen, true
	return c
}

// DateField is an <input type=date>; max, when not zero, is the latest day.
func (p *FormPage) DateField(name, label string, required bool, latest time.Time) Control {
	c := p.control("date", name, label, required)
	c.Max = isoDate(latest)
	return c
}

// Number is a whole number of minutes, typed with the numeric keyboard.
func (p *FormPage) Number(name, label string, lo, hi int) Control {
	c := p.control("number", name, label, false)
	c.Min, c.Max = strconv.Itoa(lo), strconv.Itoa(hi)
	return c
}

// Check is a checkbox.
func (p *FormPage) Check(name, label string) Control {
	c := p.control("checkbox", name, label, false)
	c.Checked = c.Value != ""
	c.Wide = true
	return c
}

// Choice is a select ("select") or radio group ("radios") over stored
// values, labelled by the catalog keys prefix+value (prefix ends in a dot). A select gets an
// empty first option when nothing is chosen yet.
func (p *FormPage) Choice(typ, name, label, prefix string, values []string, required bool) Control {
	c := p.control(typ, name, label, required)
	if typ == "select" && c.Value == "" {
		c.Options = append(c.Options, Option{Value: "", Label: p.T("form.choose"), Selected: true})
	}
	for _, v := range values {
		c.Options = append(c.Options, Option{Value: v, Label: p.T(prefix + v), Selected: v == c.Value})
	}
	if typ == "radios" {
		c.Wide = true
	}
	return c
}

// Checks is a group of checkboxes under one legend; each box has its own
// name (from names) and is labelled by prefix+name.
func (p *FormPage) Checks(group, label, prefix string, names []string) Control {
	c := p.control("checks", group, label, false)
	for _, n := range names {
		c.Options = append(c.Options, Option{Value: n, Label: p.T(prefix + n), Selected: p.Values.Get(n) != ""})
	}
	c.Wide = true
	return c
}

// WithHint adds an explaining line under the label.
func (c Control) WithHint(p *FormPage, key string) Control {
	c.Hint = p.T(key)
	return c
}

// formBuilder fills a form page about a family.
type formBuilder func(p *FormPage, file *care.File)

// formAgain draws a family's form again with what was typed and what is
// wrong (status 422), for a form the decoder refused before anything was
// sent to the care service. The family is read through the care service,
// so an actor who may not see it gets the 404 page instead.
func (s *Server) formAgain(w http.ResponseWriter, r *http.Request, familyID int64, title string, v url.Values, errs Fields, build formBuilder) error {
	file, err := s.care.FamilyForm(r.Context(), s.actor(r), familyID)
	if err != nil {
		return err
	}
	return s.renderFormAgain(w, r, file, title, v, errs, build)
}

// renderFormAgain draws the form again on file, as the refused write read it.
func (s *Server) renderFormAgain(w http.ResponseWriter, r *http.Request, file *care.File, title string, v url.Values, errs Fields, build formBuilder) error {
	p := s.formPage(r, title, file, v, errs)
	build(p, file)
	s.renderForm(w, r, http.StatusUnprocessableEntity, p)
	return nil
}

// afterSave ends a POST on a family: success goes back to the family page
// at anchor (303), field errors draw the form again, other errors go to
// the error page.
func (s *Server) afterSave(w http.ResponseWriter, r *http.Request, familyID int64, anchor string, err error,
	title string, v url.Values, build formBuilder) error {
	if err == nil {
		http.Redirect(w, r, familyURL(familyID, anchor), http.StatusSeeOther)
		return nil
	}
	var in *care.InvalidInput
	if errors.As(err, &in) && in.Form != nil {
		return s.renderFormAgain(w, r, in.Form, title, v, in.Fields, build)
	}
	if fe, ok := fieldErrorsOf(err); ok {
		return s.formAgain(w, r, familyID, title, v, fe, build)
	}
	return err
}

// showForm draws a family's form with its first values (status 200).
func (s *Server) showForm(w http.ResponseWriter, r *http.Request, file *care.File, title string, v url.Values, build formBuilder) error {
	p := s.formPage(r, title, file, v, nil)
	build(p, file)
	s.renderForm(w, r, http.StatusOK, p)
	return nil
}

// familyAction is the URL of a form action on a family.
func familyAction(file *care.File, rest string) string {
	return familyURL(file.Family.ID, "") + rest
}
