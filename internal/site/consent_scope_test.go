package site_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// TestConsentScopeShowsWhatItSays goes through every page and API route a
// provider has, once per consent scope: "only the care plan and the
// network" shows the child's name, the plan and the network, and not the
// birth date, the diagnoses or the provider's tasks, which it cannot close
// either; "the whole file" shows those too.
func TestConsentScopeShowsWhatItSays(t *testing.T) {
	ctx := context.Background()
	for _, scope := range []string{care.ScopePlanNetwork, care.ScopeFile} {
		t.Run(scope, func(t *testing.T) {
			forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
				w := sitetest.NewPlanWorld(t, a)
				pf, err := a.Care.CarePlan(ctx, w.CMActor, w.Fam, care.ViewCaseFile)
				if err != nil {
					t.Fatal(err)
				}
				var gp care.NetworkMember
				for _, n := range pf.Network {
					if n.Name == "Dr. Huisman" {
						gp = n
					}
				}
				task := &care.Task{FamilyID: w.Fam, Title: "Recept pijnstilling verlengen", OwnerKind: "network", NetworkMemberID: gp.ID}
				if err := a.Care.CreateTask(ctx, w.CMActor, task); err != nil {
					t.Fatal(err)
				}
				if err := a.Care.SetConsent(ctx, w.ParentActor, w.Fam, gp.ID, true, scope); err != nil {
					t.Fatal(err)
				}
				whole := scope == care.ScopeFile
				fam := strconv.FormatInt(w.Fam, 10)

				// What the scope covers: the child's details, the tasks.
				hidden := map[string]bool{
					"9 jaar":              !whole, // the age, from the birth date
					"Spinale musculaire":  !whole, // the main diagnosis
					"Scoliose":            !whole, // a secondary diagnosis
					"Recept pijnstilling": !whole, // the GP's own task
				}
				// What every scope shows: the name, the network, the plan.
				shown := map[string][]string{
					"/provider/families/" + fam:                         {"Lotte Bakker", "KCT Amstel", "Dr. Huisman", "Niet reanimeren", "Naam cm"},
					"/provider/families/" + fam + "/careplan":           {"Lotte Bakker", sitetest.PlanWishes, sitetest.PlanGoal},
					"/provider/families/" + fam + "/careplan/print":     {"Lotte Bakker", sitetest.PlanWishes},
					"/provider/families/" + fam + "/careplan/emergency": {"Lotte Bakker", "Niet reanimeren", "KCT Amstel"},
					"/my": {"Lotte Bakker"},
				}
				// Where each covered part is shown at all.
				onPage := func(path, s string) bool {
					switch {
					case s == "Recept pijnstilling":
						return path == "/provider/families/"+fam
					case s == "Spinale musculaire" || s == "Scoliose":
						return !strings.HasSuffix(path, "/careplan") && !strings.HasSuffix(path, "/print")
					}
					return true
				}
				for path, want := range shown {
					p := w.GP.Get(path)
					if p.StatusCode != http.StatusOK {
						t.Fatalf("%s: %d", path, p.StatusCode)
					}
					body := sitetest.Text(p.Tag("main"))
					for _, s := range want {
						if !strings.Contains(body, s) {
							t.Errorf("%s: %q missing", path, s)
						}
					}
					if path == "/my" {
						continue
					}
					for s, hide := range hidden {
						got := strings.Contains(body, s)
						if !hide && !onPage(path, s) {
							continue // what this page does not show to anyone
						}
						if got == hide {
							t.Errorf("%s: %q shown %v, want %v", path, s, got, !hide)
						}
					}
				}

				// The API's care plan is the plan; the file is not the provider's.
				r := w.GP.API(http.MethodGet, "/api/v1/families/"+fam+"/careplan", nil)
				sitetest.WantAPI(t, r, http.StatusOK, "")
				raw, _ := json.Marshal(r.JSON(t))
				if !strings.Contains(string(raw), sitetest.PlanGoal) || strings.Contains(string(raw), "Spinale") || strings.Contains(string(raw), "Recept pijnstilling") {
					t.Errorf("API care plan for scope %s: %s", scope, raw)
				}
				sitetest.WantAPI(t, w.GP.API(http.MethodGet, "/api/v1/families/"+fam, nil), http.StatusNotFound, "not_found")

				// The coverage plan is part of the whole file only.
				r = w.GP.API(http.MethodGet, "/api/v1/families/"+fam+"/coverage", nil)
				if last := w.LastAudit(t); whole {
					sitetest.WantAPI(t, r, http.StatusOK, "")
					if last.ObjectType != "coverage" || last.Outcome != care.OutcomeSuccess {
						t.Errorf("whole file: the coverage plan's audit record %+v", last)
					}
				} else {
					sitetest.WantAPI(t, r, http.StatusNotFound, "not_found")
					if last.ObjectType != "coverage" || last.Outcome != care.OutcomeDenied {
						t.Errorf("plan and network: the coverage plan's audit record %+v, want a denied record", last)
					}
				}

				// Closing the task: only when the scope shows it.
				p := w.GP.Post("/provider/families/"+fam+"/tasks/"+strconv.FormatInt(task.ID, 10)+"/done", url.Values{"done_note": {"Gedaan"}})
				tasks, err := a.Store.Tasks(ctx, w.Fam, care.TaskQuery{ID: task.ID})
				if err != nil || len(tasks) != 1 {
					t.Fatalf("task: %v, %v", tasks, err)
				}
				last := w.LastAudit(t)
				if whole {
					if p.StatusCode != http.StatusSeeOther || tasks[0].Status != "done" || last.Outcome != care.OutcomeSuccess {
						t.Errorf("whole file: closing the task answered %d, status %s, audit %+v", p.StatusCode, tasks[0].Status, last)
					}
				} else if p.StatusCode != http.StatusNotFound || tasks[0].Status != "open" || last.Outcome != care.OutcomeDenied || last.ObjectType != "task" {
					t.Errorf("plan and network: closing the task answered %d, status %s, audit %+v; want 404, open, a denied record", p.StatusCode, tasks[0].Status, last)
				}

				// The coverage plan is part of the whole file: its page and
				// the link to it only with that scope; a refusal is recorded.
				addCoverageDocument(t, a, w.CMActor, w.Fam)
				p = w.GP.Get("/provider/families/" + fam + "/coverage")
				last = w.LastAudit(t)
				if whole {
					// The family's letters are not the provider's.
					main := sitetest.Text(p.Tag("main"))
					if p.StatusCode != http.StatusOK || !strings.Contains(main, "Verpleging overdag") || strings.Contains(main, "beschikking.pdf") ||
						last.Outcome != care.OutcomeSuccess || last.ObjectType != "coverage" {
						t.Errorf("whole file: coverage page %d, audit %+v:\n%s", p.StatusCode, last, main)
					}
				} else if p.StatusCode != http.StatusNotFound || last.Outcome != care.OutcomeDenied || last.ObjectType != "coverage" {
					t.Errorf("plan and network: coverage page %d, audit %+v; want 404 and a denied record", p.StatusCode, last)
				}
				if got := w.GP.Get("/provider/families/" + fam).Present("coverage-link"); got != whole {
					t.Errorf("scope %s: link to the coverage page shown %v", scope, got)
				}

				// A note to the case managers is not a look into the file:
				// every scope may leave one.
				p = w.GP.Post("/provider/families/"+fam+"/notes", url.Values{"body": {"Graag even bellen."}})
				if p.StatusCode != http.StatusSeeOther {
					t.Errorf("note: %d", p.StatusCode)
				}
			})
		})
	}
}
