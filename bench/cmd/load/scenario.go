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
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// scenario is one kind of request. build makes the i-th request; ok says
// whether the answer is the one a working server gives.
type scenario struct {
	name    string
	route   string
	session bool // sends the session cookie of the login
	build   func(e *runEnv, rng *rand.Rand) (*http.Request, error)
	ok      func(resp *http.Response) bool
}

// runEnv is what every request of a run shares.
type runEnv struct {
	ctx   context.Context
	base  string
	creds Creds
	state State
	today string // the date of a new contact: today in the Netherlands
}

func (e *runEnv) randomFamily(rng *rand.Rand) int64 {
	return e.state.FamilyIDs[rng.IntN(len(e.state.FamilyIDs))]
}

// randomPlanFamily returns a family with a care plan.
func (e *runEnv) randomPlanFamily(rng *rand.Rand) (string, error) {
	if len(e.state.PlanFamilyIDs) == 0 {
		return "", errors.New("no family in the caseload has a care plan")
	}
	return strconv.FormatInt(e.state.PlanFamilyIDs[rng.IntN(len(e.state.PlanFamilyIDs))], 10), nil
}

// getPlan requests path (with %s for the family id) for a family with a care plan.
func (e *runEnv) getPlan(rng *rand.Rand, path string) (*http.Request, error) {
	id, err := e.randomPlanFamily(rng)
	if err != nil {
		return nil, err
	}
	return e.get(fmt.Sprintf(path, id))
}

func (e *runEnv) get(path string) (*http.Request, error) {
	return http.NewRequestWithContext(e.ctx, http.MethodGet, e.base+path, nil)
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
		name: "caseload", route: "GET /families", session: true,
		build: func(e *runEnv, _ *rand.Rand) (*http.Request, error) { return e.get("/families") },
		ok:    status(http.StatusOK),
	},
	{
		name: "caseload-api", route: "GET /api/v1/families", session: true,
		build: func(e *runEnv, _ *rand.Rand) (*http.Request, error) { return e.get("/api/v1/families") },
		ok:    status(http.StatusOK),
	},
	{
		name: "family", route: "GET /families/{id}", session: true,
		build: func(e *runEnv, rng *rand.Rand) (*http.Request, error) {
			return e.get("/families/" + strconv.FormatInt(e.randomFamily(rng), 10))
		},
		ok: status(http.StatusOK),
	},
	{
		name: "family-api", route: "GET /api/v1/families/{id}", session: true,
		build: func(e *runEnv, rng *rand.Rand) (*http.Request, error) {
			return e.get("/api/v1/families/" + strconv.FormatInt(e.randomFamily(rng), 10))
		},
		ok: status(http.StatusOK),
	},
	{
		// The care plan page: the current version with its live actions.
		name: "careplan", route: "GET /families/{id}/careplan", session: true,
		build: func(e *runEnv, rng *rand.Rand) (*http.Request, error) { return e.getPlan(rng, "/families/%s/careplan") },
		ok:    status(http.StatusOK),
	},
	{
		name: "careplan-api", route: "GET /api/v1/families/{id}/careplan", session: true,
		build: func(e *runEnv, rng *rand.Rand) (*http.Request, error) {
			return e.getPlan(rng, "/api/v1/families/%s/careplan")
		},
		ok: status(http.StatusOK),
	},
	{
		// Two versions side by side, with the differences marked.
		name: "careplan-compare", route: "GET /families/{id}/careplan/compare?a=1&b=2", session: true,
		build: func(e *runEnv, rng *rand.Rand) (*http.Request, error) {
			return e.getPlan(rng, "/families/%s/careplan/compare?a=1&b=2")
		},
		ok: status(http.StatusOK),
	},
	{
		// The contact form as the browser sends it; 303 back to the file
		// means it was saved.
		name: "contact", route: "POST /families/{id}/contacts", session: true,
		build: func(e *runEnv, rng *rand.Rand) (*http.Request, error) {
			id := strconv.FormatInt(e.randomFamily(rng), 10)
			return postForm(e.ctx, e.base, "/families/"+id+"/contacts", url.Values{
				"date":      {e.today},
				"kind":      {care.ContactKinds[rng.IntN(len(care.ContactKinds))]},
				"with":      {care.ContactWith[rng.IntN(len(care.ContactWith))]},
				"duration":  {strconv.Itoa(5 + rng.IntN(55))},
				"travel":    {"0"},
				"location":  {""},
				"topics":    {"Telefonisch contact over de afgelopen week; geen nieuwe vragen."},
				"follow_up": {""},
			})
		},
		ok: redirectTo("/families/"),
	},
	{
		// The password step of the login, without a cookie: argon2id with
		// the production parameters, a session row and an audit record.
		name: "login", route: "POST /login (password step)", session: false,
		build: func(e *runEnv, _ *rand.Rand) (*http.Request, error) {
			return postForm(e.ctx, e.base, "/login", url.Values{"email": {e.creds.Email}, "password": {e.creds.Password}})
		},
		ok: redirectTo("/login/code"),
	},
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
	credsPath := fs.String("creds", "", "credentials file written by loadaccount")
	statePath := fs.String("state", "", "state file written by 'load login'")
	name := fs.String("scenario", "", "scenario to run")
	n := fs.Int("n", 100, "number of requests")
	c := fs.Int("c", 4, "concurrent workers")
	maxDur := fs.Duration("max", 30*time.Second, "time cap: stop sending and cut requests in flight after this long")
	seed := fs.Uint64("seed", 1, "seed for the choice of families")
	results := fs.String("results", "", "results file (JSON lines) to append to; optional")
	db := fs.String("db", "", "label of the database, for the results")
	serverPID := fs.Int("server-pid", 0, "process id of spil serve, to report its CPU use; optional")
	dbPID := fs.Int("db-pid", 0, "process id of the database server (PostgreSQL's postmaster), to report its CPU use with its children; optional")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sc, err := findScenario(*name)
	if err != nil {
		return err
	}
	if *n < 1 || *c < 1 || *maxDur <= 0 {
		return errors.New("-n, -c and --max must be positive")
	}
	e := &runEnv{base: *base, today: care.DateOf(time.Now()).Format(time.DateOnly)}
	if err := readJSON(*credsPath, &e.creds); err != nil {
		return err
	}
	if err := readJSON(*statePath, &e.state); err != nil {
		return err
	}
	if len(e.state.FamilyIDs) == 0 {
		return errors.New("the state file has no family ids: run 'load login' first")
	}
	before := readCPU(*serverPID, *dbPID)
	res := runScenario(e, sc, *n, *c, *maxDur, *seed)
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
	cut     bool // stopped by the time cap
	bad     bool // an answer other than the expected one
}

// runScenario sends n requests from c workers and stops at the time cap:
// no new request starts after it, and requests still in flight are cut.
func runScenario(e *runEnv, sc *scenario, n, c int, maxDur time.Duration, seed uint64) Result {
	ctx, cancel := context.WithTimeout(context.Background(), maxDur)
	defer cancel()
	e.ctx = ctx
	client := newClient(c)
	cookie := &http.Cookie{Name: e.state.CookieName, Value: e.state.Cookie}

	jobs := make(chan struct{})
	go func() {
		defer close(jobs)
		for range n {
			select {
			case jobs <- struct{}{}:
			case <-ctx.Done():
				return
			}
		}
	}()
	samples := make([][]sample, c)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range c {
		rng := rand.New(rand.NewPCG(seed, uint64(w)))
		wg.Go(func() {
			for range jobs {
				samples[w] = append(samples[w], one(e, sc, client, cookie, rng))
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	client.CloseIdleConnections()

	var all []sample
	for _, s := range samples {
		all = append(all, s...)
	}
	return summarise(sc, n, c, maxDur, wall, all, ctx.Err() != nil)
}

func one(e *runEnv, sc *scenario, client *http.Client, cookie *http.Cookie, rng *rand.Rand) sample {
	req, err := sc.build(e, rng)
	if err != nil {
		return sample{err: err}
	}
	if sc.session {
		req.AddCookie(cookie)
	}
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return sample{err: err, cut: e.ctx.Err() != nil}
	}
	nb, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	s := sample{latency: time.Since(t0), bytes: nb, status: resp.StatusCode, err: err}
	if err != nil {
		s.cut = e.ctx.Err() != nil
		return s
	}
	s.bad = !sc.ok(resp)
	return s
}
