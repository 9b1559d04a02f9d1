// Command loadaccount prepares case managers of a generated database for
// the load client: it picks up to --accounts case managers, gives them all
// one new random password and one TOTP secret, and writes both with the
// accounts to a file (mode 0600), so that every load worker can log in as
// a different case manager, with the second factor, like any user.
//
// The accounts are spread over the organisations: round by round, each
// organisation (in order of name) gives its case manager with the largest
// caseload not picked yet. The first workers are therefore the busiest
// case managers of the country, mostly KCT case managers with caseloads of
// about sixty families; later ones include thuis case managers with about
// ten. On a database of 'spil demo --families N' there is one case manager.
//
// The password is hashed once, by internal/auth with the production
// argon2id parameters (so the login scenario measures the real cost), and
// the same hash is set on every account in one transaction
// (store.SetLoadCredentials): preparing a thousand accounts one
// 'spil user reset-password' at a time would take a minute of hashing.
//
//	go run ./bench/cmd/loadaccount --db bench.db --out creds.json --accounts 256
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/store"
)

// Creds is what the load client reads to log in.
type Creds struct {
	Password   string    `json:"password"`
	TOTPSecret string    `json:"totp_secret"`
	Accounts   []Account `json:"accounts"`
}

// Account is one prepared case manager.
type Account struct {
	ID           int64  `json:"id"`
	Email        string `json:"email"`
	Organisation string `json:"organisation"`
	Region       string `json:"region"` // from the organisation's name; "" when it names none
	Families     int    `json:"families"`
}

func main() {
	db := flag.String("db", "", "database: a SQLite file path or a postgres:// URL (required)")
	out := flag.String("out", "", "file to write the credentials to, as JSON (required)")
	n := flag.Int("accounts", 256, "how many case managers to prepare (fewer when the database has fewer)")
	flag.Parse()
	if *db == "" || *out == "" || *n < 1 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(context.Background(), *db, *out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "loadaccount:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dsn, out string, n int) error {
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
	loads, err := s.CaseManagerLoads(ctx)
	if err != nil {
		return err
	}
	picked := pick(loads, n)
	if len(picked) == 0 {
		return errors.New("no case manager has families: run 'spil demo --national' or 'spil demo --families N' first")
	}

	// Default parameters: the production argon2id cost.
	c := Creds{Password: auth.RandomPassword()}
	hash, err := auth.HashPassword(c.Password, auth.DefaultParams)
	if err != nil {
		return err
	}
	e, err := auth.NewEnrolment(auth.NewService(s, auth.Config{}).Config().Issuer, picked[0].Email)
	if err != nil {
		return err
	}
	c.TOTPSecret = e.Secret
	ids := make([]int64, len(picked))
	for i, l := range picked {
		ids[i] = l.AccountID
		c.Accounts = append(c.Accounts, Account{ID: l.AccountID, Email: l.Email, Organisation: l.Organisation,
			Region: demo.RegionOf(l.Organisation), Families: l.Families})
	}
	// No code has been used yet, so the current one works for each.
	if err := s.SetLoadCredentials(ctx, ids, hash, c.TOTPSecret); err != nil {
		return err
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, append(b, '\n'), 0o600); err != nil {
		return err
	}
	least, most := picked[0].Families, picked[0].Families
	for _, l := range picked {
		least, most = min(least, l.Families), max(most, l.Families)
	}
	fmt.Printf("Prepared %d case managers of %d (caseloads of %d to %d families): password and TOTP secret written to %s.\n",
		len(picked), len(loads), least, most, out)
	return nil
}

// pick takes up to n case managers with families, round by round one per
// organisation (by name), each organisation's largest caseload first.
func pick(loads []store.CaseManagerLoad, n int) []store.CaseManagerLoad {
	byOrg := map[string][]store.CaseManagerLoad{}
	var orgs []string
	for _, l := range loads {
		if l.Families == 0 {
			continue
		}
		if _, ok := byOrg[l.Organisation]; !ok {
			orgs = append(orgs, l.Organisation)
		}
		byOrg[l.Organisation] = append(byOrg[l.Organisation], l)
	}
	slices.Sort(orgs)
	for _, o := range orgs {
		slices.SortStableFunc(byOrg[o], func(a, b store.CaseManagerLoad) int {
			return cmp.Or(cmp.Compare(b.Families, a.Families), cmp.Compare(a.AccountID, b.AccountID))
		})
	}
	var out []store.CaseManagerLoad
	for round := 0; len(out) < n; round++ {
		added := false
		for _, o := range orgs {
			if round < len(byOrg[o]) && len(out) < n {
				out = append(out, byOrg[o][round])
				added = true
			}
		}
		if !added {
			break
		}
	}
	return out
}
