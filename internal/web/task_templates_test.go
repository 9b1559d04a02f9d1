package web

import (
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// taskCases are the worklist, a family page and a provider's page with a
// task's history, and the form that changes a task.
func taskCases(base func(string) BasePage) map[string]any {
	today := care.DateOf(time.Now())
	by := care.Person{AccountID: 1, Name: "Carla"}
	cp := CarePage{BasePage: base("task.worklist_title"), Today: today}
	wl := &WorklistPage{CarePage: cp, Kinds: care.OwnerKinds, Kind: care.OwnerNetwork, Overdue: true, Full: true, Items: []care.WorklistItem{
		{ChildName: "Sam", Task: care.Task{ID: 5, FamilyID: 7, Title: "Recept", OwnerKind: "network", OwnerName: "Dr. A", NetworkMemberID: 3, DueDate: today.AddDate(0, 0, -2), Status: "open"}},
		{ChildName: "Noor", Task: care.Task{ID: 6, FamilyID: 9, Title: "Formulier", OwnerKind: "family", OwnerMemberID: 1, OwnerName: "Mo", Status: "open"}},
		{ChildName: "Noor", Task: care.Task{ID: 8, FamilyID: 9, Title: "Logeren", OwnerKind: "family", Status: "open"}},
	}}
	empty := &WorklistPage{CarePage: cp, Kinds: care.OwnerKinds, Overdue: true}
	events := map[int64][]care.TaskEvent{5: {
		{TaskID: 5, At: time.Now(), By: by, Field: "owner", FromKind: "casemanager", From: "Carla", ToKind: "network", To: "Dr. A"},
		{TaskID: 5, At: time.Now(), By: by, Field: "due_date", From: "", To: today.Format(time.DateOnly)},
	}}
	file := &care.File{
		Family:       care.Family{ID: 7, ChildName: "Sam", BirthDate: today.AddDate(-6, 0, 0), Intensity: care.Regular},
		Members:      []care.Member{{ID: 1, Kind: "parent", Name: "Mo", Relation: "moeder"}},
		CaseManagers: care.CaseManagers{KCT: by, Thuis: care.Person{AccountID: 2, Name: "Tom"}},
		Network:      []care.NetworkMember{{ID: 3, Name: "Dr. A", Role: "gp"}},
		Tasks:        []care.Task{{ID: 5, Title: "Recept", OwnerKind: "network", OwnerName: "Dr. A", NetworkMemberID: 3, Status: "open", CreatedBy: by, CreatedAt: time.Now()}},
		TaskEvents:   events,
	}
	fp := &FamilyPage{CarePage: cp, File: file, TaskList: newTaskList(care.ViewCaseFile, "/families/7", file.Tasks, 0, today)}
	fp.Events = events
	pf := &care.ProviderFile{Family: file.Family, Scope: care.ScopeFile, Tasks: file.Tasks, TaskEvents: events, Me: file.Network[0]}
	pp := &ProviderPage{CarePage: cp, File: pf, Base: "/provider/families/7", TaskList: newTaskList(care.ViewProvider, "/provider/families/7", pf.Tasks, 0, today)}
	pp.Events = events
	newForm := func(v url.Values, errs Fields) *FormPage {
		return &FormPage{CarePage: cp, Builder: form.NewBuilder(cp.translator, v, errs), Submit: "form.save", Family: &file.Family}
	}
	edit := newForm(url.Values{"owner": {"network:3"}}, Fields{"owner": "task.owner_not_in_file"})
	taskEditForm(edit, file)
	contact := newForm(url.Values{"task_title": {"Recept"}}, Fields{"task_owner": "field.choose"})
	contactForm(contact, file)
	return map[string]any{"worklist": wl, "worklist_empty": empty, "family_taskhistory": fp, "provider_taskhistory": pp,
		"family_form_taskedit": edit, "family_form_followup": contact}
}
