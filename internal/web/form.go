package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// Fields maps a form field to the catalog key of what is wrong with it.
type Fields = form.Fields

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
