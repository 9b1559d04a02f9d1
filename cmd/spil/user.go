package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/web"
)

var userCommand = command{
	name:    "user",
	usage:   "user add|disable|enable|reset-mfa|reset-password|list [flags]",
	summary: "create, disable and list accounts; reset a password or second factor by a link to the account's holder",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
		f.str(&c.Email, "email", "", "e-mail address of the account", false)
		f.str(&c.Name, "name", "", "full name (add)", false)
		f.str(&c.Role, "role", "", "role (add): admin, casemanager, provider, family or coordinator", false)
		f.str(&c.OrgName, "org-name", "Mijn organisatie", "name of the organisation to create when there is none yet (add)", false)
		f.mailFlags(c, "")
	},
	run: runUser,
}

// The command acts as the server's operator: every change is the auth
// service's, checked and recorded in the audit trail (actor "operator",
// access point "cli") like an administrator's on the web page, and the
// holder hears of it the same way. Only where Spil sends no e-mail does
// the operator see the link, to hand it over: whoever runs this command
// has the database itself, so the link gives them nothing they did not
// have (docs/security.md).

func runUser(ctx context.Context, a *app, args []string) error {
	if len(args) != 1 {
		return errors.New("say what to do: add, disable, enable, reset-mfa, reset-password or list")
	}
	c := a.cfg
	links := args[0] == "add" || args[0] == "reset-password" || args[0] == "reset-mfa"
	if links && c.SMTPHost != "" && c.BaseURL == "" {
		return errors.New("--base-url is needed to send the link by e-mail: the address where users reach Spil")
	}
	s, err := openDatabase(ctx, a, dbUse{migrate: true, current: true})
	if err != nil {
		return err
	}
	defer s.Close()
	authSvc, err := newAuth(ctx, c, s)
	if err != nil {
		return err
	}
	holder, err := holderMail(c, a.out)
	if err != nil {
		return err
	}
	var out *auth.Outcome
	switch args[0] {
	case "list":
		return listAccounts(ctx, a.out, s)
	case "add":
		org, err := firstOrganisation(ctx, s, c.OrgName)
		if err != nil {
			return err
		}
		out, err = authSvc.AdminCreateAccount(ctx, auth.Operator, auth.NewAccount{
			OrganisationID: org, Email: c.Email, Name: c.Name, Role: care.Role(c.Role),
		}, holder)
		var inv care.FieldErrors
		if errors.As(err, &inv) {
			return fmt.Errorf("cannot create the account: %v", map[string]string(inv))
		} else if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Created %s (%s).\n", out.Account.Email, out.Account.Role)
	case "disable", "enable", "reset-mfa", "reset-password":
		acc, err := s.AccountByEmail(ctx, auth.NormalizeEmail(c.Email))
		if err != nil {
			return fmt.Errorf("no account with that e-mail address")
		}
		do := map[string]func(context.Context, care.Actor, int64, auth.AccountMail) (*auth.Outcome, error){
			"disable": authSvc.AdminDisableAccount, "enable": authSvc.AdminEnableAccount,
			"reset-password": authSvc.AdminResetPassword, "reset-mfa": authSvc.AdminResetSecondFactor,
		}[args[0]]
		if out, err = do(ctx, auth.Operator, acc.ID, holder); err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Done: %s %s.\n", args[0], acc.Email)
	default:
		return fmt.Errorf("unknown action %q: use add, disable, enable, reset-mfa, reset-password or list", args[0])
	}
	switch {
	case out.Mail == auth.MailFailed:
		return fmt.Errorf("the account was changed, but the e-mail to its holder was not sent: %w", out.MailErr)
	case out.Mail == auth.MailSent && c.SMTPHost != "" && links:
		fmt.Fprintln(a.out, "The holder has been sent a link by e-mail to choose a password; you do not see it.")
	case out.Mail == auth.MailSent && c.SMTPHost != "":
		fmt.Fprintln(a.out, "The holder has been told by e-mail that the account was changed.")
	case out.Mail == auth.MailNotConfigured:
		fmt.Fprintln(a.out, "No e-mail is configured (--smtp-host): the holder has not been told of the change.")
	}
	return nil
}

func listAccounts(ctx context.Context, out io.Writer, s *store.Store) error {
	accounts, err := s.Accounts(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
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
}

// holderMail is how the command reaches an account's holder: by e-mail
// when an SMTP server is configured, else through the operator's terminal.
func holderMail(c *Config, out io.Writer) (auth.AccountMail, error) {
	if c.SMTPHost == "" {
		return &terminalMail{out: out, base: c.BaseURL}, nil
	}
	m, err := mail.NewSMTP(c.smtpConfig())
	if err != nil {
		return nil, err
	}
	return web.NewAccountMailer(m, c.BaseURL)
}

// terminalMail prints a holder's link for the operator to hand over, where
// Spil sends no e-mail, and sends no notices.
type terminalMail struct {
	out  io.Writer
	base string // where users reach Spil; empty prints the path only
}

// linkWarnings say what the printed link is worth to whoever holds it.
var linkWarnings = map[auth.LinkKind]string{
	auth.LinkNewAccount:   "With it alone anyone can choose the password and set up two-step verification: it is the account",
	auth.LinkSecondFactor: "With it alone anyone can choose the password and set up two-step verification: it is the account",
	auth.LinkPassword:     "It chooses the password only: the holder's own second factor is still needed to log in",
}

func (m *terminalMail) SendLink(_ context.Context, a *auth.Account, l *auth.AccountLink, token string) error {
	link := m.base + web.PasswordLinkPath(token)
	where := ""
	if m.base == "" {
		where = " (put the address where users reach Spil in front, or set --base-url)"
	}
	_, err := fmt.Fprintf(m.out, "No e-mail is configured (--smtp-host). Hand this link to %s yourself, in person or by a secure channel%s:\n\n  %s\n\n"+
		"It works once, until %s. %s until it is used; nobody else should see it.\n",
		a.Email, where, link, l.ExpiresAt.In(care.Amsterdam).Format("2006-01-02 15:04 MST"), linkWarnings[l.Kind])
	return err
}

func (m *terminalMail) SendNotice(context.Context, *auth.Account, time.Time) error {
	return auth.ErrNoMail
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
