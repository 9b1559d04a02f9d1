// Package form builds and reads Spil's HTML forms. A Builder describes a
// form in Go (sections of controls, drawn by one template), so every field
// gets the same label, hint, error and accessibility markup. The decoders
// turn posted values into care types. They only read: each field is
// trimmed, bounded and parsed, and what cannot be read is named in the
// returned Fields. The rules of the domain (dates in the future, the
// 11-test, …) stay in care; the handlers run both.
package form

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/care"
)

// Fields maps a form field to the catalog key of what is wrong with it.
type Fields = care.FieldErrors

// Translator gives the text of a catalog key in one language; data fills
// {{.Name}}-style fields as name/value pairs.
type Translator interface {
	T(id string, data ...any) string
}

// Field returns a trimmed value that is at most max characters, or records
// an error for the field.
func Field(v url.Values, name string, max int, required bool, errs Fields) string {
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

// Date parses a YYYY-MM-DD date (as sent by <input type=date>) to
// midnight UTC; empty is the zero time.
func Date(v url.Values, name string, errs Fields) time.Time {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	// Years before 1000 are typing errors (and year 1 is Go's zero time).
	if err != nil || len(s) != len(time.DateOnly) || t.Year() < 1000 {
		errs[name] = "date.invalid"
		return time.Time{}
	}
	return t
}

// Number parses a whole number; empty is 0.
func Number(v url.Values, name string, errs Fields) int {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || len(s) > 9 {
		errs[name] = "field.number"
		return 0
	}
	return n
}

// OneOf returns the value when it is one of allowed.
func OneOf(v url.Values, name string, allowed []string, required bool, errs Fields) string {
	s := strings.TrimSpace(v.Get(name))
	switch {
	case s == "" && required:
		errs[name] = "field.required"
	case s != "" && !slices.Contains(allowed, s):
		errs[name] = "field.choose"
		return ""
	}
	return s
}

// Checked reports whether a checkbox was ticked.
func Checked(v url.Values, name string) bool { return v.Get(name) != "" }

// ISODate is the value of an <input type=date>; "" for a zero date.
func ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
