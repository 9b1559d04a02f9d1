package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/web"
)

func TestCaseloadSearchAndSort(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		c, _ := a.caseManager("carla@example.org")
		zoe := c.createFamily(with(intake("Zoë Bakker", a.day(-4, 0, 0)), "next_contact", a.day(0, 0, 10)))
		c.createFamily(with(intake("Adam Claes", a.day(-6, 0, 0)), "next_contact", a.day(0, 0, 2)))
		c.createFamily(intake("Mila Jansen", a.day(-8, 0, 0)))
		// Another case manager's family never shows.
		other, _ := a.caseManager("ander@example.org")
		other.createFamily(intake("Zoltan Vos", a.day(-2, 0, 0)))

		tests := []struct {
			query string
			want  []string
		}{
			{"", []string{"Adam Claes", "Zoë Bakker", "Mila Jansen"}},
			{"?sort=next", []string{"Adam Claes", "Zoë Bakker", "Mila Jansen"}},
			{"?sort=name", []string{"Adam Claes", "Mila Jansen", "Zoë Bakker"}},
			{"?sort=child_name;DROP", []string{"Adam Claes", "Zoë Bakker", "Mila Jansen"}},
			{"?q=zo", []string{"Zoë Bakker"}},
			{"?q=+JANSEN+&sort=name", []string{"Mila Jansen"}},
			{"?q=a&sort=name", []string{"Adam Claes", "Mila Jansen", "Zoë Bakker"}},
		}
		for _, tt := range tests {
			p := c.get("/families" + tt.query)
			mustStatus(t, p, http.StatusOK, tt.query)
			if got := p.caseloadNames(); !slices.Equal(got, tt.want) {
				t.Errorf("%q: %v, want %v", tt.query, got, tt.want)
			}
		}
		p := c.get("/families?q=zo&sort=name")
		if p.value("q") != "zo" || attr(p.byID("sort-name"), "aria-current") != "true" {
			t.Error("the search box or the sort choice was not kept")
		}
		if got := attr(p.byID("sort-next"), "href"); got != "/families?q=zo&sort=next" {
			t.Errorf("sort link %q does not keep the search", got)
		}
		row := p.within("family-" + itoa(zoe))
		for _, want := range []string{"4 jaar", "regulier", "geaccepteerd", "0"} {
			if !strings.Contains(row, want) {
				t.Errorf("row %q lacks %q", row, want)
			}
		}
		p = c.get("/families?q=" + url.QueryEscape("<niemand>"))
		if p.byID("no-match") == nil || !strings.Contains(p.within("no-match"), "‘<niemand>’") || p.byID("empty") != nil {
			t.Errorf("no match: %q", p.within("no-match"))
		}
		// A family that does not match is not listed.
		if got := p.within("family-" + itoa(zoe)); got != "" {
			t.Errorf("a filtered-out family shows: %q", got)
		}
	})
}

func TestCaseloadDatesAndLanguage(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		c, _ := a.caseManager("carla@example.org")
		id := c.createFamily(with(intake("Jip", a.day(-2, 0, 0)), "next_contact", "2031-01-02"))
		// Overdue in the list: a task due yesterday.
		redirectsTo(t, c.post(familyPath(id, "/tasks"), url.Values{"title": {"Bellen"}, "owner_kind": {"family"}, "due_date": {a.day(0, 0, -1)}}), familyPath(id, "#tasks"), "task")
		row := c.get("/families").byID("family-" + itoa(id))
		if got := text(row); !strings.Contains(got, "2 jan 2031") {
			t.Errorf("Dutch row %q", got)
		}
		badge := find(row, func(n *htmlNode) bool { return strings.Contains(attr(n, "class"), "overdue") })
		if !strings.Contains(attr(badge, "class"), "warn") || text(badge) != "1 te laat" {
			t.Errorf("overdue badge %q class %q", text(badge), attr(badge, "class"))
		}
		c.post("/language", url.Values{"lang": {"en"}, "next": {"/families"}})
		p := c.get("/families")
		if p.h1() != "My families" || !strings.Contains(p.within("family-"+itoa(id)), "2 Jan 2031") || !strings.Contains(p.within("family-"+itoa(id)), "1 overdue") {
			t.Errorf("English: %q / %q", p.h1(), p.within("family-"+itoa(id)))
		}
		if got := c.get(familyPath(id, "")).within("intensity-badge"); got != "regular" {
			t.Errorf("English intensity %q", got)
		}
	})
}
