package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Where the child is and has been, for the case managers: one page with
// where the child is now (and a form to end that stay), the admissions
// of the last three months and every stay, current first; one form adds
// or corrects a stay.

// staysURL is the path of a family's stays page.
func staysURL(id int64) string { return familyURL(id, "") + "/stays" }

// StaysPage is the case managers' page of a family's stays.
type StaysPage struct {
	CarePage
	File  *care.StayFile
	Base  string // the family's path
	Saved string // catalog key of what was just saved
	// EndValue and EndError are what was typed in the form that ends the
	// current stay, and what is wrong with it.
	EndValue string
	EndError string
}

// Listed are the stays, where the child is now first, then the newest.
func (p *StaysPage) Listed() []*care.Stay {
	var out []*care.Stay
	for i := range p.File.Stays {
		out = append(out, &p.File.Stays[i])
	}
	slices.SortStableFunc(out, func(a, b *care.Stay) int {
		return boolOrder(!p.IsCurrent(a)) - boolOrder(!p.IsCurrent(b))
	})
	return out
}

// IsCurrent reports whether the child is at s today.
func (p *StaysPage) IsCurrent(s *care.Stay) bool {
	return p.File.Current != nil && p.File.Current.ID == s.ID
}

// Changes are a stay's corrections as lines to read.
func (p *StaysPage) Changes(s *care.Stay) []Change {
	return stayChanges(&p.CarePage, p.File.CorrectionsOf(s.ID))
}

func stayChanges(p *CarePage, cs []care.Correction) []Change {
	return p.changes(cs, "stays.field.", func(k, v string) string {
		switch {
		case v == "":
			return "—"
		case k == "kind" || k == "unit":
			return p.T("stays." + k + "." + v)
		case k == "acute":
			return p.T("stays.acute")
		}
		if d, err := time.Parse(time.DateOnly, v); err == nil {
			return p.Date(d)
		}
		return v
	})
}

// StayWhere names the place of a stay: its name with the ward, or the
// kind when it has no name.
func (p *CarePage) StayWhere(s *care.Stay) string {
	where := s.Place
	if where == "" {
		where = p.T("stays.kind." + s.Kind)
	}
	if s.Unit != "" {
		where += " (" + p.T("stays.unit."+s.Unit) + ")"
	}
	return where
}

// StayTitle names a stay in a list: its place, and for home where at home.
func (p *CarePage) StayTitle(s *care.Stay) string {
	if s.Kind == care.StayHome && s.Place != "" {
		return p.T("stays.kind.home") + " — " + s.Place
	}
	return p.StayWhere(s)
}

// StayNow says, for professionals, where the child is: "Opgenomen in …
// sinds …", and whether the admission was acute.
func (p *CarePage) StayNow(s *care.Stay) string {
	key := "stays.now." + s.Kind
	if s.Kind == care.StayHome && s.Place == "" {
		key = "stays.now.home_bare"
	}
	line := p.T(key, "Place", p.StayWhere(s), "Date", p.Date(s.Start))
	if s.Acute {
		line += ", " + p.T("stays.acute")
	}
	return line
}

// StayPeriod is the stay's dates: "2 mrt 2026 – 20 mrt 2026" or "sinds
// 2 mrt 2026".
func (p *CarePage) StayPeriod(s *care.Stay) string {
	if s.Ongoing() {
		return p.T("stays.since", "Date", p.Date(s.Start))
	}
	return p.T("stays.from_to", "From", p.Date(s.Start), "To", p.Date(s.End))
}

// TodayISO is today as a date input's value.
func (p *StaysPage) TodayISO() string { return form.ISODate(p.Today) }

// Days is how many days a stay that ended counted (the day of leaving
// not counted); 0 for one that goes on.
func (p *StaysPage) Days(s *care.Stay) int {
	if s.Ongoing() {
		return 0
	}
	return int(s.End.Sub(s.Start).Hours()/24 + 0.5)
}

// StayLine says in plain words where the child is, for the family (or
// the child): "Noor is opgenomen in …, sinds …".
func (p *FamilyViewPage) StayLine() string {
	s := p.Ov.File.Stay
	if s == nil {
		return ""
	}
	key := "stays.family.elsewhere"
	switch {
	case s.Kind == care.StayHome && s.Place == "":
		key = "stays.family.home"
	case s.Kind == care.StayHome:
		key = "stays.family.home_place"
	case s.Hospital():
		key = "stays.family.hospital"
	}
	return p.W(key, "Name", p.ChildName(), "Place", p.StayWhere(s), "Date", p.Date(s.Start))
}

func (s *Server) staysPage(r *http.Request, sf *care.StayFile) *StaysPage {
	return &StaysPage{CarePage: s.carePage(r, "stays.title"), File: sf, Base: familyURL(sf.Family.ID, ""),
		EndValue: form.ISODate(care.DateOf(s.cfg.Now()))}
}

// staysSaved are the notices the page shows after a form was saved.
var staysSaved = []string{"added", "corrected", "ended"}

// staysShow draws the stays page for the case managers.
func (s *Server) staysShow(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	sf, err := s.care.Stays(r.Context(), s.actor(r), care.ViewCaseFile, id)
	if err != nil {
		return err
	}
	p := s.staysPage(r, sf)
	if saved := r.URL.Query().Get("saved"); slices.Contains(staysSaved, saved) {
		p.Saved = "stays.saved." + saved
	}
	s.render(w, r, http.StatusOK, "stays", p)
	return nil
}

// stayForm fills the form that adds (stay 0) or corrects a stay; it
// fails with NotFound when the stay is not the family's.
func stayForm(p *FormPage, sf *care.StayFile, stay int64) error {
	p.Family = &sf.Family
	p.Cancel = staysURL(sf.Family.ID)
	p.Back = &Link{Href: p.Cancel, Text: p.T("stays.title")}
	p.FormID = "stay-form"
	p.Heading, p.Intro, p.Submit = "stays.new_title", "stays.new_intro", "stays.add_submit"
	p.Action = staysURL(sf.Family.ID)
	if stay != 0 {
		if sf.Stay(stay) == nil {
			return care.Errorf(care.NotFound, "stay not found")
		}
		p.Heading, p.Intro, p.Submit = "stays.edit_title", "stays.edit_intro", "form.save"
		p.Action += "/" + idString(stay)
		p.History = stayChanges(&p.CarePage, sf.CorrectionsOf(stay))
	}
	p.Section("",
		p.Choice("select", "kind", "stays.field.kind", "stays.kind.", care.StayKinds, true),
		p.Text("place", "stays.field.place", care.MaxName, false).WithHint(p, "stays.place_hint"),
		p.Choice("select", "unit", "stays.field.unit", "stays.unit.", care.StayUnits, false).WithHint(p, "stays.unit_hint"),
		p.Check("acute", "stays.field.acute"),
		p.DateField("start", "stays.field.start", true, p.Today),
		p.DateField("end", "stays.field.end", false, p.Today).WithHint(p, "stays.end_hint"),
		p.Area("note", "stays.field.note", care.MaxText, false),
	)
	return nil
}

// drawStayForm draws the form of a stay with status.
func (s *Server) drawStayForm(w http.ResponseWriter, r *http.Request, status int, sf *care.StayFile, stay int64, v url.Values, errs Fields) error {
	title := "stays.new_title"
	if stay != 0 {
		title = "stays.edit_title"
	}
	p := s.formPage(r, title, nil, v, errs)
	if err := stayForm(p, sf, stay); err != nil {
		return err
	}
	s.renderForm(w, r, status, p)
	return nil
}

// stayEdit shows the form that adds a stay (no {sid} in the path) or
// corrects one.
func (s *Server) stayEdit(w http.ResponseWriter, r *http.Request) error {
	id, stay, err := stayIDs(r)
	if err != nil {
		return err
	}
	sf, err := s.care.Stays(r.Context(), s.actor(r), care.ViewCaseFile, id)
	if err != nil {
		return err
	}
	v := url.Values{"start": {form.ISODate(care.DateOf(s.cfg.Now()))}}
	if stay != 0 {
		st := sf.Stay(stay)
		if st == nil {
			return care.Errorf(care.NotFound, "stay not found")
		}
		v = form.EncodeStay(st)
	}
	return s.drawStayForm(w, r, http.StatusOK, sf, stay, v, nil)
}

// stayIDs reads the family's id and, when the path names one, the stay's.
func stayIDs(r *http.Request) (int64, int64, error) {
	if r.PathValue("sid") == "" {
		id, err := httpx.PathID(r, "id")
		return id, 0, err
	}
	return twoPathIDs(r, "sid")
}

// staySave adds a stay, or corrects the one the path names; a form with
// errors is drawn again with what was typed.
func (s *Server) staySave(w http.ResponseWriter, r *http.Request) error {
	id, stay, err := stayIDs(r)
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	x, errs := form.DecodeStay(v)
	var sf *care.StayFile
	if len(errs) == 0 {
		x.ID, x.FamilyID = stay, id
		err := s.care.SaveStay(r.Context(), s.actor(r), &x)
		var in *care.InvalidInput
		switch {
		case err == nil:
			notice := "added"
			if stay != 0 {
				notice = "corrected"
			}
			http.Redirect(w, r, staysURL(id)+"?saved="+notice+"#stay-"+idString(x.ID), http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Stays == nil:
			return err
		}
		sf, errs = in.Stays, in.Fields
	} else {
		mergeValidation(errs, x.Validate(s.cfg.Now(), time.Time{}))
		if sf, err = s.care.Stays(r.Context(), s.actor(r), care.ViewCaseFile, id); err != nil {
			return err
		}
	}
	return s.drawStayForm(w, r, http.StatusUnprocessableEntity, sf, stay, v, errs)
}

// stayEnd ends a stay on the day typed: the day the child left. A bad
// date comes back on the stays page, next to the field.
func (s *Server) stayEnd(w http.ResponseWriter, r *http.Request) error {
	id, stay, err := twoPathIDs(r, "sid")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	errs := Fields{}
	end := form.Date(v, "end", errs)
	if end.IsZero() && !errs.Has("end") {
		errs["end"] = "field.required"
	}
	var sf *care.StayFile
	if len(errs) == 0 {
		err := s.care.EndStay(r.Context(), s.actor(r), id, stay, end)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, staysURL(id)+"?saved=ended#stay-"+idString(stay), http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Stays == nil:
			return err
		}
		sf, errs = in.Stays, in.Fields
	} else if sf, err = s.care.Stays(r.Context(), s.actor(r), care.ViewCaseFile, id); err != nil {
		return err
	}
	if sf.Stay(stay) == nil {
		return care.Errorf(care.NotFound, "stay not found")
	}
	p := s.staysPage(r, sf)
	p.EndValue, p.EndError = v.Get("end"), errs["end"]
	if p.EndError == "" {
		// Another field's rule (an overlap at the start): shown at the end date.
		for _, e := range errs {
			p.EndError = e
		}
	}
	p.Path = staysURL(id)
	s.render(w, r, http.StatusUnprocessableEntity, "stays", p)
	return nil
}
