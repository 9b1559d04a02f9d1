package care

import (
	"context"
	"errors"
)

// AccountHolder is who holds an account, as far as linking it to a family
// needs to know: no password, no second factor.
type AccountHolder struct {
	ID     int64
	Email  string // lower case
	Role   Role
	Active bool
}

// AccountStore reads account holders, to link an existing account to a
// further family.
type AccountStore interface {
	// AccountHolder returns the account with id; NotFound when none.
	AccountHolder(ctx context.Context, id int64) (*AccountHolder, error)
	// AccountHolderByEmail returns the account with the (lower-case)
	// address; NotFound when none.
	AccountHolderByEmail(ctx context.Context, email string) (*AccountHolder, error)
}

// Errors of accepting an invitation with an account that exists, with
// catalog keys that say what to do.
var (
	// ErrInvitationOtherAccount: the logged-in account is not the one the
	// invitation was sent to.
	ErrInvitationOtherAccount = Errorf(Forbidden, "invitation.other_account")
	// ErrInvitationWrongRole: the account cannot hold this kind of link
	// (a provider's account invited as a parent, a case manager's, ...).
	ErrInvitationWrongRole = Errorf(Conflict, "invitation.wrong_role")
	// ErrInvitationAlreadyLinked: the account is linked to the family.
	ErrInvitationAlreadyLinked = Errorf(Conflict, "invitation.already_linked")
)

// LinkRole is the role of an account that may hold a link of kind.
func LinkRole(kind string) Role {
	if kind == LinkProvider {
		return RoleProvider
	}
	return RoleFamily
}

// InvitationForAccount says whether an account with the invitation's
// address exists: then its holder logs in and links that account to the
// family (AcceptInvitationAsAccount) instead of making a second one.
func (s *Service) InvitationForAccount(ctx context.Context, inv *Invitation) (bool, error) {
	var exists bool
	err := s.store.Read(ctx, func(st Store) error {
		_, err := st.AccountHolderByEmail(ctx, inv.Email)
		switch ErrorCode(err) {
		case "":
			exists = true
		case NotFound:
		default:
			return err
		}
		return nil
	})
	return exists, err
}

// AcceptInvitationAsAccount links the logged-in account of actor to the
// invitation's family, as the invitation says (parent, child or provider,
// with its family member or network member). Only the account the
// invitation was sent to may: another logged-in account is refused
// (ErrInvitationOtherAccount), and so is an account of the wrong role or
// one linked to the family already. Using the invitation, the link and the
// audit record are one transaction, so the link works once; a refusal is
// audited too. It returns the invitation used.
func (s *Service) AcceptInvitationAsAccount(ctx context.Context, actor Actor, token string) (*Invitation, error) {
	inv, err := s.InvitationForToken(ctx, token)
	if err != nil {
		return nil, err
	}
	err = s.store.Atomic(ctx, func(st Store) error {
		holder, err := st.AccountHolder(ctx, actor.AccountID)
		if err != nil {
			return err
		}
		switch {
		case !holder.Active || holder.Email != inv.Email:
			return ErrInvitationOtherAccount
		case holder.Role != LinkRole(inv.Kind):
			return ErrInvitationWrongRole
		}
		if l, err := st.LinkOf(ctx, holder.ID, inv.FamilyID); err != nil {
			return err
		} else if l != nil {
			return ErrInvitationAlreadyLinked
		}
		if err := st.UseInvitation(ctx, inv.ID, holder.ID, s.now()); err != nil {
			return ErrInvitationUsed
		}
		if err := st.CreateLink(ctx, &Link{FamilyID: inv.FamilyID, AccountID: holder.ID, Kind: inv.Kind,
			MemberID: inv.MemberID, NetworkMemberID: inv.NetworkMemberID}); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, inv.FamilyID, "invitation", inv.ID, ActionUpdate,
			Decision{Allowed: true, Relationship: true}, OutcomeSuccess))
	})
	if errors.Is(err, ErrInvitationOtherAccount) || errors.Is(err, ErrInvitationWrongRole) || errors.Is(err, ErrInvitationAlreadyLinked) {
		// Someone tried to take an invitation that is not theirs, or could
		// not use it: recorded, and the invitation stays unused.
		if aerr := s.store.AppendAudit(ctx, s.event(actor, inv.FamilyID, "invitation", inv.ID, ActionUpdate,
			Decision{}, OutcomeDenied)); aerr != nil {
			return nil, errors.Join(err, aerr)
		}
	}
	if err != nil {
		return nil, err
	}
	return inv, nil
}
