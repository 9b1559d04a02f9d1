package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestSoakAgainstSpil runs a short soak against the whole of Spil on
// SQLite: every user logs in with password and TOTP code, and every kind
// of request a user makes gets the answer a working server gives.
func TestSoakAgainstSpil(t *testing.T) {
	if testing.Short() {
		t.Skip("a soak of a few seconds")
	}
	ctx := context.Background()
	a := sitetest.New(t, storetest.Databases()[0].Open, site.Config{})
	e, err := auth.NewEnrolment("Spil", "soak")
	if err != nil {
		t.Fatal(err)
	}
	creds := Creds{Password: sitetest.Password, TOTPSecret: e.Secret}
	today := care.DateOf(a.Clock.Now())
	for i := range 4 {
		acc, _ := a.Account(fmt.Sprintf("cm%d@soak.example", i), care.RoleCaseManager, false)
		if err := a.Store.SetAccountTOTP(ctx, acc.ID, e.Secret, 0, nil); err != nil {
			t.Fatal(err)
		}
		creds.Accounts = append(creds.Accounts, Account{ID: acc.ID, Email: acc.Email})
		actor := care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: a.Org, AccessPoint: "test"}
		for j := range 2 {
			id, err := a.Care.CreateFamily(ctx, actor, care.Intake{
				Family: care.Family{ChildName: fmt.Sprintf("Kind%d Soak%d", j, i), BirthDate: today.AddDate(-6-j, 0, 0),
					Sex: "female", Intensity: care.Regular},
				Episode: care.Episode{ReferralDate: today.AddDate(0, -2, 0), SurpriseQuestion: "no", Status: "accepted"},
				Kind:    "kct", ConfirmDuplicate: true,
			})
			if err != nil {
				t.Fatal(err)
			}
			for range 3 {
				if err := a.Care.CreateTask(ctx, actor, &care.Task{FamilyID: id, Title: "Bellen", OwnerKind: "casemanager"}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	cfg := &soakConfig{base: a.URL, creds: creds, users: len(creds.Accounts), duration: 3 * time.Second,
		think: 15 * time.Millisecond, every: 500 * time.Millisecond, serverPID: os.Getpid(), seed: 1}
	res := runSoak(cfg)
	if res.Total.Errors != 0 {
		t.Errorf("%d errors: %+v", res.Total.Errors, res.Kinds)
	}
	for _, k := range res.Kinds {
		if k.Answers == 0 && k.Kind != "logout" {
			t.Errorf("no %s requests in %d in all", k.Kind, res.Total.Answers)
		}
	}
	if n := len(res.Samples); n < 6 || n > 9 {
		t.Errorf("%d samples of a 3 s soak sampled every 0.5 s, with one at the start and the end", n)
	}
	for _, s := range res.Samples {
		if s.RSSMiB <= 0 {
			t.Errorf("sample %+v has no resident memory", s)
		}
	}
	if res.WallSeconds > 6 {
		t.Errorf("a soak of 3 s took %.1f s", res.WallSeconds)
	}
	var md strings.Builder
	res.report(&md)
	t.Log(md.String())
	for _, want := range []string{"4 users on 4 accounts", "| task-done | `POST /families/{id}/tasks/{tid}/done` |", "| **all** |", "The server's resident memory"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, md.String())
		}
	}
}

func TestMemoryTrend(t *testing.T) {
	at := func(rss ...float64) []soakSample {
		var out []soakSample
		for i, r := range rss {
			out = append(out, soakSample{AtSeconds: float64(i) * 900, RSSMiB: r})
		}
		return out
	}
	tests := []struct {
		name            string
		samples         []soakSample
		warm            float64
		perHour, lo, hi float64
	}{
		{"flat", at(60, 60, 60, 60, 60), 0, 0, 60, 60},
		// One sample every 15 minutes, 10 MiB more each time.
		{"growing", at(50, 60, 70, 80, 90), 0, 40, 50, 90},
		{"warm-up left out", at(200, 60, 60, 60), 900, 0, 60, 60},
		{"too few", at(60), 0, 0, 0, 0},
	}
	for _, tt := range tests {
		perHour, lo, hi, _ := memoryTrend(tt.samples, tt.warm)
		if math.Abs(perHour-tt.perHour) > 1e-9 || lo != tt.lo || hi != tt.hi {
			t.Errorf("%s: trend %g MiB/h from %g to %g; want %g from %g to %g", tt.name, perHour, lo, hi, tt.perHour, tt.lo, tt.hi)
		}
	}
}

func TestReadGCTrace(t *testing.T) {
	log := `time=2026-12-03T21:09:00Z level=INFO msg=serving addr=127.0.0.1:8080
gc 1 @0.012s 2%: 0.010+0.50+0.003 ms clock, 0.020+0.1/0.2/0.3+0.006 ms cpu, 4->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 2 @75.500s 1%: 0.1+2+0.01 ms clock, 0.2+0.5/1/0+0.02 ms cpu, 40->41->18 MB, 42 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 3 @3600.5s 1%: 0.1+2+0.01 ms clock, 0.2+0.5/1/0+0.02 ms cpu, 150->152->21 MB, 40 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 4 @9000s 1%: 0.1+2+0.01 ms clock, 0.2+0.5/1/0+0.02 ms cpu, 30->30->20 MB, 40 MB goal, 0 MB stacks, 0 MB globals, 2 P
`
	// The soak began 60 s after the server and lasted an hour.
	got, err := readGCTrace(strings.NewReader(log), 60, 3600)
	if err != nil {
		t.Fatal(err)
	}
	want := []soakGC{{AtSeconds: 15.5, LiveMiB: 18}, {AtSeconds: 3540.5, LiveMiB: 21}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("readGCTrace = %v, want %v", got, want)
	}
}

func TestSparkline(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want string
	}{
		{[]float64{100, 100, 100}, "███"},
		{[]float64{0, 50, 100}, "▁▅█"},
		{[]float64{0, 0}, "▁▁"},
	} {
		if got := sparkline(tt.in); got != tt.want {
			t.Errorf("sparkline(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
