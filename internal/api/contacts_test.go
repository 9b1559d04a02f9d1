package api_test

import (
	"fmt"
	"testing"

	"github.com/spil-zorg/spil/internal/site"
)

// TestAPIContactPages: the family file carries the most recent contacts
// and how many there are; the contact list pages through all of them.
func TestAPIContactPages(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, theirs, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		var want []any // ids, newest first
		for i := range 27 {
			body := map[string]any{"date": apiDay(now, -40+i), "kind": "phone", "with": "parent", "duration_min": 10, "topics": fmt.Sprint("Gesprek ", i)}
			want = append([]any{float64(apiCreated(t, c.API("POST", apiFamilyPath(id, "/contacts"), body)))}, want...)
		}
		file := apiWant(t, c.API("GET", apiFamilyPath(id), nil), 200, "")
		if got := apiAt(file, "contact_count"); got != float64(27) {
			t.Errorf("contact_count %v, want 27", got)
		}
		if cs, _ := apiAt(file, "contacts").([]any); len(cs) != 20 || apiAt(cs, 0, "id") != want[0] {
			t.Errorf("the file has %d contacts, the first %v; want the 20 newest from %v", len(cs), apiAt(cs, 0, "id"), want[0])
		}
		if got := apiAt(file, "done_task_count"); got != float64(0) {
			t.Errorf("done_task_count %v, want 0", got)
		}

		var got []any
		path := apiFamilyPath(id, "/contacts?limit=10")
		for pages := 0; path != "" && pages < 5; pages++ {
			page := apiWant(t, c.API("GET", path, nil), 200, "")
			cs, _ := apiAt(page, "contacts").([]any)
			for i := range cs {
				got = append(got, apiAt(cs, i, "id"))
			}
			path = ""
			if next, _ := apiAt(page, "next_before").(float64); next != 0 {
				path = apiFamilyPath(id, fmt.Sprintf("/contacts?limit=10&before=%d", int64(next)))
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("paged contacts %v, want %v", got, want)
		}
		for _, bad := range []string{"?limit=0", "?limit=101", "?limit=x", "?before=01", "?before=-3"} {
			apiWant(t, c.API("GET", apiFamilyPath(id, "/contacts"+bad), nil), 400, "bad_request")
		}
		apiWant(t, theirs.API("GET", apiFamilyPath(id, "/contacts"), nil), 404, "not_found")
	})
}
