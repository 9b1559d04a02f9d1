package web

import (
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// taskForm adds a task with an owner and a due date.
func taskForm(p *FormPage, file *care.File) {
	p.Heading, p.Action = "task.title", familyAction(file, "/tasks")
	p.Cancel = familyURL(file.Family.ID, "tasks")
	p.Section("",
		p.Text("title", "task.what", care.MaxShort, true),
		p.Choice("radios", "owner_kind", "task.owner_kind", "task.owner.", care.TaskOwners, true),
		p.Text("owner_name", "task.owner_name", care.MaxName, false).WithHint(p, "task.owner_name_hint"),
		p.DateField("due_date", "task.due_date", false, p.Today.AddDate(5, 0, 0)),
	)
}

func (s *Server) taskNew(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "task.title", url.Values{"owner_kind": {"casemanager"}}, taskForm)
}

func (s *Server) taskCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	t, errs := form.DecodeTask(v)
	if len(errs) > 0 {
		mergeValidation(errs, t.Validate(s.cfg.Now()))
		return s.formAgain(w, r, id, "task.title", v, errs, taskForm)
	}
	t.FamilyID = id
	err = s.care.CreateTask(r.Context(), s.actor(r), &t)
	return s.afterSave(w, r, id, "tasks", err, "task.title", v, taskForm)
}
