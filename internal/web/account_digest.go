package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
)

// DigestSection is the account page's "daily e-mail" block of a case
// manager: on or off, and the hour, as stored or as posted.
type DigestSection struct {
	Enabled bool
	Hour    string // as the select posts it: "0" to "23"
	Errors  Fields
	Saved   bool
}

// Hours are the choices of the hour, "0" to "23".
func (DigestSection) Hours() []string {
	out := make([]string, 24)
	for h := range out {
		out[h] = fmt.Sprint(h)
	}
	return out
}

// HourText shows an hour of the list as a time: "07:00".
func (DigestSection) HourText(h string) string {
	if len(h) == 1 {
		h = "0" + h
	}
	return h + ":00"
}

// digestSection reads the block for the account page; nil for roles
// without a digest.
func (s *Server) digestSection(r *http.Request) (*DigestSection, error) {
	actor := s.actor(r)
	if !care.MayHaveDigest(actor.Role) {
		return nil, nil
	}
	d, err := s.care.DigestSettings(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	return &DigestSection{Enabled: d.Enabled, Hour: fmt.Sprint(d.Hour), Errors: Fields{}}, nil
}

// digestSubmit saves the daily e-mail's settings. A bad hour draws the
// account page again with what was posted and a message at the field.
func (s *Server) digestSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	in := care.DigestInput{Enabled: v.Get("enabled") != "", Hour: v.Get("hour")}
	_, err = s.care.SaveDigestSettings(r.Context(), s.actor(r), in)
	var fe care.FieldErrors
	switch {
	case errors.As(err, &fe):
		p, perr := s.accountPage(r)
		if perr != nil {
			return perr
		}
		p.Digest = &DigestSection{Enabled: in.Enabled, Hour: in.Hour, Errors: fe}
		s.render(w, r, http.StatusUnprocessableEntity, "account", p)
		return nil
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/account?saved=digest#digest", http.StatusSeeOther)
	return nil
}
