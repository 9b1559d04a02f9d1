package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/store"
)

var demoCommand = command{
	name:    "demo",
	usage:   "demo --families N [flags]",
	summary: "fill a database with N generated families, for load tests",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
		f.integer(&c.Families, "families", 1000, "number of families to generate")
		f.integer(&c.Seed, "seed", 1, "random seed: the same seed makes the same families")
	},
	run: runDemo,
}

// demoAccount is one of the accounts demo mode makes, one per role.
type demoAccount struct {
	Email string
	Name  string
	Role  care.Role
	About string
}

// demoAccounts are listed in the README; keep the two in step.
var demoAccounts = []demoAccount{
	{"casemanager@demo.spil.test", "Carla Visser", care.RoleCaseManager, "casemanager KCT"},
	{"zorgverlener@demo.spil.test", "Pieter de Graaf", care.RoleProvider, "huisarts"},
	{"ouder@demo.spil.test", "Sandra Hermans", care.RoleFamily, "moeder van Daan Hermans"},
	{"coordinator@demo.spil.test", "Ria Jansen", care.RoleCoordinator, "regiocoördinator"},
	{"beheer@demo.spil.test", "Bas Beheer", care.RoleAdmin, "beheerder"},
}

// setUpDemo fills an empty database with the demo organisation, families and
// accounts, and on every start gives the demo accounts a fresh password
// (or SPIL_DEMO_PASSWORD) and prints it.
func setUpDemo(ctx context.Context, a *app, s *store.Store, authSvc *auth.Service) error {
	n, err := s.OrganisationCount(ctx)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	if n == 0 {
		org, err := s.CreateOrganisation(ctx, "Demo Kinder Comfort Team", now)
		if err != nil {
			return err
		}
		var fams []*care.Family
		for _, f := range demo.Families(now) {
			fams = append(fams, familyFrom(org, f, now))
		}
		if err := s.CreateFamilies(ctx, fams); err != nil {
			return err
		}
		for _, d := range demoAccounts {
			_, err := authSvc.CreateAccount(ctx, auth.NewAccount{
				OrganisationID: org, Email: d.Email, Name: d.Name, Role: d.Role, Password: auth.RandomPassword(), MFAExempt: true,
			})
			if err != nil {
				return fmt.Errorf("demo account %s: %w", d.Email, err)
			}
		}
		a.log.Info("demo data created", "families", len(fams), "accounts", len(demoAccounts))
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  E-MAIL\tROLE\tPASSWORD")
	listed := 0
	for _, d := range demoAccounts {
		acc, err := s.AccountByEmail(ctx, d.Email)
		if care.ErrorCode(err) == care.NotFound {
			continue // the database was not made by demo mode
		} else if err != nil {
			return err
		}
		if !acc.MFAExempt {
			continue
		}
		pw := a.cfg.DemoPassword
		if pw == "" {
			pw = auth.RandomPassword()
		}
		if err := authSvc.SetPassword(ctx, acc.ID, pw, ""); err != nil {
			return fmt.Errorf("demo password: %v (SPIL_DEMO_PASSWORD must follow the password rules: at least 12 characters, not a common password)", care.ErrorMessage(err))
		}
		fmt.Fprintf(tw, "  %s\t%s (%s)\t%s\n", d.Email, d.Role, d.About, pw)
		listed++
	}
	tw.Flush()
	if listed == 0 {
		fmt.Fprintf(a.out, "\nSpil demo mode, on a database that demo mode did not fill: it has no demo accounts.\n"+
			"Start demo mode on a new database (--db) to get the demo families and accounts.\n\n")
		return nil
	}
	fmt.Fprintf(a.out, "\nSpil demo mode. Log in with one of these accounts (no second factor needed in demo mode):\n\n%s\n", b.String())
	return nil
}

func familyFrom(org int64, f demo.Family, now time.Time) *care.Family {
	return &care.Family{
		OrganisationID: org, ChildName: f.ChildName, BirthDate: f.BirthDate, Sex: f.Sex,
		Diagnosis: f.Diagnosis, ICD10: f.ICD10, Intensity: care.Intensity(f.Intensity),
		Summary: f.Summary, Deceased: f.Deceased, CreatedAt: now,
	}
}

func runDemo(ctx context.Context, a *app, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(args, " "))
	}
	s, err := openStore(ctx, a, true)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	org, err := firstOrganisation(ctx, s, "Demo (gegenereerd)")
	if err != nil {
		return err
	}
	const batchSize = 1000
	batch := make([]*care.Family, 0, batchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := s.CreateFamilies(ctx, batch)
		batch = batch[:0]
		return err
	}
	now := start.UTC()
	err = demo.Generate(a.cfg.Families, int64(a.cfg.Seed), now, func(i int, f demo.Family) error {
		batch = append(batch, familyFrom(org, f, now))
		if len(batch) == batchSize {
			return flush()
		}
		return ctx.Err()
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Generated %d families in %s.\n", a.cfg.Families, time.Since(start).Round(time.Millisecond))
	return nil
}
