package care

import "time"

// Intensity is how closely the case managers are involved (stepped care).
type Intensity string

// The intensities. Waakvlam ("pilot light") is low-frequency contact kept
// alive until more is needed.
const (
	Intensive Intensity = "intensive"
	Regular   Intensity = "regular"
	Waakvlam  Intensity = "waakvlam"
)

// Intensities lists the intensities from most to least involved.
var Intensities = []Intensity{Intensive, Regular, Waakvlam}

// Family is one family's file, centred on the child.
type Family struct {
	ID             int64
	OrganisationID int64
	ChildName      string
	BirthDate      time.Time // a date: midnight UTC; while Unborn the expected date
	// Unborn marks a file opened during pregnancy: BirthDate is the
	// expected date of birth until the birth is recorded (see unborn.go).
	Unborn          bool
	Sex             string // female, male, other, unknown
	BSN             string // optional; passes the 11-test when set
	Diagnosis       string // main diagnosis; empty: no diagnosis yet
	ICD10           string
	Secondary       []Diagnosis
	LivingSituation string
	CultureNotes    string // language, culture, religion: what matters for care
	Intensity       Intensity
	NextContact     time.Time // zero when not planned
	Summary         string
	Deceased        bool
	// DeceasedOn is the date of death once it is recorded (see death.go);
	// zero before, and for a death marked without a record.
	DeceasedOn time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Diagnosis is a secondary diagnosis.
type Diagnosis struct {
	ID          int64
	Description string
	ICD10       string
}

// Member is a parent, carer, sibling or other member of the family.
type Member struct {
	ID        int64
	FamilyID  int64
	Kind      string // parent, carer, sibling, other
	Name      string
	Relation  string // e.g. moeder, stiefvader, broer
	Custody   bool
	Phone     string
	Email     string
	Language  string
	BirthDate time.Time // zero when unknown; used for siblings
	Notes     string
	// EndedOn is when they stopped being part of the family's file (a
	// carer who left); zero while they are. The member stays on record.
	EndedOn time.Time
}

// Episode is the family's case management: the referral, why, and whether
// the family accepted it. Declining is respected and can be undone.
type Episode struct {
	FamilyID         int64
	ReferralDate     time.Time
	ReferredBy       string
	Reason           string
	FactorWish       bool   // the family wants it
	FactorComplexity bool   // the care is complex
	FactorCapacity   bool   // regular providers cannot carry it
	SurpriseQuestion string // yes, no, unknown: would you be surprised if the child died within a year?
	Status           string // offered, accepted, declined, ended
	StatusDate       time.Time
	StatusNote       string
	DivisionOfTasks  string // how the two case managers share the work
}

// CaseManagers are the duo assigned to a family (either may be missing).
type CaseManagers struct {
	KCT   Person // Kinder Comfort Team, hospital side
	Thuis Person // daily life
	// How each is reached at work, as they keep it on their account.
	KCTReach, ThuisReach Reachability
}

// Person names an account.
type Person struct {
	AccountID int64
	Name      string
}

// NetworkMember is a provider or informal carer in the care network.
type NetworkMember struct {
	ID               int64
	FamilyID         int64
	Name             string
	Role             string // gp, paediatrician, homecare, ...
	Organisation     string
	Line             int // line of care 1-3; 0 for informal carers and others
	Domain           string
	Phone            string
	Email            string
	Reachability     string // when and how to reach them
	AlwaysReachable  bool   // 24/7
	Responsibilities string // who does what
	Bereavement      bool   // discusses bereavement care with the parents
	// StartedOn and EndedOn are when they became and stopped being
	// involved; zero when not known or not ended. An ended member stays
	// in the file's history (see network_period.go).
	StartedOn time.Time
	EndedOn   time.Time
}

// IntensityChange records a step up or down.
type IntensityChange struct {
	ID          int64
	FamilyID    int64
	Intensity   Intensity
	NextContact time.Time
	Reason      string
	ChangedAt   time.Time
	ChangedBy   Person
}

// Contact is one registered contact (CaPalCa minimum set).
type Contact struct {
	ID          int64
	FamilyID    int64
	Date        time.Time
	Kind        string // home_visit, phone, video, email, meeting
	With        string // child, parent, both, provider, family
	Location    string
	DurationMin int
	TravelMin   int
	// RegistrationMin is the time spent registering the contact, which
	// the registration report counts with the contact and travel time.
	RegistrationMin int
	Topics          string
	FollowUp        string
	CreatedAt       time.Time
	CreatedBy       Person
}

// Task is an action with an owner and a due date. It is closed by saying
// what was done.
type Task struct {
	ID        int64
	FamilyID  int64
	Title     string
	OwnerKind string // casemanager, network, family
	OwnerName string
	// NetworkMemberID links a task to one provider in the network, who then
	// sees it in their view and can mark it done; 0 when none.
	NetworkMemberID int64
	// OwnerAccountID is the case manager and OwnerMemberID the parent or
	// carer the task is for; 0 when none (see Owner).
	OwnerAccountID int64
	OwnerMemberID  int64
	// Pick is the owner picked on a form, for the service to look up in
	// the family's file; not stored.
	Pick TaskOwner
	// PlanDimension and PlanGoal link a task to the care plan as one of its
	// actions: the dimension, and the ID of the goal it serves ("" for none).
	PlanDimension Dimension
	PlanGoal      string
	DueDate       time.Time // zero when none
	Status        string    // open, done
	DoneNote      string
	DoneAt        time.Time
	DoneBy        Person
	CreatedAt     time.Time
	CreatedBy     Person
}

// Overdue reports whether the task is open past its due date on day.
func (t *Task) Overdue(day time.Time) bool {
	return t.Status == "open" && !t.DueDate.IsZero() && t.DueDate.Before(DateOf(day))
}

// File is everything on one family's page.
type File struct {
	Family       Family
	Members      []Member
	Episode      *Episode // nil before intake is complete
	CaseManagers CaseManagers
	Network      []NetworkMember
	// EarlierNetwork and EarlierMembers are the network members and
	// family members whose involvement ended: history, not current.
	EarlierNetwork []NetworkMember
	EarlierMembers []Member
	// Corrections of members, network members and contacts, newest
	// first; on the family page only.
	Corrections []Correction
	// FamilyProposals are the family's proposals for their network,
	// newest first.
	FamilyProposals []FamilyProposal
	Intensity       []IntensityChange // newest first
	Contacts        []Contact         // newest first; on the family page the most recent
	Tasks           []Task            // open first, by due date; on the family page the recently closed
	// ContactCount and DoneTaskCount are how many contacts and closed
	// tasks there are in all, when Contacts and Tasks hold the recent ones.
	ContactCount  int
	DoneTaskCount int
	Notes         []Note       // from the family and providers, newest first
	Plan          *PlanSummary // nil when the family has no care plan yet
	// TaskEvents are the changes of owner and due date of the tasks
	// shown, oldest first, by task id; read for the case managers' page.
	TaskEvents map[int64][]TaskEvent
	// Threads are the conversations, with what the reader has not read.
	Threads []Thread
	// Transition is the turning-18 checklist; read for the case managers'
	// page, nil when not shown.
	Transition *Transition
	// Coverage sums up the coverage plan; on the family page only.
	Coverage CoverageOverview
	// Stay is where the child is today; nil when not recorded. Read for
	// the case managers' page and the family's own.
	Stay *Stay
	// Transfers are the transfers planned, the nearest first, with their
	// checklist tasks; on the case managers' and the family's page.
	Transfers []Transfer
	// Meetings are the meetings not yet ended, soonest first; on the
	// family page only.
	Meetings []Meeting
	// Signals are the family's signals not snoozed or dismissed, most
	// urgent first; on the case managers' family page only.
	Signals []Signal
}

// UnreadMessages is how many messages the reader has not read, in all threads.
func (f *File) UnreadMessages() int { return unread(f.Threads) }

func unread(ts []Thread) int {
	n := 0
	for _, t := range ts {
		n += t.Unread
	}
	return n
}

// HasGP reports whether a GP is in the network; a missing GP is shown.
func (f *File) HasGP() bool {
	for _, n := range f.Network {
		if n.Role == "gp" {
			return true
		}
	}
	return false
}

// CaseloadItem is one row of a case manager's caseload.
type CaseloadItem struct {
	FamilyID    int64
	ChildName   string
	BirthDate   time.Time
	Intensity   Intensity
	NextContact time.Time
	OpenTasks   int
	Overdue     int
	Status      string // episode status, "" when none
	Deceased    bool
	DeceasedOn  time.Time // zero when not recorded
	Unborn      bool      // BirthDate is the expected date of birth
	// PlanReviewDue is the care plan's review date; zero without a plan.
	PlanReviewDue time.Time
	// Coverage counts what needs attention in the family's coverage plan,
	// within the organisation's window; on the caseload only.
	Coverage CoverageSummary
	// Stay is where the child is today; nil when not recorded.
	Stay *Stay
	// FoundVia is the family member (name, kind, relation) whose name a
	// search found, when it was not the child's; nil otherwise.
	FoundVia *Member
	// Signal is the family's most urgent signal not snoozed or
	// dismissed; nil when none.
	Signal *Signal
}

// Admitted reports whether the child is in a hospital today.
func (it *CaseloadItem) Admitted() bool { return it.Stay != nil && it.Stay.Hospital() }

// PlanReviewOverdue reports whether the care plan's review date has passed on day.
func (it *CaseloadItem) PlanReviewOverdue(day time.Time) bool {
	return !it.Deceased && !it.PlanReviewDue.IsZero() && it.PlanReviewDue.Before(DateOf(day))
}

// DateOf returns the date of t in the Netherlands, as midnight UTC.
func DateOf(t time.Time) time.Time {
	y, m, d := t.In(Amsterdam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// AgeOn returns the age in whole years on day; 0 before birth, never
// less, so the age rules (consent, invitations) start at birth.
func AgeOn(birth, day time.Time) int {
	day = DateOf(day)
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return max(age, 0)
}
