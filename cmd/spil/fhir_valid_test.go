package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/fhir"
	"github.com/spil-zorg/spil/internal/fhir/fhirtest"
)

// TestFHIRDemoValid: the export of every demo family, as its case
// managers get it, and of every family a demo provider has consent for,
// as that provider gets it, validates resource by resource against the
// FHIR R4 schema and passes the profiles' binding checks: codes from the
// Nictiz and IKNL code lists, fixed values, required statuses, a profile
// on every resource and every reference resolving inside the Bundle.
func TestFHIRDemoValid(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) { testFHIRDemoValid(t, d) })
	}
}

func testFHIRDemoValid(t *testing.T, d database) {
	ctx := context.Background()
	s := demoStore(t, d)
	svc := care.NewService(s, nil)
	check := func(name string, b fhir.Bundle) {
		t.Helper()
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		fhirtest.CheckExport(t, name, data)
	}
	addNotes(t, s, svc)
	families := map[int64]bool{}
	caseManagers, linked := demoReaders(t, s, svc)
	for _, r := range caseManagers {
		if families[r.fam] {
			continue
		}
		families[r.fam] = true
		if r.child == "Thijs Bakker" {
			acceptTransition(t, svc, r.actor, r.fam)
		}
		b, err := fhir.ExportFamily(ctx, svc, r.actor, r.fam)
		if err != nil {
			t.Fatal(err)
		}
		check(r.email+" "+r.child, b)
	}
	if len(families) < 5 {
		t.Fatalf("%d demo families", len(families))
	}
	providers := 0
	for _, r := range linked {
		b, err := fhir.ExportFamily(ctx, svc, r.actor, r.fam)
		if care.ErrorCode(err) == care.NotFound {
			continue // no consent: nothing to export
		}
		if err != nil {
			t.Fatal(err)
		}
		providers++
		check(r.email+" "+r.child, b)
	}
	// The GP (consent for the file) and the home care nurse (consent for
	// the plan and network).
	if providers < 2 {
		t.Errorf("%d provider exports checked, want the two consented demo providers", providers)
	}
}
