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

// taskDone closes a task with what was done. The form sits on the family
// page, so a missing note draws that page again with the error at the task.
func (s *Server) taskDone(w http.ResponseWriter, r *http.Request) error {
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
	note, errs := form.DecodeDone(v)
	if len(errs) == 0 {
		err = s.care.CompleteTask(r.Context(), s.actor(r), id, tid, note)
		if err == nil {
			http.Redirect(w, r, familyURL(id, "tasks"), http.StatusSeeOther)
			return nil
		}
		fe, ok := fieldErrorsOf(err)
		if !ok && care.ErrorCode(err) != care.NotFound {
			return err
		}
		errs = fe
	}
	file, ferr := s.care.File(r.Context(), s.actor(r), id)
	if ferr != nil {
		return ferr
	}
	task := taskIn(file, tid)
	switch {
	case task == nil:
		return care.Errorf(care.NotFound, "task not found")
	case task.Status != "open":
		// Sent twice: the task is already closed.
		http.Redirect(w, r, familyURL(id, "tasks"), http.StatusSeeOther)
		return nil
	case len(errs) == 0:
		return err
	}
	p := s.familyPage(r, file)
	p.Done = &DoneForm{TaskID: tid, Note: v.Get("done_note"), Error: errs["done_note"]}
	p.Path = familyURL(id, "")
	s.render(w, r, http.StatusUnprocessableEntity, "family", p)
	return nil
}

func taskIn(file *care.File, id int64) *care.Task {
	for i := range file.Tasks {
		if file.Tasks[i].ID == id {
			return &file.Tasks[i]
		}
	}
	return nil
}
