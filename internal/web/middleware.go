package web

import (
	"net/http"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// sessionless reports whether a request is served without looking up a
// session: static files and the health checks.
func sessionless(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" || r.URL.Path == "/readyz"
}

// withSession loads the session of every request but the sessionless
// ones, and answers a failed lookup with the error page.
func (s *Server) withSession(next http.Handler) http.Handler {
	loaded := s.sessions.Load(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := httpx.StateOf(r).Err; err != nil {
			s.serveError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sessionless(r) {
			next.ServeHTTP(w, r)
			return
		}
		loaded.ServeHTTP(w, r)
	})
}

// actor is the logged-in account as the care service sees it; only call
// behind requireLogin.
func (s *Server) actor(r *http.Request) care.Actor { return httpx.Actor(r, s.cfg.TrustProxy) }

// clientAddr is the address login throttling counts per.
func (s *Server) clientAddr(r *http.Request) string { return httpx.ClientAddr(r, s.cfg.TrustProxy) }
