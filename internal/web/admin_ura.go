package web

import (
	"net/http"
	"strconv"
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
	weeks, err := s.care.CoverageWindow(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	p := &AdminSettingsPage{BasePage: s.base(r, "coverage_view.settings.title"), Window: strconv.Itoa(weeks),
		URA: v.Get("ura"), URAError: "fhir.ura.invalid"}
	s.render(w, r, http.StatusUnprocessableEntity, "admin_settings", p)
	return nil
}
