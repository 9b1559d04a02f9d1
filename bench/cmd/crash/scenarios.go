package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// writeLoad runs the writers against base until stop is called.
func (r *runner) writeLoad(base string, round int) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := range r.writers {
		seed := r.rng.Uint64()
		wg.Go(func() { r.write(ctx, base, w, round, seed) })
	}
	return func() { cancel(); wg.Wait() }
}

// serveScenario kills spil serve under writes, rounds times, and checks
// after every kill.
func (r *runner) serveScenario(ctx context.Context, rounds int) (*Report, error) {
	rep := &Report{Scenario: "serve", Database: r.dbName(), Note: machine()}
	if err := r.prepare(ctx, 20); err != nil {
		return nil, err
	}
	for round := 1; round <= rounds; round++ {
		srv, err := r.startServe(r.db())
		if err != nil {
			return nil, err
		}
		if r.rng.IntN(10) == 0 && r.cookie != nil {
			// Killed while it starts: opening, checking, migrating.
			time.Sleep(time.Duration(r.rng.IntN(300)) * time.Millisecond)
			srv.kill()
			rep.KilledEarly++
		} else {
			exited, err := srv.waitReady(60 * time.Second)
			if exited != nil || err != nil {
				srv.kill()
				rep.Failures = append(rep.Failures, fmt.Sprintf("round %d: serve did not start after the last kill: %v %v\n%s", round, exited, err, srv.stderr))
				break
			}
			if r.cookie == nil {
				if err := r.login(ctx, srv.base); err != nil {
					srv.kill()
					return nil, err
				}
			}
			stop := r.writeLoad(srv.base, round)
			time.Sleep(time.Duration(200+r.rng.IntN(1800)) * time.Millisecond)
			srv.kill()
			stop()
		}
		rep.Rounds++
		if f := r.afterKill(ctx, round, rep); f != "" {
			rep.Failures = append(rep.Failures, f)
		}
		if round%20 == 0 {
			fmt.Fprintf(r.log, "crash: serve on %s: %d rounds, %d acknowledged writes, %d failures\n", rep.Database, round, r.acks.n, len(rep.Failures))
		}
	}
	// A last full walk of the audit trail, not only from the checkpoint.
	if err := r.auditVerify(ctx, r.db(), "--full"); err != nil {
		rep.Failures = append(rep.Failures, "at the end: "+err.Error())
	}
	rep.Acknowledged, rep.ServerErrors = r.acks.n, r.acks.errors
	return rep, nil
}

// afterKill checks the database a kill left: whole, holding every
// acknowledged write, with an intact audit trail.
func (r *runner) afterKill(ctx context.Context, round int, rep *Report) string {
	if err := integrity(ctx, r.db()); err != nil {
		return fmt.Sprintf("round %d: %v", round, err)
	}
	n, lost, err := r.checkAcks(ctx)
	if err != nil {
		return fmt.Sprintf("round %d: %v", round, err)
	}
	rep.Checks += n
	if len(lost) > 0 {
		return fmt.Sprintf("round %d: %d acknowledged writes lost, the first: %s", round, len(lost), lost[0])
	}
	if err := r.auditVerify(ctx, r.db()); err != nil {
		return fmt.Sprintf("round %d: %v", round, err)
	}
	return ""
}

// killAfter runs spil with args and kills it after d, unless it ends
// first: killed says whether the kill ended it, and err is set when it
// ended by itself with an error.
func (r *runner) killAfter(d time.Duration, args ...string) (killed bool, err error) {
	cmd := exec.Command(r.spil, append(args, "--log-level", "warn")...)
	var out safeBuilder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return false, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var werr error
	select {
	case werr = <-done:
	case <-time.After(d):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		werr = <-done
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return true, nil
	}
	if werr != nil {
		return false, fmt.Errorf("spil %s: %w\n%s", strings.Join(args, " "), werr, out.String())
	}
	return false, nil
}

// safeBuilder is a strings.Builder for a child's output.
type safeBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *safeBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// timed runs spil with args to the end and returns how long it took.
func (r *runner) timed(ctx context.Context, args ...string) (time.Duration, error) {
	start := time.Now()
	_, err := r.run(ctx, args...)
	return time.Since(start), err
}

// backupScenario kills spil backup of a database that a running server
// writes to, rounds times.
func (r *runner) backupScenario(ctx context.Context, rounds int) (*Report, error) {
	rep := &Report{Scenario: "backup", Database: "sqlite", Note: machine()}
	if err := r.prepare(ctx, r.families); err != nil {
		return nil, err
	}
	srv, err := r.startServe(r.db())
	if err != nil {
		return nil, err
	}
	if exited, err := srv.waitReady(60 * time.Second); exited != nil || err != nil {
		srv.kill()
		return nil, fmt.Errorf("serve: %v %v\n%s", exited, err, srv.stderr)
	}
	if err := r.login(ctx, srv.base); err != nil {
		srv.kill()
		return nil, err
	}
	// Two writers: what matters is that the database changes while it is
	// copied, not that it grows fast, which would make every backup longer
	// than the last.
	r.writers = min(r.writers, 2)
	stop := r.writeLoad(srv.base, 0)
	backups := filepath.Join(r.dir, "backups")
	if err := os.MkdirAll(backups, 0o700); err != nil {
		return nil, err
	}
	// How long a whole backup takes, under the writes: at first the
	// shortest of three, then the last whole backup of a round. The kills
	// fall anywhere from the start to half as long again.
	var full time.Duration
	for i := range 3 {
		took, err := r.timed(ctx, "backup", "--db", r.db(), filepath.Join(backups, fmt.Sprintf("timed-%d.db", i)))
		if err != nil {
			stop()
			srv.kill()
			return nil, err
		}
		if i == 0 || took < full {
			full = took
		}
	}
	fmt.Fprintf(r.log, "crash: a whole backup takes %s\n", full.Round(time.Millisecond))
	for round := 1; round <= rounds; round++ {
		name := filepath.Join(backups, fmt.Sprintf("spil-%03d.db", round))
		d := time.Duration(r.rng.Int64N(int64(full) * 3 / 2))
		killed, err := r.killAfter(d, "backup", "--db", r.db(), name)
		rep.Rounds++
		if killed {
			rep.KilledMidway++
		}
		if err != nil {
			rep.Failures = append(rep.Failures, fmt.Sprintf("round %d: %v", round, err))
		}
		if r.backupTook > 0 {
			full = r.backupTook
		}
		if f := r.checkBackup(ctx, name, rep); f != "" {
			rep.Failures = append(rep.Failures, fmt.Sprintf("round %d (killed after %s): %s", round, d.Round(time.Millisecond), f))
		}
		os.Remove(name)
	}
	stop()
	if err := srv.stop(); err != nil {
		rep.Failures = append(rep.Failures, fmt.Sprintf("serve after the backups: %v\n%s", err, srv.stderr))
	}
	rep.Acknowledged, rep.ServerErrors = r.acks.n, r.acks.errors
	if f := r.afterKill(ctx, rounds, rep); f != "" {
		rep.Failures = append(rep.Failures, "after the backups: "+f)
	}
	return rep, nil
}

// checkBackup checks what a killed backup left under name: nothing, or a
// whole copy; then backs up under the same name again.
func (r *runner) checkBackup(ctx context.Context, name string, rep *Report) string {
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".partial-*"))
	rep.Leftovers += len(left)
	for _, l := range left {
		os.Remove(l)
	}
	if rep.Outcomes == nil {
		rep.Outcomes = map[string]int{}
	}
	if _, err := os.Stat(name); err == nil {
		rep.Outcomes["a whole backup"]++
		if err := r.wholeBackup(ctx, name); err != nil {
			return "the backup's name holds a file that is not a whole backup: " + err.Error()
		}
		if out, err := r.run(ctx, "backup", "--db", r.db(), name); err == nil || !strings.Contains(out, "exists already") {
			return "a second backup onto a finished one did not refuse: " + out
		}
		return ""
	}
	rep.Outcomes["no file under the backup's name"]++
	start := time.Now()
	if out, err := r.run(ctx, "backup", "--db", r.db(), name); err != nil {
		return "a second backup with the same name failed: " + out
	}
	r.backupTook = time.Since(start)
	if err := r.wholeBackup(ctx, name); err != nil {
		return "the second backup is not whole: " + err.Error()
	}
	return ""
}

// wholeBackup checks that the file at name is a whole backup as it is,
// without SQLite's help: no rollback journal beside it (which opening it
// would play back), read-only it passes the integrity check, and it holds
// every family of the database.
func (r *runner) wholeBackup(ctx context.Context, name string) error {
	for _, side := range []string{"-journal", "-wal"} {
		if _, err := os.Stat(name + side); err == nil {
			return fmt.Errorf("%s lies beside it", filepath.Base(name+side))
		}
	}
	d, err := sql.Open("sqlite", "file:"+url.PathEscape(name)+"?mode=ro")
	if err != nil {
		return err
	}
	defer d.Close()
	var check string
	if err := d.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return fmt.Errorf("integrity_check: %q, %v", check, err)
	}
	var n int
	if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM families`).Scan(&n); err != nil || n != r.families {
		return fmt.Errorf("%d families (%v), want %d", n, err, r.families)
	}
	return nil
}

// restoreScenario kills spil restore of a backup over an older database,
// rounds times.
func (r *runner) restoreScenario(ctx context.Context, rounds int) (*Report, error) {
	rep := &Report{Scenario: "restore", Database: "sqlite", Note: machine()}
	if err := r.prepare(ctx, r.families); err != nil {
		return nil, err
	}
	// The backup is the new state; the old one has one organisation more,
	// made after the backup.
	backup := filepath.Join(r.dir, "backup.db")
	if _, err := r.run(ctx, "backup", "--db", r.db(), backup); err != nil {
		return nil, err
	}
	d, err := openSQL(r.db())
	if err != nil {
		return nil, err
	}
	if _, err := d.ExecContext(ctx, `INSERT INTO organisations (name, created_at) VALUES ('crash: the old database', CURRENT_TIMESTAMP)`); err != nil {
		return nil, err
	}
	d.Close()
	old := filepath.Join(r.dir, "old.db")
	if err := os.Rename(r.db(), old); err != nil {
		return nil, err
	}
	work := filepath.Join(r.dir, "work")
	db := filepath.Join(work, "spil.db")
	reset := func() error {
		if err := os.RemoveAll(work); err != nil {
			return err
		}
		if err := os.MkdirAll(work, 0o700); err != nil {
			return err
		}
		b, err := os.ReadFile(old)
		if err != nil {
			return err
		}
		return os.WriteFile(db, b, 0o600)
	}
	if err := reset(); err != nil {
		return nil, err
	}
	// How long a whole restore takes: the shortest of three. The kills
	// fall anywhere from the start to half as long again.
	var full time.Duration
	for i := range 3 {
		if err := reset(); err != nil {
			return nil, err
		}
		took, err := r.timed(ctx, "restore", "--db", db, backup)
		if err != nil {
			return nil, err
		}
		if i == 0 || took < full {
			full = took
		}
	}
	fmt.Fprintf(r.log, "crash: a whole restore takes %s\n", full.Round(time.Millisecond))
	for round := 1; round <= rounds; round++ {
		if err := reset(); err != nil {
			return nil, err
		}
		delay := time.Duration(r.rng.Int64N(int64(full) * 3 / 2))
		killed, err := r.killAfter(delay, "restore", "--db", db, backup)
		rep.Rounds++
		if killed {
			rep.KilledMidway++
		}
		if err != nil {
			rep.Failures = append(rep.Failures, fmt.Sprintf("round %d: %v", round, err))
		}
		if f := r.checkRestore(ctx, db, backup, rep); f != "" {
			rep.Failures = append(rep.Failures, fmt.Sprintf("round %d (killed after %s): %s", round, delay.Round(time.Millisecond), f))
		}
		if round%20 == 0 {
			fmt.Fprintf(r.log, "crash: restore: %d rounds, %d failures\n", round, len(rep.Failures))
		}
	}
	return rep, nil
}

// state says whether db is the old database or the restored one.
func state(ctx context.Context, db string) (string, error) {
	d, err := openSQL(db)
	if err != nil {
		return "", err
	}
	defer d.Close()
	var n int
	if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations WHERE name = 'crash: the old database'`).Scan(&n); err != nil {
		return "", err
	}
	if n == 1 {
		return "old", nil
	}
	return "new", nil
}

// checkRestore checks what a killed restore left: the old database or the
// new one, whole; a server that starts on it or refuses it, naming the
// unfinished restore; and a second restore that finishes the job.
func (r *runner) checkRestore(ctx context.Context, db, backup string, rep *Report) string {
	if err := integrity(ctx, db); err != nil {
		return err.Error()
	}
	st, err := state(ctx, db)
	if err != nil {
		return err.Error()
	}
	_, err = os.Stat(db + ".restoring")
	leftover := err == nil
	if rep.Outcomes == nil {
		rep.Outcomes = map[string]int{}
	}
	switch {
	case st == "new":
		rep.Outcomes["the new database"]++
	case leftover:
		rep.Outcomes["the old database and the unfinished copy"]++
	default:
		rep.Outcomes["the old database"]++
	}
	if leftover {
		rep.Leftovers++
		if st != "old" {
			return "the leftover of the restore is there, but the database is the new one"
		}
	}
	srv, err := r.startServe(db)
	if err != nil {
		return err.Error()
	}
	exited, err := srv.waitReady(60 * time.Second)
	switch {
	case err != nil:
		srv.kill()
		return "serve neither started nor refused: " + err.Error()
	case exited != nil:
		if !leftover || !strings.Contains(srv.stderr.String(), "did not finish") {
			return fmt.Sprintf("serve refused to start (leftover %v): %s", leftover, srv.stderr)
		}
		rep.Refused++
	default:
		if leftover {
			srv.kill()
			return "serve started beside the leftover of an unfinished restore"
		}
		if err := srv.stop(); err != nil {
			return "serve did not stop: " + err.Error()
		}
	}
	if st == "old" {
		if out, err := r.run(ctx, "restore", "--db", db, backup); err != nil {
			return "the second restore failed: " + out
		}
		if st, err := state(ctx, db); err != nil || st != "new" {
			return fmt.Sprintf("after the second restore the database is %s (%v)", st, err)
		}
		if _, err := os.Stat(db + ".restoring"); err == nil {
			return "the second restore left its leftover"
		}
	}
	if err := integrity(ctx, db); err != nil {
		return err.Error()
	}
	if err := r.auditVerify(ctx, db); err != nil {
		return err.Error()
	}
	return ""
}
