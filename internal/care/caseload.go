package care

import (
	"sort"
	"strings"
)

// sortCaseload sorts by next contact (soonest first, unplanned last) or by name.
func sortCaseload(items []CaseloadItem, by string) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if by == "name" {
			return strings.ToLower(a.ChildName) < strings.ToLower(b.ChildName)
		}
		switch {
		case a.NextContact.IsZero() != b.NextContact.IsZero():
			return !a.NextContact.IsZero()
		case !a.NextContact.Equal(b.NextContact):
			return a.NextContact.Before(b.NextContact)
		}
		return strings.ToLower(a.ChildName) < strings.ToLower(b.ChildName)
	})
}
