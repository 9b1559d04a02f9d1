package web

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

type ctxKey int

const (
	sessionKey ctxKey = iota + 1
	routeKey          // *string: the matched route pattern, for the access log
)

// current is the logged-in state of a request.
type current struct {
	session *auth.Session
	account *auth.Account
	token   string
	expired bool // a cookie was sent but its session had ended
}

func currentOf(r *http.Request) *current {
	c, _ := r.Context().Value(sessionKey).(*current)
	if c == nil {
		return &current{}
	}
	return c
}

// loggedIn reports whether the request carries a fully authenticated session.
func (c *current) loggedIn() bool { return c.account != nil && c.session.MFADone }

func (s *Server) cookieName() string {
	if s.cfg.Secure {
		return "__Host-spil"
	}
	return "spil"
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: token, Path: "/",
		HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode,
	})
}

// withSession loads the session named by the cookie, if any.
func (s *Server) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			next.ServeHTTP(w, r)
			return
		}
		c := &current{}
		if ck, err := r.Cookie(s.cookieName()); err == nil && ck.Value != "" {
			sess, acct, err := s.auth.Session(r.Context(), ck.Value)
			switch {
			case err == nil:
				if sess.MFADone || !s.mfaRequired(acct) {
					sess.MFADone = true
				}
				c.session, c.account, c.token = sess, acct, ck.Value
			case isUnauthorized(err):
				c.expired = true
				s.clearSessionCookie(w)
			default:
				s.serveError(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(withCurrent(r.Context(), c)))
	})
}

// mfaRequired is false only for demo accounts while Spil runs in demo mode.
func (s *Server) mfaRequired(a *auth.Account) bool { return !(s.cfg.Demo && a.MFAExempt) }

// withSecurityHeaders sets a strict policy on every answer.
func (s *Server) withSecurityHeaders(next http.Handler) http.Handler {
	const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		if s.cfg.Secure {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			// Pages may hold personal data: never keep them in a cache.
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// withLogging logs one line per request: the route pattern, never the path
// or query (they may hold names), the status and the duration.
func (s *Server) withLogging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		route := new(string)
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), routeKey, route)))
		if *route == "" {
			*route = "(none)"
		}
		s.log.LogAttrs(r.Context(), levelFor(sw.status), "request",
			slog.String("method", r.Method), slog.String("route", *route),
			slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)))
	})
}

// withRecover turns a panic into a 500 page and a log line.
func (s *Server) withRecover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "route", r.Pattern, "panic", v)
				s.renderError(w, r, http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// swallowWriter records the status the mux chose for an unmatched request
// and drops its plain-text body, so we can answer with our own page.
type swallowWriter struct {
	header http.Header
	status int
}

func (w *swallowWriter) Header() http.Header         { return w.header }
func (w *swallowWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *swallowWriter) WriteHeader(code int)        { w.status = code }

// withFriendlyMuxErrors answers unknown routes (404) and wrong methods (405)
// with a Dutch page instead of the mux's plain text.
func (s *Server) withFriendlyMuxErrors(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if route, ok := r.Context().Value(routeKey).(*string); ok {
			*route = pattern
		}
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		sw := &swallowWriter{header: http.Header{}}
		h.ServeHTTP(sw, r)
		if allow := sw.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		if sw.status < 400 {
			// A redirect the mux made (path cleaning) is passed on as it is.
			mux.ServeHTTP(w, r)
			return
		}
		s.renderError(w, r, sw.status)
	})
}

// clientAddr is the address login throttling counts per.
func (s *Server) clientAddr(r *http.Request) string {
	if s.cfg.TrustProxy {
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

func levelFor(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelInfo
}

func isUnauthorized(err error) bool { return care.ErrorCode(err) == care.Unauthorized }

func withCurrent(ctx context.Context, c *current) context.Context {
	return context.WithValue(ctx, sessionKey, c)
}
