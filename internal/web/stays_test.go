package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

func familyStays(t *testing.T, a *app, fam int64) []care.Stay {
	t.Helper()
	ss, err := a.Store.Stays(context.Background(), fam)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// TestStaysPages: a case manager records a stay at home, an admission
// (which ends the stay at home), corrects it and ends it through the form
// on the stays page; bad input comes back next to its field with what was
// typed and saves nothing; another family's stay is not found.
func TestStaysPages(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		fam := c.CreateFamily(intake("Noor", a.Day(-6, 0, 0)))
		base := familyPath(fam, "/stays")

		p := c.Get(base)
		mustStatus(t, p, http.StatusOK, "empty stays page")
		if !p.Present("stay-none") || !p.Present("stays-empty") {
			t.Errorf("an empty stays page says nothing is recorded")
		}
		mustStatus(t, c.Get(base+"/new"), http.StatusOK, "new stay form")
		mustStatus(t, c.Post(base, url.Values{"kind": {"home"}, "place": {"bij vader"}, "start": {a.Day(0, -2, 0)}}), http.StatusSeeOther, "home")
		admission := url.Values{"kind": {"general_hospital"}, "place": {"Spaarne Gasthuis"}, "acute": {"1"}, "start": {a.Day(0, 0, -3)}}
		p = c.Post(base, with(admission, "end", a.Day(0, 0, -4)))
		mustStatus(t, p, http.StatusUnprocessableEntity, "a stay ending before it starts")
		if got := p.FieldError("end"); !strings.Contains(got, "na de begindatum") || p.Value("place") != "Spaarne Gasthuis" {
			t.Errorf("end error %q, place %q", got, p.Value("place"))
		}
		if n := len(familyStays(t, a, fam)); n != 1 {
			t.Fatalf("%d stays after a refused form", n)
		}
		p = c.Post(base, admission)
		stays := familyStays(t, a, fam)
		if len(stays) != 2 || !stays[0].Acute || !stays[1].End.Equal(stays[0].Start) {
			t.Fatalf("stays %+v (%d)", stays, p.StatusCode)
		}
		sid := stays[0].ID
		redirectsTo(t, p, base+"?saved=added#stay-"+itoa(sid), "saved stay")

		p = c.Get(base)
		if got := p.Within("stay-now"); !strings.Contains(got, "Opgenomen in Spaarne Gasthuis sinds") || !strings.Contains(got, "acuut") {
			t.Errorf("now: %q", got)
		}
		if p.Within("figures-admissions") != "1" || p.Within("figures-days") != "4" {
			t.Errorf("figures %q admissions, %q days", p.Within("figures-admissions"), p.Within("figures-days"))
		}
		if got := c.Get(familyPath(fam, "")).Within("stay-admitted"); !strings.Contains(got, "Spaarne Gasthuis") {
			t.Errorf("family page: %q", got)
		}
		if p := c.Get("/families"); p.ByID("family-"+itoa(fam)) == nil || !strings.Contains(p.Within("family-"+itoa(fam)), "Opgenomen") {
			t.Errorf("caseload row: %q", p.Within("family-"+itoa(fam)))
		}

		// A correction keeps what it said before.
		p = c.Get(base + "/" + itoa(sid) + "/edit")
		mustStatus(t, p, http.StatusOK, "correction form")
		if p.Value("place") != "Spaarne Gasthuis" {
			t.Errorf("correction form place %q", p.Value("place"))
		}
		redirectsTo(t, c.Post(base+"/"+itoa(sid), with(admission, "place", "Rode Kruis Ziekenhuis")), base+"?saved=corrected#stay-"+itoa(sid), "correction")
		if p := c.Get(base); !strings.Contains(p.Within("stay-"+itoa(sid)), "Spaarne Gasthuis") {
			t.Errorf("the correction's history does not show the place before: %q", p.Within("stay-"+itoa(sid)))
		}

		// Ending it: a bad date comes back at the field, then it ends.
		p = c.Post(base+"/"+itoa(sid)+"/end", url.Values{"end": {a.Day(0, 0, -5)}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "an end before the start")
		if !strings.Contains(p.Within("end-error"), "na de begindatum") || p.Value("end") != a.Day(0, 0, -5) {
			t.Errorf("end form error %q, value %q", p.Within("end-error"), p.Value("end"))
		}
		redirectsTo(t, c.Post(base+"/"+itoa(sid)+"/end", url.Values{"end": {a.Day(0, 0, 0)}}), base+"?saved=ended#stay-"+itoa(sid), "ended")
		if ss := familyStays(t, a, fam); ss[0].Ongoing() || ss[0].Place != "Rode Kruis Ziekenhuis" {
			t.Errorf("after ending: %+v", ss[0])
		}
		if p := c.Get(base); !p.Present("stay-none") {
			t.Errorf("after the discharge today nothing is recorded for today")
		}

		// Another family's stay through this family, and another case manager.
		other, _ := a.CaseManager("joost@example.org")
		theirs := other.CreateFamily(intake("Bram", a.Day(-4, 0, 0)))
		mustStatus(t, c.Get(familyPath(theirs, "/stays")), http.StatusNotFound, "another case manager's family")
		mustStatus(t, other.Get(base+"/"+itoa(sid)+"/edit"), http.StatusNotFound, "a stay of a family not theirs")
		mustStatus(t, other.Post(familyPath(theirs, "/stays/"+itoa(sid)), admission), http.StatusNotFound, "a stay id of another family")
		mustStatus(t, other.Post(familyPath(theirs, "/stays/"+itoa(sid)+"/end"), url.Values{"end": {a.Day(0, 0, 0)}}), http.StatusNotFound,
			"ending a stay of another family")
	})
}
