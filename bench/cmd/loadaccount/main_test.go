package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spil-zorg/spil/internal/store"
)

func TestPick(t *testing.T) {
	loads := []store.CaseManagerLoad{
		{AccountID: 1, Organisation: "B", Families: 10},
		{AccountID: 2, Organisation: "B", Families: 60},
		{AccountID: 3, Organisation: "A", Families: 55},
		{AccountID: 4, Organisation: "A", Families: 0},
		{AccountID: 5, Organisation: "B", Families: 60},
		{AccountID: 6, Organisation: "A", Families: 12},
		{AccountID: 7, Organisation: "C", Families: 0},
	}
	ids := func(ls []store.CaseManagerLoad) []int64 {
		var out []int64
		for _, l := range ls {
			out = append(out, l.AccountID)
		}
		return out
	}
	tests := []struct {
		n    int
		want []int64
	}{
		// Round by round one per organisation, by name; the largest
		// caseload first, the lower id on a tie; none without families.
		{1, []int64{3}},
		{3, []int64{3, 2, 6}},
		{10, []int64{3, 2, 6, 5, 1}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, ids(pick(loads, tt.n))); diff != "" {
			t.Errorf("pick(%d) (-want +got):\n%s", tt.n, diff)
		}
	}
	if got := pick(nil, 5); len(got) != 0 {
		t.Errorf("pick of no case managers = %v", got)
	}
}
