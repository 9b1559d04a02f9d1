// Package web serves Spil's pages: server-rendered HTML with embedded
// templates, styles, htmx and language catalogs. Handlers return an error;
// one adapter turns error kinds into a status and a friendly page.
package web

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
	"github.com/spil-zorg/spil/internal/mail"
)

//go:embed templates locales static
var files embed.FS

// Config is what the web server needs to know.
type Config struct {
	// Secure is true when Spil is reached over HTTPS (directly or behind a
	// TLS proxy): cookies get Secure and the __Host- prefix, and HSTS is sent.
	Secure bool
	// Demo allows demo accounts to skip the second factor and shows the demo
	// banner on every page.
	Demo bool
	// TrustProxy takes the client address from X-Forwarded-For (last hop),
	// for login throttling behind a reverse proxy.
	TrustProxy bool
	// Mailer sends invitations and the e-mail about accounts; nil shows the
	// case manager an invitation's link to pass on instead, and sends an
	// account's holder nothing (an administrator never sees their link).
	Mailer mail.Mailer
	// BaseURL is where Spil is reached (https://spil.example.nl), for the
	// links in invitations; empty takes the address of the request.
	BaseURL string
	Logger  *slog.Logger
	Now     func() time.Time
}

// Accounts is what the pages read of accounts, and the language setting:
// the list on the admin page. Every change by an administrator goes
// through the auth service. /readyz asks it whether the database takes
// writes.
type Accounts interface {
	Ready(ctx context.Context) error
	Accounts(ctx context.Context) ([]*auth.Account, error)
	AccountByID(ctx context.Context, id int64) (*auth.Account, error)
	SetAccountLocale(ctx context.Context, id int64, locale string) error
}

// Server holds everything the handlers share.
type Server struct {
	cfg      Config
	auth     *auth.Service
	sessions *httpx.Sessions
	accounts Accounts
	care     *care.Service
	pages    map[string]*template.Template
	i18n     *catalog
	assets   *assets
	log      *slog.Logger
}

// New returns a Server. careSvc is the one door to family data. It parses every template and catalog up front, so a
// broken template stops the start instead of a page.
func New(cfg Config, authSvc *auth.Service, accounts Accounts, careSvc *care.Service) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cat, err := loadCatalog()
	if err != nil {
		return nil, err
	}
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	sessions := &httpx.Sessions{Auth: authSvc, Secure: cfg.Secure, Demo: cfg.Demo}
	return &Server{cfg: cfg, auth: authSvc, sessions: sessions, accounts: accounts, care: careSvc, pages: pages, i18n: cat, assets: as, log: cfg.Logger}, nil
}

// Handler serves the pages: everything but the JSON API. The site puts the
// middleware every answer shares (security headers, request log) around it.
func (s *Server) Handler() http.Handler {
	mux := httpx.NewRouteMux()
	s.routes(mux)
	h := httpx.Serve(mux.ServeMux, s.renderError)
	h = s.withSession(h)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusForbidden)
	}))
	h = cop.Handler(h)
	return httpx.Recover(s.log, func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusInternalServerError)
	}, h)
}

// handler is an http.Handler that returns an error; see (*Server).handle.
type handler func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handler: an error becomes a status and an error page, and
// only server errors are logged (without user input).
func (s *Server) handle(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status := httpx.StatusOf(care.ErrorCode(err))
	if errors.Is(err, errTooLarge) {
		status = http.StatusRequestEntityTooLarge
	}
	if errors.Is(err, care.ErrStorageFull) {
		// Said apart from other failures, so whoever reads the log looks
		// at the disk; the driver's text names no person.
		s.log.ErrorContext(r.Context(), "request failed: the database storage is full", "method", r.Method, "route", r.Pattern, "err", err)
		s.renderErrorMessage(w, r, status, "error.storage_full")
		return
	}
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", r.Pattern, "err", err)
	}
	s.renderError(w, r, status)
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int) {
	s.renderErrorMessage(w, r, status, "")
}

// renderErrorMessage renders the error page with the message key, or with
// the status's own message when key is "".
func (s *Server) renderErrorMessage(w http.ResponseWriter, r *http.Request, status int, key string) {
	p := &ErrorPage{BasePage: s.base(r, "error.title"), Status: status, Message: key}
	switch {
	case key != "":
	case status == http.StatusNotFound:
		p.Message = "error.not_found"
	case status == http.StatusMethodNotAllowed:
		p.Message = "error.method"
	case status == http.StatusBadRequest:
		p.Message = "error.bad_request"
	case status == http.StatusRequestEntityTooLarge:
		p.Message = "error.too_large"
	case status == http.StatusTooManyRequests:
		p.Message = "error.too_many"
	case status == http.StatusUnauthorized:
		p.Message = "error.unauthorized"
	case status == http.StatusForbidden:
		p.Message = "error.cross_origin"
	default:
		p.Message = "error.internal"
	}
	s.render(w, r, status, "error", p)
}
