package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	ics "github.com/arran4/golang-ical"

	"github.com/spil-zorg/spil/internal/care"
)

// feedTokenLen is the length of a feed token: 32 random bytes in base32
// without padding.
const feedTokenLen = 52

// feedToken takes the token out of the last part of a feed's path,
// "<token>.ics"; "" for anything else, which the care service answers as
// an unknown token (and records).
func feedToken(name string) string {
	token, ok := strings.CutSuffix(name, ".ics")
	if !ok || len(token) != feedTokenLen {
		return ""
	}
	for _, c := range []byte(token) {
		if (c < 'A' || c > 'Z') && (c < '2' || c > '7') {
			return ""
		}
	}
	return token
}

// calendarFeed answers GET /ical/{token}.ics: no session, the token is the
// credential. The care service counts, checks and records the fetch; an
// unknown, revoked or disabled account's token gets the same 404.
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) error {
	page, err := s.care.CalendarFeed(r.Context(), feedToken(r.PathValue("file")), s.clientAddr(r))
	h := w.Header()
	// The address is a secret: never pass it on, never index it.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	if care.ErrorCode(err) == care.TooMany {
		h.Set("Retry-After", strconv.Itoa(int(s.auth.Config().ThrottleWindow.Seconds())))
	}
	if err != nil {
		return err
	}
	body, err := s.icalendar(r, page)
	if err != nil {
		return err
	}
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	// Personal: a shared cache must never keep it.
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Disposition", `inline; filename="spil.ics"`)
	_, err = w.Write(body)
	return err
}

// Titles of the feed's events: fixed words, never a name or free text.
const (
	titleContact = "Contact"
	titleMeeting = "MDO"
)

// icalendar writes the feed's events as iCalendar. Times are UTC (a
// planned contact is a whole day, as a date); every event has a stable
// UID, the time of this fetch as DTSTAMP, and a link into Spil through
// the door of the account's role, behind its login.
func (s *Server) icalendar(r *http.Request, page *care.CalendarPage) ([]byte, error) {
	base := s.baseURL(r)
	host := "spil"
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	cal, err := ics.NewCalendarWithOptions(ics.WithVersion("2.0"), ics.WithProductId("-//Spil//Agenda//NL"))
	if err != nil {
		return nil, err
	}
	cal.SetMethod(ics.MethodPublish)
	cal.SetName("Spil")
	cal.SetXWRCalName("Spil")
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	now := s.cfg.Now().UTC()
	for _, e := range page.Events {
		ev := cal.AddEvent(e.UID + "@" + host)
		ev.SetDtStampTime(now)
		if e.AllDay {
			ev.SetAllDayStartAt(e.Start)
			ev.SetAllDayEndAt(e.Start.AddDate(0, 0, 1))
		} else {
			ev.SetStartAt(e.Start)
			ev.SetEndAt(e.Start.Add(e.Duration))
		}
		title := titleContact
		if e.Kind == care.EventMeeting {
			title = titleMeeting
		}
		link := base + familyDoor(page.Role, e.FamilyID)
		ev.SetSummary(title)
		ev.SetURL(link)
		ev.SetDescription(link)
		ev.SetClass(ics.ClassificationPrivate)
	}
	var b bytes.Buffer
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// familyDoor is the path of the family's page through the door of role.
func familyDoor(role care.Role, familyID int64) string {
	id := strconv.FormatInt(familyID, 10)
	switch role {
	case care.RoleFamily:
		return "/my/families/" + id
	case care.RoleProvider:
		return "/provider/families/" + id
	}
	return "/families/" + id
}
