package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The sociale kaart: the regional directory of care and support. Case
// managers, the coordinator and the administrator search it; the
// coordinator keeps its entries and reads its white spots; the
// coordinator and the administrator say how much room a service has now.
// Adding a service to a family's network is on the family's own kaart
// page (family_kaart.go).

// KaartPage is the kaart searched.
type KaartPage struct {
	CarePage
	Search      KaartSearch
	Result      *care.DirectoryResult
	Edit        bool // the coordinator keeps the entries
	SetCapacity bool
	Saved       string // catalog key of what was just saved
}

// KaartSearch is the search form, shared by the kaart and a family's
// kaart page: the query, its address and the choices.
type KaartSearch struct {
	Action string
	Query  care.DirectoryQuery
	Errors Fields
	// Values are what was typed, to show again.
	Values url.Values
}

// Needs, Regions, Capabilities and CapacityChoices are the choices of the forms.
func (KaartSearch) Needs() []string              { return care.ServiceKinds }
func (KaartSearch) Regions() []string            { return care.Regions }
func (KaartSearch) Capabilities() []string       { return care.ServiceCapabilities }
func (p *KaartPage) CapacityChoices() []string   { return care.Capacities }
func (p *KaartPage) EntryAnchor(id int64) string { return "entry-" + strconv.FormatInt(id, 10) }

// AgeRange says which ages a service takes: "0–18 jaar".
func (p *CarePage) AgeRange(e care.DirectoryEntry) string {
	return p.T("directory.ages", "Min", e.MinAge, "Max", e.MaxAge)
}

// CapacityClass is the badge's colour for a capacity.
func (p *CarePage) CapacityClass(c string) string {
	switch c {
	case care.CapacityAvailable:
		return "ok"
	case care.CapacityFull:
		return "warn"
	}
	return "off"
}

// kaartQuery reads the search from the query string; a query that names
// no region at all searches the reader's own, which the service knows.
func kaartQuery(r *http.Request) (care.DirectoryQuery, Fields, bool) {
	v := r.URL.Query()
	q, errs := form.DecodeDirectoryQuery(v)
	return q, errs, !v.Has("region")
}

// kaartShow is GET /kaart.
func (s *Server) kaartShow(w http.ResponseWriter, r *http.Request) error {
	q, errs, own := kaartQuery(r)
	actor := s.actor(r)
	status := http.StatusOK
	if len(errs) > 0 {
		// The search is drawn again with what is wrong, over the whole kaart of the region.
		q, own, status = care.DirectoryQuery{}, true, http.StatusUnprocessableEntity
	}
	res, err := s.care.SearchDirectory(r.Context(), actor, q, own)
	if err != nil {
		return err
	}
	p := &KaartPage{CarePage: s.carePage(r, "directory.title"), Result: res,
		Search: KaartSearch{Action: "/kaart", Query: res.Query, Errors: errs, Values: r.URL.Query()},
		Edit:   care.MayEditDirectory(actor), SetCapacity: care.MaySetCapacity(actor)}
	if len(errs) == 0 {
		p.Search.Values = form.EncodeDirectoryQuery(res.Query)
	}
	if saved := r.URL.Query().Get("saved"); saved == "entry" || saved == "capacity" {
		p.Saved = "directory.saved." + saved
	}
	s.render(w, r, status, "kaart", p)
	return nil
}

// entryForm fills the form of an entry (0: a new one).
func entryForm(p *FormPage, id int64) {
	p.Cancel = "/kaart"
	p.Back = &Link{Href: "/kaart", Text: p.T("directory.title")}
	p.FormID = "entry-form"
	p.Heading, p.Intro, p.Submit, p.Action = "directory.new_title", "directory.form_intro", "directory.add_submit", "/kaart"
	if id != 0 {
		p.Heading, p.Submit, p.Action = "directory.edit_title", "form.save", "/kaart/"+strconv.FormatInt(id, 10)
	}
	p.Section("",
		p.Text("name", "directory.field.name", care.MaxName, true),
		p.Text("organisation", "directory.field.organisation", care.MaxName, false),
		p.Choice("select", "kind", "directory.field.kind", "directory.kind.", care.ServiceKinds, true),
		p.Choice("select", "region", "directory.field.region", "directory.region.", care.Regions, true),
		p.Text("address", "directory.field.address", care.MaxShort, false),
		p.Tel("phone", "directory.field.phone"),
		p.Email("email", "directory.field.email"),
		p.Text("website", "directory.field.website", care.MaxShort, false).WithHint(p, "directory.website_hint"),
		p.Number("min_age", "directory.field.min_age", 0, care.MaxServiceAge),
		p.Number("max_age", "directory.field.max_age", 0, care.MaxServiceAge),
		p.Area("offers", "directory.field.offers", care.MaxText, false),
		p.Checks("capabilities", "directory.field.capabilities", "directory.capability.", care.ServiceCapabilities),
		p.Choice("select", "capacity", "directory.field.capacity", "directory.capacity.", care.Capacities, false),
	)
}

func (s *Server) drawEntryForm(w http.ResponseWriter, r *http.Request, status int, id int64, v url.Values, errs Fields) {
	title := "directory.new_title"
	if id != 0 {
		title = "directory.edit_title"
	}
	p := s.formPage(r, title, nil, v, errs)
	entryForm(p, id)
	s.renderForm(w, r, status, p)
}

// kaartNew is GET /kaart/new: the coordinator adds a service.
func (s *Server) kaartNew(w http.ResponseWriter, r *http.Request) error {
	if !care.MayEditDirectory(s.actor(r)) {
		return care.Errorf(care.NotFound, "not found")
	}
	s.drawEntryForm(w, r, http.StatusOK, 0, url.Values{"min_age": {"0"}, "max_age": {strconv.Itoa(care.MaxServiceAge)},
		"capacity": {care.CapacityUnknown}}, nil)
	return nil
}

// kaartEdit is GET /kaart/{entry}/edit.
func (s *Server) kaartEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "entry")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	if !care.MayEditDirectory(actor) {
		return care.Errorf(care.NotFound, "not found")
	}
	e, err := s.care.DirectoryEntry(r.Context(), actor, id)
	if err != nil {
		return err
	}
	s.drawEntryForm(w, r, http.StatusOK, id, form.EncodeDirectoryEntry(e), nil)
	return nil
}

// kaartSave is POST /kaart (a new service) and POST /kaart/{entry}; a
// form with errors is drawn again with what was typed.
func (s *Server) kaartSave(w http.ResponseWriter, r *http.Request) error {
	var id int64
	if r.PathValue("entry") != "" {
		var err error
		if id, err = httpx.PathID(r, "entry"); err != nil {
			return err
		}
	}
	if !care.MayEditDirectory(s.actor(r)) {
		// Recorded, and answered as a missing page, by the service.
		return s.care.SaveDirectoryEntry(r.Context(), s.actor(r), &care.DirectoryEntry{ID: id})
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	e, errs := form.DecodeDirectoryEntry(v)
	e.ID = id
	if len(errs) == 0 {
		err := s.care.SaveDirectoryEntry(r.Context(), s.actor(r), &e)
		if err == nil {
			http.Redirect(w, r, "/kaart?saved=entry&region="+url.QueryEscape(e.Region)+"#entry-"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
			return nil
		}
		fe, ok := fieldErrorsOf(err)
		if !ok {
			return err
		}
		errs = fe
	} else {
		mergeValidation(errs, e.Validate())
	}
	s.drawEntryForm(w, r, http.StatusUnprocessableEntity, id, v, errs)
	return nil
}

// kaartCapacity is POST /kaart/{entry}/capacity.
func (s *Server) kaartCapacity(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "entry")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	if err := s.care.SetDirectoryCapacity(r.Context(), s.actor(r), id, v.Get("capacity")); err != nil {
		return err
	}
	back := "/kaart?saved=capacity"
	if region := v.Get("return_region"); region != "" {
		back += "&region=" + url.QueryEscape(region)
	}
	http.Redirect(w, r, back+"#entry-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

// WhiteSpotsPage is the coordinator's report of the gaps in the offer.
type WhiteSpotsPage struct {
	CarePage
	Report *care.WhiteSpotReport
}

// MinShown is the smallest count shown as a number.
func (p *WhiteSpotsPage) MinShown() int { return care.MinShownCount }

// kaartWhiteSpots is GET /kaart/white-spots.
func (s *Server) kaartWhiteSpots(w http.ResponseWriter, r *http.Request) error {
	rep, err := s.care.WhiteSpots(r.Context(), s.actor(r))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "kaart_whitespots", &WhiteSpotsPage{CarePage: s.carePage(r, "directory.white_spots_title"), Report: rep})
	return nil
}

// KaartArgs are what the kaart's partial templates get: the page's
// helpers, and the search or one entry.
type KaartArgs struct {
	P *CarePage
	S KaartSearch
	E care.DirectoryEntry
}

// SearchArgs and EntryArgs give the partials what they draw.
func (p *KaartPage) SearchArgs() KaartArgs { return KaartArgs{P: &p.CarePage, S: p.Search} }
func (p *KaartPage) EntryArgs(e care.DirectoryEntry) KaartArgs {
	return KaartArgs{P: &p.CarePage, E: e}
}
func (p *FamilyKaartPage) SearchArgs() KaartArgs { return KaartArgs{P: &p.CarePage, S: p.Search} }
func (p *FamilyKaartPage) EntryArgs(e care.DirectoryEntry) KaartArgs {
	return KaartArgs{P: &p.CarePage, E: e}
}
