package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
)

// TestTwoInstancesSendOneDigest runs two spil serve processes on one
// PostgreSQL database with one SMTP server: a case manager whose digest
// hour is now, and who has overdue signals, gets exactly one digest, and
// exactly one instance holds the digest's lease.
func TestTwoInstancesSendOneDigest(t *testing.T) {
	const pw = "Zonnebloem-Speeltuin-1"
	dsn := postgres(t).fresh(t)
	ctx := context.Background()
	mustSpil(t, "migrate", "--db", dsn)
	// Fill the database with the demo, without mail: no digest yet.
	demoSrv := startServe(t, fakeEnv(map[string]string{"SPIL_DEMO_PASSWORD": pw}, nil), "--demo", "--db", dsn)
	if code := demoSrv.stop(t); code != 0 {
		t.Fatalf("demo serve ended with %d\n%s", code, demoSrv.stderr)
	}

	// An hour that does not end during the test.
	now := time.Now().In(care.Amsterdam)
	if now.Minute() == 59 {
		time.Sleep(time.Until(now.Truncate(time.Hour).Add(time.Hour + time.Second)))
		now = time.Now().In(care.Amsterdam)
	}
	s := openDB(t, dsn)
	kct, err := s.AccountByEmail(ctx, kctEmail)
	if err != nil {
		t.Fatal(err)
	}
	// Every digest is off while the two instances start.
	for h := range 24 {
		due, err := s.DigestsDue(ctx, h, care.DigestDay(now))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range due {
			if err := s.SaveDigestSettings(ctx, care.DigestSettings{AccountID: r.AccountID, Enabled: false, Hour: now.Hour()}); err != nil {
				t.Fatal(err)
			}
		}
	}
	files, err := s.SignalFiles(ctx, care.SignalScope{AccountID: kct.ID}, now)
	overdue := 0
	for i := range files {
		for _, sg := range care.EvaluateSignals(&files[i], now, care.DefaultSignalSettings()) {
			if sg.Due.Before(care.DateOf(now)) {
				overdue++
			}
		}
	}
	if err != nil || overdue == 0 {
		t.Fatalf("the demo case manager has no overdue signals (%v): the digest would be empty", err)
	}

	sink := mailtest.Start(t)
	env := fakeEnv(map[string]string{"SPIL_SMTP_HOST": sink.Host(), "SPIL_JOB_TICK": "50ms"}, nil)
	args := []string{"--db", dsn, "--smtp-port", strconv.Itoa(sink.Port()), "--smtp-tls", "none",
		"--smtp-from", "Spil <noreply@spil.example.nl>", "--base-url", "https://spil.example.nl"}
	a := startServe(t, env, args...)
	b := startServe(t, env, args...)
	// Both are up and ticking: now the demo case manager's digest is due,
	// to both at once.
	if err := s.SaveDigestSettings(ctx, care.DigestSettings{AccountID: kct.ID, Enabled: true, Hour: now.Hour()}); err != nil {
		t.Fatal(err)
	}

	deadline := time.Now().Add(60 * time.Second)
	for len(sink.Messages()) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no digest within a minute\nfirst:\n%s\nsecond:\n%s", a.stderr, b.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Both instances tick every 50 ms: give the one without the lease
	// twenty ticks to send a second digest, which it must not.
	time.Sleep(time.Second)
	msgs := sink.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d digests, want 1: %+v", len(msgs), msgs)
	}
	m := msgs[0]
	if len(m.To) != 1 || m.To[0] != kctEmail {
		t.Errorf("digest sent to %v, want %s", m.To, kctEmail)
	}
	if !regexp.MustCompile(`\d+ nieuwe? signa(al|len) en \d+ signa(al|len) over tijd`).MatchString(m.Text) ||
		!strings.Contains(m.Text, "https://spil.example.nl/\n") || !strings.Contains(m.Text, "https://spil.example.nl/account#digest") {
		t.Errorf("the digest does not hold the counts and the links:\n%s", m.Text)
	}
	// Nothing a mail server should not hold: no child's name, no diagnosis.
	for _, f := range demo.Families(now) {
		first, _, _ := strings.Cut(f.ChildName, " ")
		for _, word := range []string{first, f.Diagnosis} {
			if word != "" && strings.Contains(m.Text+m.Subject, word) {
				t.Errorf("the digest holds %q:\n%s", word, m.Text)
			}
		}
	}
	held := 0
	for _, srv := range []*server{a, b} {
		if strings.Contains(srv.stderr.String(), `msg="job: lease" job=digest held=true`) {
			held++
		}
	}
	if held != 1 {
		t.Errorf("%d instances took the digest's lease, want 1\nfirst:\n%s\nsecond:\n%s", held, a.stderr, b.stderr)
	}
	// The claim is in the database: a restart does not send again.
	if due, err := s.DigestsDue(ctx, now.Hour(), care.DigestDay(now)); err != nil || len(due) != 0 {
		t.Errorf("still due after the digest: %v, %v", due, err)
	}
}
