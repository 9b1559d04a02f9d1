package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// ExistingAccount is an invitation to an address that has an account: its
// holder logs in (password and second factor) and links that account to
// the family.
type ExistingAccount struct {
	// Step is "login" (not logged in yet), "confirm" (logged in as the
	// holder) or "other" (logged in with another account).
	Step string
	// LoginURL logs in and comes back to the invitation.
	LoginURL string
	// LoggedInAs is the address of the account logged in, for "other".
	LoggedInAs string
	// Refused is the catalog key of why linking did not work.
	Refused string
	// Suffix picks the catalog keys that address a provider as "u".
	Suffix string
}

// existingAccount is the step the request is at for an invitation to an
// address with an account.
func existingAccount(r *http.Request, inv *care.Invitation) *ExistingAccount {
	e := &ExistingAccount{Step: "login", LoginURL: "/login?" + url.Values{"next": {r.URL.Path}}.Encode()}
	if inv.Kind == care.LinkProvider {
		e.Suffix = "_u"
	}
	c := httpx.StateOf(r)
	switch {
	case !c.LoggedIn():
	case c.Account.Email == inv.Email:
		e.Step = "confirm"
	default:
		e.Step, e.LoggedInAs = "other", c.Account.Email
	}
	return e
}

// inviteLinkAccount links the logged-in account to the invitation's family
// through the care service, which checks that it is the account the
// invitation was sent to, uses the invitation and records it.
func (s *Server) inviteLinkAccount(w http.ResponseWriter, r *http.Request, p *InviteAcceptPage) error {
	if p.Existing.Step == "login" {
		http.Redirect(w, r, p.Existing.LoginURL, http.StatusSeeOther)
		return nil
	}
	inv, err := s.care.AcceptInvitationAsAccount(r.Context(), s.actor(r), p.Token)
	switch {
	case errors.Is(err, care.ErrInvitationOtherAccount):
		p.Existing.Step, p.Existing.LoggedInAs = "other", httpx.AccountOf(r).Email
		s.render(w, r, http.StatusForbidden, "invite_accept", p)
		return nil
	case errors.Is(err, care.ErrInvitationWrongRole), errors.Is(err, care.ErrInvitationAlreadyLinked):
		p.Existing.Refused = care.ErrorMessage(err)
		s.render(w, r, http.StatusConflict, "invite_accept", p)
		return nil
	case invitationProblem(err) != nil:
		s.renderInvitationProblem(w, r, invitationProblem(err))
		return nil
	case err != nil:
		return err
	}
	s.log.InfoContext(r.Context(), "invitation accepted by an existing account", "invitation", inv.ID, "account", httpx.AccountOf(r).ID)
	http.Redirect(w, r, "/?linked=1", http.StatusSeeOther)
	return nil
}
