//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

const (
	// testTimeout bounds the browser of one test: every step in the page
	// runs within it, and the browser stops when it ends. A journey of
	// three people logging in with a second factor takes most of half a
	// minute on a busy two-core machine; the step timeout below is what
	// makes a missing element fail fast.
	testTimeout = 120 * time.Second
	// stepTimeout bounds one wait in the page, so a missing element fails
	// the test with a clear message instead of using up the whole budget.
	stepTimeout = 10 * time.Second
	// password is the password of every account the tests create.
	password = "een zin als wachtwoord voor de test"
	// cookieName is the session cookie on plain http (site.Config.Secure false).
	cookieName = "spil"
)

// clock is the wall clock plus an offset that a test moves forward, so
// idle and absolute session timeouts and the throttle window can pass in
// an instant. Server and auth service read it; TOTP codes are made with it.
type clock struct{ offset atomic.Int64 }

func (c *clock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// Advance moves the clock forward by d.
func (c *clock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

// app is one Spil server for one test, on its own SQLite database.
type app struct {
	t     *testing.T
	URL   string
	store *store.Store
	auth  *auth.Service
	clock *clock
	org   int64
}

// newApp starts Spil in-process with cfg (Now and Logger are set here).
// Server errors are written to the test output and fail the test.
func newApp(t *testing.T, cfg site.Config) *app {
	t.Helper()
	ctx := context.Background()
	c := &clock{}
	s, err := store.Open(ctx, storetest.SQLitePath(t), store.WithClock(c.Now))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	org, err := s.CreateOrganisation(ctx, "Kinder Comfort Team Test", c.Now())
	if err != nil {
		t.Fatalf("create organisation: %v", err)
	}
	authSvc, err := auth.Open(ctx, s, auth.Config{Params: auth.TestParams, Now: c.Now})
	if err != nil {
		t.Fatalf("auth: %v", err)
	}

	logs := &countingHandler{
		Handler: slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}),
		errors:  new(atomic.Int64),
	}
	cfg.Now = c.Now
	cfg.Logger = slog.New(logs)
	srv, err := site.New(cfg, authSvc, s, care.NewService(s, c.Now))
	if err != nil {
		t.Fatalf("site.New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		if n := logs.errors.Load(); n > 0 {
			t.Errorf("the server logged %d error(s); see the output above", n)
		}
	})
	return &app{t: t, URL: ts.URL, store: s, auth: authSvc, clock: c, org: org}
}

// countingHandler passes records on and counts those at level Error.
type countingHandler struct {
	slog.Handler
	errors *atomic.Int64
}

func (h *countingHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError {
		h.errors.Add(1)
	}
	return h.Handler.Handle(ctx, r)
}

func (h *countingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &countingHandler{Handler: h.Handler.WithAttrs(attrs), errors: h.errors}
}

func (h *countingHandler) WithGroup(name string) slog.Handler {
	return &countingHandler{Handler: h.Handler.WithGroup(name), errors: h.errors}
}

// user is an account a test created, with what it needs to log in.
type user struct {
	*auth.Account
	Password string
	Secret   string // TOTP secret; empty when not enrolled
}

// newUser creates an account through auth.Service.CreateAccount. With
// withTOTP it gets a known TOTP secret, as if enrolled earlier.
func (a *app) newUser(name, email string, role care.Role, withTOTP bool) *user {
	a.t.Helper()
	return a.createUser(auth.NewAccount{Name: name, Email: email, Role: role}, withTOTP)
}

func (a *app) createUser(n auth.NewAccount, withTOTP bool) *user {
	a.t.Helper()
	ctx := context.Background()
	n.OrganisationID, n.Password = a.org, password
	acc, err := a.auth.CreateAccount(ctx, n)
	if err != nil {
		a.t.Fatalf("create account %s: %v", n.Email, err)
	}
	u := &user{Account: acc, Password: password}
	if withTOTP {
		e, err := auth.NewEnrolment("Spil", acc.Email)
		if err != nil {
			a.t.Fatalf("new enrolment: %v", err)
		}
		if err := a.store.SetAccountTOTP(ctx, acc.ID, e.Secret, 0, nil); err != nil {
			a.t.Fatalf("set TOTP secret: %v", err)
		}
		acc.TOTPSecret, u.Secret = e.Secret, e.Secret
	}
	return u
}

// totpCode returns the current code for secret by the app's clock. Codes
// are single-use per 30-second step: advance the clock for a second one.
func (a *app) totpCode(secret string) string {
	a.t.Helper()
	code, err := totp.GenerateCode(secret, a.clock.Now())
	if err != nil {
		a.t.Fatalf("generate TOTP code: %v", err)
	}
	return code
}

// account reads an account fresh from the database.
func (a *app) account(id int64) *auth.Account {
	a.t.Helper()
	acc, err := a.store.AccountByID(context.Background(), id)
	if err != nil {
		a.t.Fatalf("read account %d: %v", id, err)
	}
	return acc
}

// inCI reports whether CI is set, following scripts/test: "false" and "0"
// count as unset.
func inCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// chromiumPath returns the browser binary, or skips the test when it is
// missing (fails it on CI, where the browser tests must run).
func chromiumPath(t *testing.T) string {
	t.Helper()
	p := os.Getenv("SPIL_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	found, err := exec.LookPath(p)
	if err != nil {
		msg := fmt.Sprintf("Chromium not found at %s (set SPIL_CHROMIUM or install the Debian package chromium): %v", p, err)
		if inCI() {
			t.Fatal(msg + "; CI is set, so the browser tests must run")
		}
		t.Skip(msg + "; skipping the browser test")
	}
	return found
}

// viewport is the size of the browser window the pages are shown in.
type viewport struct {
	width, height int
	mobile        bool // a phone: mobile layout rules, touch, higher pixel density
}

var (
	desktop = viewport{width: 1280, height: 900}
	phone   = viewport{width: 390, height: 844, mobile: true}
)

// browser is one test's share of the headless Chromium that the tests of
// this binary share: starting Chromium takes seconds, so it starts once.
// Each tab gets its own browser context, so tabs share no cookies,
// storage or cache, with each other or with other tests' tabs.
type browser struct {
	t   *testing.T
	ctx context.Context
	vp  viewport
}

// chromium is the Chromium of the test binary, started by the first test
// that asks for a browser and stopped by TestMain.
var chromium struct {
	once   sync.Once
	ctx    context.Context // the browser's chromedp context
	out    *lockedBuffer
	dir    string // its profile directory
	stop   func()
	err    error
	failed atomic.Bool // a test failed: show the browser's output at the end
}

// startChromium starts the shared Chromium; its window size does not
// matter, as every tab sets its own viewport.
func startChromium(execPath string) {
	c := &chromium
	c.out = &lockedBuffer{}
	c.dir, c.err = os.MkdirTemp("", "spil-e2e-chromium-")
	if c.err != nil {
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests may run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// A Dutch browser, as Spil's users have: Accept-Language nl.
		chromedp.Flag("lang", "nl-NL"),
		chromedp.Flag("accept-lang", "nl-NL,nl"),
		chromedp.UserDataDir(c.dir),
		chromedp.WindowSize(desktop.width, desktop.height),
		chromedp.CombinedOutput(c.out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	c.ctx = bctx
	c.stop = func() {
		// Stop the browser (and wait for it) before the profile directory goes.
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(c.dir)
	}
	// The first action starts the browser process, bound to the context it
	// is given: that must be the browser's own, not one with a deadline.
	if err := chromedp.Do(bctx); err != nil {
		c.err = fmt.Errorf("start Chromium (%s): %w\n%s", execPath, err, tail(quiet(c.out.String()), 2000))
	}
}

// stopChromium stops the shared Chromium, if it started, and shows its
// output when a test failed.
func stopChromium() {
	c := &chromium
	if c.stop == nil {
		return
	}
	c.stop()
	if c.failed.Load() {
		if s := quiet(c.out.String()); s != "" {
			fmt.Fprintf(os.Stderr, "Chromium output (last 2000 bytes, without D-Bus noise):\n%s\n", tail(s, 2000))
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopChromium()
	os.Exit(code)
}

// newBrowser gives the test its share of the shared Chromium, bounded by
// testTimeout: every step in the test's tabs runs within it.
func newBrowser(t *testing.T, vp viewport) *browser {
	t.Helper()
	execPath := chromiumPath(t)
	chromium.once.Do(func() { startChromium(execPath) })
	if chromium.err != nil {
		t.Fatal(chromium.err)
	}
	ctx, cancel := context.WithTimeout(chromium.ctx, testTimeout)
	t.Cleanup(func() {
		cancel()
		if t.Failed() {
			chromium.failed.Store(true)
		}
	})
	return &browser{t: t, ctx: ctx, vp: vp}
}

// lockedBuffer collects the browser's output from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// quiet drops the D-Bus complaints Chromium prints in containers without a
// system bus; they say nothing about a failed test.
func quiet(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.Contains(line, "dbus") {
			keep = append(keep, line)
		}
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// tab is one page in its own browser context (its own cookie jar),
// pointed at one app. Its methods fail the test on any error.
type tab struct {
	t   *testing.T
	ctx context.Context
	app *app
	vp  viewport
}

// newTab opens a tab in a fresh browser context, sized to the browser's viewport.
func (b *browser) newTab(a *app) *tab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	tb := &tab{t: b.t, ctx: ctx, app: a, vp: b.vp}
	emu := []chromedp.EmulateViewportOption{chromedp.EmulateLandscape}
	if b.vp.mobile {
		emu = []chromedp.EmulateViewportOption{chromedp.EmulatePortrait,
			chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(b.vp.width), int64(b.vp.height), emu...)); err != nil {
		b.t.Fatalf("open tab: %v", err)
	}
	return tb
}

// fail ends the test with what went wrong and where the tab is.
func (tb *tab) fail(format string, args ...any) {
	tb.t.Helper()
	tb.t.Fatalf("%s\n    at %s", fmt.Sprintf(format, args...), tb.describe())
}

// describe tells the current URL and the start of the page's text, for
// failure messages.
func (tb *tab) describe() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return fmt.Sprintf("(no location: %v)", err)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	text = strings.Join(strings.Fields(text), " ")
	return fmt.Sprintf("%s; page text: %q", loc, tail(text, 400))
}

// step runs actions with the step timeout.
func (tb *tab) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.fail("%s: %v", what, err)
	}
}

// open loads path on the app and returns the response of the page.
func (tb *tab) open(path string) *network.Response {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(tb.app.URL+path))
	if err != nil {
		tb.fail("open %s: %v", path, err)
	}
	return resp
}

// reload reloads the page and waits for it.
func (tb *tab) reload() *network.Response {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Reload())
	if err != nil {
		tb.fail("reload: %v", err)
	}
	return resp
}

// click clicks the element sel, which must lead to a new page (a link or a
// form's button), waits for that page and returns its response (after
// redirects).
func (tb *tab) click(sel string) *network.Response {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		tb.fail("click %s: %v", sel, err)
	}
	return resp
}

// fill types value into the field sel, replacing what it held.
func (tb *tab) fill(sel, value string) {
	tb.t.Helper()
	tb.step("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
	// Cleared in JavaScript: chromedp v0.23's SetValue(sel, "") sends the
	// empty string as no argument at all (omitempty on the JSON value), so
	// the field would hold "undefined".
	q, _ := json.Marshal(sel)
	if !eval[bool](tb, fmt.Sprintf(`(el => { el.value = ""; return el.value === "" })(document.querySelector(%s))`, q)) {
		tb.fail("could not clear %s", sel)
	}
	tb.step("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), value))
}

// text returns the visible text of the first element sel, waiting until it is visible.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		tb.fail("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// value returns the current value of the form field sel.
func (tb *tab) value(sel string) string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		tb.fail("value of %s: %v", sel, err)
	}
	return s
}

// eval evaluates a JavaScript expression in the page and decodes its result.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.fail("evaluate %s: %v", expr, err)
	}
	return v
}

// count returns how many elements match sel right now.
func (tb *tab) count(sel string) int {
	tb.t.Helper()
	q, _ := json.Marshal(sel)
	return eval[int](tb, fmt.Sprintf("document.querySelectorAll(%s).length", q))
}

// url returns the tab's current URL.
func (tb *tab) url() *url.URL {
	tb.t.Helper()
	loc := eval[string](tb, "document.location.href")
	u, err := url.Parse(loc)
	if err != nil {
		tb.fail("parse location %q: %v", loc, err)
	}
	return u
}

// wantPath fails the test unless the tab is at path.
func (tb *tab) wantPath(path string) {
	tb.t.Helper()
	if got := tb.url().Path; got != path {
		tb.fail("at path %q, want %q", got, path)
	}
}

// wantText fails the test unless the visible text of sel is want.
func (tb *tab) wantText(sel, want string) {
	tb.t.Helper()
	if got := tb.text(sel); got != want {
		tb.fail("text of %s = %q, want %q", sel, got, want)
	}
}

// wantTextContains fails the test unless the visible text of sel contains want.
func (tb *tab) wantTextContains(sel, want string) {
	tb.t.Helper()
	if got := tb.text(sel); !strings.Contains(got, want) {
		tb.fail("text of %s = %q, want it to contain %q", sel, got, want)
	}
}

// wantLang fails the test unless <html lang> is lang.
func (tb *tab) wantLang(lang string) {
	tb.t.Helper()
	if got := eval[string](tb, "document.documentElement.lang"); got != lang {
		tb.fail("html lang = %q, want %q", got, lang)
	}
}

// cookie returns the browser's cookie name for the app, or nil.
func (tb *tab) cookie(name string) *network.Cookie {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{tb.app.URL + "/"}})
	if err != nil {
		tb.fail("get cookies: %v", err)
	}
	for _, c := range res.Cookies {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// screenshot saves a full-page PNG and returns its path.
func (tb *tab) screenshot(name string) string {
	tb.t.Helper()
	dir := os.Getenv("SPIL_E2E_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "spil-e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.t.Fatalf("screenshot dir: %v", err)
	}
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.fail("screenshot: %v", err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.t.Fatalf("write screenshot: %v", err)
	}
	tb.t.Logf("screenshot: %s", path)
	return path
}

// Steps of the login flow, shared by the tests.

// submitPassword fills the login form (the tab must be on /login) and submits it.
func (tb *tab) submitPassword(email, pw string) *network.Response {
	tb.t.Helper()
	tb.fill("#email", email)
	tb.fill("#password", pw)
	return tb.click(`form[action="/login"] button[type="submit"]`)
}

// submitCode fills the code form (on /login/code) and submits it.
func (tb *tab) submitCode(code string) *network.Response {
	tb.t.Helper()
	tb.fill("#code", code)
	return tb.click(`form[action="/login/code"] button[type="submit"]`)
}

// login logs u in with password and TOTP code and checks it lands on the
// start page. It advances the clock by one TOTP step first, so every login
// of a test gets a fresh code.
func (tb *tab) login(u *user) {
	tb.t.Helper()
	tb.app.clock.Advance(30 * time.Second)
	tb.open("/login")
	tb.submitPassword(u.Email, u.Password)
	tb.wantPath("/login/code")
	tb.submitCode(tb.app.totpCode(u.Secret))
	tb.wantPath("/")
}

// logout clicks the logout button in the header.
func (tb *tab) logout() *network.Response {
	tb.t.Helper()
	return tb.click(`header.site form[action="/logout"] button`)
}

// sessionGone reports whether the session of token no longer exists in the database.
func (a *app) sessionGone(token string) bool {
	a.t.Helper()
	_, err := a.store.SessionByTokenHash(context.Background(), auth.HashToken(token))
	switch {
	case err == nil:
		return false
	case care.ErrorCode(err) == care.NotFound:
		return true
	}
	a.t.Fatalf("read session: %v", err)
	return false
}
