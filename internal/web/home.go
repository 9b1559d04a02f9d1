package web

import "net/http"

// HomePage is the start page after login.
type HomePage struct {
	BasePage
	RoleKey string // catalog key describing the role
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	a := accountOf(r)
	s.render(w, r, http.StatusOK, "home", &HomePage{BasePage: s.base(r, "home.title"), RoleKey: "role." + string(a.Role)})
	return nil
}
