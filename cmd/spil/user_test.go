package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

func TestUser(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			dsn := d.fresh(t)
			if d.name == "postgres" {
				mustSpil(t, "migrate", "--db", dsn)
			}
			testUser(t, dsn)
		})
	}
}

func testUser(t *testing.T, dsn string) {
	ctx := context.Background()
	const email = "anna@kct.example"

	// A valid account: the temporary password is shown once and works.
	r := mustSpil(t, "user", "add", "--db", dsn, "--email", " Anna@KCT.example ", "--name", "Anna de Vries", "--role", "casemanager", "--org-name", "KCT Noord")
	if want := "Created " + email + " (casemanager)."; !strings.Contains(r.stdout, want) {
		t.Errorf("user add says %q, want %q", r.stdout, want)
	}
	m := regexp.MustCompile(`(?m)^  (\S+)$`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no temporary password in %q", r.stdout)
	}
	s := openDB(t, dsn)
	acc, err := s.AccountByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	if !auth.VerifyPassword(m[1], acc.PasswordHash) {
		t.Error("the printed temporary password does not verify")
	}
	if acc.Name != "Anna de Vries" || acc.Role != care.RoleCaseManager || !acc.Active() || acc.MFAEnrolled() || acc.MFAExempt {
		t.Errorf("account %+v", acc)
	}
	org, err := s.FirstOrganisation(ctx)
	if err != nil || acc.OrganisationID != org {
		t.Errorf("account in organisation %d, first organisation %d (%v)", acc.OrganisationID, org, err)
	}

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string
		wantStderr []string
	}{
		{"invalid email", []string{"add", "--email", "anna-at-kct", "--name", "Anna", "--role", "casemanager"},
			1, nil, []string{"cannot create the account", "email"}},
		{"bad role", []string{"add", "--email", "bas@kct.example", "--name", "Bas", "--role", "king"},
			1, nil, []string{"cannot create the account", "role"}},
		{"no name", []string{"add", "--email", "bas@kct.example", "--role", "admin"},
			1, nil, []string{"cannot create the account", "name"}},
		{"duplicate email", []string{"add", "--email", "ANNA@kct.example", "--name", "Anna Twee", "--role", "provider"},
			1, nil, []string{"cannot create the account", "email", "email_taken"}},
		{"list", []string{"list"},
			0, []string{"E-MAIL", email, "Anna de Vries", "casemanager", "active"}, nil},
		{"disable", []string{"disable", "--email", email},
			0, []string{"Done: disable " + email}, nil},
		{"list disabled", []string{"list"},
			0, []string{email, "disabled"}, nil},
		{"enable, e-mail in another case", []string{"enable", "--email", "Anna@Kct.Example"},
			0, []string{"Done: enable " + email}, nil},
		{"list enabled", []string{"list"},
			0, []string{email, "active"}, nil},
		{"reset-mfa", []string{"reset-mfa", "--email", email},
			0, []string{"Done: reset-mfa " + email}, nil},
		{"disable unknown", []string{"disable", "--email", "nobody@kct.example"},
			1, nil, []string{"no account with that e-mail address"}},
		{"enable unknown", []string{"enable", "--email", "nobody@kct.example"},
			1, nil, []string{"no account with that e-mail address"}},
		{"reset-mfa without email", []string{"reset-mfa"},
			1, nil, []string{"no account with that e-mail address"}},
		{"no action", nil,
			1, nil, []string{"say what to do"}},
		{"two actions", []string{"list", "add"},
			1, nil, []string{"say what to do"}},
		{"unknown action", []string{"delete", "--email", email},
			1, nil, []string{`unknown action "delete"`}},
	}
	for _, tt := range tests {
		if tt.name == "reset-mfa" {
			// Give the account a second factor to reset.
			if err := s.SetAccountTOTP(ctx, acc.ID, "JBSWY3DPEHPK3PXP", 1, []string{"hash"}); err != nil {
				t.Fatal(err)
			}
		}
		args := append([]string{"user", "--db", dsn}, tt.args...)
		r := spil(t, args...)
		if r.code != tt.wantCode {
			t.Errorf("%s: exit code %d, want %d\n%v", tt.name, r.code, tt.wantCode, r)
		}
		for _, want := range tt.wantStdout {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s: stdout does not contain %q\n%v", tt.name, want, r)
			}
		}
		for _, want := range tt.wantStderr {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: stderr does not contain %q\n%v", tt.name, want, r)
			}
		}
		if tt.wantCode != 0 && strings.Contains(r.stdout, "Created") {
			t.Errorf("%s: failed but says Created:\n%v", tt.name, r)
		}

		got, err := s.AccountByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		switch tt.name {
		case "disable":
			if got.Active() {
				t.Error("the account is active after disable")
			}
		case "enable, e-mail in another case":
			if !got.Active() {
				t.Error("the account is disabled after enable")
			}
		case "reset-mfa":
			if got.MFAEnrolled() {
				t.Error("the account still has a second factor after reset-mfa")
			}
			if n, err := s.UnusedRecoveryCodes(ctx, acc.ID); err != nil || n != 0 {
				t.Errorf("%d recovery codes left (%v)", n, err)
			}
		}
	}

	// Only the one account was made, in one organisation.
	accounts, err := s.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts) != 1 {
		t.Errorf("%d accounts, want 1", len(accounts))
	}
	if n, err := s.OrganisationCount(ctx); err != nil || n != 1 {
		t.Errorf("%d organisations (%v), want 1", n, err)
	}
}
