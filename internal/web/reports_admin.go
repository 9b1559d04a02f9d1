package web

import (
	"net/http"
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
	return s.renderAdminSettings(w, r, http.StatusUnprocessableEntity, &AdminSettingsPage{Region: typed, RegionError: fe["region"]})
}
