package form

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
)

// maxTextPart is the most a text field of a form with a file may hold; the
// longest text Spil keeps is care.MaxText characters of up to 4 bytes.
const maxTextPart = 4 * care.MaxText

// MaxUploadBody is the most a form with one document may send: the
// document and room for the text fields and the multipart framing.
const MaxUploadBody = care.MaxDocumentSize + 1<<20

// Upload is a posted form that may carry one file: its text fields, the
// file (nil when none was chosen) and, under the file's field name, what
// is wrong with the file.
type Upload struct {
	Values url.Values
	File   *care.Upload
	Errors Fields
}

// ReadUpload reads a form of enctype multipart/form-data with at most one
// file, in field fileField, reading no more than MaxUploadBody bytes of the
// request. Text fields are kept even when the file is too large, so the
// form can be drawn again with what was typed. It never trusts the
// client's content type of the file: care sniffs the content. A plain
// urlencoded form (a message without a file) is read too.
func ReadUpload(w http.ResponseWriter, r *http.Request, fileField string) (*Upload, error) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxUploadBody)
	u := &Upload{Values: url.Values{}, Errors: Fields{}}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil, care.Errorf(care.Invalid, "form unreadable")
	}
	if mt == "application/x-www-form-urlencoded" {
		b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			return nil, care.Errorf(care.Invalid, "form unreadable")
		}
		if u.Values, err = url.ParseQuery(string(b)); err != nil {
			return nil, care.Errorf(care.Invalid, "form unreadable")
		}
		return u, nil
	}
	if mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, care.Errorf(care.Invalid, "form unreadable")
	}
	return u, readParts(multipart.NewReader(r.Body, params["boundary"]), fileField, u)
}

// readParts reads the parts of a multipart form into u.
func readParts(mr *multipart.Reader, fileField string, u *Upload) error {
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			u.Errors[fileField], u.File = "document.too_large", nil
			return nil
		}
		if err != nil {
			return care.Errorf(care.Invalid, "form unreadable")
		}
		name := p.FormName()
		if name == fileField && p.FileName() != "" {
			if u.File != nil || u.Errors[fileField] != "" {
				u.Errors[fileField] = "document.one"
				io.Copy(io.Discard, p)
				continue
			}
			b, err := io.ReadAll(io.LimitReader(p, care.MaxDocumentSize+1))
			switch {
			case errors.As(err, &tooBig):
				u.Errors[fileField] = "document.too_large"
				return nil
			case err != nil:
				return care.Errorf(care.Invalid, "form unreadable")
			case len(b) > care.MaxDocumentSize:
				u.Errors[fileField] = "document.too_large"
				if _, err := io.Copy(io.Discard, p); err != nil {
					return nil // the rest of the body is over the limit
				}
				continue
			}
			u.File = &care.Upload{FileName: p.FileName(), Content: b}
			continue
		}
		if name == fileField {
			continue // the file field with no file chosen
		}
		b, err := io.ReadAll(io.LimitReader(p, maxTextPart+1))
		if errors.As(err, &tooBig) {
			u.Errors[fileField] = "document.too_large"
			return nil
		}
		if err != nil {
			return care.Errorf(care.Invalid, "form unreadable")
		}
		if name != "" {
			u.Values.Add(name, string(b)) // Field says when it is too long or unreadable
		}
	}
}
