package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// freeAddr returns a local address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// server is a spil serve running in the test.
type server struct {
	url            string
	stdout, stderr *syncBuffer
	cancel         context.CancelFunc
	done           chan int
	code           int
	stopped        bool
}

// startServe runs spil serve with args plus --addr in a goroutine and waits
// until /healthz answers.
func startServe(t *testing.T, e env, args ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{url: "http://" + addr, stdout: &syncBuffer{}, stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	args = append(append([]string{"serve"}, args...), "--addr", addr)
	go func() { s.done <- run(ctx, args, e, s.stdout, s.stderr) }()
	t.Cleanup(func() { s.stop(t) })

	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case code := <-s.done:
			s.stopped, s.code = true, code
			t.Fatalf("spil serve ended with %d before answering\nstdout:\n%s\nstderr:\n%s", code, s.stdout, s.stderr)
		default:
		}
		resp, err := client.Get(s.url + "/healthz")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || string(body) != "ok\n" {
				t.Fatalf("/healthz: %d %q", resp.StatusCode, body)
			}
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("spil serve did not answer /healthz within a minute: %v\nstderr:\n%s", err, s.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop cancels the context, as SIGTERM does, and returns the exit code.
func (s *server) stop(t *testing.T) int {
	t.Helper()
	if s.stopped {
		return s.code
	}
	s.stopped = true
	s.cancel()
	select {
	case s.code = <-s.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("spil serve did not stop within 30 s of the cancel\nstderr:\n%s", s.stderr)
	}
	return s.code
}

func (s *server) get(t *testing.T, path string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(s.url + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

func TestServeDemo(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			dsn := d.fresh(t)
			if d.name == "postgres" {
				mustSpil(t, "migrate", "--db", dsn)
			}
			testServeDemo(t, dsn)
		})
	}
}

func testServeDemo(t *testing.T, dsn string) {
	const firstPassword, secondPassword = "Zonnebloem-Speeltuin-1", "Regenboog-Wolkenlucht-2"
	ctx := context.Background()

	srv := startServe(t, fakeEnv(map[string]string{"SPIL_DEMO_PASSWORD": firstPassword}, nil), "--demo", "--db", dsn)
	if code, _, body := srv.get(t, "/readyz"); code != http.StatusOK || body != "ready\n" {
		t.Errorf("/readyz: %d %q", code, body)
	}
	code, header, body := srv.get(t, "/login")
	if code != http.StatusOK {
		t.Errorf("/login: status %d", code)
	}
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("/login: Content-Type %q", ct)
	}
	for _, want := range []string{`<html lang="nl">`, "Inloggen", "Wachtwoord"} {
		if !strings.Contains(body, want) {
			t.Errorf("/login is not the Dutch login page: no %q", want)
		}
	}
	if code := srv.stop(t); code != 0 {
		t.Errorf("exit code %d after a cancel, want 0\nstderr:\n%s", code, srv.stderr)
	}
	if _, err := http.Get(srv.url + "/healthz"); err == nil {
		t.Error("the server still answers after it stopped")
	}
	out := srv.stdout.String()
	for _, d := range demoAccounts {
		if !strings.Contains(out, d.Email) {
			t.Errorf("the output does not list %s:\n%s", d.Email, out)
		}
	}
	if n := strings.Count(out, firstPassword); n != len(demoAccounts) {
		t.Errorf("the demo password shows %d times, want once per account:\n%s", n, out)
	}

	wantFamilies := len(demo.Families(time.Now()))
	check := func(password, oldPassword string) {
		t.Helper()
		if got := familyCount(t, dsn); got != wantFamilies {
			t.Errorf("%d families, want %d", got, wantFamilies)
		}
		s := openDB(t, dsn)
		accounts, err := s.Accounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(accounts) != len(demoAccounts) {
			t.Errorf("%d accounts, want %d", len(accounts), len(demoAccounts))
		}
		for _, acc := range accounts {
			if !acc.MFAExempt {
				t.Errorf("demo account %s needs a second factor", acc.Email)
			}
		}
		acc, err := s.AccountByEmail(ctx, demoAccounts[0].Email)
		if err != nil {
			t.Fatal(err)
		}
		if !auth.VerifyPassword(password, acc.PasswordHash) {
			t.Errorf("%s does not have the password %q", acc.Email, password)
		}
		if oldPassword != "" && auth.VerifyPassword(oldPassword, acc.PasswordHash) {
			t.Errorf("%s still has the old password %q", acc.Email, oldPassword)
		}
	}
	check(firstPassword, "")

	// A second start adds nothing and gives every demo account the new
	// password; --demo-password beats SPIL_DEMO_PASSWORD.
	srv = startServe(t, fakeEnv(map[string]string{"SPIL_DEMO_PASSWORD": firstPassword}, nil),
		"--demo", "--demo-password", secondPassword, "--db", dsn)
	if code := srv.stop(t); code != 0 {
		t.Errorf("second start: exit code %d\nstderr:\n%s", code, srv.stderr)
	}
	if out := srv.stdout.String(); strings.Count(out, secondPassword) != len(demoAccounts) || strings.Contains(out, firstPassword) {
		t.Errorf("second start lists:\n%s", out)
	}
	if strings.Contains(srv.stderr.String(), "demo data created") {
		t.Error("the second start created demo data again")
	}
	check(secondPassword, firstPassword)
}

// Without SPIL_DEMO_PASSWORD every start prints a fresh random password.
func TestServeDemoRandomPassword(t *testing.T) {
	dsn := storetest.SQLitePath(t)
	srv := startServe(t, fakeEnv(nil, nil), "--demo", "--db", dsn)
	srv.stop(t)
	line := ""
	for _, l := range strings.Split(srv.stdout.String(), "\n") {
		if strings.Contains(l, demoAccounts[0].Email) {
			line = l
		}
	}
	fields := strings.Fields(line)
	if len(fields) < 3 {
		t.Fatalf("no password in %q", line)
	}
	pw := fields[len(fields)-1]
	if err := auth.CheckPasswordPolicy(pw); err != nil {
		t.Errorf("random demo password %q: %v", pw, err)
	}
	s := openDB(t, dsn)
	acc, err := s.AccountByEmail(context.Background(), demoAccounts[0].Email)
	if err != nil {
		t.Fatal(err)
	}
	if !auth.VerifyPassword(pw, acc.PasswordHash) {
		t.Errorf("the printed password %q does not log in", pw)
	}
}

func TestServeDemoBadPassword(t *testing.T) {
	tests := []struct {
		name     string
		password string
		wantRule string
	}{
		{"four characters", "kort", "password.too_short"},
		{"eleven characters", "elf tekens!", "password.too_short"},
		{"common", "wachtwoord12", "password.common"},
		{"130 characters", strings.Repeat("lang ", 26), "password.too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "spil.db")
			e := fakeEnv(map[string]string{"SPIL_DEMO_PASSWORD": tt.password}, nil)
			r := spilEnv(t, e, "serve", "--demo", "--db", db, "--addr", freeAddr(t))
			if r.code != 1 {
				t.Errorf("exit code %d, want 1\n%v", r.code, r)
			}
			for _, want := range []string{"SPIL_DEMO_PASSWORD", "password rules", "12 to 128 characters", "not a common password", tt.wantRule} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr does not contain %q\n%v", want, r)
				}
			}
			// Nothing was written before the password was checked.
			if _, err := os.Stat(db); err == nil {
				t.Error("the database was created")
			}
		})
	}
}

// Demo mode on a database it did not fill (here: generated load-test
// families) has no demo accounts to show, and says so.
func TestServeDemoOnOtherDatabase(t *testing.T) {
	dsn := storetest.SQLitePath(t)
	mustSpil(t, "demo", "--families", "3", "--db", dsn)
	srv := startServe(t, fakeEnv(nil, nil), "--demo", "--db", dsn)
	if code := srv.stop(t); code != 0 {
		t.Errorf("exit code %d\nstderr:\n%s", code, srv.stderr)
	}
	out := srv.stdout.String()
	if !strings.Contains(out, "no demo accounts") || strings.Contains(out, "Log in with one of these accounts") {
		t.Errorf("output:\n%s", out)
	}
	if got := familyCount(t, dsn); got != 3 {
		t.Errorf("%d families, want the 3 generated", got)
	}
}

func TestServeWithoutDemo(t *testing.T) {
	dsn := storetest.SQLitePath(t)
	srv := startServe(t, fakeEnv(nil, nil), "--init", "--db", dsn, "--log-format", "json")
	if code, _, _ := srv.get(t, "/readyz"); code != http.StatusOK {
		t.Errorf("/readyz: %d", code)
	}
	if code := srv.stop(t); code != 0 {
		t.Errorf("exit code %d\nstderr:\n%s", code, srv.stderr)
	}
	if out := srv.stdout.String(); out != "" {
		t.Errorf("stdout without demo mode: %q", out)
	}
	if !strings.Contains(srv.stderr.String(), `"msg":"serving"`) {
		t.Errorf("no JSON log line for serving:\n%s", srv.stderr)
	}
	s := openDB(t, dsn)
	if n, err := s.OrganisationCount(context.Background()); err != nil || n != 0 {
		t.Errorf("%d organisations (%v): serve without --demo must not fill the database", n, err)
	}
}

func TestServeStartErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	dir := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"address in use", []string{"--addr", busy.Addr().String()}, "address already in use"},
		{"missing certificate", []string{"--addr", freeAddr(t), "--tls-cert", filepath.Join(dir, "cert.pem"), "--tls-key", filepath.Join(dir, "key.pem")}, "cert.pem"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The context stays live after run returns, as it does when
			// main exits with the code.
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stdout, stderr syncBuffer
			args := append([]string{"serve", "--init", "--db", storetest.SQLitePath(t)}, tt.args...)
			code := run(ctx, args, fakeEnv(nil, nil), &stdout, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("want exit 1 and %q, got %d\n%s", tt.wantStderr, code, stderr.String())
			}
			// Nothing of the server outlives run: a goroutine left behind
			// would use the closed database and write to stderr.
			if n := goroutinesIn("jobs.(*Runner).Run("); n > 0 {
				t.Errorf("%d job runners still running after run returned", n)
			}
		})
	}
}

// goroutinesIn counts the goroutines whose stack contains fn.
func goroutinesIn(fn string) int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, fn) {
			n++
		}
	}
	return n
}
