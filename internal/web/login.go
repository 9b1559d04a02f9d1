package web

import (
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// LoginPage is the login form.
type LoginPage struct {
	BasePage
	Email  string
	Next   string
	Notice string // catalog key of an informational message
	Error  string // catalog key of a form-level error
	Errors Fields
}

// loginForm is the decoded login form.
type loginForm struct {
	Email, Password, Next string
}

// decodeLoginForm reads the login form. The password is taken as typed
// (spaces count); over-long values are refused by the password check.
func decodeLoginForm(v url.Values) (loginForm, Fields) {
	errs := Fields{}
	f := loginForm{
		Email:    form.Field(v, "email", 254, true, errs),
		Password: v.Get("password"),
		Next:     localPath(v.Get("next")),
	}
	if f.Password == "" {
		errs["password"] = "field.required"
	}
	return f, errs
}

func (s *Server) loginShow(w http.ResponseWriter, r *http.Request) error {
	c := httpx.StateOf(r)
	if c.LoggedIn() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	p := &LoginPage{BasePage: s.base(r, "login.title"), Next: localPath(r.URL.Query().Get("next")), Errors: Fields{}}
	switch {
	case c.Expired || r.URL.Query().Get("expired") == "1":
		p.Notice = "login.expired"
	case r.URL.Query().Get("out") == "1":
		p.Notice = "login.logged_out"
	}
	s.render(w, r, http.StatusOK, "login", p)
	return nil
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	f, errs := decodeLoginForm(v)
	p := &LoginPage{BasePage: s.base(r, "login.title"), Email: f.Email, Next: f.Next, Errors: errs}
	if len(errs) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "login", p)
		return nil
	}
	a, err := s.auth.CheckPassword(r.Context(), f.Email, f.Password, s.clientAddr(r))
	switch care.ErrorCode(err) {
	case "":
	case care.TooMany:
		p.Error = "login.throttled"
		s.render(w, r, http.StatusTooManyRequests, "login", p)
		return nil
	case care.Unauthorized:
		p.Error = "login.bad_credentials"
		s.render(w, r, http.StatusUnauthorized, "login", p)
		return nil
	default:
		return err
	}
	// A new session on every login; any earlier one ends.
	if c := httpx.StateOf(r); c.Token != "" {
		if err := s.auth.EndSession(r.Context(), c.Token); err != nil {
			return err
		}
	}
	mfaDone := !s.sessions.MFARequired(a)
	if mfaDone {
		if err := s.auth.LoginComplete(r.Context(), a); err != nil {
			return err
		}
	}
	token, _, err := s.auth.StartSession(r.Context(), a, mfaDone)
	if err != nil {
		return err
	}
	s.sessions.SetCookie(w, token)
	s.log.InfoContext(r.Context(), "login: password accepted", "account", a.ID, "mfa_pending", !mfaDone)
	switch {
	case mfaDone:
		http.Redirect(w, r, f.Next, http.StatusSeeOther)
	case a.MFAEnrolled():
		http.Redirect(w, r, "/login/code?next="+url.QueryEscape(f.Next), http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/mfa/setup", http.StatusSeeOther)
	}
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c := httpx.StateOf(r); c.Token != "" {
		if err := s.auth.EndSession(r.Context(), c.Token); err != nil {
			return err
		}
	}
	s.sessions.ClearCookie(w)
	// A page may send the user on to log in with another account and come
	// back (an invitation opened while logged in as someone else).
	to := "/login?out=1"
	if next := localPath(r.PostFormValue("next")); next != "/" {
		to += "&next=" + url.QueryEscape(next)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// requireLogin lets fully logged-in requests through and sends others to
// the step they still have to take.
func (s *Server) requireLogin(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		c := httpx.StateOf(r)
		switch {
		case c.LoggedIn():
			return h(w, r)
		case c.Account != nil && c.Account.MFAEnrolled():
			http.Redirect(w, r, "/login/code", http.StatusSeeOther)
		case c.Account != nil:
			http.Redirect(w, r, "/mfa/setup", http.StatusSeeOther)
		case r.Method == http.MethodGet:
			q := url.Values{"next": {r.URL.RequestURI()}}
			if c.Expired {
				q.Set("expired", "1")
			}
			http.Redirect(w, r, "/login?"+q.Encode(), http.StatusSeeOther)
		default:
			return care.Errorf(care.Unauthorized, "session.none")
		}
		return nil
	}
}

// requireRole lets only accounts with the role through; others get 404.
func (s *Server) requireRole(role care.Role, h handler) handler {
	return s.requireLogin(func(w http.ResponseWriter, r *http.Request) error {
		if httpx.StateOf(r).Account.Role != role {
			return care.Errorf(care.NotFound, "page not found")
		}
		return h(w, r)
	})
}
