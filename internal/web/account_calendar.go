package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// CalendarSection is the account page's "calendar link" block: whether the
// account has a feed, and its address on the one answer that made it.
type CalendarSection struct {
	Since time.Time // when the feed was made; zero when there is none
	// SinceText is Since as the page shows it, in the page's language.
	SinceText string
	// URL is the feed's address, shown once: only on the answer to
	// making it, never stored or drawn again.
	URL     string
	Revoked bool
	// Words is "pro" for professionals (addressed as "u") and "family"
	// for parents and children ("je").
	Words string
}

// calendarSection reads the block for the account page; nil for roles
// without a calendar (administrators, coordinators).
func (s *Server) calendarSection(r *http.Request, lang string) (*CalendarSection, error) {
	actor := s.actor(r)
	if !care.MayHaveCalendarFeed(actor.Role) {
		return nil, nil
	}
	since, err := s.care.CalendarFeedSince(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	words := "pro"
	if actor.Role == care.RoleFamily {
		words = "family"
	}
	c := &CalendarSection{Since: since, Words: words}
	if !since.IsZero() {
		c.SinceText = formatDate(since, lang) + " " + since.In(care.Amsterdam).Format("15:04")
	}
	return c, nil
}

// calendarCreate makes the account's calendar feed (replacing an earlier
// one) and shows its address once, on this answer: a redirect would have
// to carry the token in a URL.
func (s *Server) calendarCreate(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseForm(w, r); err != nil {
		return err
	}
	token, err := s.care.CreateCalendarFeed(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	p, err := s.accountPage(r)
	if err != nil {
		return err
	}
	p.Calendar.URL = s.baseURL(r) + "/ical/" + token + ".ics"
	s.render(w, r, http.StatusOK, "account", p)
	return nil
}

// calendarRevoke ends the account's calendar feed. Revoking twice (a
// double click) is not an error to the holder: the link is gone.
func (s *Server) calendarRevoke(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseForm(w, r); err != nil {
		return err
	}
	if err := s.care.RevokeCalendarFeed(r.Context(), s.actor(r)); err != nil && !errors.Is(err, care.ErrCalendarFeedUnknown) {
		return err
	}
	http.Redirect(w, r, "/account?saved=calendar#calendar", http.StatusSeeOther)
	return nil
}
