package care

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

// Relationship is what ties an actor to one family, as the store knows it.
type Relationship struct {
	CaseManager bool // assigned as KCT or thuis case manager
}

// Decision is the policy's answer and the grounds the audit trail records.
type Decision struct {
	Allowed      bool
	Relationship bool // a care relationship applied
	Consent      bool // consent applied
	Emergency    bool // emergency access applied
}

// Authorize decides whether actor may do action on a family with which it
// has rel. Deny by default: only what is listed here is allowed. An
// administrator sees no family data.
func Authorize(actor Actor, action Action, rel Relationship) Decision {
	switch actor.Role {
	case RoleCaseManager:
		if rel.CaseManager {
			return Decision{Allowed: true, Relationship: true}
		}
	}
	return Decision{}
}

// MayCreateFamily reports whether actor may open a new family file.
func MayCreateFamily(actor Actor) bool { return actor.Role == RoleCaseManager }

// MayListCaseload reports whether actor has a caseload.
func MayListCaseload(actor Actor) bool { return actor.Role == RoleCaseManager }
