package web

import (
	"net/http"
	"strconv"
	"strings"
)

// AftercareDefaultsForm is the organisation's default follow-up contacts
// after a death, on the settings page.
type AftercareDefaultsForm struct {
	Offsets string // as typed, or as stored
	Error   string // catalog key at the field
	Saved   bool
}

// aftercareDefaultsForm fills the form with the stored defaults.
func (s *Server) aftercareDefaultsForm(r *http.Request, p *AdminSettingsPage) error {
	offsets, err := s.care.AftercareDefaults(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	p.Aftercare = AftercareDefaultsForm{Offsets: offsets, Saved: r.URL.Query().Get("saved") == "aftercare"}
	return nil
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
	weeks, err := s.care.CoverageWindow(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	p := &AdminSettingsPage{BasePage: s.base(r, "coverage_view.settings.title"), Window: strconv.Itoa(weeks),
		Aftercare: AftercareDefaultsForm{Offsets: typed, Error: fe["aftercare_offsets"]}}
	p.Path = "/admin/settings"
	s.render(w, r, http.StatusUnprocessableEntity, "admin_settings", p)
	return nil
}
