package web

import (
	"net/http"
	"strings"
)

// adminURASubmit sets the organisation's URA, the number it is known by
// in the UZI register, which the FHIR export names it by.
func (s *Server) adminURASubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	typed := strings.TrimSpace(v.Get("ura"))
	err = s.care.SetOrganisationURA(r.Context(), s.actor(r), typed)
	if err == nil {
		http.Redirect(w, r, "/admin/settings?saved=1", http.StatusSeeOther)
		return nil
	}
	if _, ok := fieldErrorsOf(err); !ok {
		return err
	}
	return s.renderAdminSettings(w, r, http.StatusUnprocessableEntity, &AdminSettingsPage{URA: v.Get("ura"), URAError: "fhir.ura.invalid"})
}
