package form

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

func multipartBody(t testing.TB, fields map[string]string, files map[string][]byte) (string, []byte) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, content := range files {
		fw, _ := mw.CreateFormFile("document", name)
		fw.Write(content)
	}
	mw.Close()
	return mw.FormDataContentType(), b.Bytes()
}

func readUpload(ct string, body []byte) (*Upload, error) {
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	r.Header.Set("Content-Type", ct)
	return ReadUpload(httptest.NewRecorder(), r, "document")
}

func TestReadUpload(t *testing.T) {
	pdf := []byte("%PDF-1.4\n")
	ct, body := multipartBody(t, map[string]string{"subject": "Brief", "body": "Zie bijlage"}, map[string][]byte{"brief.pdf": pdf})
	u, err := readUpload(ct, body)
	if err != nil || u.Values.Get("subject") != "Brief" || u.Values.Get("body") != "Zie bijlage" || u.File == nil ||
		u.File.FileName != "brief.pdf" || !bytes.Equal(u.File.Content, pdf) || len(u.Errors) != 0 {
		t.Fatalf("ReadUpload = %+v, %v", u, err)
	}
	// Two files: one message carries one.
	ct, body = multipartBody(t, nil, map[string][]byte{"a.pdf": pdf, "b.pdf": pdf})
	if u, err := readUpload(ct, body); err != nil || u.Errors["document"] != "document.one" {
		t.Errorf("two files: %+v, %v", u, err)
	}
	// Too large: refused, the text that came before it kept.
	ct, body = multipartBody(t, map[string]string{"body": "tekst"}, map[string][]byte{"groot.pdf": make([]byte, care.MaxDocumentSize+1)})
	if u, err := readUpload(ct, body); err != nil || u.Errors["document"] != "document.too_large" || u.File != nil || u.Values.Get("body") != "tekst" {
		t.Errorf("too large: %+v, %v", u, err)
	}
	// A plain form without a file.
	if u, err := readUpload("application/x-www-form-urlencoded", []byte("body=hallo")); err != nil || u.Values.Get("body") != "hallo" || u.File != nil {
		t.Errorf("urlencoded: %+v, %v", u, err)
	}
	for _, bad := range []string{"", "text/plain", "multipart/form-data", "multipart/form-data; boundary="} {
		if _, err := readUpload(bad, []byte("x")); care.ErrorCode(err) != care.Invalid {
			t.Errorf("content type %q: %v, want Invalid", bad, err)
		}
	}
}

// FuzzReadUpload: whatever a client sends as a form with a file, the
// reader returns an error or a form whose file is at most 10 MB and whose
// text fields are bounded, and never panics.
func FuzzReadUpload(f *testing.F) {
	ct, body := multipartBody(f, map[string]string{"subject": "Brief", "body": "Zie bijlage"}, map[string][]byte{"brief.pdf": []byte("%PDF-1.4\n")})
	boundary := strings.TrimPrefix(ct, "multipart/form-data; boundary=")
	f.Add(boundary, body)
	f.Add("x", []byte("--x\r\nContent-Disposition: form-data; name=\"document\"; filename=\"../a.pdf\"\r\n\r\n%PDF\r\n--x--\r\n"))
	f.Add("x", []byte("--x\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n\xff\xfe\r\n--x--"))
	f.Add("b", []byte{})
	f.Fuzz(func(t *testing.T, boundary string, body []byte) {
		u, err := readUpload("multipart/form-data; boundary=\""+boundary+"\"", body)
		if err != nil {
			if care.ErrorCode(err) != care.Invalid {
				t.Fatalf("error of kind %v: %v", care.ErrorCode(err), err)
			}
			return
		}
		if u.File != nil && len(u.File.Content) > care.MaxDocumentSize {
			t.Fatalf("a file of %d bytes was taken", len(u.File.Content))
		}
		for k, vs := range u.Values {
			for _, v := range vs {
				if len(v) > maxTextPart+1 {
					t.Fatalf("field %q of %d bytes", k, len(v))
				}
			}
		}
		if e := u.Errors["document"]; e != "" && e != "document.one" && e != "document.too_large" {
			t.Fatalf("unexpected error %q", e)
		}
	})
}
