package web

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
)

// RegionOption is one region of the select, with its Dutch (or English)
// name.
type RegionOption struct {
	Value, Label string
	Selected     bool
}

// RegionOptions are the regions an organisation can be in: the sociale
// kaart's.
func (p *AdminSettingsPage) RegionOptions() []RegionOption {
	out := make([]RegionOption, 0, len(care.Regions))
	for _, r := range care.Regions {
		out = append(out, RegionOption{Value: r, Label: p.T("directory.region." + r), Selected: r == p.Region})
	}
	return out
}

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
