package care

import (
	"slices"
	"strconv"
	"time"
)

// DiffRow is one value of the plan in two versions, side by side.
type DiffRow struct {
	Section string // "wishes", a dimension, "acp" or "review"
	Label   string // catalog key of what the value is
	Code    string // catalog prefix when A and B are codes (e.g. "careplan.for."), "" for text
	A, B    string
	Change  string // "" (same), "changed", "added" or "removed"
}

// Row changes.
const (
	Changed = "changed"
	Added   = "added"
	Removed = "removed"
)

type flatRow struct {
	key string
	row DiffRow
}

// ComparePlans sets two versions side by side, value by value: items are
// paired by their stable IDs, so an edited goal shows as changed, not as
// one removed and one added. Values empty in both are left out.
func ComparePlans(a, b *CarePlan) []DiffRow {
	ra, rb := flatten(a), flatten(b)
	inA := map[string]int{}
	for i, r := range ra {
		inA[r.key] = i
	}
	// Keep a's order; put b's new values after the value before them in b.
	order := make([]string, 0, len(ra)+len(rb))
	for _, r := range ra {
		order = append(order, r.key)
	}
	last := -1
	for _, r := range rb {
		if _, ok := inA[r.key]; ok {
			last = slices.Index(order, r.key)
			continue
		}
		last++
		order = slices.Insert(order, last, r.key)
	}
	byKey := map[string]DiffRow{}
	for _, r := range ra {
		r.row.B = ""
		byKey[r.key] = r.row
	}
	for _, r := range rb {
		row, ok := byKey[r.key]
		if !ok {
			row = r.row
			row.A = ""
		}
		row.B = r.row.B
		byKey[r.key] = row
	}
	var out []DiffRow
	for _, k := range order {
		row := byKey[k]
		if row.A == "" && row.B == "" {
			continue
		}
		switch {
		case row.A == row.B:
		case row.A == "":
			row.Change = Added
		case row.B == "":
			row.Change = Removed
		default:
			row.Change = Changed
		}
		out = append(out, row)
	}
	return out
}

// PlanChanges names the parts of next that differ from prev, in plan
// order; "created" when there is no prev.
func PlanChanges(prev, next *CarePlan) []string {
	if prev == nil {
		return []string{"created"}
	}
	var out []string
	for _, r := range ComparePlans(prev, next) {
		if r.Change != "" && (len(out) == 0 || out[len(out)-1] != r.Section) {
			out = append(out, r.Section)
		}
	}
	return out
}

// dutchDate writes a date the Dutch way, or "" for none.
func dutchDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2-1-2006")
}

// flatten lists every value of a plan with a key that is the same in every
// version: the part, the item ID and the field.
func flatten(p *CarePlan) []flatRow {
	var rows []flatRow
	add := func(section, key, label, code, v string) {
		rows = append(rows, flatRow{key: section + "/" + key, row: DiffRow{Section: section, Label: label, Code: code, A: v, B: v}})
	}
	add("wishes", "wishes", "careplan.wishes", "", p.Wishes)
	add("wishes", "matters", "careplan.matters", "", p.Matters)
	for _, s := range p.Sections {
		sec := string(s.Dimension)
		add(sec, "situation", "careplan.situation", "", s.Situation)
		for _, kind := range []struct {
			name  string
			items []PlanItem
		}{{"problem", s.Problems}, {"goal", s.Goals}, {"agreement", s.Agreements}} {
			for _, it := range kind.items {
				k := kind.name + "/" + it.ID
				add(sec, k+"/text", "careplan."+kind.name, "", it.Text)
				add(sec, k+"/for", "careplan.for", "careplan.for.", it.For)
				add(sec, k+"/icd10", "careplan.icd10", "", it.ICD10)
				if it.NeedsCare {
					add(sec, k+"/needs_care", "coverage_view.needs_care", "coverage_view.needs_care_value.", "yes")
				}
			}
		}
		for _, a := range s.Actions {
			k := "action/" + strconv.FormatInt(a.TaskID, 10)
			add(sec, k+"/title", "careplan.action", "", a.Title)
			add(sec, k+"/owner", "careplan.action_owner", "task.owner.", a.OwnerKind)
			add(sec, k+"/owner_name", "careplan.action_owner_name", "", a.OwnerName)
			add(sec, k+"/due", "careplan.action_due", "", dutchDate(a.DueDate))
			add(sec, k+"/status", "careplan.action_status", "careplan.status.", a.Status)
		}
	}
	a := &p.ACP
	for _, c := range a.Conversations {
		k := "conversation/" + c.ID
		add("acp", k+"/date", "careplan.conversation_date", "", dutchDate(c.Date))
		add("acp", k+"/participants", "careplan.participants", "", c.Participants)
		add("acp", k+"/topics", "careplan.topics", "", c.Topics)
		add("acp", k+"/record", "careplan.record", "", c.Record)
	}
	for _, sc := range a.Scenarios {
		k := "scenario/" + sc.ID
		add("acp", k+"/topic", "careplan.scenario", "careplan.topic.", sc.Topic)
		add("acp", k+"/what_if", "careplan.what_if", "", sc.WhatIf)
		add("acp", k+"/arranged", "careplan.arranged", "", sc.Arranged)
	}
	for _, d := range a.Directives {
		k := "directive/" + d.Kind
		add("acp", k+"/label", "careplan.directive_label", "", d.Label)
		add("acp", k+"/decision", "careplan.directive."+d.Kind, "careplan.decision.", d.Decision)
		add("acp", k+"/detail", "careplan.directive_detail", "", d.Detail)
		add("acp", k+"/date", "careplan.directive_date", "", dutchDate(d.Date))
		add("acp", k+"/agreed_by", "careplan.agreed_by", "", d.AgreedBy)
	}
	add("acp", "place_of_care", "careplan.place_of_care", "careplan.place.", a.PlaceOfCare.Place)
	add("acp", "place_of_care_detail", "careplan.place_detail", "", a.PlaceOfCare.Detail)
	add("acp", "place_of_death", "careplan.place_of_death", "careplan.place.", a.PlaceOfDeath.Place)
	add("acp", "place_of_death_detail", "careplan.place_detail", "", a.PlaceOfDeath.Detail)
	add("acp", "care_wishes", "careplan.care_wishes", "", a.CareWishes)
	add("acp", "other", "careplan.other", "", a.Other)
	add("review", "review_months", "careplan.review_months", "", strconv.Itoa(p.ReviewMonths))
	add("review", "review_due", "careplan.review_due", "", dutchDate(p.ReviewDue))
	add("review", "discussed_on", "careplan.discussed_on", "", dutchDate(p.DiscussedOn))
	return rows
}
