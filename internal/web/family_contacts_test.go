package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestFamilyPageShowsRecentContacts: with years of contacts, the family
// page shows the most recent ones and how many there are, and the list of
// all contacts pages through every one of them, newest first.
func TestFamilyPageShowsRecentContacts(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, acc := a.CaseManager("carla@example.org")
		id := c.CreateFamily(intake("Noor", a.Day(-5, 0, 0)))
		actor := care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: acc.OrganisationID, AccessPoint: "127.0.0.1"}
		today := care.DateOf(a.Clock.Now())
		var want []int64 // newest first
		for i := range 73 {
			k := &care.Contact{FamilyID: id, Date: today.AddDate(0, 0, -80+i), Kind: "phone", With: "parent", Topics: fmt.Sprint("Gesprek ", i)}
			if err := a.Care.AddContact(context.Background(), actor, k); err != nil {
				t.Fatal(err)
			}
			want = append([]int64{k.ID}, want...)
		}

		p := c.Get(familyPath(id, ""))
		mustStatus(t, p, http.StatusOK, "family page")
		if got := p.IDsWithPrefix("contact-"); !slices.Equal(got, want[:care.RecentOnPage]) {
			t.Errorf("the family page shows contacts %v, want the %d newest %v", got, care.RecentOnPage, want[:care.RecentOnPage])
		}
		if got := p.Within("all-contacts"); got != "Alle 73 contacten" {
			t.Errorf("link to all contacts: %q", got)
		}

		var all []int64
		next := p.HrefAt("all-contacts")
		for pages := 0; next != "" && pages < 5; pages++ {
			l := c.Get(next)
			mustStatus(t, l, http.StatusOK, "all contacts")
			if pages == 0 && l.Within("contact-total") != "73 contacten, de nieuwste eerst." {
				t.Errorf("total: %q", l.Within("contact-total"))
			}
			all = append(all, l.IDsWithPrefix("contact-")...)
			next = l.HrefAt("older-contacts")
		}
		if !slices.Equal(all, want) {
			t.Errorf("all contacts, page by page: %v, want %v", all, want)
		}
		mustStatus(t, c.Get(familyPath(id, "/contacts?before=01")), http.StatusNotFound, "a page after a bad id")

		// A case manager of another family sees none of it.
		other, _ := a.CaseManager("joost@example.org")
		mustStatus(t, other.Get(familyPath(id, "/contacts")), http.StatusNotFound, "another case manager")
	})
}
