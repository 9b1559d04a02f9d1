package web

import (
	"net/http"
	"strings"
)

// AftercareDefaultsForm is the organisation's default follow-up contacts
// after a death, on the settings page.
type AftercareDefaultsForm struct {
	Offsets string // as typed, or as stored
	Error   string // catalog key at the field
	Saved   bool
}

// adminAftercareSubmit saves the default follow-up contacts; bad input
// comes back at the field with what was typed.
func (s *Server) adminAftercareSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	typed := strings.TrimSpace(v.Get("aftercare_offsets"))
	err = s.care.SetAftercareDefaults(r.Context(), s.actor(r), typed)
	if err == nil {
		http.Redirect(w, r, "/admin/settings?saved=aftercare#aftercare_offsets", http.StatusSeeOther)
		return nil
	}
	fe, ok := fieldErrorsOf(err)
	if !ok {
		return err
	}
	return s.renderAdminSettings(w, r, http.StatusUnprocessableEntity,
		&AdminSettingsPage{Aftercare: AftercareDefaultsForm{Offsets: typed, Error: fe["aftercare_offsets"]}})
}
