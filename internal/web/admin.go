package web

import (
	"net/http"
	"strconv"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// AdminAccountsPage lists accounts and creates new ones.
type AdminAccountsPage struct {
	BasePage
	Accounts []*auth.Account
	Roles    []care.Role
	Form     struct{ Name, Email, Role string }
	Errors   Fields
	// PasswordFor is the account just made or reset; its temporary password
	// is shown once, with PasswordNote (a catalog key) saying which it was.
	PasswordFor  *auth.Account
	TempPassword string
	PasswordNote string
	Done         string // catalog key of what the last action did
}

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
	switch r.URL.Query().Get("done") {
	case "disabled", "enabled", "mfa-reset":
		p.Done = "admin.done." + r.URL.Query().Get("done")
	}
	p.Form.Role = string(care.RoleCaseManager)
	s.render(w, r, http.StatusOK, "admin_accounts", p)
	return nil
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
	password := auth.RandomPassword()
	a, err := s.auth.CreateAccount(r.Context(), auth.NewAccount{
		OrganisationID: httpx.AccountOf(r).OrganisationID, Email: p.Form.Email, Name: p.Form.Name,
		Role: care.Role(p.Form.Role), Password: password,
	})
	if inv, ok := err.(care.FieldErrors); ok {
		for k, msg := range inv {
			p.Errors[k] = msg
		}
		s.render(w, r, http.StatusUnprocessableEntity, "admin_accounts", p)
		return nil
	} else if err != nil {
		return err
	}
	s.log.InfoContext(r.Context(), "admin: account created", "account", a.ID, "role", string(a.Role), "by", httpx.AccountOf(r).ID)
	p, err = s.adminPage(r)
	if err != nil {
		return err
	}
	p.PasswordFor, p.TempPassword, p.PasswordNote = a, password, "admin.created"
	p.Form.Role = string(care.RoleCaseManager)
	s.render(w, r, http.StatusOK, "admin_accounts", p)
	return nil
}

// adminAccountAction disables, enables or resets the second factor of an account.
func (s *Server) adminAccountAction(action string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			return care.Errorf(care.NotFound, "account not found")
		}
		ctx := r.Context()
		me := httpx.AccountOf(r)
		if _, err := s.accounts.AccountByID(ctx, id); err != nil {
			return err
		}
		switch action {
		case "disabled":
			if id == me.ID {
				return care.Errorf(care.Invalid, "admin.not_self")
			}
			err = s.accounts.DisableAccount(ctx, id, s.cfg.Now())
		case "enabled":
			err = s.accounts.EnableAccount(ctx, id)
		case "mfa-reset":
			err = s.accounts.ResetAccountMFA(ctx, id)
		}
		if err != nil {
			return err
		}
		s.log.InfoContext(ctx, "admin: account "+action, "account", id, "by", me.ID)
		http.Redirect(w, r, "/admin/accounts?done="+action, http.StatusSeeOther)
		return nil
	}
}

// adminPasswordReset gives an account a new temporary password, shown once,
// and ends all its sessions: for someone who forgot theirs.
func (s *Server) adminPasswordReset(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return care.Errorf(care.NotFound, "account not found")
	}
	a, err := s.accounts.AccountByID(r.Context(), id)
	if err != nil {
		return err
	}
	password := auth.RandomPassword()
	if err := s.auth.SetPassword(r.Context(), a.ID, password, ""); err != nil {
		return err
	}
	s.log.InfoContext(r.Context(), "admin: password reset", "account", a.ID, "by", httpx.AccountOf(r).ID)
	p, err := s.adminPage(r)
	if err != nil {
		return err
	}
	p.PasswordFor, p.TempPassword, p.PasswordNote = a, password, "admin.password_reset"
	p.Form.Role = string(care.RoleCaseManager)
	s.render(w, r, http.StatusOK, "admin_accounts", p)
	return nil
}
