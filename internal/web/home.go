package web

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// HomePage is the start page after login.
type HomePage struct {
	BasePage
	RoleKey string // catalog key describing the role
	// Families are a family member's or provider's own families.
	Families []LinkedRow
	// Linked says an invitation just linked the account to a further family.
	Linked bool
	// Meetings are the upcoming meetings the account is invited to.
	Meetings []HomeMeeting
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	a := httpx.AccountOf(r)
	if a.Role == care.RoleCoordinator {
		// The regional coordinator's start page is the region's report.
		return s.reportShow(w, r)
	}
	if a.Role == care.RoleCaseManager {
		return s.dashboard(w, r)
	}
	p := &HomePage{BasePage: s.base(r, "home.title"), RoleKey: "role." + string(a.Role), Linked: r.URL.Query().Get("linked") == "1"}
	if a.Role == care.RoleFamily || a.Role == care.RoleProvider {
		rows, err := s.linkedRows(r)
		if err != nil {
			return err
		}
		p.Families = rows
		if p.Meetings, err = s.homeMeetings(r, rows); err != nil {
			return err
		}
	}
	s.render(w, r, http.StatusOK, "home", p)
	return nil
}
