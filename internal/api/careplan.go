package api

import (
	"net/http"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The care plan in the API: the current version (for the case managers,
// the family and providers with consent), and for the case managers the
// list of versions and any one of them. docs/api.md describes the shape.

// apiCarePlanOut is GET …/careplan and GET …/careplan/versions/{n}.
type apiCarePlanOut struct {
	Version    int                `json:"version"`
	SavedAt    *string            `json:"saved_at"`
	SavedBy    *apiPersonOut      `json:"saved_by"`
	Changes    []string           `json:"changes"`
	Template   string             `json:"template"`
	Review     apiPlanReviewOut   `json:"review"`
	Wishes     string             `json:"wishes"`
	Matters    string             `json:"matters"`
	Dimensions []apiPlanDimension `json:"dimensions"`
	ACP        apiACPOut          `json:"acp"`
}

type apiPlanReviewOut struct {
	Months      int     `json:"months"`
	Due         *string `json:"due"`
	DiscussedOn *string `json:"discussed_on"`
	Overdue     bool    `json:"overdue"`
}

type apiPlanDimension struct {
	Dimension  string           `json:"dimension"`
	Situation  string           `json:"situation"`
	Problems   []apiPlanProblem `json:"problems"`
	Goals      []apiPlanItem    `json:"goals"`
	Agreements []apiPlanItem    `json:"agreements"`
	Actions    []apiPlanAction  `json:"actions"`
}

type apiPlanItem struct {
	ID   string `json:"id"`
	For  string `json:"for"`
	Text string `json:"text"`
}

type apiPlanProblem struct {
	ID    string  `json:"id"`
	For   string  `json:"for"`
	Text  string  `json:"text"`
	ICD10 *string `json:"icd10"`
}

type apiPlanAction struct {
	TaskID    int64   `json:"task_id"`
	Goal      *string `json:"goal"`
	Title     string  `json:"title"`
	OwnerKind string  `json:"owner_kind"`
	OwnerName string  `json:"owner_name"`
	DueDate   *string `json:"due_date"`
	Status    string  `json:"status"`
	Overdue   bool    `json:"overdue"`
}

type apiACPOut struct {
	Conversations []apiConversationOut `json:"conversations"`
	Scenarios     []apiScenarioOut     `json:"scenarios"`
	Directives    []apiDirectiveOut    `json:"directives"`
	PlaceOfCare   apiPreferenceOut     `json:"place_of_care"`
	PlaceOfDeath  apiPreferenceOut     `json:"place_of_death"`
	CareWishes    string               `json:"care_wishes"`
	Other         string               `json:"other"`
}

type apiConversationOut struct {
	ID           string  `json:"id"`
	Date         *string `json:"date"`
	Participants string  `json:"participants"`
	Topics       string  `json:"topics"`
	Record       string  `json:"record"`
}

type apiScenarioOut struct {
	ID       string `json:"id"`
	Topic    string `json:"topic"`
	WhatIf   string `json:"what_if"`
	Arranged string `json:"arranged"`
}

type apiDirectiveOut struct {
	Kind     string  `json:"kind"`
	Label    string  `json:"label"`
	Decision string  `json:"decision"`
	Detail   string  `json:"detail"`
	Date     *string `json:"date"`
	AgreedBy string  `json:"agreed_by"`
}

type apiPreferenceOut struct {
	Place  string `json:"place"`
	Detail string `json:"detail"`
}

// apiPlanVersionsOut is GET …/careplan/versions.
type apiPlanVersionsOut struct {
	Versions []apiPlanVersionOut `json:"versions"`
}

type apiPlanVersionOut struct {
	Version int           `json:"version"`
	SavedAt *string       `json:"saved_at"`
	SavedBy *apiPersonOut `json:"saved_by"`
	Changes []string      `json:"changes"`
}

func apiStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// apiCarePlan converts one version of a plan. actions gives the actions of
// a dimension; day is the day overdue is judged on.
func apiCarePlan(p *care.CarePlan, actions func(care.Dimension) []apiPlanAction, day time.Time) apiCarePlanOut {
	out := apiCarePlanOut{
		Version: p.Version, SavedAt: apiTimeOut(p.SavedAt), SavedBy: apiPerson(p.SavedBy), Changes: apiStrings(p.Changes),
		Template: p.Template, Wishes: p.Wishes, Matters: p.Matters,
		Review: apiPlanReviewOut{Months: p.ReviewMonths, Due: apiDateOut(p.ReviewDue), DiscussedOn: apiDateOut(p.DiscussedOn),
			Overdue: p.ReviewOverdue(day)},
		Dimensions: make([]apiPlanDimension, 0, len(care.Dimensions)),
	}
	items := func(list []care.PlanItem) []apiPlanItem {
		o := make([]apiPlanItem, 0, len(list))
		for _, it := range list {
			o = append(o, apiPlanItem{ID: it.ID, For: it.For, Text: it.Text})
		}
		return o
	}
	// Exactly the five dimensions, in plan order, whatever the version holds.
	for _, d := range care.Dimensions {
		dim := apiPlanDimension{Dimension: string(d), Problems: []apiPlanProblem{}, Goals: []apiPlanItem{},
			Agreements: []apiPlanItem{}, Actions: actions(d)}
		if sec := p.Section(d); sec != nil {
			dim.Situation, dim.Goals, dim.Agreements = sec.Situation, items(sec.Goals), items(sec.Agreements)
			for _, it := range sec.Problems {
				dim.Problems = append(dim.Problems, apiPlanProblem{ID: it.ID, For: it.For, Text: it.Text, ICD10: apiNullable(it.ICD10)})
			}
		}
		out.Dimensions = append(out.Dimensions, dim)
	}
	a := &p.ACP
	out.ACP = apiACPOut{
		Conversations: make([]apiConversationOut, 0, len(a.Conversations)),
		Scenarios:     make([]apiScenarioOut, 0, len(a.Scenarios)),
		Directives:    make([]apiDirectiveOut, 0, len(a.Directives)),
		PlaceOfCare:   apiPreferenceOut{Place: a.PlaceOfCare.Place, Detail: a.PlaceOfCare.Detail},
		PlaceOfDeath:  apiPreferenceOut{Place: a.PlaceOfDeath.Place, Detail: a.PlaceOfDeath.Detail},
		CareWishes:    a.CareWishes, Other: a.Other,
	}
	for _, c := range a.Conversations {
		out.ACP.Conversations = append(out.ACP.Conversations, apiConversationOut{ID: c.ID, Date: apiDateOut(c.Date),
			Participants: c.Participants, Topics: c.Topics, Record: c.Record})
	}
	for _, sc := range a.Scenarios {
		out.ACP.Scenarios = append(out.ACP.Scenarios, apiScenarioOut{ID: sc.ID, Topic: sc.Topic, WhatIf: sc.WhatIf, Arranged: sc.Arranged})
	}
	for _, d := range a.Directives {
		out.ACP.Directives = append(out.ACP.Directives, apiDirectiveOut{Kind: d.Kind, Label: d.Label, Decision: d.Decision,
			Detail: d.Detail, Date: apiDateOut(d.Date), AgreedBy: d.AgreedBy})
	}
	return out
}

func apiPlanActionOut(t care.Task, day time.Time) apiPlanAction {
	return apiPlanAction{TaskID: t.ID, Goal: apiNullable(t.PlanGoal), Title: t.Title, OwnerKind: t.OwnerKind,
		OwnerName: t.OwnerName, DueDate: apiDateOut(t.DueDate), Status: t.Status, Overdue: t.Overdue(day)}
}

// apiLiveActions are the plan's actions as the tasks stand now.
func apiLiveActions(pf *care.PlanFile, day time.Time) func(care.Dimension) []apiPlanAction {
	return func(d care.Dimension) []apiPlanAction {
		out := []apiPlanAction{}
		for _, t := range pf.ActionsOf(d) {
			out = append(out, apiPlanActionOut(t, day))
		}
		return out
	}
}

// apiSnapshotActions are a version's actions as they stood when it was saved.
func apiSnapshotActions(p *care.CarePlan, day time.Time) func(care.Dimension) []apiPlanAction {
	return func(d care.Dimension) []apiPlanAction {
		out := []apiPlanAction{}
		if sec := p.Section(d); sec != nil {
			for _, a := range sec.Actions {
				out = append(out, apiPlanActionOut(care.Task{ID: a.TaskID, PlanGoal: a.Goal, Title: a.Title, OwnerKind: a.OwnerKind,
					OwnerName: a.OwnerName, DueDate: a.DueDate, Status: a.Status}, day))
			}
		}
		return out
	}
}

// apiCarePlan is GET /api/v1/families/{id}/careplan: the current version
// with its actions as the tasks stand today; 404 when there is no plan.
func (s *Server) apiCarePlan(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	pf, err := s.care.CarePlan(r.Context(), s.actor(r), id, care.ViewCarePlan)
	if err != nil {
		return err
	}
	if pf.Plan == nil {
		return apiErrorf(http.StatusNotFound, "not_found", "this family has no care plan yet")
	}
	today := s.cfg.Now()
	s.apiWriteJSON(w, r, http.StatusOK, apiCarePlan(pf.Plan, apiLiveActions(pf, today), today))
	return nil
}

// apiCarePlanVersions is GET /api/v1/families/{id}/careplan/versions:
// every saved version, newest first, without its content.
func (s *Server) apiCarePlanVersions(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	vs, err := s.care.CarePlanVersions(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	out := apiPlanVersionsOut{Versions: make([]apiPlanVersionOut, 0, len(vs))}
	for _, v := range vs {
		out.Versions = append(out.Versions, apiPlanVersionOut{Version: v.Version, SavedAt: apiTimeOut(v.SavedAt),
			SavedBy: apiPerson(v.SavedBy), Changes: apiStrings(v.Changes)})
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}

// apiCarePlanVersion is GET /api/v1/families/{id}/careplan/versions/{n}:
// one version as it was saved, its actions and overdue marks as they stood
// on the day it was saved.
func (s *Server) apiCarePlanVersion(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	n, err := httpx.PathID(r, "n")
	if err != nil || n > 1<<30 {
		return apiErrNotFound
	}
	p, err := s.care.CarePlanVersion(r.Context(), s.actor(r), id, int(n))
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiCarePlan(p, apiSnapshotActions(p, p.SavedAt), p.SavedAt))
	return nil
}
