package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// familyRoutes are every route on one family, with a form that would
// succeed for its case manager.
func familyRoutes(a *app, id, memberID, taskID int64) []struct {
	method, path string
	form         url.Values
} {
	return []struct {
		method, path string
		form         url.Values
	}{
		{"GET", familyPath(id, ""), nil},
		{"GET", familyPath(id, "/edit"), nil},
		{"POST", familyPath(id, "/edit"), with(intake("Overgenomen", a.Day(-5, 0, 0)), "sex", "male")},
		{"GET", familyPath(id, "/members/new"), nil},
		{"POST", familyPath(id, "/members"), url.Values{"kind": {"parent"}, "name": {"Indringer"}}},
		{"GET", familyPath(id, "/network/new"), nil},
		{"POST", familyPath(id, "/network"), url.Values{"name": {"Indringer"}, "role": {"gp"}, "line": {"1"}}},
		{"GET", familyPath(id, "/network/"+itoa(memberID)+"/edit"), nil},
		{"POST", familyPath(id, "/network/"+itoa(memberID)), url.Values{"name": {"Indringer"}, "role": {"gp"}, "line": {"1"}}},
		{"POST", familyPath(id, "/network/"+itoa(memberID)+"/delete"), nil},
		{"GET", familyPath(id, "/contacts/new"), nil},
		{"POST", familyPath(id, "/contacts"), url.Values{"date": {a.Day(0, 0, 0)}, "kind": {"phone"}, "with": {"parent"}}},
		{"GET", familyPath(id, "/intensity"), nil},
		{"POST", familyPath(id, "/intensity"), url.Values{"intensity": {"intensive"}, "reason": {"Overgenomen"}}},
		{"GET", familyPath(id, "/tasks/new"), nil},
		{"POST", familyPath(id, "/tasks"), url.Values{"title": {"Indringer"}, "owner": {"family"}}},
		{"POST", familyPath(id, "/tasks/"+itoa(taskID)+"/done"), url.Values{"done_note": {"Overgenomen"}}},
		{"POST", familyPath(id, "/tasks/"+itoa(taskID)+"/done"), url.Values{"done_note": {""}}},
		{"GET", familyPath(id, "/episode"), nil},
		{"POST", familyPath(id, "/episode"), url.Values{"status": {"ended"}, "referral_date": {a.Day(0, 0, 0)}, "surprise_question": {"no"}}},
		{"GET", familyPath(id, "/casemanagers"), nil},
		{"POST", familyPath(id, "/casemanagers"), url.Values{"kind": {"kct"}, "account": {"1"}}},
	}
}

// seedFamily creates a family with a GP and an open task and returns their ids.
func seedFamily(t *testing.T, a *app, c *client, name string) (id, memberID, taskID int64) {
	t.Helper()
	id = c.CreateFamily(intake(name, a.Day(-6, 0, 0)))
	redirectsTo(t, c.Post(familyPath(id, "/network"), url.Values{"name": {"Huisarts " + name}, "role": {"gp"}, "line": {"1"}}), familyPath(id, "#network"), "GP")
	redirectsTo(t, c.Post(familyPath(id, "/tasks"), url.Values{"title": {"Taak " + name}, "owner": {"family"}}), familyPath(id, "#tasks"), "task")
	p := c.Get(familyPath(id, ""))
	return id, p.IDsWithPrefix("network-")[0], p.IDsWithPrefix("task-")[0]
}

// fileSections is the text of every part of a family page.
func fileSections(p *page) map[string]string {
	out := map[string]string{"h1": p.H1()}
	for _, id := range []string{"overview", "tasks", "casemanagers", "members", "network", "contacts", "intensity", "episode", "situation"} {
		out[id] = p.Within(id)
	}
	return out
}

func TestOnlyTheFamilysCaseManagersGetIn(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		owner, _ := a.CaseManager("carla@example.org")
		id, mid, tid := seedFamily(t, a, owner, "Anouk")
		before := fileSections(owner.Get(familyPath(id, "")))

		stranger, strangerAcc := a.CaseManager("ander@example.org")
		routes := familyRoutes(a, id, mid, tid)
		routes[len(routes)-1].form.Set("account", itoa(strangerAcc.ID))
		for _, r := range routes {
			var p *page
			if r.method == "GET" {
				p = stranger.Get(r.path)
			} else {
				p = stranger.Post(r.path, r.form)
			}
			if p.StatusCode != http.StatusNotFound {
				t.Errorf("unassigned case manager %s %s: %d, want 404", r.method, r.path, p.StatusCode)
			}
		}
		if got := stranger.Get("/families").CaseloadNames(); len(got) != 0 {
			t.Errorf("the stranger's caseload shows %v", got)
		}
		// Nothing changed.
		after := fileSections(owner.Get(familyPath(id, "")))
		for k := range before {
			if after[k] != before[k] {
				t.Errorf("#%s changed after the refused requests:\n%q\n%q", k, before[k], after[k])
			}
		}
		// The refusals are in the audit trail.
		events, err := a.Store.FamilyAuditEvents(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		denied := 0
		for _, e := range events {
			if e.ActorID == strangerAcc.ID && e.Outcome == care.OutcomeDenied {
				denied++
			}
		}
		if denied == 0 {
			t.Error("no denied access in the audit trail")
		}

		// Other roles have no caseload and cannot open a file.
		for _, role := range []care.Role{care.RoleAdmin, care.RoleProvider, care.RoleFamily, care.RoleCoordinator} {
			_, secret := a.Account(string(role)+"@example.org", role, true)
			c := a.Client()
			c.Login(string(role)+"@example.org", secret)
			for _, path := range []string{"/families", "/families/new", familyPath(id, "")} {
				if p := c.Get(path); p.StatusCode != http.StatusNotFound {
					t.Errorf("%s GET %s: %d, want 404", role, path, p.StatusCode)
				}
			}
			if p := c.Post("/families", intake("Nieuw", a.Day(-1, 0, 0))); p.StatusCode != http.StatusNotFound {
				t.Errorf("%s POST /families: %d, want 404", role, p.StatusCode)
			}
			if nav := c.Get("/").ByID("caseload-link"); nav != nil {
				t.Errorf("%s sees the caseload link", role)
			}
		}
		if got := owner.Get("/families").CaseloadNames(); len(got) != 1 {
			t.Errorf("other roles created families: %v", got)
		}
		// Without a session the pages ask to log in.
		anon := a.Client()
		if p := anon.Get(familyPath(id, "")); p.StatusCode != http.StatusSeeOther {
			t.Errorf("anonymous: %d", p.StatusCode)
		}
	})
}

func TestIDsOfAnotherFamilyAreNotFound(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		famA, _, taskA := seedFamily(t, a, c, "Anna")
		famB, memberB, taskB := seedFamily(t, a, c, "Bram")

		mustStatus(t, c.Post(familyPath(famA, "/network/"+itoa(memberB)+"/delete"), nil), http.StatusNotFound, "delete B's member through A")
		mustStatus(t, c.Post(familyPath(famA, "/network/"+itoa(memberB)), url.Values{"name": {"Gekaapt"}, "role": {"gp"}, "line": {"1"}}), http.StatusNotFound, "edit B's member through A")
		mustStatus(t, c.Get(familyPath(famA, "/network/"+itoa(memberB)+"/edit")), http.StatusNotFound, "edit form of B's member through A")
		// The form's read is on record as a failed attempt on that id, like its post.
		if es, err := a.Store.FamilyAuditEvents(context.Background(), famA); err != nil || len(es) == 0 {
			t.Fatal(err)
		} else if e := es[len(es)-1]; e.ObjectType != "network_member" || e.ObjectID != memberB || e.Action != care.ActionRead || e.Outcome != care.OutcomeFailed {
			t.Errorf("the edit form of B's member through A left %+v", e)
		}
		mustStatus(t, c.Post(familyPath(famA, "/tasks/"+itoa(taskB)+"/done"), url.Values{"done_note": {"Gekaapt"}}), http.StatusNotFound, "close B's task through A")
		mustStatus(t, c.Post(familyPath(famA, "/tasks/"+itoa(taskB)+"/done"), url.Values{"done_note": {""}}), http.StatusNotFound, "close B's task through A without a note")

		p := c.Get(familyPath(famB, ""))
		row := p.Within("network-" + itoa(memberB))
		if row == "" || !strings.Contains(row, "Huisarts Bram") || strings.Contains(row, "Gekaapt") {
			t.Errorf("B's network member after the attempts: %q", row)
		}
		task := p.ByID("task-" + itoa(taskB))
		if task == nil || strings.Contains(text(task), "Gekaapt") || find(task, func(n *htmlNode) bool { return n.Data == "form" }) == nil {
			t.Errorf("B's task is no longer open: %q", text(task))
		}
		// A's own task is untouched as well.
		if c.Get(familyPath(famA, "")).ByID("task-"+itoa(taskA)) == nil {
			t.Error("A's task is gone")
		}
		// Ids that are no ids.
		for _, path := range []string{"/families/0", "/families/-1", "/families/abc", "/families/99999999", familyPath(famA, "/network/abc/edit")} {
			mustStatus(t, c.Get(path), http.StatusNotFound, path)
		}
	})
}
