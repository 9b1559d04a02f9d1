package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The coverage plan of the case managers: who pays for what, what ends
// soon, which objections run and which aids wait. One page shows it all,
// what needs attention first; the forms that add and correct its items
// and aids are drawn by the one form template.

// coverageURL is the path of a family's coverage page, with an anchor.
func coverageURL(id int64, anchor string) string {
	u := "/families/" + strconv.FormatInt(id, 10) + "/coverage"
	if anchor != "" {
		u += "#" + anchor
	}
	return u
}

// CoveragePage is the case managers' coverage plan of one family.
type CoveragePage struct {
	CarePage
	File   *care.CoverageFile
	Base   string // the family's path
	Saved  string // catalog key of what was just saved
	Upload UploadForm
}

// UploadForm is a document form sent back with what is wrong: the anchor
// of the item or aid it was for, the kind chosen, and the errors.
type UploadForm struct {
	For    string
	Kind   string
	Errors Fields
}

// UploadError is the catalog key of the error at the field of the upload form
// for the item or aid at anchor, or "".
func (p *CoveragePage) UploadError(anchor, field string) string {
	if p.Upload.For != anchor {
		return ""
	}
	return p.Upload.Errors[field]
}

// UploadKind is the kind chosen in the upload form for anchor.
func (p *CoveragePage) UploadKind(anchor string) string {
	if p.Upload.For != anchor {
		return ""
	}
	return p.Upload.Kind
}

func (s *Server) coveragePage(r *http.Request, cf *care.CoverageFile) *CoveragePage {
	return &CoveragePage{CarePage: s.carePage(r, "coverage.title"), File: cf, Base: familyURL(cf.Family.ID, "")}
}

// Attention is one line of what needs attention: an item ending or
// lapsed, an objection, an aid waiting, a goal without coverage.
type Attention struct {
	ID    string // element id
	Badge string // translated
	Title string
	Line  string // translated
	Href  string
}

// Attention lists what needs attention, most pressing first: what has
// lapsed, what ends within the window, objections by their decision date,
// aids waiting longer than six weeks, and the gaps in the plan.
func (p *CoveragePage) Attention() []Attention {
	cf := p.File
	var lapsed, ending, objections, aids, gaps []Attention
	for i := range cf.Items {
		c := &cf.Items[i]
		anchor := "item-" + idString(c.ID)
		switch cf.StateOf(c) {
		case care.StateLapsed:
			lapsed = append(lapsed, Attention{ID: "attention-" + anchor, Badge: p.T("coverage.state.lapsed"), Title: p.ItemTitle(c),
				Line: p.T("coverage.attention.lapsed", "Date", p.Date(cf.EndOf(c))), Href: "#" + anchor})
		case care.StateEnding:
			ending = append(ending, Attention{ID: "attention-" + anchor, Badge: p.T("coverage.state.ending"), Title: p.ItemTitle(c),
				Line: p.EndLine(c), Href: "#" + anchor})
		}
	}
	// Objections by the day their decision is due, the nearest first.
	var objecting []*care.CoverageItem
	for i := range cf.Items {
		if cf.Items[i].Current().Status == care.CoverageObjection {
			objecting = append(objecting, &cf.Items[i])
		}
	}
	slices.SortStableFunc(objecting, func(a, b *care.CoverageItem) int {
		da, db := a.Current().ObjectionDue, b.Current().ObjectionDue
		if da.IsZero() || db.IsZero() {
			return boolOrder(da.IsZero()) - boolOrder(db.IsZero())
		}
		return da.Compare(db)
	})
	for _, c := range objecting {
		cur := c.Current()
		line := p.T("coverage.attention.objection_no_date")
		if !cur.ObjectionDue.IsZero() {
			line = p.T("coverage.attention.objection", "Date", p.Date(cur.ObjectionDue))
		}
		objections = append(objections, Attention{ID: "attention-objection-" + idString(c.ID), Badge: p.T("coverage.state.objection"),
			Title: p.ItemTitle(c), Line: line, Href: "#item-" + idString(c.ID)})
	}
	for i := range cf.Aids {
		a := &cf.Aids[i]
		if a.WaitingTooLong(cf.Today) {
			aids = append(aids, Attention{ID: "attention-aid-" + idString(a.ID), Badge: p.T("coverage.aid_waiting_badge"), Title: p.AidTitle(a),
				Line: p.T("coverage.attention.aid", "Days", a.WaitingDays(cf.Today), "Status", p.T("aid.status."+a.Status)),
				Href: "#aid-" + idString(a.ID)})
		}
	}
	for _, g := range cf.Gaps {
		gaps = append(gaps, Attention{ID: "attention-gap-" + g.ID, Badge: p.T("coverage.gap_badge"), Title: g.Text,
			Line: p.T("coverage.attention.gap"), Href: p.Base + "/coverage/new"})
	}
	return slices.Concat(lapsed, ending, objections, aids, gaps)
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ItemGroup is the items in one state, for the overview.
type ItemGroup struct {
	Key   string // running, arranging, objection, stopped
	Items []*care.CoverageItem
}

// Groups puts the items in the order a case manager reads them: what
// runs (and what ends or lapsed), what is being arranged, objections,
// and what stopped.
func (p *CoveragePage) Groups() []ItemGroup {
	groups := []ItemGroup{{Key: "running"}, {Key: "arranging"}, {Key: "objection"}, {Key: "stopped"}}
	for i := range p.File.Items {
		c := &p.File.Items[i]
		g := 0
		switch p.File.StateOf(c) {
		case care.StateArranging:
			g = 1
		case care.StateObjection:
			g = 2
		case care.StateStopped:
			g = 3
		}
		groups[g].Items = append(groups[g].Items, c)
	}
	return slices.DeleteFunc(groups, func(g ItemGroup) bool { return len(g.Items) == 0 })
}

// State is the item's state today.
func (p *CoveragePage) State(c *care.CoverageItem) string { return string(p.File.StateOf(c)) }

// StateClass is the badge class of a state.
func (p *CoveragePage) StateClass(c *care.CoverageItem) string {
	switch p.File.StateOf(c) {
	case care.StateRunning:
		return "ok"
	case care.StateStopped:
		return "off"
	}
	return "warn"
}

// ItemTitle names an item: its kind, and what exactly.
func (p *CoveragePage) ItemTitle(c *care.CoverageItem) string {
	t := p.T("coverage.kind." + c.Kind)
	if c.Description != "" {
		t += " — " + c.Description
	}
	return t
}

// AidTitle names an aid: its kind, and what exactly.
func (p *CoveragePage) AidTitle(a *care.Aid) string {
	t := p.T("aid.kind." + a.Kind)
	if a.Description != "" {
		t += " — " + a.Description
	}
	return t
}

// EndLine says until when an item runs: "loopt af op …" (with how many
// weeks are left when it ends within the window), "eindigt bij 18 jaar"
// for youth care, or that no end is known.
func (p *CoveragePage) EndLine(c *care.CoverageItem) string {
	cf := p.File
	end := cf.EndOf(c)
	switch {
	case cf.AtEighteen(c):
		return p.T("coverage.ends_at_18", "Date", p.Date(end))
	case end.IsZero():
		return p.T("coverage.no_end")
	case end.Before(cf.Today):
		return p.T("coverage.ended_on", "Date", p.Date(end))
	case cf.StateOf(c) == care.StateEnding:
		return p.T("coverage.ends_on_soon", "Date", p.Date(end), "Weeks", weeksUntil(cf.Today, end))
	}
	return p.T("coverage.ends_on", "Date", p.Date(end))
}

// weeksUntil is how many whole weeks are left from today to end.
func weeksUntil(today, end time.Time) int { return int(end.Sub(today).Hours() / 24 / 7) }

// Size is the amount of care of a period: hours a week, a budget a year,
// or both.
func (p *CoveragePage) Size(pd *care.CoveragePeriod) string {
	var parts []string
	if pd.HoursPerWeek > 0 {
		parts = append(parts, p.Hours(pd.HoursPerWeek))
	}
	if pd.AmountCents > 0 {
		parts = append(parts, p.T("coverage.per_year", "Amount", p.Euros(pd.AmountCents)))
	}
	return strings.Join(parts, " · ")
}

// Hours says "12,5 uur per week".
func (p *CoveragePage) Hours(h float64) string {
	n := form.FormatHours(h)
	if n == "" {
		n = "0"
	}
	if p.Lang == "en" {
		n = strings.Replace(n, ",", ".", 1)
	}
	return p.T("coverage.hours_per_week", "Hours", n)
}

// Euros writes cents as "€ 2.450,00" (Dutch) or "€2,450.00" (English).
func (p *CoveragePage) Euros(cents int64) string {
	n := form.FormatAmount(cents)
	if n == "" {
		n = "0,00"
	}
	if p.Lang == "en" {
		return "€" + strings.NewReplacer(".", ",", ",", ".").Replace(n)
	}
	return "€ " + n
}

// PeriodRow is one period in an item's history, with how its hours
// compare to the period before.
type PeriodRow struct {
	*care.CoveragePeriod
	Cut, Raised bool
	From        float64 // the hours before, when cut or raised
}

// Periods lists the item's periods, newest first.
func (p *CoveragePage) Periods(c *care.CoverageItem) []PeriodRow {
	rows := make([]PeriodRow, len(c.Periods))
	for i := range c.Periods {
		row := PeriodRow{CoveragePeriod: &c.Periods[i]}
		if i > 0 {
			prev := c.Periods[i-1].HoursPerWeek
			row.Cut, row.Raised, row.From = row.HoursPerWeek < prev, row.HoursPerWeek > prev, prev
		}
		rows[len(c.Periods)-1-i] = row
	}
	return rows
}

// Cut says how the current period's hours were cut, or "".
func (p *CoveragePage) Cut(c *care.CoverageItem) string {
	if !c.HoursCut() {
		return ""
	}
	return p.T("coverage.cut", "From", p.Hours(c.Previous().HoursPerWeek), "To", p.Hours(c.Current().HoursPerWeek))
}

// Goals are the texts of the care plan goals an item serves.
func (p *CoveragePage) Goals(c *care.CoverageItem) []string {
	var out []string
	for _, id := range c.Goals {
		if t := p.File.GoalText(id); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// DocumentURL is where a coverage document is downloaded.
func (p *CoveragePage) DocumentURL(d care.Document) string {
	return p.Base + "/coverage/documents/" + idString(d.ID) + "/download"
}

// ItemChanges are an item's corrections as lines to read.
func (p *CoveragePage) ItemChanges(c *care.CoverageItem) []Change {
	return coverageChanges(&p.CarePage, p.File, p.File.CorrectionsOf(care.CorrectCoverageItem, c.ID), "coverage")
}

// AidChanges are an aid's corrections as lines to read.
func (p *CoveragePage) AidChanges(a *care.Aid) []Change {
	return coverageChanges(&p.CarePage, p.File, p.File.CorrectionsOf(care.CorrectAid, a.ID), "aid")
}

// AidStep is one step of an aid on its way: its status, and the day it
// was reached.
type AidStep struct {
	Status string
	Date   time.Time
	Done   bool
}

// AidSteps are the steps from request to delivery.
func (p *CoveragePage) AidSteps(a *care.Aid) []AidStep {
	return []AidStep{
		{care.AidRequested, a.Requested, !a.Requested.IsZero()},
		{care.AidAssessed, a.Assessed, !a.Assessed.IsZero()},
		{care.AidGranted, a.Granted, !a.Granted.IsZero()},
		{care.AidOrdered, a.Ordered, !a.Ordered.IsZero()},
		{care.AidDelivered, a.Delivered, !a.Delivered.IsZero()},
	}
}

// coverageChanges turns corrections of an item ("coverage") or aid ("aid")
// into lines: the field's label and the value it had, as the form shows it.
func coverageChanges(p *CarePage, cf *care.CoverageFile, cs []care.Correction, what string) []Change {
	return p.changes(cs, what+".field.", func(k, v string) string { return previousCoverageValue(p, cf, what, k, v) })
}

// previousCoverageValue shows a value a correction replaced.
func previousCoverageValue(p *CarePage, cf *care.CoverageFile, what, field, v string) string {
	if v == "" || v == "0" && (field == "network_member" || field == "amount" || field == "hours") {
		return "—"
	}
	switch field {
	case "kind", "status", "law", "form", "applicant", "indicated_by", "via":
		return p.T(what + "." + field + "." + v)
	case "network_member":
		for _, n := range cf.Network {
			if strconv.FormatInt(n.ID, 10) == v {
				return n.Name
			}
		}
		return "—"
	case "goals":
		var texts []string
		for _, id := range strings.Split(v, ",") {
			if t := cf.GoalText(id); t != "" {
				texts = append(texts, t)
			}
		}
		return strings.Join(texts, "; ")
	case "hours":
		h, _ := strconv.ParseFloat(v, 64)
		return form.FormatHours(h)
	case "amount":
		n, _ := strconv.ParseInt(v, 10, 64)
		return "€ " + form.FormatAmount(n)
	}
	if d, err := time.Parse(time.DateOnly, v); err == nil {
		return p.Date(d)
	}
	return v
}

// coverageShow draws the coverage plan for the case managers.
func (s *Server) coverageShow(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	cf, err := s.care.Coverage(r.Context(), s.actor(r), care.ViewCaseFile, id)
	if err != nil {
		return err
	}
	p := s.coveragePage(r, cf)
	if saved := r.URL.Query().Get("saved"); slices.Contains(coverageSaved, saved) {
		p.Saved = "coverage.saved." + saved
	}
	s.render(w, r, http.StatusOK, "coverage", p)
	return nil
}

// coverageSaved are the notices the page shows after a form was saved.
var coverageSaved = []string{"added", "corrected", "renewed", "aid_added", "aid_corrected", "document"}

// coverageAttach attaches a document to an item (the path names {cid}) or
// an aid ({aid}). A form with errors comes back on the coverage page,
// next to the item or aid, with the kind chosen.
func (s *Server) coverageAttach(toAid bool) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		name, anchor := "cid", "item-"
		if toAid {
			name, anchor = "aid", "aid-"
		}
		id, oid, err := twoPathIDs(r, name)
		if err != nil {
			return err
		}
		anchor += idString(oid)
		u, err := form.ReadUpload(w, r, "document")
		if err != nil {
			return err
		}
		errs := u.Errors
		kind := form.OneOf(u.Values, "document_kind", care.DocumentKinds, true, errs)
		if u.File == nil && !errs.Has("document") {
			errs["document"] = "document.required"
		}
		var cf *care.CoverageFile
		if len(errs) == 0 {
			itemID, aidID := oid, int64(0)
			if toAid {
				itemID, aidID = 0, oid
			}
			_, err := s.care.AttachCoverageDocument(r.Context(), s.actor(r), id, itemID, aidID, kind, u.File)
			var in *care.InvalidInput
			switch {
			case err == nil:
				http.Redirect(w, r, coverageURL(id, "")+"?saved=document#"+anchor, http.StatusSeeOther)
				return nil
			case !errors.As(err, &in) || in.Coverage == nil:
				return err
			}
			cf, errs = in.Coverage, in.Fields
		} else if cf, err = s.care.Coverage(r.Context(), s.actor(r), care.ViewCaseFile, id); err != nil {
			return err
		}
		if !hasObject(cf, toAid, oid) {
			return care.Errorf(care.NotFound, "coverage object not found")
		}
		p := s.coveragePage(r, cf)
		p.Upload = UploadForm{For: anchor, Kind: kind, Errors: errs}
		p.Path = coverageURL(id, "")
		s.render(w, r, formStatus(errs), "coverage", p)
		return nil
	}
}

// hasObject reports whether the family's coverage has the item or aid.
func hasObject(cf *care.CoverageFile, aid bool, id int64) bool {
	if aid {
		return slices.ContainsFunc(cf.Aids, func(a care.Aid) bool { return a.ID == id })
	}
	return slices.ContainsFunc(cf.Items, func(c care.CoverageItem) bool { return c.ID == id })
}

// coverageDocument sends a document of the coverage plan through door
// view (the case managers' or the family's) as an attachment, never shown
// inline or sniffed; the care service records the download.
func (s *Server) coverageDocument(view care.View) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, did, err := twoPathIDs(r, "doc")
		if err != nil {
			return err
		}
		d, err := s.care.CoverageDocument(r.Context(), s.actor(r), view, id, did)
		if err != nil {
			return err
		}
		httpx.WriteDocument(w, d)
		return nil
	}
}

// DocsForm is the list of documents of an item or aid and the form that
// attaches one, for the template "coverage-documents".
type DocsForm struct {
	Page   *CoveragePage
	Anchor string
	Action string
	Docs   []care.Document
	Kinds  []string
}

// DocsForm gathers what the documents of the item or aid at anchor need.
func (p *CoveragePage) DocsForm(anchor, action string, docs []care.Document) DocsForm {
	return DocsForm{Page: p, Anchor: anchor, Action: action, Docs: docs, Kinds: care.DocumentKinds}
}
