package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// taskEditForm gives an open task to someone else or moves its due date,
// with the task's history above it. file.Tasks holds the one task.
func taskEditForm(p *FormPage, file *care.File) {
	t := file.Tasks[0]
	p.Heading, p.Intro = "task.edit_title", ""
	p.Action = taskURL(file.Family.ID, t.ID)
	p.Cancel = familyURL(file.Family.ID, "task-"+idString(t.ID))
	p.Submit = "task.edit_submit"
	p.Section("",
		ownerPicker(p, file, "owner", true),
		p.DateField("due_date", "task.due_date", false, p.Today.AddDate(5, 0, 0)),
	)
	p.Sections[len(p.Sections)-1].Heading = t.Title
	lines := []string{p.T("task.history_created", "When", p.Date(t.CreatedAt), "Who", t.CreatedBy.Name)}
	for _, e := range file.TaskEvents[t.ID] {
		lines = append(lines, p.TaskChange("task.history."+e.Field, e))
	}
	p.Sections = append(p.Sections, form.Section{Legend: p.T("task.history_title"), ID: "task-history", List: lines})
}

// taskEdit shows the form that changes one task, filled in as it stands.
func (s *Server) taskEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	tid, err := httpx.PathID(r, "tid")
	if err != nil {
		return err
	}
	file, err := s.care.TaskForm(r.Context(), s.actor(r), id, tid)
	if err != nil {
		return err
	}
	t := file.Tasks[0]
	if t.Status != "open" {
		return care.ErrTaskNotOpen
	}
	v := url.Values{"owner": {t.Owner().String()}, "due_date": {form.ISODate(t.DueDate)}}
	return s.showForm(w, r, file, "task.edit_title", v, taskEditForm)
}

// taskUpdate gives a task to someone else and sets its due date: one call
// of the care service, which keeps the history; a refused form comes back
// with what was picked.
func (s *Server) taskUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	tid, err := httpx.PathID(r, "tid")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	owner, due, errs := form.DecodeReassign(v)
	if len(errs) > 0 {
		file, err := s.care.TaskForm(r.Context(), s.actor(r), id, tid)
		if err != nil {
			return err
		}
		return s.renderFormAgain(w, r, file, "task.edit_title", v, errs, taskEditForm)
	}
	err = s.care.ReassignTask(r.Context(), s.actor(r), id, tid, owner, due)
	var in *care.InvalidInput
	switch {
	case err == nil:
		http.Redirect(w, r, familyURL(id, "task-"+idString(tid)), http.StatusSeeOther)
		return nil
	case errors.As(err, &in) && in.Form != nil:
		return s.renderFormAgain(w, r, in.Form, "task.edit_title", v, in.Fields, taskEditForm)
	}
	return err
}
