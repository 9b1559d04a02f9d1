package care

import (
	"context"
)

// LinkCaseManager is the relationship kind AccountFamilies gives a case
// manager's families: the families they are assigned to.
const LinkCaseManager = "casemanager"

// AccountFamilies lists every family the actor's account may open, with
// one audit record: for a parent, a child or a provider the families it is
// linked to, as MyFamilies gives them (a provider sees a family's name and
// consent scope only while consent is in force); for a case manager the
// families assigned to them (kind LinkCaseManager). Other roles have no
// families: NotFound, recorded as refused.
func (s *Service) AccountFamilies(ctx context.Context, actor Actor) ([]LinkedFamily, error) {
	switch actor.Role {
	case RoleFamily, RoleProvider:
		return s.MyFamilies(ctx, actor)
	case RoleCaseManager:
	default:
		if err := s.record(ctx, actor, "linked_families", ActionSearch, Decision{}, OutcomeDenied); err != nil {
			return nil, err
		}
		return nil, errNotFound
	}
	var out []LinkedFamily
	err := s.store.Read(ctx, func(st Store) error {
		items, err := st.Caseload(ctx, actor.AccountID, s.now())
		for _, it := range items {
			out = append(out, LinkedFamily{FamilyID: it.FamilyID, ChildName: it.ChildName, Kind: LinkCaseManager})
		}
		return err
	})
	if err := s.listed(ctx, actor, "linked_families", err); err != nil {
		return nil, err
	}
	return out, nil
}
