package api

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// apiOwnerIn is the owner of a new task, picked from the people in the
// family's file: {"kind": "network", "id": 12}; "family" takes no id.
type apiOwnerIn struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
}

// owner reads the owner; a kind outside the list, or an id that does not
// fit the kind, is field.choose at "owner". Whether the person is in the
// family's file is the care service's to check.
func (o *apiOwnerIn) owner(fe care.FieldErrors) care.TaskOwner {
	kind := strings.TrimSpace(o.Kind)
	switch {
	case kind == care.OwnerFamily && o.ID == 0:
		return care.TaskOwner{Kind: care.OwnerFamily}
	case kind != care.OwnerFamily && slices.Contains(care.OwnerKinds, kind) && o.ID > 0:
		return care.TaskOwner{Kind: kind, ID: o.ID}
	}
	fe["owner"] = "field.choose"
	return care.TaskOwner{}
}

// apiOwnerOut is who a task is for: the kind ("parent" for a parent or
// carer), the id of the account, network member or family member (none
// for the family as a whole) and the name as it was when the task was
// given.
type apiOwnerOut struct {
	Kind string `json:"kind"`
	ID   *int64 `json:"id"`
	Name string `json:"name"`
}

func apiOwner(t *care.Task) apiOwnerOut {
	out := apiOwnerOut{Kind: t.OwnerKindShown(), Name: t.OwnerName}
	if o := t.Owner(); o.ID != 0 {
		id := o.ID
		out.ID = &id
	}
	return out
}

// apiWorklistOut is GET /api/v1/tasks: the open tasks across the
// caller's caseload, by due date.
type apiWorklistOut struct {
	Tasks []apiWorkItemOut `json:"tasks"`
}

type apiWorkItemOut struct {
	ID        int64       `json:"id"`
	FamilyID  int64       `json:"family_id"`
	ChildName string      `json:"child_name"`
	Title     string      `json:"title"`
	OwnerKind string      `json:"owner_kind"`
	Owner     apiOwnerOut `json:"owner"`
	Due       *string     `json:"due"`
	Overdue   bool        `json:"overdue"`
}

func apiWorklist(items []care.WorklistItem, today time.Time) apiWorklistOut {
	out := apiWorklistOut{Tasks: make([]apiWorkItemOut, 0, len(items))}
	for i := range items {
		it := &items[i]
		out.Tasks = append(out.Tasks, apiWorkItemOut{ID: it.ID, FamilyID: it.FamilyID, ChildName: it.ChildName, Title: it.Title,
			OwnerKind: it.OwnerKindShown(), Owner: apiOwner(&it.Task), Due: apiDateOut(it.DueDate), Overdue: !it.Deceased && it.Overdue(today)})
	}
	return out
}

// apiTasks is GET /api/v1/tasks?owner_kind=network&overdue=true: the open
// tasks of every family the caller is a case manager of, by due date,
// filtered by kind of owner and to the overdue ones.
func (s *Server) apiTasks(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	kind := q.Get("owner_kind")
	if kind != "" && !slices.Contains(care.OwnerKinds, kind) {
		return apiErrorf(http.StatusBadRequest, "bad_request", "owner_kind must be one of "+strings.Join(care.OwnerKinds, ", "))
	}
	var overdue bool
	switch q.Get("overdue") {
	case "", "false":
	case "true":
		overdue = true
	default:
		return apiErrorf(http.StatusBadRequest, "bad_request", `overdue must be "true" or "false"`)
	}
	items, err := s.care.Worklist(r.Context(), s.actor(r), kind, overdue)
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiWorklist(items, s.cfg.Now()))
	return nil
}
