package care

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"strings"
	"time"
)

// Invitation errors, with catalog keys that say what to do.
var (
	ErrInvitationUnknown = Errorf(NotFound, "invitation.unknown")
	ErrInvitationExpired = Errorf(Invalid, "invitation.expired")
	ErrInvitationUsed    = Errorf(Invalid, "invitation.used")
)

var tokenEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// HashInvitationToken returns the stored form of an invitation token.
func HashInvitationToken(token string) string {
	sum := sha256.Sum256([]byte("spil-invitation:" + token))
	return hex.EncodeToString(sum[:])
}

// CreateInvitation invites a parent (MemberID set), the child (from 12) or a
// provider (NetworkMemberID set) and returns the one-time token for the link.
// A name or address left empty is taken from the person invited.
func (s *Service) CreateInvitation(ctx context.Context, actor Actor, inv *Invitation) (string, error) {
	var token string
	err := s.gate(ctx, s.caseForm(actor, inv.FamilyID, "invitation", ActionCreate), func(st Store, rel Relationship, id *int64) error {
		f, err := s.formFile(ctx, st, inv.FamilyID)
		if err != nil {
			return err
		}
		f.FillInvitation(inv)
		inv.ChildName = f.Family.ChildName
		fe := FieldErrors{}
		text(fe, "name", inv.Name, MaxName, true)
		inv.Email = strings.ToLower(strings.TrimSpace(inv.Email))
		text(fe, "email", inv.Email, 254, true)
		email(fe, "email", inv.Email)
		switch inv.Kind {
		case LinkParent:
			inv.NetworkMemberID = 0
			ok := false
			for _, m := range f.Members {
				ok = ok || (m.ID == inv.MemberID && (m.Kind == "parent" || m.Kind == "carer"))
			}
			if !ok {
				fe["member"] = "field.choose"
			}
		case LinkChild:
			inv.MemberID, inv.NetworkMemberID = 0, 0
			switch {
			case f.Family.Deceased:
				fe["kind"] = "field.choose" // a child who died gets no account
			case AgeOn(f.Family.BirthDate, s.now()) < MinChildAccountAge:
				fe["kind"] = "invitation.child_too_young"
			}
		case LinkProvider:
			inv.MemberID = 0
			ok := false
			for _, n := range f.Network {
				ok = ok || n.ID == inv.NetworkMemberID
			}
			if !ok {
				fe["network_member"] = "field.choose"
			}
		default:
			fe["kind"] = "field.choose"
		}
		if len(fe) > 0 {
			return fe
		}
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		token = tokenEncoding.EncodeToString(b)
		now := s.now().UTC()
		inv.TokenHash, inv.CreatedBy, inv.CreatedAt, inv.ExpiresAt = HashInvitationToken(token), actor.AccountID, now, now.Add(InvitationValidity)
		if err := st.CreateInvitation(ctx, inv); err != nil {
			return err
		}
		*id = inv.ID
		return nil
	})
	return token, err
}

// InvitationForToken returns the invitation a link names, if it can still
// be used: unknown (or tampered) tokens, expired and used invitations each
// get their own error.
func (s *Service) InvitationForToken(ctx context.Context, token string) (*Invitation, error) {
	if token == "" || len(token) > 100 {
		return nil, ErrInvitationUnknown
	}
	var inv *Invitation
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		inv, err = st.InvitationByTokenHash(ctx, HashInvitationToken(token))
		return err
	})
	if ErrorCode(err) == NotFound {
		return nil, ErrInvitationUnknown
	}
	if err != nil {
		return nil, err
	}
	switch {
	case !inv.UsedAt.IsZero():
		return nil, ErrInvitationUsed
	case !s.now().Before(inv.ExpiresAt):
		return nil, ErrInvitationExpired
	}
	return inv, nil
}

// InvitedAccount is the account an accepted invitation makes.
type InvitedAccount struct {
	ID           int64
	InvitedBy    int64 // the account gets this case manager's organisation
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	CreatedAt    time.Time
}

// ErrEmailTaken answers an invitation to an address that has an account.
var ErrEmailTaken = Errorf(Conflict, "invitation.email_taken")

// AcceptInvitation makes the account the invitation is for, with the
// password chosen, and links it to the family: using the invitation, making
// the account, the link and the audit record are one transaction, so a
// link used twice at once makes one account, and a refused one none. It
// returns the new account's id.
func (s *Service) AcceptInvitation(ctx context.Context, token, password, accessPoint string) (int64, error) {
	inv, err := s.InvitationForToken(ctx, token)
	if err != nil {
		return 0, err
	}
	if s.passwords == nil {
		return 0, Errorf(Internal, "no password rules to make an account with")
	}
	if err := s.passwords.CheckPolicy(password); err != nil {
		return 0, FieldErrors{"password": ErrorMessage(err)}
	}
	hash, err := s.passwords.Hash(password)
	if err != nil {
		return 0, err
	}
	role := RoleFamily
	if inv.Kind == LinkProvider {
		role = RoleProvider
	}
	acct := &InvitedAccount{InvitedBy: inv.CreatedBy, Email: inv.Email, Name: inv.Name, Role: role, PasswordHash: hash, CreatedAt: s.now().UTC()}
	err = s.store.Atomic(ctx, func(st Store) error {
		if err := st.CreateInvitedAccount(ctx, acct); err != nil {
			if ErrorCode(err) == Conflict {
				return ErrEmailTaken
			}
			return err
		}
		if err := st.UseInvitation(ctx, inv.ID, acct.ID, s.now()); err != nil {
			return ErrInvitationUsed
		}
		if err := st.CreateLink(ctx, &Link{FamilyID: inv.FamilyID, AccountID: acct.ID, Kind: inv.Kind,
			MemberID: inv.MemberID, NetworkMemberID: inv.NetworkMemberID}); err != nil {
			return err
		}
		actor := Actor{AccountID: acct.ID, Role: role, AccessPoint: accessPoint}
		return st.AppendAudit(ctx, s.event(actor, inv.FamilyID, "invitation", inv.ID, ActionUpdate,
			Decision{Allowed: true, Relationship: true}, OutcomeSuccess))
	})
	if errors.Is(err, ErrEmailTaken) {
		// The same link accepted twice at once: the other one made the
		// account, so this link is used rather than its address taken.
		if _, ierr := s.InvitationForToken(ctx, token); errors.Is(ierr, ErrInvitationUsed) {
			return 0, ErrInvitationUsed
		}
	}
	if err != nil {
		return 0, err
	}
	return acct.ID, nil
}
