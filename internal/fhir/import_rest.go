package fhir

import (
	"cmp"
	"slices"

	"github.com/spil-zorg/spil/internal/care"
)

// rest reads the resources of the file's work and plan, by profile.
func (m *importer) rest(r Resource, profile string) {
	switch r := r.(type) {
	case *EpisodeOfCare:
		m.episodeOfCare(r)
	case *Condition:
		m.condition(r)
	case *Encounter:
		switch profile {
		case ProfileEncounter:
			m.encounter(r)
		case ProfileACPEncounter:
			m.acpEncounter(r)
		default:
			m.fail("an encounter on %q", profile)
		}
	case *Task:
		switch profile {
		case ProfileSpilAftercareContact:
			m.aftercareContact(r)
		case ProfileSpilPlanProposal:
			m.planProposal(r)
		case ProfileSpilFamilyProposal:
			m.familyProposal(r)
		default:
			m.task(r)
		}
	case *CarePlan:
		switch profile {
		case ProfileSpilCarePlanVersion:
			m.planVersion(r)
		case ProfileSpilAftercarePlan:
			m.aftercarePlan(r)
		default:
			m.carePlan(r)
		}
	case *Goal:
		m.goal(r)
	case *Consent:
		switch profile {
		case ProfileACPTreatmentDirective:
			m.directive(r)
		case ProfileSpilProviderConsent:
			m.privacyConsent(r)
		default:
			m.fail("a consent on %q", profile)
		}
	case *Observation:
		if profile == ProfileSpilPlaceOfDeath {
			m.placeOfDeath(r)
			break
		}
		m.observation(r, profile)
	case *Procedure:
		m.acpProcedure(r)
	case *Communication:
		switch profile {
		case ProfileSpilNote:
			m.note(r)
		case ProfileSpilMessage:
			m.message(r)
		default:
			m.minutes(r)
		}
	case *Coverage:
		m.coveragePeriod(r)
	case *DocumentReference:
		m.documentReference(r)
	case *Binary:
		m.binary(r)
	case *DeviceRequest:
		m.deviceRequest(r)
	default:
		h := r.Header()
		m.fail("%s/%s: profile %q not read", h.ResourceType, h.ID, profile)
	}
}

// finish completes what no one resource says: the tasks' changes in the
// file's order, whatever the order of the tasks.
func (m *importer) finish() {
	slices.SortFunc(m.in.TaskEvents, taskEventOrder)
	slices.SortFunc(m.in.Corrections, func(a, b care.Correction) int { return cmp.Compare(a.ID, b.ID) })
}

// taskEventOrder orders the changes of tasks by task, then oldest first,
// as the store reads them.
func taskEventOrder(a, b care.TaskEvent) int {
	return cmp.Or(cmp.Compare(a.TaskID, b.TaskID), a.At.Compare(b.At), cmp.Compare(a.ID, b.ID))
}
