package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// An administrator manages accounts through the auth service, which checks,
// records and carries out each action in one call. No page ever shows a
// password or a link: the holder gets the link by e-mail.

// AdminAccountsPage lists accounts and creates new ones.
type AdminAccountsPage struct {
	BasePage
	Accounts []*auth.Account
	Roles    []care.Role
	Form     struct{ Name, Email, Role string }
	Errors   Fields
	Done     string // catalog key of what the last action did
	Mail     string // catalog key of whether its e-mail went out
}

// adminActions are the actions of the accounts page, by the name their
// outcome carries in ?done=, and whether they send a link (else a notice).
var adminActions = map[string]bool{"created": true, "disabled": false, "enabled": false, "password-reset": true, "mfa-reset": true}

// adminMail names the delivery of an action's e-mail in ?mail=.
var adminMail = map[auth.Delivery]string{auth.MailSent: "sent", auth.MailNotConfigured: "none", auth.MailFailed: "failed"}

func (s *Server) adminPage(r *http.Request) (*AdminAccountsPage, error) {
	as, err := s.accounts.Accounts(r.Context())
	if err != nil {
		return nil, err
	}
	return &AdminAccountsPage{BasePage: s.base(r, "admin.title"), Accounts: as, Roles: care.Roles, Errors: Fields{}}, nil
}

func (s *Server) adminAccounts(w http.ResponseWriter, r *http.Request) error {
	p, err := s.adminPage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if link, ok := adminActions[q.Get("done")]; ok {
		p.Done = "admin.done." + q.Get("done")
		kind := "notice"
		if link {
			kind = "link"
		}
		switch m := q.Get("mail"); m {
		case "sent", "none", "failed":
			p.Mail = "admin.mail." + m + "_" + kind
		}
	}
	p.Form.Role = string(care.RoleCaseManager)
	s.render(w, r, http.StatusOK, "admin_accounts", p)
	return nil
}

// adminDone sends the administrator back to the list, which says what was
// done and whether the holder was told.
func (s *Server) adminDone(w http.ResponseWriter, r *http.Request, done string, out *auth.Outcome) {
	ctx := r.Context()
	switch out.Mail {
	case auth.MailNotConfigured:
		s.log.InfoContext(ctx, "admin: no e-mail sent to the account's holder: e-mail is not configured", "account", out.Account.ID, "action", done)
	case auth.MailFailed:
		// The mail package keeps the address out of its errors.
		s.log.WarnContext(ctx, "admin: e-mail to the account's holder not sent", "account", out.Account.ID, "action", done, "err", out.MailErr)
	}
	s.log.InfoContext(ctx, "admin: account "+done, "account", out.Account.ID, "by", httpx.AccountOf(r).ID)
	q := url.Values{"done": {done}, "mail": {adminMail[out.Mail]}}
	http.Redirect(w, r, "/admin/accounts?"+q.Encode(), http.StatusSeeOther)
}

func (s *Server) adminAccountCreate(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	p, err := s.adminPage(r)
	if err != nil {
		return err
	}
	p.Form.Name = form.Field(v, "name", 200, true, p.Errors)
	p.Form.Email = form.Field(v, "email", 254, true, p.Errors)
	p.Form.Role = v.Get("role")
	if len(p.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "admin_accounts", p)
		return nil
	}
	out, err := s.auth.AdminCreateAccount(r.Context(), s.actor(r), auth.NewAccount{
		OrganisationID: httpx.AccountOf(r).OrganisationID, Email: p.Form.Email, Name: p.Form.Name, Role: care.Role(p.Form.Role),
	}, s.accountMail(r))
	if inv, ok := err.(care.FieldErrors); ok {
		for k, msg := range inv {
			p.Errors[k] = msg
		}
		s.render(w, r, http.StatusUnprocessableEntity, "admin_accounts", p)
		return nil
	} else if err != nil {
		return err
	}
	s.adminDone(w, r, "created", out)
	return nil
}

// adminAction is one of the auth service's actions on an account.
type adminAction func(ctx context.Context, by care.Actor, id int64, m auth.AccountMail) (*auth.Outcome, error)

// adminAccountAction does an action of the accounts page on the account in
// the path; done names its outcome.
func (s *Server) adminAccountAction(done string, do adminAction) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		out, err := do(r.Context(), s.actor(r), id, s.accountMail(r))
		if err != nil {
			return err
		}
		s.adminDone(w, r, done, out)
		return nil
	}
}

// accountMail is the mailer of account e-mail for this request: links lead
// to the configured address, or else to the one the request came in on.
func (s *Server) accountMail(r *http.Request) auth.AccountMail {
	return &AccountMailer{mailer: s.cfg.Mailer, base: s.baseURL(r), i18n: s.i18n}
}
