package api_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAPITaskOwnersAndWorklist: a task is given to a network member by
// id; another family's member is refused and nothing is saved; the
// worklist holds the open tasks of the caller's own families, filtered.
func TestAPITaskOwnersAndWorklist(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, theirs, mineID, _ := apiSetup(t, a)
		now := a.Clock.Now()
		fam := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		other := apiCreated(t, theirs.API("POST", "/api/v1/families", apiIntake(now, "Sem Bakker", "2018-01-02")))
		gp := apiCreated(t, c.API("POST", apiFamilyPath(fam, "/network"), map[string]any{"name": "Dr. Anouk de Boer", "role": "gp", "line": 1}))
		theirGP := apiCreated(t, theirs.API("POST", apiFamilyPath(other, "/network"), map[string]any{"name": "Dr. Smit", "role": "gp", "line": 1}))
		count := func(id int64) int {
			n, err := a.Store.CountTasks(context.Background(), id, care.TaskQuery{})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		// Another family's network member: refused at owner, nothing saved.
		apiWantFields(t, c.API("POST", apiFamilyPath(fam, "/tasks"), map[string]any{"title": "Recept", "owner": map[string]any{"kind": "network", "id": theirGP}}),
			map[string]string{"owner": "task.owner_not_in_file"})
		for _, bad := range []map[string]any{{"kind": "network"}, {"kind": "boss", "id": gp}, {"kind": "family", "id": gp}, {"kind": "network", "id": -1}} {
			apiWantFields(t, c.API("POST", apiFamilyPath(fam, "/tasks"), map[string]any{"title": "Recept", "owner": bad}),
				map[string]string{"owner": "field.choose"})
		}
		if n := count(fam); n != 0 {
			t.Fatalf("%d tasks saved by refused requests", n)
		}
		// Through the other family's path: not found.
		apiWant(t, c.API("POST", apiFamilyPath(other, "/tasks"), map[string]any{"title": "Recept", "owner": map[string]any{"kind": "network", "id": theirGP}}), 404, "not_found")
		if n := count(other); n != 0 {
			t.Fatalf("the other family got %d tasks", n)
		}

		late := apiCreated(t, c.API("POST", apiFamilyPath(fam, "/tasks"), map[string]any{"title": "Recept", "owner": map[string]any{"kind": "network", "id": gp}, "due_date": apiDay(now, -2)}))
		mine := apiCreated(t, c.API("POST", apiFamilyPath(fam, "/tasks"), map[string]any{"title": "Bellen", "owner": map[string]any{"kind": "casemanager", "id": mineID}, "due_date": apiDay(now, 4)}))
		whole := apiCreated(t, c.API("POST", apiFamilyPath(fam, "/tasks"), map[string]any{"title": "Logeren", "owner": map[string]any{"kind": "family"}}))
		apiCreated(t, theirs.API("POST", apiFamilyPath(other, "/tasks"), map[string]any{"title": "Niet van Anouk", "owner": map[string]any{"kind": "family"}}))

		file := apiWant(t, c.API("GET", apiFamilyPath(fam), nil), 200, "")
		if got := apiAt(file, "tasks", 0, "owner"); fmt.Sprint(got) != fmt.Sprint(map[string]any{"kind": "network", "id": float64(gp), "name": "Dr. Anouk de Boer"}) {
			t.Errorf("the file's first task owner %v", got)
		}

		list := apiWant(t, c.API("GET", "/api/v1/tasks", nil), 200, "")
		tasks, _ := apiAt(list, "tasks").([]any)
		var ids []any
		for i := range tasks {
			ids = append(ids, apiAt(tasks, i, "id"))
		}
		if fmt.Sprint(ids) != fmt.Sprint([]any{float64(late), float64(mine), float64(whole)}) {
			t.Errorf("worklist ids %v, want %d, %d, %d", ids, late, mine, whole)
		}
		first := apiAt(tasks, 0)
		for k, want := range map[string]any{"family_id": float64(fam), "child_name": "Noor Yılmaz", "owner_kind": "network",
			"due": apiDay(now, -2), "overdue": true, "title": "Recept"} {
			if got := apiAt(first, k); got != want {
				t.Errorf("first item %s = %v, want %v", k, got, want)
			}
		}
		if got := apiAt(first, "owner", "id"); got != float64(gp) {
			t.Errorf("first item owner id %v, want %d", got, gp)
		}
		if got := apiAt(tasks, 2, "owner", "id"); got != nil {
			t.Errorf("the family's task has owner id %v, want null", got)
		}
		for q, want := range map[string]int{"?overdue=true": 1, "?owner_kind=casemanager": 1, "?owner_kind=family": 1, "?owner_kind=parent": 0, "?owner_kind=network&overdue=true": 1, "?overdue=false": 3} {
			v := apiWant(t, c.API("GET", "/api/v1/tasks"+q, nil), 200, "")
			if ts, _ := apiAt(v, "tasks").([]any); len(ts) != want {
				t.Errorf("%s: %d tasks, want %d", q, len(ts), want)
			}
		}
		for _, bad := range []string{"?owner_kind=boss", "?overdue=yes", "?overdue=1"} {
			apiWant(t, c.API("GET", "/api/v1/tasks"+bad, nil), 400, "bad_request")
		}
		if v := apiWant(t, theirs.API("GET", "/api/v1/tasks", nil), 200, ""); fmt.Sprint(apiAt(v, "tasks", 0, "title")) != "Niet van Anouk" {
			t.Errorf("the other case manager's worklist %v", v)
		}
		if v := apiWant(t, theirs.API("GET", "/api/v1/tasks", nil), 200, ""); len(apiAt(v, "tasks").([]any)) != 1 {
			t.Errorf("the other case manager's worklist holds tasks of families not theirs: %v", v)
		}
	})
}
