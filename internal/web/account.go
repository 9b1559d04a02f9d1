package web

import (
	"errors"
	"net/http"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// AccountPage shows the own account and changes the password.
type AccountPage struct {
	BasePage
	RoleKey       string
	RecoveryLeft  int
	Errors        Fields
	PasswordSaved bool
	// Reach is a case manager's reachability, as stored or as typed;
	// nil for other roles.
	Reach       *care.Reachability
	ReachErrors Fields
	ReachSaved  bool
	// Calendar is the calendar link block; nil for roles without one.
	Calendar *CalendarSection
	// Digest is the daily e-mail block; nil for roles without one.
	Digest *DigestSection
}

func (s *Server) accountShow(w http.ResponseWriter, r *http.Request) error {
	p, err := s.accountPage(r)
	if err != nil {
		return err
	}
	p.PasswordSaved = r.URL.Query().Get("saved") == "1"
	p.ReachSaved = r.URL.Query().Get("saved") == "reach"
	if p.Calendar != nil {
		p.Calendar.Revoked = r.URL.Query().Get("saved") == "calendar"
	}
	if p.Digest != nil {
		p.Digest.Saved = r.URL.Query().Get("saved") == "digest"
	}
	s.render(w, r, http.StatusOK, "account", p)
	return nil
}

func (s *Server) accountPage(r *http.Request) (*AccountPage, error) {
	a := httpx.AccountOf(r)
	left, err := s.auth.RecoveryCodesLeft(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	p := &AccountPage{BasePage: s.base(r, "account.title"), RoleKey: "role." + string(a.Role), RecoveryLeft: left, Errors: Fields{}, ReachErrors: Fields{}}
	if a.Role == care.RoleCaseManager {
		reach, err := s.auth.Reachability(r.Context(), a)
		if err != nil {
			return nil, err
		}
		p.Reach = &reach
	}
	if p.Calendar, err = s.calendarSection(r, p.Lang); err != nil {
		return nil, err
	}
	if p.Digest, err = s.digestSection(r); err != nil {
		return nil, err
	}
	return p, nil
}

func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	a := httpx.AccountOf(r)
	p, err := s.accountPage(r)
	if err != nil {
		return err
	}
	current, next, repeat := v.Get("current"), v.Get("new"), v.Get("repeat")
	if current == "" {
		p.Errors["current"] = "field.required"
	}
	if next != repeat {
		p.Errors["repeat"] = "account.repeat_differs"
	}
	if len(p.Errors) > 0 {
		// Nothing is checked against the current password yet.
		if err := auth.CheckPasswordPolicy(next); err != nil {
			p.Errors["new"] = care.ErrorMessage(err)
		}
		s.render(w, r, http.StatusUnprocessableEntity, "account", p)
		return nil
	}
	// The auth service checks the current password like a login:
	// throttled, counted and recorded in the audit trail.
	err = s.auth.ChangePassword(r.Context(), a, current, next, s.clientAddr(r), httpx.StateOf(r).Session.TokenHash)
	var fe care.FieldErrors
	switch {
	case errors.As(err, &fe):
		p.Errors = fe
		s.render(w, r, http.StatusUnprocessableEntity, "account", p)
		return nil
	case care.ErrorCode(err) == care.TooMany:
		p.Errors["current"] = "login.throttled"
		s.render(w, r, http.StatusTooManyRequests, "account", p)
		return nil
	case err != nil:
		return err
	}
	s.log.InfoContext(r.Context(), "account: password changed", "account", a.ID)
	http.Redirect(w, r, "/account?saved=1", http.StatusSeeOther)
	return nil
}

// languageSubmit switches the language: for the account when logged in,
// and in a cookie for the login pages.
func (s *Server) languageSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	lang := v.Get("lang")
	if !validLang(lang) {
		lang = "nl"
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
	if c := httpx.StateOf(r); c.Account != nil {
		if err := s.accounts.SetAccountLocale(r.Context(), c.Account.ID, lang); err != nil {
			return err
		}
	}
	http.Redirect(w, r, localPath(v.Get("next")), http.StatusSeeOther)
	return nil
}
