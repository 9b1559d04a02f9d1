package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
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
	file, err := s.familyForm(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "task.title", url.Values{"owner_kind": {"casemanager"}}, taskForm)
}

// taskCreate adds a task.
func (s *Server) taskCreate() handler {
	return postToFamily(s, familyPost[care.Task]{
		title: "task.title", anchor: "tasks", fill: fixed(taskForm),
		decode: form.DecodeTask,
		check:  func(t *care.Task, now time.Time) error { return t.Validate(now) },
		save: func(ctx context.Context, actor care.Actor, id int64, t *care.Task) error {
			t.FamilyID = id
			return s.care.CreateTask(ctx, actor, t)
		},
	})
}
