package care

import "time"

// Validate checks a whole plan before it is saved. Errors are keyed by the
// form field (see ItemField), so each form shows the ones that are its own.
// today bounds the dates; birth, when set, is the earliest date of a
// conversation.
func (p *CarePlan) Validate(today, birth time.Time) error {
	fe := FieldErrors{}
	today = DateOf(today)
	text(fe, "wishes", p.Wishes, MaxText, false)
	text(fe, "matters", p.Matters, MaxText, false)
	if len(p.Sections) != len(Dimensions) {
		fe["sections"] = "careplan.sections_missing"
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		if !ValidDimension(s.Dimension) || (i < len(Dimensions) && s.Dimension != Dimensions[i]) {
			fe["sections"] = "careplan.sections_missing"
		}
		text(fe, "situation", s.Situation, MaxText, false)
		items(fe, "problem", s.Problems, true)
		items(fe, "goal", s.Goals, false)
		items(fe, "agreement", s.Agreements, false)
	}
	a := &p.ACP
	for _, c := range a.Conversations {
		f := func(part string) string { return ItemField("conversation", c.ID, part) }
		switch {
		case c.Date.IsZero():
			fe[f("date")] = "field.required"
		case c.Date.After(today):
			fe[f("date")] = "date.future"
		case !birth.IsZero() && c.Date.Before(DateOf(birth)):
			fe[f("date")] = "careplan.before_birth"
		}
		text(fe, f("participants"), c.Participants, MaxShort, true)
		text(fe, f("topics"), c.Topics, MaxText, false)
		text(fe, f("record"), c.Record, MaxShort, false)
	}
	for _, sc := range a.Scenarios {
		f := func(part string) string { return ItemField("scenario", sc.ID, part) }
		oneOf(fe, f("topic"), sc.Topic, ScenarioTopics...)
		text(fe, f("what_if"), sc.WhatIf, MaxText, false)
		text(fe, f("arranged"), sc.Arranged, MaxText, false)
	}
	seen := map[string]bool{}
	for _, d := range a.Directives {
		f := func(part string) string { return ItemField("directive", d.Kind, part) }
		oneOf(fe, f("kind"), d.Kind, DirectiveKinds...)
		if seen[d.Kind] {
			fe[f("kind")] = "careplan.directive_twice"
		}
		seen[d.Kind] = true
		oneOf(fe, f("decision"), d.Decision, DirectiveDecisions...)
		text(fe, f("label"), d.Label, MaxName, d.Kind == "other" && d.Decision != "not_discussed")
		text(fe, f("detail"), d.Detail, MaxText, false)
		text(fe, f("agreed_by"), d.AgreedBy, MaxShort, d.Decision != "not_discussed" && d.Decision != "")
		switch {
		case d.Decision != "not_discussed" && d.Decision != "" && d.Date.IsZero():
			fe[f("date")] = "field.required"
		case d.Date.After(today):
			fe[f("date")] = "date.future"
		}
	}
	preference(fe, "place_of_care", a.PlaceOfCare)
	preference(fe, "place_of_death", a.PlaceOfDeath)
	text(fe, "care_wishes", a.CareWishes, MaxText, false)
	text(fe, "other", a.Other, MaxText, false)

	if p.ReviewMonths < 1 || p.ReviewMonths > MaxReviewMonths {
		fe["review_months"] = "careplan.review_months_range"
	}
	switch {
	case p.ReviewDue.IsZero():
		fe["review_due"] = "field.required"
	case p.ReviewDue.After(today.AddDate(2, 0, 0)):
		fe["review_due"] = "careplan.review_too_far"
	case !p.DiscussedOn.IsZero() && p.ReviewDue.Before(p.DiscussedOn):
		fe["review_due"] = "careplan.review_before_discussed"
	}
	notFuture(fe, "discussed_on", p.DiscussedOn, today)
	if !p.DiscussedOn.IsZero() && !birth.IsZero() && p.DiscussedOn.Before(DateOf(birth)) {
		fe["discussed_on"] = "careplan.before_birth"
	}
	return fe.OrNil()
}

func items(fe FieldErrors, kind string, list []PlanItem, icd bool) {
	for _, it := range list {
		text(fe, ItemField(kind, it.ID, "text"), it.Text, MaxShort, true)
		oneOf(fe, ItemField(kind, it.ID, "for"), it.For, PlanFor...)
		if icd && it.ICD10 != "" && !ValidICD10(it.ICD10) {
			fe[ItemField(kind, it.ID, "icd10")] = "family.icd10_invalid"
		}
	}
}

func preference(fe FieldErrors, field string, p Preference) {
	oneOf(fe, field, p.Place, Places...)
	text(fe, field+"_detail", p.Detail, MaxShort, p.Place == "other")
}

// Validate checks a proposal from the family.
func (p *Proposal) Validate() error {
	fe := FieldErrors{}
	oneOf(fe, "section", p.Section, ProposalSections...)
	text(fe, "body", p.Body, MaxText, true)
	return fe.OrNil()
}

// Validate checks a template: a name, the review interval and its items.
func (t *PlanTemplate) Validate() error {
	fe := FieldErrors{}
	text(fe, "name", t.Name, MaxName, true)
	if t.ReviewMonths < 1 || t.ReviewMonths > MaxReviewMonths {
		fe["review_months"] = "careplan.review_months_range"
	}
	for _, s := range t.Sections {
		if !ValidDimension(s.Dimension) {
			fe["sections"] = "careplan.sections_missing"
		}
		for _, it := range s.Goals {
			text(fe, "goals_"+string(s.Dimension), it.Text, MaxShort, true)
			oneOf(fe, "goals_"+string(s.Dimension), it.For, PlanFor...)
		}
		for _, it := range s.Agreements {
			text(fe, "agreements_"+string(s.Dimension), it.Text, MaxShort, true)
			oneOf(fe, "agreements_"+string(s.Dimension), it.For, PlanFor...)
		}
	}
	for _, sc := range t.Scenarios {
		oneOf(fe, "scenarios", sc, ScenarioTopics...)
	}
	return fe.OrNil()
}
