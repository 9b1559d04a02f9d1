package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// TestAPIMeetings: the case manager organises an MDO with the GP and,
// by default, the parents; bad input saves nothing; after the start the
// minutes with an action for the GP become a task in the GP's view; each
// reader sees only what they are invited to.
func TestAPIMeetings(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		ctx := context.Background()
		var gp int64
		network, _ := a.Store.Network(ctx, w.Fam)
		for _, n := range network {
			if n.Name == "Dr. Huisman" {
				gp = n.ID
			}
		}
		other := apiCreated(t, w.CM.API("POST", "/api/v1/families", apiIntake(a.Clock.Now(), "Sem Bakker", "2018-01-02")))
		theirGP := apiCreated(t, w.CM.API("POST", apiFamilyPath(other, "/network"), map[string]any{"name": "Dr. Smit", "role": "gp", "line": 1}))
		path := apiFamilyPath(w.Fam, "/meetings")
		start := a.Clock.Now().Add(2 * time.Minute).Truncate(time.Minute).Add(time.Minute)
		good := func(edit map[string]any) map[string]any {
			body := map[string]any{"purpose": "warm_handoff", "start": start.Format(time.RFC3339), "duration_minutes": 60,
				"video_url": "https://meet.example.org/mdo", "network_member_ids": []int64{gp}}
			for k, v := range edit {
				body[k] = v
			}
			return body
		}
		for _, c := range []struct {
			body map[string]any
			want map[string]string
		}{
			{good(map[string]any{"start": a.Clock.Now().Add(-time.Hour).Format(time.RFC3339)}), map[string]string{"start": "meeting.past_needs_minutes"}},
			{good(map[string]any{"network_member_ids": []int64{gp, theirGP}}), map[string]string{"participants": "meeting.participant_not_in_file"}},
			{good(map[string]any{"video_url": "http://meet.example.org/mdo"}), map[string]string{"video_url": "meeting.video_url_invalid"}},
			{good(map[string]any{"duration_minutes": 900}), map[string]string{"duration_minutes": "meeting.duration_invalid"}},
		} {
			wantOneAudit(t, a, w.Fam, "meeting", care.ActionCreate, care.OutcomeFailed, func() { apiWantFields(t, w.CM.API("POST", path, c.body), c.want) })
		}
		if ms, _ := a.Store.Meetings(ctx, w.Fam); len(ms) != 0 {
			t.Fatalf("refused meetings saved: %+v", ms)
		}
		var id int64
		wantOneAudit(t, a, w.Fam, "meeting", care.ActionCreate, care.OutcomeSuccess, func() { id = apiCreated(t, w.CM.API("POST", path, good(nil))) })
		v := apiWant(t, w.CM.API("GET", path, nil), 200, "")
		if got := apiAt(v, "upcoming", 0, "id"); got != float64(id) {
			t.Fatalf("upcoming = %v", v)
		}
		if n := len(apiAt(v, "upcoming", 0, "participants").([]any)); n != 2 {
			t.Errorf("%d participants, want the GP and the parent", n)
		}
		// The GP and the parent see it; the nurse without consent does not.
		for who, c := range map[string]*sitetest.Client{"GP": w.GP, "parent": w.Parent} {
			if got := apiAt(apiWant(t, c.API("GET", path, nil), 200, ""), "upcoming", 0, "id"); got != float64(id) {
				t.Errorf("%s: upcoming %v", who, got)
			}
		}
		apiWant(t, w.Nurse.API("GET", path, nil), 404, "not_found")
		// Minutes before the start are refused; after it they are written.
		report := map[string]any{"minutes": "Besproken: zuurstof", "decisions": []string{"Ontslag vrijdag"},
			"actions": []map[string]any{{"title": "Zuurstof thuis regelen", "owner": "network:" + itoa(gp)}}}
		apiWantFields(t, w.CM.API("PUT", path+"/"+itoa(id), report), map[string]string{"minutes": "meeting.not_started"})
		a.Clock.Add(5 * time.Minute)
		apiWantFields(t, w.CM.API("PUT", path+"/"+itoa(id), map[string]any{"minutes": "x",
			"actions": []map[string]any{{"title": "y", "owner": "network:" + itoa(theirGP)}}}), map[string]string{"action_1_owner": "meeting.owner_not_participant"})
		apiWant(t, w.CM.API("PUT", apiFamilyPath(other, "/meetings/", itoa(id)), report), 404, "not_found")
		apiWant(t, w.CM.API("PUT", path+"/"+itoa(id), report), 204, "")
		v = apiWant(t, w.GP.API("GET", path, nil), 200, "")
		if got := apiAt(v, "upcoming", 0, "actions", 0, "owner_kind"); got != "network" {
			t.Errorf("GP reads the action: %v", v)
		}
		tasks, _ := a.Store.Tasks(ctx, w.Fam, care.TaskQuery{NetworkMemberID: gp})
		if len(tasks) != 1 || tasks[0].Title != "Zuurstof thuis regelen" {
			t.Errorf("GP's tasks = %+v", tasks)
		}
	})
}
