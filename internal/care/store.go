package care

import (
	"context"
	"time"
)

// Store is what the Service needs from the database, composed of one
// interface per capability. Every method on family data takes the family
// id and scopes its query by it.
type Store interface {
	Transactor
	AuditStore
	FamilyStore
	LinkStore
	AccountStore
	CarePlanStore
	IdempotencyStore
	TaskStore
	NetworkHistoryStore
	ThreadStore
	CoverageStore
	CalendarStore
	StayStore
	TransferStore
	MeetingStore
	DigestStore
	IntervisionStore
	ReportStore
	OrganisationStore
	FileRevisionStore
	DeathStore
	TimelineStore
	DirectoryStore
	SignalStore
}

// Transactor runs work in a transaction of the database.
type Transactor interface {
	// Atomic runs fn with a Store bound to one write transaction.
	Atomic(ctx context.Context, fn func(Store) error) error
	// Read runs fn with a Store bound to one read-only transaction: one
	// snapshot, and no write lock taken.
	Read(ctx context.Context, fn func(Store) error) error
}

// AuditStore keeps the audit trail.
type AuditStore interface {
	// AppendAudit chains e to the last record and stores it: inside a
	// write transaction as part of it, outside one durably before it
	// returns. It fails inside a read transaction.
	AppendAudit(ctx context.Context, e *AuditEvent) error
}

// FamilyStore keeps the family file: the child, the people around them,
// contacts and tasks.
type FamilyStore interface {
	// Relationship says how the account relates to the family; the zero
	// Relationship when the family does not exist.
	Relationship(ctx context.Context, accountID, familyID int64) (Relationship, error)
	Caseload(ctx context.Context, accountID int64, today time.Time) ([]CaseloadItem, error)
	// CaseloadFamiliesByBSN lists the families of the account's caseload
	// whose child has the BSN.
	CaseloadFamiliesByBSN(ctx context.Context, accountID int64, bsn string) ([]int64, error)
	// CaseloadMembers lists the family members (name, kind, relation) of
	// each family in the account's caseload, to search by a parent's or a
	// sibling's name.
	CaseloadMembers(ctx context.Context, accountID int64) (map[int64][]Member, error)
	FamiliesWithBirthDate(ctx context.Context, organisationID int64, birth time.Time) ([]CaseloadItem, error)
	CreateFamilyFile(ctx context.Context, f *Family, e *Episode, kind string, accountID int64, at time.Time) error
	// FamilyFile reads the file as the family page shows it: the recent
	// contacts and closed tasks, and how many there are in all.
	FamilyFile(ctx context.Context, familyID int64, recent int) (*File, error)
	// FamilyByID reads the family's own row and its secondary diagnoses.
	FamilyByID(ctx context.Context, familyID int64) (*Family, error)
	UpdateFamily(ctx context.Context, familyID int64, u FamilyUpdate, at time.Time) error
	Members(ctx context.Context, familyID int64) ([]Member, error)
	AddMember(ctx context.Context, m *Member) error
	Network(ctx context.Context, familyID int64) ([]NetworkMember, error)
	SaveNetworkMember(ctx context.Context, n *NetworkMember) error
	DeleteNetworkMember(ctx context.Context, familyID, id int64) error
	FamilyCaseManagers(ctx context.Context, familyID int64) (CaseManagers, error)
	Episode(ctx context.Context, familyID int64) (*Episode, error)
	SaveEpisode(ctx context.Context, e *Episode) error
	AddIntensityChange(ctx context.Context, c *IntensityChange) error
	AddContact(ctx context.Context, c *Contact) error
	// Contacts lists contacts newest first: up to limit of them, older
	// than the contact before (0: from the newest).
	Contacts(ctx context.Context, familyID int64, before int64, limit int) ([]Contact, error)
	CountContacts(ctx context.Context, familyID int64) (int, error)
	// Tasks lists the family's tasks that match q, open first, by due date.
	Tasks(ctx context.Context, familyID int64, q TaskQuery) ([]Task, error)
	// CountTasks counts the family's tasks that match q (RecentDone aside).
	CountTasks(ctx context.Context, familyID int64, q TaskQuery) (int, error)
	CreateTask(ctx context.Context, t *Task) error
	CompleteTask(ctx context.Context, familyID, taskID int64, note string, at time.Time, by int64) error
	AssignCaseManager(ctx context.Context, familyID int64, kind string, accountID int64) error
	CaseManagersOf(ctx context.Context, organisationID int64) ([]Person, error)
}

// TaskQuery selects tasks of one family; the zero query selects all.
type TaskQuery struct {
	ID              int64  // one task
	Status          string // open or done; "" for both
	NetworkMemberID int64  // the tasks of one provider
	OwnerKind       string
	PlanOnly        bool // the care plan's actions
	// RecentDone keeps, of the closed tasks, only this many most recently
	// closed; 0 keeps them all.
	RecentDone int
}

// LinkStore keeps what ties accounts to families: links, invitations,
// consent, the notes of the family and providers, and the access log.
type LinkStore interface {
	LinkOf(ctx context.Context, accountID, familyID int64) (*Link, error)
	CreateLink(ctx context.Context, l *Link) error
	// LinkedFamilies lists the families an account is linked to, with the
	// child's name and date of birth.
	LinkedFamilies(ctx context.Context, accountID int64) ([]LinkedFamilyRow, error)
	CreateInvitation(ctx context.Context, inv *Invitation) error
	InvitationByTokenHash(ctx context.Context, hash string) (*Invitation, error)
	UseInvitation(ctx context.Context, id, accountID int64, at time.Time) error
	// CreateInvitedAccount makes the account of an accepted invitation in
	// the organisation of the case manager who invited; a taken e-mail
	// address is a Conflict.
	CreateInvitedAccount(ctx context.Context, a *InvitedAccount) error
	AddConsent(ctx context.Context, c *ConsentRecord) error
	ConsentRecords(ctx context.Context, familyID, networkMemberID int64) ([]ConsentRecord, error)
	AddNote(ctx context.Context, n *Note) error
	Notes(ctx context.Context, familyID int64) ([]Note, error)
	AccessLog(ctx context.Context, familyID int64, from, to time.Time) ([]AccessEntry, error)
}

// CarePlanStore keeps the care plan, its versions, proposals and templates.
type CarePlanStore interface {
	// CarePlan returns the current version of the family's plan, or nil
	// and no error when the family has none.
	CarePlan(ctx context.Context, familyID int64) (*CarePlan, error)
	// CarePlanVersion returns one version; NotFound when there is none.
	CarePlanVersion(ctx context.Context, familyID int64, version int) (*CarePlan, error)
	// EarlierCarePlans returns every version before the current one, in
	// full, oldest first.
	EarlierCarePlans(ctx context.Context, familyID int64) ([]CarePlan, error)
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

// NetworkHistoryStore keeps the family's network over time: who was
// involved when, corrections with the values before them, and what the
// family proposes.
type NetworkHistoryStore interface {
	// NetworkInvolvedBetween lists the network members involved on any
	// day from from to to (both included), ended ones too.
	NetworkInvolvedBetween(ctx context.Context, familyID int64, from, to time.Time) ([]NetworkMember, error)
	// UpdateMember writes a family member of the family; NotFound when
	// the family has no such member.
	UpdateMember(ctx context.Context, m *Member) error
	// Contact reads one contact of the family; NotFound when there is none.
	Contact(ctx context.Context, familyID, id int64) (*Contact, error)
	// UpdateContact writes the registration of a contact of the family.
	UpdateContact(ctx context.Context, c *Contact) error
	AddCorrection(ctx context.Context, c *Correction) error
	// Corrections lists the family's corrections of one kind of object,
	// newest first.
	Corrections(ctx context.Context, familyID int64, objectType string) ([]Correction, error)
	AddFamilyProposal(ctx context.Context, p *FamilyProposal) error
	// FamilyProposals lists the family's proposals, newest first.
	FamilyProposals(ctx context.Context, familyID int64) ([]FamilyProposal, error)
	// AnswerFamilyProposal records the answer to an open proposal of the
	// family; NotFound when it is not open.
	AnswerFamilyProposal(ctx context.Context, p *FamilyProposal) error
}
