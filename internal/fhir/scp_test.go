package fhir

import (
	"testing"
)

// TestSharedCarePlanningFields: when the organisation has a URA, the
// exported CarePlan and the Tasks owned by a network member carry what
// Shared Care Planning (ORCA's SCPCareplan and SCPTask) asks of them:
// intent, the patient (for/subject), the requester by URA, and an owner
// identified by an identifier.
func TestSharedCarePlanningFields(t *testing.T) {
	in := sample()
	b := Export(in)
	plan, ok := b.Find("CarePlan", planID("7")).(*CarePlan)
	if !ok {
		t.Fatal("no CarePlan")
	}
	if plan.Intent != "plan" || plan.Status != "active" || plan.Subject.Reference != "Patient/child-7" {
		t.Errorf("CarePlan intent %q, status %q, subject %q", plan.Intent, plan.Status, plan.Subject.Reference)
	}
	if len(plan.Category) != 1 || !plan.Category[0].Has(SystemSNOMED, "135411000146103") {
		t.Errorf("CarePlan category %+v, want SCP's multidisciplinary care regime", plan.Category)
	}
	if len(plan.CareTeam) != 1 || b.Find("CareTeam", "team-7") == nil {
		t.Errorf("CarePlan.careTeam %+v does not resolve", plan.CareTeam)
	}
	networkTasks := 0
	for _, task := range in.Tasks {
		if task.NetworkMemberID == 0 {
			continue
		}
		networkTasks++
		r, ok := b.Find("Task", "task-7-"+itoa(task.ID)).(*Task)
		if !ok {
			t.Fatalf("no Task %d", task.ID)
		}
		if r.Intent != "order" {
			t.Errorf("Task %s: intent %q, want order", r.ID, r.Intent)
		}
		if r.For == nil || r.For.Reference != "Patient/child-7" {
			t.Errorf("Task %s: for %+v", r.ID, r.For)
		}
		if r.Requester == nil || r.Requester.Identifier == nil || r.Requester.Identifier.System != SystemURA || r.Requester.Identifier.Value != "90000123" {
			t.Errorf("Task %s: requester %+v, want the organisation's URA", r.ID, r.Requester)
		}
		if r.Owner == nil || r.Owner.Identifier == nil || r.Owner.Identifier.Value == "" || r.Owner.Identifier.System == "" {
			t.Errorf("Task %s: owner %+v, want an identifier", r.ID, r.Owner)
		}
		if len(r.BasedOn) != 1 || r.BasedOn[0].Reference != "CarePlan/"+planID("7") {
			t.Errorf("Task %s: basedOn %+v, want the CarePlan", r.ID, r.BasedOn)
		}
	}
	if networkTasks == 0 {
		t.Fatal("the sample has no network-owned task")
	}
	// Without a URA, no URA identifier is made up.
	in.Organisation.URA = ""
	for _, e := range Export(in).Entry {
		if r, ok := e.Resource.(*Task); ok && r.Requester != nil && r.Requester.Identifier != nil && r.Requester.Identifier.System == SystemURA {
			t.Errorf("Task %s: requester identifier %+v without a URA", r.ID, r.Requester.Identifier)
		}
	}
}
