package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// The soak: many users at once for a long time, each one a case manager at
// work, with think time between clicks. It shows whether every answer stays
// right and whether the server's memory stays flat; the other scenarios
// (closed loops, seconds each) show how fast it is.

// soakKinds are the requests of a soak, in the order of the report.
var soakKinds = []struct{ name, route string }{
	{"login", "POST /login (password step)"},
	{"login-code", "POST /login/code"},
	{"caseload", "GET /families"},
	{"family", "GET /families/{id}"},
	{"careplan", "GET /families/{id}/careplan"},
	{"contacts", "GET /families/{id}/contacts"},
	{"contact-form", "GET /families/{id}/contacts/new"},
	{"contact", "POST /families/{id}/contacts"},
	{"task-form", "GET /families/{id}/tasks/new"},
	{"task", "POST /families/{id}/tasks"},
	{"task-done", "POST /families/{id}/tasks/{tid}/done"},
	{"family-api", "GET /api/v1/families/{id}"},
	{"logout", "POST /logout"},
}

// soakConfig is what a soak does.
type soakConfig struct {
	base      string
	creds     Creds
	users     int
	duration  time.Duration
	think     time.Duration // the mean pause between two requests of a user
	relogin   time.Duration // a user logs out and in again after about this long; 0: never
	every     time.Duration // how often the server's memory and CPU are sampled
	serverPID int
	dbPID     int // PostgreSQL's postmaster; 0 on SQLite
	seed      uint64
	progress  io.Writer // a line per sample; nil for none
}

// soakSample is the server's state at one moment of the soak, with what
// happened since the sample before.
type soakSample struct {
	AtSeconds float64 `json:"at_s"`
	RSSMiB    float64 `json:"rss_mib"`
	Requests  int     `json:"requests"`
	Errors    int     `json:"errors"`
	CPUServer float64 `json:"cpu_server"`
	CPUDB     float64 `json:"cpu_db"`
	CPUClient float64 `json:"cpu_client"`
	CPURest   float64 `json:"cpu_rest"`
}

// soakKindResult is the figures of one kind of request.
type soakKindResult struct {
	Kind        string   `json:"kind"`
	Route       string   `json:"route"`
	Answers     int      `json:"answers"`
	Errors      int      `json:"errors"`
	P50ms       float64  `json:"p50_ms"`
	P90ms       float64  `json:"p90_ms"`
	P99ms       float64  `json:"p99_ms"`
	MaxMs       float64  `json:"max_ms"`
	FirstErrors []string `json:"first_errors,omitempty"`
}

// soakResult is everything a soak measured.
type soakResult struct {
	Start          time.Time        `json:"start"`
	WallSeconds    float64          `json:"wall_seconds"`
	Users          int              `json:"users"`
	Accounts       int              `json:"accounts"`
	ThinkSeconds   float64          `json:"think_s"`
	ReloginSeconds float64          `json:"relogin_s"`
	Kinds          []soakKindResult `json:"kinds"`
	Total          soakKindResult   `json:"total"`
	Samples        []soakSample     `json:"samples"`
	// ServerAge is how long the server had run when the soak began, in
	// seconds: its GC trace counts from its own start.
	ServerAge float64 `json:"server_age_s,omitempty"`
	// GCs are the server's garbage collections during the soak, from its
	// GC trace (GODEBUG=gctrace=1), when the soak was given its log.
	GCs []soakGC `json:"gcs,omitempty"`
}

// soakGC is one garbage collection of the server: when, in seconds into
// the soak, and the heap that was still in use after it (live), in MiB.
type soakGC struct {
	AtSeconds float64 `json:"at_s"`
	LiveMiB   float64 `json:"live_mib"`
}

// soakStats collects the outcome of every request.
type soakStats struct {
	mu       sync.Mutex
	lat      map[string][]time.Duration
	errs     map[string]int
	first    map[string][]string
	interval struct{ requests, errors int }
}

func newSoakStats() *soakStats {
	return &soakStats{lat: map[string][]time.Duration{}, errs: map[string]int{}, first: map[string][]string{}}
}

// add records one request of kind; err is a failed request or an answer
// other than the expected one.
func (s *soakStats) add(kind string, d time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.interval.requests++
	if err != nil {
		s.errs[kind]++
		s.interval.errors++
		if len(s.first[kind]) < 3 {
			s.first[kind] = append(s.first[kind], err.Error())
		}
		return
	}
	s.lat[kind] = append(s.lat[kind], d)
}

// takeInterval returns the requests and errors since the last call.
func (s *soakStats) takeInterval() (requests, errors int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	requests, errors = s.interval.requests, s.interval.errors
	s.interval.requests, s.interval.errors = 0, 0
	return requests, errors
}

// soakUser is one person at work: logged in as one case manager, reading
// and writing in that case manager's caseload.
type soakUser struct {
	cfg      *soakConfig
	client   *http.Client
	stats    *soakStats
	rng      *rand.Rand
	end      time.Time
	done     <-chan struct{} // closed at the end of the soak
	email    string
	cookie   *http.Cookie
	families []int64
	loginAt  time.Time
	relogin  time.Duration // this user's time between logins: cfg.relogin, give or take half
}

// soakFamilyLink finds the families of the caseload page, and
// soakOpenTask the forms that close an open task on the family page.
var (
	soakFamilyLink = regexp.MustCompile(`<a class="child" href="/families/(\d+)"`)
	soakOpenTask   = regexp.MustCompile(`action="/families/\d+/tasks/(\d+)/done"`)
)

func ids(re *regexp.Regexp, body []byte) []int64 {
	var out []int64
	for _, m := range re.FindAllSubmatch(body, -1) {
		if id, err := strconv.ParseInt(string(m[1]), 10, 64); err == nil && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// think pauses as a person does between two clicks: a random time around
// the mean, at least a tenth of it and at most five times it. It reports
// false when the soak is over.
func (u *soakUser) think() bool {
	mean := float64(u.cfg.think)
	d := time.Duration(min(max(u.rng.ExpFloat64()*mean, mean/10), 5*mean))
	return u.pause(d)
}

func (u *soakUser) pause(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-u.done:
		return false
	case <-t.C:
		return time.Now().Before(u.end)
	}
}

// send sends one request of kind with the user's session, reads the whole
// answer and records it; want says whether the answer is the right one.
// It returns the body of a right answer.
func (u *soakUser) send(kind string, req *http.Request, want func(*http.Response) bool) ([]byte, bool) {
	if u.cookie != nil {
		req.AddCookie(u.cookie)
	}
	t0 := time.Now()
	resp, err := u.client.Do(req)
	if err != nil {
		u.stats.add(kind, 0, err)
		return nil, false
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(t0)
	switch {
	case err != nil:
	case !want(resp):
		err = fmt.Errorf("%s %s answered %d (Location %q)", req.Method, req.URL.Path, resp.StatusCode, resp.Header.Get("Location"))
	}
	u.stats.add(kind, took, err)
	return body, err == nil
}

func (u *soakUser) get(kind, path string) ([]byte, bool) {
	req, err := http.NewRequest(http.MethodGet, u.cfg.base+path, nil)
	if err != nil {
		u.stats.add(kind, 0, err)
		return nil, false
	}
	return u.send(kind, req, status(http.StatusOK))
}

func (u *soakUser) post(kind, path string, form url.Values, want func(*http.Response) bool) bool {
	req, err := postForm(context.Background(), u.cfg.base, path, form)
	if err != nil {
		u.stats.add(kind, 0, err)
		return false
	}
	_, ok := u.send(kind, req, want)
	return ok
}

// login logs the user in with password and TOTP code, as login does for
// the other scenarios, and records both steps.
func (u *soakUser) login() bool {
	cookie, pw, code, err := login(context.Background(), u.client, u.cfg.base, u.email, u.cfg.creds)
	if err != nil {
		u.stats.add("login", 0, err)
		return false
	}
	u.stats.add("login", pw, nil)
	u.stats.add("login-code", code, nil)
	u.cookie, u.loginAt = cookie, time.Now()
	return true
}

func (u *soakUser) logout() {
	u.post("logout", "/logout", url.Values{}, redirectTo("/login"))
	u.cookie = nil
}

// run is the user's working day, compressed: log in, then over and over
// open the caseload, open a family, and do one or more of the things a
// case manager does in a file, thinking between clicks.
func (u *soakUser) run() {
	// Everyone does not start in the same second.
	if !u.pause(time.Duration(u.rng.Float64() * float64(min(u.cfg.duration/10, 30*time.Second)))) {
		return
	}
	for !u.login() {
		if !u.think() {
			return
		}
	}
	today := care.DateOf(time.Now())
	for u.think() {
		if u.relogin > 0 && time.Since(u.loginAt) > u.relogin {
			u.logout()
			if !u.login() {
				continue
			}
			if !u.think() {
				return
			}
		}
		if body, ok := u.get("caseload", "/families"); ok {
			if fs := ids(soakFamilyLink, body); len(fs) > 0 {
				u.families = fs
			}
		}
		if len(u.families) == 0 || !u.think() {
			continue
		}
		fam := "/families/" + strconv.FormatInt(u.families[u.rng.IntN(len(u.families))], 10)
		body, ok := u.get("family", fam)
		var tasks []int64
		if ok {
			tasks = ids(soakOpenTask, body)
		}
		if !u.think() {
			return
		}
		steps := []struct {
			p  float64
			do func() bool
		}{
			{0.3, func() bool { u.get("careplan", fam+"/careplan"); return u.think() }},
			{0.15, func() bool { u.get("contacts", fam+"/contacts"); return u.think() }},
			{0.4, func() bool {
				u.get("contact-form", fam+"/contacts/new")
				if !u.think() {
					return false
				}
				u.post("contact", fam+"/contacts", url.Values{
					"date":      {today.Format(time.DateOnly)},
					"kind":      {care.ContactKinds[u.rng.IntN(len(care.ContactKinds))]},
					"with":      {care.ContactWith[u.rng.IntN(len(care.ContactWith))]},
					"duration":  {strconv.Itoa(5 + u.rng.IntN(55))},
					"travel":    {strconv.Itoa(u.rng.IntN(4) * 15)},
					"location":  {""},
					"topics":    {"Gesprek over de afgelopen week: slaap, eten en de planning van de zorg."},
					"follow_up": {""},
				}, redirectTo(fam))
				return u.think()
			}},
			{0.15, func() bool {
				u.get("task-form", fam+"/tasks/new")
				if !u.think() {
					return false
				}
				u.post("task", fam+"/tasks", url.Values{
					"title":    {"Ouders vragen naar de medicatielijst"},
					"owner":    {care.OwnerFamily},
					"due_date": {today.AddDate(0, 0, 1+u.rng.IntN(14)).Format(time.DateOnly)},
				}, redirectTo(fam))
				return u.think()
			}},
			{0.25, func() bool {
				if len(tasks) == 0 {
					return true
				}
				tid := strconv.FormatInt(tasks[u.rng.IntN(len(tasks))], 10)
				// A task closed by a colleague in the meantime also
				// answers 303 back to the file.
				u.post("task-done", fam+"/tasks/"+tid+"/done", url.Values{"done_note": {"Gebeld en afgesproken."}}, redirectTo(fam))
				return u.think()
			}},
			{0.1, func() bool { u.get("family-api", "/api/v1"+fam); return u.think() }},
		}
		for _, s := range steps {
			if u.rng.Float64() < s.p && !s.do() {
				return
			}
		}
	}
}

// runSoak runs cfg.users users for cfg.duration. User i is account i of
// the credentials, or account i modulo their number when there are fewer.
// Users stop at their next click after the end; requests in flight then
// finish.
func runSoak(cfg *soakConfig) soakResult {
	stats := newSoakStats()
	client := newClient(cfg.users)
	defer client.CloseIdleConnections()
	start := time.Now()
	end := start.Add(cfg.duration)
	done := make(chan struct{})
	res := soakResult{Start: start.UTC(), ServerAge: processAge(cfg.serverPID), Users: cfg.users, Accounts: min(cfg.users, len(cfg.creds.Accounts)),
		ThinkSeconds: cfg.think.Seconds(), ReloginSeconds: cfg.relogin.Seconds()}

	// The sampler: the server's memory and the CPU of everyone, every
	// cfg.every, and once more at the end.
	var sampler sync.WaitGroup
	stopSampling := make(chan struct{})
	sample := func(prev *cpuTicks, since time.Time) {
		now := readCPU(cfg.serverPID, cfg.dbPID)
		reqs, errs := stats.takeInterval()
		s := soakSample{AtSeconds: math.Round(time.Since(start).Seconds()*10) / 10, RSSMiB: rssMiB(cfg.serverPID), Requests: reqs, Errors: errs}
		var r Result
		r.WallSeconds = time.Since(since).Seconds()
		r.setCPU(*prev, now)
		s.CPUServer, s.CPUDB, s.CPUClient, s.CPURest = r.CPUServer, r.CPUDB, r.CPUClient, r.CPURest
		*prev = now
		res.Samples = append(res.Samples, s)
		if cfg.progress != nil {
			fmt.Fprintf(cfg.progress, "soak %s: server RSS %.1f MiB, %d requests (%.1f/s), %d errors; cores: server %.1f, database %.1f, client %.1f, other %.1f\n",
				fmtAt(s.AtSeconds), s.RSSMiB, reqs, float64(reqs)/r.WallSeconds, errs, s.CPUServer, s.CPUDB, s.CPUClient, s.CPURest)
		}
	}
	sampler.Go(func() {
		prev, since := readCPU(cfg.serverPID, cfg.dbPID), time.Now()
		res.Samples = append(res.Samples, soakSample{RSSMiB: rssMiB(cfg.serverPID)})
		t := time.NewTicker(cfg.every)
		defer t.Stop()
		for {
			select {
			case <-stopSampling:
				// Right after a sample, the last requests join it.
				if last := &res.Samples[len(res.Samples)-1]; time.Since(since) < cfg.every/2 && len(res.Samples) > 1 {
					reqs, errs := stats.takeInterval()
					last.Requests, last.Errors = last.Requests+reqs, last.Errors+errs
					return
				}
				sample(&prev, since)
				return
			case <-t.C:
				sample(&prev, since)
				since = time.Now()
			}
		}
	})

	var users sync.WaitGroup
	for i := range cfg.users {
		a := cfg.creds.Accounts[i%len(cfg.creds.Accounts)]
		u := &soakUser{cfg: cfg, client: client, stats: stats, rng: rand.New(rand.NewPCG(cfg.seed, uint64(i))),
			end: end, done: done, email: a.Email}
		u.relogin = time.Duration((0.5 + u.rng.Float64()) * float64(cfg.relogin))
		users.Go(u.run)
	}
	time.AfterFunc(cfg.duration, func() { close(done) })
	users.Wait()
	res.WallSeconds = math.Round(time.Since(start).Seconds()*10) / 10
	close(stopSampling)
	sampler.Wait()

	var all []time.Duration
	totalErrs := 0
	for _, k := range soakKinds {
		lat := stats.lat[k.name]
		slices.Sort(lat)
		all = append(all, lat...)
		totalErrs += stats.errs[k.name]
		res.Kinds = append(res.Kinds, kindResult(k.name, k.route, lat, stats.errs[k.name], stats.first[k.name]))
	}
	slices.Sort(all)
	res.Total = kindResult("all", "", all, totalErrs, nil)
	return res
}

func kindResult(kind, route string, sorted []time.Duration, errs int, first []string) soakKindResult {
	r := soakKindResult{Kind: kind, Route: route, Answers: len(sorted) + errs, Errors: errs, FirstErrors: first,
		P50ms: ms(percentile(sorted, 0.5)), P90ms: ms(percentile(sorted, 0.9)), P99ms: ms(percentile(sorted, 0.99))}
	if len(sorted) > 0 {
		r.MaxMs = ms(sorted[len(sorted)-1])
	}
	return r
}

// rssMiB is the resident memory of a process now; 0 without one.
func rssMiB(pid int) float64 {
	if pid <= 0 {
		return 0
	}
	kb, ok := readRSS(pid)
	if !ok {
		return 0
	}
	return float64(kb*10/1024) / 10
}

// memoryTrend is the least-squares slope of the server's memory in MiB per
// hour over the samples from warm on, with the lowest and highest reading
// among them.
func memoryTrend(samples []soakSample, warm float64) (perHour, lo, hi float64, n int) {
	var sx, sy, sxx, sxy float64
	lo = math.Inf(1)
	for _, s := range samples {
		if s.AtSeconds < warm || s.RSSMiB == 0 {
			continue
		}
		x := s.AtSeconds / 3600
		sx, sy, sxx, sxy = sx+x, sy+s.RSSMiB, sxx+x*x, sxy+x*s.RSSMiB
		lo, hi = min(lo, s.RSSMiB), max(hi, s.RSSMiB)
		n++
	}
	if n < 2 {
		return 0, 0, 0, n
	}
	fn := float64(n)
	if d := fn*sxx - sx*sx; d > 0 {
		perHour = (fn*sxy - sx*sy) / d
	}
	return perHour, lo, hi, n
}

// sparkline draws values as a row of bars from 0 to the highest, so that a
// flat line looks flat.
func sparkline(values []float64) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	top := slices.Max(values)
	var b strings.Builder
	for _, v := range values {
		i := 0
		if top > 0 {
			i = min(len(bars)-1, int(v/top*float64(len(bars))))
		}
		b.WriteRune(bars[max(i, 0)])
	}
	return b.String()
}

// processAge is how long a process has run, in seconds; 0 when unknown.
func processAge(pid int) float64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	up, uerr := os.ReadFile("/proc/uptime")
	if err != nil || uerr != nil {
		return 0
	}
	st := string(b)
	f := strings.Fields(st[strings.LastIndexByte(st, ')')+1:])
	uf := strings.Fields(string(up))
	if len(f) < 20 || len(uf) < 1 {
		return 0
	}
	started, err := strconv.ParseFloat(f[19], 64) // starttime, in clock ticks after boot
	uptime, uerr := strconv.ParseFloat(uf[0], 64)
	if err != nil || uerr != nil {
		return 0
	}
	return uptime - started/ticksPerSecond
}

// gcTraceLine is a line of Go's GC trace: "gc 12 @34.567s 1%: ...,
// 40->41->18 MB, ..."; the last of the three heap sizes is what was still
// in use after the collection.
var gcTraceLine = regexp.MustCompile(`^gc \d+ @([0-9.]+)s .* (\d+)->(\d+)->(\d+) MB,`)

// readGCTrace reads the garbage collections from a server's log, in time
// into a soak that began age seconds after the server, from 0 to until.
func readGCTrace(r io.Reader, age, until float64) ([]soakGC, error) {
	var out []soakGC
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		m := gcTraceLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		at, _ := strconv.ParseFloat(m[1], 64)
		live, _ := strconv.ParseFloat(m[4], 64)
		if at -= age; at >= 0 && at <= until {
			out = append(out, soakGC{AtSeconds: math.Round(at*10) / 10, LiveMiB: live})
		}
	}
	return out, sc.Err()
}

// fmtAt writes a time into the soak: whole seconds, or tenths below ten.
func fmtAt(seconds float64) string {
	d := time.Duration(seconds * float64(time.Second))
	if seconds < 10 {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// warmUp is the part of a soak left out of the memory trend: the logins
// and the first pages fill the caches.
func warmUp(wall float64) float64 { return min(wall/10, 300) }

// report writes the soak's figures as Markdown.
func (r soakResult) report(w io.Writer) {
	fmt.Fprintf(w, "%d users on %d accounts for %s from %s, think time %s on average",
		r.Users, r.Accounts, time.Duration(r.WallSeconds*float64(time.Second)).Round(time.Second),
		r.Start.Format("2006-01-02 15:04 UTC"), time.Duration(r.ThinkSeconds*float64(time.Second)))
	if r.ReloginSeconds > 0 {
		fmt.Fprintf(w, ", a new login every %s", time.Duration(r.ReloginSeconds*float64(time.Second)))
	}
	fmt.Fprintf(w, ": %d requests, %.1f per second, %d errors.\n\n", r.Total.Answers, float64(r.Total.Answers)/r.WallSeconds, r.Total.Errors)
	fmt.Fprintln(w, "| Request | Route | Answers | Errors | p50 | p90 | p99 | max |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, k := range append(slices.Clone(r.Kinds), r.Total) {
		if k.Answers == 0 {
			continue
		}
		name, route := k.Kind, "`"+k.Route+"`"
		if k.Kind == "all" {
			name, route = "**all**", ""
		}
		fmt.Fprintf(w, "| %s | %s | %d | %d | %s | %s | %s | %s |\n", name, route, k.Answers, k.Errors,
			fmtMs(k.P50ms), fmtMs(k.P90ms), fmtMs(k.P99ms), fmtMs(k.MaxMs))
	}
	for _, k := range r.Kinds {
		for _, e := range k.FirstErrors {
			fmt.Fprintf(w, "\n- %s: %s", k.Kind, mdEscape(e))
		}
	}
	fmt.Fprintln(w)
	if len(r.Samples) == 0 || r.Samples[len(r.Samples)-1].RSSMiB == 0 {
		return
	}
	rss := make([]float64, len(r.Samples))
	for i, s := range r.Samples {
		rss[i] = s.RSSMiB
	}
	warm := warmUp(r.WallSeconds)
	every := "0s"
	if len(r.Samples) > 2 {
		every = fmtAt(r.Samples[1].AtSeconds)
	}
	fmt.Fprintf(w, "\nThe server's resident memory (VmRSS), every %s, on a scale from 0 to %.0f MiB:\n\n```\n%s\n```\n\n", every, slices.Max(rss), sparkline(rss))
	gcs := len(r.GCs) > 0
	if gcs {
		fmt.Fprintln(w, "| Time | Server RSS: lowest / highest | Live heap after GC: lowest / highest (GCs) | Requests/s | Errors | Cores: server / database / client / other |")
		fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: |")
	} else {
		fmt.Fprintln(w, "| Time | Server RSS: lowest / highest | Requests/s | Errors | Cores: server / database / client / other |")
		fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: |")
	}
	ws := soakWindows(r.Samples, 12)
	var lows, live []soakSample
	for _, g := range r.GCs {
		live = append(live, soakSample{AtSeconds: g.AtSeconds, RSSMiB: g.LiveMiB})
	}
	for _, win := range ws {
		heap := ""
		if gcs {
			lo, hi, n := math.Inf(1), 0.0, 0
			for _, g := range r.GCs {
				if g.AtSeconds > win.from && g.AtSeconds <= win.to {
					lo, hi, n = min(lo, g.LiveMiB), max(hi, g.LiveMiB), n+1
				}
			}
			heap = " – |"
			if n > 0 {
				heap = fmt.Sprintf(" %.0f / %.0f MiB (%d) |", lo, hi, n)
			}
		}
		fmt.Fprintf(w, "| %s to %s | %.1f / %.1f MiB |%s %.1f | %d | %.1f / %.1f / %.1f / %.1f |\n", fmtAt(win.from), fmtAt(win.to),
			win.low, win.high, heap, win.rate, win.errors, win.cpuServer, win.cpuDB, win.cpuClient, win.cpuRest)
		lows = append(lows, soakSample{AtSeconds: win.to, RSSMiB: win.low})
	}
	perHour, lo, hi, _ := memoryTrend(r.Samples, warm)
	lowsPerHour, _, _, n := memoryTrend(lows, warm)
	fmt.Fprintf(w, "\nAfter the first %s the readings lie between %.1f and %.1f MiB; their trend is %+.1f MiB per hour",
		time.Duration(warm*float64(time.Second)).Round(time.Second), lo, hi, perHour)
	if n >= 2 {
		fmt.Fprintf(w, ", and that of the lowest reading of each row %+.1f MiB per hour", lowsPerHour)
	}
	fmt.Fprintln(w, " (least squares).")
	if livePerHour, lo, hi, n := memoryTrend(live, warm); n >= 2 {
		fmt.Fprintf(w, "The heap in use after each of the %d garbage collections in that time lies between %.0f and %.0f MiB, a trend of %+.1f MiB per hour.\n",
			n, lo, hi, livePerHour)
	}
}

// soakWindow is a stretch of a soak: the server's lowest and highest
// memory in it, the requests per second, the errors and the cores busy.
type soakWindow struct {
	from, to                             float64 // seconds into the soak
	low, high, rate                      float64
	errors                               int
	cpuServer, cpuDB, cpuClient, cpuRest float64
}

// soakWindows groups the samples after the first (taken at the start) into
// about n windows of equal numbers of samples.
func soakWindows(samples []soakSample, n int) []soakWindow {
	if len(samples) < 2 {
		return nil
	}
	rest := samples[1:]
	size := max(1, (len(rest)+n-1)/n)
	var out []soakWindow
	from := samples[0].AtSeconds
	for i := 0; i < len(rest); i += size {
		part := rest[i:min(i+size, len(rest))]
		win := soakWindow{from: from, to: part[len(part)-1].AtSeconds, low: math.Inf(1)}
		reqs := 0
		for _, s := range part {
			win.low, win.high = min(win.low, s.RSSMiB), max(win.high, s.RSSMiB)
			reqs, win.errors = reqs+s.Requests, win.errors+s.Errors
			win.cpuServer += s.CPUServer / float64(len(part))
			win.cpuDB += s.CPUDB / float64(len(part))
			win.cpuClient += s.CPUClient / float64(len(part))
			win.cpuRest += s.CPURest / float64(len(part))
		}
		if win.to > win.from {
			win.rate = float64(reqs) / (win.to - win.from)
		}
		out = append(out, win)
		from = win.to
	}
	return out
}

func cmdSoak(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("load soak", flag.ContinueOnError)
	base := fs.String("base", "", "base URL of the server")
	credsPath := fs.String("creds", "", "credentials file written by loadaccount")
	users := fs.Int("users", 100, "users at once, each logged in as a case manager of the credentials (taken in turn when there are fewer)")
	duration := fs.Duration("duration", time.Hour, "how long the soak runs")
	think := fs.Duration("think", 3*time.Second, "mean think time between two requests of a user")
	relogin := fs.Duration("relogin", 20*time.Minute, "a user logs out and in again after about this long; 0: never")
	every := fs.Duration("every", 30*time.Second, "how often the server's memory and the CPU are sampled")
	serverPID := fs.Int("server-pid", 0, "process id of the server, to sample its memory and CPU")
	dbPID := fs.Int("db-pid", 0, "process id of the database server (PostgreSQL's postmaster), to sample its CPU with its children; optional")
	seed := fs.Uint64("seed", 1, "seed for the users' choices")
	out := fs.String("out", "", "file to write every figure to, as JSON; optional")
	reportPath := fs.String("report", "", "file to write the report to, as Markdown; optional (it is printed too)")
	from := fs.String("from", "", "print the report of an earlier soak from the file its --out wrote, and run nothing")
	serverLog := fs.String("server-log", "", "the server's log, with its GC trace (GODEBUG=gctrace=1): read after the soak for the heap in use; optional")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from != "" {
		var res soakResult
		if err := readJSON(*from, &res); err != nil {
			return err
		}
		res.report(stdout)
		return nil
	}
	if *users < 1 || *duration <= 0 || *think <= 0 || *every <= 0 || *relogin < 0 {
		return errors.New("--users, --duration, --think and --every must be positive")
	}
	cfg := &soakConfig{base: *base, users: *users, duration: *duration, think: *think, relogin: *relogin,
		every: *every, serverPID: *serverPID, dbPID: *dbPID, seed: *seed, progress: os.Stderr}
	if err := readJSON(*credsPath, &cfg.creds); err != nil {
		return err
	}
	if len(cfg.creds.Accounts) == 0 {
		return errors.New("the credentials name no accounts: run loadaccount first")
	}
	if len(cfg.creds.Accounts) < cfg.users {
		// Two logins of one account within 30 seconds need two TOTP codes:
		// the second waits for the next one.
		fmt.Fprintf(os.Stderr, "load soak: %d users share %d accounts; logins of one account wait for each other's TOTP codes\n",
			cfg.users, len(cfg.creds.Accounts))
	}
	res := runSoak(cfg)
	if *serverLog != "" {
		f, err := os.Open(*serverLog)
		if err != nil {
			return err
		}
		res.GCs, err = readGCTrace(f, res.ServerAge, res.WallSeconds)
		f.Close()
		if err != nil {
			return err
		}
	}
	var md strings.Builder
	res.report(&md)
	fmt.Fprint(stdout, md.String())
	if *reportPath != "" {
		if err := os.WriteFile(*reportPath, []byte(md.String()), 0o644); err != nil {
			return err
		}
	}
	if *out != "" {
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if res.Total.Errors > 0 {
		return fmt.Errorf("%d of %d requests failed", res.Total.Errors, res.Total.Answers)
	}
	return nil
}
