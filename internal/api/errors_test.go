package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/site"
)

// TestAPIAnswersJSON checks that the API answers in its own error shape,
// never with a page, also where the answer is given before any route: a
// cross-origin refusal and a session lookup that fails.
func TestAPIAnswersJSON(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		body := apiIntake(a.Clock.Now(), "Lotte Smit", "2018-02-02")

		r := c.API("POST", "/api/v1/families", body, "Sec-Fetch-Site", "cross-site", "Origin", "https://elders.example")
		apiWant(t, r, http.StatusForbidden, "cross_origin")
		r = a.Client().API("DELETE", "/api/v1/families/1/network/2", nil, "Sec-Fetch-Site", "cross-site")
		apiWant(t, r, http.StatusForbidden, "cross_origin")

		// The database goes away between requests: the session cannot be
		// looked up, and every request with a cookie is a server error,
		// told in JSON without details.
		a.BreakSessionLookup()
		for _, tt := range []struct{ method, path string }{
			{"GET", "/api/v1/families"},
			{"GET", "/api/v1/families/1"},
			{"POST", "/api/v1/families"},
			{"GET", "/api/v1/bestaat-niet"},
			{"PATCH", "/api/v1/families/1"},
		} {
			r := c.API(tt.method, tt.path, nil)
			v := apiWant(t, r, http.StatusInternalServerError, "internal")
			if msg, _ := apiAt(v, "error", "message").(string); strings.Contains(msg, "database") {
				t.Errorf("%s %s: the message tells the cause: %q", tt.method, tt.path, msg)
			}
		}
		// Without a cookie there is no session to look up.
		apiWant(t, a.Client().API("GET", "/api/v1/families", nil), http.StatusUnauthorized, "unauthorized")
	})
}
