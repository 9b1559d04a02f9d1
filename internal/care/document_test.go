package care

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func TestSniffDocument(t *testing.T) {
	for _, c := range []struct {
		name    string
		content string
		ct, key string
	}{
		{"pdf", "%PDF-1.4\n...", "application/pdf", ""},
		{"png", "\x89PNG\x0D\x0A\x1A\x0A\x00\x00\x00\x0DIHDR", "image/png", ""},
		{"jpeg", "\xFF\xD8\xFF\xE0\x00\x10JFIF", "image/jpeg", ""},
		{"text", "een brief", "", "document.type"},
		{"html", "<!DOCTYPE html><p>", "", "document.type"},
		{"gif", "GIF89a......", "", "document.type"},
		{"zip (office file)", "PK\x03\x04....", "", "document.type"},
		{"empty", "", "", "document.empty"},
	} {
		ct, key := SniffDocument([]byte(c.content))
		if ct != c.ct || key != c.key {
			t.Errorf("%s: SniffDocument = %q, %q; want %q, %q", c.name, ct, key, c.ct, c.key)
		}
	}
}

func TestSafeFileName(t *testing.T) {
	for _, c := range []struct{ in, ct, want string }{
		{"brief.pdf", "application/pdf", "brief.pdf"},
		{`C:\Users\ilse\Verslag arts.PDF`, "application/pdf", "Verslag_arts.pdf"},
		{"../../etc/passwd", "application/pdf", "passwd.pdf"},
		{"foto.jpeg", "image/jpeg", "foto.jpeg"},
		{"foto.png", "image/jpeg", "foto.png.jpg"},
		{"x\"; filename=evil.html", "image/png", "x_filenameevil.html.png"},
		{"", "image/png", "document.png"},
		{"...", "application/pdf", "document.pdf"},
		{"rapport-Zoë.pdf", "application/pdf", "rapport-Zoë.pdf"},
	} {
		if got := SafeFileName(c.in, c.ct); got != c.want {
			t.Errorf("SafeFileName(%q, %q) = %q, want %q", c.in, c.ct, got, c.want)
		}
	}
}

// FuzzDocumentUpload: whatever a client sends as a file's name and
// content, a document is taken only when its content is a PDF, PNG or
// JPEG, and its name is always one a header can carry safely.
func FuzzDocumentUpload(f *testing.F) {
	f.Add("brief.pdf", []byte("%PDF-1.4\n"))
	f.Add(`..\..\a b.png`, []byte("\x89PNG\x0D\x0A\x1A\x0A"))
	f.Add("x\r\nSet-Cookie: a=b.jpg", []byte("\xFF\xD8\xFF"))
	f.Add("", []byte("<html>"))
	f.Add("\xff\xfe.pdf", []byte{})
	f.Fuzz(func(t *testing.T, name string, content []byte) {
		d, fe := newDocument(&Upload{FileName: name, Content: content}, 1, 2, time.Time{}, "document")
		ct, key := SniffDocument(content)
		if (d == nil) != (key != "") || (fe == nil) != (key == "") {
			t.Fatalf("newDocument = %+v, %v; SniffDocument said %q", d, fe, key)
		}
		if d == nil {
			return
		}
		if _, ok := documentTypes[ct]; !ok || d.ContentType != ct || d.Size != int64(len(content)) {
			t.Fatalf("taken as %q (size %d)", d.ContentType, d.Size)
		}
		n := d.FileName
		if n == "" || !utf8.ValidString(n) || utf8.RuneCountInString(n) > MaxFileName || strings.HasPrefix(n, ".") {
			t.Fatalf("unsafe name %q", n)
		}
		for _, r := range n {
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_.", r)) {
				t.Fatalf("name %q holds %q", n, r)
			}
		}
		ext := documentTypes[ct]
		if !strings.HasSuffix(strings.ToLower(n), ext) && !(ext == ".jpg" && strings.HasSuffix(strings.ToLower(n), ".jpeg")) {
			t.Fatalf("name %q does not end in %s", n, ext)
		}
	})
}
