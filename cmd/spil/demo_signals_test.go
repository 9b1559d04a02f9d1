package main

import (
	"context"
	"slices"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// checkDemoSignals checks the demo case manager's dashboard: signals from
// the demo data, of several kinds and severities, not the same one on
// every family, and families without any; an admitted child; Daan
// Hermans's mother sees a signal of her family in her own words.
func checkDemoSignals(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	kct := demoActor(t, s, kctEmail)
	d, err := svc.Dashboard(ctx, kct)
	if err != nil {
		t.Fatal(err)
	}
	items, err := svc.Caseload(ctx, kct, "", "")
	if err != nil {
		t.Fatal(err)
	}
	codes, severities, late := map[string]int{}, map[care.Severity]int{}, 0
	for _, f := range d.Families {
		if slices.ContainsFunc(f.Signals, func(sg care.Signal) bool { return sg.Code == care.CodeTasksOverdue }) {
			late++
		}
		for _, sg := range f.Signals {
			codes[sg.Code]++
			severities[sg.Severity]++
			t.Logf("%-22s %-8s %-28s %s", f.ChildName, sg.Severity, sg.Code, sg.Subject)
		}
	}
	t.Logf("%d families, %d with signals; codes %v", len(items), len(d.Families), codes)
	if len(codes) < 6 || len(severities) < 3 {
		t.Errorf("the demo dashboard shows %v, %v: want a varied set", codes, severities)
	}
	if len(d.Families) >= len(items) {
		t.Errorf("every one of %d families has a signal: want some in order", len(items))
	}
	if late >= len(items) {
		t.Errorf("all %d families have overdue tasks: the dashboard would say one thing", late)
	}
	if len(d.Admitted) == 0 {
		t.Error("no one admitted on the dashboard")
	}
	mother := demoActor(t, s, parentEmail)
	fams, err := svc.AccountFamilies(ctx, mother)
	if err != nil || len(fams) == 0 {
		t.Fatalf("the demo mother's families: %v, %v", fams, err)
	}
	ov, err := svc.FamilyView(ctx, mother, fams[0].FamilyID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ov.Signals) == 0 {
		t.Error("Daan's mother sees no signal of her family")
	}
}
