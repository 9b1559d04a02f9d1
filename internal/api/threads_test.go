package api_test

import (
	"strconv"
	"testing"

	"github.com/spil-zorg/spil/internal/site"
)

// TestAPIThreads: a case manager starts a conversation and answers in it
// over the API; reading the messages marks them read; another case
// manager's message to that thread, through either family's id, is 404
// and saves nothing.
func TestAPIThreads(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		mine, theirs, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, mine.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		other := apiCreated(t, theirs.API("POST", "/api/v1/families", apiIntake(now, "Daan Bakker", "2021-07-02")))

		apiWantFields(t, mine.API("POST", apiFamilyPath(id, "/threads"), map[string]any{"subject": " ", "body": ""}),
			map[string]string{"subject": "field.required", "body": "field.required"})
		tid := apiCreated(t, mine.API("POST", apiFamilyPath(id, "/threads"), map[string]any{"subject": "Nachtzorg", "body": "Hoe gaan de nachten?"}))
		thread := "/threads/" + strconv.FormatInt(tid, 10) + "/messages"
		apiCreated(t, mine.API("POST", apiFamilyPath(id, thread), map[string]any{"body": "En overdag?"}))

		v := apiWant(t, mine.API("GET", apiFamilyPath(id, "/threads"), nil), 200, "")
		if apiAt(v, "threads", 0, "subject") != "Nachtzorg" || apiAt(v, "threads", 0, "unread") != float64(0) {
			t.Errorf("threads = %v", v)
		}
		v = apiWant(t, mine.API("GET", apiFamilyPath(id, thread), nil), 200, "")
		if apiAt(v, "thread", "subject") != "Nachtzorg" || apiAt(v, "messages", 1, "body") != "En overdag?" {
			t.Errorf("messages = %v", v)
		}

		for _, path := range []string{apiFamilyPath(id, thread), apiFamilyPath(other, thread)} {
			apiWant(t, theirs.API("POST", path, map[string]any{"body": "Van een ander"}), 404, "not_found")
			apiWant(t, theirs.API("GET", path, nil), 404, "not_found")
		}
		apiWant(t, mine.API("POST", apiFamilyPath(other, thread), map[string]any{"body": "Verkeerde familie"}), 404, "not_found")
		apiWant(t, mine.API("GET", apiFamilyPath(id, "/documents/999999"), nil), 404, "not_found")
		apiWant(t, mine.API("POST", apiFamilyPath(id, thread), map[string]any{"body": "x", "document": "y"}), 400, "bad_request")

		v = apiWant(t, mine.API("GET", apiFamilyPath(id, thread), nil), 200, "")
		if msgs, _ := apiAt(v, "messages").([]any); len(msgs) != 2 {
			t.Errorf("%d messages after refused writes, want 2: %v", len(msgs), v)
		}
	})
}
