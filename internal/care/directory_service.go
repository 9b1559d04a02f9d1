package care

import (
	"context"
	"slices"
)

// The sociale kaart holds no family data, yet it goes through the service
// like everything else: the role decides, and every search, change and
// report is recorded. Adding a service to a family's network is a change
// of the family's file, through the case managers' door.

// MayReadDirectory reports whether actor may search the kaart: the case
// managers, the coordinator who keeps it, and the administrator who
// updates a service's capacity.
func MayReadDirectory(actor Actor) bool {
	switch actor.Role {
	case RoleCaseManager, RoleCoordinator, RoleAdmin:
		return true
	}
	return false
}

// MayEditDirectory reports whether actor may add and change entries: the
// regional coordinator.
func MayEditDirectory(actor Actor) bool { return actor.Role == RoleCoordinator }

// MaySetCapacity reports whether actor may say how much room a service
// has now: the coordinator, or the organisation's administrator.
func MaySetCapacity(actor Actor) bool {
	return actor.Role == RoleCoordinator || actor.Role == RoleAdmin
}

// DirectoryResult is a search of the kaart.
type DirectoryResult struct {
	Query   DirectoryQuery
	Entries []DirectoryEntry // those with room first
	// Region is the reader's organisation's region: the region searched
	// when the query names none on a page.
	Region string
}

// allowDirectory records a refused access to the kaart and answers NotFound, or
// gives the decision for the record of an allowed one.
func (s *Service) allowDirectory(ctx context.Context, actor Actor, ok bool, object string, action Action) (Decision, error) {
	d := Decision{Allowed: ok}
	if !ok {
		if err := s.record(ctx, actor, object, action, d, OutcomeDenied); err != nil {
			return d, err
		}
		return d, errNotFound
	}
	return d, nil
}

// SearchDirectory lists the services that answer q; with ownRegion a
// query that names no region searches the region of the reader's
// organisation.
func (s *Service) SearchDirectory(ctx context.Context, actor Actor, q DirectoryQuery, ownRegion bool) (*DirectoryResult, error) {
	d, err := s.allowDirectory(ctx, actor, MayReadDirectory(actor), "directory", ActionSearch)
	if err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	res := &DirectoryResult{Query: q}
	err = s.store.Read(ctx, func(st Store) error {
		var err error
		if _, res.Region, err = st.OrganisationRegion(ctx, actor.OrganisationID); err != nil {
			return err
		}
		if ownRegion && res.Query.Region == "" {
			res.Query.Region = res.Region
		}
		res.Entries, err = st.DirectoryEntries(ctx, res.Query)
		return err
	})
	if err != nil {
		return nil, err
	}
	SortDirectory(res.Entries)
	return res, s.record(ctx, actor, "directory", ActionSearch, d, OutcomeSuccess)
}

// DirectoryEntry reads one entry of the kaart.
func (s *Service) DirectoryEntry(ctx context.Context, actor Actor, id int64) (*DirectoryEntry, error) {
	d, err := s.allowDirectory(ctx, actor, MayReadDirectory(actor), "directory_entry", ActionRead)
	if err != nil {
		return nil, err
	}
	var e *DirectoryEntry
	if err := s.store.Read(ctx, func(st Store) error {
		var err error
		e, err = st.DirectoryEntry(ctx, id)
		return err
	}); err != nil {
		return nil, err
	}
	return e, s.store.AppendAudit(ctx, s.event(actor, 0, "directory_entry", id, ActionRead, d, OutcomeSuccess))
}

// SaveDirectoryEntry adds (ID 0) or changes an entry of the kaart: the
// coordinator. Bad input saves nothing.
func (s *Service) SaveDirectoryEntry(ctx context.Context, actor Actor, e *DirectoryEntry) error {
	action := ActionCreate
	if e.ID != 0 {
		action = ActionUpdate
	}
	d, err := s.allowDirectory(ctx, actor, MayEditDirectory(actor), "directory_entry", action)
	if err != nil {
		return err
	}
	e.trim()
	if err := e.Validate(); err != nil {
		return err
	}
	return s.store.Atomic(ctx, func(st Store) error {
		if e.ID != 0 {
			old, err := st.DirectoryEntry(ctx, e.ID)
			if err != nil {
				return err
			}
			if old.Capacity != e.Capacity {
				e.CapacityOn = DateOf(s.now())
			} else {
				e.CapacityOn = old.CapacityOn
			}
		} else {
			e.CapacityOn = DateOf(s.now())
		}
		e.UpdatedAt, e.UpdatedBy = s.now().UTC(), Person{AccountID: actor.AccountID}
		if err := st.SaveDirectoryEntry(ctx, e); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, "directory_entry", e.ID, action, d, OutcomeSuccess))
	})
}

// SetDirectoryCapacity says how much room a service has now.
func (s *Service) SetDirectoryCapacity(ctx context.Context, actor Actor, id int64, capacity string) error {
	d, err := s.allowDirectory(ctx, actor, MaySetCapacity(actor), "directory_entry", ActionUpdate)
	if err != nil {
		return err
	}
	if !slices.Contains(Capacities, capacity) {
		return FieldErrors{"capacity": "field.choose"}
	}
	return s.store.Atomic(ctx, func(st Store) error {
		if err := st.SetDirectoryCapacity(ctx, id, capacity, s.now(), actor.AccountID); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, "directory_entry", id, ActionUpdate, d, OutcomeSuccess))
	})
}

// FamilyDirectory is the kaart searched for one family's network: the
// services that answer the query, and which of them are already in the
// network.
type FamilyDirectory struct {
	Family    Family
	Result    DirectoryResult
	InNetwork []int64 // entries the network's members were added from
	IsChild   bool    // the child reads it, in simpler words
}

// Has reports whether the family's network has a member added from the entry.
func (fd *FamilyDirectory) Has(entryID int64) bool { return slices.Contains(fd.InNetwork, entryID) }

// FamilyDirectory searches the kaart for a family's network: for its
// case managers. With ownRegion a query that names no region searches
// the region of the family's organisation.
func (s *Service) FamilyDirectory(ctx context.Context, actor Actor, familyID int64, q DirectoryQuery, ownRegion bool) (*FamilyDirectory, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var fd *FamilyDirectory
	err := s.gate(ctx, caseFile(actor, familyID, "directory", ActionSearch), func(st Store, _ Relationship, id *int64) error {
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		f.BSN = ""
		fd = &FamilyDirectory{Family: *f, Result: DirectoryResult{Query: q}}
		if _, fd.Result.Region, err = st.OrganisationRegion(ctx, f.OrganisationID); err != nil {
			return err
		}
		if ownRegion && q.Region == "" {
			fd.Result.Query.Region = fd.Result.Region
		}
		if fd.Result.Entries, err = st.DirectoryEntries(ctx, fd.Result.Query); err != nil {
			return err
		}
		SortDirectory(fd.Result.Entries)
		fd.InNetwork, err = st.NetworkDirectoryEntries(ctx, familyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return fd, nil
}

// networkRoles is the role in the network of a service of each kind.
var networkRoles = map[string]string{
	ServiceHospice: "hospice", ServiceKinderzorghuis: "hospice", ServiceRespite: "hospice", ServiceHomeCare: "homecare",
	ServiceMedicalDayCare: "nurse", ServicePsychologist: "psychologist", ServiceBereavement: "psychologist",
	ServiceSchoolSupport: "school", ServicePGBHelp: "social_worker", ServiceParentAssociation: "other",
}

// AddFromDirectory adds a service of the kaart to the family's network in
// one step: its name, organisation and contact details, involved from
// today, linked to the entry. A service already in the network is a
// Conflict; an entry that does not exist is NotFound.
func (s *Service) AddFromDirectory(ctx context.Context, actor Actor, familyID, entryID int64) (*NetworkMember, error) {
	var n *NetworkMember
	err := s.gate(ctx, caseFile(actor, familyID, "network_member", ActionCreate), func(st Store, _ Relationship, id *int64) error {
		e, err := st.DirectoryEntry(ctx, entryID)
		if err != nil {
			return err
		}
		in, err := st.NetworkDirectoryEntries(ctx, familyID)
		if err != nil {
			return err
		}
		if slices.Contains(in, entryID) {
			return Errorf(Conflict, "the service is already in the network")
		}
		n = &NetworkMember{FamilyID: familyID, Name: e.Name, Organisation: e.Organisation, Role: networkRoles[e.Kind],
			Phone: e.Phone, Email: e.Email, StartedOn: DateOf(s.now())}
		if n.Role == "" {
			n.Role = "other"
		}
		if err := n.Validate(); err != nil {
			return err
		}
		if err := st.SaveNetworkMember(ctx, n); err != nil {
			return err
		}
		*id = n.ID
		return st.LinkNetworkMemberToDirectory(ctx, familyID, n.ID, entryID)
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// WhiteSpotReport is the coordinator's report of the gaps in the
// regional offer.
type WhiteSpotReport struct {
	Regions []RegionWhiteSpots
}

// WhiteSpots reports the gaps in the offer of every region: for the
// regional coordinator, as counts only.
func (s *Service) WhiteSpots(ctx context.Context, actor Actor) (*WhiteSpotReport, error) {
	d, err := s.allowDirectory(ctx, actor, actor.Role == RoleCoordinator, "white_spots", ActionRead)
	if err != nil {
		return nil, err
	}
	var entries []DirectoryEntry
	var needs []RegionalNeed
	if err := s.store.Read(ctx, func(st Store) error {
		var err error
		if entries, err = st.DirectoryEntries(ctx, DirectoryQuery{}); err != nil {
			return err
		}
		if needs, err = st.RegionalNeeds(ctx, DateOf(s.now())); err != nil {
			return err
		}
		gaps, err := st.RegionalPlanGaps(ctx, DateOf(s.now()))
		needs = append(needs, gaps...)
		return err
	}); err != nil {
		return nil, err
	}
	return &WhiteSpotReport{Regions: WhiteSpots(entries, needs)}, s.record(ctx, actor, "white_spots", ActionRead, d, OutcomeSuccess)
}

// FamilyKaart is the kaart of the family's region as the family reads it:
// every service there, or those of one kind, and which of them are in
// the family's network. For the parents, carers and the child with an
// account; the search is on the family's record.
func (s *Service) FamilyKaart(ctx context.Context, actor Actor, familyID int64, need string) (*FamilyDirectory, error) {
	q := DirectoryQuery{Need: need}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var fd *FamilyDirectory
	a := access{actor: actor, familyID: familyID, view: ViewFamily, object: "directory", action: ActionSearch}
	err := s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		fd = &FamilyDirectory{Family: Family{ID: f.ID, OrganisationID: f.OrganisationID, ChildName: f.ChildName, Deceased: f.Deceased},
			Result: DirectoryResult{Query: q}, IsChild: rel.Link.Kind == LinkChild}
		if _, fd.Result.Region, err = st.OrganisationRegion(ctx, f.OrganisationID); err != nil {
			return err
		}
		if fd.Result.Region == "" {
			return nil // no region: nothing to show
		}
		fd.Result.Query.Region = fd.Result.Region
		if fd.Result.Entries, err = st.DirectoryEntries(ctx, fd.Result.Query); err != nil {
			return err
		}
		SortDirectory(fd.Result.Entries)
		fd.InNetwork, err = st.NetworkDirectoryEntries(ctx, familyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return fd, nil
}
