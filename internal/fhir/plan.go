package fhir

import (
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// multidisciplinaryCare is the category Shared Care Planning gives a
// shared care plan.
var multidisciplinaryCare = Coding{System: SystemSNOMED, Code: "135411000146103", Display: "Multidisciplinary care regime"}

func goalID(fam, item string) string    { return "goal-" + fam + "-" + item }
func problemID(fam, item string) string { return "problem-" + fam + "-" + item }

// plan writes the individual care plan (IZP) as a CarePlan, its problems
// as Conditions, its goals as Goals (nl-core-TreatmentObjective), its
// agreements and actions as activities, and the proactive care planning
// on the PZP profiles.
func (x *exporter) plan() {
	p := x.in.Plan
	if p == nil {
		return
	}
	r := &CarePlan{Status: "active", Intent: "plan", Title: "Individueel zorgplan (IZP)", Subject: x.patientRef(),
		Category: []CodeableConcept{{Coding: []Coding{multidisciplinaryCare}}},
		CareTeam: []Reference{refv("CareTeam", teamID(x.fam))}}
	r.Identifier = []Identifier{{System: sysFamily, Value: x.fam}}
	r.Replaces = x.planReplaces()
	if p.SavedBy.AccountID != 0 && x.has("Practitioner", caseManagerID(x.fam, p.SavedBy.AccountID)) {
		r.Author = ref("Practitioner", caseManagerID(x.fam, p.SavedBy.AccountID))
	}
	e := &exts{}
	e.integer("plan-version", int64(p.Version))
	e.instant("saved", p.SavedAt)
	e.person("saved-by", p.SavedBy.AccountID, p.SavedBy.Name)
	e.codes("plan-change", p.Changes)
	e.str("plan-template", p.Template)
	e.str("family-wishes", p.Wishes)
	e.str("what-matters", p.Matters)
	e.integer("review-months", int64(p.ReviewMonths))
	e.date("review-due", p.ReviewDue)
	e.date("discussed-on", p.DiscussedOn)
	e.integer("next-item", int64(p.NextItem))
	for _, s := range p.Sections {
		e.complex("plan-section", func(sub *exts) {
			sub.code("dimension", string(s.Dimension))
			sub.str("situation", s.Situation)
		})
		for _, it := range s.Problems {
			r.Addresses = append(r.Addresses, refv("Condition", problemID(x.fam, it.ID)))
		}
		for _, it := range s.Goals {
			r.Goal = append(r.Goal, refv("Goal", goalID(x.fam, it.ID)))
		}
		for _, it := range s.Agreements {
			ae := &exts{}
			itemExts(ae, s.Dimension, it)
			r.Activity = append(r.Activity, CarePlanActivity{Extension: ae.list,
				Detail: &ActivityDetail{Status: "in-progress", Description: it.Text}})
		}
		for _, a := range s.Actions {
			ae := &exts{}
			ae.complex("plan-action", func(sub *exts) {
				sub.code("dimension", string(s.Dimension))
				sub.integer("task", a.TaskID)
				sub.str("goal", a.Goal)
				sub.str("title", a.Title)
				sub.code("owner-kind", a.OwnerKind)
				sub.str("owner-name", a.OwnerName)
				sub.date("due", a.DueDate)
				sub.code("status", a.Status)
			})
			act := CarePlanActivity{Extension: ae.list}
			if x.has("Task", taskID(x.fam, a.TaskID)) {
				act.Reference = ref("Task", taskID(x.fam, a.TaskID))
			}
			r.Activity = append(r.Activity, act)
		}
	}
	for _, sc := range p.ACP.Scenarios {
		e.complex("scenario", func(sub *exts) {
			sub.str("id", sc.ID)
			sub.code("topic", sc.Topic)
			sub.str("what-if", sc.WhatIf)
			sub.str("arranged", sc.Arranged)
		})
	}
	e.complex("place-of-care", func(sub *exts) {
		sub.code("place", p.ACP.PlaceOfCare.Place)
		sub.str("detail", p.ACP.PlaceOfCare.Detail)
	})
	r.SupportingInfo = x.acpRefs()
	x.add(r, "CarePlan", planID(x.fam), ProfileSpilCarePlan, e)

	for _, s := range p.Sections {
		for _, it := range s.Problems {
			ce := &exts{}
			itemExts(ce, s.Dimension, it)
			x.condition(problemID(x.fam, it.ID), "plan-problem", it.Text, it.ICD10, ce)
		}
	}
	for _, s := range p.Sections {
		for _, it := range s.Goals {
			g := &Goal{LifecycleStatus: "active", Description: CodeableConcept{Text: it.Text}, Subject: x.patientRef()}
			g.Identifier = []Identifier{{System: sysPlanItem, Value: it.ID}}
			ge := &exts{}
			itemExts(ge, s.Dimension, it)
			x.add(g, "Goal", goalID(x.fam, it.ID), ProfileTreatmentObj, ge)
		}
	}
	x.acp()
}

// itemExts are the extensions of a plan item: its id, dimension, for whom,
// and whether it needs care someone must pay for.
func itemExts(e *exts, d care.Dimension, it care.PlanItem) {
	e.str("plan-item", it.ID)
	e.code("plan-dimension", string(d))
	e.code("plan-for", it.For)
	e.boolean("needs-care", it.NeedsCare)
	if it.ICD10 != "" {
		e.str("icd10", it.ICD10)
	}
}

// readItem reads a plan item's extensions back: its dimension and the item.
func readItem(e *reader, text string) (care.Dimension, care.PlanItem) {
	it := care.PlanItem{ID: e.str("plan-item"), For: e.code("plan-for"), Text: text, NeedsCare: e.boolean("needs-care"), ICD10: e.str("icd10")}
	return care.Dimension(e.code("plan-dimension")), it
}

func (m *importer) carePlan(r *CarePlan) {
	e := m.ext(r)
	p := &care.CarePlan{FamilyID: m.in.Family.ID}
	p.Version = int(e.integer("plan-version"))
	p.SavedAt = e.instant("saved")
	p.SavedBy.AccountID, p.SavedBy.Name = e.person("saved-by")
	p.Changes = e.codes("plan-change")
	p.Template = e.str("plan-template")
	p.Wishes = e.str("family-wishes")
	p.Matters = e.str("what-matters")
	p.ReviewMonths = int(e.integer("review-months"))
	p.ReviewDue = e.date("review-due")
	p.DiscussedOn = e.date("discussed-on")
	p.NextItem = int(e.integer("next-item"))
	for _, s := range e.all("plan-section") {
		p.Sections = append(p.Sections, care.PlanSection{Dimension: care.Dimension(s.code("dimension")), Situation: s.str("situation")})
	}
	m.in.Plan = p
	for _, a := range r.Activity {
		ae := newReader(a.Extension, &m.err)
		if pa := ae.all("plan-action"); len(pa) == 1 {
			s := pa[0]
			d := care.Dimension(s.code("dimension"))
			act := care.PlanAction{TaskID: s.integer("task"), Goal: s.str("goal"), Title: s.str("title"), OwnerKind: s.code("owner-kind"),
				OwnerName: s.str("owner-name"), DueDate: s.date("due"), Status: s.code("status")}
			if sec := m.section(d); sec != nil {
				sec.Actions = append(sec.Actions, act)
			}
			continue
		}
		if a.Detail == nil {
			m.fail("an activity of the plan that is neither an action nor an agreement")
			continue
		}
		d, it := readItem(ae, a.Detail.Description)
		if sec := m.section(d); sec != nil {
			sec.Agreements = append(sec.Agreements, it)
		}
	}
	for _, s := range e.all("scenario") {
		p.ACP.Scenarios = append(p.ACP.Scenarios, care.Scenario{ID: s.str("id"), Topic: s.code("topic"), WhatIf: s.str("what-if"), Arranged: s.str("arranged")})
	}
	pc := e.complex("place-of-care")
	p.ACP.PlaceOfCare = care.Preference{Place: pc.code("place"), Detail: pc.str("detail")}
}

// section returns the plan's section of dimension d.
func (m *importer) section(d care.Dimension) *care.PlanSection {
	if m.in.Plan == nil {
		m.fail("a plan item without a plan")
		return nil
	}
	if s := m.in.Plan.Section(d); s != nil {
		return s
	}
	m.fail("a plan item of dimension %q, which the plan has not", d)
	return nil
}

func (m *importer) planProblem(r *Condition, text, icd string) {
	d, it := readItem(m.ext(r), text)
	it.ICD10 = icd
	if !strings.HasSuffix(r.ID, "-"+it.ID) {
		m.fail("problem %s is not item %q", r.ID, it.ID)
	}
	if sec := m.section(d); sec != nil {
		sec.Problems = append(sec.Problems, it)
	}
}

func (m *importer) goal(r *Goal) {
	d, it := readItem(m.ext(r), r.Description.Text)
	if sec := m.section(d); sec != nil {
		sec.Goals = append(sec.Goals, it)
	}
}
