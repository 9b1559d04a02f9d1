package main

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/store"
)

// demoTaskCount is how many tasks a demo family's file holds: its own,
// and the actions agreed in its meetings.
func demoTaskCount(d demo.Family) int {
	n := len(d.Tasks)
	for _, m := range d.Meetings {
		n += len(m.Actions)
	}
	return n
}

// checkDemoMeetings: Noor Kramer has the warm handoff ahead with the GP,
// the home-care nurse, the paediatrician and both parents, and a review
// held with minutes, decisions and actions that became tasks, as the KCT
// case manager reads them through the care service.
func checkDemoMeetings(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	kct := demoActor(t, s, kctEmail)
	items, err := svc.Caseload(ctx, kct, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var noor int64
	for _, it := range items {
		if it.ChildName == "Noor Kramer" {
			noor = it.FamilyID
		}
	}
	ml, err := svc.Meetings(ctx, kct, care.ViewCaseFile, noor)
	if err != nil || len(ml.Upcoming) != 1 || len(ml.Past) != 1 {
		t.Fatalf("Noor's meetings = %+v, %v", ml, err)
	}
	ahead, held := ml.Upcoming[0], ml.Past[0]
	if ahead.Purpose != care.PurposeWarmHandoff || len(ahead.Participants) != 5 || ahead.HasReport() {
		t.Errorf("the warm handoff ahead: %+v", ahead)
	}
	declined := 0
	for _, p := range held.Participants {
		if p.Declined {
			declined++
		}
	}
	if !held.HasReport() || len(held.Decisions) != 2 || len(held.Actions) != 3 || declined != 1 {
		t.Errorf("the review held: %+v", held)
	}
}
