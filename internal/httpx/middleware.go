package httpx

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// SecurityHeaders sets a strict policy on every answer: a content security
// policy without inline scripts or styles, no framing, no sniffing, HSTS
// when secure, and no caching of anything but static files.
func SecurityHeaders(secure bool, next http.Handler) http.Handler {
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
		if secure {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			// Answers may hold personal data: never keep them in a cache.
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

// Logging logs one line per request: the route pattern (see Serve), never
// the path or query, which may hold names; the status and the duration.
func Logging(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		route := new(string)
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), routeKey, route)))
		if *route == "" {
			*route = "(none)"
		}
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("route", *route),
			slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)))
	})
}

// Recover turns a panic into a log line and the answer a surface gives for
// a server error (answer writes it, with status 500).
func Recover(log *slog.Logger, answer func(w http.ResponseWriter, r *http.Request), next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(r.Context(), "panic", "route", r.Pattern, "panic", v)
				answer(w, r)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// RouteMux is a ServeMux that remembers its patterns, so a test can demand
// an authorisation rule for every route.
type RouteMux struct {
	*http.ServeMux
	patterns []string
}

// NewRouteMux returns an empty RouteMux.
func NewRouteMux() *RouteMux { return &RouteMux{ServeMux: http.NewServeMux()} }

// Handle registers h for pattern.
func (m *RouteMux) Handle(pattern string, h http.Handler) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.Handle(pattern, h)
}

// HandleFunc registers f for pattern.
func (m *RouteMux) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(f))
}

// Patterns returns the patterns registered so far, in order.
func (m *RouteMux) Patterns() []string { return append([]string(nil), m.patterns...) }

// swallowWriter records the status the mux chose for an unmatched request
// and drops its plain-text body, so the surface can answer in its own way.
type swallowWriter struct {
	header http.Header
	status int
}

func (w *swallowWriter) Header() http.Header         { return w.header }
func (w *swallowWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *swallowWriter) WriteHeader(code int)        { w.status = code }

// Serve serves requests from mux and hands the matched route pattern to
// Logging. A request no route matches is answered by miss with the status
// the mux chose (404, or 405 with the Allow header set), instead of the
// mux's plain text; a redirect the mux makes (path cleaning) passes as it is.
func Serve(mux *http.ServeMux, miss func(w http.ResponseWriter, r *http.Request, status int)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			if route, ok := r.Context().Value(routeKey).(*string); ok {
				*route = pattern
			}
			mux.ServeHTTP(w, r)
			return
		}
		sw := &swallowWriter{header: http.Header{}}
		h.ServeHTTP(sw, r)
		if sw.status < 400 {
			mux.ServeHTTP(w, r)
			return
		}
		if allow := sw.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		miss(w, r, sw.status)
	})
}
