package web

import (
	"net/http"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// A family's network from the sociale kaart: the case manager searches
// the kaart by need and region from the family's network, and adds a
// service to the network in one step.

// FamilyKaartPage is the kaart searched for one family.
type FamilyKaartPage struct {
	CarePage
	Search KaartSearch
	Dir    *care.FamilyDirectory
	Base   string // the family's page
	// Conflict says the service just chosen is already in the network.
	Conflict bool
}

// familyKaartShow is GET /families/{id}/network/kaart.
func (s *Server) familyKaartShow(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	q, errs, own := kaartQuery(r)
	status := http.StatusOK
	if len(errs) > 0 {
		q, own, status = care.DirectoryQuery{}, true, http.StatusUnprocessableEntity
	}
	fd, err := s.care.FamilyDirectory(r.Context(), s.actor(r), id, q, own)
	if err != nil {
		return err
	}
	base := familyURL(fd.Family.ID, "")
	p := &FamilyKaartPage{CarePage: s.carePage(r, "directory.family_title"), Dir: fd, Base: base,
		Conflict: r.URL.Query().Get("already") != "",
		Search:   KaartSearch{Action: base + "/network/kaart", Query: fd.Result.Query, Errors: errs, Values: r.URL.Query()}}
	if len(errs) == 0 {
		p.Search.Values = form.EncodeDirectoryQuery(fd.Result.Query)
	}
	p.Path = base + "/network/kaart"
	s.render(w, r, status, "family_kaart", p)
	return nil
}

// familyKaartAdd is POST /families/{id}/network-kaart/{entry}: the service
// joins the network, and the family page shows it there.
func (s *Server) familyKaartAdd(w http.ResponseWriter, r *http.Request) error {
	id, entry, err := twoPathIDs(r, "entry")
	if err != nil {
		return err
	}
	if _, err := parseForm(w, r); err != nil {
		return err
	}
	n, err := s.care.AddFromDirectory(r.Context(), s.actor(r), id, entry)
	if care.ErrorCode(err) == care.Conflict {
		// Added already, in another tab or by the other case manager.
		http.Redirect(w, r, familyURL(id, "")+"/network/kaart?already=1", http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, familyURL(id, "")+"#network-"+strconv.FormatInt(n.ID, 10), http.StatusSeeOther)
	return nil
}
