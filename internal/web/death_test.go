package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// TestDeathPages: the case manager records a death through the form
// (after a date before the birth is refused, keeping what was typed and
// saving nothing), closes the chosen tasks in one step, changes the
// aftercare plan (a contact before the death refused at its own line,
// with what was typed) and ends case management; another family's task
// or contact id is not found.
func TestDeathPages(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		c, acc := a.CaseManager("carla@example.org")
		actor := care.Actor{AccountID: acc.ID, Role: acc.Role, OrganisationID: acc.OrganisationID, AccessPoint: "test"}
		fam := c.CreateFamily(intake("Noor", a.Day(-6, 0, 0)))
		other := c.CreateFamily(intake("Bas", a.Day(-4, 0, 0)))
		base := familyPath(fam, "/death")
		p := c.Get(base)
		mustStatus(t, p, http.StatusOK, "death page before the death")
		if !p.Present("death-record") {
			t.Errorf("no way to record the death")
		}
		mustStatus(t, c.Get(base+"/record"), http.StatusOK, "death form")

		rec := url.Values{"died_on": {a.Day(-7, 0, 0)}, "died_time": {"03:10"}, "place": {"hospital"}, "place_name": {"Sophia"}}
		p = c.Post(base, rec)
		mustStatus(t, p, http.StatusUnprocessableEntity, "a death before the birth")
		if got := p.FieldError("died_on"); !strings.Contains(got, "vóór de geboortedatum") || p.Value("place_name") != "Sophia" {
			t.Errorf("died_on error %q, place_name %q", got, p.Value("place_name"))
		}
		if rs, _ := a.Store.DeathRecords(ctx, fam); len(rs) != 0 {
			t.Fatalf("a refused form saved %+v", rs)
		}
		rec.Set("died_on", a.Day(0, 0, -1))
		redirectsTo(t, c.Post(base, rec), base+"?saved=recorded", "recorded")
		p = c.Post(base, rec)
		mustStatus(t, p, http.StatusUnprocessableEntity, "a second first record")
		if got := p.FieldError("died_on"); !strings.Contains(got, "al vastgelegd") {
			t.Errorf("second record: %q", got)
		}

		// Tasks: another family's id closes nothing; the chosen ones close.
		tasks := func(id int64) []care.Task {
			ts, err := a.Store.Tasks(ctx, id, care.TaskQuery{Status: "open"})
			if err != nil {
				t.Fatal(err)
			}
			return ts
		}
		for _, f := range []int64{fam, fam, other} {
			if err := a.Care.CreateTask(ctx, actor, &care.Task{FamilyID: f, Title: "Bellen", OwnerKind: "casemanager"}); err != nil {
				t.Fatal(err)
			}
		}
		mine, theirs := tasks(fam), tasks(other)
		mustStatus(t, c.Post(base+"/tasks", url.Values{"task": {itoa(theirs[0].ID)}}), http.StatusNotFound, "another family's task")
		mustStatus(t, c.Post(base+"/tasks", url.Values{}), http.StatusUnprocessableEntity, "no task chosen")
		redirectsTo(t, c.Post(base+"/tasks", url.Values{"task": {itoa(mine[0].ID)}, "note": {"Niet meer nodig"}}), base+"?saved=tasks#tasks", "tasks")
		if left := tasks(fam); len(left) != 1 || left[0].ID != mine[1].ID || len(tasks(other)) != 1 {
			t.Errorf("open after closing: %+v", left)
		}

		// The plan: a contact before the death comes back at its own line.
		plan, err := a.Store.Aftercare(ctx, fam)
		if err != nil || len(plan.Contacts) != 3 {
			t.Fatalf("plan %+v, %v", plan, err)
		}
		form := url.Values{"people.0.member": {"parents"}, "people.0.supporter": {"Rouwcentrum Oost"}}
		for i, ct := range plan.Contacts {
			form.Set("contacts."+itoa(int64(i))+".id", itoa(ct.ID))
			form.Set("contacts."+itoa(int64(i))+".due_on", ct.DueOn.Format("2006-01-02"))
		}
		form.Set("contacts.3.due_on", a.Day(0, 0, -30))
		form.Set("contacts.3.note", "Te vroeg")
		p = c.Post(familyPath(fam, "/aftercare"), form)
		mustStatus(t, p, http.StatusUnprocessableEntity, "a contact before the death")
		if got := p.FieldError("contacts.3.due_on"); !strings.Contains(got, "vóór de datum van overlijden") || p.Value("contacts.3.note") != "Te vroeg" {
			t.Errorf("contact error %q, note %q", got, p.Value("contacts.3.note"))
		}
		if after, _ := a.Store.Aftercare(ctx, fam); len(after.Contacts) != 3 || after.People[0].Supporter != "" {
			t.Errorf("a refused plan was saved: %+v", after)
		}
		form.Set("contacts.3.due_on", a.Day(0, 2, 0))
		form.Set("contacts.0.done", "1")
		redirectsTo(t, c.Post(familyPath(fam, "/aftercare"), form), base+"?saved=plan#aftercare", "plan")
		if after, _ := a.Store.Aftercare(ctx, fam); len(after.Contacts) != 4 || !after.Contacts[0].Done() || after.People[0].Supporter != "Rouwcentrum Oost" {
			t.Errorf("saved plan: %+v", after)
		}
		theirsPlan := &care.Aftercare{Contacts: []care.AftercareContact{{DueOn: plan.Contacts[0].DueOn}}}
		if err := a.Store.SaveAftercare(ctx, other, theirsPlan); err != nil {
			t.Fatal(err)
		}
		mustStatus(t, c.Post(familyPath(fam, "/aftercare/contacts/"+itoa(theirsPlan.Contacts[0].ID)+"/done"), url.Values{}),
			http.StatusNotFound, "another family's contact")

		// Ending takes a reason; the file stays readable.
		p = c.Post(familyPath(fam, "/aftercare/end"), url.Values{"reason": {" "}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "ending without a reason")
		if got := p.FieldError("end-reason"); got == "" {
			t.Errorf("no error at the reason")
		}
		redirectsTo(t, c.Post(familyPath(fam, "/aftercare/end"), url.Values{"reason": {"Nazorg afgerond"}}), base+"?saved=ended#end", "ended")
		p = c.Get(familyPath(fam, ""))
		mustStatus(t, p, http.StatusOK, "the family page after the end")
		if got := p.Within("died-on"); !strings.Contains(got, "Overleden op") {
			t.Errorf("family page: %q", got)
		}
	})
}

// TestDeathReceivingSide: after the case manager recorded the death, the
// GP (consent for the plan and the network) reads "overleden op" on his
// page; the parent and the child read the aftercare plan in place of the
// child's tasks; the caseload shows the date where the age was and no
// overdue plan review.
func TestDeathReceivingSide(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		died := care.DateOf(a.Clock.Now()).AddDate(0, 0, -3)
		if err := a.Care.RecordDeath(context.Background(), w.CMActor, &care.DeathRecord{FamilyID: w.Fam, DiedOn: died, Place: care.DeathHome}); err != nil {
			t.Fatal(err)
		}
		fam := "/families/" + itoa(w.Fam)
		p := w.GP.Get("/provider" + fam)
		mustStatus(t, p, http.StatusOK, "the GP's page")
		if got := p.Within("died-badge"); !strings.HasPrefix(got, "Overleden op ") {
			t.Errorf("the GP reads %q", got)
		}
		for who, c := range map[string]*sitetest.Client{"parent": w.Parent, "child": w.Child} {
			p := c.Get("/my" + fam)
			mustStatus(t, p, http.StatusOK, who+"'s page")
			if !p.Present("aftercare") || p.Present("tasks") || !strings.HasPrefix(p.Within("died-on"), "Overleden op ") {
				t.Errorf("%s: aftercare %v, tasks %v, %q", who, p.Present("aftercare"), p.Present("tasks"), p.Within("died-on"))
			}
		}
		p = w.CM.Get("/families")
		mustStatus(t, p, http.StatusOK, "caseload")
		// The plan's review date passed before the death: no longer late.
		if row := p.Within("family-" + itoa(w.Fam)); !strings.Contains(row, "Overleden op") || strings.Contains(row, "jaar") ||
			strings.Contains(row, "te laat") {
			t.Errorf("caseload row: %q", row)
		}
	})
}
