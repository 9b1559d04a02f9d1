package web

import (
	"net/http"
	"strconv"
)

// adminRegionSubmit sets the region of the administrator's organisation.
func (s *Server) adminRegionSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	typed := v.Get("region")
	err = s.care.SetReportRegion(r.Context(), s.actor(r), typed)
	if err == nil {
		http.Redirect(w, r, "/admin/settings?saved=region", http.StatusSeeOther)
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
		Region: typed, RegionError: fe["region"]}
	p.Path = "/admin/settings"
	s.render(w, r, http.StatusUnprocessableEntity, "admin_settings", p)
	return nil
}
