package fhir

import (
	"slices"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// The family's proposals: a change to the care plan (a section, in their
// words) and an addition to the network or a correction of someone's
// contact details. Each is a Task with intent proposal, requested by the
// family member's account, on Spil's profile spil-PlanProposal or
// spil-FamilyProposal: open is requested, taken in (accepted, confirmed)
// is completed, declined is rejected with the answer as statusReason.

// ProfileSpilPlanProposal is Spil's profile for a proposal to the care plan.
const ProfileSpilPlanProposal = SpilBase + "StructureDefinition/spil-PlanProposal"

// ProfileSpilFamilyProposal is Spil's profile for a proposal to the
// network or a correction of contact details.
const ProfileSpilFamilyProposal = SpilBase + "StructureDefinition/spil-FamilyProposal"

var (
	sysPlanProposal      = SpilSystem("NamingSystem", "plan-proposal")
	sysFamilyProposal    = SpilSystem("NamingSystem", "family-proposal")
	csFamilyProposalKind = SpilSystem("CodeSystem", "family-proposal-kind")
)

func planProposalID(fam string, id int64) string   { return scopedID("plan-proposal-", fam, id) }
func familyProposalID(fam string, id int64) string { return scopedID("family-proposal-", fam, id) }

// proposalStatuses map the statuses of both kinds of proposal to the
// Task's.
var proposalStatuses = map[string]string{
	care.ProposalOpen: "requested", care.ProposalAccepted: "completed", care.ProposalDeclined: "rejected",
	care.FamilyProposalConfirmed: "completed",
}

// familyProposalFields are what a family proposal proposes, as the
// Task's inputs, in this order.
var familyProposalFields = []string{"name", "role", "organisation", "phone", "email"}

// proposalTask is the part both kinds share.
func (x *exporter) proposalTask(status string, by care.Person, at time.Time, answer string, answeredAt time.Time) *Task {
	r := &Task{Status: proposalStatuses[status], Intent: "proposal", For: ref("Patient", patientID(x.fam)),
		AuthoredOn: fmtInstant(at), Requester: account(by), LastModified: fmtInstant(answeredAt)}
	if answer != "" {
		r.StatusReason = &CodeableConcept{Text: answer}
	}
	return r
}

func (x *exporter) proposals() {
	for _, p := range x.in.Proposals {
		r := x.proposalTask(p.Status, p.ProposedBy, p.ProposedAt, p.Answer, p.AnsweredAt)
		r.Identifier = []Identifier{{System: sysPlanProposal, Value: itoa(p.ID)}}
		r.Description = p.Body
		if x.in.Plan != nil {
			r.Focus = ref("CarePlan", planID(x.fam))
		}
		e := &exts{}
		e.code("proposal-status", p.Status)
		e.code("proposal-section", p.Section)
		e.integer("taken-in-version", int64(p.Version))
		e.person("answered-by", p.AnsweredBy.AccountID, p.AnsweredBy.Name)
		x.add(r, "Task", planProposalID(x.fam, p.ID), ProfileSpilPlanProposal, e)
	}
	for _, p := range x.in.FamilyProposals {
		r := x.proposalTask(p.Status, p.ProposedBy, p.ProposedAt, p.Answer, p.AnsweredAt)
		r.Identifier = []Identifier{{System: sysFamilyProposal, Value: itoa(p.ID)}}
		r.Code = &CodeableConcept{Coding: []Coding{{System: csFamilyProposalKind, Code: p.Kind}}}
		switch {
		case p.TargetID == 0:
		case p.Kind == care.ProposeMemberContact:
			r.Focus = &Reference{Identifier: &Identifier{System: sysMember, Value: itoa(p.TargetID)}}
			if x.has("RelatedPerson", memberID(x.fam, p.TargetID)) {
				r.Focus.Reference = "RelatedPerson/" + memberID(x.fam, p.TargetID)
			}
		default:
			r.Focus = &Reference{Identifier: &Identifier{System: sysNetworkMember, Value: itoa(p.TargetID)}}
			if x.has("PractitionerRole", networkID(x.fam, p.TargetID)) {
				r.Focus.Reference = "PractitionerRole/" + networkID(x.fam, p.TargetID)
			}
		}
		for i, v := range []string{p.Name, p.Role, p.Organisation, p.Phone, p.Email} {
			if v != "" {
				r.Input = append(r.Input, TaskInput{Type: CodeableConcept{Text: familyProposalFields[i]}, ValueString: v})
			}
		}
		e := &exts{}
		e.code("proposal-status", p.Status)
		e.person("answered-by", p.AnsweredBy.AccountID, p.AnsweredBy.Name)
		x.add(r, "Task", familyProposalID(x.fam, p.ID), ProfileSpilFamilyProposal, e)
	}
}

func (m *importer) planProposal(r *Task) {
	e := m.ext(r)
	p := care.Proposal{ID: m.scopedID("plan-proposal-", r.ID), FamilyID: m.in.Family.ID, Section: e.code("proposal-section"),
		Body: r.Description, ProposedBy: m.personOf(r.Requester), ProposedAt: parseTime(r.AuthoredOn, &m.err),
		Status: e.code("proposal-status"), AnsweredAt: parseTime(r.LastModified, &m.err), Version: int(e.integer("taken-in-version"))}
	if r.StatusReason != nil {
		p.Answer = r.StatusReason.Text
	}
	p.AnsweredBy.AccountID, p.AnsweredBy.Name = e.person("answered-by")
	m.in.Proposals = append(m.in.Proposals, p)
}

func (m *importer) familyProposal(r *Task) {
	e := m.ext(r)
	p := care.FamilyProposal{ID: m.scopedID("family-proposal-", r.ID), FamilyID: m.in.Family.ID,
		ProposedBy: m.personOf(r.Requester), ProposedAt: parseTime(r.AuthoredOn, &m.err),
		Status: e.code("proposal-status"), AnsweredAt: parseTime(r.LastModified, &m.err)}
	if r.Code == nil || len(r.Code.Coding) != 1 || r.Code.Coding[0].System != csFamilyProposalKind {
		m.fail("family proposal %s without its kind", r.ID)
		return
	}
	p.Kind = r.Code.Coding[0].Code
	if r.Focus != nil && r.Focus.Identifier != nil {
		p.TargetID = atoi(r.Focus.Identifier.Value, &m.err)
	}
	if r.StatusReason != nil {
		p.Answer = r.StatusReason.Text
	}
	for _, in := range r.Input {
		v := in.ValueString
		switch slices.Index(familyProposalFields, in.Type.Text) {
		case 0:
			p.Name = v
		case 1:
			p.Role = v
		case 2:
			p.Organisation = v
		case 3:
			p.Phone = v
		case 4:
			p.Email = v
		default:
			m.fail("family proposal %s: an input %q", r.ID, in.Type.Text)
		}
	}
	p.AnsweredBy.AccountID, p.AnsweredBy.Name = e.person("answered-by")
	m.in.FamilyProposals = append(m.in.FamilyProposals, p)
}
