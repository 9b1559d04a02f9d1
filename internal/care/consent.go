package care

import "time"

// ConsentRule says whose consent counts, after the WGBO: under 12 the
// parents with custody decide; from 12 to 15 the child and the parents both;
// from 16 the young person alone.
type ConsentRule string

// The rules, by the child's age on the day.
const (
	RuleParents         ConsentRule = "parents"
	RuleChildAndParents ConsentRule = "child_and_parents"
	RuleChild           ConsentRule = "child"
)

// RuleOn returns the rule that holds on day for a child born on birth.
func RuleOn(birth, day time.Time) ConsentRule {
	switch age := AgeOn(birth, day); {
	case age < 12:
		return RuleParents
	case age < 16:
		return RuleChildAndParents
	default:
		return RuleChild
	}
}

// Consent scopes: what a provider with consent sees of the family's file.
// ScopePlanNetwork is the care plan and the network only; ScopeFile is the
// provider's whole view: also the child's details and their own tasks.
const (
	ScopeFile        = "file"
	ScopePlanNetwork = "plan_network"
)

// Part is a part of the file a consent scope covers or not.
type Part int

// The parts of the file a provider may be shown.
const (
	PartPlan     Part = iota // the care plan, its actions and the emergency summary
	PartNetwork              // the care network and the parents to call
	PartChild                // birth date, sex, diagnoses, language and culture
	PartTasks                // the provider's own tasks, and closing them
	PartCoverage             // the coverage plan: who pays for what, indications, aids
)

// ScopeCovers reports whether consent with scope shows part of the file.
// Deny by default: no scope, or one not known, covers nothing. The child's
// name is shown under every scope, so a provider knows whose plan it is.
func ScopeCovers(scope string, part Part) bool {
	switch scope {
	case ScopeFile:
		return true
	case ScopePlanNetwork:
		return part == PartPlan || part == PartNetwork
	}
	return false
}

// ForProvider is what a provider with consent of scope sees of the
// family's own record: the child's name (and whether the child died), and
// under a scope that covers the child the birth date, sex, diagnoses and
// language and culture. Fields are copied one by one, so a field added
// to Family stays hidden until it is added here.
func (f Family) ForProvider(scope string) Family {
	out := Family{ID: f.ID, OrganisationID: f.OrganisationID, ChildName: f.ChildName, Deceased: f.Deceased, DeceasedOn: f.DeceasedOn}
	if ScopeCovers(scope, PartChild) {
		out.BirthDate, out.Unborn, out.Sex = f.BirthDate, f.Unborn, f.Sex
		out.Diagnosis, out.ICD10, out.Secondary = f.Diagnosis, f.ICD10, f.Secondary
		out.CultureNotes = f.CultureNotes
	}
	return out
}

// Giver kinds: who gave or withdrew consent.
const (
	GiverParent = "parent" // a parent or carer with custody
	GiverChild  = "child"
)

// ConsentRecord is one grant or withdrawal, kept as history: the latest
// record of each giver for a provider is what counts.
type ConsentRecord struct {
	ID              int64
	FamilyID        int64
	NetworkMemberID int64 // the provider the consent is for
	GivenBy         Person
	GiverKind       string // parent or child
	Granted         bool   // false: withdrawn
	Scope           string // file or plan_network
	At              time.Time
}

// ConsentState is the outcome for one provider on one day.
type ConsentState struct {
	Rule ConsentRule
	// Scope is the consent in force: "" for none, else the narrowest scope
	// among the grants that count.
	Scope string
	// Missing lists who must still consent (GiverParent, GiverChild) for
	// consent to be in force; empty when it is.
	Missing []string
}

// Given reports whether consent is in force.
func (s ConsentState) Given() bool { return s.Scope != "" }

// EvaluateConsent applies the rule of the day to the history of one
// provider's consent records. Withdrawal by anyone whose consent counts
// ends consent at once; a parent's withdrawal no longer counts from 16,
// and from 12 a parent's grant alone is not enough, so consent given for a
// younger child is asked again at 12 and 16.
func EvaluateConsent(birth, day time.Time, records []ConsentRecord) ConsentState {
	latest := map[int64]ConsentRecord{}
	for _, r := range records {
		if r.At.After(day) {
			continue
		}
		if prev, ok := latest[r.GivenBy.AccountID]; !ok || !r.At.Before(prev.At) {
			latest[r.GivenBy.AccountID] = r
		}
	}
	var parents, child []ConsentRecord
	for _, r := range latest {
		if r.GiverKind == GiverChild {
			child = append(child, r)
		} else {
			parents = append(parents, r)
		}
	}
	st := ConsentState{Rule: RuleOn(birth, day)}
	parentScope, parentOK := agreed(parents)
	childScope, childOK := agreed(child)
	var scopes []string
	if st.Rule != RuleChild {
		if parentOK {
			scopes = append(scopes, parentScope)
		} else {
			st.Missing = append(st.Missing, GiverParent)
		}
	}
	if st.Rule != RuleParents {
		if childOK {
			scopes = append(scopes, childScope)
		} else {
			st.Missing = append(st.Missing, GiverChild)
		}
	}
	if len(st.Missing) == 0 {
		st.Scope = narrowest(scopes)
	}
	return st
}

// agreed reports whether a group consents: at least one grant and no
// withdrawal among the latest records; the scope is the narrowest granted.
func agreed(latest []ConsentRecord) (string, bool) {
	if len(latest) == 0 {
		return "", false
	}
	var scopes []string
	for _, r := range latest {
		if !r.Granted {
			return "", false
		}
		scopes = append(scopes, r.Scope)
	}
	return narrowest(scopes), true
}

func narrowest(scopes []string) string {
	if len(scopes) == 0 {
		return ""
	}
	for _, s := range scopes {
		if s == ScopePlanNetwork {
			return ScopePlanNetwork
		}
	}
	return ScopeFile
}
