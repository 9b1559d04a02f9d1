package auth_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// clock is a test clock that only moves when told.
type clock struct{ now atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.now.Store(time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC).UnixNano())
	return c
}
func (c *clock) Now() time.Time      { return time.Unix(0, c.now.Load()).UTC() }
func (c *clock) Add(d time.Duration) { c.now.Add(int64(d)) }

type fixture struct {
	svc   *auth.Service
	store *store.Store
	clock *clock
	org   int64
}

func setup(t *testing.T, open func(testing.TB) *store.Store) *fixture {
	t.Helper()
	s := open(t)
	c := newClock()
	org, err := s.CreateOrganisation(context.Background(), "Org", c.Now())
	if err != nil {
		t.Fatal(err)
	}
	svc, err := auth.Open(context.Background(), s, auth.Config{Params: auth.TestParams, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{svc: svc, store: s, clock: c, org: org}
}

const goodPassword = "correct paard batterij nietje"

func (f *fixture) account(t *testing.T, email string) *auth.Account {
	t.Helper()
	a, err := f.svc.CreateAccount(context.Background(), auth.NewAccount{
		OrganisationID: f.org, Email: email, Name: "Test", Role: care.RoleCaseManager, Password: goodPassword,
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// enrol gives a a TOTP secret and returns it.
func (f *fixture) enrol(t *testing.T, a *auth.Account) string {
	t.Helper()
	e, err := auth.NewEnrolment("Spil", a.Email)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.SetAccountTOTP(context.Background(), a.ID, e.Secret, 0, nil); err != nil {
		t.Fatal(err)
	}
	a.TOTPSecret = e.Secret
	return e.Secret
}

func forEachDB(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, setup(t, db.Open))
		})
	}
}

func TestCheckPassword(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		a := f.account(t, "Anna@Example.org")
		if a.Email != "anna@example.org" {
			t.Errorf("e-mail stored as %q, want lower case", a.Email)
		}
		got, err := f.svc.CheckPassword(ctx, "  ANNA@example.org ", goodPassword, "192.0.2.1")
		if err != nil || got.ID != a.ID {
			t.Fatalf("CheckPassword = %v, %v", got, err)
		}
		for _, tc := range []struct{ email, pw string }{
			{"anna@example.org", "wrong password here"},
			{"nobody@example.org", goodPassword},
			{"anna@example.org", strings.Repeat("x", 10<<10)},
			{"", ""},
		} {
			if _, err := f.svc.CheckPassword(ctx, tc.email, tc.pw, "192.0.2.1"); err != auth.ErrBadLogin {
				t.Errorf("CheckPassword(%q, %d bytes) = %v, want ErrBadLogin", tc.email, len(tc.pw), err)
			}
		}
		if err := f.store.DisableAccount(ctx, a.ID, f.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.CheckPassword(ctx, "anna@example.org", goodPassword, "192.0.2.9"); err != auth.ErrBadLogin {
			t.Errorf("disabled account: %v, want ErrBadLogin", err)
		}
	})
}

func TestThrottlePerAccount(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.account(t, "bram@example.org")
		for i := range 5 {
			// Different addresses: the account count alone must lock.
			if _, err := f.svc.CheckPassword(ctx, "bram@example.org", "wrong password!", "192.0.2."+string(rune('1'+i))); err != auth.ErrBadLogin {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		if _, err := f.svc.CheckPassword(ctx, "bram@example.org", goodPassword, "198.51.100.1"); err != auth.ErrThrottled {
			t.Fatalf("after 5 failures the right password gave %v, want ErrThrottled", err)
		}
		f.clock.Add(16 * time.Minute)
		if _, err := f.svc.CheckPassword(ctx, "bram@example.org", goodPassword, "198.51.100.1"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
		// A complete login clears the account's count.
		a, _ := f.store.AccountByEmail(ctx, "bram@example.org")
		if err := f.svc.LoginComplete(ctx, a); err != nil {
			t.Fatal(err)
		}
		for range 4 {
			f.svc.CheckPassword(ctx, "bram@example.org", "wrong password!", "198.51.100.1")
		}
		if _, err := f.svc.CheckPassword(ctx, "bram@example.org", goodPassword, "198.51.100.1"); err != nil {
			t.Fatalf("4 failures after a complete login locked the account: %v", err)
		}
	})
}

func TestThrottlePerAddress(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.account(t, "target@example.org")
		for i := range 30 {
			email := "guess" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.org"
			f.svc.CheckPassword(ctx, email, "wrong password!", "203.0.113.7")
		}
		if _, err := f.svc.CheckPassword(ctx, "target@example.org", goodPassword, "203.0.113.7"); err != auth.ErrThrottled {
			t.Errorf("30 failures from one address, then: %v, want ErrThrottled", err)
		}
		if _, err := f.svc.CheckPassword(ctx, "target@example.org", goodPassword, "203.0.113.8"); err != nil {
			t.Errorf("another address is locked too: %v", err)
		}
	})
}

func TestTOTPCodesAreSingleUse(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		a := f.account(t, "totp@example.org")
		secret := f.enrol(t, a)
		code, _ := totp.GenerateCode(secret, f.clock.Now())
		if err := f.svc.CheckCode(ctx, a, code, "192.0.2.1"); err != nil {
			t.Fatalf("fresh code: %v", err)
		}
		if err := f.svc.CheckCode(ctx, a, code, "192.0.2.1"); err != auth.ErrBadCode {
			t.Errorf("same code again: %v, want ErrBadCode", err)
		}
		// The previous step's code is older than the one used: refused too.
		old, _ := totp.GenerateCode(secret, f.clock.Now().Add(-30*time.Second))
		if err := f.svc.CheckCode(ctx, a, old, "192.0.2.1"); err != auth.ErrBadCode {
			t.Errorf("older code: %v, want ErrBadCode", err)
		}
		f.clock.Add(30 * time.Second)
		next, _ := totp.GenerateCode(secret, f.clock.Now())
		if err := f.svc.CheckCode(ctx, a, " "+next[:3]+" "+next[3:], "192.0.2.1"); err != nil {
			t.Errorf("next step's code with spaces: %v", err)
		}
		for _, bad := range []string{"", "12345", "abcdef", "1234567", strings.Repeat("9", 1000)} {
			if err := f.svc.CheckCode(ctx, a, bad, "192.0.2.2"); err != auth.ErrBadCode && err != auth.ErrThrottled {
				t.Errorf("CheckCode(%q) = %v", bad, err)
			}
		}
	})
}

func TestEnrolmentAndRecoveryCodes(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		a := f.account(t, "new@example.org")
		_, sess, err := f.svc.StartSession(ctx, a, false)
		if err != nil {
			t.Fatal(err)
		}
		e, err := f.svc.BeginEnrolment(ctx, sess, a)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(e.QRPNG, "data:image/png;base64,") || !strings.Contains(e.URL, "issuer=Spil") {
			t.Errorf("enrolment view: %q… %q", e.QRPNG[:30], e.URL)
		}
		again, _ := f.svc.BeginEnrolment(ctx, sess, a)
		if again.Secret != e.Secret {
			t.Error("reloading the set-up page made a new secret")
		}
		if _, err := f.svc.ConfirmEnrolment(ctx, sess, a, "000000", ""); err != auth.ErrBadCode {
			t.Errorf("wrong first code: %v", err)
		}
		code, _ := totp.GenerateCode(e.Secret, f.clock.Now())
		codes, err := f.svc.ConfirmEnrolment(ctx, sess, a, code, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(codes) != auth.RecoveryCodeCount {
			t.Fatalf("%d recovery codes, want %d", len(codes), auth.RecoveryCodeCount)
		}
		stored, _ := f.store.AccountByID(ctx, a.ID)
		if stored.TOTPSecret != e.Secret {
			t.Error("secret not stored")
		}
		// The enrolment code itself cannot be replayed at the next login.
		if err := f.svc.CheckCode(ctx, stored, code, ""); err != auth.ErrBadCode {
			t.Errorf("enrolment code replayed: %v", err)
		}
		if err := f.svc.CheckCode(ctx, stored, strings.ToUpper(codes[3]), ""); err != nil {
			t.Errorf("recovery code: %v", err)
		}
		if err := f.svc.CheckCode(ctx, stored, codes[3], ""); err != auth.ErrBadCode {
			t.Errorf("recovery code reused: %v", err)
		}
		if n, _ := f.store.UnusedRecoveryCodes(ctx, a.ID); n != auth.RecoveryCodeCount-1 {
			t.Errorf("unused recovery codes = %d", n)
		}
	})
}

func TestSessionTimeouts(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		a := f.account(t, "sess@example.org")
		token, _, err := f.svc.StartSession(ctx, a, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, got, err := f.svc.Session(ctx, token); err != nil || got.ID != a.ID {
			t.Fatalf("fresh session: %v", err)
		}
		// Activity every 20 minutes keeps it alive until the absolute limit.
		for range 35 {
			f.clock.Add(20 * time.Minute)
			if _, _, err := f.svc.Session(ctx, token); err != nil {
				t.Fatalf("active session ended early at %v: %v", f.clock.Now(), err)
			}
		}
		f.clock.Add(20 * time.Minute) // 12 h since login
		if _, _, err := f.svc.Session(ctx, token); care.ErrorCode(err) != care.Unauthorized {
			t.Errorf("after 12 h: %v, want Unauthorized", err)
		}
		// Idle.
		token, _, _ = f.svc.StartSession(ctx, a, true)
		f.clock.Add(31 * time.Minute)
		if _, _, err := f.svc.Session(ctx, token); care.ErrorCode(err) != care.Unauthorized {
			t.Errorf("after 31 idle minutes: %v, want Unauthorized", err)
		}
		// Logout ends it on the server.
		token, _, _ = f.svc.StartSession(ctx, a, true)
		if err := f.svc.EndSession(ctx, token); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.Session(ctx, token); care.ErrorCode(err) != care.Unauthorized {
			t.Errorf("after logout: %v", err)
		}
		// Disabling ends every session.
		t1, _, _ := f.svc.StartSession(ctx, a, true)
		t2, _, _ := f.svc.StartSession(ctx, a, true)
		f.store.DisableAccount(ctx, a.ID, f.clock.Now())
		for _, tok := range []string{t1, t2} {
			if _, _, err := f.svc.Session(ctx, tok); care.ErrorCode(err) != care.Unauthorized {
				t.Errorf("session of a disabled account: %v", err)
			}
		}
		if _, _, err := f.svc.Session(ctx, "not-a-token"); care.ErrorCode(err) != care.Unauthorized {
			t.Errorf("unknown token: %v", err)
		}
	})
}

func TestRenewSessionChangesToken(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		a := f.account(t, "renew@example.org")
		old, sess, _ := f.svc.StartSession(ctx, a, false)
		sess.MFADone = true
		token, _, err := f.svc.RenewSession(ctx, sess)
		if err != nil || token == old {
			t.Fatalf("RenewSession = %q, %v", token, err)
		}
		if _, _, err := f.svc.Session(ctx, old); err == nil {
			t.Error("the old token still works after renewal")
		}
		got, _, err := f.svc.Session(ctx, token)
		if err != nil || !got.MFADone {
			t.Errorf("renewed session = %+v, %v", got, err)
		}
	})
}

func TestCreateAccountValidation(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.account(t, "taken@example.org")
		tests := []struct {
			n    auth.NewAccount
			want map[string]string
		}{
			{auth.NewAccount{Email: "x", Name: "", Role: "boss", Password: "short"},
				map[string]string{"email": "account.email_invalid", "name": "field.required", "role": "account.role_invalid", "password": "password.too_short"}},
			{auth.NewAccount{Email: "Naam <a@example.org>", Name: "A", Role: care.RoleFamily, Password: goodPassword},
				map[string]string{"email": "account.email_invalid"}},
			{auth.NewAccount{Email: "TAKEN@example.org", Name: "A", Role: care.RoleFamily, Password: goodPassword},
				map[string]string{"email": "account.email_taken"}},
		}
		for _, tt := range tests {
			tt.n.OrganisationID = f.org
			_, err := f.svc.CreateAccount(ctx, tt.n)
			inv, ok := err.(care.FieldErrors)
			if !ok {
				t.Errorf("CreateAccount(%+v) = %v, want FieldErrors", tt.n.Email, err)
				continue
			}
			if care.ErrorCode(err) != care.Invalid {
				t.Errorf("kind %s, want invalid", care.ErrorCode(err))
			}
			for k, v := range tt.want {
				if inv[k] != v {
					t.Errorf("%s: field %s = %q, want %q", tt.n.Email, k, inv[k], v)
				}
			}
			if len(inv) != len(tt.want) {
				t.Errorf("%s: fields %v, want %v", tt.n.Email, inv, tt.want)
			}
		}
	})
}

// The right password must not reset the count of wrong second-factor codes,
// or anyone with the password could guess codes without end.
func TestPasswordDoesNotResetCodeThrottle(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		a := f.account(t, "mfa@example.org")
		secret := f.enrol(t, a)
		for i := range 5 {
			if _, err := f.svc.CheckPassword(ctx, a.Email, goodPassword, "192.0.2.1"); err != nil {
				t.Fatalf("round %d: password refused: %v", i, err)
			}
			if err := f.svc.CheckCode(ctx, a, "000000", "192.0.2.1"); err != auth.ErrBadCode {
				t.Fatalf("round %d: wrong code gave %v", i, err)
			}
		}
		code, _ := totp.GenerateCode(secret, f.clock.Now())
		if _, err := f.svc.CheckPassword(ctx, a.Email, goodPassword, "192.0.2.1"); err != auth.ErrThrottled {
			t.Errorf("after 5 wrong codes the password gave %v, want ErrThrottled", err)
		}
		if err := f.svc.CheckCode(ctx, a, code, "192.0.2.1"); err != auth.ErrThrottled {
			t.Errorf("after 5 wrong codes a right code gave %v, want ErrThrottled", err)
		}
	})
}
