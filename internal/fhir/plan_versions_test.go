package fhir

import (
	"testing"
)

// TestPlanVersions: each earlier version is a revoked CarePlan on its own
// profile replacing the one before it, holding its problems, goals and
// proactive care planning as contained resources; the current plan
// replaces the newest earlier version and is written as before.
func TestPlanVersions(t *testing.T) {
	in := sample()
	b := Export(in)
	v1, _ := b.Find("CarePlan", "plan-version-7-1").(*CarePlan)
	v2, _ := b.Find("CarePlan", "plan-version-7-2").(*CarePlan)
	cur, _ := b.Find("CarePlan", "izp-7").(*CarePlan)
	if v1 == nil || v2 == nil || cur == nil {
		t.Fatalf("versions %v, %v, current %v", v1, v2, cur)
	}
	for _, v := range []*CarePlan{v1, v2} {
		if v.Status != "revoked" || v.Meta.Profile[0] != ProfileSpilCarePlanVersion {
			t.Errorf("%s: status %q, profile %v", v.ID, v.Status, v.Meta.Profile)
		}
	}
	if len(v1.Replaces) != 0 || len(v2.Replaces) != 1 || v2.Replaces[0].Reference != "CarePlan/plan-version-7-1" ||
		len(cur.Replaces) != 1 || cur.Replaces[0].Reference != "CarePlan/plan-version-7-2" {
		t.Errorf("replaces: v1 %v, v2 %v, current %v", v1.Replaces, v2.Replaces, cur.Replaces)
	}
	kinds := map[string]int{}
	for _, c := range v1.Contained {
		kinds[c.Header().ResourceType]++
	}
	// A problem, a goal, a conversation (Procedure and Encounter), a
	// directive, the preferred place of death and the care wishes.
	want := map[string]int{"Condition": 1, "Goal": 1, "Procedure": 1, "Encounter": 1, "Consent": 1, "Observation": 2}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("version 1 contains %d %s, want %d (all: %v)", kinds[k], k, n, kinds)
		}
	}
	if len(v2.Contained) != 0 {
		t.Errorf("version 2 contains %d resources, want none", len(v2.Contained))
	}
	if len(v1.Goal) != 1 || v1.Goal[0].Reference != "#goal-7-i2" || len(v1.Addresses) != 1 || v1.Addresses[0].Reference != "#problem-7-i1" {
		t.Errorf("version 1 refers to goal %v and problems %v, want its contained ones", v1.Goal, v1.Addresses)
	}
	if cur.Contained != nil {
		t.Error("the current plan contains resources")
	}
	// Without the earlier versions the current plan replaces nothing.
	in.PlanVersions = nil
	b = Export(in)
	if cur, _ := b.Find("CarePlan", "izp-7").(*CarePlan); cur == nil || cur.Replaces != nil {
		t.Errorf("the current plan without earlier versions: %+v", cur)
	}
}

// TestPlanVersionRefused: a version whose number does not match its id,
// or whose contained resource is gone, is refused.
func TestPlanVersionRefused(t *testing.T) {
	b := Export(sample())
	v1 := b.Find("CarePlan", "plan-version-7-1").(*CarePlan)
	v1.Contained = v1.Contained[1:]
	if _, err := Import(b); err == nil {
		t.Error("a version without one of its contained resources was read")
	}
	b = Export(sample())
	b.Find("CarePlan", "plan-version-7-2").(*CarePlan).ID = "plan-version-7-3"
	if _, err := Import(b); err == nil {
		t.Error("version 2 read as version 3")
	}
}
