package httpx

import (
	"mime"
	"net/http"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
)

// WriteDocument answers with a document of the file as a download, on
// both surfaces alike: the type sniffed when it was taken, an attachment
// with its safe name, nosniff, a sandbox and no caching, so a browser
// never shows it inline or guesses another type.
func WriteDocument(w http.ResponseWriter, d *care.Document) {
	cd := mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName})
	if cd == "" {
		cd = "attachment"
	}
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Disposition", cd)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(d.Content)))
	w.WriteHeader(http.StatusOK)
	w.Write(d.Content)
}
