package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
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
	DoneTasks []care.Task
	Done      *DoneForm // a done form sent back with its error
	// TaskBase is the reader's page of the family; a done form posts to
	// TaskBase/tasks/{id}/done.
	TaskBase string
	reader   care.View
	today    time.Time
}

// DoneForm is what was typed in a task's done form, with its error.
type DoneForm struct {
	TaskID int64
	Note   string
	Error  string // catalog key
}

// newTaskList splits tasks into open and done ones for reader, one of
// care.ViewCaseFile, care.ViewFamily and care.ViewProvider.
func newTaskList(reader care.View, base string, tasks []care.Task, today time.Time) TaskList {
	l := TaskList{TaskBase: base, reader: reader, today: today}
	for _, t := range tasks {
		if t.Status == "open" {
			l.OpenTasks = append(l.OpenTasks, t)
		} else {
			l.DoneTasks = append(l.DoneTasks, t)
		}
	}
	return l
}

// taskKeys are the catalog keys of the texts of a task list, by reader.
var taskKeys = map[care.View]map[string]string{
	care.ViewCaseFile: {"none": "task.none_open", "done_count": "task.done_count", "due": "task.due",
		"note": "task.done_note", "submit": "task.done_submit"},
	care.ViewFamily: {"none": "familyview.tasks_none", "done_count": "familyview.tasks_done", "due": "familyview.task_due",
		"note": "familyview.done_note", "submit": "familyview.done_submit"},
	care.ViewProvider: {"none": "provider.tasks_none", "done_count": "task.done_count", "due": "task.due",
		"note": "provider.done_note", "submit": "task.done_submit"},
}

// TaskKey is the catalog key of one text of the list for its reader.
func (l *TaskList) TaskKey(name string) string { return taskKeys[l.reader][name] }

// Overdue reports whether an open task is past its due date today.
func (l *TaskList) Overdue(t care.Task) bool { return t.Overdue(l.today) }

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
	noteMax int // the longest note of what was done
	// complete closes the task through the care service's method for the reader.
	complete func(ctx context.Context, actor care.Actor, familyID, taskID int64, note string) error
	// doneURL is where the reader goes once the task is closed.
	doneURL func(familyID int64) string
	// recheck reports whether a refusal may be a form sent twice, so that
	// notDone looks whether the task was closed already.
	recheck func(err error) bool
	// notDone answers a task that was not closed: errs are the note's
	// field errors, or err is the refusal recheck accepted. It draws the
	// reader's page again with the form, or goes back to the tasks when
	// the task is closed already.
	notDone func(w http.ResponseWriter, r *http.Request, familyID, taskID int64, note string, errs Fields, err error) error
}

// taskDone closes a task with a note of what was done, for the reader of c.
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
		errs := Fields{}
		note := form.Field(v, "done_note", c.noteMax, true, errs)
		var refused error
		if len(errs) == 0 {
			err = c.complete(r.Context(), s.actor(r), id, tid, note)
			if err == nil {
				http.Redirect(w, r, c.doneURL(id), http.StatusSeeOther)
				return nil
			}
			fe, ok := fieldErrorsOf(err)
			switch {
			case ok:
				errs = fe
			case c.recheck(err):
				refused = err
			default:
				return err
			}
		}
		return c.notDone(w, r, id, tid, v.Get("done_note"), errs, refused)
	}
}

// caseFileTasks closes tasks in the case managers' family file. Any task
// of the family can be closed; a refusal is looked into on the file.
func (s *Server) caseFileTasks() taskCloser {
	return taskCloser{
		noteMax:  care.MaxText,
		complete: s.care.CompleteTask,
		doneURL:  func(id int64) string { return familyURL(id, "tasks") },
		recheck:  func(err error) bool { return care.ErrorCode(err) == care.NotFound },
		notDone: func(w http.ResponseWriter, r *http.Request, id, tid int64, note string, errs Fields, refused error) error {
			// The form sits on the family page, so a missing note draws
			// that page again with the error at the task.
			file, err := s.care.File(r.Context(), s.actor(r), id)
			if err != nil {
				return err
			}
			i := slices.IndexFunc(file.Tasks, func(t care.Task) bool { return t.ID == tid })
			switch {
			case i < 0:
				return care.Errorf(care.NotFound, "task not found")
			case file.Tasks[i].Status != "open":
				// Sent twice: the task is already closed.
				http.Redirect(w, r, familyURL(id, "tasks"), http.StatusSeeOther)
				return nil
			case len(errs) == 0:
				return refused
			}
			p := s.familyPage(r, file)
			p.Done = &DoneForm{TaskID: tid, Note: note, Error: errs["done_note"]}
			p.Path = familyURL(id, "")
			s.render(w, r, http.StatusUnprocessableEntity, "family", p)
			return nil
		},
	}
}

// familyTasks closes the family's own tasks in their view, with a short note.
func (s *Server) familyTasks() taskCloser {
	return taskCloser{
		noteMax:  care.MaxShort,
		complete: s.care.FamilyCompleteTask,
		doneURL:  func(id int64) string { return savedURL(id, "task", "tasks") },
		recheck:  func(err error) bool { return errors.Is(err, care.ErrTaskNotOpen) },
		notDone: func(w http.ResponseWriter, r *http.Request, id, tid int64, note string, errs Fields, refused error) error {
			if refused != nil {
				return s.taskSentTwice(w, r, id, tid, refused)
			}
			return s.familyViewAgain(w, r, http.StatusUnprocessableEntity, func(p *FamilyViewPage) {
				p.Done = &DoneForm{TaskID: tid, Note: note, Error: errs["done_note"]}
				p.Error = "familyview.task_not_done"
			})
		},
	}
}

// providerTasks closes a provider's own tasks in their view.
func (s *Server) providerTasks() taskCloser {
	return taskCloser{
		noteMax:  care.MaxText,
		complete: s.care.ProviderCompleteTask,
		doneURL:  func(id int64) string { return providerURL(id, "?saved=task#tasks") },
		recheck:  func(err error) bool { return errors.Is(err, care.ErrTaskNotOpen) },
		notDone: func(w http.ResponseWriter, r *http.Request, id, tid int64, note string, errs Fields, refused error) error {
			if refused != nil {
				if s.providerTaskClosed(r, tid) {
					// Sent twice: the task is already done.
					http.Redirect(w, r, providerURL(id, "#tasks"), http.StatusSeeOther)
					return nil
				}
				return refused
			}
			return s.providerAgain(w, r, func(p *ProviderPage) {
				p.Done = &DoneForm{TaskID: tid, Note: note, Error: errs["done_note"]}
				p.Error = "provider.task_not_done"
			})
		},
	}
}

// noteTaker is how one reader leaves a note in a family's file.
type noteTaker struct {
	// kinds are the kinds of note the reader chooses from; none when the
	// reader's notes have one kind.
	kinds []string
	// add saves the note through the care service's method for the reader.
	add func(ctx context.Context, actor care.Actor, familyID int64, kind, body string) error
	// savedURL is where the reader goes once the note is saved.
	savedURL func(familyID int64) string
	// notSaved draws the reader's page again with what was typed and errs.
	notSaved func(w http.ResponseWriter, r *http.Request, kind, body string, errs Fields) error
}

// noteCreate leaves a note, for the reader of n.
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
		errs := Fields{}
		var kind string
		if n.kinds != nil {
			if kind = v.Get("kind"); !slices.Contains(n.kinds, kind) {
				errs["kind"] = "field.choose"
			}
		}
		body := form.Field(v, "body", care.MaxText, true, errs)
		if len(errs) == 0 {
			err = n.add(r.Context(), s.actor(r), id, kind, body)
			if err == nil {
				http.Redirect(w, r, n.savedURL(id), http.StatusSeeOther)
				return nil
			}
			fe, ok := fieldErrorsOf(err)
			if !ok {
				return err
			}
			errs = fe
		}
		return n.notSaved(w, r, kind, v.Get("body"), errs)
	}
}

// familyNotes are the family's wishes and notes in their own view.
func (s *Server) familyNotes() noteTaker {
	return noteTaker{
		kinds:    []string{care.NoteWish, care.NoteFamily},
		add:      s.care.AddFamilyNote,
		savedURL: func(id int64) string { return savedURL(id, "note", "notes") },
		notSaved: func(w http.ResponseWriter, r *http.Request, kind, body string, errs Fields) error {
			return s.familyViewAgain(w, r, http.StatusUnprocessableEntity, func(p *FamilyViewPage) {
				p.Note = NoteForm{Kind: kind, Body: body, Errors: errs}
				p.Error = "familyview.note_not_saved"
			})
		},
	}
}

// providerNotes are a provider's notes for the case managers.
func (s *Server) providerNotes() noteTaker {
	return noteTaker{
		add: func(ctx context.Context, actor care.Actor, id int64, _, body string) error {
			return s.care.AddProviderNote(ctx, actor, id, body)
		},
		savedURL: func(id int64) string { return providerURL(id, "?saved=note#note") },
		notSaved: func(w http.ResponseWriter, r *http.Request, _, body string, errs Fields) error {
			return s.providerAgain(w, r, func(p *ProviderPage) {
				p.NoteBody, p.NoteError = body, errs["body"]
				p.Error = "provider.note_not_saved"
			})
		},
	}
}
