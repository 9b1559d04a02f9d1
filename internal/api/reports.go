package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// apiReportMessages explain a refused query in words a developer acts on.
var apiReportMessages = map[string]string{
	"date.invalid":          "is not a date: use YYYY-MM-DD",
	"report.to_before_from": "lies before from",
	"report.too_long":       "makes a period longer than 60 months",
	"date.too_old":          "is out of range",
	"field.choose":          "is not a scope you may report over: caseload, organisation or region",
	"report.no_region":      "region: your organisation has no region; its administrator sets one",
}

// apiRegistrationReport is GET /api/v1/reports/registration?from=&to=&scope=:
// the registration report as aggregates (docs/reports.md), anonymised for
// every scope but a case manager's own caseload; recorded with action E.
// Bad parameters are a 400 that names them; a scope the caller may not
// report over, a 404.
func (s *Server) apiRegistrationReport(w http.ResponseWriter, r *http.Request) error {
	actor := s.actor(r)
	v := r.URL.Query()
	for k := range v {
		if k != "from" && k != "to" && k != "scope" {
			return apiErrorf(http.StatusBadRequest, "bad_request", "unknown parameter "+k+": use from, to and scope")
		}
	}
	if len(care.ReportScopes(actor.Role)) == 0 {
		_, err := s.care.RegistrationReport(r.Context(), actor, care.ReportQuery{})
		return err
	}
	q, err := care.ParseReportQuery(v.Get("from"), v.Get("to"), v.Get("scope"), actor.Role, s.cfg.Now())
	if err == nil {
		rep, rerr := s.care.RegistrationReport(r.Context(), actor, q)
		if rerr == nil {
			b, err := rep.JSON(q.Scope)
			if err != nil {
				return err
			}
			s.apiWriteJSON(w, r, http.StatusOK, json.RawMessage(b))
			return nil
		}
		err = rerr
	}
	var fe care.FieldErrors
	if !errors.As(err, &fe) {
		return err
	}
	keys := make([]string, 0, len(fe))
	for k := range fe {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		msg, ok := apiReportMessages[fe[k]]
		if !ok {
			msg = "is not valid"
		}
		parts = append(parts, k+" "+msg)
	}
	return &apiError{Status: http.StatusBadRequest, Code: "bad_request", Message: strings.Join(parts, "; "), Fields: fe}
}
