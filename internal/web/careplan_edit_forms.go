package web

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// planPart is one part of the care plan with its own form: the family's
// wishes, a dimension, proactive care planning (ACP) or the review.
type planPart struct {
	name  string
	title string // catalog key of the page heading
	intro string // catalog key of the line under it
	// build draws the controls from p.Values, so a form drawn again shows
	// what was typed.
	build  func(p *FormPage, pf *care.PlanFile)
	encode func(plan *care.CarePlan) url.Values
	// apply reads the posted form into a copy of cur with this part
	// replaced; it returns the new actions too (tasks for the file).
	apply func(v url.Values, cur *care.CarePlan, today time.Time) (*care.CarePlan, []care.Task, Fields)
}

// partTitles are the headings of the forms, by part.
var partTitles = map[string]string{
	"wishes":        "careplan.edit.title.wishes",
	"physical":      "careplan.edit.title.physical",
	"psychological": "careplan.edit.title.psychological",
	"social":        "careplan.edit.title.social",
	"pedagogical":   "careplan.edit.title.pedagogical",
	"spiritual":     "careplan.edit.title.spiritual",
	"acp":           "careplan.edit.title.acp",
	"review":        "careplan.edit.title.review",
}

// planPartNamed returns the part with its form; ok is false for anything
// that is not a part of the plan.
func planPartNamed(name string) (planPart, bool) {
	title, ok := partTitles[name]
	if !ok {
		return planPart{}, false
	}
	switch name {
	case "wishes":
		return planPart{name: name, title: title, intro: "careplan.edit.intro.wishes", build: wishesFields,
			encode: form.EncodeWishes, apply: applyWishes}, true
	case "acp":
		return planPart{name: name, title: title, intro: "careplan.edit.intro.acp", build: acpFields,
			encode: func(p *care.CarePlan) url.Values { return form.EncodeACP(&p.ACP) }, apply: applyACP}, true
	case "review":
		return planPart{name: name, title: title, intro: "careplan.edit.intro.review", build: reviewFields,
			encode: form.EncodeReview, apply: applyReview}, true
	}
	d := care.Dimension(name)
	return planPart{name: name, title: title, intro: "careplan.edit.intro.dimension", build: dimensionFields(d),
		encode: func(p *care.CarePlan) url.Values {
			if sec := p.Section(d); sec != nil {
				return form.EncodeDimension(sec)
			}
			return form.EncodeDimension(&care.PlanSection{Dimension: d})
		},
		apply: applyDimension(d)}, true
}

// copyPlan is the start of the next version: the current one with its own
// list of sections, so replacing a part leaves cur as it is.
func copyPlan(cur *care.CarePlan) *care.CarePlan {
	next := *cur
	next.Sections = append([]care.PlanSection(nil), cur.Sections...)
	next.Changes = nil
	return &next
}

func applyWishes(v url.Values, cur *care.CarePlan, _ time.Time) (*care.CarePlan, []care.Task, Fields) {
	f, errs := form.DecodeWishes(v)
	next := copyPlan(cur)
	next.Wishes, next.Matters = f.Wishes, f.Matters
	return next, nil, errs
}

func applyDimension(d care.Dimension) func(url.Values, *care.CarePlan, time.Time) (*care.CarePlan, []care.Task, Fields) {
	return func(v url.Values, cur *care.CarePlan, _ time.Time) (*care.CarePlan, []care.Task, Fields) {
		f, errs := form.DecodeDimension(v, d)
		next := copyPlan(cur)
		sec := next.Section(d)
		if sec == nil {
			errs["sections"] = "careplan.sections_missing"
			return next, nil, errs
		}
		*sec = form.MergeSection(*sec, f)
		var actions []care.Task
		if f.Action != nil {
			actions = append(actions, *f.Action)
		}
		return next, actions, errs
	}
}

func applyACP(v url.Values, cur *care.CarePlan, _ time.Time) (*care.CarePlan, []care.Task, Fields) {
	f, errs := form.DecodeACP(v)
	next := copyPlan(cur)
	next.ACP = form.MergeACP(cur.ACP, f)
	return next, nil, errs
}

func applyReview(v url.Values, cur *care.CarePlan, today time.Time) (*care.CarePlan, []care.Task, Fields) {
	f, errs := form.DecodeReview(v)
	next := copyPlan(cur)
	next.ReviewMonths, next.ReviewDue, next.DiscussedOn = f.Months, f.Due, f.DiscussedOn
	if f.Due.IsZero() && !errs.Has("review_due") {
		next.ReviewDue = next.NextReview(today)
	}
	return next, nil, errs
}

// rows sets the height of a text area.
func rows(c form.Control, n int) form.Control {
	c.Rows = n
	return c
}

// optional drops the "required" mark: the fields of a new row are only
// needed once something is typed in it.
func optional(c form.Control) form.Control {
	c.Required = false
	return c
}

func wishesFields(p *FormPage, _ *care.PlanFile) {
	p.Section("",
		p.Hidden("version"),
		rows(p.Area("wishes", "careplan.wishes", care.MaxText, false).WithHint(p, "careplan.edit.wishes_hint"), 6),
		rows(p.Area("matters", "careplan.matters", care.MaxText, false).WithHint(p, "careplan.edit.matters_hint"), 6),
	)
}

// The labels of the lists of a dimension.
var (
	itemHeadings = map[string]string{"problem": "careplan.edit.problems", "goal": "careplan.edit.goals", "agreement": "careplan.edit.agreements"}
	itemLabels   = map[string]string{"problem": "careplan.problem", "goal": "careplan.goal", "agreement": "careplan.agreement"}
	itemNew      = map[string]string{"problem": "careplan.edit.new_problem", "goal": "careplan.edit.new_goal", "agreement": "careplan.edit.new_agreement"}
)

// dimensionFields draws a dimension: the situation, a group per problem,
// goal and agreement with an empty one to add, and a new action.
func dimensionFields(d care.Dimension) func(p *FormPage, pf *care.PlanFile) {
	return func(p *FormPage, pf *care.PlanFile) {
		p.Section("",
			p.Hidden("version"),
			rows(p.Area("situation", "careplan.situation", care.MaxText, false).WithHint(p, "careplan.edit.situation_hint"), 5),
		)
		for _, kind := range form.ItemKinds {
			ids := form.PostedIDs(p.Values, kind, "text")
			for i, id := range ids {
				p.Sections = append(p.Sections, form.Section{
					Legend: p.T("careplan.edit.item_n", "What", p.T(itemLabels[kind]), "N", i+1),
					ID:     kind + "-" + id, Class: "plan-item", Controls: itemControls(p, kind, id),
				})
			}
			p.Sections = append(p.Sections, form.Section{
				Legend: p.T(itemNew[kind]), ID: kind + "-new", Class: "plan-item new-item",
				Intro: p.T("careplan.edit.new_hint"), Controls: itemControls(p, kind, ""),
			})
			p.Sections[len(p.Sections)-len(ids)-1].Heading = p.T(itemHeadings[kind])
		}
		actions := form.Section{Heading: p.T("careplan.edit.actions"), Intro: p.T("careplan.edit.actions_intro"), ID: "actions"}
		for _, t := range pf.ActionsOf(d) {
			actions.List = append(actions.List, actionLine(p, t))
		}
		if len(actions.List) == 0 {
			actions.List = []string{p.T("careplan.edit.no_actions")}
		}
		p.Sections = append(p.Sections, actions, form.Section{
			Legend: p.T("careplan.edit.action_new"), ID: "action-new", Class: "plan-item new-item",
			Intro: p.T("careplan.edit.action_hint"),
			Controls: []form.Control{
				p.Text("action_new_title", "careplan.action", care.MaxShort, false),
				ownerPicker(p, &care.File{Network: pf.Network, Members: pf.Members, CaseManagers: pf.CaseManagers}, "action_new_owner", false),
				p.DateField("action_new_due_date", "careplan.action_due", false, p.Today.AddDate(5, 0, 0)),
				goalChoice(p),
			},
		})
	}
}

// itemControls are the fields of one problem, goal or agreement; id "" is
// the new row.
func itemControls(p *FormPage, kind, id string) []form.Control {
	fn := func(part string) string { return care.ItemField(kind, id, part) }
	cs := []form.Control{
		rows(p.Area(fn("text"), "careplan.edit.text", care.MaxShort, true), 2),
		p.Choice("select", fn("for"), "careplan.for", "careplan.for.", care.PlanFor, true),
	}
	if kind == "problem" {
		cs = append(cs, p.Text(fn("icd10"), "careplan.icd10", 20, false).WithHint(p, "careplan.edit.icd10_hint"))
	}
	if kind == "goal" {
		cs = append(cs, p.Check(fn("needs_care"), "coverage_view.needs_care"))
	}
	if id == "" {
		for i := range cs {
			cs[i] = optional(cs[i])
		}
		return cs
	}
	return append(cs, p.Check(fn("remove"), "careplan.edit.remove"))
}

// goalChoice is the goal a new action serves: none, one of the goals in
// the form (as typed) or the new goal of the same form.
func goalChoice(p *FormPage) form.Control {
	c := p.Control("select", "action_new_goal", "careplan.edit.action_goal", false)
	c.Options = []form.Option{{Value: "", Label: p.T("careplan.edit.goal_none"), Selected: c.Value == ""}}
	for _, id := range form.PostedIDs(p.Values, "goal", "text") {
		if p.Values.Get(care.ItemField("goal", id, "remove")) != "" {
			continue
		}
		c.Options = append(c.Options, form.Option{Value: id, Label: shorten(p.Values.Get(care.ItemField("goal", id, "text")), 80), Selected: c.Value == id})
	}
	c.Options = append(c.Options, form.Option{Value: care.NewGoal, Label: p.T("careplan.edit.goal_new"), Selected: c.Value == care.NewGoal})
	return c
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// actionLine sums up an action of the dimension as it stands.
func actionLine(p *FormPage, t care.Task) string {
	who := p.T("task.owner." + t.OwnerKind)
	if t.OwnerName != "" {
		who += " (" + t.OwnerName + ")"
	}
	line := t.Title + " — " + who
	if !t.DueDate.IsZero() {
		line += " — " + p.T("careplan.action_due") + " " + p.Date(t.DueDate)
	}
	return line + " — " + p.T("careplan.status."+t.Status)
}

// acpFields draws proactive care planning: conversations, "what if"
// scenarios, the treatment directives, preferred places and care wishes.
func acpFields(p *FormPage, _ *care.PlanFile) {
	ids := form.PostedIDs(p.Values, "conversation", "participants")
	for i, id := range ids {
		p.Sections = append(p.Sections, form.Section{
			Legend: p.T("careplan.edit.item_n", "What", p.T("careplan.edit.conversation"), "N", i+1),
			ID:     "conversation-" + id, Class: "plan-item",
			Controls: append(conversationControls(p, id), p.Check(care.ItemField("conversation", id, "remove"), "careplan.edit.remove")),
		})
	}
	p.Sections = append(p.Sections, form.Section{
		Legend: p.T("careplan.edit.new_conversation"), ID: "conversation-new", Class: "plan-item new-item",
		Intro: p.T("careplan.edit.new_hint"), Controls: conversationControls(p, ""),
	})
	p.Sections[len(p.Sections)-len(ids)-1].Heading = p.T("careplan.edit.conversations")

	ids = form.PostedIDs(p.Values, "scenario", "what_if")
	for i, id := range ids {
		legend := p.T("careplan.edit.item_n", "What", p.T("careplan.scenario"), "N", i+1)
		if topic := p.Values.Get(care.ItemField("scenario", id, "topic")); topic != "" && slices.Contains(care.ScenarioTopics, topic) {
			legend = p.T("careplan.topic." + topic)
		}
		p.Sections = append(p.Sections, form.Section{
			Legend: legend, ID: "scenario-" + id, Class: "plan-item",
			Controls: append(scenarioControls(p, id), p.Check(care.ItemField("scenario", id, "remove"), "careplan.edit.remove")),
		})
	}
	p.Sections = append(p.Sections, form.Section{
		Legend: p.T("careplan.edit.new_scenario"), ID: "scenario-new", Class: "plan-item new-item",
		Intro: p.T("careplan.edit.new_hint"), Controls: scenarioControls(p, ""),
	})
	p.Sections[len(p.Sections)-len(ids)-1].Heading = p.T("careplan.edit.scenarios")

	for i, kind := range care.DirectiveKinds {
		fn := func(part string) string { return care.ItemField("directive", kind, part) }
		var cs []form.Control
		if kind == "other" {
			cs = append(cs, p.Text(fn("label"), "careplan.directive_label", care.MaxName, false))
		}
		cs = append(cs,
			p.Choice("radios", fn("decision"), "careplan.edit.decision", "careplan.decision.", care.DirectiveDecisions, true),
			rows(p.Area(fn("detail"), "careplan.directive_detail", care.MaxText, false), 2),
			p.DateField(fn("date"), "careplan.directive_date", false, p.Today).WithHint(p, "careplan.edit.directive_date_hint"),
			p.Text(fn("agreed_by"), "careplan.agreed_by", care.MaxShort, false).WithHint(p, "careplan.edit.agreed_by_hint"),
		)
		sec := form.Section{Legend: p.T("careplan.directive." + kind), ID: "directive-" + kind, Class: "plan-item", Controls: cs}
		if i == 0 {
			sec.Heading, sec.Intro = p.T("careplan.edit.directives"), p.T("careplan.edit.directives_intro")
		}
		p.Sections = append(p.Sections, sec)
	}
	p.Sections = append(p.Sections, form.Section{
		Heading: p.T("careplan.edit.places"), Intro: p.T("careplan.edit.places_intro"), ID: "places",
		Controls: []form.Control{
			p.Choice("select", "place_of_care", "careplan.place_of_care", "careplan.place.", care.Places, true),
			p.Text("place_of_care_detail", "careplan.edit.place_of_care_detail", care.MaxShort, false),
			p.Choice("select", "place_of_death", "careplan.place_of_death", "careplan.place.", care.Places, true),
			p.Text("place_of_death_detail", "careplan.edit.place_of_death_detail", care.MaxShort, false),
		},
	}, form.Section{
		Heading: p.T("careplan.edit.wishes_other"), ID: "care-wishes",
		Controls: []form.Control{
			rows(p.Area("care_wishes", "careplan.care_wishes", care.MaxText, false).WithHint(p, "careplan.edit.care_wishes_hint"), 4),
			rows(p.Area("other", "careplan.other", care.MaxText, false), 4),
		},
	})
	// The version goes with the first group, so the form starts with its
	// first heading.
	p.Sections[0].Controls = append([]form.Control{p.Hidden("version")}, p.Sections[0].Controls...)
}

func conversationControls(p *FormPage, id string) []form.Control {
	fn := func(part string) string { return care.ItemField("conversation", id, part) }
	cs := []form.Control{
		p.DateField(fn("date"), "careplan.conversation_date", true, p.Today),
		p.Text(fn("participants"), "careplan.participants", care.MaxShort, true),
		rows(p.Area(fn("topics"), "careplan.topics", care.MaxText, false), 3),
		p.Text(fn("record"), "careplan.record", care.MaxShort, false).WithHint(p, "careplan.edit.record_hint"),
	}
	if id == "" {
		for i := range cs {
			cs[i] = optional(cs[i])
		}
	}
	return cs
}

func scenarioControls(p *FormPage, id string) []form.Control {
	fn := func(part string) string { return care.ItemField("scenario", id, part) }
	cs := []form.Control{
		p.Choice("select", fn("topic"), "careplan.scenario", "careplan.topic.", care.ScenarioTopics, true),
		rows(p.Area(fn("what_if"), "careplan.what_if", care.MaxText, false), 3),
		rows(p.Area(fn("arranged"), "careplan.arranged", care.MaxText, false), 3),
	}
	if id == "" {
		for i := range cs {
			cs[i] = optional(cs[i])
		}
	}
	return cs
}

func reviewFields(p *FormPage, _ *care.PlanFile) {
	p.Section("",
		p.Hidden("version"),
		p.Number("review_months", "careplan.review_months", 1, care.MaxReviewMonths).WithHint(p, "careplan.edit.review_months_hint"),
		p.DateField("review_due", "careplan.review_due", false, p.Today.AddDate(2, 0, 0)).WithHint(p, "careplan.edit.review_due_hint"),
		p.DateField("discussed_on", "careplan.discussed_on", false, p.Today),
	)
}
