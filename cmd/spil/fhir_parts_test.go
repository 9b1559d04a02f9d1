package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/fhir"
)

// TestFHIRPartsDemo: for every demo family, read as its case manager and
// as the providers with consent, a read of only the parts a resource type
// is made of (fhir.PartsFor) writes every resource of that type exactly as
// the whole file does, and no other of that type.
func TestFHIRPartsDemo(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) { testFHIRPartsDemo(t, d) })
	}
}

func testFHIRPartsDemo(t *testing.T, d database) {
	ctx := context.Background()
	s := demoStore(t, d)
	svc := care.NewService(s, nil)
	caseManagers, providers := demoReaders(t, s, svc)
	readers := append(caseManagers, providers...)
	if len(readers) < 7 {
		t.Fatalf("%d readers of demo families", len(readers))
	}
	for _, r := range readers {
		all, err := fhir.ReadFamily(ctx, svc, r.actor, r.fam, care.ActionExport)
		if care.ErrorCode(err) == care.NotFound && r.actor.Role == care.RoleProvider {
			continue // a link without consent in force
		}
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{}
		for _, e := range fhir.Export(all).Entry {
			typ := e.Resource.Header().ResourceType
			want[typ] = append(want[typ], fhirJSON(t, e.Resource))
		}
		for typ, resources := range want {
			in, err := fhir.ReadFamilyParts(ctx, svc, r.actor, r.fam, care.ActionRead, fhir.PartsFor(typ))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range fhir.Export(in).Entry {
				if e.Resource.Header().ResourceType == typ {
					got = append(got, fhirJSON(t, e.Resource))
				}
			}
			if len(got) != len(resources) {
				t.Errorf("%s of family %d as %s: %d from its parts, %d in the whole file", typ, r.fam, r.actor.Role, len(got), len(resources))
				continue
			}
			for i := range got {
				if got[i] != resources[i] {
					t.Errorf("%s of family %d as %s from its parts:\n%s\nin the whole file:\n%s", typ, r.fam, r.actor.Role, got[i], resources[i])
				}
			}
		}
	}
}

func fhirJSON(t *testing.T, r fhir.Resource) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
