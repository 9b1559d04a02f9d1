package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// contactDays reads the organisation's days between contacts, as the
// settings form shows them.
func (s *Server) contactDays(r *http.Request) (map[string]string, error) {
	set, err := s.care.SignalSettings(r.Context(), s.actor(r))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, i := range care.Intensities {
		out[string(i)] = strconv.Itoa(set.ContactDays[i])
	}
	return out, nil
}

// parseContactDays reads the days between contacts per intensity from the
// settings form: whole numbers, each next to its own field when wrong.
func parseContactDays(v url.Values) (map[care.Intensity]int, map[string]string, Fields) {
	days, typed, errs := map[care.Intensity]int{}, map[string]string{}, Fields{}
	for _, i := range care.Intensities {
		name := "contact_days_" + string(i)
		t := strings.TrimSpace(v.Get(name))
		typed[string(i)] = t
		n, err := strconv.Atoi(t)
		switch {
		case t == "":
			errs[name] = "field.required"
		case err != nil || len(t) > 3 || n < 1 || n > care.MaxContactDays:
			errs[name] = "signal.settings.days_range"
		default:
			days[i] = n
		}
	}
	return days, typed, errs
}

// adminContactDaysSubmit sets the days between contacts per intensity.
func (s *Server) adminContactDaysSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	days, typed, errs := parseContactDays(v)
	if len(errs) == 0 {
		err := s.care.SetContactDays(r.Context(), s.actor(r), days)
		if err == nil {
			http.Redirect(w, r, "/admin/settings?saved=contacts", http.StatusSeeOther)
			return nil
		}
		fe, ok := fieldErrorsOf(err)
		if !ok {
			return err
		}
		errs = fe
	}
	return s.renderAdminSettings(w, r, http.StatusUnprocessableEntity, &AdminSettingsPage{ContactDays: typed, ContactErrors: errs})
}
