// Command crash kills Spil mid-way, again and again, and checks that
// nothing it acknowledged is lost and that what it leaves is whole. It is
// not part of 'go test': scripts/crash builds it and runs it on SQLite and
// PostgreSQL (docs/operations.md has the figures of its last run).
//
// Three scenarios, each a number of rounds:
//
//	serve    spil serve with writers posting contacts, tasks and task
//	         completions through the JSON API, killed with SIGKILL at a
//	         random moment (one round in ten before it is ready). After
//	         every kill: SQLite's PRAGMA integrity_check, every write the
//	         server ever acknowledged looked up in the database (the
//	         contact's topics, the task's title, the completion's note),
//	         and spil audit-verify; then the next round starts the server
//	         on what the kill left.
//	backup   spil backup of a database that a running server writes to,
//	         killed at a random moment: under the backup's name there is
//	         nothing or a whole, checked copy, and the same name works
//	         again.
//	restore  spil restore over an older database, killed at a random
//	         moment: the database is the old one or the new one, whole;
//	         spil serve either starts on it or refuses, naming the
//	         unfinished restore; a second restore finishes the job.
//
//	crash --spil BIN --dir DIR --scenario serve|backup|restore --rounds N [--db URL] [--out FILE]
//
// SIGKILL ends the Spil process, not the machine: what this proves is that
// Spil acknowledges a write only once its database has it, and that its
// files are never left half-made. Whether the disk keeps what was synced
// through a power cut is the disk's and the operating system's promise.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Report is the outcome of one scenario, written as one JSON line.
type Report struct {
	Scenario string `json:"scenario"`
	Database string `json:"database"` // sqlite, or postgres
	Rounds   int    `json:"rounds"`
	// KilledEarly counts serve rounds killed before the server was ready;
	// KilledMidway counts backup and restore rounds killed before the
	// command had finished.
	KilledEarly  int `json:"killed_early,omitempty"`
	KilledMidway int `json:"killed_midway,omitempty"`
	// Acknowledged counts the writes the server acknowledged (201 or 204),
	// each checked after every later kill; Checks counts those look-ups.
	Acknowledged int `json:"acknowledged,omitempty"`
	Checks       int `json:"checks,omitempty"`
	// ServerErrors counts answers of 500 and above to the writers; Refused
	// counts serve starts that refused an unfinished restore.
	ServerErrors int `json:"server_errors"`
	Refused      int `json:"refused,omitempty"`
	Leftovers    int `json:"leftovers,omitempty"`
	// Outcomes counts what the kills left, by kind.
	Outcomes map[string]int `json:"outcomes,omitempty"`
	Failures []string       `json:"failures"`
	Seconds  float64        `json:"seconds"`
	Note     string         `json:"note,omitempty"`
}

func main() {
	spil := flag.String("spil", "", "the spil binary (required)")
	dir := flag.String("dir", "", "a directory to work in (required); SQLite files and logs go here")
	scenario := flag.String("scenario", "serve", "serve, backup or restore")
	rounds := flag.Int("rounds", 10, "how many kills")
	dsn := flag.String("db", "", "a postgres:// URL to run the serve scenario on PostgreSQL; empty: SQLite in --dir")
	writers := flag.Int("writers", 8, "concurrent writers (serve and backup)")
	families := flag.Int("families", 1500, "families of the database that backup and restore copy")
	seed := flag.Uint64("seed", uint64(time.Now().UnixNano()), "seed of the random kill times")
	out := flag.String("out", "", "append the report as a JSON line to this file")
	flag.Parse()
	if *spil == "" || *dir == "" || *rounds < 1 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	abs, err := filepath.Abs(*spil)
	if err != nil {
		fatal(err)
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		fatal(err)
	}
	r := &runner{spil: abs, dir: *dir, dsn: *dsn, writers: *writers, families: *families,
		rng: rand.New(rand.NewPCG(*seed, *seed>>1|1)), log: os.Stderr}
	ctx := context.Background()
	start := time.Now()
	var rep *Report
	switch *scenario {
	case "serve":
		rep, err = r.serveScenario(ctx, *rounds)
	case "backup":
		rep, err = r.backupScenario(ctx, *rounds)
	case "restore":
		rep, err = r.restoreScenario(ctx, *rounds)
	default:
		err = fmt.Errorf("unknown scenario %q", *scenario)
	}
	if err != nil {
		fatal(err)
	}
	rep.Seconds = time.Since(start).Seconds()
	if rep.Failures == nil {
		rep.Failures = []string{}
	}
	fmt.Println(summary(rep))
	if *out != "" {
		b, _ := json.Marshal(rep)
		f, err := os.OpenFile(*out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			fatal(err)
		}
		fmt.Fprintln(f, string(b))
		f.Close()
	}
	if len(rep.Failures) > 0 {
		os.Exit(1)
	}
}

func summary(r *Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s on %s: %d rounds in %s", r.Scenario, r.Database, r.Rounds, (time.Duration(r.Seconds) * time.Second).String())
	if r.KilledEarly > 0 {
		fmt.Fprintf(&b, ", %d killed before ready", r.KilledEarly)
	}
	if r.KilledMidway > 0 || r.Scenario != "serve" {
		fmt.Fprintf(&b, ", %d killed before the command finished", r.KilledMidway)
	}
	if r.Acknowledged > 0 {
		fmt.Fprintf(&b, "; %d acknowledged writes, %d look-ups", r.Acknowledged, r.Checks)
	}
	if r.Refused > 0 {
		fmt.Fprintf(&b, "; serve refused %d unfinished restores", r.Refused)
	}
	if r.Leftovers > 0 {
		fmt.Fprintf(&b, "; %d leftover temporary files", r.Leftovers)
	}
	if len(r.Outcomes) > 0 {
		keys := make([]string, 0, len(r.Outcomes))
		for k := range r.Outcomes {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteString("; left:")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, " %s %d", k, r.Outcomes[k])
		}
	}
	fmt.Fprintf(&b, "; %d server errors; %d failures", r.ServerErrors, len(r.Failures))
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "\n  FAILURE: %s", f)
	}
	return b.String()
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "crash:", err)
	os.Exit(1)
}

// machine is a line about where the test ran.
func machine() string {
	return fmt.Sprintf("%d cores, %s/%s, %s", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}
