package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

func TestUser(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			dsn := d.fresh(t)
			mustSpil(t, "migrate", "--db", dsn)
			testUser(t, dsn)
		})
	}
}

func testUser(t *testing.T, dsn string) {
	ctx := context.Background()
	const email = "anna@kct.example"

	// A valid account: no password is shown; without e-mail the operator
	// gets the link to hand over, and it works.
	r := mustSpil(t, "user", "add", "--db", dsn, "--email", " Anna@KCT.example ", "--name", "Anna de Vries", "--role", "casemanager", "--org-name", "KCT Noord")
	if want := "Created " + email + " (casemanager)."; !strings.Contains(r.stdout, want) {
		t.Errorf("user add says %q, want %q", r.stdout, want)
	}
	token := printedToken(t, r.stdout, "")
	if !strings.Contains(r.stdout, "it is the account") || strings.Contains(r.stdout, "temporary password") {
		t.Errorf("user add without e-mail says:\n%s", r.stdout)
	}
	s := openDB(t, dsn)
	acc, err := s.AccountByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	if acc.Name != "Anna de Vries" || acc.Role != care.RoleCaseManager || !acc.Active() || acc.MFAEnrolled() || acc.MFAExempt {
		t.Errorf("account %+v", acc)
	}
	svc, err := auth.Open(ctx, s, auth.Config{Params: auth.TestParams})
	if err != nil {
		t.Fatal(err)
	}
	const chosen = "anna kiest haar eigen wachtwoord"
	if _, kind, err := svc.UseAccountLink(ctx, token, chosen, "192.0.2.1"); err != nil || kind != auth.LinkNewAccount {
		t.Fatalf("the printed link: %q, %v", kind, err)
	}
	if _, err := svc.CheckPassword(ctx, email, chosen, "192.0.2.1"); err != nil {
		t.Errorf("the password chosen through the link: %v", err)
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
			0, []string{"Done: reset-mfa " + email, "/password/", "it is the account"}, nil},
		{"reset-password", []string{"reset-password", "--email", email, "--base-url", "https://spil.example.nl"},
			0, []string{"Done: reset-password " + email, "https://spil.example.nl/password/", "own second factor is still needed"}, nil},
		{"notice without e-mail", []string{"disable", "--email", email},
			0, []string{"the holder has not been told"}, nil},
		{"enable again", []string{"enable", "--email", email},
			0, nil, nil},
		{"link by e-mail without --base-url", []string{"reset-password", "--email", email, "--smtp-host", "smtp.example.nl", "--smtp-from", "noreply@spil.example.nl"},
			1, nil, []string{"--base-url is needed"}},
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
		case "reset-password":
			if _, err := svc.CheckPassword(ctx, email, chosen, "192.0.2.2"); care.ErrorCode(err) != care.Unauthorized {
				t.Errorf("the password after reset-password: %v", err)
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

	// Every change is on record, by the operator on the command line.
	es, err := s.AuditEvents(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		if e.ActorID == 0 && e.ActorRole == auth.RoleOperator && e.AccessPoint == "cli" && e.Outcome == care.OutcomeSuccess {
			got = append(got, e.ObjectType)
		}
	}
	want := []string{auth.ObjectAccount, auth.ObjectAccountDisable, auth.ObjectAccountEnable, auth.ObjectMFAReset,
		auth.ObjectPasswordReset, auth.ObjectAccountDisable, auth.ObjectAccountEnable}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the operator's records: %q, want %q", got, want)
	}
}

// printedToken is the token of the link spil user printed, under base.
func printedToken(t *testing.T, stdout, base string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(base) + `/password/([A-Z2-7]{40,})$`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no link in:\n%s", stdout)
	}
	return m[1]
}

// TestUserByMail: with an SMTP server, spil user sends the holder the link
// and the operator never sees it.
func TestUserByMail(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.SQLitePath(t)
	sink := mailtest.Start(t)
	mailArgs := []string{"--smtp-host", sink.Host(), "--smtp-port", strconv.Itoa(sink.Port()), "--smtp-tls", "none",
		"--smtp-from", "Spil <noreply@spil.example.nl>", "--base-url", "https://spil.example.nl"}
	mustSpil(t, "migrate", "--db", dsn)
	r := mustSpil(t, append([]string{"user", "add", "--db", dsn, "--email", "bas@kct.example", "--name", "Bas", "--role", "admin"}, mailArgs...)...)
	r2 := mustSpil(t, append([]string{"user", "reset-mfa", "--db", dsn, "--email", "bas@kct.example"}, mailArgs...)...)
	r3 := mustSpil(t, append([]string{"user", "disable", "--db", dsn, "--email", "bas@kct.example"}, mailArgs...)...)
	msgs := sink.Messages()
	if len(msgs) != 3 {
		t.Fatalf("%d messages, want 3", len(msgs))
	}
	for i, want := range []string{"een account voor u gemaakt", "uw wachtwoord en uw tweestapsverificatie werken niet meer", "door uw beheerder gewijzigd."} {
		if msgs[i].To[0] != "bas@kct.example" || !strings.Contains(msgs[i].Text, want) {
			t.Errorf("message %d to %q:\n%s", i, msgs[i].To, msgs[i].Text)
		}
	}
	for i, r := range []result{r, r2, r3} {
		if strings.Contains(r.stdout, "/password/") {
			t.Errorf("command %d printed a link:\n%s", i, r.stdout)
		}
	}
	if !strings.Contains(r2.stdout, "sent a link by e-mail") || !strings.Contains(r3.stdout, "told by e-mail") {
		t.Errorf("the commands say:\n%s\n%s", r2.stdout, r3.stdout)
	}
	// The mailed link works.
	_, rest, _ := strings.Cut(msgs[1].Text, "https://spil.example.nl/password/")
	token, _, _ := strings.Cut(rest, "\n")
	s := openDB(t, dsn)
	if l, err := s.AccountLinkByTokenHash(ctx, auth.HashLinkToken(token)); err != nil || l.Kind != auth.LinkSecondFactor {
		t.Errorf("the mailed link: %+v, %v", l, err)
	}
}
