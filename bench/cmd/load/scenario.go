package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// scenario is one kind of request. build makes a worker's next request;
// ok says whether the answer is the one a working server gives.
type scenario struct {
	name    string
	route   string
	session bool // sends the worker's session cookie
	build   func(w *worker, rng *rand.Rand) (*http.Request, error)
	ok      func(resp *http.Response) bool
	// before, when set, is done before each request, untimed: a write
	// that the measured read then finds.
	before func(w *worker, client *http.Client, rng *rand.Rand) error
}

// runEnv is what every request of a run shares.
type runEnv struct {
	ctx   context.Context
	base  string
	creds Creds
	today string // the date of a new contact: today in the Netherlands
}

// worker is one closed loop of requests, logged in as its own case manager
// and working on that case manager's caseload.
type worker struct {
	*runEnv
	email  string
	user   *User
	cookie *http.Cookie
}

func (w *worker) randomFamily(rng *rand.Rand) string {
	return strconv.FormatInt(w.user.FamilyIDs[rng.IntN(len(w.user.FamilyIDs))], 10)
}

// randomPlanFamily returns a family with a care plan; in a caseload without
// one, any family (its plan page then says there is no plan yet).
func (w *worker) randomPlanFamily(rng *rand.Rand) string {
	if len(w.user.PlanFamilyIDs) == 0 {
		return w.randomFamily(rng)
	}
	return strconv.FormatInt(w.user.PlanFamilyIDs[rng.IntN(len(w.user.PlanFamilyIDs))], 10)
}

func (w *worker) get(path string) (*http.Request, error) {
	return http.NewRequestWithContext(w.ctx, http.MethodGet, w.base+path, nil)
}

func status(code int) func(*http.Response) bool {
	return func(r *http.Response) bool { return r.StatusCode == code }
}

// redirectTo accepts a 303 whose Location starts with prefix.
func redirectTo(prefix string) func(*http.Response) bool {
	return func(r *http.Response) bool {
		return r.StatusCode == http.StatusSeeOther && strings.HasPrefix(r.Header.Get("Location"), prefix)
	}
}

var scenarios = []scenario{
	{
		// The ceiling: bench/cmd/hello, Go's net/http and nothing else.
		name: "hello", route: "GET / (bench/cmd/hello)",
		build: func(w *worker, _ *rand.Rand) (*http.Request, error) { return w.get("/") },
		ok:    status(http.StatusOK),
	},
	{
		name: "caseload", route: "GET /families", session: true,
		build: func(w *worker, _ *rand.Rand) (*http.Request, error) { return w.get("/families") },
		ok:    status(http.StatusOK),
	},
	{
		name: "caseload-api", route: "GET /api/v1/families", session: true,
		build: func(w *worker, _ *rand.Rand) (*http.Request, error) { return w.get("/api/v1/families") },
		ok:    status(http.StatusOK),
	},
	{
		// The case manager's landing page: the signals of the whole
		// caseload, the tasks of today and this week, who is admitted.
		name: "dashboard", route: "GET /", session: true,
		build: func(w *worker, _ *rand.Rand) (*http.Request, error) { return w.get("/") },
		ok:    status(http.StatusOK),
	},
	{
		// The landing page after a change: before each request, untimed,
		// a new contact in one family of the caseload (as the contact
		// scenario sends it), whose file the page then reads again
		// while the other families' files are kept.
		name: "dashboard-changed", route: "GET / (after a new contact)", session: true,
		build: func(w *worker, _ *rand.Rand) (*http.Request, error) { return w.get("/") },
		ok:    status(http.StatusOK),
		before: func(w *worker, client *http.Client, rng *rand.Rand) error {
			req, err := newContact(w, rng)
			if err != nil {
				return err
			}
			req.AddCookie(w.cookie)
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if !redirectTo("/families/")(resp) {
				return fmt.Errorf("the contact before the page: status %d", resp.StatusCode)
			}
			return nil
		},
	},
	{
		name: "signals-api", route: "GET /api/v1/signals", session: true,
		build: func(w *worker, _ *rand.Rand) (*http.Request, error) { return w.get("/api/v1/signals") },
		ok:    status(http.StatusOK),
	},
	{
		name: "family", route: "GET /families/{id}", session: true,
		build: func(w *worker, rng *rand.Rand) (*http.Request, error) {
			return w.get("/families/" + w.randomFamily(rng))
		},
		ok: status(http.StatusOK),
	},
	{
		name: "family-api", route: "GET /api/v1/families/{id}", session: true,
		build: func(w *worker, rng *rand.Rand) (*http.Request, error) {
			return w.get("/api/v1/families/" + w.randomFamily(rng))
		},
		ok: status(http.StatusOK),
	},
	{
		// The care plan page: the current version with its live actions.
		name: "careplan", route: "GET /families/{id}/careplan", session: true,
		build: func(w *worker, rng *rand.Rand) (*http.Request, error) {
			return w.get("/families/" + w.randomPlanFamily(rng) + "/careplan")
		},
		ok: status(http.StatusOK),
	},
	{
		name: "careplan-api", route: "GET /api/v1/families/{id}/careplan", session: true,
		build: func(w *worker, rng *rand.Rand) (*http.Request, error) {
			return w.get("/api/v1/families/" + w.randomPlanFamily(rng) + "/careplan")
		},
		ok: status(http.StatusOK),
	},
	{
		// The whole file as FHIR R4: one export (E) of a random family of
		// the caseload, as a searchset, taken gzip-encoded as most HTTP
		// clients ask (and not unpacked: what is sent is measured). While
		// a file is unchanged, its answer is one the server kept.
		name: "fhir-everything", route: "GET /fhir/R4/Patient/{id}/$everything", session: true,
		build: func(w *worker, rng *rand.Rand) (*http.Request, error) {
			req, err := w.get("/fhir/R4/Patient/child-" + w.randomFamily(rng) + "/$everything")
			if err == nil {
				req.Header.Set("Accept-Encoding", "gzip")
			}
			return req, err
		},
		ok: status(http.StatusOK),
	},
	{
		// The same for a client that takes no compression: the server
		// unpacks the answer it kept.
		name: "fhir-everything-plain", route: "GET /fhir/R4/Patient/{id}/$everything (no gzip)", session: true,
		build: func(w *worker, rng *rand.Rand) (*http.Request, error) {
			return w.get("/fhir/R4/Patient/child-" + w.randomFamily(rng) + "/$everything")
		},
		ok: status(http.StatusOK),
	},
	{
		// One resource: the Patient of a random family of the caseload,
		// read (R) from the family's file.
		name: "fhir-read", route: "GET /fhir/R4/Patient/{id}", session: true,
		build: func(w *worker, rng *rand.Rand) (*http.Request, error) {
			return w.get("/fhir/R4/Patient/child-" + w.randomFamily(rng))
		},
		ok: status(http.StatusOK),
	},
	{
		// Two versions side by side, with the differences marked.
		name: "careplan-compare", route: "GET /families/{id}/careplan/compare?a=1&b=2", session: true,
		build: func(w *worker, rng *rand.Rand) (*http.Request, error) {
			return w.get("/families/" + w.randomPlanFamily(rng) + "/careplan/compare?a=1&b=2")
		},
		ok: status(http.StatusOK),
	},
	{
		// The contact form as the browser sends it; 303 back to the file
		// means it was saved.
		name: "contact", route: "POST /families/{id}/contacts", session: true,
		build: newContact,
		ok:    redirectTo("/families/"),
	},
	{
		// The password step of the login, without a cookie: argon2id with
		// the production parameters, a session row and an audit record.
		name: "login", route: "POST /login (password step)",
		build: func(w *worker, _ *rand.Rand) (*http.Request, error) {
			return postForm(w.ctx, w.base, "/login", url.Values{"email": {w.email}, "password": {w.creds.Password}})
		},
		ok: redirectTo("/login/code"),
	},
}

// newContact is the contact form as the browser sends it, for a random
// family of the caseload.
func newContact(w *worker, rng *rand.Rand) (*http.Request, error) {
	return postForm(w.ctx, w.base, "/families/"+w.randomFamily(rng)+"/contacts", url.Values{
		"date":      {w.today},
		"kind":      {care.ContactKinds[rng.IntN(len(care.ContactKinds))]},
		"with":      {care.ContactWith[rng.IntN(len(care.ContactWith))]},
		"duration":  {strconv.Itoa(5 + rng.IntN(55))},
		"travel":    {"0"},
		"location":  {""},
		"topics":    {"Telefonisch contact over de afgelopen week; geen nieuwe vragen."},
		"follow_up": {""},
	})
}

func findScenario(name string) (*scenario, error) {
	for i := range scenarios {
		if scenarios[i].name == name {
			return &scenarios[i], nil
		}
	}
	return nil, fmt.Errorf("unknown scenario %q (run 'load help' for the list)", name)
}

func cmdRun(args []string) error {
	fs := flag.NewFlagSet("load run", flag.ContinueOnError)
	base := fs.String("base", "", "base URL of the server")
	credsPath := fs.String("creds", "", "credentials file written by loadaccount (not for hello)")
	statePath := fs.String("state", "", "state file written by 'load login' (not for hello)")
	name := fs.String("scenario", "", "scenario to run")
	n := fs.Int("n", 0, "stop after this many requests; 0: no limit")
	c := fs.Int("c", 4, "concurrent workers, each its own case manager (taken in turn when there are fewer)")
	duration := fs.Duration("duration", 10*time.Second, "start no request after this long; 0: no limit (then set -n)")
	hardCap := fs.Duration("cap", 0, "cut requests still in flight after this long (default: --duration and two minutes)")
	seed := fs.Uint64("seed", 1, "seed for the choice of families")
	results := fs.String("results", "", "results file (JSON lines) to append to; optional")
	db := fs.String("db", "", "label of the database, for the results")
	serverPID := fs.Int("server-pid", 0, "process id of the server, to report its CPU use and its peak resident memory; optional")
	dbPID := fs.Int("db-pid", 0, "process id of the database server (PostgreSQL's postmaster), to report its CPU use with its children; optional")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sc, err := findScenario(*name)
	if err != nil {
		return err
	}
	if *hardCap == 0 {
		*hardCap = *duration + 2*time.Minute
	}
	if *n < 0 || *c < 1 || *duration < 0 || *hardCap < 0 || *n == 0 && *duration == 0 {
		return errors.New("-c must be positive, and -n or --duration must limit the run")
	}
	e := &runEnv{base: *base, today: care.DateOf(time.Now()).Format(time.DateOnly)}
	var st State
	if sc.name != "hello" {
		if err := readJSON(*credsPath, &e.creds); err != nil {
			return err
		}
		if err := readJSON(*statePath, &st); err != nil {
			return err
		}
		if len(st.Users) == 0 {
			return errors.New("the state file has no users: run 'load login' first")
		}
	}
	before := readCPU(*serverPID, *dbPID)
	res := runScenario(e, sc, st, *n, *c, *duration, *hardCap, *seed, *serverPID)
	res.setCPU(before, readCPU(*serverPID, *dbPID))
	res.DB = *db
	fmt.Println(res.line())
	if *results != "" {
		if err := appendResult(*results, res); err != nil {
			return err
		}
	}
	if res.Completed == 0 {
		return fmt.Errorf("no request completed: %s", res.FirstError)
	}
	return nil
}

// sample is the outcome of one request.
type sample struct {
	latency time.Duration
	bytes   int64
	status  int
	err     error
	cut     bool // stopped by the hard cap
	bad     bool // an answer other than the expected one
}

// runScenario runs c closed loops: each worker sends its next request when
// it has read the answer to the previous one, until n requests were sent
// or duration has passed; requests still in flight then finish, unless
// the hard cap cuts them. Worker i is user i of the state, or user i
// modulo their number when there are fewer users than workers.
func runScenario(e *runEnv, sc *scenario, st State, n, c int, duration, hardCap time.Duration, seed uint64, serverPID int) Result {
	ctx, cancel := context.WithTimeout(context.Background(), hardCap)
	defer cancel()
	e.ctx = ctx
	client := newClient(c)

	workers := make([]*worker, c)
	used := map[string]int{} // caseload per account used
	for i := range workers {
		w := &worker{runEnv: e}
		if len(st.Users) > 0 {
			u := &st.Users[i%len(st.Users)]
			w.user, w.email = u, u.Email
			w.cookie = &http.Cookie{Name: st.CookieName, Value: u.Cookie}
			used[u.Email] = len(u.FamilyIDs)
		}
		workers[i] = w
	}

	rss := sampleRSS(serverPID)
	var sent atomic.Int64
	samples := make([][]sample, c)
	var wg sync.WaitGroup
	start := time.Now()
	stopAt := start.Add(duration)
	for i, w := range workers {
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		wg.Go(func() {
			for ctx.Err() == nil && (duration == 0 || time.Now().Before(stopAt)) {
				if n > 0 && sent.Add(1) > int64(n) {
					return
				}
				samples[i] = append(samples[i], one(w, sc, client, rng))
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	client.CloseIdleConnections()
	startRSS, peak := rss()

	var all []sample
	for _, s := range samples {
		all = append(all, s...)
	}
	r := summarise(sc, n, c, duration, wall, all, ctx.Err() != nil)
	r.StartRSSMB, r.PeakRSSMB = startRSS, peak
	r.Accounts = len(used)
	if len(used) > 0 {
		total := 0
		for _, f := range used {
			total += f
			r.CaseloadMax = max(r.CaseloadMax, f)
		}
		r.CaseloadMean = float64(total) / float64(len(used))
	}
	return r
}

func one(w *worker, sc *scenario, client *http.Client, rng *rand.Rand) sample {
	if sc.before != nil {
		if err := sc.before(w, client, rng); err != nil {
			return sample{err: err, cut: w.ctx.Err() != nil}
		}
	}
	req, err := sc.build(w, rng)
	if err != nil {
		return sample{err: err}
	}
	if sc.session {
		req.AddCookie(w.cookie)
	}
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return sample{err: err, cut: w.ctx.Err() != nil}
	}
	nb, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	s := sample{latency: time.Since(t0), bytes: nb, status: resp.StatusCode, err: err}
	if err != nil {
		s.cut = w.ctx.Err() != nil
		return s
	}
	s.bad = !sc.ok(resp)
	return s
}
