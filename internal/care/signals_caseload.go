package care

import (
	"context"
	"sort"
	"strings"
	"time"
)

// The caseload filters by signal: instead of a badge on every row, the
// case manager picks what to look at.
const (
	FilterOverdueTasks   = "overdue_tasks"
	FilterReviewDue      = "review_due"
	FilterCoverageEnding = "coverage_ending"
	FilterAdmitted       = "admitted"
)

// CaseloadFilters lists the filters in the order the caseload offers them.
var CaseloadFilters = []string{FilterOverdueTasks, FilterReviewDue, FilterCoverageEnding, FilterAdmitted}

// Matches reports whether the row passes the filter on day; "" passes
// every row.
func (it *CaseloadItem) Matches(filter string, day time.Time) bool {
	switch filter {
	case FilterOverdueTasks:
		return it.Overdue > 0
	case FilterReviewDue:
		return it.PlanReviewOverdue(day)
	case FilterCoverageEnding:
		return it.Coverage.Ending+it.Coverage.Lapsed+it.Coverage.ObjectionsDue > 0
	case FilterAdmitted:
		return it.Admitted()
	}
	return filter == ""
}

// Attention counts the filters the row passes on day: how much asks for
// the case manager's attention.
func (it *CaseloadItem) Attention(day time.Time) int {
	n := 0
	for _, f := range CaseloadFilters {
		if it.Matches(f, day) {
			n++
		}
	}
	return n
}

// FilterCaseload keeps the rows that pass filter on day.
func FilterCaseload(items []CaseloadItem, filter string, day time.Time) []CaseloadItem {
	if filter == "" {
		return items
	}
	var out []CaseloadItem
	for _, it := range items {
		if it.Matches(filter, day) {
			out = append(out, it)
		}
	}
	return out
}

// CountCaseload counts, per filter, the rows that pass it on day.
func CountCaseload(items []CaseloadItem, day time.Time) map[string]int {
	out := map[string]int{}
	for i := range items {
		for _, f := range CaseloadFilters {
			if items[i].Matches(f, day) {
				out[f]++
			}
		}
	}
	return out
}

// SortByAttention orders the rows with the most needing attention first,
// then by name.
func SortByAttention(items []CaseloadItem, day time.Time) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].Attention(day), items[j].Attention(day)
		if a != b {
			return a > b
		}
		return strings.ToLower(items[i].ChildName) < strings.ToLower(items[j].ChildName)
	})
}

// caseloadTopSignals gives each row its family's most urgent signal not
// snoozed or dismissed, from the same grouped read as the dashboard.
func caseloadTopSignals(ctx context.Context, st Store, actor Actor, now time.Time, items []CaseloadItem) error {
	signals, _, err := scopeSignals(ctx, st, actor.OrganisationID, SignalScope{AccountID: actor.AccountID}, now)
	if err != nil {
		return err
	}
	top := map[int64]*Signal{}
	for i := range signals {
		if sg := &signals[i]; sg.Ack == nil && top[sg.FamilyID] == nil {
			top[sg.FamilyID] = sg
		}
	}
	for i := range items {
		items[i].Signal = top[items[i].FamilyID]
	}
	return nil
}
