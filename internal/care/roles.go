package care

// Role is what an account is for. What each role may see is decided by the
// policy, never by the handlers.
type Role string

// The roles. Admin manages accounts and settings and sees no family data.
const (
	RoleAdmin       Role = "admin"
	RoleCaseManager Role = "casemanager"
	RoleProvider    Role = "provider"
	RoleFamily      Role = "family"
	RoleCoordinator Role = "coordinator"
)

// Roles lists every role in the order the UI shows them.
var Roles = []Role{RoleCaseManager, RoleProvider, RoleFamily, RoleCoordinator, RoleAdmin}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if r == v {
			return true
		}
	}
	return false
}
