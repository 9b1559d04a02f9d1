package care_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// TestWhiteSpots: in a region with respite that takes no child on
// ventilation, that gap is named; kinds with no service are listed;
// needs are counted per kind of service, only where some went unserved;
// care plan goals without coverage are counted apart; a region with
// neither entries nor needs is left out.
func TestWhiteSpots(t *testing.T) {
	all := care.ServiceCapabilities
	entries := []care.DirectoryEntry{
		{Region: "midden", Kind: care.ServiceRespite, Capabilities: []string{care.CapTubeFeeding, care.CapOxygen, care.CapEpilepsy}},
		{Region: "midden", Kind: care.ServiceRespite, Capabilities: []string{care.CapNightCare}},
		{Region: "midden", Kind: care.ServiceHospice, Capabilities: all},
		{Region: "midden", Kind: care.ServicePsychologist},
		{Region: "noord", Kind: care.ServiceHomeCare, Capabilities: all},
	}
	needs := []care.RegionalNeed{
		{Region: "midden", CoverageKind: "respite", Count: 3},
		{Region: "midden", CoverageKind: "respite", Served: true, Count: 4},
		{Region: "midden", CoverageKind: "psychosocial", Served: true, Count: 2},
		{Region: "midden", CoverageKind: "night_care", Count: 1},
		{Region: "midden", CoverageKind: "transport", Count: 9}, // no kind of service on the kaart
		{Region: "zuid", CoverageKind: "respite", Count: 6},
		{Region: "midden", Count: 2}, // care plan goals without coverage
		{Region: "west", Count: 1},
	}
	missingBut := func(present ...string) []string {
		var out []string
		for _, k := range care.ServiceKinds {
			if !contains(present, k) {
				out = append(out, k)
			}
		}
		return out
	}
	want := []care.RegionWhiteSpots{
		{Region: "noord", Entries: 1, MissingKinds: missingBut(care.ServiceHomeCare)},
		{Region: "midden", Entries: 4, MissingKinds: missingBut(care.ServiceRespite, care.ServiceHospice, care.ServicePsychologist),
			MissingCapabilities: []care.KindCapability{{Kind: care.ServiceRespite, Capability: care.CapVentilation}},
			Unserved:            []care.NeedCount{{Kind: care.ServiceRespite, Unserved: 3, Total: 7}, {Kind: care.ServiceHomeCare, Unserved: 1, Total: 1}},
			PlanGaps:            2},
		{Region: "west", MissingKinds: care.ServiceKinds, PlanGaps: 1},
		{Region: "zuid", MissingKinds: care.ServiceKinds, Unserved: []care.NeedCount{{Kind: care.ServiceRespite, Unserved: 6, Total: 6}}},
	}
	if diff := cmp.Diff(want, care.WhiteSpots(entries, needs)); diff != "" {
		t.Errorf("WhiteSpots (-want +got):\n%s", diff)
	}
	if (care.NeedCount{Unserved: 4}).UnservedShown() || !(care.NeedCount{Unserved: 5}).UnservedShown() {
		t.Error("counts under five must not be shown")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
