package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

// testAccountLinks: a link is found by its hash, works once, and a newer
// link of the same account ends the older ones.
func testAccountLinks(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "a@example.org")
	b := newAccount(t, s, org, "b@example.org")
	first := &auth.AccountLink{AccountID: a.ID, Kind: auth.LinkPassword, TokenHash: "hash-1", CreatedBy: b.ID,
		CreatedAt: t0, ExpiresAt: t0.Add(24 * time.Hour)}
	if err := s.CreateAccountLink(ctx, first); err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 {
		t.Fatal("CreateAccountLink did not set an ID")
	}
	got, err := s.AccountLinkByTokenHash(ctx, "hash-1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, got); diff != "" {
		t.Errorf("AccountLinkByTokenHash (-want +got):\n%s", diff)
	}
	if _, err := s.AccountLinkByTokenHash(ctx, "no-such-hash"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("unknown hash: %v, want NotFound", err)
	}

	// Another account's link leaves a's alone; a newer link of a ends the first.
	other := &auth.AccountLink{AccountID: b.ID, Kind: auth.LinkNewAccount, TokenHash: "hash-b", CreatedAt: t0, ExpiresAt: t0.Add(7 * 24 * time.Hour)}
	if err := s.CreateAccountLink(ctx, other); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.AccountLinkByTokenHash(ctx, "hash-1"); !got.ExpiresAt.Equal(first.ExpiresAt) {
		t.Errorf("another account's link changed a's: expires %v", got.ExpiresAt)
	}
	later := t0.Add(time.Hour)
	second := &auth.AccountLink{AccountID: a.ID, Kind: auth.LinkSecondFactor, TokenHash: "hash-2", CreatedAt: later, ExpiresAt: later.Add(24 * time.Hour)}
	if err := s.CreateAccountLink(ctx, second); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.AccountLinkByTokenHash(ctx, "hash-1"); !got.ExpiresAt.Equal(later) {
		t.Errorf("the older link expires %v, want %v (when the newer one was made)", got.ExpiresAt, later)
	}
	if got, _ := s.AccountLinkByTokenHash(ctx, "hash-2"); got.Kind != auth.LinkSecondFactor || !got.ExpiresAt.Equal(second.ExpiresAt) {
		t.Errorf("the newer link: %+v", got)
	}

	// Used once, and only once, even by two at the same moment.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() { errs[i] = s.UseAccountLink(ctx, second.ID, later.Add(time.Minute)) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch care.ErrorCode(err) {
		case "":
			ok++
		case care.Conflict:
		default:
			t.Errorf("UseAccountLink: %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d of two uses succeeded, want 1", ok)
	}
	if got, _ := s.AccountLinkByTokenHash(ctx, "hash-2"); !got.UsedAt.Equal(later.Add(time.Minute)) {
		t.Errorf("UsedAt = %v", got.UsedAt)
	}
	// A new link does not revive or change a used one.
	if err := s.CreateAccountLink(ctx, &auth.AccountLink{AccountID: a.ID, Kind: auth.LinkPassword, TokenHash: "hash-3",
		CreatedAt: later.Add(2 * time.Minute), ExpiresAt: later.Add(25 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.AccountLinkByTokenHash(ctx, "hash-2"); !got.ExpiresAt.Equal(second.ExpiresAt) || got.UsedAt.IsZero() {
		t.Errorf("a used link changed: %+v", got)
	}
	// An expired link cannot be used.
	third, _ := s.AccountLinkByTokenHash(ctx, "hash-3")
	if err := s.UseAccountLink(ctx, third.ID, third.ExpiresAt); care.ErrorCode(err) != care.Conflict {
		t.Errorf("using a link at its expiry: %v, want Conflict", err)
	}
	if err := s.UseAccountLink(ctx, third.ID, third.ExpiresAt.Add(-time.Second)); err != nil {
		t.Errorf("using a link a second before its expiry: %v", err)
	}
}

// testServerSecret: the first candidate is kept; later ones, also from
// instances starting at the same moment, get the stored one.
func testServerSecret(t *testing.T, s Store) {
	ctx := context.Background()
	got := make([]string, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			v, err := s.ServerSecret(ctx, "test_key", string(rune('a'+i))+"-candidate")
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		})
	}
	wg.Wait()
	for _, v := range got {
		if v != got[0] || v == "" {
			t.Fatalf("instances got different secrets: %q", got)
		}
	}
	if v, err := s.ServerSecret(ctx, "test_key", "later"); err != nil || v != got[0] {
		t.Errorf("a later call = %q, %v; want the first secret %q", v, err, got[0])
	}
	if v, err := s.ServerSecret(ctx, "other_key", "other"); err != nil || v != "other" {
		t.Errorf("a second name = %q, %v; want its own secret", v, err)
	}
}

// testAccountWritesInOneTransaction: inside AtomicAccounts, an account's
// change, its link and its audit record commit together or not at all.
func testAccountWritesInOneTransaction(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "a@example.org")
	if err := s.CreateSession(ctx, &auth.Session{TokenHash: "sess", AccountID: a.ID, CreatedAt: t0, LastSeenAt: t0}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAccountTOTP(ctx, a.ID, "SECRET", 1, []string{"r1"}); err != nil {
		t.Fatal(err)
	}
	work := func(st auth.Store) error {
		if err := st.SetAccountPassword(ctx, a.ID, "other-hash", ""); err != nil {
			return err
		}
		if err := st.ResetAccountMFA(ctx, a.ID); err != nil {
			return err
		}
		if err := st.DisableAccount(ctx, a.ID, t0); err != nil {
			return err
		}
		if err := st.CreateAccountLink(ctx, &auth.AccountLink{AccountID: a.ID, Kind: auth.LinkSecondFactor, TokenHash: "tx-hash",
			CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}); err != nil {
			return err
		}
		return st.AppendAudit(ctx, &care.AuditEvent{At: t0, ActorID: a.ID, ActorRole: care.RoleAdmin, ObjectType: "account_mfa_reset",
			ObjectID: a.ID, Action: care.ActionUpdate, Outcome: care.OutcomeSuccess, Authorised: true})
	}
	err := s.AtomicAccounts(ctx, func(st auth.Store) error {
		if err := work(st); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("AtomicAccounts = %v, want the function's error", err)
	}
	got, _ := s.AccountByID(ctx, a.ID)
	if got.PasswordHash != a.PasswordHash || !got.MFAEnrolled() || !got.Active() {
		t.Errorf("rolled-back account changes are visible: %+v", got)
	}
	if _, err := s.SessionByTokenHash(ctx, "sess"); err != nil {
		t.Errorf("a rolled-back change ended the session: %v", err)
	}
	if _, err := s.AccountLinkByTokenHash(ctx, "tx-hash"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("a rolled-back link is there: %v", err)
	}
	if n, _, err := s.VerifyAudit(ctx); n != 0 || err != nil {
		t.Errorf("%d audit records after the rollback (%v), want none", n, err)
	}

	if err := s.AtomicAccounts(ctx, work); err != nil {
		t.Fatal(err)
	}
	got, _ = s.AccountByID(ctx, a.ID)
	if got.PasswordHash != "other-hash" || got.MFAEnrolled() || got.Active() {
		t.Errorf("committed account changes missing: %+v", got)
	}
	if _, err := s.SessionByTokenHash(ctx, "sess"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("the session survived: %v", err)
	}
	if n, _ := s.UnusedRecoveryCodes(ctx, a.ID); n != 0 {
		t.Errorf("%d recovery codes left", n)
	}
	if _, err := s.AccountLinkByTokenHash(ctx, "tx-hash"); err != nil {
		t.Errorf("the committed link: %v", err)
	}
	es, err := s.AuditEvents(ctx, 0, 10)
	if err != nil || len(es) != 1 || es[0].ObjectType != "account_mfa_reset" || es[0].ObjectID != a.ID {
		t.Errorf("audit records %+v, %v; want the one committed", es, err)
	}
}
