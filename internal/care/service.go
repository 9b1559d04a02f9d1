package care

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// RecentOnPage is how many contacts and closed tasks the family page
// shows; the rest are a page away.
const RecentOnPage = 20

// MaxContactsPage is the most contacts one page of the full list holds.
const MaxContactsPage = 100

// caseFile is an access of the family's case managers to their file.
func caseFile(actor Actor, familyID int64, object string, action Action) access {
	return access{actor: actor, familyID: familyID, view: ViewCaseFile, object: object, action: action}
}

// caseForm is a case manager's change through a form on the file: a
// refusal for its input comes back with the file as the form shows it.
func (s *Service) caseForm(actor Actor, familyID int64, object string, action Action) access {
	a := caseFile(actor, familyID, object, action)
	a.again = func(ctx context.Context, st Store, familyID int64, _ Relationship, in *InvalidInput) error {
		var err error
		in.Form, err = s.formFile(ctx, st, familyID)
		return err
	}
	return a
}

// Caseload returns the families the case manager is assigned to, filtered
// by a name query — the child's, a parent's, a sibling's or another
// member's name, with small typos forgiven (NameMatches) — and sorted by
// next contact ("next") or name ("name").
func (s *Service) Caseload(ctx context.Context, actor Actor, query, sortBy string) ([]CaseloadItem, error) {
	if !MayListCaseload(actor) {
		if err := s.record(ctx, actor, "caseload", ActionSearch, Decision{}, OutcomeDenied); err != nil {
			return nil, err
		}
		return nil, errNotFound
	}
	// A search the page and the API both refuse the same way: too long,
	// or not readable text.
	fe := FieldErrors{}
	text(fe, "q", strings.TrimSpace(query), MaxName, false)
	if len(fe) > 0 {
		if err := s.record(ctx, actor, "caseload", ActionSearch, Decision{Allowed: true, Relationship: true}, OutcomeFailed); err != nil {
			return nil, errors.Join(fe, err)
		}
		return nil, fe
	}
	var items []CaseloadItem
	err := s.store.Read(ctx, func(st Store) error {
		all, err := st.Caseload(ctx, actor.AccountID, s.now())
		if err != nil {
			return err
		}
		if err := s.caseloadCoverage(ctx, st, actor, all); err != nil {
			return err
		}
		if err := s.caseloadStays(ctx, st, actor, all); err != nil {
			return err
		}
		quietAfterDeath(all)
		if err := caseloadTopSignals(ctx, st, actor, s.now(), all); err != nil {
			return err
		}
		if strings.TrimSpace(query) == "" {
			items = all
			return nil
		}
		members, err := st.CaseloadMembers(ctx, actor.AccountID)
		if err != nil {
			return err
		}
		for _, it := range all {
			if NameMatches(query, it.ChildName) {
				items = append(items, it)
				continue
			}
			for _, m := range members[it.FamilyID] {
				if NameMatches(query, m.Name) {
					it.FoundVia = &m
					items = append(items, it)
					break
				}
			}
		}
		return nil
	})
	if err := s.listed(ctx, actor, "caseload", err); err != nil {
		return nil, err
	}
	sortCaseload(items, sortBy)
	return items, nil
}

// File returns the family's file as the family page shows it: everything,
// with the most recent contacts and closed tasks and how many there are.
func (s *Service) File(ctx context.Context, actor Actor, familyID int64) (*File, error) {
	var f *File
	err := s.gate(ctx, caseFile(actor, familyID, "family", ActionRead), func(st Store, _ Relationship, id *int64) error {
		var err error
		*id = familyID
		f, err = s.casePage(ctx, st, actor, familyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// casePage reads the file as the case managers' family page shows it:
// the network and members still involved, the earlier ones apart, the
// history of tasks and corrections, the proposals and the reader's
// conversations.
func (s *Service) casePage(ctx context.Context, st Store, actor Actor, familyID int64) (*File, error) {
	f, err := st.FamilyFile(ctx, familyID, RecentOnPage)
	if err != nil {
		return nil, err
	}
	f.splitEnded(s.now())
	events, err := st.TaskEvents(ctx, familyID, 0)
	if err != nil {
		return nil, err
	}
	f.TaskEvents = eventsByTask(events)
	if f.Threads, err = st.Threads(ctx, familyID, actor.AccountID, 0); err != nil {
		return nil, err
	}
	var items []CoverageItem
	if f.Coverage, items, err = s.coverageOverview(ctx, st, &f.Family); err != nil {
		return nil, err
	}
	if f.Transition, err = fileTransition(ctx, st, &f.Family, items, s.now()); err != nil {
		return nil, err
	}
	if f.Stay, err = currentStay(ctx, st, familyID, s.now()); err != nil {
		return nil, err
	}
	if f.Transfers, err = plannedTransfers(ctx, st, familyID); err != nil {
		return nil, err
	}
	if f.Meetings, err = upcomingMeetings(ctx, st, familyID, s.now()); err != nil {
		return nil, err
	}
	if f.Signals, err = s.openSignals(ctx, st, familyID); err != nil {
		return nil, err
	}
	return f, loadHistory(ctx, st, f)
}

// listed records a list read across families (the caseload, the
// worklist, an account's families): one audit record with no family, its
// outcome that of err. Nothing read is shown without its record, so a
// failed record fails the read, joined to err.
func (s *Service) listed(ctx context.Context, actor Actor, object string, err error) error {
	outcome := OutcomeSuccess
	if err != nil {
		outcome = OutcomeFailed
	}
	if aerr := s.record(ctx, actor, object, ActionSearch, Decision{Allowed: true, Relationship: true}, outcome); aerr != nil {
		return errors.Join(err, aerr)
	}
	return err
}

// FamilyForm returns the file as a case manager's form on it shows it: the
// family, its members, network, case managers and episode.
func (s *Service) FamilyForm(ctx context.Context, actor Actor, familyID int64) (*File, error) {
	var f *File
	err := s.gate(ctx, caseFile(actor, familyID, "family", ActionRead), func(st Store, _ Relationship, id *int64) error {
		var err error
		f, err = s.formFile(ctx, st, familyID)
		*id = familyID
		return err
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// NetworkMemberForm returns the file for the form that edits one member
// of the care network, and that member. A member of another family (or
// none) answers NotFound, and the attempt is on record as a failed read of
// that member, as its post would be.
func (s *Service) NetworkMemberForm(ctx context.Context, actor Actor, familyID, memberID int64) (*File, *NetworkMember, error) {
	var f *File
	var m *NetworkMember
	err := s.gate(ctx, caseFile(actor, familyID, "network_member", ActionRead), func(st Store, _ Relationship, id *int64) error {
		*id = memberID
		var err error
		if f, err = s.formFile(ctx, st, familyID); err != nil {
			return err
		}
		if m = f.networkMember(memberID); m == nil {
			return Errorf(NotFound, "network member not found")
		}
		f.Corrections, err = st.Corrections(ctx, familyID, CorrectNetworkMember)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return f, m, nil
}

// formFile reads the parts of the file a form shows.
func (s *Service) formFile(ctx context.Context, st Store, familyID int64) (*File, error) {
	fam, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	f := &File{Family: *fam}
	if f.Members, err = st.Members(ctx, familyID); err != nil {
		return nil, err
	}
	if f.Network, err = st.Network(ctx, familyID); err != nil {
		return nil, err
	}
	if f.CaseManagers, err = st.FamilyCaseManagers(ctx, familyID); err != nil {
		return nil, err
	}
	if f.Episode, err = st.Episode(ctx, familyID); err != nil {
		return nil, err
	}
	f.splitEnded(s.now())
	return f, nil
}

// ContactPage is one page of a family's contacts, newest first.
type ContactPage struct {
	Family   Family // the child, without the BSN, for the page's heading
	Contacts []Contact
	Total    int // contacts in all
}

// Contacts returns one page of the family's contacts, newest first: up to
// limit of them, older than the contact with id before (0: the newest).
func (s *Service) Contacts(ctx context.Context, actor Actor, familyID, before int64, limit int) (*ContactPage, error) {
	limit = min(max(limit, 1), MaxContactsPage)
	var page ContactPage
	err := s.gate(ctx, caseFile(actor, familyID, "contact", ActionRead), func(st Store, _ Relationship, id *int64) error {
		*id = familyID
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		page.Family, page.Family.BSN = *f, ""
		if page.Contacts, err = st.Contacts(ctx, familyID, before, limit); err != nil {
			return err
		}
		page.Total, err = st.CountContacts(ctx, familyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &page, nil
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
	// Unread holds what the surface could not read of the input (a date
	// that is no date); the service reports it with its own checks, and
	// the refused intake is on record like any other.
	Unread FieldErrors
}

// ErrPossibleDuplicate asks for confirmation: a family with the same date of
// birth and a similar name exists in the organisation.
var ErrPossibleDuplicate = Errorf(Conflict, "family.possible_duplicate")

// DuplicateError is a possible duplicate, told only as far as the case
// manager may know it: the matching families in their own caseload, and
// for any other match only who to ask, its case managers, never the
// child's name or anything else of that family. It is ErrPossibleDuplicate.
type DuplicateError struct {
	Yours   []CaseloadItem // FamilyID and ChildName of matches in the caller's caseload
	AskWhom []string       // the case managers of the other matches
	Others  int            // how many matches are outside the caller's caseload
}

func (e *DuplicateError) Error() string { return ErrPossibleDuplicate.Error() }

// Unwrap makes a DuplicateError ErrPossibleDuplicate.
func (e *DuplicateError) Unwrap() error { return ErrPossibleDuplicate }

// CreateFamily opens a new family file and assigns the actor to it. Every
// attempt is on record: a refused one (invalid input, or a possible
// duplicate) as a failed create, and a duplicate check that found a match
// also as a search (S) in the matching family's own trail, so the family's
// access log shows that someone looked for their child.
func (s *Service) CreateFamily(ctx context.Context, actor Actor, in Intake) (int64, error) {
	if !MayCreateFamily(actor) {
		if err := s.record(ctx, actor, "family", ActionCreate, Decision{}, OutcomeDenied); err != nil {
			return 0, err
		}
		return 0, errNotFound
	}
	now := s.now()
	d := Decision{Allowed: true, Relationship: true}
	failed := func(err error, matches []int64) (int64, error) {
		events := []*AuditEvent{s.event(actor, 0, "family", 0, ActionCreate, d, OutcomeFailed)}
		for _, id := range matches {
			events = append(events, s.event(actor, id, "duplicate_check", id, ActionSearch, d, OutcomeSuccess))
		}
		for _, e := range events {
			if aerr := s.store.AppendAudit(ctx, e); aerr != nil {
				return 0, errors.Join(err, aerr)
			}
		}
		return 0, err
	}
	fe := FieldErrors{}
	mergeErrors(fe, in.Family.Validate(now), "")
	mergeErrors(fe, in.Episode.Validate(now, in.Family.KnownBirth()), "")
	oneOf(fe, "kind", in.Kind, CaseManagerKinds...)
	for k, v := range in.Unread {
		fe[k] = v
	}
	if len(fe) > 0 {
		return failed(fe, nil)
	}
	in.Family.OrganisationID = actor.OrganisationID
	in.Family.CreatedAt = now.UTC()
	var dup *DuplicateError
	var matches []int64
	err := s.store.Atomic(ctx, func(st Store) error {
		dup, matches = nil, nil
		if !in.ConfirmDuplicate {
			same, err := st.FamiliesWithBirthDate(ctx, actor.OrganisationID, in.Family.BirthDate)
			if err != nil {
				return err
			}
			for _, o := range same {
				if !SimilarNames(o.ChildName, in.Family.ChildName) {
					continue
				}
				if dup == nil {
					dup = &DuplicateError{}
				}
				matches = append(matches, o.FamilyID)
				cms, err := st.FamilyCaseManagers(ctx, o.FamilyID)
				if err != nil {
					return err
				}
				if cms.KCT.AccountID == actor.AccountID || cms.Thuis.AccountID == actor.AccountID {
					dup.Yours = append(dup.Yours, CaseloadItem{FamilyID: o.FamilyID, ChildName: o.ChildName})
					continue
				}
				dup.Others++
				for _, p := range []Person{cms.KCT, cms.Thuis} {
					if p.Name != "" && !slices.Contains(dup.AskWhom, p.Name) {
						dup.AskWhom = append(dup.AskWhom, p.Name)
					}
				}
			}
			if dup != nil {
				return dup
			}
		}
		if err := st.CreateFamilyFile(ctx, &in.Family, &in.Episode, in.Kind, actor.AccountID, now.UTC()); err != nil {
			return err
		}
		if err := st.AppendAudit(ctx, s.event(actor, in.Family.ID, "family", in.Family.ID, ActionCreate, d, OutcomeSuccess)); err != nil {
			return err
		}
		return s.keepAnswer(ctx, st, actor, in.Family.ID)
	})
	if dup != nil && errors.Is(err, ErrPossibleDuplicate) {
		return failed(dup, matches)
	}
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

// FamilyUpdate changes some of the child's details: a nil field stays as
// it is, so two case managers changing different fields at once both keep
// their change.
type FamilyUpdate struct {
	ChildName       *string
	BirthDate       *time.Time
	Sex             *string
	BSN             *string
	Diagnosis       *string
	ICD10           *string
	Secondary       *[]Diagnosis
	LivingSituation *string
	CultureNotes    *string
	Summary         *string
	Unborn          *bool
}

// EditOf is the update that sets every field of the child's details to
// f's: what the edit form sends.
func EditOf(f *Family) FamilyUpdate {
	return FamilyUpdate{ChildName: &f.ChildName, BirthDate: &f.BirthDate, Sex: &f.Sex, BSN: &f.BSN,
		Diagnosis: &f.Diagnosis, ICD10: &f.ICD10, Secondary: &f.Secondary, LivingSituation: &f.LivingSituation,
		CultureNotes: &f.CultureNotes, Summary: &f.Summary, Unborn: &f.Unborn}
}

// Apply sets the fields of u on f.
func (u FamilyUpdate) Apply(f *Family) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&f.ChildName, u.ChildName)
	set(&f.Sex, u.Sex)
	set(&f.BSN, u.BSN)
	set(&f.Diagnosis, u.Diagnosis)
	set(&f.ICD10, u.ICD10)
	set(&f.LivingSituation, u.LivingSituation)
	set(&f.CultureNotes, u.CultureNotes)
	set(&f.Summary, u.Summary)
	if u.BirthDate != nil {
		f.BirthDate = *u.BirthDate
	}
	if u.Secondary != nil {
		f.Secondary = *u.Secondary
	}
	if u.Unborn != nil {
		f.Unborn = *u.Unborn
	}
}

// UpdateFamily changes the child's details in one transaction: the family
// as it is now with u applied must be valid, and only u's fields are
// written.
func (s *Service) UpdateFamily(ctx context.Context, actor Actor, familyID int64, u FamilyUpdate) error {
	return s.gate(ctx, s.caseForm(actor, familyID, "family", ActionUpdate), func(st Store, _ Relationship, id *int64) error {
		*id = familyID
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		u.Apply(f)
		if err := f.Validate(s.now()); err != nil {
			return err
		}
		return st.UpdateFamily(ctx, familyID, u, s.now().UTC())
	})
}

// AddMember adds a parent, carer, sibling or other family member.
func (s *Service) AddMember(ctx context.Context, actor Actor, m *Member) error {
	return s.gate(ctx, s.caseForm(actor, m.FamilyID, "member", ActionCreate), func(st Store, _ Relationship, id *int64) error {
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
	return s.gate(ctx, s.caseForm(actor, n.FamilyID, "network_member", action), func(st Store, _ Relationship, id *int64) error {
		*id = n.ID
		if err := n.Validate(); err != nil {
			return err
		}
		if n.ID == 0 {
			err := st.SaveNetworkMember(ctx, n)
			*id = n.ID
			return err
		}
		return s.correctNetworkMember(ctx, st, actor, n)
	})
}

// DeleteNetworkMember removes someone from the network.
func (s *Service) DeleteNetworkMember(ctx context.Context, actor Actor, familyID, memberID int64) error {
	return s.gate(ctx, caseFile(actor, familyID, "network_member", ActionDelete), func(st Store, _ Relationship, id *int64) error {
		*id = memberID
		return st.DeleteNetworkMember(ctx, familyID, memberID)
	})
}

// ChangeIntensity records a step up or down and the next planned contact.
func (s *Service) ChangeIntensity(ctx context.Context, actor Actor, c *IntensityChange) error {
	return s.gate(ctx, s.caseForm(actor, c.FamilyID, "intensity", ActionCreate), func(st Store, _ Relationship, id *int64) error {
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
	return s.gate(ctx, s.caseForm(actor, c.FamilyID, "contact", ActionCreate), func(st Store, rel Relationship, id *int64) error {
		if err := c.Validate(s.now(), rel.KnownBirth()); err != nil {
			return err
		}
		c.CreatedAt = s.now().UTC()
		c.CreatedBy = Person{AccountID: actor.AccountID}
		err := st.AddContact(ctx, c)
		*id = c.ID
		return err
	})
}

// CreateTask adds a task to the family's list. The owner picked (t.Pick)
// must be someone in this family's file: anyone else is refused at
// "owner" and nothing is saved.
func (s *Service) CreateTask(ctx context.Context, actor Actor, t *Task) error {
	return s.gate(ctx, s.caseForm(actor, t.FamilyID, "task", ActionCreate), func(st Store, _ Relationship, id *int64) error {
		err := s.createTask(ctx, st, actor, t, "")
		*id = t.ID
		return err
	})
}

// ErrTaskNotOpen answers for a task that is not open or not the caller's.
var ErrTaskNotOpen = Errorf(NotFound, "task not found")

// ErrTaskDone answers for a task of the caller's that is closed already:
// a form sent twice meets it.
var ErrTaskDone = Errorf(NotFound, "task closed already")

// CompleteTask closes an open task through the door view with a note of
// what was done: "arranged" must mean done, so the note is required. The
// case managers close any task of the family; the family closes the tasks
// that are the family's, with a short note, and a provider with consent
// its own. A note that is missing or too long comes back with the page the
// form is on: the family page, or the family's or provider's own.
func (s *Service) CompleteTask(ctx context.Context, actor Actor, view View, familyID, taskID int64, note string) error {
	var a access
	maxNote := MaxText
	switch view {
	case ViewCaseFile:
		a = caseFile(actor, familyID, "task", ActionUpdate)
		a.again = func(ctx context.Context, st Store, familyID int64, _ Relationship, in *InvalidInput) error {
			var err error
			in.Form, err = s.casePage(ctx, st, actor, familyID)
			return err
		}
	case ViewFamily:
		a, maxNote = s.familyDoor(actor, familyID, "task", ActionUpdate), MaxShort
	case ViewProvider:
		a = s.providerDoor(actor, familyID, "task", ActionUpdate)
	default:
		return Errorf(Internal, "no door to close a task: %q", view)
	}
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = taskID
		if view == ViewProvider && !ScopeCovers(rel.Consent.Scope, PartTasks) {
			return errDenied // the consent does not show the provider's tasks
		}
		// The task must be this family's; then the note is checked, so the
		// form comes back for any task of the family on the reader's page;
		// then whether the task is the reader's to close, and open.
		tasks, err := st.Tasks(ctx, familyID, TaskQuery{ID: taskID})
		if err != nil {
			return err
		}
		if len(tasks) == 0 {
			return ErrTaskNotOpen
		}
		fe := FieldErrors{}
		text(fe, "done_note", note, maxNote, true)
		if len(fe) > 0 {
			return fe
		}
		t := tasks[0]
		switch {
		case view == ViewFamily && t.OwnerKind != "family",
			view == ViewProvider && (t.NetworkMemberID == 0 || t.NetworkMemberID != rel.Link.NetworkMemberID):
			return ErrTaskNotOpen
		case t.Status != "open":
			return ErrTaskDone
		}
		return st.CompleteTask(ctx, familyID, taskID, strings.TrimSpace(note), s.now().UTC(), actor.AccountID)
	})
}

// SaveEpisode records the referral and the family's decision (accepted,
// declined, ended, or offered again when a file is reopened). Without a
// status date the decision's date is today, or the stored one while the
// status stands.
func (s *Service) SaveEpisode(ctx context.Context, actor Actor, e *Episode) error {
	return s.gate(ctx, s.caseForm(actor, e.FamilyID, "episode", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		*id = e.FamilyID
		if e.StatusDate.IsZero() {
			e.StatusDate = DateOf(s.now())
			cur, err := st.Episode(ctx, e.FamilyID)
			if err != nil {
				return err
			}
			if cur != nil && cur.Status == e.Status {
				e.StatusDate = cur.StatusDate
			}
		}
		if err := e.Validate(s.now(), rel.KnownBirth()); err != nil {
			return err
		}
		return st.SaveEpisode(ctx, e)
	})
}

// AssignCaseManager makes a case manager of the organisation the family's
// KCT or thuis case manager, and returns the family's case managers after
// the change: a case manager who hands their own place to a colleague has
// no access to the file any more.
func (s *Service) AssignCaseManager(ctx context.Context, actor Actor, familyID int64, kind string, accountID int64) (CaseManagers, error) {
	var after CaseManagers
	err := s.gate(ctx, s.caseForm(actor, familyID, "case_manager", ActionUpdate), func(st Store, _ Relationship, id *int64) error {
		fe := FieldErrors{}
		oneOf(fe, "kind", kind, CaseManagerKinds...)
		people, err := st.CaseManagersOf(ctx, actor.OrganisationID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(people, func(p Person) bool { return p.AccountID == accountID }) {
			fe["account"] = "field.choose"
		}
		if len(fe) > 0 {
			return fe
		}
		*id = accountID
		if err := st.AssignCaseManager(ctx, familyID, kind, accountID); err != nil {
			return err
		}
		after, err = st.FamilyCaseManagers(ctx, familyID)
		return err
	})
	return after, err
}

// CaseManagers lists the organisation's case managers, to choose a duo
// partner. Names of colleagues are no family data: not audited.
func (s *Service) CaseManagers(ctx context.Context, actor Actor) ([]Person, error) {
	if !MayListCaseload(actor) {
		return nil, errNotFound
	}
	var ps []Person
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		ps, err = st.CaseManagersOf(ctx, actor.OrganisationID)
		return err
	})
	return ps, err
}

// RecordLogin audits a login attempt (outcome success or failed); accountID
// is 0 when the e-mail address matched no account.
func (s *Service) RecordLogin(ctx context.Context, accountID int64, role Role, accessPoint, outcome string) error {
	return s.record(ctx, Actor{AccountID: accountID, Role: role, AccessPoint: accessPoint}, "session", ActionLogin,
		Decision{Allowed: outcome == OutcomeSuccess}, outcome)
}
