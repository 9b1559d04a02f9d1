package care

import "time"

// FamilyProposal is what a parent proposes for the family's own network:
// a new network member (the school, a new therapist), or other contact
// details of a network member or of a family member. A case manager
// confirms it, which applies it as a correction with history, or declines
// it with an optional reason; the parent sees the answer.
type FamilyProposal struct {
	ID       int64
	FamilyID int64
	Kind     string // network_add, network_contact, member_contact
	// TargetID is the network member or family member whose contact
	// details it corrects; 0 for an addition.
	TargetID     int64
	Name         string // network_add only
	Role         string // network_add only
	Organisation string // network_add only
	Phone        string
	Email        string
	ProposedBy   Person
	ProposedAt   time.Time
	Status       string // open, confirmed, declined
	Answer       string // the reason of a decline, optional
	AnsweredBy   Person
	AnsweredAt   time.Time
}

// The kinds of family proposal.
const (
	ProposeNetworkAdd     = "network_add"
	ProposeNetworkContact = "network_contact"
	ProposeMemberContact  = "member_contact"
)

// FamilyProposalKinds lists the kinds of family proposal.
var FamilyProposalKinds = []string{ProposeNetworkAdd, ProposeNetworkContact, ProposeMemberContact}

// The states of a family proposal.
const (
	FamilyProposalOpen      = "open"
	FamilyProposalConfirmed = "confirmed"
	FamilyProposalDeclined  = "declined"
)

// Validate checks a proposal as the family sends it.
func (p *FamilyProposal) Validate() error {
	fe := FieldErrors{}
	oneOf(fe, "kind", p.Kind, FamilyProposalKinds...)
	if p.Kind == ProposeNetworkAdd {
		text(fe, "name", p.Name, MaxName, true)
		oneOf(fe, "role", p.Role, NetworkRoles...)
		text(fe, "organisation", p.Organisation, MaxName, false)
	} else if p.Phone == "" && p.Email == "" {
		fe["phone"] = "proposal.contact_required"
	}
	text(fe, "phone", p.Phone, 40, false)
	email(fe, "email", p.Email)
	return fe.OrNil()
}

// ProposalTarget names the network member or family member a proposal of
// other contact details is about; "" for an addition or someone no longer
// in the file.
func (f *File) ProposalTarget(p FamilyProposal) string {
	switch p.Kind {
	case ProposeNetworkContact:
		if n := f.networkMember(p.TargetID); n != nil {
			return n.Name
		}
	case ProposeMemberContact:
		if m := f.member(p.TargetID); m != nil {
			return m.Name
		}
	}
	return ""
}
