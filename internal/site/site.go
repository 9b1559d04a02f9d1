// Package site puts Spil's HTTP surfaces together into one handler: the
// JSON API (package api) under /api/ and the pages (package web) everywhere
// else, behind the middleware every answer shares. Each surface answers its
// own errors in its own format.
package site

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/spil-zorg/spil/internal/api"
	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/web"
)

// Config is what the site needs to know; it configures both surfaces.
type Config struct {
	// Secure is true when Spil is reached over HTTPS (directly or behind a
	// TLS proxy): cookies get Secure and the __Host- prefix, and HSTS is sent.
	Secure bool
	// Demo allows demo accounts to skip the second factor and shows the demo
	// banner on every page.
	Demo bool
	// TrustProxy takes the client address from X-Forwarded-For (last hop),
	// for login throttling and the audit trail behind a reverse proxy.
	TrustProxy bool
	// Mailer sends invitations; nil shows the case manager the link to
	// pass on instead.
	Mailer mail.Mailer
	// BaseURL is where Spil is reached (https://spil.example.nl), for the
	// links in invitations; empty takes the address of the request.
	BaseURL string
	// FHIRKept is the memory, in bytes, for the FHIR $everything answers
	// kept while their file is unchanged; 0 keeps none.
	FHIRKept int64
	Logger   *slog.Logger
	Now      func() time.Time
}

// Site is the whole of Spil's HTTP side.
type Site struct {
	cfg Config
	web *web.Server
	api *api.Server
}

// New builds both surfaces over the same services: careSvc is the one door
// to family data, authSvc knows accounts and sessions, and accounts is the
// store behind the administrator's pages. It ties the two services
// together: every password check is recorded in the audit trail, an
// accepted invitation's password follows the password rules, and calendar
// feed fetches are counted by the login throttle. A broken
// template stops it.
func New(cfg Config, authSvc *auth.Service, accounts web.Accounts, careSvc *care.Service) (*Site, error) {
	authSvc.SetLoginAudit(careSvc)
	careSvc.SetPasswords(authSvc)
	careSvc.SetFeedLimiter(authSvc)
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	pages, err := web.New(web.Config{Secure: cfg.Secure, Demo: cfg.Demo, TrustProxy: cfg.TrustProxy, Mailer: cfg.Mailer,
		BaseURL: cfg.BaseURL, Logger: cfg.Logger, Now: cfg.Now}, authSvc, accounts, careSvc)
	if err != nil {
		return nil, err
	}
	// New messages are told by e-mail, whichever surface they came through.
	notices, err := web.NewMessageMailer(cfg.Mailer, cfg.BaseURL, cfg.Logger)
	if err != nil {
		return nil, err
	}
	if notices != nil {
		careSvc.SetNotifier(notices)
	}
	jsonAPI := api.New(api.Config{Secure: cfg.Secure, Demo: cfg.Demo, TrustProxy: cfg.TrustProxy,
		FHIRKept: cfg.FHIRKept, Logger: cfg.Logger, Now: cfg.Now}, authSvc, careSvc)
	return &Site{cfg: cfg, web: pages, api: jsonAPI}, nil
}

// Handler returns the whole site: /api/ goes to the API, everything else
// to the pages, and every answer gets the security headers and one line in
// the request log.
func (s *Site) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/", s.api.Handler())
	mux.Handle("/fhir/", s.api.FHIRHandler())
	mux.Handle("/", s.web.Handler())
	return httpx.Logging(s.cfg.Logger, httpx.SecurityHeaders(s.cfg.Secure, mux))
}

// Routes returns every route pattern of both surfaces.
func (s *Site) Routes() []string {
	return append(append(s.web.Routes(), s.api.Routes()...), s.api.FHIRRoutes()...)
}
