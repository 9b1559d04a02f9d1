package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	_ "modernc.org/sqlite" // SQLite driver "sqlite"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// runner holds what every round shares.
type runner struct {
	spil     string
	dir      string
	dsn      string // PostgreSQL URL, or "" for SQLite in dir
	writers  int
	families int
	rng      *rand.Rand
	log      io.Writer

	password, secret string
	cookie           *http.Cookie
	familyIDs        []int64
	acks             *acks
	backupTook       time.Duration // the last whole backup of a round
}

// The load-test case manager of 'spil demo --families': an ordinary
// account, given a password and a TOTP secret here.
const loadEmail = "loadtest@demo.spil.test"

// db is the --db value of the database the server runs on.
func (r *runner) db() string {
	if r.dsn != "" {
		return r.dsn
	}
	return filepath.Join(r.dir, "spil.db")
}

func (r *runner) dbName() string {
	if r.dsn != "" {
		return "postgres"
	}
	return "sqlite"
}

// run runs spil with args and returns its output; an exit other than 0 is
// an error holding the output.
func (r *runner) run(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, r.spil, append(args, "--log-level", "warn")...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("spil %s: %w\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String(), nil
}

// prepare makes a database with families for the load-test case manager
// and gives that account a known password and TOTP secret.
func (r *runner) prepare(ctx context.Context, families int) error {
	if r.dsn != "" {
		if _, err := r.run(ctx, "migrate", "--db", r.db()); err != nil {
			return err
		}
	}
	if _, err := r.run(ctx, "demo", "--families", strconv.Itoa(families), "--db", r.db()); err != nil {
		return err
	}
	s, err := store.Open(ctx, r.db(), store.MustExist())
	if err != nil {
		return err
	}
	defer s.Close()
	acc, err := s.AccountByEmail(ctx, loadEmail)
	if err != nil {
		return err
	}
	r.password = auth.RandomPassword()
	hash, err := auth.HashPassword(r.password, auth.TestParams)
	if err != nil {
		return err
	}
	e, err := auth.NewEnrolment("Spil", loadEmail)
	if err != nil {
		return err
	}
	r.secret = e.Secret
	r.acks = &acks{}
	return s.SetLoadCredentials(ctx, []int64{acc.ID}, hash, r.secret)
}

// server is a running spil serve.
type server struct {
	cmd    *exec.Cmd
	base   string
	stderr *bytes.Buffer
	done   chan error
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// startServe starts spil serve on db with extra flags.
func (r *runner) startServe(db string, extra ...string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	args := append([]string{"serve", "--db", db, "--addr", addr, "--idle-timeout", "12h", "--log-level", "warn"}, extra...)
	cmd := exec.Command(r.spil, args...)
	s := &server{cmd: cmd, base: "http://" + addr, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = io.Discard, &syncWriter{w: s.stderr}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { s.done <- cmd.Wait() }()
	return s, nil
}

// syncWriter lets the process write while the runner reads.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}

// waitReady waits until /readyz answers 200; exited says the server
// ended first, with its error.
func (s *server) waitReady(timeout time.Duration) (exited error, err error) {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			if err == nil {
				err = errors.New("exit status 0")
			}
			s.done <- err
			return err, nil
		default:
		}
		resp, err := client.Get(s.base + "/readyz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil, nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil, fmt.Errorf("%s/readyz did not answer 200 within %s", s.base, timeout)
}

// kill ends the server with SIGKILL and waits for it.
func (s *server) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// stop ends the server with SIGTERM, as an operator does, and returns
// its exit error.
func (s *server) stop() error {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		return err
	case <-time.After(30 * time.Second):
		s.kill()
		return errors.New("did not stop within 30 s of SIGTERM")
	}
}

func newClient() *http.Client {
	return &http.Client{
		Transport:     &http.Transport{MaxIdleConnsPerHost: 64},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
	}
}

// login logs the load-test case manager in with password and TOTP code
// and reads the ids of its families. The session lives in the database,
// so it outlasts every kill.
func (r *runner) login(ctx context.Context, base string) error {
	client := newClient()
	post := func(path string, form url.Values, c *http.Cookie) (*http.Response, error) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		if c != nil {
			req.AddCookie(c)
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp, nil
	}
	resp, err := post("/login", url.Values{"email": {loadEmail}, "password": {r.password}}, nil)
	if err != nil {
		return err
	}
	half := cookieOf(resp)
	if resp.StatusCode != http.StatusSeeOther || half == nil {
		return fmt.Errorf("POST /login answered %d", resp.StatusCode)
	}
	code, err := totp.GenerateCodeCustom(r.secret, time.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return err
	}
	resp, err = post("/login/code", url.Values{"code": {code}}, half)
	if err != nil {
		return err
	}
	if r.cookie = cookieOf(resp); resp.StatusCode != http.StatusSeeOther || r.cookie == nil {
		return fmt.Errorf("POST /login/code answered %d", resp.StatusCode)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/families", nil)
	req.AddCookie(r.cookie)
	resp, err = client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var list struct {
		Families []struct {
			ID int64 `json:"id"`
		} `json:"families"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || len(list.Families) == 0 {
		return fmt.Errorf("GET /api/v1/families: %d families, %v", len(list.Families), err)
	}
	for _, f := range list.Families {
		r.familyIDs = append(r.familyIDs, f.ID)
	}
	return nil
}

func cookieOf(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == "spil" && c.Value != "" {
			return c
		}
	}
	return nil
}

// acks are the writes the server acknowledged, in every round so far.
type acks struct {
	mu       sync.Mutex
	contacts map[int64]string // id: topics
	tasks    map[int64]string // id: title
	done     map[int64]string // task id: the note of its completion
	open     []int64          // acknowledged tasks not (maybe) completed
	family   map[int64]int64  // task id: its family
	errors   int              // answers of 500 and above
	n        int
}

func (a *acks) add(kind string, id int64, text string, family int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.contacts == nil {
		a.contacts, a.tasks, a.done, a.family = map[int64]string{}, map[int64]string{}, map[int64]string{}, map[int64]int64{}
	}
	switch kind {
	case "contact":
		a.contacts[id] = text
	case "task":
		a.tasks[id] = text
		a.family[id] = family
		a.open = append(a.open, id)
	case "done":
		a.done[id] = text
	}
	a.n++
}

// takeOpen takes an acknowledged open task to complete; no other writer
// gets it, and when its completion is not acknowledged it is not looked
// at again (it may or may not be done).
func (a *acks) takeOpen(rng *rand.Rand) (id, family int64, ok bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.open) == 0 {
		return 0, 0, false
	}
	i := rng.IntN(len(a.open))
	id = a.open[i]
	a.open[i] = a.open[len(a.open)-1]
	a.open = a.open[:len(a.open)-1]
	return id, a.family[id], true
}

func (a *acks) serverError() {
	a.mu.Lock()
	a.errors++
	a.mu.Unlock()
}

// write runs one writer until ctx ends: contacts, tasks, and now and then
// the completion of a task acknowledged before.
func (r *runner) write(ctx context.Context, base string, worker, round int, seed uint64) {
	client := newClient()
	rng := rand.New(rand.NewPCG(seed, uint64(worker)))
	today := care.DateOf(time.Now()).Format(time.DateOnly)
	for i := 0; ctx.Err() == nil; i++ {
		fam := r.familyIDs[rng.IntN(len(r.familyIDs))]
		marker := fmt.Sprintf("crash r%d w%d n%d %08x", round, worker, i, rng.Uint32())
		var path, kind string
		var body any
		var taskID int64
		switch {
		case i%5 == 4:
			id, family, ok := r.acks.takeOpen(rng)
			if !ok {
				continue
			}
			taskID, kind = id, "done"
			path = fmt.Sprintf("/api/v1/families/%d/tasks/%d/done", family, id)
			body = map[string]any{"note": marker}
		case i%3 == 2:
			kind, path = "task", fmt.Sprintf("/api/v1/families/%d/tasks", fam)
			body = map[string]any{"title": marker, "owner_kind": "casemanager"}
		default:
			kind, path = "contact", fmt.Sprintf("/api/v1/families/%d/contacts", fam)
			body = map[string]any{"date": today, "kind": "phone", "with": "parent", "duration_min": 10, "topics": marker}
		}
		b, _ := json.Marshal(body)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(r.cookie)
		resp, err := client.Do(req)
		if err != nil {
			// The server is gone, or going: what was in flight is neither
			// acknowledged nor checked.
			time.Sleep(2 * time.Millisecond)
			continue
		}
		var created struct {
			ID int64 `json:"id"`
		}
		rb, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusCreated && json.Unmarshal(rb, &created) == nil && created.ID > 0:
			r.acks.add(kind, created.ID, marker, fam)
		case resp.StatusCode == http.StatusNoContent && kind == "done":
			r.acks.add("done", taskID, marker, 0)
		case resp.StatusCode >= 500:
			r.acks.serverError()
			fmt.Fprintf(r.log, "crash: %s %s answered %d: %s\n", http.MethodPost, path, resp.StatusCode, rb)
		}
	}
}

// openSQL opens the database behind Spil's back, the way a restarted
// server does: on SQLite read-write, so that the write-ahead log a kill
// left is recovered.
func openSQL(db string) (*sql.DB, error) {
	if isPostgres(db) {
		return sql.Open("pgx", db)
	}
	return sql.Open("sqlite", "file:"+url.PathEscape(db)+"?_pragma=busy_timeout(10000)")
}

// integrity runs SQLite's PRAGMA integrity_check; on PostgreSQL, whose
// server is never killed here, there is nothing to check.
func integrity(ctx context.Context, db string) error {
	if isPostgres(db) {
		return nil
	}
	if _, err := os.Stat(db); err != nil {
		return fmt.Errorf("the database is gone: %w", err)
	}
	d, err := openSQL(db)
	if err != nil {
		return err
	}
	defer d.Close()
	rows, err := d.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return err
		}
		lines = append(lines, l)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(lines) != 1 || lines[0] != "ok" {
		return fmt.Errorf("integrity_check: %s", strings.Join(lines, "; "))
	}
	return nil
}

// checkAcks looks up every acknowledged write in the database; it
// returns how many it looked up and what it did not find as it was
// acknowledged.
func (r *runner) checkAcks(ctx context.Context) (int, []string, error) {
	d, err := openSQL(r.db())
	if err != nil {
		return 0, nil, err
	}
	defer d.Close()
	read := func(q string) (map[int64][2]string, error) {
		rows, err := d.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		m := map[int64][2]string{}
		for rows.Next() {
			var id int64
			var a, b string
			if err := rows.Scan(&id, &a, &b); err != nil {
				return nil, err
			}
			m[id] = [2]string{a, b}
		}
		return m, rows.Err()
	}
	contacts, err := read(`SELECT id, topics, '' FROM contacts WHERE topics LIKE 'crash %'`)
	if err != nil {
		return 0, nil, err
	}
	tasks, err := read(`SELECT id, title, status || ' ' || done_note FROM tasks WHERE title LIKE 'crash %'`)
	if err != nil {
		return 0, nil, err
	}
	a := r.acks
	a.mu.Lock()
	defer a.mu.Unlock()
	var lost []string
	n := 0
	for id, topics := range a.contacts {
		n++
		if got, ok := contacts[id]; !ok || got[0] != topics {
			lost = append(lost, fmt.Sprintf("acknowledged contact %d (%q) is %q in the database", id, topics, got[0]))
		}
	}
	for id, title := range a.tasks {
		n++
		if got, ok := tasks[id]; !ok || got[0] != title {
			lost = append(lost, fmt.Sprintf("acknowledged task %d (%q) is %q in the database", id, title, got[0]))
		}
	}
	for id, note := range a.done {
		n++
		if got := tasks[id]; got[1] != "done "+note {
			lost = append(lost, fmt.Sprintf("acknowledged completion of task %d (%q) is %q in the database", id, note, got[1]))
		}
	}
	return n, lost, nil
}

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// auditVerify runs spil audit-verify on db.
func (r *runner) auditVerify(ctx context.Context, db string, extra ...string) error {
	out, err := r.run(ctx, append([]string{"audit-verify", "--db", db}, extra...)...)
	if err != nil {
		return err
	}
	if !strings.Contains(out, "The audit trail is intact") {
		return fmt.Errorf("audit-verify says: %s", out)
	}
	return nil
}
