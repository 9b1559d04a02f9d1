package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/site"
)

func TestNetworkAddEditDelete(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := c.CreateFamily(intake("Noor", a.Day(-5, 0, 0)))

		p := c.Get(familyPath(id, "/network/new"))
		mustStatus(t, p, http.StatusOK, "network form")
		if got := p.ByID("role"); attr(find(got, func(n *htmlNode) bool { return n.Data == "option" && hasAttr(n, "selected") }), "value") != "gp" {
			t.Error("without a GP the form does not start with the GP")
		}
		p = c.Post(familyPath(id, "/network"), url.Values{"name": {""}, "role": {"pilot"}, "line": {"7"}, "email": {"geen"}, "responsibilities": {"Pijnbestrijding"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "invalid network member")
		for field, want := range map[string]string{"name": "Vul dit veld in.", "role": "Kies een van de mogelijkheden.", "line": "Kies een van de mogelijkheden.", "email": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."} {
			if got := p.FieldError(field); got != want {
				t.Errorf("%s: %q, want %q", field, got, want)
			}
		}
		if p.Value("responsibilities") != "Pijnbestrijding" {
			t.Error("the responsibilities were not kept")
		}

		gp := url.Values{"name": {"Dr. Visser"}, "role": {"gp"}, "organisation": {"Praktijk De Linde"}, "line": {"1"},
			"phone": {"010-1234567"}, "reachability": {"Werkdagen 8-17"}, "always_reachable": {"1"},
			"responsibilities": {"Medicatie thuis\nBespreekt rouwzorg"}, "bereavement": {"1"}}
		redirectsTo(t, c.Post(familyPath(id, "/network"), gp), familyPath(id, "#network"), "add GP")
		p = c.Get(familyPath(id, ""))
		if p.ByID("no-gp") != nil {
			t.Error("the missing-GP warning stays after adding the GP")
		}
		ids := p.IDsWithPrefix("network-")
		if len(ids) != 1 {
			t.Fatalf("network rows %v", ids)
		}
		mid := ids[0]
		row := p.Within("network-" + itoa(mid))
		for _, want := range []string{"Dr. Visser", "Praktijk De Linde", "huisarts", "1e lijn", "24/7", "Werkdagen 8-17", "Medicatie thuis", "rouwzorg"} {
			if !strings.Contains(row, want) {
				t.Errorf("network row %q lacks %q", row, want)
			}
		}

		e := c.Get(familyPath(id, "/network/"+itoa(mid)+"/edit"))
		mustStatus(t, e, http.StatusOK, "edit form")
		if e.Value("name") != "Dr. Visser" || e.Value("responsibilities") != "Medicatie thuis\nBespreekt rouwzorg" || !hasAttr(e.ByID("always_reachable"), "checked") {
			t.Errorf("edit form shows %q / %q", e.Value("name"), e.Value("responsibilities"))
		}
		changed := with(gp, "responsibilities", "Medicatie en pijn", "always_reachable", "", "line", "1")
		redirectsTo(t, c.Post(familyPath(id, "/network/"+itoa(mid)), changed), familyPath(id, "#network"), "edit GP")
		row = c.Get(familyPath(id, "")).Within("network-" + itoa(mid))
		if !strings.Contains(row, "Medicatie en pijn") || strings.Contains(row, "24/7") {
			t.Errorf("after editing: %q", row)
		}

		redirectsTo(t, c.Post(familyPath(id, "/network/"+itoa(mid)+"/delete"), nil), familyPath(id, "#network"), "delete")
		p = c.Get(familyPath(id, ""))
		if len(p.IDsWithPrefix("network-")) != 0 || p.ByID("no-gp") == nil {
			t.Error("the member is still there, or the GP warning did not come back")
		}
		mustStatus(t, c.Post(familyPath(id, "/network/"+itoa(mid)+"/delete"), nil), http.StatusNotFound, "delete twice")
		mustStatus(t, c.Get(familyPath(id, "/network/"+itoa(mid)+"/edit")), http.StatusNotFound, "edit a deleted member")
	})
}

func TestContactDates(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, me := a.CaseManager("carla@example.org")
		birth := a.Day(-1, 0, 0)
		id := c.CreateFamily(intake("Bo", birth))

		p := c.Get(familyPath(id, "/contacts/new"))
		if p.Value("date") != a.Day(0, 0, 0) {
			t.Errorf("contact date defaults to %q, want today", p.Value("date"))
		}
		if attr(p.ByID("duration"), "inputmode") != "numeric" || attr(p.ByID("duration"), "type") != "number" {
			t.Error("duration is not a numeric input")
		}
		tests := []struct {
			name, field, want string
			set               []string
		}{
			{"before birth", "date", "Deze datum ligt vóór de geboortedatum van het kind.", []string{"date", a.Day(-1, 0, -1)}},
			{"in the future", "date", "Deze datum ligt in de toekomst. Vul vandaag of een eerdere dag in.", []string{"date", a.Day(0, 0, 1)}},
			{"no date", "date", "Vul dit veld in.", []string{"date", ""}},
			{"no kind", "kind", "Vul dit veld in.", []string{"kind", ""}},
			{"letters for minutes", "duration", "Vul een heel getal in, zoals 45.", []string{"duration", "een uur"}},
			{"more than a day", "travel", "Vul een aantal minuten in tussen 0 en 1440 (een dag).", []string{"travel", "2000"}},
		}
		valid := url.Values{"date": {a.Day(0, 0, 0)}, "kind": {"home_visit"}, "with": {"both"}, "duration": {"90"}, "travel": {"40"},
			"topics": {"Slaap en school"}, "follow_up": {"Bellen met school"}}
		for _, tt := range tests {
			v := with(valid, tt.set...)
			p := c.Post(familyPath(id, "/contacts"), v)
			if p.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d", tt.name, p.StatusCode)
				continue
			}
			if got := p.FieldError(tt.field); got != tt.want {
				t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
			}
			if p.Value("topics") != "Slaap en school" || p.CheckedValue("with") != "both" || p.Value("duration") != v.Get("duration") {
				t.Errorf("%s: the form lost what was typed", tt.name)
			}
		}
		if ids := c.Get(familyPath(id, "")).IDsWithPrefix("contact-"); len(ids) != 0 {
			t.Fatalf("a refused contact was saved: %v", ids)
		}
		// Only date, kind and with whom are needed.
		redirectsTo(t, c.Post(familyPath(id, "/contacts"), url.Values{"date": {birth}, "kind": {"phone"}, "with": {"parent"}}), familyPath(id, "#contacts"), "minimal contact")
		redirectsTo(t, c.Post(familyPath(id, "/contacts"), valid), familyPath(id, "#contacts"), "full contact")
		p = c.Get(familyPath(id, ""))
		ids := p.IDsWithPrefix("contact-")
		if len(ids) != 2 {
			t.Fatalf("contacts %v", ids)
		}
		newest := p.Within("contact-" + itoa(ids[0]))
		for _, want := range []string{"huisbezoek", "kind en ouder", "90 min", "40 min reistijd", "Slaap en school", "Bellen met school", me.Name} {
			if !strings.Contains(newest, want) {
				t.Errorf("newest contact %q lacks %q", newest, want)
			}
		}
		if !strings.Contains(p.Within("contact-"+itoa(ids[1])), "telefoon") {
			t.Error("the timeline is not newest first")
		}
	})
}

func TestIntensityChange(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, me := a.CaseManager("carla@example.org")
		id := c.CreateFamily(intake("Fenna", a.Day(-12, 0, 0)))

		p := c.Get(familyPath(id, "/intensity"))
		if p.CheckedValue("intensity") != "regular" {
			t.Errorf("the form starts at %q, want the current intensity", p.CheckedValue("intensity"))
		}
		p = c.Post(familyPath(id, "/intensity"), url.Values{"intensity": {"waakvlam"}, "reason": {" "}, "next_contact": {a.Day(0, 0, -3)}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "no reason")
		if p.FieldError("reason") != "Vul dit veld in." || p.FieldError("next_contact") != "Deze datum ligt in het verleden. Kies een latere dag." {
			t.Errorf("errors %q, %q", p.FieldError("reason"), p.FieldError("next_contact"))
		}
		if p.LangNext() != familyPath(id, "#intensity") {
			t.Errorf("the language switch on a form sent back returns to %q", p.LangNext())
		}
		next := a.Day(0, 3, 0)
		redirectsTo(t, c.Post(familyPath(id, "/intensity"), url.Values{"intensity": {"waakvlam"}, "reason": {"Stabiel, gezin wil rust"}, "next_contact": {next}}),
			familyPath(id, "#intensity"), "to waakvlam")
		p = c.Get(familyPath(id, ""))
		if got := p.Within("intensity-badge"); got != "waakvlam" {
			t.Errorf("badge %q", got)
		}
		history := p.Within("intensity-history")
		for _, want := range []string{"regulier → waakvlam", "Stabiel, gezin wil rust", me.Name} {
			if !strings.Contains(history, want) {
				t.Errorf("history %q lacks %q", history, want)
			}
		}
		if strings.Index(history, "waakvlam") > strings.Index(history, "Bij aanmelding") {
			t.Error("the history is not newest first")
		}
		row := c.Get("/families").Within("family-" + itoa(id))
		if !strings.Contains(row, "waakvlam") {
			t.Errorf("caseload row %q", row)
		}
	})
}

func TestTasks(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := c.CreateFamily(intake("Daan", a.Day(-8, 0, 0)))

		p := c.Post(familyPath(id, "/tasks"), url.Values{"title": {""}, "owner": {"niemand"}, "due_date": {"morgen"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "invalid task")
		if p.FieldError("title") != "Vul dit veld in." || p.FieldError("owner") != "Kies een van de mogelijkheden." || p.FieldError("due_date") != "Vul een geldige datum in." {
			t.Errorf("errors %q %q %q", p.FieldError("title"), p.FieldError("owner"), p.FieldError("due_date"))
		}
		redirectsTo(t, c.Post(familyPath(id, "/tasks"), url.Values{"title": {"Rolstoel aanvragen"}, "owner": {"family"}, "due_date": {a.Day(0, 0, -2)}}),
			familyPath(id, "#tasks"), "overdue task")
		redirectsTo(t, c.Post(familyPath(id, "/tasks"), url.Values{"title": {"School bellen"}, "owner": {"family"}, "due_date": {a.Day(0, 0, 10)}}),
			familyPath(id, "#tasks"), "task")
		p = c.Get(familyPath(id, ""))
		ids := p.IDsWithPrefix("task-")
		if len(ids) != 2 {
			t.Fatalf("tasks %v", ids)
		}
		late, later := p.ByID("task-"+itoa(ids[0])), p.ByID("task-"+itoa(ids[1]))
		if !strings.Contains(attr(late, "class"), "overdue") || !strings.Contains(text(late), "te laat") {
			t.Errorf("the overdue task does not stand out: %q", text(late))
		}
		if strings.Contains(attr(later, "class"), "overdue") {
			t.Error("a task due later is marked overdue")
		}
		if got := c.Get("/families").Within("family-" + itoa(id)); !strings.Contains(got, "Taken te laat") {
			t.Errorf("caseload row %q does not signal the overdue task", got)
		}
		if c.Get("/families?filter=overdue_tasks").ByID("family-"+itoa(id)) == nil {
			t.Error("the family is not under the caseload's filter of overdue tasks")
		}

		done := familyPath(id, "/tasks/"+itoa(ids[0])+"/done")
		p = c.Post(done, url.Values{"done_note": {"  "}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "done without a note")
		if got := p.FieldError("done_note-" + itoa(ids[0])); got != "Vul dit veld in." {
			t.Errorf("done error %q", got)
		}
		if p.H1() != "Daan" {
			t.Errorf("the error is not shown on the family page: h1 %q", p.H1())
		}
		if link := find(p.ByID("error-summary"), func(n *htmlNode) bool { return n.Data == "a" }); attr(link, "href") != "#done_note-"+itoa(ids[0]) {
			t.Errorf("the error summary does not lead to the note: %q", attr(link, "href"))
		}
		if p.LangNext() != familyPath(id, "") {
			t.Errorf("the language switch returns to %q", p.LangNext())
		}
		redirectsTo(t, c.Post(done, url.Values{"done_note": {"Aangevraagd bij de gemeente, levering over 6 weken"}}), familyPath(id, "#tasks"), "done")
		// Sent twice, the second goes back to the page without an error.
		redirectsTo(t, c.Post(done, url.Values{"done_note": {"nogmaals"}}), familyPath(id, "#tasks"), "done twice")
		p = c.Get(familyPath(id, ""))
		if got := p.IDsWithPrefix("task-"); len(got) != 2 || got[0] != ids[1] {
			t.Errorf("open tasks are not first: %v", got)
		}
		closed := p.Within("task-" + itoa(ids[0]))
		if !strings.Contains(closed, "Aangevraagd bij de gemeente") || strings.Contains(closed, "nogmaals") || !strings.Contains(closed, "gedaan") {
			t.Errorf("done task shows %q", closed)
		}
		if got := c.Get("/families").Within("family-" + itoa(id)); strings.Contains(got, "te laat") {
			t.Errorf("caseload still counts the done task as overdue: %q", got)
		}
	})
}

func TestEpisodeMembersAndDetails(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := c.CreateFamily(intake("Lotte", a.Day(-10, 0, 0)))

		ep := url.Values{"status": {"declined"}, "status_note": {""}, "referral_date": {a.Day(-1, 0, 0)}, "surprise_question": {"yes"}, "division_of_tasks": {"KCT: medisch. Thuis: school en gemeente."}}
		p := c.Post(familyPath(id, "/episode"), ep)
		mustStatus(t, p, http.StatusUnprocessableEntity, "decline without a note")
		if got := p.FieldError("status_note"); got != "Schrijf kort op waarom het gezin afwijst en wat het wel wil." {
			t.Errorf("note error %q", got)
		}
		redirectsTo(t, c.Post(familyPath(id, "/episode"), with(ep, "status_note", "Wil eerst zelf rust")), familyPath(id, "#episode"), "decline")
		p = c.Get(familyPath(id, ""))
		if got := p.Within("episode-badge"); got != "afgewezen" {
			t.Errorf("episode badge %q", got)
		}
		if got := p.Within("division"); !strings.Contains(got, "KCT: medisch") {
			t.Errorf("division of tasks %q", got)
		}
		redirectsTo(t, c.Post(familyPath(id, "/episode"), with(ep, "status", "offered")), familyPath(id, "#episode"), "reopen")
		if got := c.Get(familyPath(id, "")).Within("episode-badge"); got != "aangeboden" {
			t.Errorf("after reopening: %q", got)
		}
		if got := c.Get(familyPath(id, "/episode")).CheckedValue("surprise_question"); got != "yes" {
			t.Errorf("episode form shows surprise answer %q", got)
		}

		mustStatus(t, c.Post(familyPath(id, "/members"), url.Values{"kind": {"parent"}, "name": {""}, "email": {"x"}}), http.StatusUnprocessableEntity, "invalid member")
		redirectsTo(t, c.Post(familyPath(id, "/members"), url.Values{"kind": {"parent"}, "name": {"Ilse"}, "relation": {"moeder"}, "custody": {"1"}, "phone": {"0612345678"}}),
			familyPath(id, "#members"), "member")
		redirectsTo(t, c.Post(familyPath(id, "/members"), url.Values{"kind": {"sibling"}, "name": {"Ruben"}, "birth_date": {a.Day(-14, 0, 0)}}),
			familyPath(id, "#members"), "sibling")
		members := c.Get(familyPath(id, "")).Within("members")
		for _, want := range []string{"Ilse", "moeder", "gezag", "Ruben", "broer of zus", "14 jaar"} {
			if !strings.Contains(members, want) {
				t.Errorf("members %q lack %q", members, want)
			}
		}

		e := c.Get(familyPath(id, "/edit"))
		v := url.Values{}
		for _, f := range []string{"child_name", "birth_date", "sex", "bsn", "diagnosis", "icd10", "living_situation", "culture_notes", "summary"} {
			v.Set(f, e.Value(f))
		}
		v.Set("sex", "female")
		v.Set("bsn", "111 222 333")
		v.Set("child_name", "Lotte Bakker")
		redirectsTo(t, c.Post(familyPath(id, "/edit"), v), familyPath(id, ""), "edit child")
		p = c.Get(familyPath(id, ""))
		if p.H1() != "Lotte Bakker" || !strings.Contains(p.Within("situation"), "111222333") || p.Within("intensity-badge") != "regulier" {
			t.Errorf("after editing: %q, %q, %q", p.H1(), p.Within("situation"), p.Within("intensity-badge"))
		}
		mustStatus(t, c.Post(familyPath(id, "/edit"), with(v, "birth_date", a.Day(0, 0, 2))), http.StatusUnprocessableEntity, "edit with a future birth date")
	})
}

func TestChooseTheOtherCaseManager(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		other, colleague := a.CaseManager("thuis@example.org")
		id := c.CreateFamily(intake("Mees", a.Day(-3, 0, 0)))
		mustStatus(t, other.Get(familyPath(id, "")), http.StatusNotFound, "before being chosen")

		p := c.Get(familyPath(id, "/casemanagers"))
		if p.CheckedValue("kind") != "thuis" {
			t.Errorf("the form offers %q, want the empty place (thuis)", p.CheckedValue("kind"))
		}
		p = c.Post(familyPath(id, "/casemanagers"), url.Values{"kind": {"thuis"}, "account": {"999999"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "unknown colleague")
		if p.FieldError("account") != "Kies een van de mogelijkheden." {
			t.Errorf("account error %q", p.FieldError("account"))
		}
		redirectsTo(t, c.Post(familyPath(id, "/casemanagers"), url.Values{"kind": {"thuis"}, "account": {itoa(colleague.ID)}}),
			familyPath(id, "#casemanagers"), "choose colleague")
		p = other.Get(familyPath(id, ""))
		mustStatus(t, p, http.StatusOK, "the chosen colleague")
		if got := p.Within("cm-thuis"); got != colleague.Name {
			t.Errorf("thuis case manager %q", got)
		}
		if got := other.Get("/families").CaseloadNames(); len(got) != 1 {
			t.Errorf("the colleague's caseload %v", got)
		}
	})
}
