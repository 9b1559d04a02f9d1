package api_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// apiEntries returns the entries of an access log answer, failing when the
// list is missing (an empty log is []).
func apiEntries(t *testing.T, v any) []map[string]any {
	t.Helper()
	list, ok := apiAt(v, "entries").([]any)
	if !ok {
		t.Fatalf("no entries list in %v", v)
	}
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		out = append(out, e.(map[string]any))
	}
	return out
}

func TestAPIAccessLog(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		if a.Clock.Now().In(care.Amsterdam).Hour() >= 22 {
			a.Clock.Add(3 * time.Hour) // "today" must not change during the test
		}
		mine, theirs, me, _ := apiSetup(t, a)
		now := a.Clock.Now()
		today := care.DateOf(now)
		day := func(days int) string { return today.AddDate(0, 0, days).Format(time.DateOnly) }

		id := apiCreated(t, mine.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		member := apiCreated(t, mine.API("POST", apiFamilyPath(id, "/members"), map[string]any{
			"kind": "parent", "name": "Elif Yılmaz", "relation": "moeder", "custody": true,
		}))
		gp := apiCreated(t, mine.API("POST", apiFamilyPath(id, "/network"), map[string]any{"name": "Dr. J. Mulder", "role": "gp", "line": 1}))
		apiWant(t, mine.API("GET", apiFamilyPath(id), nil), 200, "")

		// The mother, linked to the family, and the GP, linked with her consent.
		mother, motherSecret := a.Account("elif@ouders.example", care.RoleFamily, true)
		doctor, doctorSecret := a.Account("mulder@huisarts.example", care.RoleProvider, true)
		for _, l := range []*care.Link{
			{FamilyID: id, AccountID: mother.ID, Kind: care.LinkParent, MemberID: member},
			{FamilyID: id, AccountID: doctor.ID, Kind: care.LinkProvider, NetworkMemberID: gp},
		} {
			if err := a.Store.CreateLink(ctx, l); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.Care.SetConsent(ctx, care.Actor{AccountID: mother.ID, Role: care.RoleFamily, AccessPoint: "test"}, id, gp, true, care.ScopeFile); err != nil {
			t.Fatal(err)
		}
		parent, provider := a.Client(), a.Client()
		parent.Login(mother.Email, motherSecret)
		provider.Login(doctor.Email, doctorSecret)

		path := apiFamilyPath(id, "/access-log")
		// The case manager sees the last 30 days, newest first.
		v := apiWant(t, mine.API("GET", path, nil), 200, "")
		if apiAt(v, "from") != day(-29) || apiAt(v, "to") != day(0) {
			t.Errorf("default period %v to %v, want %s to %s", apiAt(v, "from"), apiAt(v, "to"), day(-29), day(0))
		}
		entries := apiEntries(t, v)
		var objects []any
		for _, e := range entries {
			objects = append(objects, e["object_type"])
		}
		// The consent was given through the service directly, not through the API.
		if want := []any{"consent", "family", "network_member", "member", "family"}; !cmp.Equal(objects, want) {
			t.Errorf("objects %v, want %v", objects, want)
		}
		if len(entries) == 0 {
			t.FailNow()
		}
		read := entries[1]
		at, _ := read["at"].(string)
		if tm, err := time.Parse(time.RFC3339, at); !apiTimePattern.MatchString(at) || err != nil || tm.Sub(now).Abs() > time.Hour {
			t.Errorf("at %q: not a UTC time near now", at)
		}
		delete(read, "at")
		if diff := cmp.Diff(map[string]any{"actor_name": "Naam anouk", "organisation": "Test KCT", "role": "casemanager",
			"object_type": "family", "action": "R", "outcome": "success"}, read); diff != "" {
			t.Errorf("entry (-want +got):\n%s", diff)
		}
		if e := entries[0]; e["actor_name"] != "Naam elif" || e["role"] != "family" || e["action"] != "U" {
			t.Errorf("the consent entry %v", e)
		}

		// The linked parent sees the same log, with the case manager's reading of it.
		entries = apiEntries(t, apiWant(t, parent.API("GET", path, nil), 200, ""))
		if len(entries) == 0 || entries[0]["object_type"] != "access_log" || entries[0]["actor_name"] != "Naam anouk" {
			t.Errorf("the parent's first entry: %v", entries)
		}
		// The GP visits with consent; the log shows it.
		apiWant(t, mine.API("GET", path, nil), 200, "")
		if _, err := a.Care.ProviderView(ctx, care.Actor{AccountID: doctor.ID, Role: care.RoleProvider, AccessPoint: "test"}, id); err != nil {
			t.Fatal(err)
		}
		entries = apiEntries(t, apiWant(t, parent.API("GET", path, nil), 200, ""))
		if e := entries[0]; e["actor_name"] != "Naam mulder" || e["role"] != "provider" || e["object_type"] != "provider_view" || e["action"] != "R" {
			t.Errorf("the GP's visit: %v", e)
		}

		// Nobody else: not the other case manager, not the provider (even with
		// consent), not an administrator; not logged in is 401.
		_, adminSecret := a.Account("beheer@kct.example", care.RoleAdmin, true)
		admin := a.Client()
		admin.Login("beheer@kct.example", adminSecret)
		for _, c := range []*client{theirs, provider, admin} {
			apiWant(t, c.API("GET", path, nil), 404, "not_found")
		}
		apiWant(t, parent.API("GET", apiFamilyPath(id+1000, "/access-log"), nil), 404, "not_found")
		apiWant(t, a.Client().API("GET", path, nil), 401, "unauthorized")

		// The period: dates are checked before anything is read.
		events, _ := a.Store.FamilyAuditEvents(ctx, id)
		for _, tt := range []struct {
			query  string
			fields map[string]string
		}{
			{"from=2026-13-01", map[string]string{"from": "date.invalid"}},
			{"to=gisteren", map[string]string{"to": "date.invalid"}},
			{"from=1-2-2026&to=2026-2-1", map[string]string{"from": "date.invalid", "to": "date.invalid"}},
			{"from=" + day(0) + "&to=" + day(-1), map[string]string{"to": "date.invalid"}},
			{"from=" + day(1), map[string]string{"from": "date.future"}},
		} {
			apiWantFields(t, mine.API("GET", path+"?"+tt.query, nil), tt.fields)
		}
		if after, _ := a.Store.FamilyAuditEvents(ctx, id); len(after) != len(events) {
			t.Errorf("%d audit records for unreadable periods, want none", len(after)-len(events))
		}

		// An access 40 days ago is outside the default period, inside its own day.
		old := now.AddDate(0, 0, -40)
		if err := a.Store.AppendAudit(ctx, &care.AuditEvent{At: old, ActorID: me, ActorRole: care.RoleCaseManager, FamilyID: id,
			ObjectType: "family", ObjectID: id, Action: care.ActionRead, Outcome: care.OutcomeSuccess, AccessPoint: "test",
			Authorised: true, Relationship: true}); err != nil {
			t.Fatal(err)
		}
		for _, e := range apiEntries(t, apiWant(t, mine.API("GET", path, nil), 200, "")) {
			if tm, _ := time.Parse(time.RFC3339, e["at"].(string)); tm.Before(now.AddDate(0, 0, -31)) {
				t.Errorf("an entry from %s in the last 30 days", e["at"])
			}
		}
		q := url.Values{"from": {care.DateOf(old).Format(time.DateOnly)}, "to": {care.DateOf(old).Format(time.DateOnly)}}
		v = apiWant(t, parent.API("GET", path+"?"+q.Encode(), nil), 200, "")
		if entries := apiEntries(t, v); len(entries) != 1 || entries[0]["at"] != old.UTC().Format(time.RFC3339) {
			t.Errorf("the day 40 days ago: %v", entries)
		}
		v = apiWant(t, mine.API("GET", path+"?from="+day(-20)+"&to="+day(-19), nil), 200, "")
		if entries := apiEntries(t, v); len(entries) != 0 {
			t.Errorf("a quiet period: %v", entries)
		}
		// A period that runs on past today ends today.
		v = apiWant(t, mine.API("GET", path+"?from="+day(-2)+"&to="+day(30), nil), 200, "")
		if apiAt(v, "from") != day(-2) || apiAt(v, "to") != day(0) || len(apiEntries(t, v)) == 0 {
			t.Errorf("period %v to %v with %d entries", apiAt(v, "from"), apiAt(v, "to"), len(apiEntries(t, v)))
		}

		// Every reading, and every refusal, is on record.
		events, err := a.Store.FamilyAuditEvents(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		reads := map[string]int{}
		for _, e := range events {
			if e.ObjectType == "access_log" {
				if e.Action != care.ActionRead || e.AccessPoint != "127.0.0.1" {
					t.Errorf("audit record %+v", e)
				}
				reads[string(e.ActorRole)+" "+e.Outcome]++
			}
		}
		want := map[string]int{"casemanager success": 5, "family success": 3, "casemanager denied": 1, "provider denied": 1, "admin denied": 1}
		if !cmp.Equal(reads, want) {
			t.Errorf("access log reads on record %v, want %v", reads, want)
		}
		if n, brk, err := a.Store.VerifyAudit(ctx); brk != nil || err != nil {
			t.Errorf("VerifyAudit after %d: %+v, %v", n, brk, err)
		}
	})
}

func TestAPIAccessLogRoute(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		r := c.API("POST", "/api/v1/families/1/access-log", map[string]any{})
		apiWant(t, r, http.StatusMethodNotAllowed, "method_not_allowed")
		for _, p := range []string{"abc", "0", "-1"} {
			apiWant(t, c.API("GET", "/api/v1/families/"+p+"/access-log", nil), 404, "not_found")
		}
	})
}
