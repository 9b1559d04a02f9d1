package storetest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// testDirectory: entries round-trip with their capabilities, a search
// filters by kind, region, capability and age, capacity is set, and a
// network member added from an entry is linked to it within its own
// family only.
func testDirectory(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	by := care.Person{AccountID: f.caseManager}
	vlinder := &care.DirectoryEntry{Name: "Logeerhuis De Vlinder", Organisation: "Stichting Vlinder", Kind: care.ServiceRespite,
		Region: "midden", Address: "Laan 1, Zeist", Phone: "030 123 45 67", Email: "info@vlinder.example", Website: "https://vlinder.example",
		MinAge: 0, MaxAge: 18, Offers: "Logeren in het weekend", Capabilities: []string{care.CapTubeFeeding, care.CapOxygen},
		Capacity: care.CapacityAvailable, CapacityOn: day(2026, 2, 1), UpdatedAt: t0, UpdatedBy: by}
	hospice := &care.DirectoryEntry{Name: "Kinderhospice Binnenhof", Kind: care.ServiceHospice, Region: "midden", MaxAge: 23,
		Capabilities: []string{care.CapVentilation}, Capacity: care.CapacityUnknown, UpdatedAt: t0, UpdatedBy: by}
	noord := &care.DirectoryEntry{Name: "Logeerhuis Noord", Kind: care.ServiceRespite, Region: "noord", MinAge: 4, MaxAge: 12,
		Capacity: care.CapacityFull, UpdatedAt: t0, UpdatedBy: by}
	for _, e := range []*care.DirectoryEntry{vlinder, hospice, noord} {
		if err := s.SaveDirectoryEntry(ctx, e); err != nil || e.ID == 0 {
			t.Fatalf("SaveDirectoryEntry = %v, id %d", err, e.ID)
		}
	}
	got, err := s.DirectoryEntry(ctx, vlinder.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := *vlinder
	want.UpdatedBy.Name = got.UpdatedBy.Name
	if diff := cmp.Diff(want, *got); diff != "" || got.UpdatedBy.Name == "" {
		t.Errorf("entry (-want +got):\n%s", diff)
	}
	if _, err := s.DirectoryEntry(ctx, noord.ID+1000); !isNotFound(err) {
		t.Errorf("missing entry: %v, want NotFound", err)
	}
	ids := func(q care.DirectoryQuery) []int64 {
		t.Helper()
		es, err := s.DirectoryEntries(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	for _, c := range []struct {
		name string
		q    care.DirectoryQuery
		want []int64
	}{
		{"all, by name", care.DirectoryQuery{}, []int64{hospice.ID, vlinder.ID, noord.ID}},
		{"respite", care.DirectoryQuery{Need: care.ServiceRespite}, []int64{vlinder.ID, noord.ID}},
		{"respite in midden", care.DirectoryQuery{Need: care.ServiceRespite, Region: "midden"}, []int64{vlinder.ID}},
		{"respite for ventilation", care.DirectoryQuery{Need: care.ServiceRespite, Capability: care.CapVentilation}, nil},
		{"ventilation", care.DirectoryQuery{Capability: care.CapVentilation}, []int64{hospice.ID}},
		{"age 2", care.DirectoryQuery{Need: care.ServiceRespite, Age: 2, HasAge: true}, []int64{vlinder.ID}},
		{"age 12", care.DirectoryQuery{Need: care.ServiceRespite, Age: 12, HasAge: true}, []int64{vlinder.ID, noord.ID}},
	} {
		if diff := cmp.Diff(c.want, ids(c.q)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}

	// An update writes every field; capacity has its own write.
	hospice.Capabilities, hospice.Offers = nil, "Palliatieve zorg en respijt"
	if err := s.SaveDirectoryEntry(ctx, hospice); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 4, 23, 30, 0, 0, time.UTC) // 5 March in the Netherlands
	if err := s.SetDirectoryCapacity(ctx, hospice.ID, care.CapacityWaitlist, at, f.caseManager); err != nil {
		t.Fatal(err)
	}
	got, _ = s.DirectoryEntry(ctx, hospice.ID)
	if got.Capabilities != nil || got.Offers != "Palliatieve zorg en respijt" || got.Capacity != care.CapacityWaitlist ||
		!got.CapacityOn.Equal(day(2026, 3, 5)) {
		t.Errorf("updated entry = %+v", got)
	}
	if err := s.SetDirectoryCapacity(ctx, noord.ID+1000, care.CapacityFull, at, f.caseManager); !isNotFound(err) {
		t.Errorf("capacity of a missing entry: %v, want NotFound", err)
	}

	// A network member links to its entry, within its own family only.
	n := &care.NetworkMember{FamilyID: f.family, Name: vlinder.Name, Role: "hospice"}
	if err := s.SaveNetworkMember(ctx, n); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkNetworkMemberToDirectory(ctx, other.family, n.ID, vlinder.ID); !isNotFound(err) {
		t.Errorf("linking through another family: %v, want NotFound", err)
	}
	if err := s.LinkNetworkMemberToDirectory(ctx, f.family, n.ID, vlinder.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.NetworkDirectoryEntries(ctx, f.family); err != nil || !cmp.Equal(got, []int64{vlinder.ID}) {
		t.Errorf("NetworkDirectoryEntries = %v, %v", got, err)
	}
	if got, err := s.NetworkDirectoryEntries(ctx, other.family); err != nil || len(got) != 0 {
		t.Errorf("other family's entries = %v, %v", got, err)
	}
	// A member whose involvement ended no longer counts.
	n.EndedOn = day(2026, 3, 1)
	if err := s.SaveNetworkMember(ctx, n); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.NetworkDirectoryEntries(ctx, f.family); len(got) != 0 {
		t.Errorf("entries after the member ended = %v", got)
	}
}

// testRegionalNeeds: coverage items are counted per region of the
// family's organisation and kind, served or not on the day; a deceased
// child's and an organisation without a region are not counted.
func testRegionalNeeds(t *testing.T, s Store) {
	ctx := context.Background()
	a, b, c := newAccessFixture(t, s), newAccessFixture(t, s), newAccessFixture(t, s)
	if _, got, err := s.OrganisationRegion(ctx, a.org); err != nil || got != "" {
		t.Fatalf("region before = %q, %v", got, err)
	}
	for _, f := range []accessFixture{a, b} {
		if err := s.SetOrganisationRegion(ctx, f.org, "midden"); err != nil {
			t.Fatal(err)
		}
	}
	if _, got, err := s.OrganisationRegion(ctx, a.org); err != nil || got != "midden" {
		t.Fatalf("region = %q, %v", got, err)
	}
	if err := s.SetOrganisationRegion(ctx, c.org+1000, "noord"); !isNotFound(err) {
		t.Errorf("region of a missing organisation: %v", err)
	}
	today := day(2026, 3, 10)
	add := func(f accessFixture, kind string, provider bool, p care.CoveragePeriod) {
		t.Helper()
		item := &care.CoverageItem{FamilyID: f.family, Kind: kind, Applicant: "casemanager", CreatedAt: t0, CreatedBy: care.Person{AccountID: f.caseManager}}
		if provider {
			item.NetworkMemberID = f.network
		}
		p.CreatedAt, p.CreatedBy = t0, item.CreatedBy
		if err := s.CreateCoverageItem(ctx, item, &p); err != nil {
			t.Fatal(err)
		}
	}
	running := care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, Start: day(2026, 1, 1), End: day(2026, 12, 31)}
	lapsed := care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, Start: day(2025, 1, 1), End: day(2026, 3, 9)}
	applied := care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageApplied, Start: day(2026, 4, 1)}
	add(a, "respite", true, running)  // served
	add(a, "respite", false, running) // no provider
	add(b, "respite", true, applied)  // not granted
	add(b, "home_nursing", true, lapsed)
	add(c, "respite", false, applied) // no region
	got, err := s.RegionalNeeds(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []care.RegionalNeed{
		{Region: "midden", CoverageKind: "home_nursing", Served: false, Count: 1},
		{Region: "midden", CoverageKind: "respite", Served: false, Count: 2},
		{Region: "midden", CoverageKind: "respite", Served: true, Count: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RegionalNeeds (-want +got):\n%s", diff)
	}
	// A deceased child's needs are not counted.
	if err := s.ExecRaw(ctx, "UPDATE families SET deceased = TRUE WHERE id = "+strconv.FormatInt(b.family, 10)); err != nil {
		t.Fatal(err)
	}
	got, _ = s.RegionalNeeds(ctx, today)
	want = []care.RegionalNeed{{Region: "midden", CoverageKind: "respite", Served: false, Count: 1},
		{Region: "midden", CoverageKind: "respite", Served: true, Count: 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RegionalNeeds without the deceased child (-want +got):\n%s", diff)
	}
}

// testIntensityChanges: the family's changes, newest first, and none of
// another family's.
func testIntensityChanges(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	c := &care.IntensityChange{FamilyID: f.family, Intensity: care.Intensive, Reason: "Opname", ChangedAt: t0.Add(time.Hour),
		ChangedBy: care.Person{AccountID: f.caseManager}}
	if err := s.AddIntensityChange(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.IntensityChanges(ctx, f.family)
	if err != nil || len(got) != 2 || got[0].Intensity != care.Intensive || got[0].Reason != "Opname" || !got[0].ChangedAt.Equal(c.ChangedAt) {
		t.Fatalf("IntensityChanges = %+v, %v", got, err)
	}
	if got, _ := s.IntensityChanges(ctx, other.family); len(got) != 1 || got[0].FamilyID != other.family {
		t.Errorf("other family's changes = %+v", got)
	}
}

// testRegionalPlanGaps: the goals of a living child's current care plan
// that need funded care are counted per region unless an item running or
// being arranged serves them; a stopped item serves nothing, and a
// deceased child's plan is not counted.
func testRegionalPlanGaps(t *testing.T, s Store) {
	ctx := context.Background()
	a, b := newAccessFixture(t, s), newAccessFixture(t, s)
	for _, f := range []accessFixture{a, b} {
		if err := s.SetOrganisationRegion(ctx, f.org, "oost"); err != nil {
			t.Fatal(err)
		}
		p := fullPlan(f.family, f.caseManager, 1)
		// Three goals need funded care: g0, g1 and g2.
		for i := range p.Sections[:3] {
			p.Sections[i].Goals[0].NeedsCare = true
		}
		if err := s.SaveCarePlan(ctx, p, 0); err != nil {
			t.Fatal(err)
		}
	}
	today := day(2026, 3, 10)
	add := func(f accessFixture, goals []string, p care.CoveragePeriod) {
		t.Helper()
		by := care.Person{AccountID: f.caseManager}
		item := &care.CoverageItem{FamilyID: f.family, Kind: "respite", Applicant: "casemanager", Goals: goals, CreatedAt: t0, CreatedBy: by}
		p.CreatedAt, p.CreatedBy = t0, by
		if err := s.CreateCoverageItem(ctx, item, &p); err != nil {
			t.Fatal(err)
		}
	}
	// A: g0 served by a running item, g1 by one being applied for, g2 by
	// one refused: one gap. B: nothing: three gaps.
	add(a, []string{"g0"}, care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, Start: day(2026, 1, 1)})
	add(a, []string{"g1"}, care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageApplied, Start: day(2026, 4, 1)})
	add(a, []string{"g2"}, care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageRefused, Start: day(2026, 1, 1)})
	got, err := s.RegionalPlanGaps(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]care.RegionalNeed{{Region: "oost", Count: 4}}, got); diff != "" {
		t.Errorf("RegionalPlanGaps (-want +got):\n%s", diff)
	}
	if err := s.ExecRaw(ctx, "UPDATE families SET deceased = TRUE WHERE id = "+strconv.FormatInt(b.family, 10)); err != nil {
		t.Fatal(err)
	}
	got, _ = s.RegionalPlanGaps(ctx, today)
	if diff := cmp.Diff([]care.RegionalNeed{{Region: "oost", Count: 1}}, got); diff != "" {
		t.Errorf("RegionalPlanGaps without the deceased child (-want +got):\n%s", diff)
	}
}
