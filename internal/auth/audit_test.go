package auth_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// login is one recorded login attempt.
type login struct {
	Account     int64
	Role        care.Role
	AccessPoint string
	Outcome     string
}

// recorder keeps the login attempts it is told of; fail makes it refuse.
type recorder struct {
	got  []login
	fail error
}

func (r *recorder) RecordLogin(_ context.Context, id int64, role care.Role, ap, outcome string) error {
	if r.fail != nil {
		return r.fail
	}
	r.got = append(r.got, login{id, role, ap, outcome})
	return nil
}

// TestPasswordChecksAreRecorded: every accepted and refused password check
// is recorded against the account the address names (0 for none), and a
// login whose record cannot be written fails.
func TestPasswordChecksAreRecorded(t *testing.T) {
	db := storetest.Databases()[0]
	f := setup(t, db.Open)
	rec := &recorder{}
	svc, err := auth.Open(context.Background(), f.store, auth.Config{Params: auth.TestParams, Now: f.clock.Now, MaxAccountFailures: 2})
	if err != nil {
		t.Fatal(err)
	}
	svc.SetLoginAudit(rec)
	a := f.account(t, "anna@example.org")
	ctx := context.Background()
	if _, err := svc.CheckPassword(ctx, " Anna@example.org ", goodPassword, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := svc.CheckPassword(ctx, "anna@example.org", "fout wachtwoord!", "192.0.2.2"); !errors.Is(err, auth.ErrBadLogin) {
			t.Fatalf("wrong password: %v", err)
		}
	}
	if _, err := svc.CheckPassword(ctx, "anna@example.org", goodPassword, "192.0.2.3"); !errors.Is(err, auth.ErrThrottled) {
		t.Fatalf("throttled: %v", err)
	}
	if _, err := svc.CheckPassword(ctx, "niemand@example.org", goodPassword, "192.0.2.4"); !errors.Is(err, auth.ErrBadLogin) {
		t.Fatalf("unknown address: %v", err)
	}
	want := []login{
		{a.ID, care.RoleCaseManager, "192.0.2.1", care.OutcomeSuccess},
		{a.ID, care.RoleCaseManager, "192.0.2.2", care.OutcomeFailed},
		{a.ID, care.RoleCaseManager, "192.0.2.2", care.OutcomeFailed},
		{a.ID, care.RoleCaseManager, "192.0.2.3", care.OutcomeFailed},
		{0, "", "192.0.2.4", care.OutcomeFailed},
	}
	if diff := cmp.Diff(want, rec.got); diff != "" {
		t.Errorf("recorded logins (-want +got):\n%s", diff)
	}

	rec.fail = errors.New("audit trail down")
	b := f.account(t, "bram@example.org")
	if got, err := svc.CheckPassword(ctx, b.Email, goodPassword, "192.0.2.5"); err == nil || got != nil {
		t.Errorf("a login without its record: %+v, %v; want an error and no account", got, err)
	}
}
