package care

import (
	"context"
	"time"
)

// splitEnded moves the network members and family members whose
// involvement ended before day out of the current lists.
func (f *File) splitEnded(day time.Time) {
	f.Network, f.EarlierNetwork = SplitNetwork(f.Network, day)
	var current []Member
	f.EarlierMembers = nil
	for _, m := range f.Members {
		if m.Ended(day) {
			f.EarlierMembers = append(f.EarlierMembers, m)
		} else {
			current = append(current, m)
		}
	}
	f.Members = current
}

// networkMember finds a network member of the file, current or earlier.
func (f *File) networkMember(id int64) *NetworkMember {
	for _, list := range [][]NetworkMember{f.Network, f.EarlierNetwork} {
		for i := range list {
			if list[i].ID == id {
				return &list[i]
			}
		}
	}
	return nil
}

// member finds a family member of the file, current or earlier.
func (f *File) member(id int64) *Member {
	for _, list := range [][]Member{f.Members, f.EarlierMembers} {
		for i := range list {
			if list[i].ID == id {
				return &list[i]
			}
		}
	}
	return nil
}

// loadHistory adds the corrections and the family's proposals to the
// file, for the family page.
func loadHistory(ctx context.Context, st Store, f *File) error {
	f.Corrections = nil
	for _, kind := range []string{CorrectMember, CorrectNetworkMember, CorrectContact} {
		cs, err := st.Corrections(ctx, f.Family.ID, kind)
		if err != nil {
			return err
		}
		f.Corrections = append(f.Corrections, cs...)
	}
	var err error
	f.FamilyProposals, err = st.FamilyProposals(ctx, f.Family.ID)
	return err
}

// CorrectionsOf lists the corrections of one object on the file, newest first.
func (f *File) CorrectionsOf(objectType string, id int64) []Correction {
	return CorrectionsOf(f.Corrections, objectType, id)
}

// OpenFamilyProposals lists the proposals still waiting for an answer.
func (f *File) OpenFamilyProposals() []FamilyProposal {
	var out []FamilyProposal
	for _, p := range f.FamilyProposals {
		if p.Status == FamilyProposalOpen {
			out = append(out, p)
		}
	}
	return out
}

// keepCorrection records, when anything changed, the values before.
func (s *Service) keepCorrection(ctx context.Context, st Store, actor Actor, familyID int64, kind string, id int64, before, after map[string]string) error {
	prev := changedFields(before, after)
	if len(prev) == 0 {
		return nil
	}
	return st.AddCorrection(ctx, &Correction{FamilyID: familyID, ObjectType: kind, ObjectID: id,
		ChangedAt: s.now().UTC(), ChangedBy: Person{AccountID: actor.AccountID}, Previous: prev})
}

// correctNetworkMember updates a network member of the family and keeps
// the values before; a member of another family is NotFound.
func (s *Service) correctNetworkMember(ctx context.Context, st Store, actor Actor, n *NetworkMember) error {
	network, err := st.Network(ctx, n.FamilyID)
	if err != nil {
		return err
	}
	var old *NetworkMember
	for i := range network {
		if network[i].ID == n.ID {
			old = &network[i]
		}
	}
	if old == nil {
		return Errorf(NotFound, "network member not found")
	}
	if err := st.SaveNetworkMember(ctx, n); err != nil {
		return err
	}
	return s.keepCorrection(ctx, st, actor, n.FamilyID, CorrectNetworkMember, n.ID, old.correctionFields(), n.correctionFields())
}

// MemberForm returns the file for the form that corrects one family
// member, and that member; a member of another family is NotFound.
func (s *Service) MemberForm(ctx context.Context, actor Actor, familyID, memberID int64) (*File, *Member, error) {
	var f *File
	var m *Member
	err := s.gate(ctx, caseFile(actor, familyID, "member", ActionRead), func(st Store, _ Relationship, id *int64) error {
		*id = memberID
		var err error
		if f, err = s.formFile(ctx, st, familyID); err != nil {
			return err
		}
		if m = f.member(memberID); m == nil {
			return Errorf(NotFound, "family member not found")
		}
		f.Corrections, err = st.Corrections(ctx, familyID, CorrectMember)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return f, m, nil
}

// CorrectMember corrects a parent, carer, sibling or other family member,
// or ends their place in the file (EndedOn), and keeps the values before.
// It is audited as an update; a member of another family is NotFound and
// nothing is saved.
func (s *Service) CorrectMember(ctx context.Context, actor Actor, m *Member) error {
	return s.gate(ctx, s.caseForm(actor, m.FamilyID, "member", ActionUpdate), func(st Store, _ Relationship, id *int64) error {
		*id = m.ID
		members, err := st.Members(ctx, m.FamilyID)
		if err != nil {
			return err
		}
		var old *Member
		for i := range members {
			if members[i].ID == m.ID {
				old = &members[i]
			}
		}
		if old == nil {
			return Errorf(NotFound, "family member not found")
		}
		if err := m.Validate(s.now()); err != nil {
			return err
		}
		if !m.EndedOn.IsZero() && m.EndedOn.Before(oldest) {
			return FieldErrors{"ended_on": "date.too_old"}
		}
		if err := st.UpdateMember(ctx, m); err != nil {
			return err
		}
		return s.keepCorrection(ctx, st, actor, m.FamilyID, CorrectMember, m.ID, old.correctionFields(), m.correctionFields())
	})
}

// ContactForm returns the family and one of its contacts, for the form
// that corrects it; a contact of another family is NotFound.
func (s *Service) ContactForm(ctx context.Context, actor Actor, familyID, contactID int64) (*File, *Contact, error) {
	var f *File
	var c *Contact
	err := s.gate(ctx, caseFile(actor, familyID, "contact", ActionRead), func(st Store, _ Relationship, id *int64) error {
		*id = contactID
		var err error
		if c, err = st.Contact(ctx, familyID, contactID); err != nil {
			return err
		}
		if f, err = s.formFile(ctx, st, familyID); err != nil {
			return err
		}
		f.Corrections, err = st.Corrections(ctx, familyID, CorrectContact)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return f, c, nil
}

// CorrectContact corrects the registration of a contact and keeps the
// values before; who registered it and when stay. A contact of another
// family is NotFound and nothing is saved.
func (s *Service) CorrectContact(ctx context.Context, actor Actor, c *Contact) error {
	return s.gate(ctx, s.caseForm(actor, c.FamilyID, "contact", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		*id = c.ID
		old, err := st.Contact(ctx, c.FamilyID, c.ID)
		if err != nil {
			return err
		}
		if err := c.Validate(s.now(), rel.KnownBirth()); err != nil {
			return err
		}
		if err := st.UpdateContact(ctx, c); err != nil {
			return err
		}
		return s.keepCorrection(ctx, st, actor, c.FamilyID, CorrectContact, c.ID, old.correctionFields(), c.correctionFields())
	})
}
