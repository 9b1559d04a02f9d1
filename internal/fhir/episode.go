package fhir

import (
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// episodeStatuses maps the case management's status to EpisodeOfCare's.
var episodeStatuses = map[string]string{
	"offered": "planned", "accepted": "active", "declined": "cancelled", "ended": "finished",
}

// caseManagementType is the SNOMED code of case management, the type of
// the episode.
var caseManagementType = Coding{System: SystemSNOMED, Code: "416454008", Display: "Case management"}

func (x *exporter) episode() {
	ep := x.in.Episode
	if ep == nil {
		return
	}
	r := &EpisodeOfCare{Patient: x.patientRef(), ManagingOrganization: x.orgRef(),
		Type:   []CodeableConcept{{Coding: []Coding{caseManagementType}}},
		Status: episodeStatuses[ep.Status]}
	r.Identifier = []Identifier{{System: sysFamily, Value: x.fam}}
	if r.Status == "" {
		r.Status = "planned"
	}
	if !ep.ReferralDate.IsZero() {
		r.Period = &Period{Start: fmtDate(ep.ReferralDate)}
		if ep.Status == "ended" || ep.Status == "declined" {
			r.Period.End = fmtDate(ep.StatusDate)
		}
	}
	if p, _ := x.caseManager("kct"); p.AccountID != 0 {
		r.CareManager = ref("PractitionerRole", caseRoleID(x.fam, p.AccountID, "kct"))
	} else if p, _ := x.caseManager("thuis"); p.AccountID != 0 {
		r.CareManager = ref("PractitionerRole", caseRoleID(x.fam, p.AccountID, "thuis"))
	}
	r.Team = []Reference{refv("CareTeam", teamID(x.fam))}
	e := &exts{}
	e.code("episode-status", ep.Status)
	e.date("status-date", ep.StatusDate)
	e.str("status-note", ep.StatusNote)
	e.str("referred-by", ep.ReferredBy)
	e.str("referral-reason", ep.Reason)
	e.boolean("factor-wish", ep.FactorWish)
	e.boolean("factor-complexity", ep.FactorComplexity)
	e.boolean("factor-capacity", ep.FactorCapacity)
	e.code("surprise-question", ep.SurpriseQuestion)
	e.str("division-of-tasks", ep.DivisionOfTasks)
	x.add(r, "EpisodeOfCare", episodeID(x.fam), ProfileSpilEpisodeOfCare, e)
}

func (m *importer) episodeOfCare(r *EpisodeOfCare) {
	e := m.ext(r)
	ep := &care.Episode{FamilyID: m.in.Family.ID}
	if r.Period != nil {
		ep.ReferralDate = parseTime(r.Period.Start, &m.err)
	}
	ep.Status = e.code("episode-status")
	ep.StatusDate = e.date("status-date")
	ep.StatusNote = e.str("status-note")
	ep.ReferredBy = e.str("referred-by")
	ep.Reason = e.str("referral-reason")
	ep.FactorWish = e.boolean("factor-wish")
	ep.FactorComplexity = e.boolean("factor-complexity")
	ep.FactorCapacity = e.boolean("factor-capacity")
	ep.SurpriseQuestion = e.code("surprise-question")
	ep.DivisionOfTasks = e.str("division-of-tasks")
	m.in.Episode = ep
}

// Diagnoses. The main diagnosis and the secondary ones are Conditions on
// nl-core-Problem, of category diagnosis, coded in ICD-10 (the Dutch
// edition's system) with Spil's words as the text; "no diagnosis yet" is
// no Condition.
var (
	categoryDiagnosis = Coding{System: SystemSNOMED, Code: "282291009", Display: "Diagnosis"}
	clinicalActive    = Coding{System: SystemCondClin, Code: "active"}
)

func diagnosisID(fam string, secondary int64) string {
	if secondary == 0 {
		return "dx-" + fam + "-main"
	}
	return "dx-" + fam + "-" + itoa(secondary)
}

func (x *exporter) diagnoses() {
	f := x.in.Family
	if f.Diagnosis != "" || f.ICD10 != "" {
		x.condition(diagnosisID(x.fam, 0), "main", f.Diagnosis, f.ICD10, nil)
	}
	for _, d := range f.Secondary {
		x.condition(diagnosisID(x.fam, d.ID), "secondary", d.Description, d.ICD10, nil)
	}
}

// condition writes a diagnosis (role main or secondary) or a problem of
// the plan (role plan-problem, with its plan item extensions).
func (x *exporter) condition(id, role, text, icd string, e *exts) {
	c := &Condition{Subject: x.patientRef(), ClinicalStatus: &CodeableConcept{Coding: []Coding{clinicalActive}}}
	c.Category = []CodeableConcept{{Coding: []Coding{{System: csDiagnosisRole, Code: role}}}}
	if role != "plan-problem" {
		c.Category = append([]CodeableConcept{{Coding: []Coding{categoryDiagnosis}}}, c.Category...)
	}
	c.Code = &CodeableConcept{Text: text}
	if icd != "" {
		c.Code.Coding = []Coding{{System: SystemICD10NL, Code: icd}}
	}
	x.add(c, "Condition", id, ProfileProblem, e)
}

func (m *importer) condition(r *Condition) {
	role := ""
	for _, c := range r.Category {
		for _, cd := range c.Coding {
			if cd.System == csDiagnosisRole {
				role = cd.Code
			}
		}
	}
	text, icd := "", ""
	if r.Code != nil {
		text = r.Code.Text
		for _, cd := range r.Code.Coding {
			if cd.System == SystemICD10NL {
				icd = cd.Code
			}
		}
	}
	f := &m.in.Family
	switch role {
	case "main":
		f.Diagnosis, f.ICD10 = text, icd
	case "secondary":
		id := m.idAfter("dx-"+m.fam+"-", r.ID)
		f.Secondary = append(f.Secondary, care.Diagnosis{ID: id, Description: text, ICD10: icd})
	case "plan-problem":
		m.planProblem(r, text, icd)
	default:
		m.fail("condition %s of role %q", r.ID, strings.TrimSpace(role))
	}
}
