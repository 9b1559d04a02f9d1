package care

import (
	"maps"
	"slices"
	"strings"
)

// FieldErrors is an Invalid error that says, per form field, what is wrong:
// the value is a catalog key such as "field.required".
type FieldErrors map[string]string

func (fe FieldErrors) Error() string {
	return "invalid: " + strings.Join(slices.Sorted(maps.Keys(fe)), ", ")
}

// Unwrap lets ErrorCode see an Invalid error.
func (fe FieldErrors) Unwrap() error { return Errorf(Invalid, "invalid form") }

// Has reports whether the field has an error (templates use it for aria-invalid).
func (fe FieldErrors) Has(field string) bool { _, ok := fe[field]; return ok }

// OrNil returns fe, or nil when it holds no errors, so a validator can end
// with "return fe.OrNil()".
func (fe FieldErrors) OrNil() error {
	if len(fe) == 0 {
		return nil
	}
	return fe
}
