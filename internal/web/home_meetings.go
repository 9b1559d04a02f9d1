package web

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
)

// HomeMeeting is an upcoming meeting on a participant's start page: what
// and when, about which child, and where to read it.
type HomeMeeting struct {
	care.AccountMeeting
	ChildName string
	URL       string
}

// maxHomeMeetings is how many upcoming meetings the start page shows.
const maxHomeMeetings = 10

// homeMeetings lists the upcoming meetings of the families in rows the
// account can open: a provider's only where consent is in force.
func (s *Server) homeMeetings(r *http.Request, rows []LinkedRow) ([]HomeMeeting, error) {
	ms, err := s.care.UpcomingMeetings(r.Context(), s.actor(r))
	if err != nil {
		return nil, err
	}
	var out []HomeMeeting
	for _, m := range ms {
		for _, row := range rows {
			if row.FamilyID != m.FamilyID || row.URL == "" || len(out) == maxHomeMeetings {
				continue
			}
			out = append(out, HomeMeeting{AccountMeeting: m, ChildName: row.ChildName, URL: row.URL + "/meetings/" + idString(m.ID)})
		}
	}
	return out, nil
}
