package care

import (
	"fmt"
	"testing"
)

var allActions = []Action{ActionCreate, ActionRead, ActionUpdate, ActionDelete, ActionPrint, ActionExport, ActionSearch, ActionLogin}

func TestAuthorize(t *testing.T) {
	roles := append([]Role{"", "root"}, Roles...)
	for _, role := range roles {
		for _, assigned := range []bool{false, true} {
			for _, action := range allActions {
				t.Run(fmt.Sprintf("%s/assigned=%v/%s", role, assigned, action), func(t *testing.T) {
					actor := Actor{AccountID: 7, Role: role, OrganisationID: 1, AccessPoint: "192.0.2.1"}
					got := Authorize(actor, action, Relationship{CaseManager: assigned})
					want := Decision{}
					if role == RoleCaseManager && assigned {
						want = Decision{Allowed: true, Relationship: true}
					}
					if got != want {
						t.Errorf("Authorize = %+v, want %+v", got, want)
					}
				})
			}
		}
	}
}

func TestMayCreateFamilyAndListCaseload(t *testing.T) {
	for _, role := range append([]Role{"", "root"}, Roles...) {
		want := role == RoleCaseManager
		actor := Actor{AccountID: 7, Role: role}
		if got := MayCreateFamily(actor); got != want {
			t.Errorf("MayCreateFamily(%q) = %v, want %v", role, got, want)
		}
		if got := MayListCaseload(actor); got != want {
			t.Errorf("MayListCaseload(%q) = %v, want %v", role, got, want)
		}
	}
}

func TestRoleValid(t *testing.T) {
	for _, r := range Roles {
		if !r.Valid() {
			t.Errorf("%q is not valid", r)
		}
	}
	for _, r := range []Role{"", "Admin", "root", "casemanager "} {
		if r.Valid() {
			t.Errorf("%q is valid", r)
		}
	}
}
