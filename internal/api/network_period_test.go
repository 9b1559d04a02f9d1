package api_test

import (
	"strconv"
	"testing"

	"github.com/spil-zorg/spil/internal/site"
)

// A network member's period goes in and out of the API; one whose
// involvement ended is listed apart, and a PUT that leaves the period out
// clears it, as a PUT does with every field.
func TestAPINetworkPeriod(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		id := apiCreated(t, c.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		gp := apiCreated(t, c.API("POST", apiFamilyPath(id, "/network"), map[string]any{
			"name": "Dr. P. Visser", "role": "gp", "started_on": "2020-01-06"}))
		physio := apiCreated(t, c.API("POST", apiFamilyPath(id, "/network"), map[string]any{
			"name": "M. de Boer", "role": "therapist", "started_on": "2021-02-01", "ended_on": apiDay(now, -10)}))

		v := apiWant(t, c.API("GET", apiFamilyPath(id), nil), 200, "")
		checks := []struct {
			path []any
			want any
		}{
			{[]any{"network", 0, "id"}, float64(gp)},
			{[]any{"network", 0, "started_on"}, "2020-01-06"},
			{[]any{"network", 0, "ended_on"}, nil},
			{[]any{"network", 1}, nil},
			{[]any{"earlier_network", 0, "id"}, float64(physio)},
			{[]any{"earlier_network", 0, "ended_on"}, apiDay(now, -10)},
		}
		for _, ck := range checks {
			if got := apiAt(v, ck.path...); got != ck.want {
				t.Errorf("%v = %v, want %v", ck.path, got, ck.want)
			}
		}

		apiWantFields(t, c.API("PUT", apiFamilyPath(id, "/network/", strconv.FormatInt(gp, 10)), map[string]any{
			"name": "Dr. P. Visser", "role": "gp", "started_on": "2020-01-06", "ended_on": "2019-12-31"}),
			map[string]string{"ended_on": "network.ended_before_start"})
		apiWantFields(t, c.API("POST", apiFamilyPath(id, "/network"), map[string]any{
			"name": "X", "role": "gp", "started_on": "6-1-2020"}),
			map[string]string{"started_on": "date.invalid"})
		v = apiWant(t, c.API("GET", apiFamilyPath(id), nil), 200, "")
		if got := apiAt(v, "network", 0, "ended_on"); got != nil {
			t.Errorf("a refused PUT ended the GP on %v", got)
		}
	})
}
