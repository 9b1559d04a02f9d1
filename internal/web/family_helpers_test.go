package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

// caseManager creates a case manager and returns a client logged in as them.
func (a *app) caseManager(email string) (*client, *auth.Account) {
	a.t.Helper()
	acc, secret := a.account(email, care.RoleCaseManager, true)
	c := a.client()
	c.login(email, secret)
	return c, acc
}

// day is a date relative to today in the Netherlands, as typed in a date field.
func (a *app) day(years, months, days int) string {
	return care.DateOf(a.clock.Now()).AddDate(years, months, days).Format(time.DateOnly)
}

// intake is a complete, valid intake form for a child born on birth.
func intake(name, birth string) url.Values {
	return url.Values{
		"child_name": {name}, "birth_date": {birth}, "sex": {"female"}, "bsn": {""},
		"diagnosis": {"Spinale musculaire atrofie"}, "icd10": {"G12.0"},
		"living_situation": {"Woont met ouders en broer"}, "culture_notes": {""}, "summary": {"Stabiel"},
		"referral_date": {birth}, "referred_by": {"Kinderarts"}, "reason": {"Veel zorgverleners"},
		"factor_wish": {"1"}, "factor_complexity": {"1"}, "surprise_question": {"no"}, "status": {"accepted"},
		"kind": {"kct"}, "intensity": {"regular"}, "next_contact": {""},
	}
}

// with returns a copy of v with the given name/value pairs set.
func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

// createFamily posts an intake and returns the new family's id.
func (c *client) createFamily(v url.Values) int64 {
	c.a.t.Helper()
	p := c.post("/families", v)
	loc := p.Header.Get("Location")
	if p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/families/") {
		c.a.t.Fatalf("intake: status %d to %q: %s", p.StatusCode, loc, text(p.class("error-summary")))
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/families/"), 10, 64)
	if err != nil {
		c.a.t.Fatalf("intake redirects to %q", loc)
	}
	return id
}

// mustStatus fails the test when the page has another status.
func mustStatus(t *testing.T, p *page, want int, what string) {
	t.Helper()
	if p.StatusCode != want {
		t.Fatalf("%s: status %d, want %d", what, p.StatusCode, want)
	}
}

// redirectsTo checks a 303 to the given location.
func redirectsTo(t *testing.T, p *page, want, what string) {
	t.Helper()
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != want {
		t.Fatalf("%s: status %d to %q, want 303 to %q", what, p.StatusCode, p.Header.Get("Location"), want)
	}
}

func familyPath(id int64, rest string) string { return "/families/" + itoa(id) + rest }

// idsWithPrefix returns the numeric suffixes of element ids like "task-12", in order.
func (p *page) idsWithPrefix(prefix string) []int64 {
	var ids []int64
	for _, n := range findAll(p.doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && strings.HasPrefix(attr(n, "id"), prefix)
	}) {
		if id, err := strconv.ParseInt(strings.TrimPrefix(attr(n, "id"), prefix), 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// caseloadNames are the child names in the caseload table, in order.
func (p *page) caseloadNames() []string {
	var names []string
	for _, n := range findAll(p.doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "a" && strings.Contains(" "+attr(n, "class")+" ", " child ")
	}) {
		names = append(names, text(n))
	}
	return names
}

// value is the value attribute of the element with the id, or the text of
// a textarea.
func (p *page) value(id string) string {
	n := p.byID(id)
	if n != nil && n.Data == "textarea" {
		if n.FirstChild == nil {
			return ""
		}
		return n.FirstChild.Data
	}
	return attr(n, "value")
}

// checkedValue is the value of the checked radio button of a group.
func (p *page) checkedValue(name string) string {
	n := find(p.doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "input" && attr(n, "name") == name && hasAttr(n, "checked")
	})
	return attr(n, "value")
}

// inlineScripts are script elements without a src: none may exist.
func (p *page) inlineScripts() int {
	return len(findAll(p.doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "script" && attr(n, "src") == ""
	}))
}

// within returns the text of the element with the id.
func (p *page) within(id string) string { return text(p.byID(id)) }

// langNext is where the language switch returns to.
func (p *page) langNext() string {
	return attr(find(p.doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "input" && attr(n, "name") == "next"
	}), "value")
}
