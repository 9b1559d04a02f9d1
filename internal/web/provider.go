package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// ProviderPage is what a provider in the network sees with the family's
// consent: the child, the network and their own tasks. Nothing else.
type ProviderPage struct {
	CarePage
	File      *care.ProviderFile
	Base      string
	OpenTasks []care.Task
	DoneTasks []care.Task
	Saved     string // catalog key of what was just saved
	Error     string // catalog key of a message above the page
	Done      *DoneForm
	NoteBody  string
	NoteError string // catalog key
}

// providerURL is a page of the provider's view of a family.
func providerURL(id int64, rest string) string {
	return "/provider/families/" + strconv.FormatInt(id, 10) + rest
}

// Scope is the words for the consent in force.
func (p *ProviderPage) Scope() string {
	if s := p.File.Scope; s == care.ScopeFile || s == care.ScopePlanNetwork {
		return p.T("provider.scope." + s)
	}
	return ""
}

// Overdue reports whether an open task is past its due date today.
func (p *ProviderPage) Overdue(t care.Task) bool { return t.Overdue(p.Today) }

// IsMe reports whether a network member is the provider looking.
func (p *ProviderPage) IsMe(n care.NetworkMember) bool { return n.ID == p.File.Me.ID }

// DoneNote is what was typed in the done form of task id.
func (p *ProviderPage) DoneNote(id int64) string {
	if p.Done != nil && p.Done.TaskID == id {
		return p.Done.Note
	}
	return ""
}

// DoneError is the catalog key of the error at the done form of task id.
func (p *ProviderPage) DoneError(id int64) string {
	if p.Done != nil && p.Done.TaskID == id {
		return p.Done.Error
	}
	return ""
}

// providerPage reads the provider's view of the family in the path.
func (s *Server) providerPage(r *http.Request) (*ProviderPage, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	pf, err := s.care.ProviderView(r.Context(), s.actor(r), id)
	if err != nil {
		return nil, err
	}
	p := &ProviderPage{CarePage: s.carePage(r, "provider.title"), File: pf, Base: providerURL(id, "")}
	p.Path = p.Base
	for _, t := range pf.Tasks {
		if t.Status == "open" {
			p.OpenTasks = append(p.OpenTasks, t)
		} else {
			p.DoneTasks = append(p.DoneTasks, t)
		}
	}
	return p, nil
}

func (s *Server) providerShow(w http.ResponseWriter, r *http.Request) error {
	p, err := s.providerPage(r)
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("saved") {
	case "task":
		p.Saved = "provider.saved.task"
	case "note":
		p.Saved = "provider.saved.note"
	}
	s.render(w, r, http.StatusOK, "provider", p)
	return nil
}

// providerAgain draws the provider's view again after a form came back.
func (s *Server) providerAgain(w http.ResponseWriter, r *http.Request, change func(*ProviderPage)) error {
	p, err := s.providerPage(r)
	if err != nil {
		return err
	}
	change(p)
	s.render(w, r, http.StatusUnprocessableEntity, "provider", p)
	return nil
}

// providerTaskDone closes one of the provider's own tasks with a note.
func (s *Server) providerTaskDone(w http.ResponseWriter, r *http.Request) error {
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
	note := form.Field(v, "done_note", care.MaxText, true, errs)
	if len(errs) == 0 {
		err = s.care.ProviderCompleteTask(r.Context(), s.actor(r), id, tid, note)
		if err == nil {
			http.Redirect(w, r, providerURL(id, "?saved=task#tasks"), http.StatusSeeOther)
			return nil
		}
		fe, ok := fieldErrorsOf(err)
		if !ok {
			if errors.Is(err, care.ErrTaskNotOpen) && s.providerTaskClosed(r, tid) {
				// Sent twice: the task is already done.
				http.Redirect(w, r, providerURL(id, "#tasks"), http.StatusSeeOther)
				return nil
			}
			return err
		}
		errs = fe
	}
	return s.providerAgain(w, r, func(p *ProviderPage) {
		p.Done = &DoneForm{TaskID: tid, Note: v.Get("done_note"), Error: errs["done_note"]}
		p.Error = "provider.task_not_done"
	})
}

// providerNoteCreate leaves a note for the case managers.
func (s *Server) providerNoteCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	errs := Fields{}
	body := form.Field(v, "body", care.MaxText, true, errs)
	if len(errs) == 0 {
		err = s.care.AddProviderNote(r.Context(), s.actor(r), id, body)
		if err == nil {
			http.Redirect(w, r, providerURL(id, "?saved=note#note"), http.StatusSeeOther)
			return nil
		}
		fe, ok := fieldErrorsOf(err)
		if !ok {
			return err
		}
		errs = fe
	}
	return s.providerAgain(w, r, func(p *ProviderPage) {
		p.NoteBody, p.NoteError = v.Get("body"), errs["body"]
		p.Error = "provider.note_not_saved"
	})
}

// providerTaskClosed reports whether task tid is one of the provider's
// own tasks and already done.
func (s *Server) providerTaskClosed(r *http.Request, tid int64) bool {
	p, err := s.providerPage(r)
	if err != nil {
		return false
	}
	for _, t := range p.DoneTasks {
		if t.ID == tid {
			return true
		}
	}
	return false
}
