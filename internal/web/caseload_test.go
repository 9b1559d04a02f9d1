package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

func TestCaseloadSearchAndSort(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		zoe := c.CreateFamily(with(intake("Zoë Bakker", a.Day(-4, 0, 0)), "next_contact", a.Day(0, 0, 10)))
		c.CreateFamily(with(intake("Adam Claes", a.Day(-6, 0, 0)), "next_contact", a.Day(0, 0, 2)))
		c.CreateFamily(intake("Mila Jansen", a.Day(-8, 0, 0)))
		// Another case manager's family never shows.
		other, _ := a.CaseManager("ander@example.org")
		other.CreateFamily(intake("Zoltan Vos", a.Day(-2, 0, 0)))

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
			p := c.Get("/families" + tt.query)
			mustStatus(t, p, http.StatusOK, tt.query)
			if got := p.CaseloadNames(); !slices.Equal(got, tt.want) {
				t.Errorf("%q: %v, want %v", tt.query, got, tt.want)
			}
		}
		p := c.Get("/families?q=zo&sort=name")
		if p.Value("q") != "zo" || attr(p.ByID("sort-name"), "aria-current") != "true" {
			t.Error("the search box or the sort choice was not kept")
		}
		if got := attr(p.ByID("sort-next"), "href"); got != "/families?q=zo&sort=next" {
			t.Errorf("sort link %q does not keep the search", got)
		}
		row := p.Within("family-" + itoa(zoe))
		for _, want := range []string{"4 jaar", "regulier", "geaccepteerd", "0"} {
			if !strings.Contains(row, want) {
				t.Errorf("row %q lacks %q", row, want)
			}
		}
		p = c.Get("/families?q=" + url.QueryEscape("<niemand>"))
		if p.ByID("no-match") == nil || !strings.Contains(p.Within("no-match"), "‘<niemand>’") || p.ByID("empty") != nil {
			t.Errorf("no match: %q", p.Within("no-match"))
		}
		// A family that does not match is not listed.
		if got := p.Within("family-" + itoa(zoe)); got != "" {
			t.Errorf("a filtered-out family shows: %q", got)
		}
	})
}

func TestCaseloadDatesAndLanguage(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := c.CreateFamily(with(intake("Jip", a.Day(-2, 0, 0)), "next_contact", "2031-01-02"))
		// Overdue in the list: a task due yesterday.
		redirectsTo(t, c.Post(familyPath(id, "/tasks"), url.Values{"title": {"Bellen"}, "owner": {"family"}, "due_date": {a.Day(0, 0, -1)}}), familyPath(id, "#tasks"), "task")
		row := c.Get("/families").ByID("family-" + itoa(id))
		if got := text(row); !strings.Contains(got, "2 jan 2031") {
			t.Errorf("Dutch row %q", got)
		}
		// One badge: the family's most urgent signal, short, in the
		// page's language, linking to where to act.
		short := func(lang, code string) string {
			t.Helper()
			b, err := os.ReadFile("locales/caseload_signal." + lang + ".json")
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]string{}
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			return m["signal."+code+".short"]
		}
		top := func(row *htmlNode) (code, label string) {
			t.Helper()
			badges := allUnder(row, func(n *htmlNode) bool { return hasClass(n, "top-signal") })
			if len(badges) != 1 {
				t.Fatalf("row %q: %d signal badges, want 1", text(row), len(badges))
			}
			b := badges[0]
			if !strings.Contains(attr(b, "class"), "sev-") || !strings.HasPrefix(attr(b, "href"), "/families/"+itoa(id)) || attr(b, "title") == "" {
				t.Errorf("signal badge class %q href %q title %q", attr(b, "class"), attr(b, "href"), attr(b, "title"))
			}
			return attr(b, "data-code"), text(b)
		}
		code, label := top(row)
		if code == "" || label != short("nl", code) {
			t.Errorf("Dutch signal badge %q for %q", label, code)
		}
		if strings.Contains(text(row), "te laat") && code != "tasks_overdue" {
			t.Errorf("row %q repeats the overdue tasks beside its signal", text(row))
		}
		// The overdue task is found by the filter.
		if c.Get("/families?filter=overdue_tasks").ByID("family-"+itoa(id)) == nil {
			t.Error("the overdue-tasks filter leaves the family out")
		}
		c.Post("/language", url.Values{"lang": {"en"}, "next": {"/families"}})
		p := c.Get("/families")
		row = p.ByID("family-" + itoa(id))
		if code, label := top(row); p.H1() != "My families" || !strings.Contains(text(row), "2 Jan 2031") || label != short("en", code) {
			t.Errorf("English: %q / %q", p.H1(), text(row))
		}
		if got := c.Get(familyPath(id, "")).Within("intensity-badge"); got != "regular" {
			t.Errorf("English intensity %q", got)
		}
	})
}

// TestCaseloadSearchTooLong: a search the API refuses is refused on the
// page too, with the reason next to the field and the text kept; it is no
// silent "everything".
func TestCaseloadSearchTooLong(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		c.CreateFamily(intake("Sam de Vries", a.Day(-9, 0, 0)))
		long := strings.Repeat("a", 201)
		p := c.Get("/families?q=" + long)
		mustStatus(t, p, http.StatusUnprocessableEntity, "a search too long")
		if p.FieldError("q") == "" || p.Value("q") != long || len(p.CaseloadNames()) != 0 || p.ByID("search-refused") == nil {
			t.Errorf("too long: error %q, kept %v, names %v", p.FieldError("q"), p.Value("q") == long, p.CaseloadNames())
		}
		if p := c.Get("/families?q=" + strings.Repeat("a", 200)); p.StatusCode != http.StatusOK || p.FieldError("q") != "" {
			t.Errorf("200 characters: %d %q", p.StatusCode, p.FieldError("q"))
		}
	})
}

// TestCaseloadSearchFindsParentsAndTypos: a search finds a family by a
// parent's or a sibling's name too, and forgives a typo; the row says
// through whom it was found. The API answers the same.
func TestCaseloadSearchFindsParentsAndTypos(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, acc := a.CaseManager("carla@example.org")
		actor := care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: a.Org, AccessPoint: "test"}
		mila := c.CreateFamily(intake("Mila Jansen", a.Day(-8, 0, 0)))
		c.CreateFamily(intake("Adam Claes", a.Day(-6, 0, 0)))
		for _, m := range []*care.Member{
			{FamilyID: mila, Kind: "parent", Name: "Eva Hoekstra", Relation: "moeder", Custody: true},
			{FamilyID: mila, Kind: "sibling", Name: "Ruben Jansen", Relation: "broer"},
		} {
			if err := a.Care.AddMember(context.Background(), actor, m); err != nil {
				t.Fatal(err)
			}
		}
		// Another case manager's family with a parent of the same name never shows.
		other, oacc := a.CaseManager("ander@example.org")
		vos := other.CreateFamily(intake("Zoltan Vos", a.Day(-2, 0, 0)))
		if err := a.Care.AddMember(context.Background(), care.Actor{AccountID: oacc.ID, Role: care.RoleCaseManager, OrganisationID: a.Org},
			&care.Member{FamilyID: vos, Kind: "parent", Name: "Eva Hoekstra"}); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]string{
			"hoekstra": "gevonden via Eva Hoekstra (moeder)",
			"hoekstar": "gevonden via Eva Hoekstra (moeder)", // a typo
			"ruben":    "gevonden via Ruben Jansen (broer)",
			"jnasen":   "", // the child's own name, with a typo
		} {
			p := c.Get("/families?q=" + q)
			if got := p.CaseloadNames(); !slices.Equal(got, []string{"Mila Jansen"}) {
				t.Errorf("%q: %v, want only Mila Jansen", q, got)
			}
			if got := text(p.Class("found-via")); got != want {
				t.Errorf("%q: found via %q, want %q", q, got, want)
			}
		}
		body := c.API(http.MethodGet, "/api/v1/families?q=hoekstar", nil).JSON(t)
		fs, _ := body.(map[string]any)["families"].([]any)
		if len(fs) != 1 || fs[0].(map[string]any)["found_via"].(map[string]any)["name"] != "Eva Hoekstra" {
			t.Errorf("API search by a parent's name with a typo: %v", body)
		}
	})
}
