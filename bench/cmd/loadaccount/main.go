// Command loadaccount prepares the load-test case manager that
// 'spil demo --families N' creates: it gives the account a new random
// password and a TOTP secret, and writes both to a file (mode 0600) so that
// the load client can log in with the second factor like any user.
//
// It goes through internal/auth and internal/store, as 'spil user' does; the
// password is hashed with the production argon2id parameters, so the login
// scenario measures the real cost.
//
//	go run ./bench/cmd/loadaccount --db bench.db --out creds.json
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// loadEmail is the account 'spil demo --families' assigns its families to.
const loadEmail = "loadtest@demo.spil.test"

// Creds is what the load client reads to log in.
type Creds struct {
	Email      string `json:"email"`
	Password   string `json:"password"`
	TOTPSecret string `json:"totp_secret"`
}

func main() {
	db := flag.String("db", "", "database: a SQLite file path or a postgres:// URL (required)")
	out := flag.String("out", "", "file to write the credentials to, as JSON (required)")
	email := flag.String("email", loadEmail, "account to prepare")
	flag.Parse()
	if *db == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(context.Background(), *db, *out, *email); err != nil {
		fmt.Fprintln(os.Stderr, "loadaccount:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dsn, out, email string) error {
	s, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer s.Close()
	if pending, err := s.Pending(ctx); err != nil {
		return err
	} else if len(pending) > 0 {
		return fmt.Errorf("the database has %d pending migrations: run 'spil demo' or 'spil migrate' first", len(pending))
	}
	acc, err := s.AccountByEmail(ctx, auth.NormalizeEmail(email))
	if care.ErrorCode(err) == care.NotFound {
		return fmt.Errorf("no account %s: run 'spil demo --families N' first", email)
	} else if err != nil {
		return err
	}
	// Default parameters: the production argon2id cost.
	svc := auth.NewService(s, auth.Config{})
	c := Creds{Email: acc.Email, Password: auth.RandomPassword()}
	if err := svc.SetPassword(ctx, acc.ID, c.Password, ""); err != nil {
		return err
	}
	e, err := auth.NewEnrolment(svc.Config().Issuer, acc.Email)
	if err != nil {
		return err
	}
	c.TOTPSecret = e.Secret
	// Step 0: no code has been used yet, so the current one works.
	if err := s.SetAccountTOTP(ctx, acc.ID, e.Secret, 0, nil); err != nil {
		return err
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, append(b, '\n'), 0o600); err != nil {
		return err
	}
	fmt.Printf("Prepared %s (account %d): password and TOTP secret written to %s.\n", acc.Email, acc.ID, out)
	return nil
}
