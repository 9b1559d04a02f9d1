package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// taskForm adds a task with an owner picked from the people in the file
// and a due date.
func taskForm(p *FormPage, file *care.File) {
	p.Heading, p.Action = "task.title", familyAction(file, "/tasks")
	p.Cancel = familyURL(file.Family.ID, "tasks")
	p.Section("",
		p.Text("title", "task.what", care.MaxShort, true),
		ownerPicker(p, file, "owner", true),
		p.DateField("due_date", "task.due_date", false, p.Today.AddDate(5, 0, 0)),
	)
}

// ownOwner is the case manager asking, as a picker sends them: the owner
// a new task starts with.
func ownOwner(actor care.Actor) string {
	return care.TaskOwner{Kind: care.OwnerCaseManager, ID: actor.AccountID}.String()
}

func (s *Server) taskNew(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyForm(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "task.title", url.Values{"owner": {ownOwner(s.actor(r))}}, taskForm)
}

// checkTask runs the domain's checks on a task of a form with errors; the
// owner is looked up by the service, so only the other fields are checked.
func checkTask(t *care.Task, now time.Time) error {
	x := *t
	x.OwnerKind = care.OwnerFamily
	return x.Validate(now)
}

// taskCreate adds a task.
func (s *Server) taskCreate() handler {
	return postToFamily(s, familyPost[care.Task]{
		title: "task.title", anchor: "tasks", fill: fixed(taskForm),
		decode: form.DecodeTask,
		check:  checkTask,
		save: func(ctx context.Context, actor care.Actor, id int64, t *care.Task) error {
			t.FamilyID = id
			return s.care.CreateTask(ctx, actor, t)
		},
	})
}

// taskURL is the page of one task of a family: who it is for, by when,
// and how that changed.
func taskURL(familyID, taskID int64) string {
	return familyURL(familyID, "") + "/tasks/" + strconv.FormatInt(taskID, 10)
}
