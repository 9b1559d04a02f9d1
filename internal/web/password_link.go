package web

import (
	"errors"
	"net/http"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The link an account's holder gets by e-mail (a new account, or a reset
// by an administrator) opens a page to choose a password. After it, the
// holder gives their second factor as at a login, or sets up a new one
// when the account has none: the link alone never logs anyone in.

// PasswordLinkPage is what an account link opens: a form to choose a
// password, or why the link does not work (Problem set). It never holds a
// password, not even one that was refused.
type PasswordLinkPage struct {
	BasePage
	Token   string
	Kind    string // what the link is for: new, password or mfa
	Email   string
	Problem *LinkProblem
	Errors  Fields
}

// LinkProblem is a link that does not work, and what to do.
type LinkProblem struct {
	Err     error
	Status  int    // 404 for an unknown link, 410 for one that worked once or has expired
	Title   string // catalog key
	Message string // catalog key
	Login   bool   // offer the login page
}

// linkProblems are the ways an account link can fail, each with its own page.
var linkProblems = []LinkProblem{
	{Err: auth.ErrLinkUnknown, Status: http.StatusNotFound, Title: "link.unknown_title", Message: "link.unknown"},
	{Err: auth.ErrLinkExpired, Status: http.StatusGone, Title: "link.expired_title", Message: "link.expired"},
	{Err: auth.ErrLinkUsed, Status: http.StatusGone, Title: "link.used_title", Message: "link.used", Login: true},
}

func linkProblem(err error) *LinkProblem {
	for _, p := range linkProblems {
		if errors.Is(err, p.Err) {
			return &p
		}
	}
	return nil
}

// passwordLink starts the page for the link in the path; ok is false when
// the page was drawn already (the link does not work).
func (s *Server) passwordLink(w http.ResponseWriter, r *http.Request) (*PasswordLinkPage, bool, error) {
	// The token is in the path: no other site gets to see it.
	w.Header().Set("Referrer-Policy", "no-referrer")
	token := r.PathValue("token")
	l, a, err := s.auth.AccountLink(r.Context(), token)
	if prob := linkProblem(err); prob != nil {
		s.render(w, r, prob.Status, "password_link", &PasswordLinkPage{BasePage: s.base(r, prob.Title), Problem: prob})
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return &PasswordLinkPage{BasePage: s.base(r, "link.title."+string(l.Kind)), Token: token, Kind: string(l.Kind),
		Email: a.Email, Errors: Fields{}}, true, nil
}

func (s *Server) passwordLinkShow(w http.ResponseWriter, r *http.Request) error {
	p, ok, err := s.passwordLink(w, r)
	if !ok {
		return err
	}
	s.render(w, r, http.StatusOK, "password_link", p)
	return nil
}

// passwordLinkSubmit has the auth service set the password and use the
// link (one transaction, audited), then starts a half-done login: the
// holder gives their second factor, or sets up a new one.
func (s *Server) passwordLinkSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	p, ok, err := s.passwordLink(w, r)
	if !ok {
		return err
	}
	password, repeat := v.Get("password"), v.Get("repeat")
	if err := auth.CheckPasswordPolicy(password); err != nil {
		p.Errors["password"] = care.ErrorMessage(err)
	} else if password != repeat {
		p.Errors["repeat"] = "account.repeat_differs"
	}
	if len(p.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "password_link", p)
		return nil
	}
	a, kind, err := s.auth.UseAccountLink(r.Context(), p.Token, password, s.clientAddr(r))
	var fe care.FieldErrors
	switch {
	case errors.As(err, &fe):
		p.Errors = fe
		s.render(w, r, http.StatusUnprocessableEntity, "password_link", p)
		return nil
	case linkProblem(err) != nil:
		// Used by someone else in the meantime, replaced or just expired.
		prob := linkProblem(err)
		s.render(w, r, prob.Status, "password_link", &PasswordLinkPage{BasePage: s.base(r, prob.Title), Problem: prob})
		return nil
	case err != nil:
		return err
	}
	if c := httpx.StateOf(r); c.Token != "" {
		if err := s.auth.EndSession(r.Context(), c.Token); err != nil {
			return err
		}
	}
	mfaDone := !s.sessions.MFARequired(a)
	token, _, err := s.auth.StartSession(r.Context(), a, mfaDone)
	if err != nil {
		return err
	}
	s.sessions.SetCookie(w, token)
	s.log.InfoContext(r.Context(), "account link used", "account", a.ID, "kind", string(kind))
	switch {
	case mfaDone:
		http.Redirect(w, r, "/", http.StatusSeeOther)
	case a.MFAEnrolled():
		http.Redirect(w, r, "/login/code", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/mfa/setup", http.StatusSeeOther)
	}
	return nil
}
