package web

import (
	"errors"
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// reachabilitySubmit saves how the logged-in case manager is reached at
// work. A bad phone number or an over-long text draws the account page
// again with what was typed and a message next to the field.
func (s *Server) reachabilitySubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	a := httpx.AccountOf(r)
	reach, err := s.auth.SetReachability(r.Context(), a, v.Get("work_phone"), v.Get("work_hours"), v.Get("stand_in"), s.clientAddr(r))
	var fe care.FieldErrors
	switch {
	case errors.As(err, &fe):
		p, perr := s.accountPage(r)
		if perr != nil {
			return perr
		}
		p.Reach, p.ReachErrors = &reach, fe
		s.render(w, r, http.StatusUnprocessableEntity, "account", p)
		return nil
	case err != nil:
		return err
	}
	s.log.InfoContext(r.Context(), "account: reachability changed", "account", a.ID)
	http.Redirect(w, r, "/account?saved=reach#reachability", http.StatusSeeOther)
	return nil
}
