// Package sitetest runs the whole of Spil (package site) on a real database
// behind an httptest server, for the HTTP tests of web, api and site: it
// makes accounts, logs clients in like a browser, and parses the answers
// (HTML as a tree, JSON as values).
package sitetest

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// Password is the password of every account the tests make.
const Password = "een heel lang wachtwoord"

// Clock is the time of the app; a test moves it forward.
type Clock struct{ now atomic.Int64 }

// Now is the app's current time.
func (c *Clock) Now() time.Time { return time.Unix(0, c.now.Load()).UTC() }

// Add moves the clock forward by d.
func (c *Clock) Add(d time.Duration) { c.now.Add(int64(d)) }

// App is Spil on a real database behind an httptest server.
type App struct {
	T     *testing.T
	URL   string
	Store *store.Store
	Auth  *auth.Service
	Clock *Clock
	Org   int64 // the organisation every account belongs to
	Care  *care.Service
	Site  *site.Site

	sessions *brokenSessions
}

// brokenSessions is the auth store of the app; once broken, looking up a
// session fails as it would with the database gone.
type brokenSessions struct {
	auth.Store
	broken atomic.Bool
}

// ErrDatabaseGone is the error of a session lookup after BreakSessionLookup.
var ErrDatabaseGone = errors.New("sitetest: the database is gone")

func (b *brokenSessions) SessionWithAccount(ctx context.Context, hash string) (*auth.Session, *auth.Account, error) {
	if b.broken.Load() {
		return nil, nil, ErrDatabaseGone
	}
	return b.Store.SessionWithAccount(ctx, hash)
}

// Option changes how New sets up the app.
type Option func(*options)

type options struct {
	careStore func(care.Store) care.Store
}

// WithCareStore puts wrap(store) under the care service: a test makes the
// database fail, or wait, at a chosen point of a write.
func WithCareStore(wrap func(care.Store) care.Store) Option {
	return func(o *options) { o.careStore = wrap }
}

// New starts Spil with cfg on the store open makes; cfg.Now is the app's
// clock, and the log is discarded unless cfg.Logger is set.
func New(t *testing.T, open func(testing.TB) *store.Store, cfg site.Config, opts ...Option) *App {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	s := open(t)
	c := &Clock{}
	c.now.Store(time.Now().UnixNano())
	org, err := s.CreateOrganisation(context.Background(), "Test KCT", c.Now())
	if err != nil {
		t.Fatal(err)
	}
	sessions := &brokenSessions{Store: s}
	a, err := auth.Open(context.Background(), sessions, auth.Config{Params: auth.TestParams, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Now = c.Now
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	var cs care.Store = s
	if o.careStore != nil {
		cs = o.careStore(s)
	}
	careSvc := care.NewService(cs, c.Now)
	st, err := site.New(cfg, a, s, careSvc)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(st.Handler())
	t.Cleanup(ts.Close)
	return &App{T: t, URL: ts.URL, Store: s, Auth: a, Clock: c, Org: org, Care: careSvc, Site: st, sessions: sessions}
}

// ForEachDB runs fn on an app on SQLite and, when configured, PostgreSQL.
func ForEachDB(t *testing.T, cfg site.Config, fn func(t *testing.T, a *App), opts ...Option) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, New(t, db.Open, cfg, opts...))
		})
	}
}

// BreakSessionLookup makes every later session lookup fail, as with a
// database that has gone away; everything else keeps working.
func (a *App) BreakSessionLookup() { a.sessions.broken.Store(true) }

// Account creates an account of the app's organisation with Password; with
// a TOTP secret, which it returns, when withTOTP is set.
func (a *App) Account(email string, role care.Role, withTOTP bool) (*auth.Account, string) {
	a.T.Helper()
	acc, err := a.Auth.CreateAccount(context.Background(), auth.NewAccount{
		OrganisationID: a.Org, Email: email, Name: "Naam " + strings.Split(email, "@")[0], Role: role, Password: Password,
	})
	if err != nil {
		a.T.Fatal(err)
	}
	if !withTOTP {
		return acc, ""
	}
	e, err := auth.NewEnrolment("Spil", email)
	if err != nil {
		a.T.Fatal(err)
	}
	if err := a.Store.SetAccountTOTP(context.Background(), acc.ID, e.Secret, 0, nil); err != nil {
		a.T.Fatal(err)
	}
	acc.TOTPSecret = e.Secret
	return acc, e.Secret
}

// CaseManager creates a case manager and returns a client logged in as them.
func (a *App) CaseManager(email string) (*Client, *auth.Account) {
	a.T.Helper()
	acc, secret := a.Account(email, care.RoleCaseManager, true)
	c := a.Client()
	c.Login(email, secret)
	return c, acc
}

// Day is a date relative to today in the Netherlands, as typed in a date field.
func (a *App) Day(years, months, days int) string {
	return care.DateOf(a.Clock.Now()).AddDate(years, months, days).Format(time.DateOnly)
}

// Client is a browser-like client that keeps cookies and does not follow
// redirects.
type Client struct {
	App  *App
	HTTP *http.Client
}

// Client returns a new client without a session.
func (a *App) Client() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{App: a, HTTP: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// Do sends req and parses the answer as HTML.
func (c *Client) Do(req *http.Request) *Page {
	c.App.T.Helper()
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.App.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return parsePage(c.App.T, resp, string(b))
}

// Get sends a GET of path; header holds name/value pairs.
func (c *Client) Get(path string, header ...string) *Page {
	c.App.T.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.App.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.Do(req)
}

// Post sends form to path; header holds name/value pairs.
func (c *Client) Post(path string, form url.Values, header ...string) *Page {
	c.App.T.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.App.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.Do(req)
}

// Login logs in fully: the password and, when secret is set, a TOTP code.
func (c *Client) Login(email, secret string) {
	c.App.T.Helper()
	p := c.Post("/login", url.Values{"email": {email}, "password": {Password}})
	if p.StatusCode != http.StatusSeeOther {
		c.App.T.Fatalf("login: status %d", p.StatusCode)
	}
	if secret == "" {
		return
	}
	c.App.Clock.Add(30 * time.Second) // a fresh step for every login
	code, _ := totp.GenerateCode(secret, c.App.Clock.Now())
	p = c.Post("/login/code", url.Values{"code": {code}})
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/" {
		c.App.T.Fatalf("login code: status %d to %q", p.StatusCode, p.Header.Get("Location"))
	}
}

// Cookie returns the client's cookie called name, or nil.
func (c *Client) Cookie(name string) *http.Cookie {
	u, _ := url.Parse(c.App.URL)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

// CreateFamily posts an intake form and returns the new family's id.
func (c *Client) CreateFamily(v url.Values) int64 {
	c.App.T.Helper()
	p := c.Post("/families", v)
	loc := p.Header.Get("Location")
	if p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/families/") {
		c.App.T.Fatalf("intake: status %d to %q: %s", p.StatusCode, loc, Text(p.Class("error-summary")))
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/families/"), 10, 64)
	if err != nil {
		c.App.T.Fatalf("intake redirects to %q", loc)
	}
	return id
}
