package api_test

import (
	"net/http"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAPIDirectory searches the kaart by need and region, refuses a bad
// query naming the parameter, and is not for families or providers.
func TestAPIDirectory(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverageWorld(t, a)
		coord, secret := a.Account("coordinator@example.org", care.RoleCoordinator, true)
		cc := a.Client()
		cc.Login(coord.Email, secret)
		for _, e := range []*care.DirectoryEntry{
			{Name: "Logeerhuis De Vlinder", Kind: care.ServiceRespite, Region: "midden", MaxAge: 18, Capabilities: []string{care.CapOxygen}},
			{Name: "Kinderhospice Binnenhof", Kind: care.ServiceHospice, Region: "midden", MaxAge: 23},
			{Name: "Logeerhuis Noord", Kind: care.ServiceRespite, Region: "noord", MaxAge: 18},
		} {
			if err := a.Care.SaveDirectoryEntry(t.Context(), care.Actor{AccountID: coord.ID, Role: care.RoleCoordinator, OrganisationID: coord.OrganisationID}, e); err != nil {
				t.Fatal(err)
			}
		}
		v := apiWant(t, w.CM.API("GET", "/api/v1/directory?need=respite&region=midden", nil), http.StatusOK, "")
		if es := apiAt(v, "entries").([]any); len(es) != 1 || apiAt(v, "entries", 0, "name") != "Logeerhuis De Vlinder" ||
			apiAt(v, "entries", 0, "capabilities", 0) != "oxygen" || apiAt(v, "entries", 0, "capacity") != "unknown" {
			t.Errorf("respite in midden = %v", v)
		}
		if es := apiAt(apiWant(t, cc.API("GET", "/api/v1/directory", nil), http.StatusOK, ""), "entries").([]any); len(es) != 3 {
			t.Errorf("the whole kaart for the coordinator: %d entries", len(es))
		}
		apiWantFields(t, w.CM.API("GET", "/api/v1/directory?need=castle&age=99", nil),
			map[string]string{"need": "field.choose", "age": "directory.age_invalid"})
		for who, c := range map[string]*client{"parent": w.Parent, "provider": w.Nurse} {
			if r := c.API("GET", "/api/v1/directory", nil); r.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", who, r.StatusCode)
			}
		}
	})
}
