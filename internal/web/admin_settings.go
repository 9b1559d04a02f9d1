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
	// The organisation's region, for the regional coordinator's report.
	Region      string
	RegionError string // catalog key at the field
	RegionSaved bool
	// URA is the organisation's URA as typed or stored; URAError the
	// catalog key at its field (see admin_ura.go).
	URA      string
	URAError string
	// Aftercare is the form of the default follow-up contacts after a death.
	Aftercare AftercareDefaultsForm
	// Contact are the days between contacts per intensity, as typed or
	// as stored; ContactErrors the errors per field (contact_days_<intensity>).
	ContactDays   map[string]string
	ContactErrors Fields
	ContactSaved  bool
}

// Intensities are the intensities whose days between contacts are set.
func (p *AdminSettingsPage) Intensities() []care.Intensity { return care.Intensities }

func (s *Server) adminSettings(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query().Get("saved")
	return s.renderAdminSettings(w, r, http.StatusOK, &AdminSettingsPage{Saved: q == "1", RegionSaved: q == "region", ContactSaved: q == "contacts",
		Aftercare: AftercareDefaultsForm{Saved: q == "aftercare"}})
}

// renderAdminSettings shows the settings page with every setting's stored
// value, except those the handler filled in: what an administrator typed
// in the form that was refused.
func (s *Server) renderAdminSettings(w http.ResponseWriter, r *http.Request, status int, p *AdminSettingsPage) error {
	ctx, actor := r.Context(), s.actor(r)
	p.BasePage = s.base(r, "coverage_view.settings.title")
	p.Path = "/admin/settings"
	var err error
	if p.Window == "" && p.Error == "" {
		weeks, err := s.care.CoverageWindow(ctx, actor)
		if err != nil {
			return err
		}
		p.Window = strconv.Itoa(weeks)
	}
	if p.RegionError == "" {
		if _, p.Region, err = s.care.ReportRegion(ctx, actor); err != nil {
			return err
		}
	}
	if p.URAError == "" {
		if p.URA, err = s.care.OrganisationURA(ctx, actor); err != nil {
			return err
		}
	}
	if p.Aftercare.Error == "" {
		offsets, err := s.care.AftercareDefaults(ctx, actor)
		if err != nil {
			return err
		}
		p.Aftercare.Offsets = offsets
	}
	if p.ContactErrors == nil {
		if p.ContactDays, err = s.contactDays(r); err != nil {
			return err
		}
	}
	s.render(w, r, status, "admin_settings", p)
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
	return s.renderAdminSettings(w, r, http.StatusUnprocessableEntity, &AdminSettingsPage{Window: typed, Error: key})
}
