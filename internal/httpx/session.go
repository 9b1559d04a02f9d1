package httpx

import (
	"context"
	"net/http"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

type ctxKey int

const (
	stateKey ctxKey = iota + 1
	routeKey        // *string: the matched route pattern, for the access log
)

// State is the logged-in state of a request, as Sessions.Load found it.
type State struct {
	Session *auth.Session
	Account *auth.Account
	Token   string
	// Expired is set when a cookie was sent but its session had ended.
	Expired bool
	// Err is set when the session could not be looked up (the database
	// failed). The request is then not logged in, and each surface answers
	// the error in its own format before anything else.
	Err error
}

// StateOf returns the state of r; a request Sessions.Load did not see has
// an empty one.
func StateOf(r *http.Request) *State {
	st, _ := r.Context().Value(stateKey).(*State)
	if st == nil {
		return &State{}
	}
	return st
}

// WithState returns ctx carrying st, for a handler that starts a new
// session and answers as the new state.
func WithState(ctx context.Context, st *State) context.Context {
	return context.WithValue(ctx, stateKey, st)
}

// LoggedIn reports whether the request carries a fully authenticated session.
func (st *State) LoggedIn() bool { return st.Account != nil && st.Session.MFADone }

// AccountOf returns the account of the request's session, nil without one.
func AccountOf(r *http.Request) *auth.Account { return StateOf(r).Account }

// Sessions finds the session a request's cookie names and sets the cookie.
type Sessions struct {
	Auth *auth.Service
	// Secure gives the cookie the Secure flag and the __Host- prefix.
	Secure bool
	// Demo lets demo accounts skip the second factor.
	Demo bool
}

// CookieName is the name of the session cookie.
func (s *Sessions) CookieName() string {
	if s.Secure {
		return "__Host-spil"
	}
	return "spil"
}

// SetCookie sends the session cookie with token.
func (s *Sessions) SetCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: s.CookieName(), Value: token, Path: "/",
		HttpOnly: true, Secure: s.Secure, SameSite: http.SameSiteLaxMode,
	})
}

// ClearCookie removes the session cookie from the browser.
func (s *Sessions) ClearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: s.CookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.Secure, SameSite: http.SameSiteLaxMode,
	})
}

// MFARequired is false only for demo accounts while Spil runs in demo mode.
func (s *Sessions) MFARequired(a *auth.Account) bool { return !(s.Demo && a.MFAExempt) }

// Load puts the state of the session named by the cookie, if any, into the
// request. An ended session clears the cookie and is remembered, so the
// login page can say why the user is there. A lookup that fails is
// remembered too (State.Err), never answered here: the surface behind
// answers it in its own format.
func (s *Sessions) Load(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := &State{}
		if ck, err := r.Cookie(s.CookieName()); err == nil && ck.Value != "" {
			sess, acct, err := s.Auth.Session(r.Context(), ck.Value)
			switch {
			case err == nil:
				if sess.MFADone || !s.MFARequired(acct) {
					sess.MFADone = true
				}
				st.Session, st.Account, st.Token = sess, acct, ck.Value
			case care.ErrorCode(err) == care.Unauthorized:
				st.Expired = true
				s.ClearCookie(w)
			default:
				st.Err = err
			}
		}
		next.ServeHTTP(w, r.WithContext(WithState(r.Context(), st)))
	})
}
