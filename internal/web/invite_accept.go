package web

import (
	"errors"
	"net/http"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// InviteAcceptPage is what the link in an invitation opens: a form to
// choose a password, or why the link does not work (Problem set).
type InviteAcceptPage struct {
	BasePage
	Token   string
	Name    string
	Email   string
	Problem *InvitationProblem
	Errors  Fields
	// Existing is set when the address has an account already: the
	// holder links it to the family instead of making a second one.
	Existing *ExistingAccount
}

// InvitationProblem is a link that does not work, and what to do.
type InvitationProblem struct {
	Err     error
	Status  int    // 404 for an unknown link, 410 for one that worked once
	Title   string // catalog key
	Message string // catalog key
	Login   bool   // offer the login page: the account may exist already
}

// invitationProblems are the ways a link can fail, each with its own page.
var invitationProblems = []InvitationProblem{
	{Err: care.ErrInvitationUnknown, Status: http.StatusNotFound, Title: "invitation.unknown_title", Message: "invitation.unknown"},
	{Err: care.ErrInvitationExpired, Status: http.StatusGone, Title: "invitation.expired_title", Message: "invitation.expired"},
	{Err: care.ErrInvitationUsed, Status: http.StatusGone, Title: "invitation.used_title", Message: "invitation.used", Login: true},
}

// invitationProblem returns the page for err, or nil when err is not about the link.
func invitationProblem(err error) *InvitationProblem {
	for _, p := range invitationProblems {
		if errors.Is(err, p.Err) {
			return &p
		}
	}
	return nil
}

// inviteAccept starts the page for the link in the path; ok is false when
// the page was drawn already (the link does not work).
func (s *Server) inviteAccept(w http.ResponseWriter, r *http.Request) (*care.Invitation, *InviteAcceptPage, bool, error) {
	// The token is in the path: no other site gets to see it.
	w.Header().Set("Referrer-Policy", "no-referrer")
	token := r.PathValue("token")
	inv, err := s.care.InvitationForToken(r.Context(), token)
	if prob := invitationProblem(err); prob != nil {
		s.renderInvitationProblem(w, r, prob)
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, err
	}
	p := &InviteAcceptPage{BasePage: s.base(r, "invitation.accept_title"), Token: token, Name: inv.Name, Email: inv.Email, Errors: Fields{}}
	exists, err := s.care.InvitationForAccount(r.Context(), inv)
	if err != nil {
		return nil, nil, false, err
	}
	if exists {
		p.Existing = existingAccount(r, inv)
		p.Title = "invitation.existing_title"
	}
	return inv, p, true, nil
}

func (s *Server) renderInvitationProblem(w http.ResponseWriter, r *http.Request, prob *InvitationProblem) {
	s.render(w, r, prob.Status, "invite_accept", &InviteAcceptPage{BasePage: s.base(r, prob.Title), Problem: prob})
}

func (s *Server) inviteShow(w http.ResponseWriter, r *http.Request) error {
	_, p, ok, err := s.inviteAccept(w, r)
	if !ok {
		return err
	}
	s.render(w, r, http.StatusOK, "invite_accept", p)
	return nil
}

// inviteSubmit has the care service make the account and link it to the
// family (one transaction, audited), logs the new account in and sends it
// on to set up the second factor.
func (s *Server) inviteSubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	inv, p, ok, err := s.inviteAccept(w, r)
	if !ok {
		return err
	}
	if p.Existing != nil {
		return s.inviteLinkAccount(w, r, p)
	}
	password, repeat := v.Get("password"), v.Get("repeat")
	if err := auth.CheckPasswordPolicy(password); err != nil {
		p.Errors["password"] = care.ErrorMessage(err)
	} else if password != repeat {
		p.Errors["repeat"] = "account.repeat_differs"
	}
	if len(p.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "invite_accept", p)
		return nil
	}
	id, err := s.care.AcceptInvitation(r.Context(), p.Token, password, s.clientAddr(r))
	var fe care.FieldErrors
	switch {
	case errors.Is(err, care.ErrEmailTaken):
		p.Errors["email"] = "invitation.email_taken"
		s.render(w, r, http.StatusConflict, "invite_accept", p)
		return nil
	case errors.As(err, &fe):
		p.Errors = fe
		s.render(w, r, http.StatusUnprocessableEntity, "invite_accept", p)
		return nil
	case invitationProblem(err) != nil:
		// Someone else used the link in the meantime, or it just expired.
		s.renderInvitationProblem(w, r, invitationProblem(err))
		return nil
	case err != nil:
		return err
	}
	acct, err := s.accounts.AccountByID(r.Context(), id)
	if err != nil {
		return err
	}
	if c := httpx.StateOf(r); c.Token != "" {
		if err := s.auth.EndSession(r.Context(), c.Token); err != nil {
			return err
		}
	}
	token, _, err := s.auth.StartSession(r.Context(), acct, false)
	if err != nil {
		return err
	}
	s.sessions.SetCookie(w, token)
	s.log.InfoContext(r.Context(), "invitation accepted", "invitation", inv.ID, "account", acct.ID)
	http.Redirect(w, r, "/mfa/setup", http.StatusSeeOther)
	return nil
}
