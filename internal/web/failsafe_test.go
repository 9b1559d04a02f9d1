package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestStorageFull: when the database cannot grow, a write answers 503 with
// a message that says the storage is full, as a page and in the API's
// error shape, and so does a page whose audit record cannot be written;
// the log says it is the storage, without what was typed. The file is
// held at its size with SQLite's max_page_count on the one writer
// connection; PostgreSQL's disk cannot be filled from a test.
func TestStorageFull(t *testing.T) {
	// SQLite only: PostgreSQL's disk cannot be filled from a test; its
	// disk_full maps to the same error (TestIsStorageFull in package store).
	for _, db := range storetest.Databases() {
		if db.Name != "sqlite" {
			continue
		}
		t.Run(db.Name, func(t *testing.T) { testStorageFull(t, db) })
	}
}

func testStorageFull(t *testing.T, db storetest.DB) {
	ctx := context.Background()
	logs := &syncBuffer{}
	a := newApp(t, db.Open, site.Config{Logger: slog.New(slog.NewTextHandler(logs, nil))})
	c, _ := a.CaseManager("carla@example.org")
	id := c.CreateFamily(intake("Noor", a.Day(-5, 0, 0)))
	if err := a.Store.ExecRaw(ctx, `PRAGMA max_page_count = 1`); err != nil {
		t.Fatal(err)
	}
	// What a case manager types is personal data: it must not reach the log.
	const typed = "Moeder vertelt over de nacht van 3 op 4 mei"
	topics := typed + strings.Repeat(" en verder", 300)

	// The API: a contact that cannot be stored.
	var r *sitetest.APIResponse
	for range 100 {
		r = c.API(http.MethodPost, "/api/v1/families/"+strconv.FormatInt(id, 10)+"/contacts", map[string]any{
			"date": a.Day(0, 0, 0), "kind": "phone", "with": "parent", "topics": topics,
		})
		if r.StatusCode != http.StatusCreated {
			break
		}
	}
	body, _ := r.JSON(t).(map[string]any)
	e, _ := body["error"].(map[string]any)
	msg, _ := e["message"].(string)
	if r.StatusCode != http.StatusServiceUnavailable || e["code"] != "storage_full" || !strings.Contains(msg, "storage is full") {
		t.Errorf("API contact on a full storage: %d %s; want 503 with code storage_full", r.StatusCode, r.Raw)
	}

	// The page: the contact form.
	form := url.Values{"date": {a.Day(0, 0, 0)}, "kind": {"phone"}, "with": {"parent"}, "duration": {"10"}, "travel": {"0"},
		"location": {""}, "topics": {topics}, "follow_up": {""}}
	var p *page
	for range 100 {
		if p = c.Post(familyPath(id, "/contacts"), form); p.StatusCode != http.StatusSeeOther {
			break
		}
	}
	if got := text(p.Class("error-page")); p.StatusCode != http.StatusServiceUnavailable || !strings.Contains(got, "de opslag is vol") {
		t.Errorf("contact form on a full storage: %d %q; want 503 saying the storage is full", p.StatusCode, got)
	}

	// A page view: its audit record cannot be written, so the page is not
	// shown.
	for range 500 {
		if p = c.Get(familyPath(id, "")); p.StatusCode != http.StatusOK {
			break
		}
	}
	if got := text(p.Class("error-page")); p.StatusCode != http.StatusServiceUnavailable || !strings.Contains(got, "de opslag is vol") {
		t.Errorf("family page on a full storage: %d %q; want 503 saying the storage is full", p.StatusCode, got)
	}

	// With room again, writes work again, without a restart.
	if err := a.Store.ExecRaw(ctx, `PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	if p := c.Post(familyPath(id, "/contacts"), form); p.StatusCode != http.StatusSeeOther {
		t.Errorf("contact form after room was made: %d, want 303", p.StatusCode)
	}

	log := logs.String()
	for _, want := range []string{"api request failed: the database storage is full", "request failed: the database storage is full", "route="} {
		if !strings.Contains(log, want) {
			t.Errorf("the log does not say %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, typed) || strings.Contains(log, "Noor") {
		t.Errorf("the log holds what was typed:\n%s", log)
	}
}

// TestReadyzProbesWrites: /readyz answers 503 when the database answers but
// does not take writes (SQLite's query_only on the writer connection: every
// write is refused as on a read-only file) or has no room left, and 200
// again when it does.
func TestReadyzProbesWrites(t *testing.T) {
	ctx := context.Background()
	open := func(opts ...store.Option) func(testing.TB) *store.Store {
		return func(t testing.TB) *store.Store {
			return storetest.OpenMigrated(t, storetest.SQLitePath(t), append(opts, store.WithProbeInterval(0))...)
		}
	}
	readyz := func(t *testing.T, a *app) (int, string) {
		t.Helper()
		resp, err := http.Get(a.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	a := newApp(t, open(), site.Config{})
	if code, body := readyz(t, a); code != http.StatusOK || body != "ready\n" {
		t.Fatalf("/readyz: %d %q", code, body)
	}
	if err := a.Store.ExecRaw(ctx, `PRAGMA query_only = 1`); err != nil {
		t.Fatal(err)
	}
	if code, body := readyz(t, a); code != http.StatusServiceUnavailable || body != "database unavailable\n" {
		t.Errorf("/readyz of a database that refuses writes: %d %q, want 503", code, body)
	}
	if err := a.Store.ExecRaw(ctx, `PRAGMA query_only = 0`); err != nil {
		t.Fatal(err)
	}
	if code, body := readyz(t, a); code != http.StatusOK {
		t.Errorf("/readyz after writes work again: %d %q", code, body)
	}

	full := newApp(t, open(store.WithMinFreeSpace(1<<62)), site.Config{})
	if code, body := readyz(t, full); code != http.StatusServiceUnavailable || body != "storage full\n" {
		t.Errorf("/readyz with no room left: %d %q, want 503 storage full", code, body)
	}
}
