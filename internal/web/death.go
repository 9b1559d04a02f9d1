package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// When the child dies, for the case managers: one page with the death
// record and its history, the child's open tasks to close or keep in one
// step, the coverage that ended at the date of death, the aftercare plan
// for the parents, brothers and sisters, and ending case management after
// the aftercare. One form records (or corrects) the death.

// deathURL is the path of a family's death and aftercare page.
func deathURL(id int64) string { return familyURL(id, "") + "/death" }

// DeathPage is the case managers' page of the death and the aftercare.
type DeathPage struct {
	CarePage
	File  *care.DeathFile
	Base  string // the family's path
	Saved string // catalog key of what was just saved
	// TasksError is what is wrong with the choice of tasks to close.
	TasksError string
	// Plan holds the aftercare form's values and what is wrong with them.
	Plan     url.Values
	PlanErrs Fields
	// EndReason and EndError are the form that ends case management.
	EndReason string
	EndError  string
	// Rule is the catalog key of a rule that refused the step as a whole.
	Rule string
}

// sentBack draws the page again for a step refused by its input or by a
// rule, with status 422.
func (s *Server) deathSentBack(w http.ResponseWriter, r *http.Request, in *care.InvalidInput, fill func(p *DeathPage)) {
	p := s.deathPage(r, in.Death)
	if in.Rule != nil {
		p.Rule = in.Rule.Message
	}
	if e, ok := in.Fields["death"]; ok {
		p.Rule = e // the death is not recorded: nothing on the page can be done yet
	}
	fill(p)
	p.Path = deathURL(in.Death.Family.ID)
	s.render(w, r, http.StatusUnprocessableEntity, "death", p)
}

// PlanRow is one line of the aftercare form: the parents, or a brother
// or sister.
type PlanRow struct {
	Index   int
	Member  string // "parents" or the member id
	Label   string
	Network string // the supporter from the network, an id or ""
}

// ContactRow is one line of the follow-up contacts in the aftercare form.
type ContactRow struct {
	Index  int
	ID     string
	DoneOn string // when it was marked done; "" while planned
}

// N is the line's number, from 1.
func (c ContactRow) N() int { return c.Index + 1 }

// PV is a value of the aftercare form.
func (p *DeathPage) PV(name string) string { return p.Plan.Get(name) }

// PE is what is wrong with a field of the aftercare form, translated.
func (p *DeathPage) PE(name string) string {
	if key, ok := p.PlanErrs[name]; ok {
		return p.T(key)
	}
	return ""
}

// PlanRows are the lines of the aftercare form, in the form's order.
func (p *DeathPage) PlanRows() []PlanRow {
	var rows []PlanRow
	for i := 0; i < form.MaxAftercarePeople; i++ {
		m := p.Plan.Get("people." + strconv.Itoa(i) + ".member")
		if m == "" {
			continue
		}
		row := PlanRow{Index: i, Member: m, Label: p.T("aftercare.for_parents"), Network: p.Plan.Get("people." + strconv.Itoa(i) + ".network")}
		if m != "parents" {
			row.Label = p.T("aftercare.for_sibling")
			for _, s := range p.File.Siblings {
				if idString(s.ID) == m {
					row.Label = s.Name
					if s.Relation != "" {
						row.Label += " (" + s.Relation + ")"
					}
				}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// ContactRows are the lines of the follow-up contacts, with one empty
// line to add a contact.
func (p *DeathPage) ContactRows() []ContactRow {
	var rows []ContactRow
	last := -1
	for i := 0; i <= care.MaxAftercareContacts; i++ {
		key := "contacts." + strconv.Itoa(i) + "."
		if p.Plan.Get(key+"due_on") == "" && p.Plan.Get(key+"id") == "" && p.Plan.Get(key+"note") == "" {
			continue
		}
		row := ContactRow{Index: i, ID: p.Plan.Get(key + "id")}
		for _, c := range p.File.Aftercare.Contacts {
			if idString(c.ID) == row.ID && c.Done() {
				row.DoneOn = p.Date(c.DoneOn)
			}
		}
		rows, last = append(rows, row), i
	}
	if last < care.MaxAftercareContacts {
		rows = append(rows, ContactRow{Index: last + 1})
	}
	return rows
}

// PlaceLine names the place of death: the kind, and which one.
func (p *DeathPage) PlaceLine(r *care.DeathRecord) string {
	line := p.T("death.place." + r.Place)
	if r.PlaceName != "" {
		line += " — " + r.PlaceName
	}
	return line
}

// Supporter names who offers a line of the plan bereavement support.
func (p *CarePage) Supporter(a care.AftercarePerson) string {
	if a.Supporter == "" {
		return p.T("aftercare.no_supporter")
	}
	return a.Supporter
}

// For names whom a line of the plan is for.
func (p *CarePage) For(a care.AftercarePerson) string {
	if a.MemberID == 0 {
		return p.T("aftercare.for_parents")
	}
	return a.MemberName
}

// DeathLine is "overleden op …" in place of an age: with the date when
// it is recorded, else only that the child died.
func (p *CarePage) DeathLine(on time.Time) string {
	if on.IsZero() {
		return p.T("family.deceased")
	}
	return p.T("death.died_on", "Date", p.Date(on))
}

func (s *Server) deathPage(r *http.Request, df *care.DeathFile) *DeathPage {
	p := &DeathPage{CarePage: s.carePage(r, "death.title"), File: df, Base: familyURL(df.Family.ID, "")}
	p.Plan = form.EncodeAftercare(df.Aftercare)
	// A brother or sister not yet in the plan gets a line of their own.
	n := len(df.Aftercare.People)
	if n == 0 {
		p.Plan.Set("people.0.member", "parents")
		n = 1
	}
	for _, sib := range df.Siblings {
		if !slices.ContainsFunc(df.Aftercare.People, func(a care.AftercarePerson) bool { return a.MemberID == sib.ID }) {
			p.Plan.Set("people."+strconv.Itoa(n)+".member", idString(sib.ID))
			n++
		}
	}
	return p
}

// deathSaved are the notices the page shows after a form was saved.
var deathSaved = []string{"recorded", "corrected", "tasks", "plan", "contact", "ended"}

// deathShow draws the death and aftercare page for the case managers.
func (s *Server) deathShow(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	df, err := s.care.Death(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	p := s.deathPage(r, df)
	if saved := r.URL.Query().Get("saved"); slices.Contains(deathSaved, saved) {
		p.Saved = "death.saved." + saved
	}
	s.render(w, r, http.StatusOK, "death", p)
	return nil
}

// deathForm fills the form that records the death, or corrects the
// record in force.
func deathForm(p *FormPage, df *care.DeathFile) {
	p.Family = &df.Family
	p.Cancel = deathURL(df.Family.ID)
	p.Back = &Link{Href: p.Cancel, Text: p.T("death.title")}
	p.FormID = "death-form"
	p.Action = deathURL(df.Family.ID)
	p.Heading, p.Intro, p.Submit = "death.record_title", "death.record_intro", "death.record_submit"
	if df.Current() != nil {
		p.Heading, p.Intro, p.Submit = "death.correct_title", "death.correct_intro", "death.correct_submit"
	}
	preferred := p.Choice("radios", "preferred_place", "death.field.preferred_place", "death.place.", care.DeathPlaces, false)
	preferred.Options = append([]form.Option{{Value: "", Label: p.T("death.preferred_unknown"), Selected: preferred.Value == ""}}, preferred.Options...)
	if df.PlanPreferred != "" {
		preferred.Hint = p.T("death.preferred_from_plan", "Place", p.T("death.place."+df.PlanPreferred))
	} else {
		preferred = preferred.WithHint(p, "death.preferred_hint")
	}
	p.Section("",
		p.DateField("died_on", "death.field.died_on", true, p.Today),
		p.Control("time", "died_time", "death.field.died_time", false).WithHint(p, "death.time_hint"),
		p.Choice("radios", "place", "death.field.place", "death.place.", care.DeathPlaces, true),
		p.Text("place_name", "death.field.place_name", care.MaxName, false).WithHint(p, "death.place_name_hint"),
	)
	p.Section("death.preferred_legend",
		preferred,
		p.Choice("radios", "preferred_met", "death.field.preferred_met", "death.met.", care.DeathMetAnswers, false).WithHint(p, "death.met_hint"),
	)
	p.Section("",
		p.Area("quality_note", "death.field.quality_note", care.MaxText, false).WithHint(p, "death.quality_hint"),
	)
	if df.Current() != nil {
		p.Section("", p.Hidden("corrects"), p.Text("reason", "death.field.reason", care.MaxShort, true))
	}
}

// drawDeathForm draws the death form with status.
func (s *Server) drawDeathForm(w http.ResponseWriter, r *http.Request, status int, df *care.DeathFile, v url.Values, errs Fields) {
	title := "death.record_title"
	if df.Current() != nil {
		title = "death.correct_title"
	}
	p := s.formPage(r, title, nil, v, errs)
	deathForm(p, df)
	s.renderForm(w, r, status, p)
}

// deathEdit shows the form that records the death, prefilled with the
// care plan's preferred place of death, or corrects the record in force.
func (s *Server) deathEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	df, err := s.care.Death(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	v := url.Values{"preferred_place": {df.PlanPreferred}}
	if cur := df.Current(); cur != nil {
		v = form.EncodeDeath(cur)
	}
	s.drawDeathForm(w, r, http.StatusOK, df, v, nil)
	return nil
}

// deathSave records the death or a correction of it; a form with errors
// is drawn again with what was typed, and nothing is saved.
func (s *Server) deathSave(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	rec, errs := form.DecodeDeath(v)
	var df *care.DeathFile
	if len(errs) == 0 {
		rec.FamilyID = id
		err := s.care.RecordDeath(r.Context(), s.actor(r), &rec)
		var in *care.InvalidInput
		switch {
		case err == nil:
			notice := "recorded"
			if rec.Corrects != 0 {
				notice = "corrected"
			}
			http.Redirect(w, r, deathURL(id)+"?saved="+notice, http.StatusSeeOther)
			return nil
		case care.ErrorCode(err) == care.Conflict:
			// The record changed while the form was open: the form of the
			// record in force, with the message.
			if df, err = s.care.Death(r.Context(), s.actor(r), id); err != nil {
				return err
			}
			errs = Fields{"reason": "death.changed_meanwhile"}
			if cur := df.Current(); cur != nil {
				v.Set("corrects", idString(cur.ID))
			}
		case !errors.As(err, &in) || in.Death == nil:
			return err
		default:
			df, errs = in.Death, in.Fields
		}
	} else {
		if df, err = s.care.Death(r.Context(), s.actor(r), id); err != nil {
			return err
		}
		var birth time.Time
		if !df.Family.Unborn {
			birth = df.Family.BirthDate
		}
		mergeValidation(errs, rec.Validate(s.cfg.Now(), birth))
	}
	if df.Current() == nil {
		v.Del("corrects")
	}
	s.drawDeathForm(w, r, http.StatusUnprocessableEntity, df, v, errs)
	return nil
}

// deathTasks closes the open tasks the case manager chose, in one step.
func (s *Server) deathTasks(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	ids, errs := form.DecodeTaskChoice(v, 500)
	if len(errs) == 0 {
		err := s.care.CloseTasksAfterDeath(r.Context(), s.actor(r), id, ids, v.Get("note"))
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, deathURL(id)+"?saved=tasks#tasks", http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Death == nil:
			return err
		}
		s.deathSentBack(w, r, in, func(p *DeathPage) { p.TasksError = firstError(in.Fields, "tasks", "note") })
		return nil
	}
	df, err := s.care.Death(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	p := s.deathPage(r, df)
	p.TasksError, p.Path = errs["tasks"], deathURL(id)
	s.render(w, r, http.StatusUnprocessableEntity, "death", p)
	return nil
}

// firstError is the error of the first field of names that has one.
func firstError(errs Fields, names ...string) string {
	for _, n := range names {
		if e, ok := errs[n]; ok {
			return e
		}
	}
	for _, e := range errs {
		return e
	}
	return ""
}

// aftercareSave saves the aftercare plan; errors come back next to the
// fields, with what was typed.
func (s *Server) aftercareSave(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	a, errs := form.DecodeAftercare(v)
	var df *care.DeathFile
	if len(errs) == 0 {
		err := s.care.SaveAftercare(r.Context(), s.actor(r), id, &a)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, deathURL(id)+"?saved=plan#aftercare", http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Death == nil:
			return err
		}
		if in.Rule != nil || in.Fields.Has("death") {
			s.deathSentBack(w, r, in, func(p *DeathPage) { p.Plan = v })
			return nil
		}
		df, errs = in.Death, planFieldNames(in.Fields, v)
	} else if df, err = s.care.Death(r.Context(), s.actor(r), id); err != nil {
		return err
	}
	p := s.deathPage(r, df)
	p.Plan, p.PlanErrs, p.Path = v, errs, deathURL(id)
	s.render(w, r, http.StatusUnprocessableEntity, "death", p)
	return nil
}

// planFieldNames maps the service's errors, numbered by the contacts of
// the plan as decoded (the form's lines without a date left out), to the
// form's lines.
func planFieldNames(errs Fields, v url.Values) Fields {
	out := Fields{}
	n := 0
	for i := 0; i <= care.MaxAftercareContacts; i++ {
		if v.Get("contacts."+strconv.Itoa(i)+".due_on") == "" {
			continue // left out by the decoder
		}
		from, to := "contacts."+strconv.Itoa(n)+".", "contacts."+strconv.Itoa(i)+"."
		for k, e := range errs {
			if rest, ok := strings.CutPrefix(k, from); ok {
				out[to+rest] = e
			}
		}
		n++
	}
	for k, e := range errs {
		if !strings.HasPrefix(k, "contacts.") {
			out[k] = e
		}
	}
	return out
}

// aftercareContactDone marks one follow-up contact done.
func (s *Server) aftercareContactDone(w http.ResponseWriter, r *http.Request) error {
	id, cid, err := twoPathIDs(r, "fcid")
	if err != nil {
		return err
	}
	if _, err := parseForm(w, r); err != nil {
		return err
	}
	if err := s.care.AftercareContactDone(r.Context(), s.actor(r), id, cid); err != nil {
		return err
	}
	http.Redirect(w, r, deathURL(id)+"?saved=contact#aftercare", http.StatusSeeOther)
	return nil
}

// aftercareEnd ends case management after the aftercare, with a reason.
func (s *Server) aftercareEnd(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	err = s.care.EndAftercare(r.Context(), s.actor(r), id, v.Get("reason"))
	var in *care.InvalidInput
	switch {
	case err == nil:
		http.Redirect(w, r, deathURL(id)+"?saved=ended#end", http.StatusSeeOther)
		return nil
	case !errors.As(err, &in) || in.Death == nil:
		return err
	}
	s.deathSentBack(w, r, in, func(p *DeathPage) { p.EndReason, p.EndError = v.Get("reason"), firstError(in.Fields, "reason") })
	return nil
}
