package api

import (
	"net/http"
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// apiAccessLogDays is the period the access log shows when the request
// names none: the last 30 days, today included.
const apiAccessLogDays = 30

// apiAccessLogOut is GET /api/v1/families/{id}/access-log.
type apiAccessLogOut struct {
	From    string              `json:"from"`
	To      string              `json:"to"`
	Entries []apiAccessEntryOut `json:"entries"`
}

type apiAccessEntryOut struct {
	At           string `json:"at"`
	ActorName    string `json:"actor_name"`
	Organisation string `json:"organisation"`
	Role         string `json:"role"`
	ObjectType   string `json:"object_type"`
	Action       string `json:"action"`
	Outcome      string `json:"outcome"`
}

func apiAccessLog(from, to time.Time, log []care.AccessEntry) apiAccessLogOut {
	out := apiAccessLogOut{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), Entries: make([]apiAccessEntryOut, 0, len(log))}
	for _, e := range log {
		out.Entries = append(out.Entries, apiAccessEntryOut{
			At: e.At.UTC().Format(time.RFC3339), ActorName: e.ActorName, Organisation: e.Organisation, Role: string(e.Role),
			ObjectType: e.ObjectType, Action: string(e.Action), Outcome: e.Outcome,
		})
	}
	return out
}

// apiAccessLog is GET /api/v1/families/{id}/access-log: who looked at the
// family's file, newest first, for the family's case managers and the
// family members linked to it. The care service decides who may read it
// and audits the reading too; anyone else gets 404.
func (s *Server) apiAccessLog(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	from, to, err := apiPeriod(r.URL.Query(), s.cfg.Now())
	if err != nil {
		return err
	}
	log, err := s.care.AccessLog(r.Context(), s.actor(r), id, apiDayStart(from), apiDayStart(to.AddDate(0, 0, 1)))
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiAccessLog(from, to, log))
	return nil
}

// apiPeriod reads the days "from" and "to" (YYYY-MM-DD, both included,
// calendar days in the Netherlands). Without "to" the period ends today,
// and a later "to" is taken as today, since nothing is logged ahead;
// without "from" it starts 29 days before its end.
func apiPeriod(q url.Values, now time.Time) (from, to time.Time, err error) {
	fe := care.FieldErrors{}
	from, to = apiDate(fe, "from", q.Get("from")), apiDate(fe, "to", q.Get("to"))
	if len(fe) > 0 {
		return from, to, fe
	}
	today := care.DateOf(now)
	if to.IsZero() || to.After(today) {
		to = today
	}
	switch {
	case from.IsZero():
		from = to.AddDate(0, 0, 1-apiAccessLogDays)
	case from.After(today):
		fe["from"] = "date.future"
	case from.After(to):
		fe["to"] = "date.invalid" // the period ends before it starts
	}
	return from, to, fe.OrNil()
}

// apiDayStart is the moment a calendar day begins in the Netherlands.
func apiDayStart(day time.Time) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, care.Amsterdam)
}
