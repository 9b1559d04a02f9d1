// Package demo holds fictional demo data: a handful of hand-written families
// for a demo organisation, modelled on typical journeys in pediatric
// palliative care, a fast deterministic generator of many more families for
// load tests, and the national shape: regions, organisations, case managers
// and five years of history at the scale of the whole country
// (GenerateNational). It is pure data and never touches a database;
// callers decide how to store what it returns.
//
// Each family comes with the content of its file: the family members, the
// referral and decision about case management, the care network, the steps
// in intensity, the registered contacts and the tasks.
//
// All names are invented. Dates are computed relative to the day the data is
// made, so the ages (and the stories that depend on them) stay right over the
// years.
package demo

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// The demo organisation's two case managers, as the stories name them. The
// accounts that go with them are made by whoever stores the data.
const (
	KCTCaseManager   = "Carla Visser" // casemanager KCT, the hospital side
	ThuisCaseManager = "Joost Meijer" // casemanager thuis, daily life
)

// HomeCareNurse is the home-care nurse in the network of two families
// (Yara El Amrani and Sem de Wit): one provider with many families.
const HomeCareNurse = "Anke Postma"

// How the demo case managers are reached at work, as they keep it on their
// accounts.
var (
	KCTReachability = care.Reachability{WorkPhone: "024 000 3310",
		Hours:   "maandag tot en met donderdag 8.30–17.00 uur; daarbuiten de dienstdoende verpleegkundige van het KCT, dag en nacht",
		StandIn: "Bij afwezigheid: de dienstdoende verpleegkundige van het KCT, 024 000 3300"}
	ThuisReachability = care.Reachability{WorkPhone: "06 0012 3456",
		Hours:   "dinsdag, woensdag en vrijdag 9.00–16.30 uur",
		StandIn: "Op maandag en donderdag, en bij vakantie: Karin Smit (casemanager thuis), 06 0012 3457"}
)

// Which of a family's case managers did something: By values.
const (
	ByKCT   = "kct"
	ByThuis = "thuis"
)

// Family is one fictional demo family and the content of its file.
type Family struct {
	ChildName string    // fictional first + last name
	BirthDate time.Time // date only (UTC midnight), relative to the day the data was made
	Unborn    bool      // not born yet: BirthDate is the expected date
	Sex       string    // "female" | "male" | "other" | "unknown"
	Diagnosis string    // Dutch text, or "" when there is no diagnosis yet
	ICD10     string    // ICD-10 code matching the diagnosis, "" if no diagnosis
	Intensity string    // "intensive" | "regular" | "waakvlam": the current one, the last of Steps
	Summary   string    // 2-4 Dutch sentences: the situation as noted in the file
	Deceased  bool      // the child died; the family is in aftercare

	LivingSituation string // who the child lives with, and where
	CultureNotes    string // language, culture, religion: what matters for care

	// KCT and Thuis say which case managers hold the file: the KCT case
	// manager, the thuis case manager, or both as a duo. At least one is set;
	// the file is opened by the KCT case manager when there is one.
	KCT, Thuis bool

	Members  []care.Member
	Episode  care.Episode         // the referral and the family's decision
	Network  []care.NetworkMember // the care network; the GP first when there is one
	Steps    []Step               // intensity over time, oldest first; the first is set at intake
	Contacts []Contact            // oldest first
	// History is generated routine contacts before the first of Contacts
	// (addHistory), oldest first: a year of registration to report on.
	History []Contact
	Tasks   []Task // in the order they were made
	// Plan is the care plan's versions, oldest first; none for most
	// families. Proposals are changes the family proposed, still open.
	Plan      []PlanVersion
	Proposals []Proposal
	// NetworkProposals are the family's open proposals for their network.
	NetworkProposals []NetworkProposal
	// Coverage is the coverage plan: who pays for which care, and Aids
	// the aids and adaptations; both in the order they were recorded.
	Coverage []Coverage
	Aids     []Aid
	// Stays are where the child has been, oldest first; none for most
	// families.
	Stays []Stay
	// Transfers are the moves planned, with their checklists.
	Transfers []Transfer
	// Meetings are the multidisciplinary meetings, planned and held.
	Meetings []Meeting
	// Death is the record of the child's death and the aftercare plan;
	// nil unless the child died.
	Death *Death
}

// Step is a change of intensity, made by one of the family's case managers.
type Step struct {
	care.IntensityChange
	By string // ByKCT or ByThuis
}

// Contact is a registered contact, made by one of the family's case managers.
type Contact struct {
	care.Contact
	By string // ByKCT or ByThuis
}

// Task is a task made (and, when done, closed) by one of the family's case
// managers. A task owned by a case manager with no OwnerName is owned by the
// one who made it.
type Task struct {
	care.Task
	By string // ByKCT or ByThuis
	// ForProvider links the task to the network member named OwnerName
	// (OwnerKind "network"): it is their own task, which they see in their
	// view and can close.
	ForProvider bool
	// Handed, when set, is how the task came to its owner: it was first
	// given to someone else, with another due date, and handed over.
	Handed *Handover
}

// Handover is a task given to someone else by one of the case managers:
// when, by whom, whom it was for before (kind and name) and when it was
// due then. The task's owner and due date are those after it.
type Handover struct {
	At       time.Time
	By       string // ByKCT or ByThuis
	FromKind string
	FromName string
	DueWas   time.Time
}

// CareFamily returns the child's details as a care.Family, without the
// organisation, the dates of the record, and the intensity, which the steps set.
func (f *Family) CareFamily() care.Family {
	return care.Family{
		ChildName: f.ChildName, BirthDate: f.BirthDate, Sex: f.Sex, Diagnosis: f.Diagnosis, ICD10: f.ICD10,
		LivingSituation: f.LivingSituation, CultureNotes: f.CultureNotes, Intensity: care.Intensity(f.Intensity),
		Summary: f.Summary, Deceased: f.Deceased, Unborn: f.Unborn,
	}
}

// Families returns the demo families for a demo organisation, ages and
// dates computed from today. Each of the first six follows one of the
// typical journeys: a long search for a diagnosis with one-year indications,
// a child without a diagnosis cared for at home through a personal budget, a
// young man about to turn 18 whose family declined case management before, a
// child whose aids and adaptations lag behind growing care needs, a stable
// child on a low-frequency "waakvlam" footing, and a family in aftercare.
// The others widen the range of ages and diagnoses; the last file was
// opened during pregnancy.
//
// The KCT case manager holds most files; the thuis case manager works with
// her as a duo for three families and alone for two others.
func Families(today time.Time) []Family {
	c := newCalendar(today)
	fams := []Family{
		daanHermans(c), noorKramer(c), thijsBakker(c), lotteDeBoer(c), femkeWierenga(c),
		milaVerhoef(c), yaraElAmrani(c), semDeWit(c), irisHoekstra(c), evaSmit(c),
	}
	for i := range fams {
		addCoverage(c, &fams[i])
		addStays(c, &fams[i])
		addTransfers(c, &fams[i])
		addMeetings(c, &fams[i])
		addHistory(c, &fams[i])
		addDeath(c, &fams[i])
	}
	return fams
}

// birth returns the birth date, as a UTC midnight, of someone who is years
// years, months months and days days old on today's date. Negative parts
// move the date forward, so birth(today, 18, -4, 0) turns 18 in four months.
func birth(today time.Time, years, months, days int) time.Time {
	y, m, d := today.Date()
	return time.Date(y-years, m-time.Month(months), d-days, 0, 0, 0, 0, time.UTC)
}

// dateOf returns t's calendar date, in t's own location, as a UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ageOn returns the age in whole years on date day of someone born on b.
func ageOn(b, day time.Time) int {
	by, bm, bd := b.Date()
	y, m, d := day.Date()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}
