package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// taskWorld is a family with a GP in its network, a mother, and another
// family of the same case manager with its own GP.
type taskWorld struct {
	c                 *client
	cm                int64 // the case manager's account
	fam, gp, mother   int64
	other, otherGP    int64
	otherMother       int64
	gpOwner, famOwner string
}

func newTaskWorld(t *testing.T, a *app) *taskWorld {
	t.Helper()
	c, acc := a.CaseManager("carla@example.org")
	w := &taskWorld{c: c, cm: acc.ID}
	w.fam = c.CreateFamily(intake("Daan", a.Day(-8, 0, 0)))
	w.other = c.CreateFamily(intake("Eline", a.Day(-5, 0, 0)))
	for _, f := range []struct {
		fam         int64
		gp, mother  *int64
		gpName, who string
	}{{w.fam, &w.gp, &w.mother, "Dr. Bakker", "Eva"}, {w.other, &w.otherGP, &w.otherMother, "Dr. Smit", "Fleur"}} {
		redirectsTo(t, c.Post(familyPath(f.fam, "/network"), url.Values{"name": {f.gpName}, "role": {"gp"}, "line": {"1"}}), familyPath(f.fam, "#network"), "GP")
		redirectsTo(t, c.Post(familyPath(f.fam, "/members"), url.Values{"kind": {"parent"}, "name": {f.who}, "relation": {"moeder"}, "custody": {"1"}}), familyPath(f.fam, "#members"), "mother")
		p := c.Get(familyPath(f.fam, ""))
		*f.gp, *f.mother = p.IDsWithPrefix("network-")[0], p.IDsWithPrefix("member-")[0]
	}
	w.gpOwner, w.famOwner = "network:"+itoa(w.gp), "family"
	return w
}

// tasksOf reads the family's tasks from the store.
func tasksOf(t *testing.T, a *app, fam int64) []care.Task {
	t.Helper()
	ts, err := a.Store.Tasks(context.Background(), fam, care.TaskQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestTaskOwnerIsPickedFromTheFile(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newTaskWorld(t, a)
		c := w.c
		// The form offers the case manager, the GP, the mother and the family, grouped.
		p := c.Get(familyPath(w.fam, "/tasks/new"))
		mustStatus(t, p, http.StatusOK, "task form")
		opts := p.Options("owner")
		for _, want := range []string{"casemanager:" + itoa(w.cm), w.gpOwner, "parent:" + itoa(w.mother), "family"} {
			if !slices.Contains(opts, want) {
				t.Errorf("owner options %v lack %s", opts, want)
			}
		}
		if slices.Contains(opts, "network:"+itoa(w.otherGP)) {
			t.Errorf("the other family's GP is offered: %v", opts)
		}
		if got := p.Selected("owner"); got != "casemanager:"+itoa(w.cm) {
			t.Errorf("a new task starts with %q, want the case manager", got)
		}
		if n := len(findAll(p.ByID("owner"), func(n *html.Node) bool { return n.Data == "optgroup" })); n != 3 {
			t.Errorf("%d option groups, want 3", n)
		}

		// Another family's GP: refused at the field, what was typed kept, nothing saved.
		before := tasksOf(t, a, w.fam)
		p = c.Post(familyPath(w.fam, "/tasks"), url.Values{"title": {"Recept verlengen"}, "owner": {"network:" + itoa(w.otherGP)}, "due_date": {a.Day(0, 0, 7)}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "another family's GP")
		if got := p.FieldError("owner"); got != "Kies iemand uit het dossier van dit gezin." {
			t.Errorf("owner error %q", got)
		}
		if p.Value("title") != "Recept verlengen" || p.Value("due_date") != a.Day(0, 0, 7) {
			t.Errorf("the form lost what was typed: %q %q", p.Value("title"), p.Value("due_date"))
		}
		if after := tasksOf(t, a, w.fam); len(after) != len(before) {
			t.Errorf("a task was saved: %d tasks, was %d", len(after), len(before))
		}
		if got := tasksOf(t, a, w.other); len(got) != 0 {
			t.Errorf("the other family got a task: %+v", got)
		}

		// The GP of this family: saved with the name as it is now.
		redirectsTo(t, c.Post(familyPath(w.fam, "/tasks"), url.Values{"title": {"Recept verlengen"}, "owner": {w.gpOwner}, "due_date": {a.Day(0, 0, 7)}}),
			familyPath(w.fam, "#tasks"), "task for the GP")
		ts := tasksOf(t, a, w.fam)
		if len(ts) != 1 || ts[0].NetworkMemberID != w.gp || ts[0].OwnerName != "Dr. Bakker" || ts[0].OwnerKind != "network" {
			t.Fatalf("tasks %+v", ts)
		}
		if got := c.Get(familyPath(w.fam, "")).Within("task-" + itoa(ts[0].ID)); !strings.Contains(got, "Dr. Bakker") {
			t.Errorf("the task does not say who: %q", got)
		}
		// The mother: a parent's task, the family's to close.
		redirectsTo(t, c.Post(familyPath(w.fam, "/tasks"), url.Values{"title": {"Formulier invullen"}, "owner": {"parent:" + itoa(w.mother)}}),
			familyPath(w.fam, "#tasks"), "task for the mother")
		for _, k := range tasksOf(t, a, w.fam) {
			if k.Title == "Formulier invullen" && (k.OwnerMemberID != w.mother || k.OwnerKind != "family" || k.OwnerName != "Eva") {
				t.Errorf("mother's task %+v", k)
			}
		}
	})
}

func TestTaskReassignKeepsHistory(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newTaskWorld(t, a)
		c := w.c
		redirectsTo(t, c.Post(familyPath(w.fam, "/tasks"), url.Values{"title": {"Recept verlengen"}, "owner": {"casemanager:" + itoa(w.cm)}, "due_date": {a.Day(0, 0, 7)}}),
			familyPath(w.fam, "#tasks"), "task")
		tid := tasksOf(t, a, w.fam)[0].ID
		edit := familyPath(w.fam, "/tasks/"+itoa(tid))
		p := c.Get(edit + "/edit")
		mustStatus(t, p, http.StatusOK, "edit form")
		if p.Selected("owner") != "casemanager:"+itoa(w.cm) || p.Value("due_date") != a.Day(0, 0, 7) {
			t.Errorf("edit form starts with %q %q", p.Selected("owner"), p.Value("due_date"))
		}
		// Another family's mother: refused, nothing changes, no history.
		p = c.Post(edit, url.Values{"owner": {"parent:" + itoa(w.otherMother)}, "due_date": {a.Day(0, 0, 9)}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "another family's mother")
		if p.FieldError("owner") == "" || p.Value("due_date") != a.Day(0, 0, 9) {
			t.Errorf("refused change: error %q, date %q", p.FieldError("owner"), p.Value("due_date"))
		}
		if h, _ := a.Store.TaskEvents(context.Background(), w.fam, tid); len(h) != 0 {
			t.Errorf("history after a refused change: %+v", h)
		}
		// Through the other family's path: not found.
		mustStatus(t, c.Get(familyPath(w.other, "/tasks/"+itoa(tid)+"/edit")), http.StatusNotFound, "edit through another family")
		mustStatus(t, c.Post(familyPath(w.other, "/tasks/"+itoa(tid)), url.Values{"owner": {"family"}}), http.StatusNotFound, "change through another family")

		redirectsTo(t, c.Post(edit, url.Values{"owner": {w.gpOwner}, "due_date": {a.Day(0, 0, 14)}}), familyPath(w.fam, "#task-"+itoa(tid)), "reassign")
		k := tasksOf(t, a, w.fam)[0]
		if k.NetworkMemberID != w.gp || k.OwnerAccountID != 0 || k.OwnerName != "Dr. Bakker" {
			t.Errorf("task after reassigning: %+v", k)
		}
		hist := c.Get(familyPath(w.fam, "")).Within("history-" + itoa(tid))
		for _, want := range []string{"gaf de taak van Naam carla aan Dr. Bakker", "verzette de datum"} {
			if !strings.Contains(hist, want) {
				t.Errorf("history %q lacks %q", hist, want)
			}
		}
		if got := c.Get(edit + "/edit").Within("task-history"); !strings.Contains(got, "Dr. Bakker") || !strings.Contains(got, "aangemaakt door") {
			t.Errorf("the task page's history %q", got)
		}
		// Another case manager: not found.
		stranger, _ := a.CaseManager("ander@example.org")
		mustStatus(t, stranger.Get(edit+"/edit"), http.StatusNotFound, "a stranger's edit form")
		mustStatus(t, stranger.Post(edit, url.Values{"owner": {"family"}}), http.StatusNotFound, "a stranger's change")
	})
}

func TestWorklistAcrossTheCaseload(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newTaskWorld(t, a)
		c := w.c
		post := func(fam int64, title, owner, due string) {
			v := url.Values{"title": {title}, "owner": {owner}}
			if due != "" {
				v.Set("due_date", due)
			}
			redirectsTo(t, c.Post(familyPath(fam, "/tasks"), v), familyPath(fam, "#tasks"), title)
		}
		post(w.fam, "Recept", w.gpOwner, a.Day(0, 0, -3))
		post(w.other, "Bellen", "casemanager:"+itoa(w.cm), a.Day(0, 0, 5))
		post(w.other, "Logeren", "family", "")
		post(w.other, "Formulier", "parent:"+itoa(w.otherMother), a.Day(0, 0, 1))
		stranger, _ := a.CaseManager("ander@example.org")
		theirs := stranger.CreateFamily(intake("Zoë", a.Day(-3, 0, 0)))
		redirectsTo(t, stranger.Post(familyPath(theirs, "/tasks"), url.Values{"title": {"Niet van Carla"}, "owner": {"family"}}), familyPath(theirs, "#tasks"), "stranger's task")

		titles := func(p *page) []string {
			var out []string
			if p.ByID("worklist") == nil {
				return nil
			}
			for _, n := range findAll(p.ByID("worklist"), func(n *html.Node) bool { return n.Data == "strong" }) {
				out = append(out, text(n))
			}
			return out
		}
		p := c.Get("/taken")
		mustStatus(t, p, http.StatusOK, "worklist")
		if got, want := titles(p), []string{"Recept", "Formulier", "Bellen", "Logeren"}; !slices.Equal(got, want) {
			t.Errorf("worklist %v, want %v", got, want)
		}
		first := p.ByID("worklist")
		if !strings.Contains(text(first), "Daan") || !strings.Contains(text(first), "te laat") {
			t.Errorf("worklist %q lacks the child's name or the overdue mark", text(first))
		}
		if !strings.Contains(text(first), "(huisarts)") {
			t.Errorf("worklist %q does not say the GP's role", text(first))
		}
		for q, want := range map[string][]string{
			"?overdue=1":              {"Recept"},
			"?owner=network":          {"Recept"},
			"?owner=parent":           {"Formulier"},
			"?owner=family":           {"Logeren"},
			"?owner=casemanager":      {"Bellen"},
			"?owner=family&overdue=1": nil,
		} {
			if got := titles(c.Get("/taken" + q)); !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", q, got, want)
			}
		}
		if p := c.Get("/taken?owner=family&overdue=1"); !p.Present("worklist-empty") {
			t.Error("an empty filtered worklist says nothing")
		}
		if got := titles(stranger.Get("/taken")); !slices.Equal(got, []string{"Niet van Carla"}) {
			t.Errorf("the stranger's worklist %v", got)
		}
		if !c.Get("/").Present("worklist-link") {
			t.Error("the home page does not link to the worklist")
		}
	})
}

func TestContactWithFollowUpTask(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newTaskWorld(t, a)
		c := w.c
		contacts := func() int {
			n, err := a.Store.CountContacts(context.Background(), w.fam)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		v := url.Values{"date": {a.Day(0, 0, 0)}, "kind": {"home_visit"}, "with": {"parent"}, "topics": {"Slapen gaat slecht"},
			"task_title": {"Recept slaapmiddel"}, "task_owner": {"network:" + itoa(w.otherGP)}, "task_due_date": {a.Day(0, 0, 3)}}
		p := c.Post(familyPath(w.fam, "/contacts"), v)
		mustStatus(t, p, http.StatusUnprocessableEntity, "follow-up for another family's GP")
		if p.FieldError("task_owner") == "" {
			t.Error("no error at the follow-up's owner")
		}
		if p.Value("topics") != "Slapen gaat slecht" || p.Value("task_title") != "Recept slaapmiddel" || p.Value("task_due_date") != a.Day(0, 0, 3) || p.CheckedValue("kind") != "home_visit" {
			t.Errorf("the form lost what was typed")
		}
		if contacts() != 0 || len(tasksOf(t, a, w.fam)) != 0 {
			t.Fatal("a refused follow-up saved the contact or the task")
		}
		// A follow-up without a title: the same.
		v.Set("task_owner", w.gpOwner)
		v.Set("task_title", "")
		p = c.Post(familyPath(w.fam, "/contacts"), v)
		mustStatus(t, p, http.StatusUnprocessableEntity, "follow-up without a title")
		if p.FieldError("task_title") == "" || contacts() != 0 {
			t.Errorf("follow-up without a title: error %q, %d contacts", p.FieldError("task_title"), contacts())
		}
		v.Set("task_title", "Recept slaapmiddel")
		p = c.Post(familyPath(w.fam, "/contacts"), v)
		ts := tasksOf(t, a, w.fam)
		if len(ts) != 1 || ts[0].NetworkMemberID != w.gp || contacts() != 1 {
			t.Fatalf("after saving: tasks %+v, %d contacts", ts, contacts())
		}
		redirectsTo(t, p, familyPath(w.fam, "#task-"+itoa(ts[0].ID)), "contact with follow-up")
		// Without a follow-up the contact alone is saved.
		redirectsTo(t, c.Post(familyPath(w.fam, "/contacts"), url.Values{"date": {a.Day(0, 0, 0)}, "kind": {"phone"}, "with": {"parent"}}),
			familyPath(w.fam, "#contacts"), "contact alone")
		if contacts() != 2 || len(tasksOf(t, a, w.fam)) != 1 {
			t.Errorf("contact alone: %d contacts, %d tasks", contacts(), len(tasksOf(t, a, w.fam)))
		}
	})
}

// TestProviderSeesTheHandover: a task the case manager gives to the GP
// shows in the GP's own view with its history in the GP's words; a
// provider without consent sees nothing of it.
func TestProviderSeesTheHandover(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		ctx := context.Background()
		network, err := a.Store.Network(ctx, w.Fam)
		if err != nil {
			t.Fatal(err)
		}
		var gp int64
		for _, n := range network {
			if n.Role == "gp" {
				gp = n.ID
			}
		}
		if err := a.Care.SetConsent(ctx, w.ParentActor, w.Fam, gp, true, care.ScopeFile); err != nil {
			t.Fatal(err)
		}
		prov := "/provider/families/" + itoa(w.Fam)
		if p := w.GP.Get(prov); p.Present("task-" + itoa(w.Action)) {
			t.Fatal("the GP sees the task before it is theirs")
		}
		redirectsTo(t, w.CM.Post(familyPath(w.Fam, "/tasks/"+itoa(w.Action)), url.Values{"owner": {"network:" + itoa(gp)}, "due_date": {a.Day(0, 0, 5)}}),
			familyPath(w.Fam, "#task-"+itoa(w.Action)), "hand over to the GP")
		p := w.GP.Get(prov)
		mustStatus(t, p, http.StatusOK, "the GP's view")
		if !strings.Contains(p.Within("task-"+itoa(w.Action)), sitetest.PlanAction) {
			t.Errorf("the GP's tasks %q lack the handed-over task", p.Within("tasks"))
		}
		if got := p.Within("history-" + itoa(w.Action)); !strings.Contains(got, "aan u overgedragen door") || !strings.Contains(got, "de datum is verzet") {
			t.Errorf("the GP's history %q", got)
		}
		if p := w.Nurse.Get(prov); p.StatusCode != http.StatusNotFound {
			t.Errorf("the nurse without consent: %d, want 404", p.StatusCode)
		}
	})
}
