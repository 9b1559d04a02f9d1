package site_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// TestOneAddressPerFamily checks that both surfaces read an id in the path
// only in its canonical form: another way of writing the id of a family
// the case manager may see is a missing page, not the family.
func TestOneAddressPerFamily(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("anouk@kct.example")
		id := c.CreateFamily(map[string][]string{
			"child_name": {"Sara Jansen"}, "birth_date": {a.Day(-6, 0, 0)}, "sex": {"female"}, "no_diagnosis": {"1"},
			"referral_date": {a.Day(0, -1, 0)}, "surprise_question": {"unknown"}, "status": {"accepted"},
			"kind": {"kct"}, "intensity": {"regular"},
		})
		n := strconv.FormatInt(id, 10)
		if p := c.Get("/families/" + n); p.StatusCode != http.StatusOK {
			t.Fatalf("GET /families/%s: %d", n, p.StatusCode)
		}
		sitetest.WantAPI(t, c.API("GET", "/api/v1/families/"+n, nil), http.StatusOK, "")
		for _, other := range []string{"0" + n, "00" + n, "+" + n, "%20" + n, n + "%20", n + ".0", n + "e0", "9223372036854775808"} {
			if p := c.Get("/families/" + other); p.StatusCode != http.StatusNotFound {
				t.Errorf("GET /families/%s: %d, want 404", other, p.StatusCode)
			}
			sitetest.WantAPI(t, c.API("GET", "/api/v1/families/"+other, nil), http.StatusNotFound, "not_found")
		}
	})
}
