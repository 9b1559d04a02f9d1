package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// coverWorld is a PlanWorld whose case manager recorded home nursing
// under the Wmo with a decision letter, respite care as a personal budget
// under an objection, and a wheelchair requested fifty days ago.
type coverWorld struct {
	*sitetest.PlanWorld
	item, doc int64
}

func newCoverWorld(t *testing.T, a *app) *coverWorld {
	t.Helper()
	ctx := context.Background()
	w := &coverWorld{PlanWorld: sitetest.NewPlanWorld(t, a)}
	today := care.DateOf(a.Clock.Now())
	nursing := &care.CoverageItem{FamilyID: w.Fam, Kind: "home_nursing", Description: "Verpleging overdag", ProviderName: "Thuiszorg Oost", Applicant: "casemanager"}
	if err := a.Care.AddCoverageItem(ctx, w.CMActor, nursing, &care.CoveragePeriod{Law: care.LawWmo, Form: "zin", Status: care.CoverageGranted,
		HoursPerWeek: 12.5, Start: today.AddDate(0, -3, 0), End: today.AddDate(0, 9, 0)}); err != nil {
		t.Fatal(err)
	}
	respite := &care.CoverageItem{FamilyID: w.Fam, Kind: "respite", Applicant: "parents"}
	if err := a.Care.AddCoverageItem(ctx, w.CMActor, respite, &care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageObjection,
		Start: today.AddDate(0, -1, 0), AppliedOn: today.AddDate(0, -2, 0), DecidedOn: today.AddDate(0, -1, 0),
		ObjectionFiledOn: today.AddDate(0, 0, -10), ObjectionDue: today.AddDate(0, 0, 32)}); err != nil {
		t.Fatal(err)
	}
	aid := &care.Aid{FamilyID: w.Fam, Kind: "wheelchair", Via: care.LawWmo, Status: care.AidRequested, Requested: today.AddDate(0, 0, -50),
		ReplaceBy: time.Date(2030, 9, 1, 0, 0, 0, 0, time.UTC)}
	if err := a.Care.SaveAid(ctx, w.CMActor, aid); err != nil {
		t.Fatal(err)
	}
	d, err := a.Care.AttachCoverageDocument(ctx, w.CMActor, w.Fam, nursing.ID, 0, "decision", &care.Upload{FileName: "beschikking.pdf", Content: []byte("%PDF-1.4\n")})
	if err != nil {
		t.Fatal(err)
	}
	w.item, w.doc = nursing.ID, d.ID
	return w
}

func (w *coverWorld) my(rest string) string {
	return "/my/families/" + strconv.FormatInt(w.Fam, 10) + rest
}

func TestCoverageForTheFamily(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverWorld(t, a)
		if got := w.Parent.Get(w.my("")).HrefAt("coverage-link"); got != w.my("/coverage") {
			t.Errorf("family page links to %q", got)
		}
		before := len(audit(t, a, w.Fam))
		p := w.Parent.Get(w.my("/coverage"))
		mustStatus(t, p, http.StatusOK, "coverage page")
		if n := len(audit(t, a, w.Fam)); n != before+1 {
			t.Errorf("%d audit records for one read", n-before)
		}
		item := "coverage-" + strconv.FormatInt(w.item, 10)
		for id, want := range map[string]string{
			item + "-payer":    "de gemeente (Wmo)",
			item + "-form":     "zorg in natura",
			item + "-amount":   "12,5 uur per week",
			item + "-until":    "tot en met",
			item + "-arranger": "De casemanager",
			item + "-state":    "Loopt",
		} {
			if got := p.Within(id); !strings.Contains(got, want) {
				t.Errorf("%s = %q, want %q", id, got, want)
			}
		}
		// The objection comes first, with the date its decision is due.
		items := p.IDsWithPrefix("coverage-")
		if len(items) < 2 || items[0] == w.item {
			t.Errorf("order of items %v: the objection should come first", items)
		}
		main := text(p.Tag("main"))
		for _, want := range []string{"het zorgkantoor (Wlz)", "eigen budget (pgb)", "Jullie zelf", "Uiterlijk " + formatDay(care.DateOf(a.Clock.Now()).AddDate(0, 0, 32)),
			"Rolstoel", "jullie wachten nu 50 dagen", "langer dan 6 weken", "Een nieuwe is gepland rond 1 sep 2030"} {
			if !strings.Contains(main, want) {
				t.Errorf("coverage page lacks %q:\n%s", want, main)
			}
		}
		if p.Present("coverage-eighteen") {
			t.Error("a nine-year-old's page speaks of turning 18")
		}

		// The decision letter downloads as an attachment, never sniffed.
		doc := w.my("/coverage/documents/" + strconv.FormatInt(w.doc, 10))
		if got := p.HrefAt("document-" + strconv.FormatInt(w.doc, 10)); got != doc {
			t.Errorf("document link %q, want %q", got, doc)
		}
		d := w.Parent.Get(doc)
		mustStatus(t, d, http.StatusOK, "download")
		if cd := d.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || d.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("download headers %q, %q", cd, d.Header.Get("X-Content-Type-Options"))
		}
		// Only through this family, and only a coverage letter.
		other := newCoverWorld(t, a)
		mustStatus(t, w.Parent.Get(w.my("/coverage/documents/"+strconv.FormatInt(other.doc, 10))), http.StatusNotFound, "another family's letter")
		mustStatus(t, w.Parent.Get("/my/families/"+strconv.FormatInt(other.Fam, 10)+"/coverage"), http.StatusNotFound, "another family's coverage")
		mustStatus(t, w.Nurse.Get(w.my("/coverage/documents/"+strconv.FormatInt(w.doc, 10))), http.StatusNotFound, "a provider through the family's door")

		// The child reads it in simpler words.
		c := w.Child.Get(w.my("/coverage"))
		mustStatus(t, c, http.StatusOK, "child's coverage page")
		if got := c.H1(); got != "Wie betaalt jouw zorg" {
			t.Errorf("child's heading %q", got)
		}
	})
}

func TestCoverageForProviders(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newCoverWorld(t, a)
		fam := strconv.FormatInt(w.Fam, 10)
		// The GP's consent covers the plan and network only; the nurse has none.
		for who, c := range map[string]*client{"gp with plan_network": w.GP, "nurse without consent": w.Nurse, "other case manager": w.Other} {
			mustStatus(t, c.Get("/provider/families/"+fam+"/coverage"), http.StatusNotFound, who)
		}
		if w.GP.Get("/provider/families/" + fam).Present("coverage-link") {
			t.Error("plan_network: the provider's page links to the coverage")
		}
		if err := a.Care.SetConsent(context.Background(), w.ParentActor, w.Fam, gpID(t, a, w), true, care.ScopeFile); err != nil {
			t.Fatal(err)
		}
		if got := w.GP.Get("/provider/families/" + fam).HrefAt("coverage-link"); got != "/provider/families/"+fam+"/coverage" {
			t.Errorf("whole file: coverage link %q", got)
		}
		p := w.GP.Get("/provider/families/" + fam + "/coverage")
		mustStatus(t, p, http.StatusOK, "gp with the whole file")
		main := text(p.Tag("main"))
		for _, want := range []string{"de gemeente (Wmo)", "Zorg in natura (ZIN)", "Persoonsgebonden budget (pgb)", "De ouders"} {
			if !strings.Contains(main, want) {
				t.Errorf("provider's coverage lacks %q", want)
			}
		}
		if strings.Contains(main, "beschikking.pdf") || strings.Contains(main, "jullie") {
			t.Errorf("provider's coverage shows the family's letters or speaks to the family:\n%s", main)
		}
		mustStatus(t, w.GP.Get("/my/families/"+fam+"/coverage"), http.StatusNotFound, "provider through the family's door")
	})
}

func gpID(t *testing.T, a *app, w *coverWorld) int64 {
	t.Helper()
	network, err := a.Store.Network(context.Background(), w.Fam)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range network {
		if n.Name == "Dr. Huisman" {
			return n.ID
		}
	}
	t.Fatal("no GP")
	return 0
}

func audit(t *testing.T, a *app, fam int64) []care.AuditEvent {
	t.Helper()
	events, err := a.Store.FamilyAuditEvents(context.Background(), fam)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

var nlMonths = []string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}

// formatDay writes a date as the Dutch pages do: "2 jan 2026".
func formatDay(d time.Time) string {
	return fmt.Sprintf("%d %s %d", d.Day(), nlMonths[d.Month()-1], d.Year())
}
