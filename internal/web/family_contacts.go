package web

import (
	"net/http"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// contactsPerPage is how many contacts one page of the full list shows.
const contactsPerPage = 50

// ContactsPage is every contact of a family, newest first, a page at a
// time: the family page shows only the most recent.
type ContactsPage struct {
	CarePage
	Family   care.Family
	Contacts []care.Contact
	Total    int
	Older    string // the next page, of older contacts; "" on the last
}

// contactsShow is /families/{id}/contacts?before=ID: the contacts older
// than the one with id before, or the newest.
func (s *Server) contactsShow(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	before, _, err := httpx.QueryID(r, "before")
	if err != nil {
		return care.Errorf(care.NotFound, "no such page")
	}
	page, err := s.care.Contacts(r.Context(), s.actor(r), id, before, contactsPerPage)
	if err != nil {
		return err
	}
	p := &ContactsPage{CarePage: s.carePage(r, "contact.all_title"), Family: page.Family, Contacts: page.Contacts, Total: page.Total}
	p.Path = familyURL(id, "")
	if n := len(page.Contacts); n == contactsPerPage {
		p.Older = familyURL(id, "") + "/contacts?before=" + strconv.FormatInt(page.Contacts[n-1].ID, 10)
	}
	s.render(w, r, http.StatusOK, "contacts", p)
	return nil
}
