package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

var userCommand = command{
	name:    "user",
	usage:   "user add|disable|enable|reset-mfa|reset-password|list [flags]",
	summary: "create, disable and list accounts, reset a password or second factor",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
		f.str(&c.Email, "email", "", "e-mail address of the account", false)
		f.str(&c.Name, "name", "", "full name (add)", false)
		f.str(&c.Role, "role", "", "role (add): admin, casemanager, provider, family or coordinator", false)
		f.str(&c.OrgName, "org-name", "Mijn organisatie", "name of the organisation to create when there is none yet (add)", false)
	},
	run: runUser,
}

func runUser(ctx context.Context, a *app, args []string) error {
	if len(args) != 1 {
		return errors.New("say what to do: add, disable, enable, reset-mfa, reset-password or list")
	}
	s, err := openStore(ctx, a, true)
	if err != nil {
		return err
	}
	defer s.Close()
	authSvc, err := newAuth(ctx, a.cfg, s)
	if err != nil {
		return err
	}
	c := a.cfg
	switch args[0] {
	case "list":
		accounts, err := s.Accounts(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tE-MAIL\tNAME\tROLE\tMFA\tSTATUS")
		for _, acc := range accounts {
			mfa, status := "no", "active"
			if acc.MFAEnrolled() {
				mfa = "yes"
			}
			if !acc.Active() {
				status = "disabled"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", acc.ID, acc.Email, acc.Name, acc.Role, mfa, status)
		}
		return tw.Flush()
	case "add":
		org, err := firstOrganisation(ctx, s, c.OrgName)
		if err != nil {
			return err
		}
		password := auth.RandomPassword()
		acc, err := authSvc.CreateAccount(ctx, auth.NewAccount{
			OrganisationID: org, Email: c.Email, Name: c.Name, Role: care.Role(c.Role), Password: password,
		})
		var inv care.FieldErrors
		if errors.As(err, &inv) {
			return fmt.Errorf("cannot create the account: %v", map[string]string(inv))
		} else if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Created %s (%s). Temporary password, shown once:\n\n  %s\n\nAt the first login the user sets up two-step verification.\n", acc.Email, acc.Role, password)
		return nil
	case "disable", "enable", "reset-mfa", "reset-password":
		acc, err := s.AccountByEmail(ctx, auth.NormalizeEmail(c.Email))
		if err != nil {
			return fmt.Errorf("no account with that e-mail address")
		}
		switch args[0] {
		case "disable":
			err = s.DisableAccount(ctx, acc.ID, time.Now())
		case "enable":
			err = s.EnableAccount(ctx, acc.ID)
		case "reset-password":
			password := auth.RandomPassword()
			if err := authSvc.SetPassword(ctx, acc.ID, password, ""); err != nil {
				return err
			}
			fmt.Fprintf(a.out, "New temporary password for %s, shown once:\n\n  %s\n\nAll its sessions have ended.\n", acc.Email, password)
			return nil
		default:
			err = s.ResetAccountMFA(ctx, acc.ID)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Done: %s %s.\n", args[0], acc.Email)
		return nil
	}
	return fmt.Errorf("unknown action %q: use add, disable, enable, reset-mfa, reset-password or list", args[0])
}

// firstOrganisation returns the organisation new accounts join, creating it
// in an empty database.
func firstOrganisation(ctx context.Context, s *store.Store, name string) (int64, error) {
	id, err := s.FirstOrganisation(ctx)
	if care.ErrorCode(err) == care.NotFound {
		return s.CreateOrganisation(ctx, name, time.Now())
	}
	return id, err
}
