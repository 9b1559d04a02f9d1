package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// testJobLeases: a free lease is taken, its holder renews it, another
// holder is refused until it expires and then takes it over; a release
// frees it at once, and a release by a former holder leaves it.
func testJobLeases(t *testing.T, s Store) {
	ctx := context.Background()
	take := func(holder string, now time.Time, want bool) {
		t.Helper()
		got, err := s.TakeLease(ctx, "digest", holder, now, now.Add(time.Minute))
		if err != nil || got != want {
			t.Fatalf("TakeLease(%s, %s) = %v, %v; want %v", holder, now.Format(time.TimeOnly), got, err, want)
		}
	}
	take("a", t0, true)
	take("b", t0.Add(time.Second), false)
	take("a", t0.Add(30*time.Second), true) // renewed until t0+90s
	take("b", t0.Add(80*time.Second), false)
	// Another job's lease is a lease of its own.
	if ok, err := s.TakeLease(ctx, "cleanup", "b", t0, t0.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("TakeLease(cleanup, b) = %v, %v", ok, err)
	}
	take("b", t0.Add(90*time.Second), true) // a's lease ended
	take("a", t0.Add(91*time.Second), false)
	if err := s.ReleaseLease(ctx, "digest", "a"); err != nil {
		t.Fatal(err)
	}
	take("a", t0.Add(92*time.Second), false) // a's release did not free b's lease
	if err := s.ReleaseLease(ctx, "digest", "b"); err != nil {
		t.Fatal(err)
	}
	take("a", t0.Add(93*time.Second), true)
}

// testJobLeaseRace: holders racing for a free lease, and for an expired
// one, each on their own connection: exactly one wins each race.
func testJobLeaseRace(t *testing.T, s Store) {
	ctx := context.Background()
	race := func(round int, now time.Time) string {
		t.Helper()
		const n = 8
		var wg sync.WaitGroup
		wins := make(chan string, n)
		for i := range n {
			holder := fmt.Sprintf("holder-%d-%d", round, i)
			wg.Go(func() {
				ok, err := s.TakeLease(ctx, "race", holder, now, now.Add(time.Minute))
				if err != nil {
					t.Errorf("TakeLease(%s): %v", holder, err)
				}
				if ok {
					wins <- holder
				}
			})
		}
		wg.Wait()
		close(wins)
		var won []string
		for w := range wins {
			won = append(won, w)
		}
		if len(won) != 1 {
			t.Fatalf("round %d: %d winners %v, want exactly 1", round, len(won), won)
		}
		return won[0]
	}
	first := race(1, t0)
	second := race(2, t0.Add(2*time.Minute)) // the first lease has expired
	if first == second {
		t.Errorf("the same holder won both rounds: %s", first)
	}
}

// testDigestSettingsAndClaims: defaults without a row, settings saved, the
// due list by hour, role, account state and day, and a day's digest
// claimed once, also by racing claimers.
func testDigestSettingsAndClaims(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	cm := newAccount(t, s, org, fmt.Sprintf("cm@org%d.example.org", org))
	other := newAccount(t, s, org, fmt.Sprintf("cm2@org%d.example.org", org))
	off := newAccount(t, s, org, fmt.Sprintf("cm3@org%d.example.org", org))
	gone := newAccount(t, s, org, fmt.Sprintf("cm4@org%d.example.org", org))
	if err := s.DisableAccount(ctx, gone.ID, t0); err != nil {
		t.Fatal(err)
	}
	if got, err := s.DigestSettingsOf(ctx, cm.ID); err != nil || got != care.DefaultDigestSettings(cm.ID) {
		t.Errorf("DigestSettingsOf without a choice = %+v, %v; want the defaults", got, err)
	}
	mustDo(t, "SaveDigestSettings", s.SaveDigestSettings(ctx, care.DigestSettings{AccountID: other.ID, Enabled: true, Hour: 16}))
	mustDo(t, "SaveDigestSettings", s.SaveDigestSettings(ctx, care.DigestSettings{AccountID: off.ID, Enabled: false, Hour: 16}))
	want := care.DigestSettings{AccountID: other.ID, Enabled: true, Hour: 16}
	if got, err := s.DigestSettingsOf(ctx, other.ID); err != nil || got != want {
		t.Errorf("DigestSettingsOf = %+v, %v; want %+v", got, err, want)
	}
	ids := func(hour, day int) []int64 {
		t.Helper()
		rs, err := s.DigestsDue(ctx, hour, day)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, r := range rs {
			if r.Email == "" {
				t.Errorf("recipient %d without an e-mail address", r.AccountID)
			}
			out = append(out, r.AccountID)
		}
		return out
	}
	const day = 20260301
	if diff := cmp.Diff([]int64{cm.ID}, ids(care.DefaultDigestHour, day)); diff != "" {
		t.Errorf("due at the default hour (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{other.ID}, ids(16, day)); diff != "" {
		t.Errorf("due at 16 (-want +got):\n%s", diff)
	}
	// Racing claims of one day: one wins.
	var wg sync.WaitGroup
	wins := make(chan bool, 6)
	for range 6 {
		wg.Go(func() {
			ok, err := s.ClaimDigest(ctx, other.ID, day)
			if err != nil {
				t.Errorf("ClaimDigest: %v", err)
			}
			wins <- ok
		})
	}
	wg.Wait()
	close(wins)
	n := 0
	for ok := range wins {
		if ok {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d racing claims of one day won, want 1", n)
	}
	if got := ids(16, day); len(got) != 0 {
		t.Errorf("due after the claim: %v", got)
	}
	// Changing the hour keeps the claim: no second digest that day.
	mustDo(t, "SaveDigestSettings", s.SaveDigestSettings(ctx, care.DigestSettings{AccountID: other.ID, Enabled: true, Hour: 18}))
	if got := ids(18, day); len(got) != 0 {
		t.Errorf("due after a new hour on a claimed day: %v", got)
	}
	if diff := cmp.Diff([]int64{other.ID}, ids(18, day+1)); diff != "" {
		t.Errorf("due the next day (-want +got):\n%s", diff)
	}
	// A claim without settings keeps the defaults, and an older day
	// cannot be claimed after a newer one.
	for _, c := range []struct {
		day  int
		want bool
	}{{day, true}, {day, false}, {day - 1, false}, {day + 1, true}} {
		if ok, err := s.ClaimDigest(ctx, cm.ID, c.day); err != nil || ok != c.want {
			t.Errorf("ClaimDigest(%d) = %v, %v; want %v", c.day, ok, err, c.want)
		}
	}
	if got, err := s.DigestSettingsOf(ctx, cm.ID); err != nil || got != care.DefaultDigestSettings(cm.ID) {
		t.Errorf("DigestSettingsOf after a claim = %+v, %v; want the defaults", got, err)
	}
}

// testIntervisionSessions: the account's own sessions from a day on,
// newest first; another account's are not among them.
func testIntervisionSessions(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	cm := newAccount(t, s, org, fmt.Sprintf("cm@org%d.example.org", org)).ID
	other := newAccount(t, s, org, fmt.Sprintf("cm2@org%d.example.org", org)).ID
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	add := func(account int64, held time.Time, kind, dir string, minutes int, topic string) *care.IntervisionSession {
		t.Helper()
		x := &care.IntervisionSession{AccountID: account, HeldOn: held, Kind: kind, Direction: dir, Minutes: minutes, Topic: topic, CreatedAt: t0}
		mustDo(t, "AddIntervisionSession", s.AddIntervisionSession(ctx, x))
		if x.ID == 0 {
			t.Fatal("AddIntervisionSession did not set an ID")
		}
		return x
	}
	add(cm, day(1, 10), "intervision", "received", 90, "")
	feb := add(cm, day(2, 10), "supervision", "given", 60, "Rouw bij broers en zussen")
	mar := add(cm, day(3, 1), "intervision", "received", 120, "Moreel beraad")
	add(other, day(3, 1), "training", "received", 480, "")
	got, err := s.IntervisionSessions(ctx, cm, day(2, 10))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]care.IntervisionSession{*mar, *feb}, got); diff != "" {
		t.Errorf("sessions (-want +got):\n%s", diff)
	}
	bad := &care.IntervisionSession{AccountID: cm, HeldOn: day(3, 2), Kind: "coffee", Direction: "given", Minutes: 60, CreatedAt: t0}
	if err := s.AddIntervisionSession(ctx, bad); err == nil {
		t.Error("a kind outside the list was stored")
	}
}
