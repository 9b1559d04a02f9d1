package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Conversations over the API. The door is the caller's role: a case
// manager comes through the case file, a family member through the
// family's view, a provider through the provider's view; the care service
// decides, and records, whether they may pass.

// apiView is the door of the caller's role.
func apiView(actor care.Actor) care.View {
	switch actor.Role {
	case care.RoleFamily:
		return care.ViewFamily
	case care.RoleProvider:
		return care.ViewProvider
	}
	return care.ViewCaseFile
}

type apiThreadOut struct {
	ID            int64          `json:"id"`
	Subject       string         `json:"subject"`
	CreatedBy     apiPersonOut   `json:"created_by"`
	CreatedAt     string         `json:"created_at"`
	LastMessageAt string         `json:"last_message_at"`
	Unread        int            `json:"unread"`
	Providers     []apiPersonOut `json:"providers,omitempty"`
}

type apiDocumentOut struct {
	ID          int64  `json:"id"`
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	URL         string `json:"url"`
}

type apiMessageOut struct {
	ID        int64           `json:"id"`
	Author    apiPersonOut    `json:"author"`
	Body      string          `json:"body"`
	CreatedAt string          `json:"created_at"`
	Document  *apiDocumentOut `json:"document,omitempty"`
}

type apiThreadsOut struct {
	Threads []apiThreadOut `json:"threads"`
}

type apiMessagesOut struct {
	Thread   apiThreadOut    `json:"thread"`
	Messages []apiMessageOut `json:"messages"`
}

func apiThread(t care.Thread) apiThreadOut {
	out := apiThreadOut{ID: t.ID, Subject: t.Subject, CreatedBy: apiPersonOut{AccountID: t.CreatedBy.AccountID, Name: t.CreatedBy.Name},
		CreatedAt: t.CreatedAt.UTC().Format(time.RFC3339), LastMessageAt: t.LastMessageAt.UTC().Format(time.RFC3339), Unread: t.Unread}
	for _, p := range t.Providers {
		out.Providers = append(out.Providers, apiPersonOut{AccountID: p.AccountID, Name: p.Name})
	}
	return out
}

func apiDocumentPath(familyID, documentID int64) string {
	return "/api/v1/families/" + strconv.FormatInt(familyID, 10) + "/documents/" + strconv.FormatInt(documentID, 10)
}

// apiThreads is GET /api/v1/families/{id}/threads: the conversations the
// caller takes part in, the most recently active first, with how many
// messages they have not read.
func (s *Server) apiThreads(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	l, err := s.care.Threads(r.Context(), actor, apiView(actor), id)
	if err != nil {
		return err
	}
	out := apiThreadsOut{Threads: make([]apiThreadOut, 0, len(l.Threads))}
	for _, t := range l.Threads {
		out.Threads = append(out.Threads, apiThread(t))
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}

type apiThreadIn struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

type apiMessageIn struct {
	Body string `json:"body"`
}

// apiThreadCreate is POST /api/v1/families/{id}/threads: a new
// conversation with its first message.
func (s *Server) apiThreadCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	var in apiThreadIn
	if err := apiDecodeObject(b, &in); err != nil {
		return 0, err
	}
	actor := s.actor(r)
	t, err := s.care.StartThread(r.Context(), actor, apiView(actor), id, in.Subject, in.Body, nil)
	if err != nil {
		return 0, err
	}
	return t.ID, nil
}

func apiThreadIDs(r *http.Request) (id, tid int64, err error) {
	if id, err = httpx.PathID(r, "id"); err != nil {
		return 0, 0, err
	}
	tid, err = httpx.PathID(r, "thread")
	return id, tid, err
}

// apiMessages is GET /api/v1/families/{id}/threads/{thread}/messages: the
// thread and its messages, oldest first. Reading them marks them read.
func (s *Server) apiMessages(w http.ResponseWriter, r *http.Request) error {
	id, tid, err := apiThreadIDs(r)
	if err != nil {
		return err
	}
	actor := s.actor(r)
	p, err := s.care.Thread(r.Context(), actor, apiView(actor), id, tid)
	if err != nil {
		return err
	}
	out := apiMessagesOut{Thread: apiThread(p.Thread), Messages: make([]apiMessageOut, 0, len(p.Messages))}
	for _, m := range p.Messages {
		mo := apiMessageOut{ID: m.ID, Author: apiPersonOut{AccountID: m.Author.AccountID, Name: m.Author.Name}, Body: m.Body, CreatedAt: m.CreatedAt.UTC().Format(time.RFC3339)}
		if d := m.Document; d != nil {
			mo.Document = &apiDocumentOut{ID: d.ID, FileName: d.FileName, ContentType: d.ContentType, Size: d.Size, URL: apiDocumentPath(id, d.ID)}
		}
		out.Messages = append(out.Messages, mo)
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}

// apiMessageCreate is POST /api/v1/families/{id}/threads/{thread}/messages:
// a reply. A thread of another family is not found, and nothing is saved.
func (s *Server) apiMessageCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, tid, err := apiThreadIDs(r)
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	var in apiMessageIn
	if err := apiDecodeObject(b, &in); err != nil {
		return 0, err
	}
	actor := s.actor(r)
	m, err := s.care.Reply(r.Context(), actor, apiView(actor), id, tid, strings.TrimSpace(in.Body), nil)
	if err != nil {
		return 0, err
	}
	return m.ID, nil
}

// apiDocument is GET /api/v1/families/{id}/documents/{doc}: the document
// as a download, recorded as a read.
func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	did, err := httpx.PathID(r, "doc")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	d, err := s.care.Document(r.Context(), actor, apiView(actor), id, did)
	if err != nil {
		return err
	}
	httpx.WriteDocument(w, d)
	return nil
}
