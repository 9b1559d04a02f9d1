package form

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// The care plan forms name every field of a list item with
// care.ItemField(kind, id, part) — "goal_i3_text", "goal_new_text" — so the
// errors of care.CarePlan.Validate land next to the right field. The
// decoders read what was posted, independent of the stored plan: the item
// IDs come from the field names, so a form drawn again after an error or a
// conflict shows exactly what the user sent. The handlers merge the result
// into the current plan (MergeSection, MergeACP).

// MaxPlanItems bounds the items of one list that one form may send.
const MaxPlanItems = 200

// MaxPlanFormBytes bounds a care plan form: the ACP form alone holds up to
// a few dozen long texts.
const MaxPlanFormBytes = 1 << 20

// ItemKinds are the lists of a dimension.
var ItemKinds = []string{"problem", "goal", "agreement"}

// PostedIDs returns the IDs of the saved items of kind that the form sent
// (each has a kind_<id>_<part> field), in the order they were made. IDs
// are "i" and a number; anything else is not an item of the plan.
func PostedIDs(v url.Values, kind, part string) []string {
	type numbered struct {
		id string
		n  int
	}
	var found []numbered
	for name := range v {
		rest, ok := strings.CutPrefix(name, kind+"_")
		if !ok {
			continue
		}
		id, ok := strings.CutSuffix(rest, "_"+part)
		if !ok || !ValidItemID(id) {
			continue
		}
		n, _ := strconv.Atoi(id[1:])
		found = append(found, numbered{id, n})
	}
	slices.SortFunc(found, func(a, b numbered) int { return a.n - b.n })
	ids := make([]string, len(found))
	for i, f := range found {
		ids[i] = f.id
	}
	return ids
}

// decodeRows reads the rows of one list of a form: the saved items the
// form sent (by ID, see PostedIDs, which the first of parts identifies),
// less those ticked for removal, which go into removed, and then the new
// row when any of parts is filled in. More than MaxPlanItems saved rows is
// an error at the new row's first field.
func decodeRows[T any](v url.Values, kind string, parts []string, removed map[string]bool, errs Fields, decode func(id string) T) []T {
	ids := PostedIDs(v, kind, parts[0])
	if len(ids) > MaxPlanItems {
		errs[care.ItemField(kind, "", parts[0])] = "careplan.edit.too_many"
		ids = ids[:MaxPlanItems]
	}
	var out []T
	for _, id := range ids {
		if Checked(v, care.ItemField(kind, id, "remove")) {
			removed[id] = true
			continue
		}
		out = append(out, decode(id))
	}
	newRow := make([]string, len(parts))
	for i, part := range parts {
		newRow[i] = care.ItemField(kind, "", part)
	}
	if filled(v, newRow...) {
		out = append(out, decode(""))
	}
	return out
}

// ValidItemID reports whether s has the form of a saved item's ID.
func ValidItemID(s string) bool {
	digits, ok := strings.CutPrefix(s, "i")
	n, err := strconv.Atoi(digits)
	return ok && err == nil && n >= 0 && strconv.Itoa(n) == digits
}

// filled reports whether any of the named fields holds more than spaces:
// an empty "new" row is not an item.
func filled(v url.Values, names ...string) bool {
	for _, n := range names {
		if strings.TrimSpace(v.Get(n)) != "" {
			return true
		}
	}
	return false
}

// WishesForm is the family's voice as posted.
type WishesForm struct {
	Wishes, Matters string
}

func DecodeWishes(v url.Values) (WishesForm, Fields) {
	errs := Fields{}
	return WishesForm{
		Wishes:  Field(v, "wishes", care.MaxText, false, errs),
		Matters: Field(v, "matters", care.MaxText, false, errs),
	}, errs
}

func EncodeWishes(p *care.CarePlan) url.Values {
	return url.Values{"wishes": {p.Wishes}, "matters": {p.Matters}}
}

// DimensionForm is one dimension as posted: the section with the items the
// form sent and not removed (new ones with an empty ID, last), the IDs of
// items to remove, and the new action, nil when its row was left empty.
type DimensionForm struct {
	Section care.PlanSection
	Removed map[string]bool
	Action  *care.Task
}

// DecodeDimension reads the form of dimension d.
func DecodeDimension(v url.Values, d care.Dimension) (DimensionForm, Fields) {
	errs := Fields{}
	f := DimensionForm{Section: care.PlanSection{Dimension: d}, Removed: map[string]bool{}}
	f.Section.Situation = Field(v, "situation", care.MaxText, false, errs)
	lists := map[string]*[]care.PlanItem{"problem": &f.Section.Problems, "goal": &f.Section.Goals, "agreement": &f.Section.Agreements}
	for _, kind := range ItemKinds {
		*lists[kind] = decodeRows(v, kind, []string{"text", "icd10"}, f.Removed, errs,
			func(id string) care.PlanItem { return decodeItem(v, kind, id, errs) })
	}
	f.Action = decodeAction(v, d, f.Section.Goals, errs)
	return f, errs
}

// decodeItem reads one problem, goal or agreement; id "" is the new row.
func decodeItem(v url.Values, kind, id string, errs Fields) care.PlanItem {
	fn := func(part string) string { return care.ItemField(kind, id, part) }
	it := care.PlanItem{
		ID:   id,
		Text: Field(v, fn("text"), care.MaxShort, true, errs),
		For:  OneOf(v, fn("for"), care.PlanFor, true, errs),
	}
	if kind == "problem" {
		if code := Field(v, fn("icd10"), 20, false, errs); !errs.Has(fn("icd10")) {
			it.ICD10 = strings.ToUpper(code)
		}
	}
	if kind == "goal" {
		it.NeedsCare = v.Get(fn("needs_care")) != ""
	}
	return it
}

// decodeAction reads the new action of a dimension: a task for someone
// picked from the file, linked to the dimension and, optionally, to one of goals (care.NewGoal: the new goal
// of this form).
func decodeAction(v url.Values, d care.Dimension, goals []care.PlanItem, errs Fields) *care.Task {
	fn := func(part string) string { return care.ItemField("action", "", part) }
	if !filled(v, fn("title"), fn("due_date")) {
		return nil
	}
	t := &care.Task{
		Title:         Field(v, fn("title"), care.MaxShort, true, errs),
		Pick:          Owner(v, fn("owner"), errs),
		DueDate:       Date(v, fn("due_date"), errs),
		PlanDimension: d,
	}
	goal := strings.TrimSpace(v.Get(fn("goal")))
	switch {
	case goal == "":
	case goal == care.NewGoal:
		if len(goals) == 0 || goals[len(goals)-1].ID != "" {
			errs[fn("goal")] = "careplan.edit.no_new_goal"
		}
	case !ValidItemID(goal) || !slices.ContainsFunc(goals, func(g care.PlanItem) bool { return g.ID == goal }):
		errs[fn("goal")] = "field.choose"
	}
	if !errs.Has(fn("goal")) {
		t.PlanGoal = goal
	}
	return t
}

// EncodeDimension fills the form of a dimension from the plan; the new
// rows are for the child.
func EncodeDimension(sec *care.PlanSection) url.Values {
	v := url.Values{"situation": {sec.Situation}}
	for kind, items := range map[string][]care.PlanItem{"problem": sec.Problems, "goal": sec.Goals, "agreement": sec.Agreements} {
		v.Set(care.ItemField(kind, "", "for"), "child")
		for _, it := range items {
			v.Set(care.ItemField(kind, it.ID, "text"), it.Text)
			v.Set(care.ItemField(kind, it.ID, "for"), it.For)
			if kind == "problem" {
				v.Set(care.ItemField(kind, it.ID, "icd10"), it.ICD10)
			}
			if kind == "goal" && it.NeedsCare {
				v.Set(care.ItemField(kind, it.ID, "needs_care"), "1")
			}
		}
	}
	return v
}

// MergeSection puts a posted dimension into the current one: posted items
// replace theirs, removed ones go, items the form did not send stay (the
// form never drops what it did not show), new ones come last.
func MergeSection(cur care.PlanSection, f DimensionForm) care.PlanSection {
	out := cur
	out.Situation = f.Section.Situation
	id := func(it care.PlanItem) string { return it.ID }
	out.Problems = mergeByID(cur.Problems, f.Section.Problems, f.Removed, id)
	out.Goals = mergeByID(cur.Goals, f.Section.Goals, f.Removed, id)
	out.Agreements = mergeByID(cur.Agreements, f.Section.Agreements, f.Removed, id)
	return out
}

// mergeByID merges a posted list into the current one by item ID. Posted
// items with an ID the current list does not have are dropped: only a
// form of another version could send them, and that save is refused.
func mergeByID[T any](cur, posted []T, removed map[string]bool, id func(T) string) []T {
	byID := map[string]T{}
	for _, p := range posted {
		if id(p) != "" {
			byID[id(p)] = p
		}
	}
	var out []T
	for _, c := range cur {
		if removed[id(c)] {
			continue
		}
		if p, ok := byID[id(c)]; ok {
			out = append(out, p)
		} else {
			out = append(out, c)
		}
	}
	for _, p := range posted {
		if id(p) == "" {
			out = append(out, p)
		}
	}
	return out
}

// ACPForm is the proactive care planning section as posted, with the IDs
// of conversations and scenarios to remove.
type ACPForm struct {
	ACP     care.ACP
	Removed map[string]bool
}

// DecodeACP reads the proactive care planning form.
func DecodeACP(v url.Values) (ACPForm, Fields) {
	errs := Fields{}
	f := ACPForm{Removed: map[string]bool{}}
	a := &f.ACP
	a.Conversations = decodeRows(v, "conversation", []string{"participants", "date", "topics", "record"}, f.Removed, errs,
		func(id string) care.Conversation { return decodeConversation(v, id, errs) })
	a.Scenarios = decodeRows(v, "scenario", []string{"what_if", "topic", "arranged"}, f.Removed, errs,
		func(id string) care.Scenario { return decodeScenario(v, id, errs) })
	for _, kind := range care.DirectiveKinds {
		fn := func(part string) string { return care.ItemField("directive", kind, part) }
		d := care.Directive{
			Kind:     kind,
			Decision: OneOf(v, fn("decision"), care.DirectiveDecisions, true, errs),
			Detail:   Field(v, fn("detail"), care.MaxText, false, errs),
			Date:     Date(v, fn("date"), errs),
			AgreedBy: Field(v, fn("agreed_by"), care.MaxShort, false, errs),
		}
		if kind == "other" {
			d.Label = Field(v, fn("label"), care.MaxName, false, errs)
		}
		a.Directives = append(a.Directives, d)
	}
	a.PlaceOfCare = care.Preference{
		Place:  OneOf(v, "place_of_care", care.Places, true, errs),
		Detail: Field(v, "place_of_care_detail", care.MaxShort, false, errs),
	}
	a.PlaceOfDeath = care.Preference{
		Place:  OneOf(v, "place_of_death", care.Places, true, errs),
		Detail: Field(v, "place_of_death_detail", care.MaxShort, false, errs),
	}
	a.CareWishes = Field(v, "care_wishes", care.MaxText, false, errs)
	a.Other = Field(v, "other", care.MaxText, false, errs)
	return f, errs
}

func decodeConversation(v url.Values, id string, errs Fields) care.Conversation {
	fn := func(part string) string { return care.ItemField("conversation", id, part) }
	return care.Conversation{
		ID:           id,
		Date:         Date(v, fn("date"), errs),
		Participants: Field(v, fn("participants"), care.MaxShort, true, errs),
		Topics:       Field(v, fn("topics"), care.MaxText, false, errs),
		Record:       Field(v, fn("record"), care.MaxShort, false, errs),
	}
}

func decodeScenario(v url.Values, id string, errs Fields) care.Scenario {
	fn := func(part string) string { return care.ItemField("scenario", id, part) }
	return care.Scenario{
		ID:       id,
		Topic:    OneOf(v, fn("topic"), care.ScenarioTopics, true, errs),
		WhatIf:   Field(v, fn("what_if"), care.MaxText, false, errs),
		Arranged: Field(v, fn("arranged"), care.MaxText, false, errs),
	}
}

// EncodeACP fills the proactive care planning form from the plan.
func EncodeACP(a *care.ACP) url.Values {
	v := url.Values{}
	for _, c := range a.Conversations {
		fn := func(part string) string { return care.ItemField("conversation", c.ID, part) }
		v.Set(fn("date"), ISODate(c.Date))
		v.Set(fn("participants"), c.Participants)
		v.Set(fn("topics"), c.Topics)
		v.Set(fn("record"), c.Record)
	}
	for _, sc := range a.Scenarios {
		fn := func(part string) string { return care.ItemField("scenario", sc.ID, part) }
		v.Set(fn("topic"), sc.Topic)
		v.Set(fn("what_if"), sc.WhatIf)
		v.Set(fn("arranged"), sc.Arranged)
	}
	for _, kind := range care.DirectiveKinds {
		d := a.Directive(kind)
		fn := func(part string) string { return care.ItemField("directive", kind, part) }
		v.Set(fn("decision"), d.Decision)
		v.Set(fn("detail"), d.Detail)
		v.Set(fn("date"), ISODate(d.Date))
		v.Set(fn("agreed_by"), d.AgreedBy)
		if kind == "other" {
			v.Set(fn("label"), d.Label)
		}
	}
	for name, val := range map[string]string{
		"place_of_care": a.PlaceOfCare.Place, "place_of_care_detail": a.PlaceOfCare.Detail,
		"place_of_death": a.PlaceOfDeath.Place, "place_of_death_detail": a.PlaceOfDeath.Detail,
		"care_wishes": a.CareWishes, "other": a.Other,
	} {
		v.Set(name, val)
	}
	return v
}

// MergeACP puts a posted ACP form into the current section. A directive
// the plan does not have yet (the plan starts with four; "other" comes
// when needed) is only added once something is filled in, so opening and
// saving the form unchanged adds no version.
func MergeACP(cur care.ACP, f ACPForm) care.ACP {
	out := f.ACP
	out.Conversations = mergeByID(cur.Conversations, f.ACP.Conversations, f.Removed, func(c care.Conversation) string { return c.ID })
	out.Scenarios = mergeByID(cur.Scenarios, f.ACP.Scenarios, f.Removed, func(s care.Scenario) string { return s.ID })
	out.Directives = nil
	for _, d := range f.ACP.Directives {
		had := slices.ContainsFunc(cur.Directives, func(c care.Directive) bool { return c.Kind == d.Kind })
		if had || d != (care.Directive{Kind: d.Kind, Decision: "not_discussed"}) {
			out.Directives = append(out.Directives, d)
		}
	}
	return out
}

// ReviewForm is the review interval, the next review and the last
// discussion with the family, as posted; a zero Due means "the interval
// after the discussion".
type ReviewForm struct {
	Months      int
	Due         time.Time
	DiscussedOn time.Time
}

func DecodeReview(v url.Values) (ReviewForm, Fields) {
	errs := Fields{}
	f := ReviewForm{
		Months:      Number(v, "review_months", errs),
		Due:         Date(v, "review_due", errs),
		DiscussedOn: Date(v, "discussed_on", errs),
	}
	switch {
	case errs.Has("review_months"):
	case strings.TrimSpace(v.Get("review_months")) == "":
		errs["review_months"] = "field.required"
	case f.Months < 1 || f.Months > care.MaxReviewMonths:
		errs["review_months"] = "careplan.review_months_range"
	}
	return f, errs
}

func EncodeReview(p *care.CarePlan) url.Values {
	return url.Values{"review_months": {strconv.Itoa(p.ReviewMonths)}, "review_due": {ISODate(p.ReviewDue)},
		"discussed_on": {ISODate(p.DiscussedOn)}}
}

// DecodeStart reads the template a new plan starts from: 0 (or nothing)
// for the default, else the id of one of the organisation's templates.
func DecodeStart(v url.Values) (int64, Fields) {
	errs := Fields{}
	s := strings.TrimSpace(v.Get("template_id"))
	if s == "" || s == "0" {
		return 0, errs
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		errs["template_id"] = "field.choose"
		return 0, errs
	}
	return id, errs
}

// MaxTemplateLines bounds the starting goals or agreements of one
// dimension in a template.
const MaxTemplateLines = 30

// ForLabels maps what a template line may start with ("Ouders:") to whom
// the item is for: the stored values and their labels in both languages,
// in lower case.
type ForLabels map[string]string

// LabelsFor collects the ForLabels of the languages of trs.
func LabelsFor(trs ...Translator) ForLabels {
	m := ForLabels{}
	for _, tr := range trs {
		for _, f := range care.PlanFor {
			m[strings.ToLower(tr.T("careplan.for."+f))] = f
			m[f] = f
		}
	}
	return m
}

// DecodeTemplate reads a care plan template. Starting goals and agreements
// are one per line; a line that starts with whom it is for and a colon
// ("Ouders: …") is for them, any other line is for the child.
func DecodeTemplate(v url.Values, labels ForLabels) (care.PlanTemplate, Fields) {
	errs := Fields{}
	t := care.PlanTemplate{
		Name:         Field(v, "name", care.MaxName, true, errs),
		ReviewMonths: Number(v, "review_months", errs),
	}
	switch {
	case errs.Has("review_months"):
	case strings.TrimSpace(v.Get("review_months")) == "":
		errs["review_months"] = "field.required"
	case t.ReviewMonths < 1 || t.ReviewMonths > care.MaxReviewMonths:
		errs["review_months"] = "careplan.review_months_range"
	}
	for _, d := range care.Dimensions {
		t.Sections = append(t.Sections, care.PlanSection{
			Dimension:  d,
			Goals:      templateLines(v, "goals_"+string(d), labels, errs),
			Agreements: templateLines(v, "agreements_"+string(d), labels, errs),
		})
	}
	for _, topic := range care.ScenarioTopics {
		if Checked(v, "scenario_"+topic) {
			t.Scenarios = append(t.Scenarios, topic)
		}
	}
	return t, errs
}

func templateLines(v url.Values, name string, labels ForLabels, errs Fields) []care.PlanItem {
	raw := Field(v, name, MaxTemplateLines*(care.MaxShort+40), false, errs)
	if errs.Has(name) {
		return nil
	}
	var items []care.PlanItem
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		it := care.PlanItem{For: "child", Text: line}
		if who, rest, ok := strings.Cut(line, ":"); ok {
			if f, known := labels[strings.ToLower(strings.TrimSpace(who))]; known {
				it.For, it.Text = f, strings.TrimSpace(rest)
			}
		}
		items = append(items, it)
	}
	if len(items) > MaxTemplateLines {
		errs[name] = "careplan.tmpl.too_many_lines"
		return nil
	}
	return items
}

// EncodeTemplate fills the template form; tr names for whom an item is
// when it is not the child, or when the child's text itself starts like
// one of labels.
func EncodeTemplate(t *care.PlanTemplate, tr Translator, labels ForLabels) url.Values {
	v := url.Values{"name": {t.Name}, "review_months": {strconv.Itoa(t.ReviewMonths)}}
	lines := func(items []care.PlanItem) string {
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = it.Text
			who, _, ok := strings.Cut(it.Text, ":")
			if _, looksLikeOne := labels[strings.ToLower(strings.TrimSpace(who))]; it.For != "child" || ok && looksLikeOne {
				out[i] = tr.T("careplan.for."+it.For) + ": " + it.Text
			}
		}
		return strings.Join(out, "\n")
	}
	for _, s := range t.Sections {
		if care.ValidDimension(s.Dimension) {
			v.Set("goals_"+string(s.Dimension), lines(s.Goals))
			v.Set("agreements_"+string(s.Dimension), lines(s.Agreements))
		}
	}
	for _, topic := range t.Scenarios {
		v.Set("scenario_"+topic, "1")
	}
	return v
}

// DecodeProposal reads the form a family member proposes a change with.
func DecodeProposal(v url.Values) (care.Proposal, Fields) {
	errs := Fields{}
	p := care.Proposal{Section: strings.TrimSpace(v.Get("section"))}
	if !slices.Contains(care.ProposalSections, p.Section) {
		errs["section"] = "field.choose"
	}
	p.Body = Field(v, "body", care.MaxText, true, errs)
	return p, errs
}

// DecodeAnswer reads a case manager's answer to a proposal: accept or
// decline, and an answer that is required when declining, because the
// family reads why.
func DecodeAnswer(v url.Values) (accept bool, answer string, errs Fields) {
	errs = Fields{}
	decision := v.Get("decision")
	switch decision {
	case "accept":
		accept = true
	case "decline":
	default:
		errs["decision"] = "careplan.view.decision_missing"
	}
	answer = Field(v, "answer", care.MaxText, false, errs)
	if decision == "decline" && answer == "" && !errs.Has("answer") {
		errs["answer"] = "careplan.view.answer_required"
	}
	return accept, answer, errs
}
