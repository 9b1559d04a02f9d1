package care

import (
	"fmt"
	"testing"
)

var allViews = []View{ViewCaseFile, ViewCarePlan, ViewAccessLog, ViewFamily, ViewProvider, "", "other"}

// TestAuthorize covers the case managers' doors: without a link, only an
// assigned case manager passes, and only through the doors for them.
func TestAuthorize(t *testing.T) {
	roles := append([]Role{"", "root"}, Roles...)
	for _, role := range roles {
		for _, assigned := range []bool{false, true} {
			for _, view := range allViews {
				t.Run(fmt.Sprintf("%s/assigned=%v/%s", role, assigned, view), func(t *testing.T) {
					actor := Actor{AccountID: 7, Role: role, OrganisationID: 1, AccessPoint: "192.0.2.1"}
					got := Authorize(actor, view, Relationship{CaseManager: assigned})
					want := Decision{}
					caseManagers := view == ViewCaseFile || view == ViewCarePlan || view == ViewAccessLog
					if role == RoleCaseManager && assigned && caseManagers {
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
