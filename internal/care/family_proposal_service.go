package care

import (
	"context"
	"strings"
)

// ProposeToNetwork lets a parent or carer of the family propose a new
// network member or other contact details of a network member or a family
// member. The case managers see it on the family page; nothing changes in
// the file until one of them confirms it.
func (s *Service) ProposeToNetwork(ctx context.Context, actor Actor, p *FamilyProposal) error {
	return s.gate(ctx, s.familyDoor(actor, p.FamilyID, "family_proposal", ActionCreate), func(st Store, rel Relationship, id *int64) error {
		if rel.Link.Kind != LinkParent {
			return errDenied // the child's account proposes nothing here
		}
		for _, f := range []*string{&p.Name, &p.Role, &p.Organisation, &p.Phone, &p.Email} {
			*f = strings.TrimSpace(*f)
		}
		if err := p.Validate(); err != nil {
			return err
		}
		switch p.Kind {
		case ProposeNetworkAdd:
			p.TargetID = 0
		case ProposeNetworkContact:
			network, err := st.Network(ctx, p.FamilyID)
			if err != nil {
				return err
			}
			if current, _ := SplitNetwork(network, s.now()); !containsNetwork(current, p.TargetID) {
				return FieldErrors{"target": "field.choose"}
			}
			p.Name, p.Role, p.Organisation = "", "", ""
		case ProposeMemberContact:
			members, err := st.Members(ctx, p.FamilyID)
			if err != nil {
				return err
			}
			if !containsMember(members, p.TargetID, s) {
				return FieldErrors{"target": "field.choose"}
			}
			p.Name, p.Role, p.Organisation = "", "", ""
		}
		p.ProposedBy = Person{AccountID: actor.AccountID}
		p.ProposedAt, p.Status = s.now().UTC(), FamilyProposalOpen
		err := st.AddFamilyProposal(ctx, p)
		*id = p.ID
		return err
	})
}

func containsNetwork(ns []NetworkMember, id int64) bool {
	for _, n := range ns {
		if n.ID == id {
			return true
		}
	}
	return false
}

func containsMember(ms []Member, id int64, s *Service) bool {
	for _, m := range ms {
		if m.ID == id && !m.Ended(s.now()) {
			return true
		}
	}
	return false
}

// AnswerFamilyProposal confirms (decision "confirm") or declines ("decline") an open
// proposal of the family, with an optional reason. Confirming applies it
// in the same transaction: a new network member involved from today, or
// the proposed phone number and e-mail address, with the values before
// kept as a correction. A proposal of another family, or one answered
// already, is NotFound and nothing is saved.
func (s *Service) AnswerFamilyProposal(ctx context.Context, actor Actor, familyID, proposalID int64, decision, reason string) error {
	return s.gate(ctx, s.caseForm(actor, familyID, "family_proposal", ActionUpdate), func(st Store, _ Relationship, id *int64) error {
		*id = proposalID
		reason = strings.TrimSpace(reason)
		fe := FieldErrors{}
		text(fe, "answer", reason, MaxShort, false)
		oneOf(fe, "decision", decision, "confirm", "decline")
		if len(fe) > 0 {
			return fe
		}
		ps, err := st.FamilyProposals(ctx, familyID)
		if err != nil {
			return err
		}
		var p *FamilyProposal
		for i := range ps {
			if ps[i].ID == proposalID && ps[i].Status == FamilyProposalOpen {
				p = &ps[i]
			}
		}
		if p == nil {
			return Errorf(NotFound, "open proposal not found")
		}
		p.Status, p.Answer = FamilyProposalDeclined, reason
		p.AnsweredBy, p.AnsweredAt = Person{AccountID: actor.AccountID}, s.now().UTC()
		if decision == "confirm" {
			p.Status = FamilyProposalConfirmed
			if err := s.applyFamilyProposal(ctx, st, actor, p); err != nil {
				return err
			}
		}
		return st.AnswerFamilyProposal(ctx, p)
	})
}

// applyFamilyProposal makes the change a confirmed proposal asks for.
func (s *Service) applyFamilyProposal(ctx context.Context, st Store, actor Actor, p *FamilyProposal) error {
	switch p.Kind {
	case ProposeNetworkAdd:
		n := &NetworkMember{FamilyID: p.FamilyID, Name: p.Name, Role: p.Role, Organisation: p.Organisation,
			Phone: p.Phone, Email: p.Email, StartedOn: DateOf(s.now())}
		if err := n.Validate(); err != nil {
			return err
		}
		return st.SaveNetworkMember(ctx, n)
	case ProposeNetworkContact:
		network, err := st.Network(ctx, p.FamilyID)
		if err != nil {
			return err
		}
		for _, n := range network {
			if n.ID == p.TargetID {
				applyContact(&n.Phone, &n.Email, p)
				return s.correctNetworkMember(ctx, st, actor, &n)
			}
		}
	case ProposeMemberContact:
		members, err := st.Members(ctx, p.FamilyID)
		if err != nil {
			return err
		}
		for _, m := range members {
			if m.ID == p.TargetID {
				before := m.correctionFields()
				applyContact(&m.Phone, &m.Email, p)
				if err := st.UpdateMember(ctx, &m); err != nil {
					return err
				}
				return s.keepCorrection(ctx, st, actor, p.FamilyID, CorrectMember, m.ID, before, m.correctionFields())
			}
		}
	}
	return Errorf(NotFound, "the person the proposal is about is not in the file any more")
}

// applyContact sets the proposed phone number and e-mail address where
// the proposal gives one.
func applyContact(phone, email *string, p *FamilyProposal) {
	if p.Phone != "" {
		*phone = p.Phone
	}
	if p.Email != "" {
		*email = p.Email
	}
}
