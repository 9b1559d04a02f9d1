package care

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Store is what the Service needs from the database. Every method on family
// data takes the family id and scopes its query by it.
type Store interface {
	// Atomic runs fn with a Store bound to one transaction.
	Atomic(ctx context.Context, fn func(Store) error) error
	// AppendAudit chains e to the last record and stores it.
	AppendAudit(ctx context.Context, e *AuditEvent) error

	Relationship(ctx context.Context, accountID, familyID int64) (Relationship, error)
	Caseload(ctx context.Context, accountID int64, today time.Time) ([]CaseloadItem, error)
	FamiliesWithBirthDate(ctx context.Context, organisationID int64, birth time.Time) ([]CaseloadItem, error)
	CreateFamilyFile(ctx context.Context, f *Family, e *Episode, kind string, accountID int64, at time.Time) error
	FamilyFile(ctx context.Context, familyID int64) (*File, error)
	UpdateFamily(ctx context.Context, f *Family, at time.Time) error
	AddMember(ctx context.Context, m *Member) error
	SaveNetworkMember(ctx context.Context, n *NetworkMember) error
	DeleteNetworkMember(ctx context.Context, familyID, id int64) error
	AddIntensityChange(ctx context.Context, c *IntensityChange) error
	AddContact(ctx context.Context, c *Contact) error
	CreateTask(ctx context.Context, t *Task) error
	CompleteTask(ctx context.Context, familyID, taskID int64, note string, at time.Time, by int64) error
	SaveEpisode(ctx context.Context, e *Episode) error
	AssignCaseManager(ctx context.Context, familyID int64, kind string, accountID int64) error
	CaseManagersOf(ctx context.Context, organisationID int64) ([]Person, error)

	FamilyByID(ctx context.Context, familyID int64) (*Family, error)
	LinkOf(ctx context.Context, accountID, familyID int64) (*Link, error)
	CreateLink(ctx context.Context, l *Link) error
	LinkedFamilies(ctx context.Context, accountID int64) ([]Link, error)
	CreateInvitation(ctx context.Context, inv *Invitation) error
	InvitationByTokenHash(ctx context.Context, hash string) (*Invitation, error)
	UseInvitation(ctx context.Context, id, accountID int64, at time.Time) error
	AddConsent(ctx context.Context, c *ConsentRecord) error
	ConsentRecords(ctx context.Context, familyID, networkMemberID int64) ([]ConsentRecord, error)
	AddNote(ctx context.Context, n *Note) error
	Notes(ctx context.Context, familyID int64) ([]Note, error)
	AccessLog(ctx context.Context, familyID int64, from, to time.Time) ([]AccessEntry, error)

	// CarePlan returns the current version of the family's plan, or nil
	// and no error when the family has none.
	CarePlan(ctx context.Context, familyID int64) (*CarePlan, error)
	// CarePlanVersion returns one version; NotFound when there is none.
	CarePlanVersion(ctx context.Context, familyID int64, version int) (*CarePlan, error)
	// CarePlanVersions lists the versions, newest first.
	CarePlanVersions(ctx context.Context, familyID int64) ([]PlanVersionInfo, error)
	// SaveCarePlan stores p as version base+1 and sets p.Version. It
	// fails with Conflict when the current version is not base (0: the
	// family has no plan yet), so no change is ever overwritten.
	SaveCarePlan(ctx context.Context, p *CarePlan, base int) error
	AddProposal(ctx context.Context, p *Proposal) error
	// Proposals lists the family's proposals, newest first.
	Proposals(ctx context.Context, familyID int64) ([]Proposal, error)
	// AnswerProposal records the answer to an open proposal of the family;
	// NotFound when it is not open.
	AnswerProposal(ctx context.Context, p *Proposal) error
	PlanTemplates(ctx context.Context, organisationID int64) ([]PlanTemplate, error)
	PlanTemplate(ctx context.Context, organisationID, id int64) (*PlanTemplate, error)
	// SavePlanTemplate inserts (ID 0) or updates a template of the organisation.
	SavePlanTemplate(ctx context.Context, t *PlanTemplate) error
}

// Service is the one door to family data: every surface calls it, and every
// call authorises, does the store work and writes the audit record, in that
// order, here and nowhere else.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService returns the Service on store; now may be nil for time.Now.
func NewService(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// errNotFound is what an unauthorised read sees: the same as a missing family.
var errNotFound = Errorf(NotFound, "family not found")

func (s *Service) event(actor Actor, familyID int64, object string, objectID int64, action Action, d Decision, outcome string) *AuditEvent {
	return &AuditEvent{
		At: s.now().UTC().Truncate(time.Microsecond), ActorID: actor.AccountID, ActorRole: actor.Role,
		FamilyID: familyID, ObjectType: object, ObjectID: objectID, Action: action, Outcome: outcome,
		AccessPoint: actor.AccessPoint, Authorised: d.Allowed, Relationship: d.Relationship,
		Consent: d.Consent, Emergency: d.Emergency,
	}
}

// access runs one authorised access to a family: the policy decides, a
// refusal is audited and answers NotFound, else fn does the store work in a
// transaction that also appends the audit record. objectID, when fn sets it,
// names the object touched.
func (s *Service) access(ctx context.Context, actor Actor, familyID int64, object string, action Action,
	fn func(st Store, objectID *int64) error) error {
	rel, err := s.store.Relationship(ctx, actor.AccountID, familyID)
	if err != nil {
		return err
	}
	d := Authorize(actor, action, rel)
	if !d.Allowed {
		if err := s.store.AppendAudit(ctx, s.event(actor, familyID, object, 0, action, d, OutcomeDenied)); err != nil {
			return err
		}
		return errNotFound
	}
	var objectID int64
	err = s.store.Atomic(ctx, func(st Store) error {
		objectID = 0
		if err := fn(st, &objectID); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, familyID, object, objectID, action, d, OutcomeSuccess))
	})
	if err != nil {
		// The work was rolled back; the attempt is still on record, e.g. an
		// id of another family's task tried through one's own family.
		if aerr := s.store.AppendAudit(ctx, s.event(actor, familyID, object, objectID, action, d, OutcomeFailed)); aerr != nil {
			return errors.Join(err, aerr)
		}
	}
	return err
}

// Caseload returns the families the case manager is assigned to, filtered
// by a name query and sorted by next contact ("next") or name ("name").
func (s *Service) Caseload(ctx context.Context, actor Actor, query, sortBy string) ([]CaseloadItem, error) {
	if !MayListCaseload(actor) {
		if err := s.store.AppendAudit(ctx, s.event(actor, 0, "caseload", 0, ActionSearch, Decision{}, OutcomeDenied)); err != nil {
			return nil, err
		}
		return nil, errNotFound
	}
	var items []CaseloadItem
	err := s.store.Atomic(ctx, func(st Store) error {
		all, err := st.Caseload(ctx, actor.AccountID, s.now())
		if err != nil {
			return err
		}
		q := strings.ToLower(strings.TrimSpace(query))
		for _, it := range all {
			if q == "" || strings.Contains(strings.ToLower(it.ChildName), q) {
				items = append(items, it)
			}
		}
		sortCaseload(items, sortBy)
		return st.AppendAudit(ctx, s.event(actor, 0, "caseload", 0, ActionSearch, Decision{Allowed: true, Relationship: true}, OutcomeSuccess))
	})
	if err != nil {
		return nil, err // nothing read is shown without its audit record
	}
	return items, nil
}

// File returns the whole file of one family.
func (s *Service) File(ctx context.Context, actor Actor, familyID int64) (*File, error) {
	var f *File
	err := s.access(ctx, actor, familyID, "family", ActionRead, func(st Store, id *int64) error {
		var err error
		f, err = st.FamilyFile(ctx, familyID)
		*id = familyID
		return err
	})
	if err != nil {
		return nil, err // nothing read is shown without its audit record
	}
	return f, nil
}

// Intake is a new family file: the child, the referral and the case manager
// who opens it (as KCT or thuis).
type Intake struct {
	Family  Family
	Episode Episode
	Kind    string // kct or thuis: the role of the case manager opening the file
	// ConfirmDuplicate is set when the case manager has seen the warning
	// about a possible duplicate and opens the file anyway.
	ConfirmDuplicate bool
}

// ErrPossibleDuplicate asks for confirmation: a family with the same date of
// birth and a similar name exists in the organisation.
var ErrPossibleDuplicate = Errorf(Conflict, "family.possible_duplicate")

// CreateFamily opens a new family file and assigns the actor to it.
func (s *Service) CreateFamily(ctx context.Context, actor Actor, in Intake) (int64, error) {
	if !MayCreateFamily(actor) {
		if err := s.store.AppendAudit(ctx, s.event(actor, 0, "family", 0, ActionCreate, Decision{}, OutcomeDenied)); err != nil {
			return 0, err
		}
		return 0, errNotFound
	}
	now := s.now()
	fe := FieldErrors{}
	mergeErrors(fe, in.Family.Validate(now), "")
	mergeErrors(fe, in.Episode.Validate(now, in.Family.BirthDate), "")
	oneOf(fe, "kind", in.Kind, CaseManagerKinds...)
	if len(fe) > 0 {
		return 0, fe
	}
	in.Family.OrganisationID = actor.OrganisationID
	in.Family.CreatedAt = now.UTC()
	d := Decision{Allowed: true, Relationship: true}
	err := s.store.Atomic(ctx, func(st Store) error {
		if !in.ConfirmDuplicate {
			same, err := st.FamiliesWithBirthDate(ctx, actor.OrganisationID, in.Family.BirthDate)
			if err != nil {
				return err
			}
			for _, o := range same {
				if SimilarNames(o.ChildName, in.Family.ChildName) {
					return ErrPossibleDuplicate
				}
			}
		}
		if err := st.CreateFamilyFile(ctx, &in.Family, &in.Episode, in.Kind, actor.AccountID, now.UTC()); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, in.Family.ID, "family", in.Family.ID, ActionCreate, d, OutcomeSuccess))
	})
	return in.Family.ID, err
}

// SimilarNames reports whether two child names probably name one child: the
// same first name or the same last word, ignoring case.
func SimilarNames(a, b string) bool {
	fa, fb := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	if len(fa) == 0 || len(fb) == 0 {
		return false
	}
	return fa[0] == fb[0] || fa[len(fa)-1] == fb[len(fb)-1]
}

func mergeErrors(into FieldErrors, err error, prefix string) {
	var fe FieldErrors
	if errors.As(err, &fe) {
		for k, v := range fe {
			into[prefix+k] = v
		}
	}
}

// UpdateFamily saves the child's details.
func (s *Service) UpdateFamily(ctx context.Context, actor Actor, f *Family) error {
	return s.access(ctx, actor, f.ID, "family", ActionUpdate, func(st Store, id *int64) error {
		if err := f.Validate(s.now()); err != nil {
			return err
		}
		*id = f.ID
		return st.UpdateFamily(ctx, f, s.now().UTC())
	})
}

// AddMember adds a parent, carer, sibling or other family member.
func (s *Service) AddMember(ctx context.Context, actor Actor, m *Member) error {
	return s.access(ctx, actor, m.FamilyID, "member", ActionCreate, func(st Store, id *int64) error {
		if err := m.Validate(s.now()); err != nil {
			return err
		}
		err := st.AddMember(ctx, m)
		*id = m.ID
		return err
	})
}

// SaveNetworkMember adds (ID 0) or updates a member of the care network.
func (s *Service) SaveNetworkMember(ctx context.Context, actor Actor, n *NetworkMember) error {
	action := ActionUpdate
	if n.ID == 0 {
		action = ActionCreate
	}
	return s.access(ctx, actor, n.FamilyID, "network_member", action, func(st Store, id *int64) error {
		if err := n.Validate(); err != nil {
			return err
		}
		err := st.SaveNetworkMember(ctx, n)
		*id = n.ID
		return err
	})
}

// DeleteNetworkMember removes someone from the network.
func (s *Service) DeleteNetworkMember(ctx context.Context, actor Actor, familyID, memberID int64) error {
	return s.access(ctx, actor, familyID, "network_member", ActionDelete, func(st Store, id *int64) error {
		*id = memberID
		return st.DeleteNetworkMember(ctx, familyID, memberID)
	})
}

// ChangeIntensity records a step up or down and the next planned contact.
func (s *Service) ChangeIntensity(ctx context.Context, actor Actor, c *IntensityChange) error {
	return s.access(ctx, actor, c.FamilyID, "intensity", ActionCreate, func(st Store, id *int64) error {
		if err := c.Validate(s.now()); err != nil {
			return err
		}
		c.ChangedAt = s.now().UTC()
		c.ChangedBy = Person{AccountID: actor.AccountID}
		err := st.AddIntensityChange(ctx, c)
		*id = c.ID
		return err
	})
}

// AddContact registers a contact with the family or a provider.
func (s *Service) AddContact(ctx context.Context, actor Actor, c *Contact) error {
	return s.access(ctx, actor, c.FamilyID, "contact", ActionCreate, func(st Store, id *int64) error {
		f, err := st.FamilyFile(ctx, c.FamilyID)
		if err != nil {
			return err
		}
		if err := c.Validate(s.now(), f.Family.BirthDate); err != nil {
			return err
		}
		c.CreatedAt = s.now().UTC()
		c.CreatedBy = Person{AccountID: actor.AccountID}
		err = st.AddContact(ctx, c)
		*id = c.ID
		return err
	})
}

// CreateTask adds a task to the family's list.
func (s *Service) CreateTask(ctx context.Context, actor Actor, t *Task) error {
	return s.access(ctx, actor, t.FamilyID, "task", ActionCreate, func(st Store, id *int64) error {
		if err := t.Validate(s.now()); err != nil {
			return err
		}
		if t.NetworkMemberID != 0 {
			// The provider a task is linked to must be in this family's network.
			f, err := st.FamilyFile(ctx, t.FamilyID)
			if err != nil {
				return err
			}
			found := false
			for _, n := range f.Network {
				found = found || n.ID == t.NetworkMemberID
			}
			if !found {
				return FieldErrors{"network_member": "field.choose"}
			}
		}
		t.Status = "open"
		t.CreatedAt = s.now().UTC()
		t.CreatedBy = Person{AccountID: actor.AccountID}
		err := st.CreateTask(ctx, t)
		*id = t.ID
		return err
	})
}

// CompleteTask closes a task with a note of what was done: "arranged" must
// mean done, so the note is required.
func (s *Service) CompleteTask(ctx context.Context, actor Actor, familyID, taskID int64, note string) error {
	return s.access(ctx, actor, familyID, "task", ActionUpdate, func(st Store, id *int64) error {
		fe := FieldErrors{}
		text(fe, "done_note", note, MaxText, true)
		if len(fe) > 0 {
			return fe
		}
		*id = taskID
		return st.CompleteTask(ctx, familyID, taskID, strings.TrimSpace(note), s.now().UTC(), actor.AccountID)
	})
}

// SaveEpisode records the referral and the family's decision (accepted,
// declined, ended, or offered again when a file is reopened).
func (s *Service) SaveEpisode(ctx context.Context, actor Actor, e *Episode) error {
	return s.access(ctx, actor, e.FamilyID, "episode", ActionUpdate, func(st Store, id *int64) error {
		f, err := st.FamilyFile(ctx, e.FamilyID)
		if err != nil {
			return err
		}
		if err := e.Validate(s.now(), f.Family.BirthDate); err != nil {
			return err
		}
		*id = e.FamilyID
		return st.SaveEpisode(ctx, e)
	})
}

// AssignCaseManager makes a case manager of the organisation the family's
// KCT or thuis case manager.
func (s *Service) AssignCaseManager(ctx context.Context, actor Actor, familyID int64, kind string, accountID int64) error {
	return s.access(ctx, actor, familyID, "case_manager", ActionUpdate, func(st Store, id *int64) error {
		fe := FieldErrors{}
		oneOf(fe, "kind", kind, CaseManagerKinds...)
		people, err := st.CaseManagersOf(ctx, actor.OrganisationID)
		if err != nil {
			return err
		}
		found := false
		for _, p := range people {
			found = found || p.AccountID == accountID
		}
		if !found {
			fe["account"] = "field.choose"
		}
		if len(fe) > 0 {
			return fe
		}
		*id = accountID
		return st.AssignCaseManager(ctx, familyID, kind, accountID)
	})
}

// CaseManagers lists the organisation's case managers, to choose a duo partner.
func (s *Service) CaseManagers(ctx context.Context, actor Actor) ([]Person, error) {
	if !MayListCaseload(actor) {
		return nil, errNotFound
	}
	return s.store.CaseManagersOf(ctx, actor.OrganisationID)
}

// RecordLogin audits a login attempt (outcome success or failed); accountID
// is 0 when the e-mail address matched no account.
func (s *Service) RecordLogin(ctx context.Context, accountID int64, role Role, accessPoint, outcome string) error {
	e := s.event(Actor{AccountID: accountID, Role: role, AccessPoint: accessPoint}, 0, "session", 0, ActionLogin,
		Decision{Allowed: outcome == OutcomeSuccess}, outcome)
	return s.store.AppendAudit(ctx, e)
}
