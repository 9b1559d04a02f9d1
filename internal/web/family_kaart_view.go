package web

import (
	"net/http"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The sociale kaart of the family's region, for the family in plain
// words: what exists around them, and who of it is already in their
// network. Adding a service is for the case managers; the page says to
// ask them.

// FamilyKaartView is the kaart as the family reads it.
type FamilyKaartView struct {
	CarePage
	Dir    *care.FamilyDirectory
	Base   string
	Errors Fields
}

// W says key in the family's words, or the child's.
func (p *FamilyKaartView) W(key string, data ...any) string {
	return p.ForChild(p.Dir.IsChild, key, data...)
}

// Needs are the kinds of service to choose from.
func (p *FamilyKaartView) Needs() []string { return care.ServiceKinds }

// EntryArgs gives the entry partial what it draws.
func (p *FamilyKaartView) EntryArgs(e care.DirectoryEntry) KaartArgs {
	return KaartArgs{P: &p.CarePage, E: e}
}

// familyKaartView is GET /my/families/{id}/kaart.
func (s *Server) familyKaartView(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	errs := Fields{}
	need := form.OneOf(r.URL.Query(), "need", care.ServiceKinds, false, errs)
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	fd, err := s.care.FamilyKaart(r.Context(), s.actor(r), id, need)
	if err != nil {
		return err
	}
	p := &FamilyKaartView{CarePage: s.carePage(r, "directory.my.title"), Dir: fd, Base: myFamilyURL(id, ""), Errors: errs}
	p.Path = p.Base + "/kaart"
	if q := strings.TrimSpace(r.URL.Query().Get("need")); q != "" && len(errs) == 0 {
		p.Path += "?need=" + q
	}
	s.render(w, r, status, "family_kaart_view", p)
	return nil
}
