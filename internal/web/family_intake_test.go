package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

func TestIntakeOpensTheFamilyFile(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, me := a.CaseManager("carla@example.org")
		p := c.Get("/families")
		mustStatus(t, p, http.StatusOK, "empty caseload")
		if p.ByID("empty") == nil || attr(find(p.ByID("empty"), func(n *htmlNode) bool { return n.Data == "a" }), "href") != "/families/new" {
			t.Error("the empty caseload has no button to register a family")
		}
		p = c.Get("/families/new")
		mustStatus(t, p, http.StatusOK, "intake form")
		if got := p.Value("referral_date"); got != a.Day(0, 0, 0) {
			t.Errorf("referral date defaults to %q, want today", got)
		}

		id := c.CreateFamily(with(intake("Sara el Amrani", a.Day(-7, 0, 0)), "next_contact", a.Day(0, 0, 7)))
		p = c.Get(familyPath(id, ""))
		mustStatus(t, p, http.StatusOK, "family page")
		if p.H1() != "Sara el Amrani" {
			t.Errorf("h1 %q", p.H1())
		}
		for id, want := range map[string]string{
			"age":             "7 jaar",
			"diagnosis":       "Spinale musculaire atrofie G12.0",
			"intensity-badge": "regulier",
			"episode-badge":   "geaccepteerd",
			"cm-kct":          me.Name,
			"cm-thuis":        "nog niet gekozen",
		} {
			if got := p.Within(id); !strings.Contains(got, want) {
				t.Errorf("#%s says %q, want %q in it", id, got, want)
			}
		}
		if p.ByID("no-gp") == nil {
			t.Error("no warning about the missing GP")
		}
		if got := p.Within("intensity-history"); !strings.Contains(got, "Bij aanmelding") {
			t.Errorf("intensity history %q lacks the intake", got)
		}
		p = c.Get("/families")
		if got := p.CaseloadNames(); len(got) != 1 || got[0] != "Sara el Amrani" {
			t.Errorf("caseload %v", got)
		}
		if got := p.Within("family-" + itoa(id)); !strings.Contains(got, "regulier") || !strings.Contains(got, "geaccepteerd") {
			t.Errorf("caseload row %q", got)
		}
		// The home page leads a case manager to the caseload.
		if attr(c.Get("/").ByID("caseload-link"), "href") != "/families" {
			t.Error("home has no link to the caseload")
		}
	})
}

func TestIntakeWithoutDiagnosis(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		id := c.CreateFamily(with(intake("Ties", a.Day(0, -5, 0)), "diagnosis", "", "icd10", "", "no_diagnosis", "1"))
		p := c.Get(familyPath(id, ""))
		if got := p.Within("diagnosis"); got != "nog geen diagnose" {
			t.Errorf("diagnosis shows %q", got)
		}
		if got := p.Within("age"); !strings.HasPrefix(got, "5 maanden") {
			t.Errorf("age of a baby %q", got)
		}
		// The edit form keeps "no diagnosis" ticked.
		if e := c.Get(familyPath(id, "/edit")); !hasAttr(e.ByID("no_diagnosis"), "checked") {
			t.Error("edit form lost 'no diagnosis yet'")
		}
	})
}

func TestIntakeValidation(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		valid := intake("Jesse", a.Day(-4, 0, 0))
		tests := []struct {
			name  string
			set   []string
			field string
			want  string
		}{
			{"future birth date", []string{"birth_date", a.Day(0, 0, 1)}, "birth_date", "De geboortedatum kan niet in de toekomst liggen."},
			{"unreadable date", []string{"birth_date", "14-05-2019"}, "birth_date", "Vul een geldige datum in."},
			{"bad BSN", []string{"bsn", "123456789"}, "bsn", "Dit is geen geldig BSN. Kijk de negen cijfers na."},
			{"ICD-10 without diagnosis", []string{"diagnosis", "", "no_diagnosis", "1", "icd10", "G71.0"}, "icd10", "Een ICD-10-code hoort bij een diagnose. Vul eerst de diagnose in."},
			{"bad ICD-10", []string{"icd10", "spier"}, "icd10", "Dit is geen geldige ICD-10-code. Een code ziet eruit als G71.0."},
			{"no diagnosis and no tick", []string{"diagnosis", "", "icd10", ""}, "diagnosis", "Vul de diagnose in, of vink ‘Nog geen diagnose’ aan."},
			{"empty name", []string{"child_name", "   "}, "child_name", "Vul dit veld in."},
			{"summary too long", []string{"summary", strings.Repeat("a", 5000)}, "summary", "Deze tekst is te lang."},
			{"referral before birth", []string{"referral_date", a.Day(-5, 0, 0)}, "referral_date", "Deze datum ligt vóór de geboortedatum van het kind."},
			{"referral in the future", []string{"referral_date", a.Day(0, 0, 3)}, "referral_date", "Deze datum ligt in de toekomst. Vul vandaag of een eerdere dag in."},
			{"unknown sex", []string{"sex", "x"}, "sex", "Kies een van de mogelijkheden."},
			{"no role", []string{"kind", ""}, "kind", "Vul dit veld in."},
			{"next contact passed", []string{"next_contact", a.Day(0, 0, -1)}, "next_contact", "Deze datum ligt in het verleden. Kies een latere dag."},
		}
		for _, tt := range tests {
			v := with(valid, tt.set...)
			p := c.Post("/families", v)
			if p.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d, want 422", tt.name, p.StatusCode)
				continue
			}
			if got := p.FieldError(tt.field); got != tt.want {
				t.Errorf("%s: error at %s %q, want %q", tt.name, tt.field, got, tt.want)
			}
			if attr(p.ByID(tt.field), "aria-invalid") != "true" && p.ByID(tt.field).Data != "fieldset" {
				t.Errorf("%s: %s is not marked invalid", tt.name, tt.field)
			}
			if p.ByID("error-summary") == nil {
				t.Errorf("%s: no error summary", tt.name)
			}
			// What was typed stays in the form.
			for _, f := range []string{"child_name", "birth_date", "bsn", "icd10", "referred_by", "summary", "reason"} {
				if got := p.Value(f); got != v.Get(f) {
					t.Errorf("%s: %s shows %q, typed %q", tt.name, f, got, v.Get(f))
				}
			}
			if got := p.CheckedValue("surprise_question"); got != "no" {
				t.Errorf("%s: surprise question came back as %q", tt.name, got)
			}
			if !hasAttr(p.ByID("factor_wish"), "checked") || hasAttr(p.ByID("factor_capacity"), "checked") {
				t.Errorf("%s: the deciding factors were not kept", tt.name)
			}
		}
		// Nothing was half saved.
		p := c.Get("/families")
		if len(p.CaseloadNames()) != 0 || p.ByID("empty") == nil {
			t.Errorf("a refused intake left families behind: %v", p.CaseloadNames())
		}
	})
}

func TestIntakeRendersTextInert(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		const evil = `<script>alert("x")</script><b>vet</b>`
		v := intake(evil, a.Day(-3, 0, 0))
		for _, f := range []string{"diagnosis", "living_situation", "culture_notes", "summary", "referred_by", "reason"} {
			v.Set(f, evil+" "+f)
		}
		v.Set("icd10", "")
		// First with an error, so every field comes back in the form.
		p := c.Post("/families", with(v, "bsn", "123456789"))
		mustStatus(t, p, http.StatusUnprocessableEntity, "intake with a bad BSN")
		if n := p.InlineScripts(); n != 0 {
			t.Errorf("the form page has %d inline scripts", n)
		}
		if p.Tag("b") != nil {
			t.Error("typed markup became an element in the form")
		}
		if got := p.Value("child_name"); got != evil {
			t.Errorf("name came back as %q", got)
		}
		if got := p.Value("summary"); got != evil+" summary" {
			t.Errorf("summary came back as %q", got)
		}
		id := c.CreateFamily(v)
		p = c.Get(familyPath(id, ""))
		if n := p.InlineScripts(); n != 0 {
			t.Errorf("the family page has %d inline scripts", n)
		}
		if p.Tag("b") != nil {
			t.Error("typed markup became an element on the family page")
		}
		if p.H1() != evil {
			t.Errorf("h1 %q, want the typed text", p.H1())
		}
		if got := p.Within("summary"); got != evil+" summary" {
			t.Errorf("summary shows %q", got)
		}
		if !strings.Contains(p.HTML, "&lt;script&gt;") {
			t.Error("the script tag is not shown escaped")
		}
		c2 := c.Get("/families?q=" + "script")
		if n := c2.InlineScripts(); n != 0 || len(c2.CaseloadNames()) != 1 || c2.CaseloadNames()[0] != evil {
			t.Errorf("caseload: %d inline scripts, names %q", n, c2.CaseloadNames())
		}
	})
}

func TestIntakeWarnsAboutDuplicates(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		birth := a.Day(-9, -2, 0)
		first := c.CreateFamily(intake("Sam de Vries", birth))

		v := intake("Sam Jansen", birth)
		p := c.Post("/families", v)
		mustStatus(t, p, http.StatusConflict, "possible duplicate")
		if got := p.Within("duplicate-alert"); !strings.Contains(got, "mogelijk al een dossier bij u") || p.HrefAt("duplicate-"+itoa(first)) != familyPath(first, "") {
			t.Errorf("warning %q, link %q", got, p.HrefAt("duplicate-"+itoa(first)))
		}
		// A colleague is told whom to ask, not the child's name, and the
		// probe is on record in that family's trail.
		colleague, _ := a.CaseManager("joost@example.org")
		cp := colleague.Post("/families", intake("Sam Bakker", birth))
		mustStatus(t, cp, http.StatusConflict, "possible duplicate for a colleague")
		if got := cp.Within("duplicate-alert"); !strings.Contains(got, "Vraag het na bij: Naam carla") || strings.Contains(cp.HTML, "Sam de Vries") || cp.ByID("duplicate-"+itoa(first)) != nil {
			t.Errorf("to a colleague: %q", got)
		}
		events, err := a.Store.FamilyAuditEvents(context.Background(), first)
		if err != nil || len(events) == 0 {
			t.Fatal(err)
		}
		if e := events[len(events)-1]; e.ObjectType != "duplicate_check" || e.Action != care.ActionSearch {
			t.Errorf("last record of the matching family: %+v", e)
		}
		box := p.ByID("confirm_duplicate")
		if box == nil || attr(box, "type") != "checkbox" || hasAttr(box, "checked") {
			t.Fatal("no unticked box to confirm the new child")
		}
		if p.Value("child_name") != "Sam Jansen" {
			t.Error("the form lost the typed name")
		}
		// Sending again without the tick warns again.
		mustStatus(t, c.Post("/families", v), http.StatusConflict, "again without confirming")
		if got := c.Get("/families").CaseloadNames(); len(got) != 1 {
			t.Fatalf("a possible duplicate was saved: %v", got)
		}
		c.CreateFamily(with(v, "confirm_duplicate", "1"))
		if got := c.Get("/families?sort=name").CaseloadNames(); len(got) != 2 || got[1] != "Sam Jansen" {
			t.Errorf("after confirming: %v", got)
		}
		// Another date of birth is no duplicate.
		c.CreateFamily(intake("Sam Peeters", a.Day(-2, 0, 0)))
	})
}

func TestSecondaryDiagnoses(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		form := with(intake("Mees", a.Day(-4, 0, 0)), "secondary", "Epilepsie; g40.9\n\nSlikproblemen")
		id := c.CreateFamily(form)
		p := c.Get(familyPath(id, ""))
		if got := p.Within("diagnosis"); !strings.Contains(got, "Epilepsie G40.9") || !strings.Contains(got, "Slikproblemen") {
			t.Errorf("diagnoses shown: %q", got)
		}
		// The edit form shows them one per line, and saving keeps them.
		e := c.Get(familyPath(id, "/edit"))
		if got := text(e.ByID("secondary")); got != "Epilepsie; G40.9 Slikproblemen" {
			t.Errorf("edit form holds %q", got)
		}
		bad := c.Post(familyPath(id, "/edit"), with(form, "secondary", "Epilepsie; X"))
		if bad.StatusCode != http.StatusUnprocessableEntity || bad.FieldError("secondary") == "" {
			t.Errorf("a bad ICD-10 code: %d %q", bad.StatusCode, bad.FieldError("secondary"))
		}
		if got := c.Get(familyPath(id, "")).Within("diagnosis"); !strings.Contains(got, "Epilepsie G40.9") {
			t.Errorf("a refused edit changed the diagnoses: %q", got)
		}
	})
}
