package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Conversations: one set of handlers behind three doors, the case
// managers' file (/families), the family's own view (/my/families) and a
// provider's view (/provider/families). The door comes with the route;
// the care service decides, and records, who may pass.

// threadBase is the path of the family's pages behind the door view.
func threadBase(view care.View, familyID int64) string {
	switch view {
	case care.ViewFamily:
		return myFamilyURL(familyID, "")
	case care.ViewProvider:
		return providerURL(familyID, "")
	}
	return "/families/" + strconv.FormatInt(familyID, 10)
}

// ThreadURL is the path of a thread behind the door view: the link a
// notice of a new message holds.
func ThreadURL(view care.View, familyID, threadID int64) string {
	return threadBase(view, familyID) + "/threads/" + strconv.FormatInt(threadID, 10)
}

// ThreadForm is what was typed in a form of a conversation, with its errors.
type ThreadForm struct {
	Subject string
	Body    string
	Errors  Fields
}

// Error is the catalog key of the error at a field, or "".
func (f ThreadForm) Error(name string) string { return f.Errors[name] }

// threadAudience is the words a page of a conversation speaks in: "u" to
// professionals, "je/jullie" to the family.
type threadAudience struct {
	View care.View
	Base string // the path of the family behind the door
}

// Pro reports whether the reader is a professional.
func (a threadAudience) Pro() bool { return a.View != care.ViewFamily }

// CaseFile reports whether the reader is a case manager of the family.
func (a threadAudience) CaseFile() bool { return a.View == care.ViewCaseFile }

// wordsKey is key in the words of the audience: threads.pro.* or threads.family.*.
func (a threadAudience) wordsKey(key string) string {
	if a.Pro() {
		return "threads.pro." + key
	}
	return "threads.family." + key
}

// ThreadsPage lists a family's conversations and starts a new one.
type ThreadsPage struct {
	CarePage
	threadAudience
	List  *care.ThreadList
	Start ThreadForm
	Error string // catalog key of a message above the form
}

// A translates key in the words of the audience.
func (p *ThreadsPage) A(key string, data ...any) string { return p.T(p.wordsKey(key), data...) }

// ThreadPage is one conversation, the reply form and, for the case
// managers, the form that adds a provider.
type ThreadPage struct {
	CarePage
	threadAudience
	Page     *care.ThreadPage
	Reply    ThreadForm
	Error    string // catalog key of a message above the form
	Provider string // catalog key of the error at the provider form
	Saved    string // catalog key of what was just saved
}

// A translates key in the words of the audience.
func (p *ThreadPage) A(key string, data ...any) string { return p.T(p.wordsKey(key), data...) }

// Mine reports whether the reader wrote a message.
func (p *ThreadPage) Mine(m care.Message) bool {
	return p.Account != nil && m.Author.AccountID == p.Account.ID
}

// DocumentURL is where a message's document is downloaded.
func (p *ThreadPage) DocumentURL(d *care.Document) string {
	return p.Base + "/documents/" + strconv.FormatInt(d.ID, 10)
}

// Size says how large a document is, in kB or MB.
func (p *ThreadPage) Size(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(max(n>>10, 1), 10) + " kB"
	}
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
}

func (s *Server) threadsPage(r *http.Request, view care.View, id int64, l *care.ThreadList) *ThreadsPage {
	p := &ThreadsPage{CarePage: s.carePage(r, "threads.title"), threadAudience: threadAudience{View: view, Base: threadBase(view, id)},
		List: l, Start: ThreadForm{Errors: Fields{}}}
	return p
}

func (s *Server) threadPage(r *http.Request, view care.View, id int64, tp *care.ThreadPage) *ThreadPage {
	return &ThreadPage{CarePage: s.carePage(r, "threads.thread_title"), threadAudience: threadAudience{View: view, Base: threadBase(view, id)},
		Page: tp, Reply: ThreadForm{Errors: Fields{}}}
}

// threadsShow lists the family's conversations.
func (s *Server) threadsShow(view care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		l, err := s.care.Threads(r.Context(), s.actor(r), view, id)
		if err != nil {
			return err
		}
		s.render(w, r, http.StatusOK, "threads", s.threadsPage(r, view, id, l))
		return nil
	}
}

// readMessageForm reads a form of a conversation: the text fields, and
// the document when one was chosen. A file that is too large is refused
// here, with the text kept.
func readMessageForm(w http.ResponseWriter, r *http.Request, subject bool) (ThreadForm, *care.Upload, error) {
	u, err := form.ReadUpload(w, r, "document")
	if err != nil {
		return ThreadForm{}, nil, err
	}
	f := ThreadForm{Errors: u.Errors}
	if subject {
		f.Subject = form.Field(u.Values, "subject", care.MaxSubject, true, f.Errors)
	}
	f.Body = form.Field(u.Values, "body", care.MaxMessage, true, f.Errors)
	return f, u.File, nil
}

// formStatus is the status of a form drawn again: 413 for a file that is
// too large, else 422.
func formStatus(errs Fields) int {
	if errs["document"] == "document.too_large" {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusUnprocessableEntity
}

// threadStart starts a conversation with its first message.
func (s *Server) threadStart(view care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		f, doc, err := readMessageForm(w, r, true)
		if err != nil {
			return err
		}
		var l *care.ThreadList
		if len(f.Errors) == 0 {
			t, err := s.care.StartThread(r.Context(), s.actor(r), view, id, f.Subject, f.Body, doc)
			var in *care.InvalidInput
			switch {
			case err == nil:
				http.Redirect(w, r, ThreadURL(view, id, t.ID)+"?saved=started", http.StatusSeeOther)
				return nil
			case !errors.As(err, &in) || in.Threads == nil:
				return err
			}
			l, f.Errors = in.Threads, in.Fields
		} else if l, err = s.care.Threads(r.Context(), s.actor(r), view, id); err != nil {
			return err
		}
		p := s.threadsPage(r, view, id, l)
		p.Start, p.Error = f, "threads.not_sent"
		s.render(w, r, formStatus(f.Errors), "threads", p)
		return nil
	}
}

// threadShow draws one conversation and marks it read.
func (s *Server) threadShow(view care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, tid, err := threadIDs(r)
		if err != nil {
			return err
		}
		tp, err := s.care.Thread(r.Context(), s.actor(r), view, id, tid)
		if err != nil {
			return err
		}
		p := s.threadPage(r, view, id, tp)
		switch r.URL.Query().Get("saved") {
		case "started", "sent", "provider":
			p.Saved = "saved." + r.URL.Query().Get("saved")
		}
		s.render(w, r, http.StatusOK, "thread", p)
		return nil
	}
}

func threadIDs(r *http.Request) (id, tid int64, err error) {
	if id, err = httpx.PathID(r, "id"); err != nil {
		return 0, 0, err
	}
	tid, err = httpx.PathID(r, "thread")
	return id, tid, err
}

// threadReply adds a message to a conversation.
func (s *Server) threadReply(view care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, tid, err := threadIDs(r)
		if err != nil {
			return err
		}
		f, doc, err := readMessageForm(w, r, false)
		if err != nil {
			return err
		}
		var tp *care.ThreadPage
		if len(f.Errors) == 0 {
			_, err := s.care.Reply(r.Context(), s.actor(r), view, id, tid, f.Body, doc)
			var in *care.InvalidInput
			switch {
			case err == nil:
				http.Redirect(w, r, ThreadURL(view, id, tid)+"?saved=sent#reply", http.StatusSeeOther)
				return nil
			case !errors.As(err, &in) || in.Thread == nil:
				return err
			}
			tp, f.Errors = in.Thread, in.Fields
		} else if tp, err = s.care.Thread(r.Context(), s.actor(r), view, id, tid); err != nil {
			return err
		}
		p := s.threadPage(r, view, id, tp)
		p.Reply, p.Error = f, "threads.not_sent"
		s.render(w, r, formStatus(f.Errors), "thread", p)
		return nil
	}
}

// threadAddProvider lets a case manager add a provider with consent to a
// conversation.
func (s *Server) threadAddProvider(w http.ResponseWriter, r *http.Request) error {
	id, tid, err := threadIDs(r)
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	errs := Fields{}
	mid := int64(form.Number(v, "provider", errs))
	if mid == 0 && len(errs) == 0 {
		errs["provider"] = "field.required"
	}
	if len(errs) == 0 {
		err = s.care.AddThreadProvider(r.Context(), s.actor(r), id, tid, mid)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, ThreadURL(care.ViewCaseFile, id, tid)+"?saved=provider", http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Thread == nil:
			return err
		}
		errs = in.Fields
		p := s.threadPage(r, care.ViewCaseFile, id, in.Thread)
		p.Provider = errs["provider"]
		s.render(w, r, http.StatusUnprocessableEntity, "thread", p)
		return nil
	}
	tp, err := s.care.Thread(r.Context(), s.actor(r), care.ViewCaseFile, id, tid)
	if err != nil {
		return err
	}
	p := s.threadPage(r, care.ViewCaseFile, id, tp)
	p.Provider = errs["provider"]
	s.render(w, r, http.StatusUnprocessableEntity, "thread", p)
	return nil
}

// documentDownload sends a document of the family as an attachment, never
// to be shown inline or sniffed by the browser; the care service records
// the download as a read.
func (s *Server) documentDownload(view care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		did, err := httpx.PathID(r, "doc")
		if err != nil {
			return err
		}
		d, err := s.care.Document(r.Context(), s.actor(r), view, id, did)
		if err != nil {
			return err
		}
		httpx.WriteDocument(w, d)
		return nil
	}
}
