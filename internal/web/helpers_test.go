package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
	"github.com/spil-zorg/spil/internal/web"
)

type clock struct{ now atomic.Int64 }

func (c *clock) Now() time.Time      { return time.Unix(0, c.now.Load()).UTC() }
func (c *clock) Add(d time.Duration) { c.now.Add(int64(d)) }

// app is Spil on a real database behind an httptest server.
type app struct {
	t     *testing.T
	url   string
	store *store.Store
	auth  *auth.Service
	clock *clock
	org   int64
	care  *care.Service
	srv   *web.Server
}

const password = "een heel lang wachtwoord"

func newApp(t *testing.T, open func(testing.TB) *store.Store, cfg web.Config) *app {
	t.Helper()
	s := open(t)
	c := &clock{}
	c.now.Store(time.Now().UnixNano())
	org, err := s.CreateOrganisation(context.Background(), "Test KCT", c.Now())
	if err != nil {
		t.Fatal(err)
	}
	a := auth.NewService(s, auth.Config{Params: auth.TestParams, Now: c.Now})
	cfg.Now = c.Now
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	careSvc := care.NewService(s, c.Now)
	srv, err := web.New(cfg, a, s, careSvc)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &app{t: t, url: ts.URL, store: s, auth: a, clock: c, org: org, care: careSvc, srv: srv}
}

// forEachDB runs fn on SQLite and, when configured, PostgreSQL.
func forEachDB(t *testing.T, cfg web.Config, fn func(t *testing.T, a *app)) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, newApp(t, db.Open, cfg))
		})
	}
}

// account creates an account; with a TOTP secret unless role is "" .
func (a *app) account(email string, role care.Role, withTOTP bool) (*auth.Account, string) {
	a.t.Helper()
	acc, err := a.auth.CreateAccount(context.Background(), auth.NewAccount{
		OrganisationID: a.org, Email: email, Name: "Naam " + strings.Split(email, "@")[0], Role: role, Password: password,
	})
	if err != nil {
		a.t.Fatal(err)
	}
	if !withTOTP {
		return acc, ""
	}
	e, err := auth.NewEnrolment("Spil", email)
	if err != nil {
		a.t.Fatal(err)
	}
	if err := a.store.SetAccountTOTP(context.Background(), acc.ID, e.Secret, 0, nil); err != nil {
		a.t.Fatal(err)
	}
	acc.TOTPSecret = e.Secret
	return acc, e.Secret
}

// client is a browser-like client that keeps cookies and does not follow redirects.
type client struct {
	a *app
	c *http.Client
}

func (a *app) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{a: a, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// page is a response with its parsed HTML.
type page struct {
	*http.Response
	doc  *html.Node
	body string
}

func (c *client) do(req *http.Request) *page {
	c.a.t.Helper()
	resp, err := c.c.Do(req)
	if err != nil {
		c.a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		c.a.t.Fatal(err)
	}
	return &page{Response: resp, doc: doc, body: string(b)}
}

func (c *client) get(path string, header ...string) *page {
	c.a.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.a.url+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

func (c *client) post(path string, form url.Values, header ...string) *page {
	c.a.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.a.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

// login logs in fully (password and, when secret is set, a TOTP code).
func (c *client) login(email, secret string) {
	c.a.t.Helper()
	p := c.post("/login", url.Values{"email": {email}, "password": {password}})
	if p.StatusCode != http.StatusSeeOther {
		c.a.t.Fatalf("login: status %d", p.StatusCode)
	}
	if secret == "" {
		return
	}
	c.a.clock.Add(30 * time.Second) // a fresh step for every login
	code, _ := totp.GenerateCode(secret, c.a.clock.Now())
	p = c.post("/login/code", url.Values{"code": {code}})
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/" {
		c.a.t.Fatalf("login code: status %d to %q", p.StatusCode, p.Header.Get("Location"))
	}
}

func (c *client) cookie(name string) *http.Cookie {
	u, _ := url.Parse(c.a.url)
	for _, ck := range c.c.Jar.Cookies(u) {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

// HTML helpers.

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func (p *page) byID(id string) *html.Node {
	return find(p.doc, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == id })
}

func (p *page) tag(name string) *html.Node {
	return find(p.doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == name })
}

func (p *page) class(c string) *html.Node {
	return find(p.doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && strings.Contains(" "+attr(n, "class")+" ", " "+c+" ")
	})
}

// fieldError returns the error text shown next to a field.
func (p *page) fieldError(field string) string { return text(p.byID(field + "-error")) }

func (p *page) h1() string { return text(p.tag("h1")) }
