package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

type htmlNode = html.Node

func TestUnknownRoutesAndMethods(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		_, secret := a.Account("admin@example.org", care.RoleAdmin, true)
		c := a.Client()
		c.Login("admin@example.org", secret)
		tests := []struct {
			method, path string
			status       int
			message      string
		}{
			{"GET", "/bestaat-niet", 404, "Deze pagina bestaat niet"},
			{"GET", "/static/0000/app.css", 404, "Deze pagina bestaat niet"},
			{"GET", "/static/x/none.css", 404, "Deze pagina bestaat niet"},
			{"DELETE", "/login", 405, "Deze actie kan op deze pagina niet"},
			{"PUT", "/admin/accounts", 405, "Deze actie kan op deze pagina niet"},
			{"GET", "/logout", 405, "Deze actie kan op deze pagina niet"},
			{"POST", "/admin/accounts/abc/disable", 404, "Deze pagina bestaat niet"},
			{"POST", "/admin/accounts/999999/disable", 404, "Deze pagina bestaat niet"},
		}
		for _, tt := range tests {
			req, _ := http.NewRequest(tt.method, a.URL+tt.path, nil)
			p := c.Do(req)
			if p.StatusCode != tt.status {
				t.Errorf("%s %s: %d, want %d", tt.method, tt.path, p.StatusCode, tt.status)
			}
			if !strings.Contains(text(p.Class("error-page")), tt.message) {
				t.Errorf("%s %s: page says %q", tt.method, tt.path, text(p.Class("error-page")))
			}
			if tt.status == 405 && p.Header.Get("Allow") == "" {
				t.Errorf("%s %s: no Allow header", tt.method, tt.path)
			}
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		p := a.Client().Get("/login")
		csp := p.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %q", csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") {
			t.Errorf("CSP allows unsafe sources: %q", csp)
		}
		for h, want := range map[string]string{
			"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "Cache-Control": "no-store", "X-Frame-Options": "DENY",
		} {
			if got := p.Header.Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		// No inline scripts or styles anywhere: the CSP would block them.
		for _, n := range findAll(p.Doc, func(n *htmlNode) bool { return n.Type == html.ElementNode }) {
			if n.Data == "script" && attr(n, "src") == "" || n.Data == "style" || hasAttr(n, "style") {
				t.Errorf("inline %s on the page", n.Data)
			}
		}
	})
}

func TestStaticFiles(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c := a.Client()
		p := c.Get("/login")
		links := findAll(p.Doc, func(n *htmlNode) bool {
			return (n.Data == "link" && attr(n, "rel") == "stylesheet") || (n.Data == "script" && attr(n, "src") != "")
		})
		if len(links) != 3 {
			t.Fatalf("%d static references, want 3", len(links))
		}
		for _, l := range links {
			u := attr(l, "href") + attr(l, "src")
			resp, err := http.Get(a.URL + u)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || len(b) == 0 {
				t.Errorf("%s: %d, %d bytes", u, resp.StatusCode, len(b))
			}
			if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
				t.Errorf("%s: Cache-Control %q", u, cc)
			}
			ct := resp.Header.Get("Content-Type")
			if !strings.HasPrefix(ct, "text/css") && !strings.HasPrefix(ct, "text/javascript") {
				t.Errorf("%s: Content-Type %q", u, ct)
			}
		}
	})
}

func TestCrossOriginPostRefused(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		_, secret := a.Account("admin@example.org", care.RoleAdmin, true)
		victim, _ := a.Account("victim@example.org", care.RoleCaseManager, true)
		c := a.Client()
		c.Login("admin@example.org", secret)
		p := c.Post("/admin/accounts/"+itoa(victim.ID)+"/disable", nil, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
		if p.StatusCode != http.StatusForbidden || !strings.Contains(p.HTML, "geweigerd") {
			t.Errorf("cross-site POST: %d", p.StatusCode)
		}
		got, _ := a.Store.AccountByID(context.Background(), victim.ID)
		if !got.Active() {
			t.Error("the cross-site request disabled the account")
		}
		// The same request from the site itself works.
		if p := c.Post("/admin/accounts/"+itoa(victim.ID)+"/disable", nil, "Sec-Fetch-Site", "same-origin"); p.StatusCode != http.StatusSeeOther {
			t.Errorf("same-origin POST: %d", p.StatusCode)
		}
	})
}

// TestSessionLookupFails checks that a session that cannot be looked up
// (the database is gone) gets the error page, not a login page or a
// half-logged-in one; the static files and health check need no session.
func TestSessionLookupFails(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("anouk@kct.example")
		a.BreakSessionLookup()
		for _, path := range []string{"/", "/families", "/login", "/bestaat-niet"} {
			p := c.Get(path)
			if p.StatusCode != http.StatusInternalServerError || !strings.Contains(text(p.Class("error-page")), "Er ging bij ons iets mis") ||
				!strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
				t.Errorf("GET %s: %d %q: %s", path, p.StatusCode, p.Header.Get("Content-Type"), text(p.Class("error-page")))
			}
		}
		if p := c.Get("/healthz"); p.StatusCode != http.StatusOK {
			t.Errorf("GET /healthz: %d", p.StatusCode)
		}
		if p := a.Client().Get("/login"); p.StatusCode != http.StatusOK {
			t.Errorf("GET /login without a cookie: %d", p.StatusCode)
		}
	})
}

func TestRolesAndLoginRequired(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		anon := a.Client()
		for _, path := range []string{"/", "/account", "/admin/accounts"} {
			p := anon.Get(path)
			if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/login?next="+url.QueryEscape(path) {
				t.Errorf("anonymous GET %s: %d to %q", path, p.StatusCode, p.Header.Get("Location"))
			}
		}
		if p := anon.Post("/admin/accounts", url.Values{"name": {"x"}}); p.StatusCode != http.StatusUnauthorized {
			t.Errorf("anonymous POST: %d", p.StatusCode)
		}
		for _, role := range []care.Role{care.RoleCaseManager, care.RoleProvider, care.RoleFamily, care.RoleCoordinator} {
			_, secret := a.Account(string(role)+"@example.org", role, true)
			c := a.Client()
			c.Login(string(role)+"@example.org", secret)
			if p := c.Get("/admin/accounts"); p.StatusCode != http.StatusNotFound {
				t.Errorf("%s GET /admin/accounts: %d, want 404", role, p.StatusCode)
			}
			if p := c.Post("/admin/accounts", url.Values{"name": {"x"}, "email": {"x@example.org"}, "role": {"admin"}}); p.StatusCode != http.StatusNotFound {
				t.Errorf("%s POST /admin/accounts: %d, want 404", role, p.StatusCode)
			}
			if p := c.Get("/"); p.StatusCode != http.StatusOK {
				t.Errorf("%s home: %d", role, p.StatusCode)
			}
		}
		if _, err := a.Store.AccountByEmail(context.Background(), "x@example.org"); care.ErrorCode(err) != care.NotFound {
			t.Error("a non-admin created an account")
		}
	})
}

func TestHealth(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		for path, want := range map[string]string{"/healthz": "ok\n", "/readyz": "ready\n"} {
			resp, err := http.Get(a.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || string(b) != want {
				t.Errorf("%s: %d %q", path, resp.StatusCode, b)
			}
		}
		a.Store.Close()
		resp, err := http.Get(a.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("readyz with the database closed: %d", resp.StatusCode)
		}
	})
}

func TestLanguageSwitch(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c := a.Client()
		p := c.Post("/language", url.Values{"lang": {"en"}, "next": {"/login"}})
		if p.Header.Get("Location") != "/login" {
			t.Errorf("switch redirects to %q", p.Header.Get("Location"))
		}
		p = c.Get("/login")
		if p.H1() != "Log in" || attr(p.Tag("html"), "lang") != "en" {
			t.Errorf("after switching: h1 %q lang %q", p.H1(), attr(p.Tag("html"), "lang"))
		}
		// Accept-Language alone.
		if p := a.Client().Get("/login", "Accept-Language", "en-GB,en;q=0.9"); p.H1() != "Log in" {
			t.Errorf("Accept-Language en: %q", p.H1())
		}
		if p := a.Client().Get("/login", "Accept-Language", "de-DE"); p.H1() != "Inloggen" {
			t.Errorf("Accept-Language de falls back to %q, want Dutch", p.H1())
		}
		// A logged-in account keeps its choice.
		acc, secret := a.Account("g@example.org", care.RoleCaseManager, true)
		c2 := a.Client()
		c2.Login("g@example.org", secret)
		c2.Post("/language", url.Values{"lang": {"en"}, "next": {"//evil.example/"}})
		got, _ := a.Store.AccountByID(context.Background(), acc.ID)
		if got.Locale != "en" {
			t.Errorf("account locale %q", got.Locale)
		}
		if p := c2.Get("/", "Accept-Language", "nl"); p.H1() != "Welcome, "+acc.Name {
			t.Errorf("logged-in English home: %q", p.H1())
		}
		// Unknown languages and foreign redirects are refused quietly.
		p = c2.Post("/language", url.Values{"lang": {"xx"}, "next": {"https://evil.example/"}})
		if p.Header.Get("Location") != "/" {
			t.Errorf("foreign next kept: %q", p.Header.Get("Location"))
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
