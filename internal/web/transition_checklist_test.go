package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/site"
)

func TestTransitionChecklist(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		c, acc := a.CaseManager("carla@example.org")
		cm := care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: a.Org, AccessPoint: "test"}
		young := c.CreateFamily(intake("Daan", a.Day(-16, -11, 0)))
		if c.Get("/families/" + strconv.FormatInt(young, 10)).Present("transition") {
			t.Error("the checklist shows before the 17th birthday")
		}
		birth := a.Day(-17, -8, 0)
		id := c.CreateFamily(intake("Thijs", birth))
		fam := "/families/" + strconv.FormatInt(id, 10)
		today := care.DateOf(a.Clock.Now())
		youth := &care.CoverageItem{FamilyID: id, Kind: "personal_care", Description: "Begeleiding thuis", Applicant: "casemanager"}
		if err := a.Care.AddCoverageItem(ctx, cm, youth, &care.CoveragePeriod{Law: care.LawJeugdwet, Form: "zin", Status: care.CoverageGranted,
			Start: today.AddDate(-1, 0, 0), End: today.AddDate(2, 0, 0)}); err != nil {
			t.Fatal(err)
		}

		before := len(audit(t, a, id))
		p := c.Get(fam)
		mustStatus(t, p, http.StatusOK, "family page")
		if n := len(audit(t, a, id)); n != before+1 {
			t.Errorf("the family page with its checklist: %d audit records, want 1", n-before)
		}
		if !strings.Contains(p.Within("transition-jeugdwet"), "Begeleiding thuis") {
			t.Errorf("Jeugdwet items %q", p.Within("transition-jeugdwet"))
		}
		v := p.FormFields(t, "transition-form")
		me := "casemanager:" + strconv.FormatInt(acc.ID, 10)
		born, err := time.Parse(time.DateOnly, birth)
		if err != nil {
			t.Fatal(err)
		}
		due := form.ISODate(care.TransitionDue(born, a.Clock.Now()))
		for _, step := range care.TransitionSteps {
			if v.Get(step+"_take") != "1" || v.Get(step+"_title") == "" || v.Get(step+"_owner") != me || v.Get(step+"_due_date") != due {
				t.Errorf("step %s defaults: take %q, title %q, owner %q, due %q (want %s, %s)", step,
					v.Get(step+"_take"), v.Get(step+"_title"), v.Get(step+"_owner"), v.Get(step+"_due_date"), me, due)
			}
		}

		// A step without a title comes back with its error at the field,
		// the rest as typed, and no task made.
		v.Set("doctor_title", "")
		v.Set("icu_title", "IC-overdracht met het AMC")
		v.Del("representation_take")
		p = c.Post(fam+"/transition", v)
		mustStatus(t, p, http.StatusUnprocessableEntity, "a step without a title")
		if p.FieldError("doctor_title") != "Vul dit veld in." || p.Value("icu_title") != "IC-overdracht met het AMC" || p.CheckedValue("representation_take") != "" {
			t.Errorf("sent back: error %q, icu %q, representation %q", p.FieldError("doctor_title"), p.Value("icu_title"), p.CheckedValue("representation_take"))
		}
		if tasks := openTasks(t, a, id); len(tasks) != 0 {
			t.Fatalf("tasks made by a refused checklist: %v", tasks)
		}
		// None kept: a message above the steps.
		none := url.Values{}
		p = c.Post(fam+"/transition", none)
		mustStatus(t, p, http.StatusUnprocessableEntity, "no step kept")
		if got := p.Within("transition-error"); got != "Vink minstens één stap aan." {
			t.Errorf("no step: %q", got)
		}

		v.Set("doctor_title", "Overdracht naar de neuroloog")
		p = c.Post(fam+"/transition", v)
		redirectsTo(t, p, fam+"#transition", "accepted")
		tasks := openTasks(t, a, id)
		if len(tasks) != len(care.TransitionSteps)-1 {
			t.Fatalf("%d tasks, want %d", len(tasks), len(care.TransitionSteps)-1)
		}
		titles := ""
		for _, tk := range tasks {
			titles += tk.Title + "|"
			if tk.OwnerAccountID != acc.ID || form.ISODate(tk.DueDate) != due {
				t.Errorf("task %q: owner %d, due %s", tk.Title, tk.OwnerAccountID, tk.DueDate)
			}
		}
		if !strings.Contains(titles, "Overdracht naar de neuroloog") || !strings.Contains(titles, "IC-overdracht met het AMC") {
			t.Errorf("task titles %s", titles)
		}
		p = c.Get(fam)
		if got := p.Within("transition-accepted"); !strings.Contains(got, "Afgesproken op") || !strings.Contains(got, acc.Name) {
			t.Errorf("accepted: %q", got)
		}
		if p.Present("transition-form") || p.Present("transition-done-representation") || !p.Present("transition-done-doctor") {
			t.Error("the accepted checklist still asks, or lists a step not kept")
		}
		if !strings.Contains(p.Within("tasks"), "Overdracht naar de neuroloog") {
			t.Error("the new tasks are not in the family's task list")
		}
		// Once is enough.
		if p := c.Post(fam+"/transition", v); p.StatusCode == http.StatusSeeOther {
			t.Error("the checklist was accepted twice")
		}
		if n := len(openTasks(t, a, id)); n != len(tasks) {
			t.Errorf("%d tasks after a second acceptance, want %d", n, len(tasks))
		}
		// Another case manager's families are not theirs to plan.
		other, _ := a.CaseManager("ander@example.org")
		mustStatus(t, other.Post(fam+"/transition", v), http.StatusNotFound, "another case manager")
		// Under 17: nothing to accept.
		mustStatus(t, c.Post("/families/"+strconv.FormatInt(young, 10)+"/transition", v), http.StatusConflict, "a checklist not due")
	})
}

func openTasks(t *testing.T, a *app, fam int64) []care.Task {
	t.Helper()
	tasks, err := a.Store.Tasks(context.Background(), fam, care.TaskQuery{Status: "open"})
	if err != nil {
		t.Fatal(err)
	}
	return tasks
}
