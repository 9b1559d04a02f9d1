package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Three readers see a family's tasks and close them: the case managers in
// the family file, the family in their own view (only the tasks that are
// theirs) and a provider in theirs (only the provider's own tasks). One
// partial draws the list for each (task-list in layout.html) and one
// handler closes a task for each (taskDone); what differs per reader is a
// parameter.

// TaskList is the tasks of a family as one reader sees them: the open
// ones, each with a form to close it, and the done ones.
type TaskList struct {
	OpenTasks []care.Task
	DoneTasks []care.Task // the most recently closed, when there are many
	DoneCount int         // closed tasks in all
	Done      *DoneForm   // a done form sent back with its error
	// TaskBase is the reader's page of the family; a done form posts to
	// TaskBase/tasks/{id}/done.
	TaskBase string
	// Events are the changes of owner and due date of the tasks, by task,
	// as far as the reader may see them; nil when none are shown.
	Events map[int64][]care.TaskEvent
	reader care.View
	today  time.Time
	quiet  bool // the child died: no task shows as overdue
}

// DoneForm is what was typed in a task's done form, with its error.
type DoneForm struct {
	TaskID int64
	Note   string
	Error  string // catalog key
}

// newTaskList splits tasks into open and done ones for reader, one of
// care.ViewCaseFile, care.ViewFamily and care.ViewProvider; doneCount is
// how many tasks are closed in all, when tasks holds the recent ones.
func newTaskList(reader care.View, base string, tasks []care.Task, doneCount int, today time.Time) TaskList {
	l := TaskList{TaskBase: base, reader: reader, today: today}
	for _, t := range tasks {
		if t.Status == "open" {
			l.OpenTasks = append(l.OpenTasks, t)
		} else {
			l.DoneTasks = append(l.DoneTasks, t)
		}
	}
	l.DoneCount = max(doneCount, len(l.DoneTasks))
	return l
}

// DoneOlder reports whether more tasks are closed than the list shows.
func (l *TaskList) DoneOlder() bool { return l.DoneCount > len(l.DoneTasks) }

// taskKeys are the catalog keys of the texts of a task list, by reader.
var taskKeys = map[care.View]map[string]string{
	care.ViewCaseFile: {"none": "task.none_open", "done_count": "task.done_count", "due": "task.due",
		"note": "task.done_note", "submit": "task.done_submit",
		"history": "task.history_title", "history.owner": "task.history.owner", "history.due_date": "task.history.due_date"},
	care.ViewFamily: {"none": "familyview.tasks_none", "done_count": "familyview.tasks_done", "due": "familyview.task_due",
		"note": "familyview.done_note", "submit": "familyview.done_submit"},
	care.ViewProvider: {"none": "provider.tasks_none", "done_count": "task.done_count", "due": "task.due",
		"note": "provider.done_note", "submit": "task.done_submit",
		"history": "task.history_title", "history.owner": "task.history_provider.owner", "history.due_date": "task.history_provider.due_date"},
}

// TaskHistory is the changes of task id the reader is shown, oldest first.
func (l *TaskList) TaskHistory(id int64) []care.TaskEvent { return l.Events[id] }

// HistoryKey is the catalog key, in the reader's words, of a change of field.
func (l *TaskList) HistoryKey(field string) string { return l.TaskKey("history." + field) }

// MayChange reports whether the reader may give a task to someone else or
// move its date: the case managers.
func (l *TaskList) MayChange() bool { return l.reader == care.ViewCaseFile }

// TaskKey is the catalog key of one text of the list for its reader.
func (l *TaskList) TaskKey(name string) string { return taskKeys[l.reader][name] }

// Overdue reports whether an open task is past its due date today.
func (l *TaskList) Overdue(t care.Task) bool { return !l.quiet && t.Overdue(l.today) }

// Ours reports whether a task is the family's to do, in the family's view.
func (l *TaskList) Ours(t care.Task) bool {
	return l.reader == care.ViewFamily && t.OwnerKind == "family"
}

// MayClose reports whether the reader gets a form to close the task: the
// family closes only its own tasks.
func (l *TaskList) MayClose(t care.Task) bool { return l.reader != care.ViewFamily || l.Ours(t) }

// ShortNote reports whether the note of what was done is one short line
// (the family's) rather than a text.
func (l *TaskList) ShortNote() bool { return l.reader == care.ViewFamily }

// PlanLinks reports whether the actions of the care plan link to their
// part of the plan (the case managers' file).
func (l *TaskList) PlanLinks() bool { return l.reader == care.ViewCaseFile }

// DoneNote is what was typed in the done form of task id.
func (l *TaskList) DoneNote(id int64) string {
	if l.Done != nil && l.Done.TaskID == id {
		return l.Done.Note
	}
	return ""
}

// DoneError is the catalog key of the error at the done form of task id.
func (l *TaskList) DoneError(id int64) string {
	if l.Done != nil && l.Done.TaskID == id {
		return l.Done.Error
	}
	return ""
}

// taskCloser is how one reader closes a task.
type taskCloser struct {
	view care.View // the reader's door to the family
	// doneURL is where the reader goes once the task is closed, and the
	// tasks on the reader's page, where a form sent twice goes back to.
	doneURL, tasksURL func(familyID int64) string
	// again draws the reader's page of in again, with the note typed and
	// its error at the task.
	again func(w http.ResponseWriter, r *http.Request, in *care.InvalidInput, done *DoneForm) error
}

// taskDone closes a task with a note of what was done, for the reader of
// c: one call of the care service, which checks the note and, when it is
// missing or too long, gives back the page to draw again.
func (s *Server) taskDone(c taskCloser) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
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
		note := v.Get("done_note")
		err = s.care.CompleteTask(r.Context(), s.actor(r), c.view, id, tid, note)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, c.doneURL(id), http.StatusSeeOther)
			return nil
		case errors.Is(err, care.ErrTaskDone):
			// Sent twice: the task is closed already.
			http.Redirect(w, r, c.tasksURL(id), http.StatusSeeOther)
			return nil
		case errors.As(err, &in):
			return c.again(w, r, in, &DoneForm{TaskID: tid, Note: note, Error: in.Fields["done_note"]})
		}
		return err
	}
}

// caseFileTasks closes tasks in the case managers' family file. The form
// sits on the family page, so a missing note draws that page again.
func (s *Server) caseFileTasks() taskCloser {
	return taskCloser{
		view:     care.ViewCaseFile,
		doneURL:  func(id int64) string { return familyURL(id, "tasks") },
		tasksURL: func(id int64) string { return familyURL(id, "tasks") },
		again: func(w http.ResponseWriter, r *http.Request, in *care.InvalidInput, done *DoneForm) error {
			p := s.familyPage(r, in.Form)
			p.Done = done
			p.Path = familyURL(in.Form.Family.ID, "")
			s.render(w, r, http.StatusUnprocessableEntity, "family", p)
			return nil
		},
	}
}

// familyTasks closes the family's own tasks in their view, with a short note.
func (s *Server) familyTasks() taskCloser {
	return taskCloser{
		view:     care.ViewFamily,
		doneURL:  func(id int64) string { return savedURL(id, "task", "tasks") },
		tasksURL: func(id int64) string { return myFamilyURL(id, "#tasks") },
		again: func(w http.ResponseWriter, r *http.Request, in *care.InvalidInput, done *DoneForm) error {
			return s.familyViewAgain(w, r, in.Overview, http.StatusUnprocessableEntity, func(p *FamilyViewPage) {
				p.Done, p.Error = done, "familyview.task_not_done"
			})
		},
	}
}

// providerTasks closes a provider's own tasks in their view.
func (s *Server) providerTasks() taskCloser {
	return taskCloser{
		view:     care.ViewProvider,
		doneURL:  func(id int64) string { return providerURL(id, "?saved=task#tasks") },
		tasksURL: func(id int64) string { return providerURL(id, "#tasks") },
		again: func(w http.ResponseWriter, r *http.Request, in *care.InvalidInput, done *DoneForm) error {
			return s.providerAgain(w, r, in.Provider, func(p *ProviderPage) {
				p.Done, p.Error = done, "provider.task_not_done"
			})
		},
	}
}

// noteTaker is how one reader leaves a note in a family's file.
type noteTaker struct {
	view care.View // the reader's door to the family
	// kind is the kind of note when the reader's notes have one kind;
	// "" when the reader chooses (the form's "kind").
	kind string
	// savedURL is where the reader goes once the note is saved.
	savedURL func(familyID int64) string
	// again draws the reader's page of in again with what was typed.
	again func(w http.ResponseWriter, r *http.Request, in *care.InvalidInput, kind, body string) error
}

// noteCreate leaves a note, for the reader of n: one call of the care
// service, which gives back the page to draw again when the note is refused.
func (s *Server) noteCreate(n noteTaker) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		v, err := parseForm(w, r)
		if err != nil {
			return err
		}
		kind, body := n.kind, v.Get("body")
		if kind == "" {
			kind = v.Get("kind")
		}
		err = s.care.AddNote(r.Context(), s.actor(r), n.view, id, kind, body)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, n.savedURL(id), http.StatusSeeOther)
			return nil
		case errors.As(err, &in):
			return n.again(w, r, in, kind, body)
		}
		return err
	}
}

// familyNotes are the family's wishes and notes in their own view.
func (s *Server) familyNotes() noteTaker {
	return noteTaker{
		view:     care.ViewFamily,
		savedURL: func(id int64) string { return savedURL(id, "note", "notes") },
		again: func(w http.ResponseWriter, r *http.Request, in *care.InvalidInput, kind, body string) error {
			return s.familyViewAgain(w, r, in.Overview, http.StatusUnprocessableEntity, func(p *FamilyViewPage) {
				p.Note = NoteForm{Kind: kind, Body: body, Errors: in.Fields}
				p.Error = "familyview.note_not_saved"
			})
		},
	}
}

// providerNotes are a provider's notes for the case managers.
func (s *Server) providerNotes() noteTaker {
	return noteTaker{
		view:     care.ViewProvider,
		kind:     care.NoteProvider,
		savedURL: func(id int64) string { return providerURL(id, "?saved=note#note") },
		again: func(w http.ResponseWriter, r *http.Request, in *care.InvalidInput, _, body string) error {
			return s.providerAgain(w, r, in.Provider, func(p *ProviderPage) {
				p.NoteBody, p.NoteError = body, in.Fields["body"]
				p.Error = "provider.note_not_saved"
			})
		},
	}
}
