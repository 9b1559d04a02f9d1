package care

import (
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxDocumentSize is the largest document the file keeps: 10 MB.
const MaxDocumentSize = 10 << 20

// MaxFileName is the longest file name a document keeps, in characters.
const MaxFileName = 100

// Document is one document in a family's file. A message can carry one.
type Document struct {
	ID          int64
	FamilyID    int64
	UploadedBy  Person
	UploadedAt  time.Time
	FileName    string // safe to name in a Content-Disposition header
	ContentType string // as sniffed from the content
	Size        int64
	Content     []byte // only when the document is read to be downloaded
	MessageID   int64  // the message that carries it; 0 for none
	ThreadID    int64  // the thread of that message
	// Kind, CoverageItemID and AidID are set for a document attached to
	// the coverage plan: what it is, and the item or aid it belongs to.
	Kind           string // one of DocumentKinds
	CoverageItemID int64
	AidID          int64
}

// Upload is a document as it arrives: the name the client gave it and its
// bytes. The client's content type is not trusted and not asked for.
type Upload struct {
	FileName string
	Content  []byte
}

// documentTypes are the kinds of document the file takes, by the content
// type http.DetectContentType sniffs, and the extension their name gets.
// PDF and the photo formats every phone's browser sends; others (office
// files, HTML, SVG with its scripts) are refused.
var documentTypes = map[string]string{
	"application/pdf": ".pdf",
	"image/png":       ".png",
	"image/jpeg":      ".jpg",
}

// SniffDocument decides, from the content alone, whether it is a document
// the file takes, and returns its content type; a field error key when not.
func SniffDocument(content []byte) (contentType, errKey string) {
	switch {
	case len(content) == 0:
		return "", "document.empty"
	case len(content) > MaxDocumentSize:
		return "", "document.too_large"
	}
	ct := http.DetectContentType(content)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if _, ok := documentTypes[ct]; !ok {
		return "", "document.type"
	}
	return ct, ""
}

// SafeFileName turns the name a client gave a file into one that is safe
// to store and to send back in a header: the last element of any path,
// letters, digits and a few marks only, at most MaxFileName characters,
// ending in the extension of what the content is.
func SafeFileName(name, contentType string) string {
	if !utf8.ValidString(name) {
		name = ""
	}
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base("/" + name)
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.':
			b.WriteRune(r)
		case r == ' ':
			b.WriteRune('_')
		}
	}
	ext := documentTypes[contentType]
	base := strings.Trim(b.String(), ".")
	if e := strings.ToLower(path.Ext(base)); e == ext || (ext == ".jpg" && e == ".jpeg") {
		base = strings.TrimSuffix(base, path.Ext(base))
		ext = e
	}
	if base == "" {
		base = "document"
	}
	if n := MaxFileName - len(ext); utf8.RuneCountInString(base) > n {
		base = string([]rune(base)[:n])
	}
	return base + ext
}

// newDocument checks an upload and makes it a document of the family;
// field errors under field when it is not one the file takes.
func newDocument(u *Upload, familyID, by int64, at time.Time, field string) (*Document, FieldErrors) {
	ct, key := SniffDocument(u.Content)
	if key != "" {
		return nil, FieldErrors{field: key}
	}
	return &Document{FamilyID: familyID, UploadedBy: Person{AccountID: by}, UploadedAt: at,
		FileName: SafeFileName(u.FileName, ct), ContentType: ct, Size: int64(len(u.Content)), Content: u.Content}, nil
}
