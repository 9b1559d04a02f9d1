package form

import (
	"net/url"
	"strconv"
	"time"
)

// Builder describes one form as sections of controls, with what was typed
// (or the stored values) and what is wrong. A page embeds it; one template
// draws every form.
type Builder struct {
	Values   url.Values
	Errors   Fields
	Sections []Section
	tr       Translator
}

// NewBuilder starts a form in the language of tr. It keeps its own copy of
// values, so a page never changes the request's.
func NewBuilder(tr Translator, values url.Values, errs Fields) Builder {
	if errs == nil {
		errs = Fields{}
	}
	v := url.Values{}
	for k, vs := range values {
		v[k] = append([]string(nil), vs...)
	}
	return Builder{Values: v, Errors: errs, tr: tr}
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

// Control is one form field as the template draws it. Texts are translated.
type Control struct {
	Type     string // text, email, tel, date, number, textarea, select, radios, checkbox, checks, hidden
	Name     string
	Label    string
	Hint     string
	Value    string
	Checked  bool // checkbox
	MaxLen   int  // text and textarea
	Rows     int  // textarea height in lines; 4 when 0
	Min, Max string
	Required bool
	Options  []Option // select and radios
	// Groups are a select's options under a heading each (optgroup),
	// drawn after Options.
	Groups       []OptionGroup
	Error        string
	Autocomplete string
	Wide         bool // spans both columns of a section
}

// Option is one choice of a select or a radio group.
type Option struct {
	Value, Label string
	Selected     bool
}

// OptionGroup is a group of a select's options under a label.
type OptionGroup struct {
	Label   string
	Options []Option
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

// WithHint adds an explaining line under the label, the text of key.
func (c Control) WithHint(tr Translator, key string) Control {
	c.Hint = tr.T(key)
	return c
}

// Section adds a group of controls; legend is a catalog key or "".
func (b *Builder) Section(legend string, cs ...Control) {
	sec := Section{Controls: cs}
	if legend != "" {
		sec.Legend = b.tr.T(legend)
	}
	b.Sections = append(b.Sections, sec)
}

// Control is a control of type typ with its label, value and error; the
// other constructors start from it.
func (b *Builder) Control(typ, name, label string, required bool) Control {
	c := Control{Type: typ, Name: name, Label: b.tr.T(label), Value: b.Values.Get(name), Required: required}
	if key, ok := b.Errors[name]; ok {
		c.Error = b.tr.T(key)
	}
	return c
}

// Hidden is a value the form sends back unchanged, such as the version a
// change was made on.
func (b *Builder) Hidden(name string) Control {
	return Control{Type: "hidden", Name: name, Value: b.Values.Get(name)}
}

// Text is a one-line text field of at most maxLen characters.
func (b *Builder) Text(name, label string, maxLen int, required bool) Control {
	c := b.Control("text", name, label, required)
	c.MaxLen = maxLen
	return c
}

// Email is an e-mail address field.
func (b *Builder) Email(name, label string) Control {
	c := b.Control("email", name, label, false)
	c.MaxLen, c.Autocomplete = 254, "off"
	return c
}

// Tel is a phone number field.
func (b *Builder) Tel(name, label string) Control {
	c := b.Control("tel", name, label, false)
	c.MaxLen, c.Autocomplete = 40, "off"
	return c
}

// Area is a text area of at most maxLen characters.
func (b *Builder) Area(name, label string, maxLen int, required bool) Control {
	c := b.Control("textarea", name, label, required)
	c.MaxLen, c.Wide = maxLen, true
	return c
}

// DateField is an <input type=date>; latest, when not zero, is the latest day.
func (b *Builder) DateField(name, label string, required bool, latest time.Time) Control {
	c := b.Control("date", name, label, required)
	c.Max = ISODate(latest)
	return c
}

// Number is a whole number, typed with the numeric keyboard.
func (b *Builder) Number(name, label string, lo, hi int) Control {
	c := b.Control("number", name, label, false)
	c.Min, c.Max = strconv.Itoa(lo), strconv.Itoa(hi)
	return c
}

// Check is a checkbox.
func (b *Builder) Check(name, label string) Control {
	c := b.Control("checkbox", name, label, false)
	c.Checked = c.Value != ""
	c.Wide = true
	return c
}

// Choice is a select ("select") or radio group ("radios") over stored
// values, labelled by the catalog keys prefix+value (prefix ends in a
// dot). A select gets an empty first option when nothing is chosen yet.
func (b *Builder) Choice(typ, name, label, prefix string, values []string, required bool) Control {
	c := b.Control(typ, name, label, required)
	if typ == "select" && c.Value == "" {
		c.Options = append(c.Options, Option{Value: "", Label: b.tr.T("form.choose"), Selected: true})
	}
	for _, v := range values {
		c.Options = append(c.Options, Option{Value: v, Label: b.tr.T(prefix + v), Selected: v == c.Value})
	}
	if typ == "radios" {
		c.Wide = true
	}
	return c
}

// Checks is a group of checkboxes under one legend; each box has its own
// name (from names) and is labelled by prefix+name.
func (b *Builder) Checks(group, label, prefix string, names []string) Control {
	c := b.Control("checks", group, label, false)
	for _, n := range names {
		c.Options = append(c.Options, Option{Value: n, Label: b.tr.T(prefix + n), Selected: b.Values.Get(n) != ""})
	}
	c.Wide = true
	return c
}
