package auth_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

// mailbox is an AccountMail that keeps what it is asked to send.
type mailbox struct {
	links   []sentLink
	notices []sentNotice
	fail    error
}

type sentLink struct {
	Account int64
	Kind    auth.LinkKind
	Token   string
	Expires time.Time
}

type sentNotice struct {
	Account int64
	At      time.Time
}

func (m *mailbox) SendLink(_ context.Context, a *auth.Account, l *auth.AccountLink, token string) error {
	if m.fail != nil {
		return m.fail
	}
	m.links = append(m.links, sentLink{a.ID, l.Kind, token, l.ExpiresAt})
	return nil
}

func (m *mailbox) SendNotice(_ context.Context, a *auth.Account, at time.Time) error {
	if m.fail != nil {
		return m.fail
	}
	m.notices = append(m.notices, sentNotice{a.ID, at})
	return nil
}

func (m *mailbox) lastToken(t *testing.T) string {
	t.Helper()
	if len(m.links) == 0 {
		t.Fatal("no link was sent")
	}
	return m.links[len(m.links)-1].Token
}

// record is the part of an audit record the account tests look at.
type record struct {
	Actor      int64
	Role       care.Role
	Object     string
	ObjectID   int64
	Action     care.Action
	Outcome    string
	Point      string
	Authorised bool
}

func (f *fixture) records(t *testing.T, after int) []record {
	t.Helper()
	es, err := f.store.AuditEvents(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var rs []record
	for _, e := range es[after:] {
		rs = append(rs, record{e.ActorID, e.ActorRole, e.ObjectType, e.ObjectID, e.Action, e.Outcome, e.AccessPoint, e.Authorised})
	}
	return rs
}

func (f *fixture) admin(t *testing.T) care.Actor {
	t.Helper()
	a, err := f.svc.CreateAccount(context.Background(), auth.NewAccount{
		OrganisationID: f.org, Email: "beheer@example.org", Name: "Beheer", Role: care.RoleAdmin, Password: goodPassword,
	})
	if err != nil {
		t.Fatal(err)
	}
	return care.Actor{AccountID: a.ID, Role: care.RoleAdmin, OrganisationID: f.org, AccessPoint: "192.0.2.10"}
}

// TestThrottleKeyIsKeyed: the throttle counts under an HMAC keyed with a
// secret kept in the database, not under a plain hash of the address, and
// a restarted service counts on under the same keys.
func TestThrottleKeyIsKeyed(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.account(t, "anna@example.org")
		for range 3 {
			if _, err := f.svc.CheckPassword(ctx, "anna@example.org", "fout wachtwoord!", "192.0.2.1"); !errors.Is(err, auth.ErrBadLogin) {
				t.Fatal(err)
			}
		}
		since := f.clock.Now().Add(-time.Hour)
		plain := func(scope, key string) string {
			sum := sha256.Sum256([]byte(scope + ":" + key))
			return hex.EncodeToString(sum[:16])
		}
		for _, k := range [][2]string{{auth.ScopeAccount, "anna@example.org"}, {auth.ScopeAddress, "192.0.2.1"}} {
			if n, _ := f.store.CountLoginFailures(ctx, k[0], plain(k[0], k[1]), since); n != 0 {
				t.Errorf("%d failures counted under a plain SHA-256 of %s", n, k[1])
			}
		}
		secret, err := f.store.ServerSecret(ctx, "throttle_key", "not this one")
		if err != nil || len(secret) != 64 {
			t.Fatalf("the stored key %q, %v; want 32 bytes in hex", secret, err)
		}
		key, _ := hex.DecodeString(secret)
		keyed := func(scope, v string) string {
			m := hmac.New(sha256.New, key)
			m.Write([]byte(scope + ":" + v))
			return hex.EncodeToString(m.Sum(nil)[:16])
		}
		for _, k := range [][2]string{{auth.ScopeAccount, "anna@example.org"}, {auth.ScopeAddress, "192.0.2.1"}} {
			if n, _ := f.store.CountLoginFailures(ctx, k[0], keyed(k[0], k[1]), since); n != 3 {
				t.Errorf("%d failures under the HMAC of %s, want 3", n, k[1])
			}
		}

		// A restart (or a second instance) reads the same key: the count goes on.
		again, err := auth.Open(ctx, f.store, auth.Config{Params: auth.TestParams, Now: f.clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			again.CheckPassword(ctx, "anna@example.org", "fout wachtwoord!", "192.0.2.2")
		}
		if _, err := again.CheckPassword(ctx, "anna@example.org", goodPassword, "192.0.2.3"); !errors.Is(err, auth.ErrThrottled) {
			t.Errorf("after 3 + 2 failures over a restart: %v, want ErrThrottled", err)
		}
		if after, _ := f.store.ServerSecret(ctx, "throttle_key", "not this one"); after != secret {
			t.Error("a restart changed the key")
		}

		// Without its key a service refuses to count, rather than count unkeyed.
		bare := auth.NewService(f.store, auth.Config{Params: auth.TestParams, Now: f.clock.Now})
		if _, err := bare.CheckPassword(ctx, "anna@example.org", goodPassword, "192.0.2.4"); err == nil || care.ErrorCode(err) != care.Internal {
			t.Errorf("a login without the key: %v, want an internal error", err)
		}
	})
}

// TestChangePasswordThrottledAndAudited: the current password is checked
// like a login (same counters and limits) and every check is recorded.
func TestChangePasswordThrottledAndAudited(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		a := f.account(t, "cees@example.org")
		const next = "een nieuwe zin als wachtwoord"
		for i := range 5 {
			err := f.svc.ChangePassword(ctx, a, "fout wachtwoord!", next, "192.0.2.1", "")
			var fe care.FieldErrors
			if !errors.As(err, &fe) || fe["current"] != "account.current_wrong" {
				t.Fatalf("wrong password %d: %v", i, err)
			}
		}
		// Locked: the right password does not help, here or at the login.
		if err := f.svc.ChangePassword(ctx, a, goodPassword, next, "192.0.2.2", ""); !errors.Is(err, auth.ErrThrottled) {
			t.Fatalf("after 5 failures: %v, want ErrThrottled", err)
		}
		if _, err := f.svc.CheckPassword(ctx, a.Email, goodPassword, "192.0.2.3"); !errors.Is(err, auth.ErrThrottled) {
			t.Errorf("login after 5 failed changes: %v, want ErrThrottled", err)
		}
		f.clock.Add(16 * time.Minute)
		err := f.svc.ChangePassword(ctx, a, goodPassword, "kort", "192.0.2.4", "")
		var fe care.FieldErrors
		if !errors.As(err, &fe) || fe["new"] != "password.too_short" || fe["current"] != "" {
			t.Fatalf("a short new password: %v", err)
		}
		if err := f.svc.ChangePassword(ctx, a, goodPassword, next, "192.0.2.4", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.CheckPassword(ctx, a.Email, next, "192.0.2.5"); err != nil {
			t.Errorf("the new password: %v", err)
		}
		if _, err := f.svc.CheckPassword(ctx, a.Email, goodPassword, "192.0.2.5"); !errors.Is(err, auth.ErrBadLogin) {
			t.Errorf("the old password: %v", err)
		}
		failed := record{a.ID, care.RoleCaseManager, auth.ObjectAccountPassword, a.ID, care.ActionUpdate, care.OutcomeFailed, "192.0.2.1", false}
		want := []record{failed, failed, failed, failed, failed}
		failed.Point = "192.0.2.2"
		want = append(want, failed, record{a.ID, care.RoleCaseManager, auth.ObjectAccountPassword, a.ID, care.ActionUpdate, care.OutcomeSuccess, "192.0.2.4", true})
		if diff := cmp.Diff(want, f.records(t, 0)); diff != "" {
			t.Errorf("audit records (-want +got):\n%s", diff)
		}
	})
}

// TestAdminActionsAudited: every administrator action is recorded with
// the administrator as actor and the account as object; anyone else is
// refused, and recorded as refused.
func TestAdminActionsAudited(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		admin := f.admin(t)
		mail := &mailbox{}
		out, err := f.svc.AdminCreateAccount(ctx, admin, auth.NewAccount{OrganisationID: f.org, Email: "Dirk@Example.org",
			Name: "Dirk", Role: care.RoleCaseManager, Password: goodPassword, MFAExempt: true}, mail)
		if err != nil {
			t.Fatal(err)
		}
		d := out.Account
		if out.Mail != auth.MailSent || d.Email != "dirk@example.org" || d.MFAExempt {
			t.Errorf("created %+v, mail %v", d, out.Mail)
		}
		if _, err := f.svc.CheckPassword(ctx, d.Email, goodPassword, "192.0.2.1"); !errors.Is(err, auth.ErrBadLogin) {
			t.Errorf("the password given to AdminCreateAccount works: %v", err)
		}
		_, err = f.svc.AdminCreateAccount(ctx, admin, auth.NewAccount{OrganisationID: f.org, Email: "dirk@example.org", Name: "Dirk", Role: care.RoleCaseManager}, mail)
		var fe care.FieldErrors
		if !errors.As(err, &fe) || fe["email"] != "account.email_taken" {
			t.Errorf("the same address twice: %v", err)
		}
		steps := []func() (*auth.Outcome, error){
			func() (*auth.Outcome, error) { return f.svc.AdminDisableAccount(ctx, admin, d.ID, mail) },
			func() (*auth.Outcome, error) { return f.svc.AdminEnableAccount(ctx, admin, d.ID, mail) },
			func() (*auth.Outcome, error) { return f.svc.AdminResetPassword(ctx, admin, d.ID, mail) },
			func() (*auth.Outcome, error) { return f.svc.AdminResetSecondFactor(ctx, admin, d.ID, mail) },
		}
		for i, step := range steps {
			if out, err := step(); err != nil || out.Mail != auth.MailSent {
				t.Fatalf("step %d: %+v, %v", i, out, err)
			}
		}
		if _, err := f.svc.AdminDisableAccount(ctx, admin, admin.AccountID, mail); !errors.Is(err, auth.ErrNotSelf) {
			t.Errorf("disabling oneself: %v", err)
		}
		if _, err := f.svc.AdminResetPassword(ctx, admin, 999999, mail); care.ErrorCode(err) != care.NotFound {
			t.Errorf("an account that does not exist: %v", err)
		}
		// A case manager is no administrator; the server's operator is one.
		cm := care.Actor{AccountID: d.ID, Role: care.RoleCaseManager, AccessPoint: "192.0.2.20"}
		if _, err := f.svc.AdminResetPassword(ctx, cm, admin.AccountID, mail); care.ErrorCode(err) != care.NotFound {
			t.Errorf("a case manager resets a password: %v, want NotFound", err)
		}
		if _, err := f.svc.AdminCreateAccount(ctx, cm, auth.NewAccount{OrganisationID: f.org, Email: "x@example.org", Name: "X", Role: care.RoleAdmin}, mail); care.ErrorCode(err) != care.NotFound {
			t.Errorf("a case manager makes an account: %v, want NotFound", err)
		}
		if _, err := f.svc.AdminDisableAccount(ctx, auth.Operator, d.ID, mail); err != nil {
			t.Errorf("the operator disables: %v", err)
		}

		ok := func(object string, action care.Action, id int64) record {
			return record{admin.AccountID, care.RoleAdmin, object, id, action, care.OutcomeSuccess, "192.0.2.10", true}
		}
		failed := func(object string, id int64) record {
			r := ok(object, care.ActionUpdate, id)
			r.Outcome = care.OutcomeFailed
			return r
		}
		createFailed := failed(auth.ObjectAccount, 0)
		createFailed.Action = care.ActionCreate
		want := []record{
			ok(auth.ObjectAccount, care.ActionCreate, d.ID),
			createFailed,
			ok(auth.ObjectAccountDisable, care.ActionUpdate, d.ID),
			ok(auth.ObjectAccountEnable, care.ActionUpdate, d.ID),
			ok(auth.ObjectPasswordReset, care.ActionUpdate, d.ID),
			ok(auth.ObjectMFAReset, care.ActionUpdate, d.ID),
			failed(auth.ObjectAccountDisable, admin.AccountID),
			failed(auth.ObjectPasswordReset, 999999),
			{d.ID, care.RoleCaseManager, auth.ObjectPasswordReset, admin.AccountID, care.ActionUpdate, care.OutcomeDenied, "192.0.2.20", false},
			{d.ID, care.RoleCaseManager, auth.ObjectAccount, 0, care.ActionCreate, care.OutcomeDenied, "192.0.2.20", false},
			{0, auth.RoleOperator, auth.ObjectAccountDisable, d.ID, care.ActionUpdate, care.OutcomeSuccess, "cli", true},
		}
		if diff := cmp.Diff(want, f.records(t, 0)); diff != "" {
			t.Errorf("audit records (-want +got):\n%s", diff)
		}
		if n, brk, err := f.store.VerifyAudit(ctx); n != len(want) || brk != nil || err != nil {
			t.Errorf("VerifyAudit = %d, %v, %v", n, brk, err)
		}

		// The holder heard of each: a link for the new account and the
		// resets, a notice for the others.
		var kinds []auth.LinkKind
		for _, l := range mail.links {
			kinds = append(kinds, l.Kind)
		}
		if diff := cmp.Diff([]auth.LinkKind{auth.LinkNewAccount, auth.LinkPassword, auth.LinkSecondFactor}, kinds); diff != "" {
			t.Errorf("links sent (-want +got):\n%s", diff)
		}
		if len(mail.notices) != 3 || mail.notices[0].Account != d.ID || !mail.notices[0].At.Equal(f.clock.Now()) {
			t.Errorf("notices %+v, want disable, enable and the operator's disable", mail.notices)
		}
		if want := f.clock.Now().Add(7 * 24 * time.Hour); !mail.links[0].Expires.Equal(want) {
			t.Errorf("a new account's link expires %v, want %v", mail.links[0].Expires, want)
		}
		if want := f.clock.Now().Add(24 * time.Hour); !mail.links[1].Expires.Equal(want) {
			t.Errorf("a reset link expires %v, want %v", mail.links[1].Expires, want)
		}
	})
}

// TestAdminMailDelivery: without a mailer, or with one that has no way out,
// nothing is sent and the action still holds; a failed send says so.
func TestAdminMailDelivery(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		admin := f.admin(t)
		a := f.account(t, "els@example.org")
		out, err := f.svc.AdminResetPassword(ctx, admin, a.ID, nil)
		if err != nil || out.Mail != auth.MailNotConfigured {
			t.Errorf("no mailer: %+v, %v", out, err)
		}
		out, err = f.svc.AdminDisableAccount(ctx, admin, a.ID, &mailbox{fail: auth.ErrNoMail})
		if err != nil || out.Mail != auth.MailNotConfigured || out.MailErr != nil {
			t.Errorf("a mailer without mail: %+v, %v", out, err)
		}
		broken := errors.New("smtp: connection refused")
		out, err = f.svc.AdminEnableAccount(ctx, admin, a.ID, &mailbox{fail: broken})
		if err != nil || out.Mail != auth.MailFailed || !errors.Is(out.MailErr, broken) {
			t.Errorf("a failed send: %+v, %v", out, err)
		}
		if got, _ := f.store.AccountByID(ctx, a.ID); !got.Active() {
			t.Error("a failed notice undid the enable")
		}
	})
}

// TestAccountLinks: a reset ends the old password and every session; the
// link works once and for a day, only the newest link works, and the
// holder then logs in with the new password and their second factor.
func TestAccountLinks(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		admin := f.admin(t)
		a := f.account(t, "fleur@example.org")
		secret := f.enrol(t, a)
		if _, _, err := f.svc.StartSession(ctx, a, true); err != nil {
			t.Fatal(err)
		}
		mail := &mailbox{}
		if _, err := f.svc.AdminResetPassword(ctx, admin, a.ID, mail); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.CheckPassword(ctx, a.Email, goodPassword, "192.0.2.1"); !errors.Is(err, auth.ErrBadLogin) {
			t.Errorf("the old password after a reset: %v", err)
		}
		if n, _ := f.store.DeleteSessions(ctx, time.Time{}, f.clock.Now().Add(time.Hour)); n != 0 {
			t.Errorf("%d sessions survived the reset", n)
		}
		token := mail.lastToken(t)
		l, got, err := f.svc.AccountLink(ctx, token)
		if err != nil || l.Kind != auth.LinkPassword || got.ID != a.ID {
			t.Fatalf("AccountLink = %+v, %+v, %v", l, got, err)
		}
		if stored, _ := f.store.AccountLinkByTokenHash(ctx, auth.HashLinkToken(token)); stored == nil || stored.TokenHash == token {
			t.Error("the token is stored as it is, or not at all")
		}
		for _, bad := range []string{"", "NOTATOKEN", token + "A", token[:len(token)-1]} {
			if _, _, err := f.svc.AccountLink(ctx, bad); !errors.Is(err, auth.ErrLinkUnknown) {
				t.Errorf("AccountLink(%q) = %v, want ErrLinkUnknown", bad, err)
			}
		}
		var fe care.FieldErrors
		if _, _, err := f.svc.UseAccountLink(ctx, token, "kort", "192.0.2.2"); !errors.As(err, &fe) || fe["password"] != "password.too_short" {
			t.Errorf("a short password: %v", err)
		}
		const next = "mijn eigen nieuwe wachtzin"
		got, kind, err := f.svc.UseAccountLink(ctx, token, next, "192.0.2.2")
		if err != nil || got.ID != a.ID || kind != auth.LinkPassword || !got.MFAEnrolled() {
			t.Fatalf("UseAccountLink = %+v, %q, %v", got, kind, err)
		}
		if _, _, err := f.svc.UseAccountLink(ctx, token, "nog een andere wachtzin", "192.0.2.3"); !errors.Is(err, auth.ErrLinkUsed) {
			t.Errorf("the link a second time: %v, want ErrLinkUsed", err)
		}
		logged, err := f.svc.CheckPassword(ctx, a.Email, next, "192.0.2.4")
		if err != nil || logged.TOTPSecret != secret {
			t.Errorf("login with the new password: %+v, %v; the second factor must stay", logged, err)
		}

		// Only the newest link works, and for a day.
		f.svc.AdminResetPassword(ctx, admin, a.ID, mail)
		older := mail.lastToken(t)
		f.clock.Add(time.Minute)
		f.svc.AdminResetSecondFactor(ctx, admin, a.ID, mail)
		newer := mail.lastToken(t)
		if _, _, err := f.svc.UseAccountLink(ctx, older, next, "192.0.2.5"); !errors.Is(err, auth.ErrLinkExpired) {
			t.Errorf("an older link: %v, want ErrLinkExpired", err)
		}
		f.clock.Add(auth.ResetLinkValidity)
		if _, _, err := f.svc.AccountLink(ctx, newer); !errors.Is(err, auth.ErrLinkExpired) {
			t.Errorf("a link after a day: %v, want ErrLinkExpired", err)
		}
		if _, _, err := f.svc.UseAccountLink(ctx, newer, next, "192.0.2.5"); !errors.Is(err, auth.ErrLinkExpired) {
			t.Errorf("using a link after a day: %v, want ErrLinkExpired", err)
		}

		// A second-factor reset: no second factor, no recovery codes, no
		// working password until the link is used.
		f.svc.AdminResetSecondFactor(ctx, admin, a.ID, mail)
		reset, _ := f.store.AccountByID(ctx, a.ID)
		if reset.MFAEnrolled() {
			t.Error("the second factor survived its reset")
		}
		if _, err := f.svc.CheckPassword(ctx, a.Email, next, "192.0.2.6"); !errors.Is(err, auth.ErrBadLogin) {
			t.Errorf("the password after a second-factor reset: %v", err)
		}
		got, kind, err = f.svc.UseAccountLink(ctx, mail.lastToken(t), next, "192.0.2.6")
		if err != nil || kind != auth.LinkSecondFactor || got.MFAEnrolled() {
			t.Errorf("UseAccountLink after a second-factor reset = %+v, %q, %v", got, kind, err)
		}

		// A disabled account's link does not work, nor can it be reset.
		f.svc.AdminResetPassword(ctx, admin, a.ID, mail)
		token = mail.lastToken(t)
		f.svc.AdminDisableAccount(ctx, admin, a.ID, mail)
		if _, _, err := f.svc.UseAccountLink(ctx, token, next, "192.0.2.7"); !errors.Is(err, auth.ErrLinkUnknown) {
			t.Errorf("a disabled account's link: %v, want ErrLinkUnknown", err)
		}
		if _, err := f.svc.AdminResetPassword(ctx, admin, a.ID, mail); !errors.Is(err, auth.ErrResetDisabled) {
			t.Errorf("resetting a disabled account: %v", err)
		}

		// Each use of a link is on record, by the holder.
		var used []record
		for _, r := range f.records(t, 0) {
			if r.Object == auth.ObjectAccountPassword {
				used = append(used, r)
			}
		}
		want := []record{
			{a.ID, care.RoleCaseManager, auth.ObjectAccountPassword, a.ID, care.ActionUpdate, care.OutcomeSuccess, "192.0.2.2", true},
			{a.ID, care.RoleCaseManager, auth.ObjectAccountPassword, a.ID, care.ActionUpdate, care.OutcomeSuccess, "192.0.2.6", true},
		}
		if diff := cmp.Diff(want, used, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("records of the links used (-want +got):\n%s", diff)
		}
	})
}
