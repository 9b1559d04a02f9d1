package care

import "time"

// Actor is who asks: the logged-in account and where the request came from.
type Actor struct {
	AccountID      int64
	Role           Role
	OrganisationID int64
	AccessPoint    string // the client address, recorded in the audit trail
}

// Action is an audit action code after NEN 7513.
type Action string

// The action codes. Login covers authentication events.
const (
	ActionCreate Action = "C"
	ActionRead   Action = "R"
	ActionUpdate Action = "U"
	ActionDelete Action = "D"
	ActionPrint  Action = "P"
	ActionExport Action = "E"
	ActionSearch Action = "S"
	ActionLogin  Action = "L"
)

// Relationship is what ties an actor to one family.
type Relationship struct {
	CaseManager bool  // assigned as KCT or thuis case manager
	Link        *Link // a family member's or provider's account link, or nil
	// Consent is the state of consent for a linked provider, evaluated on
	// the day of the request, so a withdrawal counts at once.
	Consent ConsentState
	// BirthDate is the child's, for the consent rule of the day; while
	// Unborn the expected date of birth.
	BirthDate time.Time
	Unborn    bool
}

// View is a restricted view of a family's file.
type View string

// The views of the file for roles other than the case managers.
const (
	ViewProvider  View = "provider"   // child, network, the provider's own tasks
	ViewFamily    View = "family"     // the family's own overview
	ViewAccessLog View = "access_log" // who looked at the file
	// ViewCarePlan is the care plan: for the case managers, the family
	// (parents, carers and the child with an account) and every provider
	// with consent in force — both consent scopes cover the plan.
	ViewCarePlan View = "care_plan"
	// ViewCaseFile is the case managers' own pages: only the family's
	// case managers. The care plan is asked for through one of these
	// doors, so a page for one role never shows it to another.
	ViewCaseFile View = "case_file"
)

// Authorize decides whether actor may pass through the door view into a
// family's file with which it has rel. Deny by default: only what is listed
// here is allowed. The case file is for the family's case managers; a
// provider needs to be in the network with consent in force; a family
// member needs their own family's link; the access log is for the family
// and their case managers; an administrator sees no family data.
func Authorize(actor Actor, view View, rel Relationship) Decision {
	linked := func(kinds ...string) bool {
		if rel.Link == nil {
			return false
		}
		for _, k := range kinds {
			if rel.Link.Kind == k {
				return true
			}
		}
		return false
	}
	switch {
	case view == ViewProvider && actor.Role == RoleProvider && linked(LinkProvider) && rel.Consent.Given():
		return Decision{Allowed: true, Relationship: true, Consent: true}
	case view == ViewFamily && actor.Role == RoleFamily && linked(LinkParent, LinkChild):
		return Decision{Allowed: true, Relationship: true}
	case view == ViewAccessLog && actor.Role == RoleFamily && linked(LinkParent, LinkChild):
		return Decision{Allowed: true, Relationship: true}
	case view == ViewAccessLog && actor.Role == RoleCaseManager && rel.CaseManager:
		return Decision{Allowed: true, Relationship: true}
	case (view == ViewCarePlan || view == ViewCaseFile) && actor.Role == RoleCaseManager && rel.CaseManager:
		return Decision{Allowed: true, Relationship: true}
	case view == ViewCarePlan && actor.Role == RoleFamily && linked(LinkParent, LinkChild):
		return Decision{Allowed: true, Relationship: true}
	case view == ViewCarePlan && actor.Role == RoleProvider && linked(LinkProvider) && rel.Consent.Given():
		return Decision{Allowed: true, Relationship: true, Consent: true}
	}
	return Decision{}
}

// Decision is the policy's answer and the grounds the audit trail records.
type Decision struct {
	Allowed      bool
	Relationship bool // a care relationship applied
	Consent      bool // consent applied
	Emergency    bool // emergency access applied
}

// MayCreateFamily reports whether actor may open a new family file.
func MayCreateFamily(actor Actor) bool { return actor.Role == RoleCaseManager }

// MayListCaseload reports whether actor has a caseload.
func MayListCaseload(actor Actor) bool { return actor.Role == RoleCaseManager }
