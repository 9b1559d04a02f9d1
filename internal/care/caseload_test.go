package care

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSortCaseload(t *testing.T) {
	items := func() []CaseloadItem {
		return []CaseloadItem{
			{FamilyID: 1, ChildName: "Zoë", NextContact: day(2026, 6, 20)},
			{FamilyID: 2, ChildName: "bram"},
			{FamilyID: 3, ChildName: "Anna", NextContact: day(2026, 6, 20)},
			{FamilyID: 4, ChildName: "Daan", NextContact: day(2026, 6, 16)},
			{FamilyID: 5, ChildName: "Anna"},
			{FamilyID: 6, ChildName: "Cas"},
			{FamilyID: 7, ChildName: "anna", NextContact: day(2026, 7, 1)},
		}
	}
	tests := []struct {
		by   string
		want []int64
	}{
		// Soonest first, by name within a date; the unplanned last, by name.
		{"next", []int64{4, 3, 1, 7, 5, 2, 6}},
		{"", []int64{4, 3, 1, 7, 5, 2, 6}},
		{"bogus", []int64{4, 3, 1, 7, 5, 2, 6}},
		// By name ignoring case; equal names keep their order.
		{"name", []int64{3, 5, 7, 2, 6, 4, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.by, func(t *testing.T) {
			got := items()
			sortCaseload(got, tt.by)
			var ids []int64
			for _, it := range got {
				ids = append(ids, it.FamilyID)
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
	sortCaseload(nil, "next") // must not panic
}

func TestSimilarNames(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Sanne de Vries", "Sanne de Vries", true},
		{"Sanne de Vries", "sanne Jansen", true},       // first name
		{"Sanne de Vries", "Lotte de Vries", true},     // last word
		{"Sanne de Vries", "Lotte DE VRIES", true},     // case
		{"  Sanne   de Vries ", "SANNE", true},         // spacing
		{"Sanne", "sanne", true},                       // one word each
		{"Sanne de Vries", "Lotte Jansen", false},      // nothing shared
		{"Sanne de Vries", "Lotte de Jong", false},     // middle word only
		{"Sanne-Marie Bakker", "Sanne Bakkers", false}, // close is not the same
		{"", "Sanne", false},
		{"Sanne", "", false},
		{"   ", "   ", false},
		{"Élodie Martin", "élodie Dubois", true},
	}
	for _, tt := range tests {
		if got := SimilarNames(tt.a, tt.b); got != tt.want {
			t.Errorf("SimilarNames(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := SimilarNames(tt.b, tt.a); got != tt.want {
			t.Errorf("SimilarNames(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}
