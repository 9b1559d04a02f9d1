package web

import (
	"net/http"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// ProviderPage is what a provider in the network sees with the family's
// consent: the child, the network and their own tasks. Nothing else.
type ProviderPage struct {
	CarePage
	File *care.ProviderFile
	Base string
	TaskList
	Saved     string // catalog key of what was just saved
	Error     string // catalog key of a message above the page
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

// TaskChange says a change of one of the provider's tasks; a handover to
// the provider says "to you".
func (p *ProviderPage) TaskChange(key string, e care.TaskEvent) string {
	if e.Field == "owner" && e.ToKind == care.OwnerNetwork && e.To == p.File.Me.Name {
		key = "task.history_provider.to_you"
	}
	return p.CarePage.TaskChange(key, e)
}

// TaskOwner is empty: a provider sees only their own tasks.
func (p *ProviderPage) TaskOwner(care.Task) string { return "" }

// IsMe reports whether a network member is the provider looking.
func (p *ProviderPage) IsMe(n care.NetworkMember) bool { return n.ID == p.File.Me.ID }

// providerPage reads the provider's view of the family in the path.
// providerPage is the provider's page of the family in the path: pf as a
// refused write read it, or nil to read it.
func (s *Server) providerPage(r *http.Request, pf *care.ProviderFile) (*ProviderPage, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	if pf == nil {
		if pf, err = s.care.ProviderView(r.Context(), s.actor(r), id); err != nil {
			return nil, err
		}
	}
	p := &ProviderPage{CarePage: s.carePage(r, "provider.title"), File: pf, Base: providerURL(id, "")}
	p.Path = p.Base
	p.TaskList = newTaskList(care.ViewProvider, p.Base, pf.Tasks, pf.DoneTaskCount, p.Today)
	p.Events = pf.TaskEvents
	return p, nil
}

func (s *Server) providerShow(w http.ResponseWriter, r *http.Request) error {
	p, err := s.providerPage(r, nil)
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

// NoResuscitation is the plan's decision not to resuscitate, or nil.
func (p *ProviderPage) NoResuscitation() *care.Directive { return noResuscitation(p.File.Directives) }

// Discussed are the treatment directives that were talked about: those
// "not discussed" are left out of the short list on the provider's page.
func (p *ProviderPage) Discussed() []care.Directive {
	var out []care.Directive
	for _, d := range p.File.Directives {
		if d.Decision != "" && d.Decision != "not_discussed" {
			out = append(out, d)
		}
	}
	return out
}

// providerAgain draws the provider's view again after a form came back.
func (s *Server) providerAgain(w http.ResponseWriter, r *http.Request, pf *care.ProviderFile, change func(*ProviderPage)) error {
	p, err := s.providerPage(r, pf)
	if err != nil {
		return err
	}
	change(p)
	s.render(w, r, http.StatusUnprocessableEntity, "provider", p)
	return nil
}
