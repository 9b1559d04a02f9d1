package care

import (
	"strconv"
	"time"
)

// Dimension is one of the five dimensions the individual care plan (IZP)
// is organised in.
type Dimension string

// The five dimensions, in the order the plan shows them.
const (
	DimPhysical      Dimension = "physical"
	DimPsychological Dimension = "psychological"
	DimSocial        Dimension = "social"
	DimPedagogical   Dimension = "pedagogical" // development and education
	DimSpiritual     Dimension = "spiritual"
)

// Dimensions lists the five dimensions in plan order.
var Dimensions = []Dimension{DimPhysical, DimPsychological, DimSocial, DimPedagogical, DimSpiritual}

// ValidDimension reports whether d is one of the five.
func ValidDimension(d Dimension) bool {
	for _, x := range Dimensions {
		if x == d {
			return true
		}
	}
	return false
}

// The choice lists of the care plan, as stored.
var (
	// PlanFor says for whom an item is: the child, the parents, the
	// siblings or the family as a whole.
	PlanFor = []string{"child", "parents", "siblings", "family"}
	// ScenarioTopics are the "what if" situations proactive care planning
	// thinks through.
	ScenarioTopics = []string{"school", "home", "adulthood", "deterioration", "end_of_life", "other"}
	// DirectiveKinds are the treatments a directive is recorded for
	// (after the zib TreatmentDirective2 as used by the IKNL PZP standard).
	DirectiveKinds = []string{"resuscitation", "ventilation", "icu", "hospital", "other"}
	// DirectiveDecisions: not discussed yet, yes, yes with limits, no.
	DirectiveDecisions = []string{"not_discussed", "yes", "yes_but", "no"}
	// Places of care or of death. "not_discussed" and "not_now" (the family
	// does not want to discuss this now) are valid answers.
	Places = []string{"not_discussed", "not_now", "home", "hospital", "hospice", "other"}
	// ProposalSections are where a family member may propose a change: the
	// family's wishes or one of the five dimensions.
	ProposalSections = append([]string{"wishes"}, dimensionStrings()...)
)

func dimensionStrings() []string {
	s := make([]string, len(Dimensions))
	for i, d := range Dimensions {
		s[i] = string(d)
	}
	return s
}

// Default and bounds of the review interval, in months.
const (
	DefaultReviewMonths = 3
	MaxReviewMonths     = 12
)

// PlanItem is one problem, goal or agreement in a dimension. ID is stable
// across versions, so versions can be compared item by item; it is empty
// for an item not yet saved.
type PlanItem struct {
	ID    string `json:"id"`
	For   string `json:"for"`             // one of PlanFor
	Text  string `json:"text"`            // in the words of the plan
	ICD10 string `json:"icd10,omitempty"` // problems only, where medical
	// NeedsCare marks a goal that needs care or support someone must pay
	// for: the coverage plan shows it as a gap while nothing covers it.
	NeedsCare bool `json:"needs_care,omitempty"`
}

// PlanAction is an action of the plan as it stood when a version was
// saved. Actions are tasks of the family file: the live task (owner, due
// date, status) is in File.Tasks; this is its snapshot.
type PlanAction struct {
	TaskID    int64     `json:"task_id"`
	Goal      string    `json:"goal,omitempty"` // the PlanItem ID of the goal it serves
	Title     string    `json:"title"`
	OwnerKind string    `json:"owner_kind"`
	OwnerName string    `json:"owner_name,omitempty"`
	DueDate   time.Time `json:"due_date"`
	Status    string    `json:"status"`
}

// PlanSection is one dimension of the plan.
type PlanSection struct {
	Dimension  Dimension    `json:"dimension"`
	Situation  string       `json:"situation"` // the current situation
	Problems   []PlanItem   `json:"problems"`
	Goals      []PlanItem   `json:"goals"`
	Agreements []PlanItem   `json:"agreements"`
	Actions    []PlanAction `json:"actions"`
}

// Conversation is one proactive care planning conversation.
type Conversation struct {
	ID           string    `json:"id"`
	Date         time.Time `json:"date"`
	Participants string    `json:"participants"`
	Topics       string    `json:"topics"`
	Record       string    `json:"record"` // where the recording or summary is
}

// Scenario is one "what if" thought through ahead of time.
type Scenario struct {
	ID       string `json:"id"`
	Topic    string `json:"topic"`    // one of ScenarioTopics
	WhatIf   string `json:"what_if"`  // the situation
	Arranged string `json:"arranged"` // what was agreed or arranged for it
}

// Directive is a treatment directive: for one treatment, the decision,
// when and who agreed.
type Directive struct {
	Kind     string    `json:"kind"`            // one of DirectiveKinds
	Label    string    `json:"label,omitempty"` // names the treatment when Kind is "other"
	Decision string    `json:"decision"`        // one of DirectiveDecisions
	Detail   string    `json:"detail"`          // limits and explanation
	Date     time.Time `json:"date"`
	AgreedBy string    `json:"agreed_by"`
}

// Preference is a preferred place of care or of death.
type Preference struct {
	Place  string `json:"place"`  // one of Places
	Detail string `json:"detail"` // e.g. which hospice, or the family's words
}

// ACP is the proactive care planning section (after the IKNL PZP
// information standard).
type ACP struct {
	Conversations []Conversation `json:"conversations"`
	Scenarios     []Scenario     `json:"scenarios"`
	Directives    []Directive    `json:"directives"`
	PlaceOfCare   Preference     `json:"place_of_care"`
	PlaceOfDeath  Preference     `json:"place_of_death"`
	CareWishes    string         `json:"care_wishes"`
	Other         string         `json:"other"` // other important information
}

// Directive returns the directive of kind, or a zero one.
func (a *ACP) Directive(kind string) Directive {
	for _, d := range a.Directives {
		if d.Kind == kind {
			return d
		}
	}
	return Directive{Kind: kind, Decision: "not_discussed"}
}

// CarePlan is one version of a family's individual care plan. A saved
// change never overwrites: it adds the next version.
type CarePlan struct {
	FamilyID int64     `json:"-"`
	Version  int       `json:"-"`
	SavedAt  time.Time `json:"-"`
	SavedBy  Person    `json:"-"`
	// Changes names the parts that differ from the version before
	// ("created" for the first): "wishes", a dimension, "acp", "review".
	Changes []string `json:"-"`

	Template string        `json:"template"` // the template it started from
	Wishes   string        `json:"wishes"`   // the family's wishes, in their words
	Matters  string        `json:"matters"`  // what matters to them
	Sections []PlanSection `json:"sections"` // the five dimensions, in order
	ACP      ACP           `json:"acp"`

	ReviewMonths int       `json:"review_months"`
	ReviewDue    time.Time `json:"review_due"`
	DiscussedOn  time.Time `json:"discussed_on"` // last discussed with the family; zero when not yet
	NextItem     int       `json:"next_item"`    // numbers new item IDs
}

// Section returns the section of dimension d, or nil.
func (p *CarePlan) Section(d Dimension) *PlanSection {
	for i := range p.Sections {
		if p.Sections[i].Dimension == d {
			return &p.Sections[i]
		}
	}
	return nil
}

// ReviewOverdue reports whether the review date has passed on day.
func (p *CarePlan) ReviewOverdue(day time.Time) bool {
	return !p.ReviewDue.IsZero() && p.ReviewDue.Before(DateOf(day))
}

// newID hands out the next item ID.
func (p *CarePlan) newID() string {
	p.NextItem++
	return "i" + strconv.Itoa(p.NextItem)
}

// AssignIDs gives every unsaved item (empty ID) a stable ID.
func (p *CarePlan) AssignIDs() {
	for i := range p.Sections {
		s := &p.Sections[i]
		for _, items := range [][]PlanItem{s.Problems, s.Goals, s.Agreements} {
			for j := range items {
				if items[j].ID == "" {
					items[j].ID = p.newID()
				}
			}
		}
	}
	for j := range p.ACP.Conversations {
		if p.ACP.Conversations[j].ID == "" {
			p.ACP.Conversations[j].ID = p.newID()
		}
	}
	for j := range p.ACP.Scenarios {
		if p.ACP.Scenarios[j].ID == "" {
			p.ACP.Scenarios[j].ID = p.newID()
		}
	}
}

// PlanVersionInfo describes one saved version, without its content.
type PlanVersionInfo struct {
	Version int
	SavedAt time.Time
	SavedBy Person
	Changes []string
}

// PlanSummary is what the family page and the caseload show of the plan.
type PlanSummary struct {
	Version       int
	SavedAt       time.Time
	SavedBy       Person
	ReviewDue     time.Time
	DiscussedOn   time.Time
	OpenProposals int
}

// ReviewOverdue reports whether the review date has passed on day.
func (s *PlanSummary) ReviewOverdue(day time.Time) bool {
	return s != nil && !s.ReviewDue.IsZero() && s.ReviewDue.Before(DateOf(day))
}

// Proposal is a change a family member proposes to the plan; a case
// manager accepts it (it goes into the plan as a new version) or declines
// it with an answer. Both stay visible to the family.
type Proposal struct {
	ID         int64
	FamilyID   int64
	Section    string // one of ProposalSections
	Body       string
	ProposedBy Person
	ProposedAt time.Time
	Status     string // open, accepted, declined
	Answer     string
	AnsweredBy Person
	AnsweredAt time.Time
	Version    int // the plan version that took it in; 0 when none
}

// Proposal statuses.
const (
	ProposalOpen     = "open"
	ProposalAccepted = "accepted"
	ProposalDeclined = "declined"
)

// PlanTemplate is a starting point for a new plan: the organisation's own,
// or the default (ID 0). It holds no personal data.
type PlanTemplate struct {
	ID             int64
	OrganisationID int64
	Name           string
	ReviewMonths   int
	// Sections hold starting goals and agreements per dimension.
	Sections  []PlanSection
	Scenarios []string // scenario topics to think through
	UpdatedAt time.Time
	UpdatedBy Person
}

// DefaultTemplate is the built-in template: the five dimensions, the
// scenarios every family meets sooner or later, and every treatment
// directive marked "not discussed yet".
func DefaultTemplate() PlanTemplate {
	t := PlanTemplate{Name: "default", ReviewMonths: DefaultReviewMonths,
		Scenarios: []string{"school", "home", "adulthood", "deterioration", "end_of_life"}}
	for _, d := range Dimensions {
		t.Sections = append(t.Sections, PlanSection{Dimension: d})
	}
	return t
}

// NewPlan builds version 1 of a plan from a template, on day.
func NewPlan(familyID int64, t PlanTemplate, day time.Time) *CarePlan {
	months := t.ReviewMonths
	if months < 1 || months > MaxReviewMonths {
		months = DefaultReviewMonths
	}
	p := &CarePlan{FamilyID: familyID, Template: t.Name, ReviewMonths: months,
		ReviewDue: DateOf(day).AddDate(0, months, 0)}
	for _, d := range Dimensions {
		s := PlanSection{Dimension: d}
		for _, ts := range t.Sections {
			if ts.Dimension == d {
				s.Situation = ts.Situation
				s.Goals = copyItems(ts.Goals)
				s.Agreements = copyItems(ts.Agreements)
				s.Problems = copyItems(ts.Problems)
			}
		}
		p.Sections = append(p.Sections, s)
	}
	for _, topic := range t.Scenarios {
		p.ACP.Scenarios = append(p.ACP.Scenarios, Scenario{Topic: topic})
	}
	for _, k := range DirectiveKinds[:4] {
		p.ACP.Directives = append(p.ACP.Directives, Directive{Kind: k, Decision: "not_discussed"})
	}
	p.ACP.PlaceOfCare = Preference{Place: "not_discussed"}
	p.ACP.PlaceOfDeath = Preference{Place: "not_discussed"}
	p.AssignIDs()
	return p
}

func copyItems(items []PlanItem) []PlanItem {
	out := make([]PlanItem, len(items))
	for i, it := range items {
		out[i] = PlanItem{For: it.For, Text: it.Text, ICD10: it.ICD10}
	}
	return out
}

// ItemField names the form field of one part of a plan item, the same in
// the form and in validation errors: ItemField("goal", "i3", "text") is
// "goal_i3_text"; a new item has the id "new".
func ItemField(kind, id, part string) string {
	if id == "" {
		id = "new"
	}
	return kind + "_" + id + "_" + part
}
