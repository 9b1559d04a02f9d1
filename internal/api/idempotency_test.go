package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// auditedWrites counts the successful writes in the audit trail: every
// write leaves one record, so a write that happened twice shows here.
func auditedWrites(t *testing.T, a *app) int {
	t.Helper()
	events, err := a.Store.AuditEvents(context.Background(), 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range events {
		switch e.Action {
		case care.ActionCreate, care.ActionUpdate, care.ActionDelete:
			if e.Outcome == care.OutcomeSuccess {
				n++
			}
		}
	}
	return n
}

// contactCount is how many contacts the family has, read through the API.
func contactCount(t *testing.T, c *client, family int64) float64 {
	t.Helper()
	n, _ := apiAt(apiWant(t, c.API("GET", apiFamilyPath(family), nil), 200, ""), "contact_count").(float64)
	return n
}

func apiContact(now time.Time, topics string) map[string]any {
	return map[string]any{"date": apiDay(now, 0), "kind": "phone", "with": "parent", "duration_min": 15, "topics": topics}
}

// sameAnswer checks that again is first given again: status, body and
// Location, marked as replayed.
func sameAnswer(t *testing.T, first, again *sitetest.APIResponse) {
	t.Helper()
	what := first.Request.Method + " " + first.Request.URL.Path
	if again.StatusCode != first.StatusCode || !bytes.Equal(again.Raw, first.Raw) ||
		again.Header.Get("Location") != first.Header.Get("Location") {
		t.Errorf("%s again: %d %q (Location %q); the first answer was %d %q (Location %q)", what,
			again.StatusCode, again.Raw, again.Header.Get("Location"), first.StatusCode, first.Raw, first.Header.Get("Location"))
	}
	if first.Header.Get("Idempotent-Replayed") != "" || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("%s: Idempotent-Replayed %q the first time, %q again; want none, then true", what,
			first.Header.Get("Idempotent-Replayed"), again.Header.Get("Idempotent-Replayed"))
	}
}

// TestIdempotentRepeat: every write of the API, sent twice with one key,
// writes once and answers the second time what it answered the first.
func TestIdempotentRepeat(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		network := map[string]any{"name": "Dr. J. Mulder", "role": "gp", "line": 1, "phone": "038-4567890"}
		gp := apiCreated(t, c.API("POST", apiFamilyPath(id, "/network"), network))
		leaving := apiCreated(t, c.API("POST", apiFamilyPath(id, "/network"), map[string]any{"name": "Fysio Zwolle", "role": "therapist", "line": 1}))
		task := apiCreated(t, c.API("POST", apiFamilyPath(id, "/tasks"), map[string]any{"title": "Huisarts bellen", "owner_kind": "casemanager"}))
		thread := apiCreated(t, c.API("POST", apiFamilyPath(id, "/threads"), map[string]any{"subject": "Nachtzorg", "body": "Hoe gaan de nachten?"}))
		coverage := map[string]any{"kind": "night_care", "applicant": "casemanager", "law": "wlz", "form": "zin", "status": "applied", "applied_on": apiDay(now, -5)}
		cov := apiCreated(t, c.API("POST", apiFamilyPath(id, "/coverage"), coverage))
		aid := map[string]any{"kind": "lift", "via": "wmo", "status": "requested", "requested": apiDay(now, -5)}
		aidID := apiCreated(t, c.API("POST", apiFamilyPath(id, "/aids"), aid))
		home := apiCreated(t, c.API("POST", apiFamilyPath(id, "/stays"), map[string]any{"kind": "home", "start": apiDay(now, -100)}))
		held := apiCreated(t, c.API("POST", apiFamilyPath(id, "/meetings"), map[string]any{"purpose": "other", "place": "Thuis",
			"start": now.Add(-time.Hour).Format(time.RFC3339), "network_member_ids": []int64{gp}, "minutes": "Besproken"}))
		meeting := map[string]any{"purpose": "warm_handoff", "place": "Thuis", "start": now.Add(24 * time.Hour).Format(time.RFC3339),
			"network_member_ids": []int64{gp}}
		child := apiIntake(now, "Noor Yılmaz", "2019-03-14")
		for _, k := range []string{"intensity", "next_contact", "referral_date", "referred_by", "reason", "factor_wish", "factor_complexity",
			"factor_capacity", "surprise_question", "status", "status_date", "status_note", "division_of_tasks", "kind"} {
			delete(child, k)
		}
		child["summary"] = "Stabiel, slaapt beter"
		network["phone"] = "038-4567899"

		tested := map[string]bool{}
		for i, w := range []struct {
			route, path string
			body        any
		}{
			{"POST /api/v1/families", "/api/v1/families", apiIntake(now, "Daan Bakker", "2021-07-02")},
			{"PUT /api/v1/families/{id}", apiFamilyPath(id), child},
			{"POST /api/v1/families/{id}/members", apiFamilyPath(id, "/members"), map[string]any{"kind": "parent", "name": "Elif Yılmaz", "custody": true}},
			{"POST /api/v1/families/{id}/network", apiFamilyPath(id, "/network"), map[string]any{"name": "Thuiszorg Zwolle", "role": "homecare", "line": 1}},
			{"PUT /api/v1/families/{id}/network/{mid}", apiFamilyPath(id, "/network/", strconv.FormatInt(gp, 10)), network},
			{"DELETE /api/v1/families/{id}/network/{mid}", apiFamilyPath(id, "/network/", strconv.FormatInt(leaving, 10)), nil},
			{"POST /api/v1/families/{id}/intensity", apiFamilyPath(id, "/intensity"), map[string]any{"intensity": "intensive", "next_contact": apiDay(now, 3), "reason": "Meer zorg"}},
			{"POST /api/v1/families/{id}/contacts", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap en eten")},
			{"POST /api/v1/families/{id}/tasks", apiFamilyPath(id, "/tasks"), map[string]any{"title": "Hulpmiddelen aanvragen", "owner_kind": "casemanager"}},
			{"POST /api/v1/families/{id}/tasks/{tid}/done", apiFamilyPath(id, "/tasks/", strconv.FormatInt(task, 10), "/done"), map[string]any{"note": "Gebeld"}},
			{"PUT /api/v1/families/{id}/episode", apiFamilyPath(id, "/episode"), map[string]any{"referral_date": apiDay(now, -30), "surprise_question": "no", "status": "accepted"}},
			{"POST /api/v1/families/{id}/threads", apiFamilyPath(id, "/threads"), map[string]any{"subject": "School", "body": "Wie belt de school?"}},
			{"POST /api/v1/families/{id}/threads/{thread}/messages", apiFamilyPath(id, "/threads/", strconv.FormatInt(thread, 10), "/messages"), map[string]any{"body": "Ik bel morgen."}},
			{"POST /api/v1/families/{id}/coverage", apiFamilyPath(id, "/coverage"), coverage},
			{"PUT /api/v1/families/{id}/coverage/{cid}", apiFamilyPath(id, "/coverage/", strconv.FormatInt(cov, 10)),
				map[string]any{"kind": "night_care", "applicant": "casemanager", "law": "wlz", "form": "zin", "status": "granted", "start": apiDay(now, 0)}},
			{"POST /api/v1/families/{id}/coverage/{cid}/periods", apiFamilyPath(id, "/coverage/", strconv.FormatInt(cov, 10), "/periods"),
				map[string]any{"law": "wlz", "form": "zin", "status": "to_apply"}},
			{"POST /api/v1/families/{id}/aids", apiFamilyPath(id, "/aids"), aid},
			{"PUT /api/v1/families/{id}/aids/{aid}", apiFamilyPath(id, "/aids/", strconv.FormatInt(aidID, 10)),
				map[string]any{"kind": "lift", "via": "wmo", "status": "assessed", "requested": apiDay(now, -5), "assessed": apiDay(now, 0)}},
			{"POST /api/v1/families/{id}/stays", apiFamilyPath(id, "/stays"),
				map[string]any{"kind": "general_hospital", "place": "Isala", "acute": true, "start": apiDay(now, -5)}},
			{"PUT /api/v1/families/{id}/stays/{sid}", apiFamilyPath(id, "/stays/", strconv.FormatInt(home, 10)),
				map[string]any{"kind": "home", "place": "bij moeder", "start": apiDay(now, -100), "end": apiDay(now, -5)}},
			{"POST /api/v1/families/{id}/transfers", apiFamilyPath(id, "/transfers"),
				map[string]any{"from_kind": "academic_hospital", "to_kind": "home", "planned_on": apiDay(now, 7)}},
			{"POST /api/v1/families/{id}/meetings", apiFamilyPath(id, "/meetings"), meeting},
			{"PUT /api/v1/families/{id}/meetings/{mtg}", apiFamilyPath(id, "/meetings/", strconv.FormatInt(held, 10)),
				map[string]any{"minutes": "Besproken", "actions": []map[string]any{{"title": "Bellen", "owner": "network:" + strconv.FormatInt(gp, 10)}}}},
			{"POST /api/v1/signals/{signal}/snooze", "/api/v1/signals/" + care.SignalID(id, care.CodeNoAlwaysReachable, "") + "/snooze",
				map[string]any{"until": apiDay(now, 7)}},
			{"POST /api/v1/signals/{signal}/dismiss", "/api/v1/signals/" + care.SignalID(id, care.CodeNoAlwaysReachable, "") + "/dismiss",
				map[string]any{"reason": "De tweede casemanager volgt na de intake"}},
			{"POST /api/v1/me/intervision", "/api/v1/me/intervision",
				map[string]any{"held_on": apiDay(now, -3), "kind": "intervision", "direction": "received", "hours": 1.5}},
			// Last: recording the death changes the file for the rows before.
			{"POST /api/v1/families/{id}/death", apiFamilyPath(id, "/death"), map[string]any{"died_on": apiDay(now, -1), "place": "home"}},
			{"PUT /api/v1/families/{id}/aftercare", apiFamilyPath(id, "/aftercare"),
				map[string]any{"people": []any{}, "contacts": []any{map[string]any{"due_on": apiDay(now, 40)}}}},
		} {
			tested[w.route] = true
			method, _, _ := strings.Cut(w.route, " ")
			key := fmt.Sprintf("retry-%d", i)
			before := auditedWrites(t, a)
			first := c.API(method, w.path, w.body, "Idempotency-Key", key)
			if first.StatusCode != http.StatusCreated && first.StatusCode != http.StatusNoContent {
				t.Fatalf("%s: %d %s", w.route, first.StatusCode, first.Raw)
			}
			again := c.API(method, w.path, w.body, "Idempotency-Key", key)
			sameAnswer(t, first, again)
			if n := auditedWrites(t, a) - before; n != 1 {
				t.Errorf("%s sent twice with one key wrote %d times, want once", w.route, n)
			}
		}
		// A write route added later is tested here too.
		for _, route := range a.Site.Routes() {
			method, path, _ := strings.Cut(route, " ")
			if method != "GET" && method != "HEAD" && strings.HasPrefix(path, "/api/") && !tested[route] {
				t.Errorf("%s is not tested with an Idempotency-Key", route)
			}
		}
		if n := contactCount(t, c, id); n != 1 {
			t.Errorf("%v contacts, want 1", n)
		}
	})
}

// TestIdempotencyKeyOtherRequest: a key names one request; the same key
// with another body, path or method is refused and writes nothing.
func TestIdempotencyKeyOtherRequest(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		other := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Daan Bakker", "2021-07-02")))
		first := c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "Idempotency-Key", "k1")
		apiCreated(t, first)
		before := auditedWrites(t, a)
		for _, r := range []*sitetest.APIResponse{
			c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Eten"), "Idempotency-Key", "k1"),
			c.API("POST", apiFamilyPath(other, "/contacts"), apiContact(now, "Slaap"), "Idempotency-Key", "k1"),
			c.API("POST", apiFamilyPath(id, "/tasks"), map[string]any{"title": "Bellen", "owner_kind": "casemanager"}, "Idempotency-Key", "k1"),
		} {
			apiWant(t, r, http.StatusUnprocessableEntity, "idempotency_key_reused")
		}
		if n := auditedWrites(t, a) - before; n != 0 {
			t.Errorf("%d writes under a key used for another request", n)
		}
		// The first request with its key still gets its answer.
		sameAnswer(t, first, c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "Idempotency-Key", "k1"))
		if n := contactCount(t, c, id) + contactCount(t, c, other); n != 1 {
			t.Errorf("%v contacts, want 1", n)
		}
	})
}

// TestIdempotencyKeysPerAccount: a key is the account's own; another
// account's same key is another key, and each gets its own answer again.
func TestIdempotencyKeysPerAccount(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		mine, theirs, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		myFamily := apiCreated(t, mine.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		theirFamily := apiCreated(t, theirs.API("POST", "/api/v1/families", apiIntake(now, "Daan Bakker", "2021-07-02")))
		body := apiContact(now, "Slaap")
		my := mine.API("POST", apiFamilyPath(myFamily, "/contacts"), body, "Idempotency-Key", "shared")
		their := theirs.API("POST", apiFamilyPath(theirFamily, "/contacts"), body, "Idempotency-Key", "shared")
		if apiCreated(t, my) == apiCreated(t, their) || their.Header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("the second account got the first account's answer: %s", their.Raw)
		}
		sameAnswer(t, their, theirs.API("POST", apiFamilyPath(theirFamily, "/contacts"), body, "Idempotency-Key", "shared"))
		sameAnswer(t, my, mine.API("POST", apiFamilyPath(myFamily, "/contacts"), body, "Idempotency-Key", "shared"))
		// Nor can a key reach another account's family: that is a 404.
		apiWant(t, theirs.API("POST", apiFamilyPath(myFamily, "/contacts"), body, "Idempotency-Key", "mine-only"), 404, "not_found")
		if n := contactCount(t, mine, myFamily) + contactCount(t, theirs, theirFamily); n != 2 {
			t.Errorf("%v contacts, want one each", n)
		}
	})
}

// send is a request of c that can be made from any goroutine.
func send(c *client, method, path string, body any, key string) (status int, raw []byte, err error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequest(method, c.App.URL+path, bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err = io.ReadAll(resp.Body)
	return resp.StatusCode, raw, err
}

// TestIdempotentConcurrentDuplicates: the same request with one key sent
// many times at once writes once; each answer is the write's or "in
// progress".
func TestIdempotentConcurrentDuplicates(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		const n = 10
		type answer struct {
			status int
			raw    []byte
			err    error
		}
		answers := make([]answer, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				s, raw, err := send(c, "POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "at-once")
				answers[i] = answer{s, raw, err}
			})
		}
		wg.Wait()
		var created []byte
		for _, an := range answers {
			switch {
			case an.err != nil:
				t.Errorf("request failed: %v", an.err)
			case an.status == http.StatusCreated:
				if created != nil && !bytes.Equal(created, an.raw) {
					t.Errorf("two different answers: %s and %s", created, an.raw)
				}
				created = an.raw
			case an.status != http.StatusConflict || !strings.Contains(string(an.raw), `"idempotency_key_in_progress"`):
				t.Errorf("answer %d %s; want 201, or 409 in progress", an.status, an.raw)
			}
		}
		if created == nil {
			t.Error("no request wrote")
		}
		if got := contactCount(t, c, id); got != 1 {
			t.Errorf("%v contacts after %d requests with one key, want 1", got, n)
		}
	})
}

// faultyStore is the store under the care service with faults a test
// switches on: a wait before a write transaction begins, a commit that
// happens but reports an error (the connection lost as the database
// restarts), and lookups of idempotency keys that fail.
type faultyStore struct {
	care.Store
	mu          sync.Mutex
	beforeWrite func(ctx context.Context)
	commitErr   error
	lookupErr   error
}

func (f *faultyStore) set(fn func(f *faultyStore)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func (f *faultyStore) Atomic(ctx context.Context, fn func(care.Store) error) error {
	f.mu.Lock()
	before, commitErr := f.beforeWrite, f.commitErr
	f.beforeWrite = nil // once
	f.mu.Unlock()
	if before != nil {
		before(ctx)
	}
	if err := f.Store.Atomic(ctx, fn); err != nil {
		return err
	}
	return commitErr
}

func (f *faultyStore) IdempotencyKey(ctx context.Context, accountID int64, key string) (*care.IdempotencyKey, error) {
	f.mu.Lock()
	err := f.lookupErr
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return f.Store.IdempotencyKey(ctx, accountID, key)
}

func (f *faultyStore) ReleaseIdempotencyKey(ctx context.Context, accountID int64, key, claim string) error {
	f.mu.Lock()
	err := f.lookupErr
	f.mu.Unlock()
	if err != nil {
		return err
	}
	return f.Store.ReleaseIdempotencyKey(ctx, accountID, key, claim)
}

// forEachFaultyDB runs fn on an app on SQLite and, when configured,
// PostgreSQL, with a faultyStore under its care service.
func forEachFaultyDB(t *testing.T, fn func(t *testing.T, a *app, f *faultyStore)) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			f := &faultyStore{}
			a := sitetest.New(t, db.Open, site.Config{}, sitetest.WithCareStore(func(s care.Store) care.Store {
				f.Store = s
				return f
			}))
			fn(t, a, f)
		})
	}
}

// TestIdempotencyKeyInProgress: while the first request with a key has
// not written yet, a repeat is told to wait and writes nothing; once the
// first has written, the repeat gets its answer.
func TestIdempotencyKeyInProgress(t *testing.T) {
	forEachFaultyDB(t, func(t *testing.T, a *app, f *faultyStore) {
		c, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		waiting, release := make(chan struct{}), make(chan struct{})
		var once sync.Once
		unblock := func() { once.Do(func() { close(release) }) }
		defer unblock() // also when the test fails, so the server can stop
		f.set(func(f *faultyStore) { f.beforeWrite = func(context.Context) { close(waiting); <-release } })
		type answer struct {
			status int
			raw    []byte
			err    error
		}
		firstDone := make(chan answer, 1)
		go func() {
			s, raw, err := send(c, "POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "slow")
			firstDone <- answer{s, raw, err}
		}()
		<-waiting
		apiWant(t, c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "Idempotency-Key", "slow"),
			http.StatusConflict, "idempotency_key_in_progress")
		apiWant(t, c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Eten"), "Idempotency-Key", "slow"),
			http.StatusUnprocessableEntity, "idempotency_key_reused")
		unblock()
		first := <-firstDone
		if first.err != nil || first.status != http.StatusCreated {
			t.Fatalf("the first request: %d %s %v", first.status, first.raw, first.err)
		}
		again := c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "Idempotency-Key", "slow")
		if again.StatusCode != http.StatusCreated || !bytes.Equal(again.Raw, first.raw) {
			t.Errorf("after the first: %d %s, want its answer %s", again.StatusCode, again.Raw, first.raw)
		}
		if n := contactCount(t, c, id); n != 1 {
			t.Errorf("%v contacts, want 1", n)
		}
	})
}

// TestIdempotencyKeyFreedWhenClientGoes: a client that goes away before
// its write ran leaves its key free for the retry, not claimed until the
// claim's lease ends.
func TestIdempotencyKeyFreedWhenClientGoes(t *testing.T) {
	forEachFaultyDB(t, func(t *testing.T, a *app, f *faultyStore) {
		c, _, me, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		waiting := make(chan struct{})
		// The write waits until the server sees that its client has gone.
		f.set(func(f *faultyStore) { f.beforeWrite = func(ctx context.Context) { close(waiting); <-ctx.Done() } })
		ctx, cancel := context.WithCancel(context.Background())
		b, _ := json.Marshal(apiContact(now, "Slaap"))
		req, _ := http.NewRequestWithContext(ctx, "POST", a.URL+apiFamilyPath(id, "/contacts"), bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", "gone")
		done := make(chan error, 1)
		go func() {
			_, err := c.HTTP.Do(req)
			done <- err
		}()
		<-waiting
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("the request that went away: %v", err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			_, err := a.Store.IdempotencyKey(context.Background(), me, "gone")
			if care.ErrorCode(err) == care.NotFound {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the key of the request that went away is still there: %v", err)
			}
			time.Sleep(10 * time.Millisecond)
		}
		apiCreated(t, c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "Idempotency-Key", "gone"))
		if n := contactCount(t, c, id); n != 1 {
			t.Errorf("%v contacts, want 1", n)
		}
	})
}

// TestIdempotentRetryAfterLostAnswer: a write that committed while the
// database went away answers 500; the client's retry with the same key
// gets the answer of the write that happened, and nothing is written
// twice. When the key can still be read, the first request itself answers
// what was written.
func TestIdempotentRetryAfterLostAnswer(t *testing.T) {
	forEachFaultyDB(t, func(t *testing.T, a *app, f *faultyStore) {
		c, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		gone := errors.New("the connection was lost as the database restarted")

		f.set(func(f *faultyStore) { f.commitErr, f.lookupErr = gone, gone })
		apiWant(t, c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "Idempotency-Key", "lost"),
			http.StatusInternalServerError, "internal")
		f.set(func(f *faultyStore) { f.commitErr, f.lookupErr = nil, nil })
		retry := c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "Idempotency-Key", "lost")
		written := apiCreated(t, retry)
		if retry.Header.Get("Idempotent-Replayed") != "true" {
			t.Error("the retry was not answered from the kept answer")
		}
		page := apiWant(t, c.API("GET", apiFamilyPath(id, "/contacts"), nil), 200, "")
		if cs, _ := apiAt(page, "contacts").([]any); len(cs) != 1 || apiAt(cs, 0, "id") != float64(written) {
			t.Errorf("contacts %v, want only %d", apiAt(page, "contacts"), written)
		}

		// The database answers again by the time the first request looks.
		f.set(func(f *faultyStore) { f.commitErr = gone })
		first := c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Eten"), "Idempotency-Key", "found")
		f.set(func(f *faultyStore) { f.commitErr = nil })
		second := apiCreated(t, first)
		sameAnswer(t, first, c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Eten"), "Idempotency-Key", "found"))
		if n := contactCount(t, c, id); n != 2 || second == written {
			t.Errorf("%v contacts, the second %d; want two different ones", n, second)
		}
	})
}

// TestIdempotencyKeyRefused: a key that is not one is a 400 and writes
// nothing; the longest key works; reads ignore the header.
func TestIdempotencyKeyRefused(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		path := apiFamilyPath(id, "/contacts")
		before := auditedWrites(t, a)
		for _, key := range []string{"", strings.Repeat("k", 256), "sleutel-é", "tab\there", "nul\x00"} {
			req, _ := http.NewRequest("POST", a.URL+path, strings.NewReader(`{"date":"`+apiDay(now, 0)+`","kind":"phone","with":"parent"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header["Idempotency-Key"] = []string{key}
			resp, err := c.HTTP.Do(req)
			if err != nil {
				// net/http refuses to send some of these itself.
				continue
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(raw), "Idempotency-Key") {
				t.Errorf("key %q: %d %s, want 400 about the key", key, resp.StatusCode, raw)
			}
		}
		twice := c.API("POST", path, apiContact(now, "Slaap"), "Idempotency-Key", "a")
		apiWant(t, twice, http.StatusCreated, "")
		req, _ := http.NewRequest("POST", a.URL+path, strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header["Idempotency-Key"] = []string{"a", "b"}
		if resp, err := c.HTTP.Do(req); err != nil || resp.StatusCode != http.StatusBadRequest {
			t.Errorf("two keys: %v, %v; want 400", resp.StatusCode, err)
		}
		if n := auditedWrites(t, a) - before; n != 1 {
			t.Errorf("%d writes, want the one with a good key", n)
		}
		apiCreated(t, c.API("POST", path, apiContact(now, "Eten"), "Idempotency-Key", strings.Repeat("~", 255)))
		apiWant(t, c.API("GET", apiFamilyPath(id), nil, "Idempotency-Key", ""), 200, "")
	})
}

// TestIdempotencyKeyExpires: a day after its first use a key is forgotten
// (and cleaned up), and may name a new request.
func TestIdempotencyKeyExpires(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		acc, secret := a.Account("anouk@kct.example", care.RoleCaseManager, true)
		c := a.Client()
		c.Login(acc.Email, secret)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		apiCreated(t, c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Slaap"), "Idempotency-Key", "day"))
		a.Clock.Add(care.IdempotencyKeyLife - time.Minute)
		c.Login(acc.Email, secret) // sessions end sooner than keys
		apiWant(t, c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(now, "Eten"), "Idempotency-Key", "day"),
			http.StatusUnprocessableEntity, "idempotency_key_reused")
		if n, err := a.Care.ForgetIdempotencyKeys(context.Background()); err != nil || n != 0 {
			t.Errorf("ForgetIdempotencyKeys before the day is over: %d, %v", n, err)
		}
		a.Clock.Add(2 * time.Minute)
		if n, err := a.Care.ForgetIdempotencyKeys(context.Background()); err != nil || n != 1 {
			t.Errorf("ForgetIdempotencyKeys: %d, %v; want the one key", n, err)
		}
		r := c.API("POST", apiFamilyPath(id, "/contacts"), apiContact(a.Clock.Now(), "Eten"), "Idempotency-Key", "day")
		apiCreated(t, r)
		if r.Header.Get("Idempotent-Replayed") != "" {
			t.Error("a forgotten key was replayed")
		}
	})
}
