package web

import (
	"html/template"
	"net/http"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// CodePage asks for the second factor after the password.
type CodePage struct {
	BasePage
	Next  string
	Error string
}

// SetupPage enrols a TOTP app: QR code, the secret for manual entry and a
// field for the first code.
type SetupPage struct {
	BasePage
	Enrolment *auth.Enrolment
	QR        template.URL // the QR code as a data: URL made by the server
	Error     string
}

// RecoveryPage shows the recovery codes once, right after enrolment.
type RecoveryPage struct {
	BasePage
	Codes []string
}

// pendingMFA returns the half-logged-in state (password given, second factor
// not yet), or false after redirecting elsewhere.
func (s *Server) pendingMFA(w http.ResponseWriter, r *http.Request, wantEnrolled bool) (*httpx.State, bool) {
	c := httpx.StateOf(r)
	switch {
	case c.Account == nil:
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return nil, false
	case c.LoggedIn():
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil, false
	case c.Account.MFAEnrolled() != wantEnrolled:
		if wantEnrolled {
			http.Redirect(w, r, "/mfa/setup", http.StatusSeeOther)
		} else {
			http.Redirect(w, r, "/login/code", http.StatusSeeOther)
		}
		return nil, false
	}
	return c, true
}

func (s *Server) codeShow(w http.ResponseWriter, r *http.Request) error {
	if _, ok := s.pendingMFA(w, r, true); !ok {
		return nil
	}
	s.render(w, r, http.StatusOK, "code", &CodePage{BasePage: s.base(r, "code.title"), Next: localPath(r.URL.Query().Get("next"))})
	return nil
}

func (s *Server) codeSubmit(w http.ResponseWriter, r *http.Request) error {
	c, ok := s.pendingMFA(w, r, true)
	if !ok {
		return nil
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	p := &CodePage{BasePage: s.base(r, "code.title"), Next: localPath(v.Get("next"))}
	code := v.Get("code")
	if len(code) > 64 {
		code = ""
	}
	err = s.auth.CheckCode(r.Context(), c.Account, code, s.clientAddr(r))
	switch care.ErrorCode(err) {
	case "":
	case care.TooMany:
		p.Error = "login.throttled"
		s.render(w, r, http.StatusTooManyRequests, "code", p)
		return nil
	case care.Unauthorized:
		p.Error = "mfa.bad_code"
		s.render(w, r, http.StatusUnauthorized, "code", p)
		return nil
	default:
		return err
	}
	c.Session.MFADone = true
	token, _, err := s.auth.RenewSession(r.Context(), c.Session)
	if err != nil {
		return err
	}
	s.sessions.SetCookie(w, token)
	s.log.InfoContext(r.Context(), "login: second factor accepted", "account", c.Account.ID)
	http.Redirect(w, r, p.Next, http.StatusSeeOther)
	return nil
}

func (s *Server) setupShow(w http.ResponseWriter, r *http.Request) error {
	c, ok := s.pendingMFA(w, r, false)
	if !ok {
		return nil
	}
	e, err := s.auth.BeginEnrolment(r.Context(), c.Session, c.Account)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "setup", &SetupPage{BasePage: s.base(r, "setup.title"), Enrolment: e, QR: template.URL(e.QRPNG)})
	return nil
}

func (s *Server) setupSubmit(w http.ResponseWriter, r *http.Request) error {
	c, ok := s.pendingMFA(w, r, false)
	if !ok {
		return nil
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	code := v.Get("code")
	if len(code) > 64 {
		code = ""
	}
	codes, err := s.auth.ConfirmEnrolment(r.Context(), c.Session, c.Account, code, s.clientAddr(r))
	if errCode := care.ErrorCode(err); errCode == care.Unauthorized || errCode == care.TooMany || errCode == care.Invalid {
		e, err2 := s.auth.BeginEnrolment(r.Context(), c.Session, c.Account)
		if err2 != nil {
			return err2
		}
		p := &SetupPage{BasePage: s.base(r, "setup.title"), Enrolment: e, QR: template.URL(e.QRPNG), Error: "mfa.bad_code"}
		status := http.StatusUnauthorized
		if errCode == care.TooMany {
			p.Error, status = "login.throttled", http.StatusTooManyRequests
		}
		s.render(w, r, status, "setup", p)
		return nil
	} else if err != nil {
		return err
	}
	token, sess, err := s.auth.RenewSession(r.Context(), c.Session)
	if err != nil {
		return err
	}
	s.sessions.SetCookie(w, token)
	s.log.InfoContext(r.Context(), "mfa: enrolled", "account", c.Account.ID)
	// The page is rendered as logged in: the new session is complete.
	r = r.WithContext(httpx.WithState(r.Context(), &httpx.State{Session: sess, Account: c.Account, Token: token}))
	s.render(w, r, http.StatusOK, "recovery", &RecoveryPage{BasePage: s.base(r, "recovery.title"), Codes: codes})
	return nil
}
