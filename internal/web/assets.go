package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
)

// assets are the embedded static files, each served under a URL that holds
// a checksum of its content, so browsers may cache them for a year.
type assets struct {
	sums  map[string]string // file name -> checksum
	files map[string][]byte
}

func loadAssets() (*assets, error) {
	a := &assets{sums: map[string]string{}, files: map[string][]byte{}}
	entries, err := fs.ReadDir(files, "static")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := fs.ReadFile(files, "static/"+e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		a.sums[e.Name()] = hex.EncodeToString(sum[:6])
		a.files[e.Name()] = b
	}
	return a, nil
}

// url returns the cache-busting URL of a static file.
func (a *assets) url(name string) string {
	return "/static/" + a.sums[name] + "/" + name
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	b, ok := s.assets.files[name]
	if !ok || r.PathValue("sum") != s.assets.sums[name] {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(b)
}
