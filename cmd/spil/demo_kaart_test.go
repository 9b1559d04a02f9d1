package main

import (
	"context"
	"slices"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// checkDemoJourney checks, through the care service, that Daan's timeline
// shows his stays, his financing and what happened, and that the
// coordinator's white spots of the demo region name respite for children
// on ventilation, with Noor's need for it counted (not named).
func checkDemoJourney(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	kct := demoActor(t, s, kctEmail)
	items, err := svc.Caseload(ctx, kct, "Daan", "")
	if err != nil || len(items) != 1 {
		t.Fatalf("Daan on the caseload: %+v, %v", items, err)
	}
	tf, err := svc.Timeline(ctx, kct, care.ViewCaseFile, items[0].FamilyID)
	if err != nil {
		t.Fatal(err)
	}
	tl := tf.Timeline
	kinds := map[string]bool{}
	for _, m := range tl.Marks {
		kinds[m.Kind] = true
	}
	if len(tl.Places) < 5 || len(tl.Financing) < 2 || !kinds[care.MarkReferral] || !kinds[care.MarkPlan] || !kinds[care.MarkIntensity] {
		t.Errorf("Daan's timeline: %d places, %d financing, marks %v", len(tl.Places), len(tl.Financing), kinds)
	}

	rep, err := svc.WhiteSpots(ctx, demoActor(t, s, coordinatorEmail))
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(rep.Regions, func(r care.RegionWhiteSpots) bool { return r.Region == "noordwest" })
	if i < 0 {
		t.Fatalf("white spots %+v: no demo region", rep.Regions)
	}
	w := rep.Regions[i]
	if !slices.Contains(w.MissingCapabilities, care.KindCapability{Kind: care.ServiceRespite, Capability: care.CapVentilation}) {
		t.Errorf("white spots of the demo region %+v: want respite without ventilation", w.MissingCapabilities)
	}
	if !slices.ContainsFunc(w.Unserved, func(n care.NeedCount) bool { return n.Kind == care.ServiceRespite && n.Unserved >= 1 }) {
		t.Errorf("unserved needs %+v: want Noor's respite", w.Unserved)
	}
	if w.PlanGaps < 1 {
		t.Errorf("plan gaps of the demo region: %d, want Noor's day care", w.PlanGaps)
	}
	res, err := svc.SearchDirectory(ctx, kct, care.DirectoryQuery{Need: care.ServiceRespite}, true)
	if err != nil || len(res.Entries) != 2 || res.Query.Region != "noordwest" {
		t.Errorf("respite in the own region: %+v, %v", res, err)
	}
}
