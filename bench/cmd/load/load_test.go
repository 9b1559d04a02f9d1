package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRunScenarioWorkersAreUsers checks that each worker sends the cookie
// of its own user and visits that user's families only, that workers take
// the users in turn when there are more workers, and that -n bounds the run.
func TestRunScenarioWorkersAreUsers(t *testing.T) {
	st := State{CookieName: "spil", Users: []User{
		{Email: "a@x", Cookie: "ca", FamilyIDs: []int64{1, 2}},
		{Email: "b@x", Cookie: "cb", FamilyIDs: []int64{3}},
		{Email: "c@x", Cookie: "cc", FamilyIDs: []int64{4, 5, 6}},
	}}
	own := map[string]map[string]bool{
		"ca": {"/families/1": true, "/families/2": true},
		"cb": {"/families/3": true},
		"cc": {"/families/4": true, "/families/5": true, "/families/6": true},
	}
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie("spil")
		if err != nil || !own[c.Value][r.URL.Path] {
			http.Error(w, "not yours", http.StatusNotFound)
			return
		}
		mu.Lock()
		seen[c.Value]++
		mu.Unlock()
		w.Write([]byte("file"))
	}))
	defer srv.Close()

	sc, err := findScenario("family")
	if err != nil {
		t.Fatal(err)
	}
	r := runScenario(&runEnv{base: srv.URL}, sc, st, 60, 5, 0, time.Minute, 1, os.Getpid())
	if r.Completed != 60 || r.Errors != 0 || r.Cut != 0 {
		t.Fatalf("%d answers, %d errors, %d cut (first error %q); want 60 good ones", r.Completed, r.Errors, r.Cut, r.FirstError)
	}
	if len(seen) != 3 {
		t.Errorf("requests came from sessions %v, want all three users", seen)
	}
	if r.Accounts != 3 || r.CaseloadMax != 3 || r.CaseloadMean != 2 {
		t.Errorf("accounts %d, caseload mean %g, max %d; want 3, 2, 3", r.Accounts, r.CaseloadMean, r.CaseloadMax)
	}
	if r.PeakRSSMB <= 0 || r.StartRSSMB <= 0 {
		t.Errorf("resident memory of this process: start %g, peak %g MiB", r.StartRSSMB, r.PeakRSSMB)
	}
}

// TestRunScenarioDuration checks that a run by time stops starting
// requests when its time is up, and lets the ones in flight finish.
func TestRunScenarioDuration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(30 * time.Millisecond)
		w.Write([]byte("Hello, world!\n"))
	}))
	defer srv.Close()
	sc, _ := findScenario("hello")
	start := time.Now()
	r := runScenario(&runEnv{base: srv.URL}, sc, State{}, 0, 4, 200*time.Millisecond, time.Minute, 1, 0)
	if took := time.Since(start); took > time.Second {
		t.Errorf("a run of 200 ms took %s", took)
	}
	if r.Completed < 8 || r.Completed > 40 || r.Errors != 0 || r.Cut != 0 {
		t.Errorf("%d answers, %d errors, %d cut; want 4 workers × about 7 answers, all good", r.Completed, r.Errors, r.Cut)
	}
	if r.P50ms < 30 {
		t.Errorf("p50 %g ms, below the server's 30 ms", r.P50ms)
	}
}

func TestReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.jsonl")
	for _, r := range []Result{
		{Kind: "scenario", DB: ceilingDB, Scenario: "hello", Concurrency: 8, Completed: 1000, Throughput: 20000},
		{Kind: "step", DB: "sqlite", Scenario: "audit-verify, before the load", WallSeconds: 42,
			Detail: "The audit trail is intact: 20000000 records, each chained to the one before."},
		{Kind: "step", DB: "sqlite", Scenario: "serve ready", WallSeconds: 1.5, Detail: "ready after 1.5s"},
		{Kind: "scenario", DB: "sqlite", Scenario: "family", Concurrency: 8, Completed: 500, Throughput: 1000, P99ms: 19},
		{Kind: "scenario", DB: "sqlite", Scenario: "family-api", Concurrency: 8, Completed: 500, Throughput: 1000, P99ms: 12},
		{Kind: "scenario", DB: "sqlite", Scenario: "contact", Concurrency: 64, Completed: 500, Throughput: 300, P99ms: 90, Errors: 2},
		{Kind: "scenario", DB: "sqlite", Scenario: "caseload-api", Concurrency: 1, Completed: 500, Throughput: 400, P50ms: 2.5, CaseloadMax: 60},
		{Kind: "scenario", DB: "sqlite", Scenario: "family", Concurrency: 1, Completed: 100, Throughput: 100, PeakRSSMB: 140},
		{Kind: "scenario", DB: "sqlite", Scenario: "login", Concurrency: 8, Completed: 10, Throughput: 40, PeakRSSMB: 500},
	} {
		if err := appendResult(path, r); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := cmdReport([]string{"--results", path}, &out); err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{} // by the first cell, and by the first three
	for line := range strings.Lines(out.String()) {
		if cells := strings.Split(line, " | "); len(cells) >= 3 {
			rows[cells[0]] = line
			rows[strings.Join(cells[:3], " | ")] = line
		}
	}
	for start, want := range map[string][]string{
		"| family | `` | 8":                                                {"| 5.0 % |"}, // 1,000 of the ceiling's 20,000/s at 8 workers
		"| Family page, 8 workers: p99 ≤ 20 ms":                            {"| met |"},
		"| Family JSON, 8 workers: p99 ≤ 20 ms and ≥ 1,500 req/s":          {"not met"},
		"| 64 workers: no errors, p99 ≤ 150 ms (every scenario but login)": {"2 errors", "not met"},
		"| Caseload of 60 families, JSON: p50 ≤ 3 ms":                      {"a caseload of 60 families", "| met |"},
		"| Caseload of 60 families, page: p50 ≤ 8 ms":                      {"| not measured |"},
		"| audit-verify over 20 million records ≤ 60 s":                    {"42.0 s for 20000000 records", "| met |"},
		"| Server RSS under load ≤ 150 MB (every scenario but login)":      {"peak 140 MiB", "logins: 500 MiB", "| met |"},
		"| spil serve ready ≤ 1 s on the national database":                {"not met"},
	} {
		row, ok := rows[start]
		if !ok {
			t.Errorf("no row %q in\n%s", start, out.String())
			continue
		}
		for _, w := range want {
			if !strings.Contains(row, w) {
				t.Errorf("row %q lacks %q", strings.TrimSpace(row), w)
			}
		}
	}
}
