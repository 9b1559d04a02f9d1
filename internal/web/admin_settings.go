package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// AdminSettingsPage is the organisation's settings: how many weeks ahead
// the case managers see coverage that ends.
type AdminSettingsPage struct {
	BasePage
	Window string // as typed, or as stored
	Error  string // catalog key at the field
	Saved  bool
	// Contact are the days between contacts per intensity, as typed or
	// as stored; ContactErrors the errors per field (contact_days_<intensity>).
	ContactDays   map[string]string
	ContactErrors Fields
	ContactSaved  bool
}

// Intensities are the intensities whose days between contacts are set.
func (p *AdminSettingsPage) Intensities() []care.Intensity { return care.Intensities }

func (s *Server) adminSettings(w http.ResponseWriter, r *http.Request) error {
	weeks, err := s.care.CoverageWindow(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	p := &AdminSettingsPage{BasePage: s.base(r, "coverage_view.settings.title"), Window: strconv.Itoa(weeks), Saved: r.URL.Query().Get("saved") == "1",
		ContactSaved: r.URL.Query().Get("saved") == "contacts"}
	if p.ContactDays, err = s.contactDays(r); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_settings", p)
	return nil
}

func (s *Server) adminSettingsSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	typed := strings.TrimSpace(v.Get("coverage_window"))
	weeks, convErr := strconv.Atoi(typed)
	switch {
	case typed == "":
		err = care.FieldErrors{"coverage_window": "field.required"}
	case convErr != nil || len(typed) > 3:
		err = care.FieldErrors{"coverage_window": "coverage.window_range"}
	default:
		err = s.care.SetCoverageWindow(r.Context(), s.actor(r), weeks)
	}
	if err == nil {
		http.Redirect(w, r, "/admin/settings?saved=1", http.StatusSeeOther)
		return nil
	}
	fe, ok := fieldErrorsOf(err)
	if !ok {
		return err
	}
	key := fe["coverage_window"]
	if key == "coverage.window_range" {
		key = "coverage_view.settings.window_range"
	}
	p := &AdminSettingsPage{BasePage: s.base(r, "coverage_view.settings.title"), Window: typed, Error: key}
	if p.ContactDays, err = s.contactDays(r); err != nil {
		return err
	}
	s.render(w, r, http.StatusUnprocessableEntity, "admin_settings", p)
	return nil
}
