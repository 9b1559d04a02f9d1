package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// The care plan as its readers see it: the case managers, the family (the
// child too) and providers with consent. One page model serves the plan,
// its print view and the emergency summary; what a viewer may do decides
// which links and forms are drawn, what a viewer may see is decided by the
// care service.

// PlanView is what every page of one family's care plan shows: the plan
// file and where this viewer's pages are.
type PlanView struct {
	CarePage
	File *care.PlanFile
	Base string // the viewer's page of the family: /families/7, /my/families/7 or /provider/families/7
	Dims []PlanDim
}

// PlanDim is one dimension of the plan with its live actions: under the
// goal they serve, or, without one, after the goals.
type PlanDim struct {
	Dimension  care.Dimension
	Situation  string
	Problems   []care.PlanItem
	Goals      []PlanGoal
	Agreements []care.PlanItem
	Actions    []care.Task // live actions of the dimension without a goal in it
}

// PlanGoal is a goal of the plan with the live actions that serve it.
type PlanGoal struct {
	care.PlanItem
	Actions []care.Task
}

// Empty reports whether nothing is written in the dimension yet.
func (d PlanDim) Empty() bool {
	return strings.TrimSpace(d.Situation) == "" && len(d.Problems) == 0 && len(d.Goals) == 0 &&
		len(d.Agreements) == 0 && len(d.Actions) == 0
}

// planDims groups the plan's live actions under their dimension and goal.
func planDims(pf *care.PlanFile) []PlanDim {
	if pf.Plan == nil {
		return nil
	}
	out := make([]PlanDim, 0, len(care.Dimensions))
	for _, d := range care.Dimensions {
		pd := PlanDim{Dimension: d}
		if sec := pf.Plan.Section(d); sec != nil {
			pd.Situation, pd.Problems, pd.Agreements = sec.Situation, sec.Problems, sec.Agreements
			for _, g := range sec.Goals {
				pd.Goals = append(pd.Goals, PlanGoal{PlanItem: g})
			}
		}
	actions:
		for _, t := range pf.ActionsOf(d) {
			for i := range pd.Goals {
				if t.PlanGoal != "" && pd.Goals[i].ID == t.PlanGoal {
					pd.Goals[i].Actions = append(pd.Goals[i].Actions, t)
					continue actions
				}
			}
			pd.Actions = append(pd.Actions, t)
		}
		out = append(out, pd)
	}
	return out
}

// planBase is the viewer's page of the family, where the plan's pages hang.
func planBase(pf *care.PlanFile) string {
	id := pf.Family.ID
	switch pf.Viewer {
	case care.ViewerFamily:
		return myFamilyURL(id, "")
	case care.ViewerProvider:
		return providerURL(id, "")
	}
	return familyURL(id, "")
}

func (s *Server) planView(r *http.Request, title string, pf *care.PlanFile) PlanView {
	v := PlanView{CarePage: s.carePage(r, title), File: pf, Base: planBase(pf), Dims: planDims(pf)}
	v.Path = r.URL.Path
	return v
}

// Plan is the current version, or nil.
func (p *PlanView) Plan() *care.CarePlan { return p.File.Plan }

// IsCaseManager reports whether a case manager of the family is reading.
func (p *PlanView) IsCaseManager() bool { return p.File.Viewer == care.ViewerCaseManager }

// IsFamily reports whether a parent, carer or the child is reading.
func (p *PlanView) IsFamily() bool { return p.File.Viewer == care.ViewerFamily }

// IsProvider reports whether a provider in the network is reading.
func (p *PlanView) IsProvider() bool { return p.File.Viewer == care.ViewerProvider }

// IsChild reports whether the child is reading.
func (p *PlanView) IsChild() bool { return p.File.IsChild }

// PlanURL is a page of this plan for this viewer: rest "" is the plan,
// "/print" the print view.
func (p *PlanView) PlanURL(rest string) string { return p.Base + "/careplan" + rest }

// EditURL is the case managers' form for one part of the plan: "wishes",
// a dimension, "acp" or "review".
func (p *PlanView) EditURL(part string) string {
	return familyURL(p.File.Family.ID, "") + "/careplan/" + part + "/edit"
}

// W translates key in simpler words when the child is reading.
//
// Each reader is addressed in their own words: a provider by a variant
// "careplan.provider.…" where the text differs for them, a professional (a
// case manager or a provider) by "careplan.pro.…" ("u" where the family
// reads "je"), the child by "careplan.child.…".
func (p *PlanView) W(key string, data ...any) string {
	var variants []string
	switch p.File.Viewer {
	case care.ViewerProvider:
		variants = []string{"provider", "pro"}
	case care.ViewerCaseManager:
		variants = []string{"pro"}
	}
	if head, tail, ok := strings.Cut(key, "."); ok {
		for _, v := range variants {
			k := head + "." + v + "." + tail
			if s := p.T(k, data...); s != k {
				return s
			}
		}
	}
	return p.ForChild(p.File.IsChild, key, data...)
}

// ReviewOverdue reports whether the plan's review date has passed.
func (p *PlanView) ReviewOverdue() bool {
	return p.File.Plan != nil && p.File.Plan.ReviewOverdue(p.Today)
}

// Overdue reports whether an open action is past its due date.
func (p *PlanView) Overdue(t care.Task) bool { return t.Overdue(p.Today) }

// Owner says who does an action: the name when there is one.
func (p *PlanView) Owner(t care.Task) string {
	if t.OwnerName != "" {
		return t.OwnerName
	}
	return p.Label("task.owner.", t.OwnerKind)
}

// Action is one live action drawn by the "plan-action" template.
func (p *PlanView) Action(t care.Task) PlanActionRow { return PlanActionRow{P: p, Task: t} }

// PlanActionRow is an action with the page that draws it.
type PlanActionRow struct {
	P    *PlanView
	Task care.Task
}

// Directive names the treatment of a directive.
func (p *CarePage) Directive(d care.Directive) string {
	if d.Kind == "other" && d.Label != "" {
		return d.Label
	}
	return p.Label("careplan.directive.", d.Kind)
}

// Place says a preferred place in words, with its detail.
func (p *PlanView) Place(pref care.Preference) string {
	place := pref.Place
	if place == "" {
		place = "not_discussed"
	}
	s := p.T("careplan.place." + place)
	if pref.Detail != "" {
		s += ": " + pref.Detail
	}
	return s
}

// Section names a part of the plan: "wishes", a dimension, "acp" or "review".
func (p *PlanView) Section(part string) string {
	if part == "" {
		return "—"
	}
	return p.T("careplan.change." + part)
}

// Changes names the parts a version changed, in words.
func (p *PlanView) Changes(parts []string) string {
	return changesText(p.T, parts)
}

func changesText(t func(string, ...any) string, parts []string) string {
	names := make([]string, 0, len(parts))
	for _, c := range parts {
		names = append(names, t("careplan.change."+c))
	}
	return strings.Join(names, ", ")
}

// SavedBy names who saved a version; the name may be missing for an
// account that no longer exists.
func (p *PlanView) SavedBy(by care.Person) string {
	if by.Name != "" {
		return by.Name
	}
	return p.T("careplan.view.someone")
}

// PlanPage is the care plan on screen.
type PlanPage struct {
	PlanView
	Open      []care.Proposal // open proposals of the family
	Answered  []care.Proposal
	Templates []care.PlanTemplate // what a case manager may start a plan from
	Saved     string              // catalog key of what was just done
	Error     string              // catalog key of a message above the page
	Answer    *AnswerForm         // an answer form sent back with an error
	Propose   ProposeForm
}

// AnswerForm is what a case manager sent to answer a proposal, with its errors.
type AnswerForm struct {
	ProposalID int64
	Decision   string
	Answer     string
	Errors     Fields
}

// ProposeForm is what a family member typed to propose a change, with its errors.
type ProposeForm struct {
	Section string
	Body    string
	Errors  Fields
}

// planSaved are the confirmations the plan page shows after a redirect:
// "proposal" for the family, "accepted" and "declined" after an answer.
var planSaved = []string{"proposal", "accepted", "declined"}

func (s *Server) planPage(r *http.Request, pf *care.PlanFile) *PlanPage {
	p := &PlanPage{PlanView: s.planView(r, "careplan.view.title", pf), Propose: ProposeForm{Errors: Fields{}}}
	p.Path = p.PlanURL("")
	for _, pr := range pf.Proposals {
		if pr.Status == care.ProposalOpen {
			p.Open = append(p.Open, pr)
		} else {
			p.Answered = append(p.Answered, pr)
		}
	}
	return p
}

// Proposals are the family's proposals, newest first.
func (p *PlanPage) Proposals() []care.Proposal { return p.File.Proposals }

// ProposalStatus says where a proposal stands.
func (p *PlanPage) ProposalStatus(pr care.Proposal) string {
	switch pr.Status {
	case care.ProposalAccepted:
		return p.W("careplan.view.proposal_accepted", "N", pr.Version)
	case care.ProposalDeclined:
		return p.W("careplan.view.proposal_declined")
	}
	return p.W("careplan.view.proposal_open")
}

// AnswerValue is what was typed in the answer form of proposal id.
func (p *PlanPage) AnswerValue(id int64) string {
	if p.Answer != nil && p.Answer.ProposalID == id {
		return p.Answer.Answer
	}
	return ""
}

// AnswerError is the catalog key of the error at a field ("answer" or
// "decision") of the answer form of proposal id.
func (p *PlanPage) AnswerError(id int64, field string) string {
	if p.Answer != nil && p.Answer.ProposalID == id {
		return p.Answer.Errors[field]
	}
	return ""
}

// ProposeError is the catalog key of the error at a field of the proposal form.
func (p *PlanPage) ProposeError(field string) string { return p.Propose.Errors[field] }

// SectionOptions are the parts of the plan a family member may propose a
// change to, with the one chosen.
func (p *PlanPage) SectionOptions() []form.Option {
	opts := []form.Option{{Value: "", Label: p.T("form.choose"), Selected: p.Propose.Section == ""}}
	for _, sec := range care.ProposalSections {
		opts = append(opts, form.Option{Value: sec, Label: p.Section(sec), Selected: sec == p.Propose.Section})
	}
	return opts
}

// TemplateOptions are the templates a case manager may start a plan from:
// the default first, then the organisation's own.
func (p *PlanPage) TemplateOptions() []form.Option { return templateOptions(p.T, p.Templates, "") }

// Callable is one person to call in an emergency.
type Callable struct {
	Name   string
	Role   string // translated
	Phone  string
	Detail string // reachability or relation
	Always bool   // reachable day and night
}

// EmergencyPage is the short summary for an ambulance or out-of-hours GP.
type EmergencyPage struct {
	PlanView
	Family  []Callable // parents and carers
	Network []Callable // day-and-night reachable first, then the GP
	Printed string     // when the page was drawn
}

func (s *Server) emergencyPage(r *http.Request, pf *care.PlanFile) *EmergencyPage {
	p := &EmergencyPage{PlanView: s.planView(r, "careplan.view.emergency_title", pf)}
	p.Printed = p.DateTime(s.cfg.Now())
	for _, m := range pf.Members {
		detail := m.Relation
		if detail == "" {
			detail = p.Label("member.kind.", m.Kind)
		}
		p.Family = append(p.Family, Callable{Name: m.Name, Phone: m.Phone, Detail: detail})
	}
	var always, gps []Callable
	for _, n := range pf.Network {
		c := Callable{Name: n.Name, Role: p.Label("network.role.", n.Role), Phone: n.Phone, Detail: n.Reachability, Always: n.AlwaysReachable}
		if n.Organisation != "" {
			c.Role += " · " + n.Organisation
		}
		switch {
		case n.AlwaysReachable:
			always = append(always, c)
		case n.Role == "gp":
			gps = append(gps, c)
		}
	}
	p.Network = slices.Concat(always, gps)
	return p
}

// Directives are the treatment directives to show: every one recorded.
func (p *PlanView) Directives() []care.Directive {
	if p.File.Plan == nil {
		return nil
	}
	return p.File.Plan.ACP.Directives
}

// NoResuscitation is the plan's decision not to resuscitate, or nil: the
// emergency summary and the print view put it first, where it cannot be
// missed.
func (p *PlanView) NoResuscitation() *care.Directive { return noResuscitation(p.Directives()) }

func noResuscitation(ds []care.Directive) *care.Directive {
	for _, d := range ds {
		if d.Kind == "resuscitation" && d.Decision == "no" {
			return &d
		}
	}
	return nil
}

// PrintPage is the whole plan on A4 paper.
type PrintPage struct {
	PlanView
	Printed string // when the page was drawn
}
