// Package httpx holds what Spil's two HTTP surfaces, the pages (web) and
// the JSON API (api), share about a request: its session, the actor it
// speaks for, ids in its path, the client address, the one table from
// error kind to status, and the middleware every answer passes through.
// It writes no HTML and no JSON: each surface answers errors in its own
// format.
package httpx

import (
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// StatusOf maps an error kind to an HTTP status; this table is the only one.
func StatusOf(code care.Code) int {
	switch code {
	case care.NotFound:
		return http.StatusNotFound
	case care.Invalid:
		return http.StatusBadRequest
	case care.Conflict:
		return http.StatusConflict
	case care.Forbidden:
		// Deny without telling what exists.
		return http.StatusNotFound
	case care.Unauthorized:
		return http.StatusUnauthorized
	case care.TooMany:
		return http.StatusTooManyRequests
	case care.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// maxIDDigits is the length of the largest int64, 9223372036854775807.
const maxIDDigits = 19

// PathID reads the positive id in the path value name. Only the canonical
// decimal form is an id: no sign, no leading zero, no spaces, nothing
// beyond int64. Anything else is a path that does not exist (NotFound), so
// one object has one address.
func PathID(r *http.Request, name string) (int64, error) {
	if id, ok := parseID(r.PathValue(name)); ok {
		return id, nil
	}
	return 0, care.Errorf(care.NotFound, "no such path")
}

// QueryID reads the positive id in the query parameter name, in canonical
// decimal form; ok is false when it is missing, and err is Invalid when it
// is anything else.
func QueryID(r *http.Request, name string) (id int64, ok bool, err error) {
	q := r.URL.Query()
	if !q.Has(name) {
		return 0, false, nil
	}
	if id, ok := parseID(q.Get(name)); ok {
		return id, true, nil
	}
	return 0, false, care.Errorf(care.Invalid, "query %s is not an id", name)
}

// parseID reads s as a positive id in canonical decimal form.
func parseID(s string) (int64, bool) {
	if s == "" || len(s) > maxIDDigits || s[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return id, true
}

// ClientAddr is the address of the client: the last hop of
// X-Forwarded-For when trustProxy is set (Spil behind a reverse proxy),
// else the address of the connection. Login throttling counts per address,
// and the audit trail records it as the access point.
func ClientAddr(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Actor is the logged-in account of the request as the care service sees
// it: who asks, for the policy and the audit trail. Only call it behind a
// check that the request is logged in.
func Actor(r *http.Request, trustProxy bool) care.Actor {
	a := AccountOf(r)
	return care.Actor{AccountID: a.ID, Role: a.Role, OrganisationID: a.OrganisationID, AccessPoint: ClientAddr(r, trustProxy)}
}
