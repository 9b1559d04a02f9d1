package storetest

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// claimAt is a claim of key by account for the request hash, made at.
func claimAt(account int64, key, hash, claim string, at time.Time) *care.IdempotencyKey {
	return &care.IdempotencyKey{AccountID: account, Key: key, RequestHash: hash, Claim: claim,
		ClaimedAt: at, ExpiresAt: at.Add(care.IdempotencyKeyLife)}
}

// keep keeps a in a write transaction of its own, as a write does.
func keep(ctx context.Context, s Store, account int64, key, claim string, a care.KeptAnswer) error {
	return s.Atomic(ctx, func(st care.Store) error { return st.KeepIdempotentAnswer(ctx, account, key, claim, a) })
}

func testIdempotencyKeys(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "a@example.org")
	b := newAccount(t, s, org, "b@example.org")
	stale := t0.Add(-care.IdempotencyClaimLease)

	first := claimAt(a.ID, "key-1", "hash-1", "claim-1", t0)
	if held, err := s.ClaimIdempotencyKey(ctx, first, stale); err != nil || held != nil {
		t.Fatalf("first claim: held %+v, %v; want the key", held, err)
	}
	// While the first is in flight, a repeat finds it without an answer.
	held, err := s.ClaimIdempotencyKey(ctx, claimAt(a.ID, "key-1", "hash-1", "claim-2", t0.Add(time.Second)), stale)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, held); diff != "" {
		t.Errorf("the repeat found (-want +got):\n%s", diff)
	}
	// Keys are the account's own: the same key of another account is another key.
	if held, err := s.ClaimIdempotencyKey(ctx, claimAt(b.ID, "key-1", "hash-other", "claim-b", t0), stale); err != nil || held != nil {
		t.Errorf("another account's claim of the same key: held %+v, %v; want the key", held, err)
	}

	// Only the holder keeps an answer, and only once.
	answer := care.KeptAnswer{Status: 201, Location: "/api/v1/families/7", Body: []byte("{\"id\":7}\n")}
	if err := keep(ctx, s, a.ID, "key-1", "claim-2", answer); care.ErrorCode(err) != care.Conflict {
		t.Errorf("a claim that does not hold the key kept an answer: %v", err)
	}
	mustDo(t, "KeepIdempotentAnswer", keep(ctx, s, a.ID, "key-1", "claim-1", answer))
	if err := keep(ctx, s, a.ID, "key-1", "claim-1", care.KeptAnswer{Status: 204}); care.ErrorCode(err) != care.Conflict {
		t.Errorf("a second answer for one claim: %v, want a Conflict", err)
	}
	got, err := s.IdempotencyKey(ctx, a.ID, "key-1")
	if err != nil {
		t.Fatal(err)
	}
	want := *first
	want.Answer = &answer
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("the kept key (-want +got):\n%s", diff)
	}
	// A repeat now finds the answer; releasing never removes it.
	mustDo(t, "ReleaseIdempotencyKey", s.ReleaseIdempotencyKey(ctx, a.ID, "key-1", "claim-1"))
	held, err = s.ClaimIdempotencyKey(ctx, claimAt(a.ID, "key-1", "hash-1", "claim-3", t0.Add(time.Hour)), t0.Add(time.Hour))
	if err != nil || held == nil || held.Answer == nil || held.Claim != "claim-1" {
		t.Errorf("a repeat after the answer found %+v, %v; want the kept answer", held, err)
	}
	// Another request with the key finds the first request's hash.
	held, err = s.ClaimIdempotencyKey(ctx, claimAt(a.ID, "key-1", "hash-2", "claim-4", t0), stale)
	if err != nil || held == nil || held.RequestHash != "hash-1" {
		t.Errorf("another request with the key found %+v, %v", held, err)
	}
	if _, err := s.IdempotencyKey(ctx, a.ID, "no-such-key"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("a key never used: %v, want NotFound", err)
	}
}

// testIdempotencyKeyCommitsWithWrite: the answer is kept in the write's own
// transaction, so a write that rolls back keeps no answer and leaves the
// claim to be released.
func testIdempotencyKeyCommitsWithWrite(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Noor Jansen", date(2018, 4, 1))
	mustDo(t, "claim", nilHeld(s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "k", "h", "c", t0), t0)))

	contact := func() *care.Contact {
		return &care.Contact{FamilyID: f.ID, Date: date(2026, 2, 27), Kind: "phone", With: "parent", DurationMin: 15,
			Topics: "Slaap", CreatedAt: t0, CreatedBy: care.Person{AccountID: acc.ID}}
	}
	failed := errors.New("the write failed after keeping its answer")
	err := s.Atomic(ctx, func(st care.Store) error {
		mustDo(t, "AddContact", st.AddContact(ctx, contact()))
		mustDo(t, "Keep", st.KeepIdempotentAnswer(ctx, acc.ID, "k", "c", care.KeptAnswer{Status: 201}))
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("Atomic: %v", err)
	}
	if k, err := s.IdempotencyKey(ctx, acc.ID, "k"); err != nil || k.Answer != nil {
		t.Fatalf("after the rollback: %+v, %v; want the claim without an answer", k, err)
	}
	if n, _ := s.CountContacts(ctx, f.ID); n != 0 {
		t.Fatalf("%d contacts after the rollback", n)
	}
	mustDo(t, "the write", s.Atomic(ctx, func(st care.Store) error {
		if err := st.AddContact(ctx, contact()); err != nil {
			return err
		}
		return st.KeepIdempotentAnswer(ctx, acc.ID, "k", "c", care.KeptAnswer{Status: 201, Body: []byte("{}")})
	}))
	if k, err := s.IdempotencyKey(ctx, acc.ID, "k"); err != nil || k.Answer == nil || k.Answer.Status != 201 {
		t.Errorf("after the commit: %+v, %v; want the answer", k, err)
	}
	if n, _ := s.CountContacts(ctx, f.ID); n != 1 {
		t.Errorf("%d contacts, want 1", n)
	}

	// A released claim frees the key.
	mustDo(t, "claim", nilHeld(s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "k2", "h", "c1", t0), t0)))
	mustDo(t, "release", s.ReleaseIdempotencyKey(ctx, acc.ID, "k2", "c1"))
	if _, err := s.IdempotencyKey(ctx, acc.ID, "k2"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("a released key: %v, want NotFound", err)
	}
	mustDo(t, "claim after release", nilHeld(s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "k2", "h2", "c2", t0), t0)))
}

// nilHeld turns a claim that found the key held into an error.
func nilHeld(held *care.IdempotencyKey, err error) error {
	if err == nil && held != nil {
		return errors.New("the key is held by claim " + held.Claim)
	}
	return err
}

// testIdempotencyKeyTakeOver: a claim in flight for longer than the lease
// is taken over by a repeat of the same request, and then cannot keep an
// answer; a record is forgotten when it expires.
func testIdempotencyKeyTakeOver(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	mustDo(t, "claim", nilHeld(s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "k", "h", "old", t0), t0)))
	later := t0.Add(care.IdempotencyClaimLease + time.Second)
	// Another request does not take over even a stale claim.
	if held, err := s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "k", "other", "x", later), later.Add(-care.IdempotencyClaimLease)); err != nil || held == nil {
		t.Errorf("another request took over a stale claim: %+v, %v", held, err)
	}
	// Within the lease the same request does not either.
	if held, err := s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "k", "h", "y", t0.Add(time.Second)), t0.Add(time.Second-care.IdempotencyClaimLease)); err != nil || held == nil {
		t.Errorf("a repeat within the lease took over the claim: %+v, %v", held, err)
	}
	mustDo(t, "take over", nilHeld(s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "k", "h", "new", later), later.Add(-care.IdempotencyClaimLease))))
	if err := keep(ctx, s, acc.ID, "k", "old", care.KeptAnswer{Status: 201}); care.ErrorCode(err) != care.Conflict {
		t.Errorf("the claim taken over kept an answer: %v", err)
	}
	mustDo(t, "keep", keep(ctx, s, acc.ID, "k", "new", care.KeptAnswer{Status: 204}))

	// A day after the claim the key is free for anything, and cleaned up.
	expired := later.Add(care.IdempotencyKeyLife)
	mustDo(t, "claim of an expired key", nilHeld(s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "k", "another", "z", expired), expired)))
	mustDo(t, "claim", nilHeld(s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "old-key", "h", "c", t0), t0)))
	n, err := s.DeleteIdempotencyKeys(ctx, expired)
	if err != nil || n != 1 {
		t.Errorf("DeleteIdempotencyKeys: %d, %v; want the one expired", n, err)
	}
	if _, err := s.IdempotencyKey(ctx, acc.ID, "k"); err != nil {
		t.Errorf("the key claimed again was deleted: %v", err)
	}
}

// testIdempotencyKeyConcurrentClaims: of many claims of one key at once,
// one holds it.
func testIdempotencyKeyConcurrentClaims(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	const n = 12
	var wg sync.WaitGroup
	won := make([]bool, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			held, err := s.ClaimIdempotencyKey(ctx, claimAt(acc.ID, "k", "h", "c"+strconv.Itoa(i), t0), t0.Add(-care.IdempotencyClaimLease))
			won[i], errs[i] = err == nil && held == nil, err
		})
	}
	wg.Wait()
	holders := 0
	for i := range n {
		if errs[i] != nil {
			t.Errorf("claim %d: %v", i, errs[i])
		}
		if won[i] {
			holders++
		}
	}
	if holders != 1 {
		t.Errorf("%d claims hold the key, want 1", holders)
	}
}
