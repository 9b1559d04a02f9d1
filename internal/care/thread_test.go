package care_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// noticeLog keeps the notices the service asks to send.
type noticeLog struct {
	mu      sync.Mutex
	notices []care.Notice
}

func (l *noticeLog) NotifyNewMessage(_ context.Context, ns []care.Notice) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.notices = append(l.notices, ns...)
}

// take returns the e-mail addresses told since the last take, sorted.
func (l *noticeLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var to []string
	for _, n := range l.notices {
		to = append(to, n.Email)
	}
	l.notices = nil
	slices.Sort(to)
	return to
}

var pdf = append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 100)...)

// TestThreadsWhoMayReadAndWrite walks one conversation: the family starts
// it, the case manager answers and adds a provider with consent; everyone
// else, and a provider whose consent is withdrawn, gets NotFound.
func TestThreadsWhoMayReadAndWrite(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1))
			log := &noticeLog{}
			w.svc.SetNotifier(log)

			last := lastAuditID(t, w.s)
			th, err := w.svc.StartThread(ctx, w.mother, care.ViewFamily, w.fam, " Rolstoel ", "Wanneer komt hij?", nil)
			if err != nil || th == nil || th.Subject != "Rolstoel" {
				t.Fatalf("StartThread = %+v, %v", th, err)
			}
			oneAudit(t, w.s, last, w.record(w.mother, w.fam, "thread", th.ID, care.ActionCreate, care.OutcomeSuccess))
			if got, want := log.take(), []string{"cm@example.org", "vader@example.org"}; !slices.Equal(got, want) {
				t.Errorf("told of the new thread: %v, want %v (not the author, not cm2, not a provider outside it)", got, want)
			}

			// The case manager sees it unread, reads it (one record), answers.
			l, err := w.svc.Threads(ctx, w.cm, care.ViewCaseFile, w.fam)
			if err != nil || len(l.Threads) != 1 || l.Threads[0].Unread != 1 || !l.MayStart {
				t.Fatalf("case manager's threads = %+v, %v", l, err)
			}
			var page *care.ThreadPage
			w.audited(t, w.record(w.cm, w.fam, "message", th.ID, care.ActionRead, care.OutcomeSuccess), func() error {
				page, err = w.svc.Thread(ctx, w.cm, care.ViewCaseFile, w.fam, th.ID)
				return err
			})
			if err != nil || len(page.Messages) != 1 || page.Messages[0].Body != "Wanneer komt hij?" {
				t.Fatalf("Thread = %+v, %v", page, err)
			}
			if l, _ := w.svc.Threads(ctx, w.cm, care.ViewCaseFile, w.fam); l.Threads[0].Unread != 0 {
				t.Errorf("unread after reading = %d", l.Threads[0].Unread)
			}
			if _, err := w.svc.Reply(ctx, w.cm, care.ViewCaseFile, w.fam, th.ID, "Volgende week.", nil); err != nil {
				t.Fatal(err)
			}
			// The father has not read the first message: he is not told twice.
			if got, want := log.take(), []string{"moeder@example.org"}; !slices.Equal(got, want) {
				t.Errorf("told of the answer: %v, want %v", got, want)
			}

			// Not the family's case manager, another family's parent, an
			// administrator: NotFound, and on record.
			for _, c := range []struct {
				name  string
				actor care.Actor
				view  care.View
			}{
				{"other case manager", w.cm2, care.ViewCaseFile},
				{"other family's parent", w.otherParent, care.ViewFamily},
				{"provider without consent", w.gp, care.ViewProvider},
				{"case manager through the family's door", w.cm, care.ViewFamily},
			} {
				w.audited(t, w.record(c.actor, w.fam, "message", 0, care.ActionRead, care.OutcomeDenied), func() error {
					_, err := w.svc.Thread(ctx, c.actor, c.view, w.fam, th.ID)
					wantCode(t, c.name+" reads", err, care.NotFound, "")
					return nil
				})
				_, err := w.svc.Reply(ctx, c.actor, c.view, w.fam, th.ID, "hallo", nil)
				wantCode(t, c.name+" writes", err, care.NotFound, "")
			}

			// A provider with consent sees only threads they were added to.
			if err := w.svc.SetConsent(ctx, w.mother, w.fam, w.gpNet, true, care.ScopeFile); err != nil {
				t.Fatal(err)
			}
			if l, err := w.svc.Threads(ctx, w.gp, care.ViewProvider, w.fam); err != nil || len(l.Threads) != 0 || l.MayStart {
				t.Fatalf("provider's threads before being added = %+v, %v", l, err)
			}
			_, err = w.svc.Thread(ctx, w.gp, care.ViewProvider, w.fam, th.ID)
			wantCode(t, "provider not added reads", err, care.NotFound, "")
			_, err = w.svc.StartThread(ctx, w.gp, care.ViewProvider, w.fam, "Vraag", "x", nil)
			wantCode(t, "provider starts a thread", err, care.NotFound, "")

			page, err = w.svc.Thread(ctx, w.cm, care.ViewCaseFile, w.fam, th.ID)
			if err != nil || len(page.Addable) != 1 || page.Addable[0].ID != w.gpNet {
				t.Fatalf("addable providers = %+v, %v (only the GP has consent)", page.Addable, err)
			}
			err = w.svc.AddThreadProvider(ctx, w.cm, w.fam, th.ID, w.physioNet)
			var fe care.FieldErrors
			if !asFieldErrors(err, &fe) || fe["provider"] != "thread.provider_no_consent" {
				t.Errorf("adding a provider without consent: %v", err)
			}
			if err := w.svc.AddThreadProvider(ctx, w.cm, w.fam, th.ID, w.gpNet); err != nil {
				t.Fatal(err)
			}
			page, err = w.svc.Thread(ctx, w.gp, care.ViewProvider, w.fam, th.ID)
			if err != nil || len(page.Messages) != 2 {
				t.Fatalf("added provider reads = %+v, %v", page, err)
			}
			if _, err := w.svc.Reply(ctx, w.gp, care.ViewProvider, w.fam, th.ID, "Ik kijk mee.", nil); err != nil {
				t.Fatal(err)
			}
			// The case manager read up to their own answer; the mother had not
			// read it; the father still has not.
			if got, want := log.take(), []string{"cm@example.org"}; !slices.Equal(got, want) {
				t.Errorf("told of the provider's answer: %v, want %v", got, want)
			}

			// Withdrawn consent: no access at once, and no notices.
			if err := w.svc.SetConsent(ctx, w.mother, w.fam, w.gpNet, false, ""); err != nil {
				t.Fatal(err)
			}
			_, err = w.svc.Thread(ctx, w.gp, care.ViewProvider, w.fam, th.ID)
			wantCode(t, "provider after withdrawal reads", err, care.NotFound, "")
			_, err = w.svc.Reply(ctx, w.gp, care.ViewProvider, w.fam, th.ID, "nog één", nil)
			wantCode(t, "provider after withdrawal writes", err, care.NotFound, "")
			if _, err := w.svc.Thread(ctx, w.cm, care.ViewCaseFile, w.fam, th.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Reply(ctx, w.mother, care.ViewFamily, w.fam, th.ID, "Dank je.", nil); err != nil {
				t.Fatal(err)
			}
			if got := log.take(); slices.Contains(got, "huisarts@example.org") {
				t.Errorf("a provider without consent was told: %v", got)
			}

			// The child with an account reads the family's threads too.
			child := w.linkChild(t)
			if l, err := w.svc.Threads(ctx, child, care.ViewFamily, w.fam); err != nil || len(l.Threads) != 1 {
				t.Errorf("child's threads = %+v, %v", l, err)
			}
		})
	}
}

func asFieldErrors(err error, fe *care.FieldErrors) bool {
	var in *care.InvalidInput
	if errors.As(err, &in) {
		*fe = in.Fields
		return true
	}
	return errors.As(err, fe)
}

// TestThreadOfAnotherFamily: a message to a thread through another
// family's id is NotFound, and nothing is saved.
func TestThreadOfAnotherFamily(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1))
			th, err := w.svc.StartThread(ctx, w.mother, care.ViewFamily, w.fam, "Vraag", "Eerste", nil)
			if err != nil {
				t.Fatal(err)
			}
			other, err := w.svc.StartThread(ctx, w.otherParent, care.ViewFamily, w.other, "Andere", "Anders", nil)
			if err != nil {
				t.Fatal(err)
			}
			// Each through their own family, with the other's thread.
			_, err = w.svc.Reply(ctx, w.mother, care.ViewFamily, w.fam, other.ID, "x", nil)
			wantCode(t, "reply to another family's thread", err, care.NotFound, "")
			_, err = w.svc.Reply(ctx, w.cm, care.ViewCaseFile, w.fam, other.ID, "x", &care.Upload{FileName: "a.pdf", Content: pdf})
			wantCode(t, "case manager's reply to another family's thread", err, care.NotFound, "")
			_, err = w.svc.Thread(ctx, w.cm, care.ViewCaseFile, w.fam, other.ID)
			wantCode(t, "read another family's thread", err, care.NotFound, "")
			err = w.svc.AddThreadProvider(ctx, w.cm, w.fam, other.ID, w.gpNet)
			wantCode(t, "add a provider to another family's thread", err, care.NotFound, "")
			for fam, id := range map[int64]int64{w.fam: th.ID, w.other: other.ID} {
				ms, err := w.s.Messages(ctx, fam, id)
				if err != nil || len(ms) != 1 {
					t.Errorf("messages of family %d: %d, %v; want only the first", fam, len(ms), err)
				}
			}
		})
	}
}

// TestThreadDocuments: a message carries a PDF or an image, sniffed from
// its content; anything else, or an empty or too large file, is refused
// with nothing saved; a download is audited as a read, and only those who
// may read the message get it.
func TestThreadDocuments(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1))
			th, err := w.svc.StartThread(ctx, w.mother, care.ViewFamily, w.fam, "Brief", "Zie bijlage", &care.Upload{FileName: `C:\docs\brief arts.pdf`, Content: pdf})
			if err != nil {
				t.Fatal(err)
			}
			page, err := w.svc.Thread(ctx, w.cm, care.ViewCaseFile, w.fam, th.ID)
			if err != nil || page.Messages[0].Document == nil {
				t.Fatalf("thread with a document = %+v, %v", page, err)
			}
			doc := page.Messages[0].Document
			if doc.FileName != "brief_arts.pdf" || doc.ContentType != "application/pdf" {
				t.Errorf("document = %+v", doc)
			}
			var got *care.Document
			w.audited(t, w.record(w.cm, w.fam, "document", doc.ID, care.ActionRead, care.OutcomeSuccess), func() error {
				got, err = w.svc.Document(ctx, w.cm, care.ViewCaseFile, w.fam, doc.ID)
				return err
			})
			if err != nil || !bytes.Equal(got.Content, pdf) {
				t.Fatalf("download = %v", err)
			}
			if _, err := w.svc.Document(ctx, w.father, care.ViewFamily, w.fam, doc.ID); err != nil {
				t.Errorf("the other parent downloads: %v", err)
			}
			_, err = w.svc.Document(ctx, w.otherParent, care.ViewFamily, w.other, doc.ID)
			wantCode(t, "download through another family", err, care.NotFound, "")
			if err := w.svc.SetConsent(ctx, w.mother, w.fam, w.gpNet, true, care.ScopeFile); err != nil {
				t.Fatal(err)
			}
			_, err = w.svc.Document(ctx, w.gp, care.ViewProvider, w.fam, doc.ID)
			wantCode(t, "download by a provider not in the thread", err, care.NotFound, "")

			for name, c := range map[string]struct {
				content []byte
				key     string
			}{
				"text":      {[]byte("gewoon tekst, geen pdf"), "document.type"},
				"html":      {[]byte("<html><script>alert(1)</script>"), "document.type"},
				"pdf name":  {[]byte("MZ\x90\x00 not a pdf"), "document.type"},
				"empty":     {nil, "document.empty"},
				"too large": {append(bytes.Clone(pdf), make([]byte, care.MaxDocumentSize)...), "document.too_large"},
			} {
				_, err := w.svc.Reply(ctx, w.mother, care.ViewFamily, w.fam, th.ID, "nog een", &care.Upload{FileName: "brief.pdf", Content: c.content})
				var fe care.FieldErrors
				if !asFieldErrors(err, &fe) || fe["document"] != c.key {
					t.Errorf("%s: %v, want %s", name, err, c.key)
				}
				var in *care.InvalidInput
				if !errors.As(err, &in) || in.Thread == nil || len(in.Thread.Messages) != 1 {
					t.Errorf("%s: the refusal does not carry the thread's page: %v", name, err)
				}
			}
			if ms, _ := w.s.Messages(ctx, w.fam, th.ID); len(ms) != 1 {
				t.Errorf("messages after refused uploads = %d, want 1", len(ms))
			}
		})
	}
}
