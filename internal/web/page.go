package web

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/httpx"
)

// BasePage is what every page template gets: language, the account, the
// demo flag and helpers for texts and static URLs.
type BasePage struct {
	translator
	Lang    string
	Title   string // catalog key
	Account *auth.Account
	Demo    bool
	Path    string // the current path, for the language switch to return to
	assets  *assets
}

// Static returns the URL of an embedded static file.
func (p *BasePage) Static(name string) string { return p.assets.url(name) }

// LoggedIn reports whether a fully logged-in account sees the page.
func (p *BasePage) LoggedIn() bool { return p.Account != nil }

// IsAdmin reports whether the account is an administrator.
func (p *BasePage) IsAdmin() bool { return p.Account != nil && p.Account.Role == "admin" }

// OtherLang is the language the switch offers.
func (p *BasePage) OtherLang() string {
	if p.Lang == "en" {
		return "nl"
	}
	return "en"
}

func (s *Server) base(r *http.Request, title string) BasePage {
	lang := s.i18n.lang(r)
	p := BasePage{
		translator: s.i18n.translator(lang),
		Lang:       lang, Title: title, Demo: s.cfg.Demo, Path: r.URL.Path, assets: s.assets,
	}
	if c := httpx.StateOf(r); c.LoggedIn() {
		p.Account = c.Account
	}
	return p
}

// Where a template file defines a template and calls one.
var (
	defineRe   = regexp.MustCompile(`{{-?\s*define\s+"([^"]+)"`)
	templateRe = regexp.MustCompile(`{{-?\s*template\s+"([^"]+)"`)
)

// parseTemplates makes each page's template set: the layout, the page,
// and the partials the page calls, directly or through another partial.
// Only those: every set holds a copy of all it holds for as long as the
// server runs, and a partial in every set of the forty-odd pages was
// memory the collector went through again and again for nothing.
func parseTemplates() (map[string]*template.Template, error) {
	partials, err := fs.Glob(files, "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	defines := map[string]string{} // a partial's template name: its file
	calls := map[string][]string{} // a file: the templates it calls
	text := func(n string) (string, error) {
		b, err := fs.ReadFile(files, n)
		for _, m := range templateRe.FindAllStringSubmatch(string(b), -1) {
			calls[n] = append(calls[n], m[1])
		}
		return string(b), err
	}
	for _, n := range partials {
		t, err := text(n)
		if err != nil {
			return nil, err
		}
		for _, m := range defineRe.FindAllStringSubmatch(t, -1) {
			defines[m[1]] = n
		}
	}
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		if n == "templates/layout.html" {
			continue
		}
		if _, err := text(n); err != nil {
			return nil, err
		}
		need := []string{"templates/layout.html", n}
		for i := 1; i < len(need); i++ {
			for _, c := range calls[need[i]] {
				if f, ok := defines[c]; ok && !slices.Contains(need, f) {
					need = append(need, f)
				}
			}
		}
		t, err := template.New("layout.html").ParseFS(files, need...)
		if err != nil {
			return nil, err
		}
		pages[strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")] = t
	}
	return pages, nil
}

// render executes a page into a buffer first, so a template error never
// leaves half a page behind.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, page any) {
	t, ok := s.pages[name]
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	if !ok {
		s.log.Error("unknown template", "name", name)
		http.Error(w, "Er ging iets mis.", http.StatusInternalServerError)
		return
	}
	if err := t.ExecuteTemplate(buf, "layout.html", page); err != nil {
		s.log.Error("render failed", "template", name, "err", err)
		http.Error(w, "Er ging iets mis.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// renderBuffers keeps the buffers pages are written into, so that a page
// of a hundred kilobytes is not grown anew, and left to the collector,
// on every request.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putRenderBuffer returns a buffer to the pool, unless one page made it
// larger than most pages ever are.
func putRenderBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return
	}
	b.Reset()
	renderBuffers.Put(b)
}

// ErrorPage tells the user what went wrong, without internal details.
type ErrorPage struct {
	BasePage
	Status  int
	Message string // catalog key
}
