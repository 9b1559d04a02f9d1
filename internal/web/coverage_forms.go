package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The forms of the coverage plan: a new item with its first period, a
// correction of an item and its current period (where its status moves
// on), a renewal, and an aid. They are drawn by the one form template and
// go back to the coverage page.

// coverageForm fills a form page on the family's coverage plan; it fails
// with NotFound when the item or aid it corrects is not the family's.
type coverageForm func(p *FormPage, cf *care.CoverageFile) error

// coverageFormPage starts a form page on cf's family that goes back to
// the coverage page.
func (s *Server) coverageFormPage(r *http.Request, cf *care.CoverageFile, title string, v url.Values, errs Fields) *FormPage {
	p := s.formPage(r, title, nil, v, errs)
	onCoverage(p, cf)
	return p
}

// onCoverage makes p a form on cf's family that goes back to its coverage page.
func onCoverage(p *FormPage, cf *care.CoverageFile) {
	p.Family = &cf.Family
	p.Cancel = coverageURL(cf.Family.ID, "")
	p.Back = &Link{Href: p.Cancel, Text: p.T("coverage.title")}
	p.FormID = "coverage-form"
}

// drawCoverageForm draws a coverage form with status.
func (s *Server) drawCoverageForm(w http.ResponseWriter, r *http.Request, status int, cf *care.CoverageFile, title string, v url.Values, errs Fields, fill coverageForm) error {
	p := s.coverageFormPage(r, cf, title, v, errs)
	if err := fill(p, cf); err != nil {
		return err
	}
	s.renderForm(w, r, status, p)
	return nil
}

// showCoverageForm reads the coverage plan and draws a form on it with
// its first values; first may fill them from the plan.
func (s *Server) showCoverageForm(w http.ResponseWriter, r *http.Request, title string, fill coverageForm, first func(cf *care.CoverageFile) (url.Values, error)) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	cf, err := s.care.Coverage(r.Context(), s.actor(r), care.ViewCaseFile, id)
	if err != nil {
		return err
	}
	v, err := first(cf)
	if err != nil {
		return err
	}
	return s.drawCoverageForm(w, r, http.StatusOK, cf, title, v, nil, fill)
}

// coveragePost is a form of the coverage plan: decoded into a T, saved
// through the care service in one call, and answered with the coverage
// page at the saved object. A form with errors is drawn again with what
// was typed: on the plan the refusing service read, or, when the decoder
// refused it, on the plan read for it.
type coveragePost[T any] struct {
	title  string
	fill   coverageForm
	decode func(v url.Values) (T, Fields)
	check  func(x *T, now time.Time) error // optional: the domain's checks, to show every problem at once
	save   func(ctx context.Context, actor care.Actor, familyID int64, x *T) error
	saved  func(x *T) (notice, anchor string)
}

func postCoverage[T any](s *Server, p coveragePost[T]) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		v, err := parseForm(w, r)
		if err != nil {
			return err
		}
		x, errs := p.decode(v)
		var cf *care.CoverageFile
		if len(errs) == 0 {
			err := p.save(r.Context(), s.actor(r), id, &x)
			var in *care.InvalidInput
			switch {
			case err == nil:
				notice, anchor := p.saved(&x)
				http.Redirect(w, r, coverageURL(id, "")+"?saved="+notice+"#"+anchor, http.StatusSeeOther)
				return nil
			case !errors.As(err, &in) || in.Coverage == nil:
				return err
			}
			cf, errs = in.Coverage, in.Fields
		} else {
			if p.check != nil {
				mergeValidation(errs, p.check(&x, s.cfg.Now()))
			}
			if cf, err = s.care.Coverage(r.Context(), s.actor(r), care.ViewCaseFile, id); err != nil {
				return err
			}
		}
		return s.drawCoverageForm(w, r, http.StatusUnprocessableEntity, cf, p.title, v, errs, p.fill)
	}
}

// itemFields are an item's own fields: what, by whom, who applies, and
// the care plan goals it serves.
func itemFields(p *FormPage, cf *care.CoverageFile) {
	p.Section("coverage.section_item",
		p.Choice("select", "kind", "coverage.field.kind", "coverage.kind.", care.CoverageKinds, true),
		p.Text("description", "coverage.field.description", care.MaxShort, false).WithHint(p, "coverage.description_hint"),
		providerPicker(p, cf),
		p.Text("provider_name", "coverage.field.provider_name", care.MaxName, false).WithHint(p, "coverage.provider_name_hint"),
		p.Choice("radios", "applicant", "coverage.field.applicant", "coverage.applicant.", care.Applicants, true),
	)
	if g := goalChecks(p, cf); g != nil {
		p.Section("", *g)
	}
}

// providerPicker offers the providers still in the family's network.
func providerPicker(p *FormPage, cf *care.CoverageFile) form.Control {
	c := p.Control("select", "network_member", "coverage.field.network_member", false)
	c.Options = append(c.Options, form.Option{Value: "", Label: p.T("coverage.provider_none"), Selected: c.Value == ""})
	for _, n := range cf.Network {
		v := idString(n.ID)
		label := n.Name + " (" + p.T("network.role."+n.Role) + ")"
		if n.Organisation != "" {
			label = n.Name + ", " + n.Organisation + " (" + p.T("network.role."+n.Role) + ")"
		}
		c.Options = append(c.Options, form.Option{Value: v, Label: label, Selected: v == c.Value})
	}
	return c
}

// goalChecks offers the care plan's goals as checkboxes, those that need
// care first; nil without a plan with goals.
func goalChecks(p *FormPage, cf *care.CoverageFile) *form.Control {
	if len(cf.Goals) == 0 {
		return nil
	}
	c := p.Control("checks", "goals", "coverage.field.goals", false)
	c.Hint = p.T("coverage.goals_hint")
	goals := slices.Clone(cf.Goals)
	slices.SortStableFunc(goals, func(a, b care.PlanGoal) int { return boolOrder(b.NeedsCare) - boolOrder(a.NeedsCare) })
	for _, g := range goals {
		name := form.GoalPrefix + g.ID
		label := g.Text + " (" + p.T("careplan.dim."+string(g.Dimension)) + ")"
		c.Options = append(c.Options, form.Option{Value: name, Label: label, Selected: p.Values.Get(name) != ""})
	}
	c.Wide = true
	return &c
}

// periodFields are the fields of an indication or renewal.
func periodFields(p *FormPage) {
	far := p.Today.AddDate(care.MaxYearsAhead, 0, 0)
	p.Section("coverage.section_period",
		p.Choice("select", "law", "coverage.field.law", "coverage.law.", care.CoverageLaws, true),
		p.Choice("radios", "form", "coverage.field.form", "coverage.form.", care.CoverageForms, true),
		p.Choice("select", "status", "coverage.field.status", "coverage.status.", care.CoverageStatuses, true).WithHint(p, "coverage.status_hint"),
		p.Text("hours", "coverage.field.hours", 8, false).WithHint(p, "coverage.hours_hint"),
		p.Text("amount", "coverage.field.amount", 20, false).WithHint(p, "coverage.amount_hint"),
		p.Text("reference", "coverage.field.reference", care.MaxName, false),
		p.Choice("select", "indicated_by", "coverage.field.indicated_by", "coverage.indicated_by.", care.IndicatedBy, false),
		p.DateField("start", "coverage.field.start", false, far),
		p.DateField("end", "coverage.field.end", false, far).WithHint(p, "coverage.end_hint"),
		p.DateField("applied_on", "coverage.field.applied_on", false, p.Today),
		p.DateField("decided_on", "coverage.field.decided_on", false, p.Today),
	)
	p.Section("coverage.section_objection",
		p.DateField("objection_filed_on", "coverage.field.objection_filed_on", false, p.Today),
		p.DateField("objection_due", "coverage.field.objection_due", false, far),
	)
	p.Sections[len(p.Sections)-1].Intro = p.T("coverage.objection_intro")
	p.Sections[len(p.Sections)-1].ID = "objection"
	p.Section("", p.Area("period_note", "coverage.field.period_note", care.MaxText, false))
}

// newItemForm adds a piece of care or support with its first period.
func newItemForm(p *FormPage, cf *care.CoverageFile) error {
	p.Heading, p.Intro, p.Submit = "coverage.new_title", "coverage.new_intro", "coverage.add_submit"
	p.Action = coverageURL(cf.Family.ID, "")
	itemFields(p, cf)
	periodFields(p)
	return nil
}

// findCoverageItem is the family's item cid, or NotFound.
func findCoverageItem(cf *care.CoverageFile, cid int64) (*care.CoverageItem, error) {
	for i := range cf.Items {
		if cf.Items[i].ID == cid {
			return &cf.Items[i], nil
		}
	}
	return nil, care.Errorf(care.NotFound, "coverage item not found")
}

// findAid is the family's aid aid, or NotFound.
func findAid(cf *care.CoverageFile, aid int64) (*care.Aid, error) {
	for i := range cf.Aids {
		if cf.Aids[i].ID == aid {
			return &cf.Aids[i], nil
		}
	}
	return nil, care.Errorf(care.NotFound, "aid not found")
}

// editItemForm corrects item cid and its current period.
func editItemForm(cid int64) coverageForm {
	return func(p *FormPage, cf *care.CoverageFile) error {
		if _, err := findCoverageItem(cf, cid); err != nil {
			return err
		}
		p.Heading, p.Intro = "coverage.edit_title", "coverage.edit_intro"
		p.Action = coverageURL(cf.Family.ID, "") + "/" + idString(cid)
		itemFields(p, cf)
		periodFields(p)
		p.History = coverageChanges(&p.CarePage, cf, cf.CorrectionsOf(care.CorrectCoverageItem, cid), "coverage")
		return nil
	}
}

// renewForm adds a period to item cid.
func renewForm(cid int64) coverageForm {
	return func(p *FormPage, cf *care.CoverageFile) error {
		c, err := findCoverageItem(cf, cid)
		if err != nil {
			return err
		}
		p.Heading, p.Submit = "coverage.renew_title", "coverage.renew_submit"
		p.Intro = "coverage.renew_intro"
		p.Action = coverageURL(cf.Family.ID, "") + "/" + idString(cid) + "/periods"
		p.Section("")
		p.Sections[len(p.Sections)-1].Intro = p.T("coverage.kind."+c.Kind) + descriptionSuffix(c.Description)
		periodFields(p)
		return nil
	}
}

func descriptionSuffix(d string) string {
	if d == "" {
		return ""
	}
	return " — " + d
}

// aidForm adds an aid (aid 0) or corrects one.
func aidForm(aid int64) coverageForm {
	return func(p *FormPage, cf *care.CoverageFile) error {
		p.Heading, p.Intro, p.Submit = "coverage.aid_new_title", "coverage.aid_new_intro", "coverage.aid_add_submit"
		p.Action = familyURL(cf.Family.ID, "") + "/aids"
		if aid != 0 {
			if _, err := findAid(cf, aid); err != nil {
				return err
			}
			p.Heading, p.Intro, p.Submit = "coverage.aid_edit_title", "coverage.aid_edit_intro", "form.save"
			p.Action += "/" + idString(aid)
			p.History = coverageChanges(&p.CarePage, cf, cf.CorrectionsOf(care.CorrectAid, aid), "aid")
		}
		p.Section("",
			p.Choice("select", "kind", "aid.field.kind", "aid.kind.", care.AidKinds, true),
			p.Text("description", "aid.field.description", care.MaxShort, false).WithHint(p, "coverage.description_hint"),
			p.Choice("radios", "via", "aid.field.via", "aid.via.", care.AidVia, true),
			p.Text("supplier", "aid.field.supplier", care.MaxName, false),
		)
		p.Section("coverage.aid_section_steps",
			p.Choice("select", "status", "aid.field.status", "aid.status.", care.AidStatuses, true),
			p.DateField("requested", "aid.field.requested", true, p.Today),
			p.DateField("assessed", "aid.field.assessed", false, p.Today),
			p.DateField("granted", "aid.field.granted", false, p.Today),
			p.DateField("ordered", "aid.field.ordered", false, p.Today),
			p.DateField("delivered", "aid.field.delivered", false, p.Today),
		)
		p.Sections[len(p.Sections)-1].Intro = p.T("coverage.aid_steps_intro")
		p.Section("",
			p.DateField("replace_by", "aid.field.replace_by", false, p.Today.AddDate(care.MaxYearsAhead, 0, 0)).WithHint(p, "coverage.replace_by_hint"),
			p.Area("note", "aid.field.note", care.MaxText, false),
		)
		return nil
	}
}

func (s *Server) coverageNew(w http.ResponseWriter, r *http.Request) error {
	return s.showCoverageForm(w, r, "coverage.new_title", newItemForm, func(*care.CoverageFile) (url.Values, error) {
		return url.Values{"applicant": {"casemanager"}, "form": {"zin"}, "status": {care.CoverageToApply}}, nil
	})
}

// newCoverage is an item with its first period.
type newCoverage struct {
	Item   care.CoverageItem
	Period care.CoveragePeriod
}

func decodeNewCoverage(v url.Values) (newCoverage, Fields) {
	c, p, errs := form.DecodeNewCoverage(v)
	return newCoverage{Item: c, Period: p}, errs
}

func checkNewCoverage(x *newCoverage, now time.Time) error {
	fe := care.FieldErrors{}
	mergeValidation(fe, x.Item.Validate())
	mergeValidation(fe, x.Period.Validate(now))
	return fe.OrNil()
}

// coverageCreate adds an item with its first period.
func (s *Server) coverageCreate() handler {
	return postCoverage(s, coveragePost[newCoverage]{
		title: "coverage.new_title", fill: newItemForm, decode: decodeNewCoverage, check: checkNewCoverage,
		save: func(ctx context.Context, actor care.Actor, id int64, x *newCoverage) error {
			x.Item.FamilyID = id
			return s.care.AddCoverageItem(ctx, actor, &x.Item, &x.Period)
		},
		saved: func(x *newCoverage) (string, string) { return "added", "item-" + idString(x.Item.ID) },
	})
}

func (s *Server) coverageEdit(w http.ResponseWriter, r *http.Request) error {
	_, cid, err := twoPathIDs(r, "cid")
	if err != nil {
		return err
	}
	return s.showCoverageForm(w, r, "coverage.edit_title", editItemForm(cid), func(cf *care.CoverageFile) (url.Values, error) {
		c, err := findCoverageItem(cf, cid)
		if err != nil {
			return nil, err
		}
		return form.EncodeCoverage(c, c.Current()), nil
	})
}

// coverageUpdate corrects an item and its current period; the care
// service keeps the values before.
func (s *Server) coverageUpdate(w http.ResponseWriter, r *http.Request) error {
	_, cid, err := twoPathIDs(r, "cid")
	if err != nil {
		return err
	}
	return postCoverage(s, coveragePost[newCoverage]{
		title: "coverage.edit_title", fill: editItemForm(cid), decode: decodeNewCoverage, check: checkNewCoverage,
		save: func(ctx context.Context, actor care.Actor, id int64, x *newCoverage) error {
			x.Item.ID, x.Item.FamilyID = cid, id
			return s.care.UpdateCoverageItem(ctx, actor, &x.Item, &x.Period)
		},
		saved: func(*newCoverage) (string, string) { return "corrected", "item-" + idString(cid) },
	})(w, r)
}

func (s *Server) coverageRenew(w http.ResponseWriter, r *http.Request) error {
	_, cid, err := twoPathIDs(r, "cid")
	if err != nil {
		return err
	}
	return s.showCoverageForm(w, r, "coverage.renew_title", renewForm(cid), func(cf *care.CoverageFile) (url.Values, error) {
		c, err := findCoverageItem(cf, cid)
		if err != nil {
			return nil, err
		}
		// A renewal starts where the current period ends, under the same
		// law and form, for the same hours, until it is decided otherwise.
		cur := c.Current()
		next := care.CoveragePeriod{Law: cur.Law, Form: cur.Form, Status: care.CoverageToApply, HoursPerWeek: cur.HoursPerWeek,
			AmountCents: cur.AmountCents, IndicatedBy: cur.IndicatedBy}
		if !cur.End.IsZero() {
			next.Start = cur.End.AddDate(0, 0, 1)
		}
		return form.EncodePeriod(&next), nil
	})
}

// coverageRenewSave adds a period (a renewal) to an item.
func (s *Server) coverageRenewSave(w http.ResponseWriter, r *http.Request) error {
	_, cid, err := twoPathIDs(r, "cid")
	if err != nil {
		return err
	}
	return postCoverage(s, coveragePost[care.CoveragePeriod]{
		title: "coverage.renew_title", fill: renewForm(cid),
		decode: func(v url.Values) (care.CoveragePeriod, Fields) {
			errs := Fields{}
			return form.DecodeCoveragePeriod(v, errs), errs
		},
		check: func(p *care.CoveragePeriod, now time.Time) error { return p.Validate(now) },
		save: func(ctx context.Context, actor care.Actor, id int64, p *care.CoveragePeriod) error {
			p.ItemID, p.FamilyID = cid, id
			return s.care.RenewCoverage(ctx, actor, p)
		},
		saved: func(*care.CoveragePeriod) (string, string) { return "renewed", "item-" + idString(cid) },
	})(w, r)
}

func (s *Server) aidNew(w http.ResponseWriter, r *http.Request) error {
	return s.showCoverageForm(w, r, "coverage.aid_new_title", aidForm(0), func(*care.CoverageFile) (url.Values, error) {
		return url.Values{"status": {care.AidRequested}, "requested": {form.ISODate(care.DateOf(s.cfg.Now()))}}, nil
	})
}

func (s *Server) aidEdit(w http.ResponseWriter, r *http.Request) error {
	_, aid, err := twoPathIDs(r, "aid")
	if err != nil {
		return err
	}
	return s.showCoverageForm(w, r, "coverage.aid_edit_title", aidForm(aid), func(cf *care.CoverageFile) (url.Values, error) {
		a, err := findAid(cf, aid)
		if err != nil {
			return nil, err
		}
		return form.EncodeAid(a), nil
	})
}

// aidSave adds an aid, or corrects one when the path names it.
func (s *Server) aidSave(w http.ResponseWriter, r *http.Request) error {
	var aid int64
	if r.PathValue("aid") != "" {
		var err error
		if _, aid, err = twoPathIDs(r, "aid"); err != nil {
			return err
		}
	}
	title, notice := "coverage.aid_new_title", "aid_added"
	if aid != 0 {
		title, notice = "coverage.aid_edit_title", "aid_corrected"
	}
	return postCoverage(s, coveragePost[care.Aid]{
		title: title, fill: aidForm(aid), decode: form.DecodeAid,
		check: func(a *care.Aid, now time.Time) error { return a.Validate(now) },
		save: func(ctx context.Context, actor care.Actor, id int64, a *care.Aid) error {
			a.ID, a.FamilyID = aid, id
			return s.care.SaveAid(ctx, actor, a)
		},
		saved: func(a *care.Aid) (string, string) { return notice, "aid-" + idString(a.ID) },
	})(w, r)
}
