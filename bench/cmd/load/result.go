package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Result is one line of the results file: a scenario run, the logins, or a
// timed step such as generating the data, audit-verify or the server start.
type Result struct {
	Kind            string  `json:"kind"` // scenario, login or step
	DB              string  `json:"db"`   // "ceiling" for the hello-world server
	Scenario        string  `json:"scenario"`
	Route           string  `json:"route"`
	Planned         int     `json:"planned,omitempty"` // the -n limit; 0 for none
	Concurrency     int     `json:"concurrency,omitempty"`
	Completed       int     `json:"completed,omitempty"` // answers received, good or bad
	Errors          int     `json:"errors,omitempty"`    // unexpected answers and failed requests
	Cut             int     `json:"cut,omitempty"`       // cut off by the hard cap
	Capped          bool    `json:"capped,omitempty"`    // the hard cap ended the run
	DurationSeconds float64 `json:"duration_seconds,omitempty"`
	WallSeconds     float64 `json:"wall_seconds,omitempty"`
	Throughput      float64 `json:"throughput,omitempty"` // answers per second
	P50ms           float64 `json:"p50_ms,omitempty"`
	P90ms           float64 `json:"p90_ms,omitempty"`
	P99ms           float64 `json:"p99_ms,omitempty"`
	MaxMs           float64 `json:"max_ms,omitempty"`
	MeanBytes       int64   `json:"mean_bytes,omitempty"`
	// The case managers the workers were logged in as, and their caseloads.
	Accounts     int     `json:"accounts,omitempty"`
	CaseloadMean float64 `json:"caseload_mean,omitempty"`
	CaseloadMax  int     `json:"caseload_max,omitempty"`
	// The resident memory of the server at the start of the run and the
	// highest during it, sampled every 20 ms, in MiB. Memory freed by Go's
	// garbage collector goes back to the system over minutes, so the start
	// may still hold what an earlier run (or the logins) took.
	StartRSSMB float64 `json:"start_rss_mb,omitempty"`
	PeakRSSMB  float64 `json:"peak_rss_mb,omitempty"`
	// Cores busy on average during the run: the spil server (SQLite runs
	// inside it), the database server's processes (PostgreSQL), the load
	// client, and everything else on the machine.
	CPUServer  float64        `json:"cpu_server"`
	CPUDB      float64        `json:"cpu_db"`
	CPUClient  float64        `json:"cpu_client"`
	CPURest    float64        `json:"cpu_rest"`
	Statuses   map[string]int `json:"statuses,omitempty"`
	FirstError string         `json:"first_error,omitempty"`
	Detail     string         `json:"detail,omitempty"`
	Failed     bool           `json:"failed,omitempty"`  // a step that exited non-zero
	Untimed    bool           `json:"untimed,omitempty"` // a step whose time is of no interest
}

func ms(d time.Duration) float64 { return math.Round(float64(d.Microseconds())/10) / 100 }

// percentile is the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func summarise(sc *scenario, n, c int, duration, wall time.Duration, all []sample, capped bool) Result {
	r := Result{
		Kind: "scenario", Scenario: sc.name, Route: sc.route, Planned: n, Concurrency: c,
		Capped: capped, DurationSeconds: duration.Seconds(), WallSeconds: math.Round(wall.Seconds()*100) / 100,
		Statuses: map[string]int{},
	}
	var lat []time.Duration
	var bytes int64
	for _, s := range all {
		switch {
		case s.cut:
			r.Cut++
			continue
		case s.err != nil:
			r.Errors++
			r.Statuses["error"]++
			if r.FirstError == "" {
				r.FirstError = s.err.Error()
			}
			continue
		}
		r.Completed++
		r.Statuses[strconv.Itoa(s.status)]++
		if s.bad {
			r.Errors++
			if r.FirstError == "" {
				r.FirstError = "unexpected status " + strconv.Itoa(s.status)
			}
		}
		lat = append(lat, s.latency)
		bytes += s.bytes
	}
	slices.Sort(lat)
	if r.Completed > 0 {
		r.MeanBytes = bytes / int64(r.Completed)
		r.Throughput = math.Round(float64(r.Completed)/wall.Seconds()*10) / 10
	}
	r.P50ms, r.P90ms, r.P99ms = ms(percentile(lat, 0.50)), ms(percentile(lat, 0.90)), ms(percentile(lat, 0.99))
	if len(lat) > 0 {
		r.MaxMs = ms(lat[len(lat)-1])
	}
	return r
}

// line is the one-line summary printed after a run.
func (r Result) line() string {
	s := fmt.Sprintf("%-13s %-30s c=%d: %d answers in %.1fs, %.1f/s, p50 %s p90 %s p99 %s max %s, %d errors",
		r.Scenario, r.Route, r.Concurrency, r.Completed, r.WallSeconds, r.Throughput,
		fmtMs(r.P50ms), fmtMs(r.P90ms), fmtMs(r.P99ms), fmtMs(r.MaxMs), r.Errors)
	if r.Cut > 0 {
		s += fmt.Sprintf(", %d cut by the hard cap", r.Cut)
	}
	if r.PeakRSSMB > 0 {
		s += fmt.Sprintf("; server RSS %.0f MiB at the start, peak %.0f MiB", r.StartRSSMB, r.PeakRSSMB)
	}
	s += fmt.Sprintf("; cores busy: server %.1f, database %.1f, client %.1f, other %.1f", r.CPUServer, r.CPUDB, r.CPUClient, r.CPURest)
	if r.FirstError != "" {
		s += " (first error: " + r.FirstError + ")"
	}
	return s
}

func fmtMs(v float64) string {
	switch {
	case v >= 10000:
		return fmt.Sprintf("%.1f s", v/1000)
	case v >= 1000:
		return fmt.Sprintf("%.2f s", v/1000)
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	case v >= 10:
		return fmt.Sprintf("%.1f ms", v)
	default:
		return fmt.Sprintf("%.2f ms", v)
	}
}

func appendResult(path string, r Result) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// cmdStep runs a command, passes its output on, and records how long it took
// and its last line of output.
func cmdStep(args []string) error {
	fs := flag.NewFlagSet("load step", flag.ContinueOnError)
	results := fs.String("results", "", "results file (JSON lines) to append to")
	db := fs.String("db", "", "label of the database")
	name := fs.String("name", "", "name of the step, for the report")
	which := fs.String("line", "last", "line of the output to keep as the outcome: first or last")
	untimed := fs.Bool("untimed", false, "the time of the step is of no interest (report shows none)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	argv := fs.Args()
	if len(argv) == 0 || *results == "" || *name == "" {
		return errors.New("usage: load step --results FILE --db LABEL --name NAME -- command [args...]")
	}
	var out strings.Builder
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout = io.MultiWriter(os.Stdout, &out)
	cmd.Stderr = os.Stderr
	t0 := time.Now()
	runErr := cmd.Run()
	took := time.Since(t0)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	detail := lines[len(lines)-1]
	if *which == "first" {
		detail = lines[0]
	}
	r := Result{
		Kind: "step", DB: *db, Scenario: *name, Route: strings.Join(argv, " "),
		WallSeconds: math.Round(took.Seconds()*100) / 100, Detail: strings.TrimSpace(detail),
		Failed: runErr != nil, Untimed: *untimed,
	}
	if runErr != nil {
		r.FirstError = runErr.Error()
	}
	if err := appendResult(*results, r); err != nil {
		return err
	}
	if runErr != nil {
		return fmt.Errorf("%s: %w", *name, runErr)
	}
	return nil
}

// ceilingDB is the label of the hello-world server's results.
const ceilingDB = "ceiling"

func cmdReport(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("load report", flag.ContinueOnError)
	results := fs.String("results", "", "results file (JSON lines)")
	scale := fs.Float64("scale", 1, "scale of the national shape the results are for, to say so next to the targets")
	if err := fs.Parse(args); err != nil {
		return err
	}
	all, dbs, err := readResults(*results)
	if err != nil {
		return err
	}
	ceiling := map[int]float64{} // req/s by concurrency
	for _, r := range all {
		if r.DB == ceilingDB && r.Kind == "scenario" {
			ceiling[r.Concurrency] = r.Throughput
		}
	}
	if slices.Contains(dbs, ceilingDB) {
		fmt.Fprintln(w, "### The ceiling: a hello-world Go server (bench/cmd/hello)")
		fmt.Fprintln(w)
		scenarioTable(w, all, ceilingDB, nil)
	}
	for _, db := range dbs {
		if db == ceilingDB {
			continue
		}
		fmt.Fprintf(w, "### %s\n\n", db)
		fmt.Fprintln(w, "| Step | Time | Outcome |")
		fmt.Fprintln(w, "| --- | ---: | --- |")
		for _, r := range all {
			switch {
			case r.DB != db:
			case r.Kind == "step":
				outcome := r.Detail
				if r.Failed {
					outcome = "FAILED: " + r.FirstError
				}
				took := fmt.Sprintf("%.2f s", r.WallSeconds)
				if r.Untimed {
					took = ""
				}
				fmt.Fprintf(w, "| %s | %s | %s |\n", r.Scenario, took, mdEscape(outcome))
			case r.Kind == "login":
				fmt.Fprintf(w, "| %s | p50 %s, p99 %s, max %s | %s |\n", r.Route, fmtMs(r.P50ms), fmtMs(r.P99ms), fmtMs(r.MaxMs), mdEscape(r.Detail))
			}
		}
		fmt.Fprintln(w)
		scenarioTable(w, all, db, ceiling)
		targetTable(w, all, db, *scale)
	}
	return nil
}

func readResults(path string) ([]Result, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var all []Result
	var dbs []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		all = append(all, r)
		if !slices.Contains(dbs, r.DB) {
			dbs = append(dbs, r.DB)
		}
	}
	return all, dbs, sc.Err()
}

// scenarioTable prints the scenario runs of db; with ceiling, each
// throughput also as a percentage of the hello-world server's at the same
// concurrency.
func scenarioTable(w io.Writer, all []Result, db string, ceiling map[int]float64) {
	fmt.Fprintln(w, "| Scenario | Route | Conc. | Accounts (caseload mean / max) | Answers | Throughput | Of ceiling | p50 | p90 | p99 | max | Errors | Mean size | Server RSS: start / peak | Cores: server / db / client / other |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range all {
		if r.DB != db || r.Kind != "scenario" {
			continue
		}
		answers := strconv.Itoa(r.Completed)
		if r.Cut > 0 {
			answers += fmt.Sprintf(" (%d cut)", r.Cut)
		}
		errs := strconv.Itoa(r.Errors)
		if r.Errors > 0 {
			errs += " (" + statusList(r.Statuses) + ")"
		}
		accounts, share, rss := "", "", ""
		if r.Accounts > 0 {
			accounts = fmt.Sprintf("%d (%.0f / %d)", r.Accounts, r.CaseloadMean, r.CaseloadMax)
		}
		if c := ceiling[r.Concurrency]; c > 0 {
			share = fmt.Sprintf("%.1f %%", 100*r.Throughput/c)
		}
		if r.PeakRSSMB > 0 {
			rss = fmt.Sprintf("%.0f / %.0f MiB", r.StartRSSMB, r.PeakRSSMB)
		}
		fmt.Fprintf(w, "| %s | `%s` | %d | %s | %s | %.1f/s | %s | %s | %s | %s | %s | %s | %s | %s | %.1f / %.1f / %.1f / %.1f |\n",
			r.Scenario, r.Route, r.Concurrency, accounts, answers, r.Throughput, share,
			fmtMs(r.P50ms), fmtMs(r.P90ms), fmtMs(r.P99ms), fmtMs(r.MaxMs), errs, fmtBytes(r.MeanBytes), rss,
			r.CPUServer, r.CPUDB, r.CPUClient, r.CPURest)
	}
	fmt.Fprintln(w)
}

// target is one figure a national deployment must reach, and how to read
// it from the results of one database.
type target struct {
	name  string
	check func(rs []Result) (measured string, met string)
}

// Outcomes of a target.
const (
	met      = "met"
	notMet   = "**not met**"
	unknown  = "not measured"
	notScale = "not at this scale"
)

func yes(ok bool) string {
	if ok {
		return met
	}
	return notMet
}

func findRun(rs []Result, scenario string, c int) *Result {
	for i := range rs {
		if rs[i].Kind == "scenario" && rs[i].Scenario == scenario && rs[i].Concurrency == c {
			return &rs[i]
		}
	}
	return nil
}

func findStep(rs []Result, name string) *Result {
	for i := range rs {
		if rs[i].Kind == "step" && rs[i].Scenario == name {
			return &rs[i]
		}
	}
	return nil
}

// p99Target is a p99 at c workers no higher than limit (ms), and a
// throughput no lower than minRate (0: none).
func p99Target(scenario string, c int, limit, minRate float64) func([]Result) (string, string) {
	return func(rs []Result) (string, string) {
		r := findRun(rs, scenario, c)
		if r == nil {
			return "", unknown
		}
		m := fmt.Sprintf("p99 %s, %.0f/s, %d errors", fmtMs(r.P99ms), r.Throughput, r.Errors)
		return m, yes(r.P99ms <= limit && r.Throughput >= minRate && r.Errors == 0)
	}
}

// p50Target is a p50 with one worker no higher than limit (ms).
func p50Target(scenario string, limit float64) func([]Result) (string, string) {
	return func(rs []Result) (string, string) {
		r := findRun(rs, scenario, 1)
		if r == nil {
			return "", unknown
		}
		return fmt.Sprintf("p50 %s (a caseload of %d families)", fmtMs(r.P50ms), r.CaseloadMax), yes(r.P50ms <= limit && r.Errors == 0)
	}
}

// auditRecords reads the number of records from audit-verify's answer:
// the count it says is intact, or the count of the checkpoint it recorded.
func auditRecords(detail string) int {
	for _, after := range []string{"intact: ", "Checkpoint recorded: "} {
		if _, rest, ok := strings.Cut(detail, after); ok {
			n, _ := strconv.Atoi(strings.Fields(rest)[0])
			return n
		}
	}
	return 0
}

var targets = []target{
	{"Family page, 8 workers: p99 ≤ 20 ms", p99Target("family", 8, 20, 0)},
	{"Family JSON, 8 workers: p99 ≤ 20 ms and ≥ 1,500 req/s", p99Target("family-api", 8, 20, 1500)},
	{"64 workers: no errors, p99 ≤ 150 ms (every scenario but login)", func(rs []Result) (string, string) {
		worst, errs, runs := 0.0, 0, 0
		var which string
		for _, r := range rs {
			if r.Kind != "scenario" || r.Concurrency != 64 || r.Scenario == "login" {
				continue
			}
			runs++
			errs += r.Errors
			if r.P99ms > worst {
				worst, which = r.P99ms, r.Scenario
			}
		}
		if runs == 0 {
			return "", unknown
		}
		return fmt.Sprintf("%d errors; highest p99 %s (%s)", errs, fmtMs(worst), which), yes(errs == 0 && worst <= 150)
	}},
	{"New contact, 8 workers: p99 ≤ 25 ms", p99Target("contact", 8, 25, 0)},
	{"Caseload of 60 families, JSON: p50 ≤ 3 ms", p50Target("caseload-api", 3)},
	{"Caseload of 60 families, page: p50 ≤ 8 ms", p50Target("caseload", 8)},
	{"Dashboard of 60 families (signals, tasks, admitted): p50 ≤ 10 ms", p50Target("dashboard", 10)},
	{"Dashboard after a new contact in one family: p50 ≤ 10 ms", p50Target("dashboard-changed", 10)},
	{"audit-verify over 20 million records ≤ 60 s", func(rs []Result) (string, string) {
		r := findStep(rs, "audit-verify, before the load")
		if r == nil {
			return "", unknown
		}
		n := auditRecords(r.Detail)
		m := fmt.Sprintf("%.1f s for %d records", r.WallSeconds, n)
		if r.Failed {
			return m + ": FAILED", notMet
		}
		if n < 20_000_000 {
			return m, notScale
		}
		return m, yes(r.WallSeconds <= 60)
	}},
	{"audit-verify from a checkpoint ≤ 1 s", func(rs []Result) (string, string) {
		r := findStep(rs, "audit-verify from a checkpoint")
		if r == nil {
			return "not in this run", unknown
		}
		return fmt.Sprintf("%.2f s", r.WallSeconds), yes(!r.Failed && r.WallSeconds <= 1)
	}},
	{"Server RSS under load ≤ 150 MB (every scenario but login)", func(rs []Result) (string, string) {
		peak, login := 0.0, 0.0
		var which string
		for _, r := range rs {
			switch {
			case r.Kind != "scenario":
			case r.Scenario == "login":
				login = max(login, r.PeakRSSMB)
			case r.PeakRSSMB > peak:
				peak, which = r.PeakRSSMB, fmt.Sprintf("%s, %d workers", r.Scenario, r.Concurrency)
			}
		}
		if peak == 0 {
			return "", unknown
		}
		m := fmt.Sprintf("peak %.0f MiB (%s; it may hold memory of the runs before)", peak, which)
		if login > 0 {
			m += fmt.Sprintf("; logins: %.0f MiB", login)
		}
		return m, yes(peak*1.048576 <= 150)
	}},
	{"spil serve ready ≤ 1 s on the national database", func(rs []Result) (string, string) {
		r := findStep(rs, "serve ready")
		if r == nil {
			return "", unknown
		}
		return r.Detail, yes(r.WallSeconds <= 1)
	}},
}

// targetTable prints the targets with what db measured.
func targetTable(w io.Writer, all []Result, db string, scale float64) {
	var rs []Result
	for _, r := range all {
		if r.DB == db {
			rs = append(rs, r)
		}
	}
	fmt.Fprintf(w, "Targets (%s):", db)
	if scale != 1 {
		fmt.Fprintf(w, " these figures are for the national shape at scale %g; the targets are for scale 1.", scale)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Target | Measured | Outcome |")
	fmt.Fprintln(w, "| --- | --- | --- |")
	for _, t := range targets {
		m, ok := t.check(rs)
		fmt.Fprintf(w, "| %s | %s | %s |\n", t.name, mdEscape(m), ok)
	}
	fmt.Fprintln(w)
}

func statusList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func fmtBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d B", n)
	}
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
