package sitetest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Page is an answer with its body parsed as HTML.
type Page struct {
	*http.Response
	Doc  *html.Node
	HTML string // the body as it came
}

func parsePage(t *testing.T, resp *http.Response, body string) *Page {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return &Page{Response: resp, Doc: doc, HTML: body}
}

// Find returns the first node at or below n that match accepts, or nil.
func Find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := Find(c, match); f != nil {
			return f
		}
	}
	return nil
}

// FindAll returns every node at or below n that match accepts, in order.
func FindAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// Under finds the first element below n (n may be nil) that match accepts.
func Under(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	return Find(n, func(m *html.Node) bool { return m.Type == html.ElementNode && match(m) })
}

// AllUnder finds every element below n (n may be nil) that match accepts.
func AllUnder(n *html.Node, match func(*html.Node) bool) []*html.Node {
	if n == nil {
		return nil
	}
	return FindAll(n, func(m *html.Node) bool { return m.Type == html.ElementNode && match(m) })
}

// Attr is the value of attribute key of n; "" when n is nil or has none.
func Attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// HasAttr reports whether n has attribute key.
func HasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// HasClass reports whether n has class c.
func HasClass(n *html.Node, c string) bool {
	return n != nil && strings.Contains(" "+Attr(n, "class")+" ", " "+c+" ")
}

// Text is the text below n with runs of white space made one space.
func Text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// ByID is the element with the id, or nil.
func (p *Page) ByID(id string) *html.Node {
	return Find(p.Doc, func(n *html.Node) bool { return n.Type == html.ElementNode && Attr(n, "id") == id })
}

// Tag is the first element called name, or nil.
func (p *Page) Tag(name string) *html.Node {
	return Find(p.Doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == name })
}

// Class is the first element with class c, or nil.
func (p *Page) Class(c string) *html.Node {
	return Find(p.Doc, func(n *html.Node) bool { return n.Type == html.ElementNode && HasClass(n, c) })
}

// FieldError is the error text shown next to a field.
func (p *Page) FieldError(field string) string { return Text(p.ByID(field + "-error")) }

// H1 is the text of the page's first heading.
func (p *Page) H1() string { return Text(p.Tag("h1")) }

// Within is the text of the element with the id.
func (p *Page) Within(id string) string { return Text(p.ByID(id)) }

// Present reports whether the page has an element with the id.
func (p *Page) Present(id string) bool { return p.ByID(id) != nil }

// HrefAt is the link target of the element with the id.
func (p *Page) HrefAt(id string) string { return Attr(p.ByID(id), "href") }

// Value is the value attribute of the element with the id, or the text of
// a textarea.
func (p *Page) Value(id string) string {
	n := p.ByID(id)
	if n != nil && n.Data == "textarea" {
		if n.FirstChild == nil {
			return ""
		}
		return n.FirstChild.Data
	}
	return Attr(n, "value")
}

// CheckedValue is the value of the checked radio button of a group.
func (p *Page) CheckedValue(name string) string {
	n := Find(p.Doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "input" && Attr(n, "name") == name && HasAttr(n, "checked")
	})
	return Attr(n, "value")
}

// Selected is the value of the selected option of the select with the id.
func (p *Page) Selected(id string) string {
	for _, o := range AllUnder(p.ByID(id), func(o *html.Node) bool { return o.Data == "option" }) {
		if HasAttr(o, "selected") {
			return Attr(o, "value")
		}
	}
	return ""
}

// Options are the values of the options of the select with the id.
func (p *Page) Options(id string) []string {
	var out []string
	for _, o := range AllUnder(p.ByID(id), func(o *html.Node) bool { return o.Data == "option" }) {
		out = append(out, Attr(o, "value"))
	}
	return out
}

// InlineScripts counts the script elements without a src: none may exist.
func (p *Page) InlineScripts() int {
	return len(FindAll(p.Doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "script" && Attr(n, "src") == ""
	}))
}

// LangNext is where the language switch returns to.
func (p *Page) LangNext() string {
	return Attr(Find(p.Doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "input" && Attr(n, "name") == "next"
	}), "value")
}

// IDsWithPrefix returns the numeric suffixes of element ids like
// "task-12", in order.
func (p *Page) IDsWithPrefix(prefix string) []int64 {
	var ids []int64
	for _, n := range FindAll(p.Doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && strings.HasPrefix(Attr(n, "id"), prefix)
	}) {
		if id, err := strconv.ParseInt(strings.TrimPrefix(Attr(n, "id"), prefix), 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// Forms returns the actions of the forms on the page that contain part.
func (p *Page) Forms(part string) []string {
	var out []string
	for _, n := range FindAll(p.Doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "form" }) {
		if a := Attr(n, "action"); strings.Contains(a, part) {
			out = append(out, a)
		}
	}
	return out
}

// FormFields is what a browser sends for the form with the id: every
// named field, checkboxes and radios only when checked, a select's chosen
// option.
func (p *Page) FormFields(t *testing.T, id string) url.Values {
	t.Helper()
	form := p.ByID(id)
	if form == nil || form.Data != "form" {
		t.Fatalf("no form #%s on the page", id)
	}
	v := url.Values{}
	for _, n := range FindAll(form, func(n *html.Node) bool { return n.Type == html.ElementNode && Attr(n, "name") != "" }) {
		name := Attr(n, "name")
		switch n.Data {
		case "input":
			switch Attr(n, "type") {
			case "checkbox", "radio":
				if HasAttr(n, "checked") {
					v.Add(name, Attr(n, "value"))
				}
			case "submit", "button":
			default:
				v.Add(name, Attr(n, "value"))
			}
		case "textarea":
			s := ""
			if n.FirstChild != nil {
				s = n.FirstChild.Data
			}
			v.Add(name, s)
		case "select":
			opts := FindAll(n, func(o *html.Node) bool { return o.Type == html.ElementNode && o.Data == "option" })
			if len(opts) == 0 {
				continue
			}
			chosen := opts[0]
			for _, o := range opts {
				if HasAttr(o, "selected") {
					chosen = o
				}
			}
			v.Add(name, Attr(chosen, "value"))
		}
	}
	return v
}

// CaseloadNames are the child names in the caseload table, in order.
func (p *Page) CaseloadNames() []string {
	var names []string
	for _, n := range FindAll(p.Doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "a" && HasClass(n, "child")
	}) {
		names = append(names, Text(n))
	}
	return names
}
