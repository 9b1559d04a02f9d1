package care

import "time"

// At 18 much changes at once: youth care under the Jeugdwet ends and the
// Wlz or the Wmo take over, the paediatrician hands over to an adult
// specialist, the children's ICU to an adult ICU, school ends in daytime
// activities, and a young adult who cannot decide alone may need a mentor
// or guardian. From the 17th birthday the file shows these steps as a
// checklist a case manager turns into tasks in one go.

// TransitionSteps are the steps of the checklist, in the order shown.
var TransitionSteps = []string{"coverage", "doctor", "icu", "daytime", "representation", "insurance"}

// TransitionFromAge is the age from which the checklist is shown.
const TransitionFromAge = 17

// TransitionAcceptance records that a case manager turned the checklist
// into tasks: when, by whom, and which steps.
type TransitionAcceptance struct {
	FamilyID   int64
	AcceptedAt time.Time
	AcceptedBy Person
	Steps      []string
}

// TransitionStep is one step as the case manager accepts it: the task it
// becomes.
type TransitionStep struct {
	Step  string
	Title string
	Owner TaskOwner
	Due   time.Time
}

// Transition is the checklist as the file shows it.
type Transition struct {
	Eighteenth time.Time
	Accepted   *TransitionAcceptance // nil while not accepted
	// JeugdwetItems are the coverage items that end at 18 unless renewed
	// under another law.
	JeugdwetItems []CoverageItem
}

// TransitionShown reports whether the checklist is shown on day: from the
// 17th birthday until the 18th, and after it while not accepted, until
// the 19th. Not before birth, and not for a child who died.
func TransitionShown(f *Family, accepted bool, day time.Time) bool {
	if f.Unborn || f.Deceased || f.BirthDate.IsZero() {
		return false
	}
	switch age := AgeOn(f.BirthDate, day); {
	case age < TransitionFromAge:
		return false
	case age < 18:
		return true
	default:
		return age < 19 && !accepted
	}
}

// TransitionDue is the default due date of the checklist's tasks: three
// months before the 18th birthday, or today when that has passed.
func TransitionDue(birth, day time.Time) time.Time {
	due := Eighteenth(birth).AddDate(0, -3, 0)
	if today := DateOf(day); due.Before(today) {
		return today
	}
	return due
}
