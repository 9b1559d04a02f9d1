package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/care"
)

// maxFormBytes bounds every form body; larger ones get a 413 page.
const maxFormBytes = 64 << 10

// parseForm reads a POST form with a size limit.
func parseForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	return parseFormMax(w, r, maxFormBytes)
}

// parseFormMax reads a POST form of at most limit bytes; forms that hold
// many long texts at once (the care plan) need more than maxFormBytes.
func parseFormMax(w http.ResponseWriter, r *http.Request, limit int64) (url.Values, error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errTooLarge
		}
		return nil, care.Errorf(care.Invalid, "form unreadable")
	}
	return r.PostForm, nil
}

var errTooLarge = care.Errorf(care.Invalid, "form too large")

// FormAlert is a box above a form that says something went wrong as a
// whole (not at one field) and where to go from here.
type FormAlert struct {
	ID    string   // element id; tests and browser tests find the box by it
	Lines []string // translated paragraphs
	Links []Link
}

// Link is a link with a translated text.
type Link struct {
	ID   string // element id, optional
	Href string
	Text string
}

// Hidden is a value the form sends back unchanged, such as the version a
// change was made on.
func (p *FormPage) Hidden(name string) Control {
	return Control{Type: "hidden", Name: name, Value: p.Values.Get(name)}
}

// Fields maps a form field to the catalog key of what is wrong with it.
type Fields = care.FieldErrors

// field returns a trimmed value that is at most max characters, or records
// an error for the field.
func field(v url.Values, name string, max int, required bool, errs Fields) string {
	s := strings.TrimSpace(v.Get(name))
	switch {
	case !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		errs[name] = "field.unreadable"
	case required && s == "":
		errs[name] = "field.required"
	case utf8.RuneCountInString(s) > max:
		errs[name] = "field.too_long"
	}
	return s
}

// localPath returns next when it is a path on this site, else "/"; it keeps
// redirects after login from leading elsewhere.
func localPath(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n\t") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}
