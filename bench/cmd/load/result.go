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

// Result is one line of the results file: a scenario run, the one full
// login, or a timed step such as the demo data or audit-verify.
type Result struct {
	Kind        string  `json:"kind"` // scenario, login or step
	DB          string  `json:"db"`
	Scenario    string  `json:"scenario"`
	Route       string  `json:"route"`
	Planned     int     `json:"planned,omitempty"`
	Concurrency int     `json:"concurrency,omitempty"`
	Completed   int     `json:"completed,omitempty"` // answers received, good or bad
	Errors      int     `json:"errors,omitempty"`    // unexpected answers and failed requests
	Cut         int     `json:"cut,omitempty"`       // not sent or cut off by the time cap
	Capped      bool    `json:"capped,omitempty"`    // the time cap ended the run
	CapSeconds  float64 `json:"cap_seconds,omitempty"`
	WallSeconds float64 `json:"wall_seconds,omitempty"`
	Throughput  float64 `json:"throughput,omitempty"` // answers per second
	P50ms       float64 `json:"p50_ms,omitempty"`
	P90ms       float64 `json:"p90_ms,omitempty"`
	P99ms       float64 `json:"p99_ms,omitempty"`
	MaxMs       float64 `json:"max_ms,omitempty"`
	MeanBytes   int64   `json:"mean_bytes,omitempty"`
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

func summarise(sc *scenario, n, c int, maxDur, wall time.Duration, all []sample, capped bool) Result {
	r := Result{
		Kind: "scenario", Scenario: sc.name, Route: sc.route, Planned: n, Concurrency: c,
		Capped: capped, CapSeconds: maxDur.Seconds(), WallSeconds: math.Round(wall.Seconds()*100) / 100,
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
	r.Cut += n - len(all) // never sent
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
	s := fmt.Sprintf("%-13s %-30s n=%d c=%d: %d answers in %.1fs, %.1f/s, p50 %s p90 %s p99 %s max %s, %d errors",
		r.Scenario, r.Route, r.Planned, r.Concurrency, r.Completed, r.WallSeconds, r.Throughput,
		fmtMs(r.P50ms), fmtMs(r.P90ms), fmtMs(r.P99ms), fmtMs(r.MaxMs), r.Errors)
	if r.Cut > 0 {
		s += fmt.Sprintf(", %d cut by the %gs cap", r.Cut, r.CapSeconds)
	}
	s += fmt.Sprintf("; cores busy: spil %.1f, database %.1f, client %.1f, other %.1f", r.CPUServer, r.CPUDB, r.CPUClient, r.CPURest)
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

func cmdReport(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("load report", flag.ContinueOnError)
	results := fs.String("results", "", "results file (JSON lines)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	f, err := os.Open(*results)
	if err != nil {
		return err
	}
	defer f.Close()
	var all []Result
	var dbs []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("%s: %w", *results, err)
		}
		all = append(all, r)
		if !slices.Contains(dbs, r.DB) {
			dbs = append(dbs, r.DB)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	for _, db := range dbs {
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
				fmt.Fprintf(w, "| %s | %s | %s |\n", r.Route, fmtMs(r.P50ms), r.Detail)
			}
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| Scenario | Route | Requests | Conc. | Throughput | p50 | p90 | p99 | max | Errors | Mean size | Cores: spil / db / client / other |")
		fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
		for _, r := range all {
			if r.DB != db || r.Kind != "scenario" {
				continue
			}
			reqs := strconv.Itoa(r.Completed)
			if r.Completed != r.Planned {
				reqs = fmt.Sprintf("%d of %d (cap %gs)", r.Completed, r.Planned, r.CapSeconds)
			}
			errs := strconv.Itoa(r.Errors)
			if r.Errors > 0 {
				errs += " (" + statusList(r.Statuses) + ")"
			}
			fmt.Fprintf(w, "| %s | `%s` | %s | %d | %.1f/s | %s | %s | %s | %s | %s | %s | %.1f / %.1f / %.1f / %.1f |\n",
				r.Scenario, r.Route, reqs, r.Concurrency, r.Throughput,
				fmtMs(r.P50ms), fmtMs(r.P90ms), fmtMs(r.P99ms), fmtMs(r.MaxMs), errs, fmtBytes(r.MeanBytes),
				r.CPUServer, r.CPUDB, r.CPUClient, r.CPURest)
		}
		fmt.Fprintln(w)
	}
	return nil
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
