package site_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// multipartPost sends fields and, when content is not nil, one file as
// the browser sends a form with enctype multipart/form-data.
func multipartPost(t *testing.T, c *client, path string, fields map[string]string, fileName string, content []byte) *page {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if content != nil {
		fw, err := mw.CreateFormFile("document", fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.App.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(req)
}

func messageCount(t *testing.T, a *app, fam, thread int64) int {
	t.Helper()
	ms, err := a.Store.Messages(context.Background(), fam, thread)
	if err != nil {
		t.Fatal(err)
	}
	return len(ms)
}

// TestThreadUploadsRefused: a file over 10 MB, or one that is not a PDF
// or an image whatever its name says, is refused with a clear message at
// the field, the typed text stays, and nothing is saved. A good one is
// kept and comes back as a download that no browser opens inline.
func TestThreadUploadsRefused(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newAuthzWorld(t, a)
		fam := strconv.FormatInt(w.famA, 10)
		base := "/my/families/" + fam + "/threads"
		thread := base + "/" + strconv.FormatInt(w.threadA, 10)
		pdf := []byte("%PDF-1.4\n1 0 obj\n")
		typed := "Hier is de brief van de neuroloog."

		for _, c := range []struct {
			name, file string
			content    []byte
			status     int
			want       string
		}{
			{"over 10 MB", "scan.pdf", append(bytes.Clone(pdf), make([]byte, care.MaxDocumentSize)...), http.StatusRequestEntityTooLarge, "Het bestand is te groot: hoogstens 10 MB."},
			{"far over 10 MB", "scan.pdf", append(bytes.Clone(pdf), make([]byte, 3*care.MaxDocumentSize)...), http.StatusRequestEntityTooLarge, "Het bestand is te groot: hoogstens 10 MB."},
			{"text named .pdf", "brief.pdf", []byte("Gewoon tekst."), http.StatusUnprocessableEntity, "Dit bestand kan niet mee: alleen een PDF of een foto (PNG of JPEG)."},
			{"html named .png", "foto.png", []byte("<html><script>alert(1)</script></html>"), http.StatusUnprocessableEntity, "alleen een PDF of een foto"},
			{"empty", "leeg.pdf", []byte{}, http.StatusUnprocessableEntity, "Het bestand is leeg."},
		} {
			p := multipartPost(t, w.clients["family"], thread, map[string]string{"body": typed}, c.file, c.content)
			if p.StatusCode != c.status || !strings.Contains(p.FieldError("document"), c.want) {
				t.Errorf("%s: %d, document error %q; want %d %q", c.name, p.StatusCode, p.FieldError("document"), c.status, c.want)
			}
			if got := p.Within("body"); got != typed {
				t.Errorf("%s: the message field holds %q, want what was typed", c.name, got)
			}
			if !strings.Contains(p.Within("error-summary"), "nog niet verstuurd") {
				t.Errorf("%s: no message above the form: %q", c.name, p.Within("error-summary"))
			}
			if n := messageCount(t, a, w.famA, w.threadA); n != 1 {
				t.Fatalf("%s: %d messages, want only the first", c.name, n)
			}
		}
		// A new thread with a bad file: nothing started, subject kept.
		p := multipartPost(t, w.clients["family"], base, map[string]string{"subject": "Brief", "body": typed}, "x.pdf", []byte("MZ\x90\x00"))
		if p.StatusCode != http.StatusUnprocessableEntity || p.Value("subject") != "Brief" || p.FieldError("document") == "" {
			t.Errorf("new thread with a bad file: %d, subject %q, error %q", p.StatusCode, p.Value("subject"), p.FieldError("document"))
		}
		if ts, _ := a.Store.Threads(context.Background(), w.famA, w.ids["family"], 0); len(ts) != 1 {
			t.Errorf("%d threads after a refused start, want 1", len(ts))
		}

		// A good one, and its download.
		p = multipartPost(t, w.clients["family"], thread, map[string]string{"body": typed}, `C:\scans\"brief".pdf`, pdf)
		if p.StatusCode != http.StatusSeeOther {
			t.Fatalf("good upload: %d %s", p.StatusCode, p.Within("error-summary"))
		}
		ms, _ := a.Store.Messages(context.Background(), w.famA, w.threadA)
		if len(ms) != 2 || ms[1].Document == nil {
			t.Fatalf("messages after the good upload: %+v", ms)
		}
		for _, path := range []string{"/families/" + fam, "/provider/families/" + fam, "/my/families/" + fam} {
			who := map[string]string{"/families/" + fam: "own", "/provider/families/" + fam: "provider", "/my/families/" + fam: "family"}[path]
			req, _ := http.NewRequest(http.MethodGet, a.URL+path+"/documents/"+strconv.FormatInt(ms[1].Document.ID, 10), nil)
			resp, err := w.clients[who].HTTP.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !bytes.Equal(body, pdf) || resp.Header.Get("Content-Type") != "application/pdf" ||
				resp.Header.Get("Content-Disposition") != `attachment; filename=brief.pdf` || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("download as %s: %d %q %q %q", who, resp.StatusCode, resp.Header.Get("Content-Type"),
					resp.Header.Get("Content-Disposition"), resp.Header.Get("X-Content-Type-Options"))
			}
		}
	})
}

// TestThreadNotices: a new message is told by e-mail to the others who take
// part, once per thread until they read it, in words that name no one and
// hold nothing of the message.
func TestThreadNotices(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			sink := mailtest.Start(t)
			mailer, err := mail.NewSMTP(sink.Config("Spil <noreply@spil.example.nl>"))
			if err != nil {
				t.Fatal(err)
			}
			threadNotices(t, sitetest.New(t, db.Open, site.Config{Mailer: mailer, BaseURL: "https://spil.example.nl"}), sink)
		})
	}
}

func threadNotices(t *testing.T, a *app, sink *mailtest.Server) {
	{
		w := newAuthzWorld(t, a)
		to := func(addr string) []string {
			var bodies []string
			for _, m := range sink.Messages() {
				if len(m.To) == 1 && m.To[0] == addr {
					bodies = append(bodies, m.Subject+"\n"+m.Text)
				}
			}
			return bodies
		}
		fam := strconv.FormatInt(w.famA, 10)
		thread := "/families/" + fam + "/threads/" + strconv.FormatInt(w.threadA, 10)
		// The world's thread was started by the family: the case manager was told.
		got := to("own@example.org")
		if len(got) != 1 {
			t.Fatalf("case manager got %d notices, want 1", len(got))
		}
		want := "U hebt een nieuw bericht in Spil.\n\nLees het na het inloggen:\nhttps://spil.example.nl" + thread
		if !strings.Contains(got[0], want) {
			t.Errorf("notice %q lacks %q", got[0], want)
		}
		for _, secret := range []string{"Anna", "Jansen", "Ilse", "Rolstoel", "Wanneer", "Naam", "brief"} {
			if strings.Contains(got[0], secret) {
				t.Errorf("notice holds %q: %q", secret, got[0])
			}
		}
		// A second message of the family before the case manager read the
		// first: no second notice.
		p := w.clients["family"].Post("/my/families/"+fam+"/threads/"+strconv.FormatInt(w.threadA, 10), map[string][]string{"body": {"Nog iets"}})
		if p.StatusCode != http.StatusSeeOther {
			t.Fatalf("family reply: %d", p.StatusCode)
		}
		if n := len(to("own@example.org")); n != 1 {
			t.Errorf("case manager got %d notices for one unread thread, want 1", n)
		}
		// The case manager reads and answers: the family is told, in their words.
		if p := w.clients["own"].Get(thread); p.StatusCode != http.StatusOK {
			t.Fatalf("case manager reads: %d", p.StatusCode)
		}
		if p := w.clients["own"].Post(thread, map[string][]string{"body": {"Komt dinsdag."}}); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("case manager answers: %d", p.StatusCode)
		}
		fm := to("family@example.org")
		if len(fm) != 1 || !strings.Contains(fm[0], "Je hebt een nieuw bericht in Spil.") || strings.Contains(fm[0], "Komt dinsdag") {
			t.Errorf("family notices: %q", fm)
		}
		// The family reads, the next message is told again.
		w.clients["family"].Get("/my/families/" + fam + "/threads/" + strconv.FormatInt(w.threadA, 10))
		w.clients["own"].Post(thread, map[string][]string{"body": {"En woensdag."}})
		if n := len(to("family@example.org")); n != 2 {
			t.Errorf("family got %d notices after reading and a new message, want 2", n)
		}
	}
}

// TestCaseManagerAddsProvider: on the thread page the case manager adds a
// provider with consent; the provider then reads and answers there, until
// the family withdraws consent, after which the thread is a missing page.
func TestCaseManagerAddsProvider(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newAuthzWorld(t, a)
		ctx := context.Background()
		fam := strconv.FormatInt(w.famA, 10)
		th, err := a.Care.StartThread(ctx, w.actor("own"), care.ViewCaseFile, w.famA, "Medicatie", "Graag overleg over de nachtmedicatie.", nil)
		if err != nil {
			t.Fatal(err)
		}
		tid := strconv.FormatInt(th.ID, 10)
		provPath := "/provider/families/" + fam + "/threads/" + tid
		if p := w.clients["provider"].Get(provPath); p.StatusCode != http.StatusNotFound {
			t.Fatalf("provider before being added: %d, want 404", p.StatusCode)
		}
		cmPath := "/families/" + fam + "/threads/" + tid
		if opts := w.clients["own"].Get(cmPath).Options("provider"); len(opts) != 1 {
			t.Fatalf("providers to add: %v, want the GP", opts)
		}
		p := w.clients["own"].Post(cmPath+"/providers", map[string][]string{"provider": {strconv.FormatInt(w.memberA, 10)}})
		if p.StatusCode != http.StatusSeeOther {
			t.Fatalf("add provider: %d", p.StatusCode)
		}
		p = w.clients["provider"].Get(provPath)
		if p.StatusCode != http.StatusOK || !strings.Contains(p.Within("messages"), "nachtmedicatie") {
			t.Fatalf("provider after being added: %d %q", p.StatusCode, p.Within("messages"))
		}
		if p := w.clients["provider"].Post(provPath, map[string][]string{"body": {"Ik bel morgen."}}); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("provider answers: %d", p.StatusCode)
		}
		if err := a.Care.SetConsent(ctx, w.actor("family"), w.famA, w.memberA, false, ""); err != nil {
			t.Fatal(err)
		}
		for _, r := range []*page{w.clients["provider"].Get(provPath), w.clients["provider"].Post(provPath, map[string][]string{"body": {"Nog één"}}),
			w.clients["provider"].Get("/provider/families/" + fam + "/documents/" + strconv.FormatInt(w.docA, 10))} {
			if r.StatusCode != http.StatusNotFound {
				t.Errorf("provider after withdrawal: %s %s %d, want 404", r.Request.Method, r.Request.URL.Path, r.StatusCode)
			}
		}
		if n := messageCount(t, a, w.famA, th.ID); n != 2 {
			t.Errorf("%d messages, want the case manager's and the provider's", n)
		}
	})
}
