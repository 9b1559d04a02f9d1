package api

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func FuzzDecodeDeathJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"died_on": "2026-06-01", "died_time": "03:10", "place": "home", "preferred_place": "home", "preferred_met": "yes"}`,
		`{"died_on": "2026-06-01", "place": "hospital", "place_name": "Sophia", "corrects": 12, "reason": "tijd"}`,
		`{"died_on": "2026-02-30", "died_time": "25:99", "place": "castle", "preferred_met": "maybe", "corrects": -1}`,
		`{"died_on": "2999-01-01", "place": "other", "quality_note": "\u0000"}`,
		`{"corrects": 1e30, "died_on": 20260601}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := decodeDeathJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiDeathIn{})
			return
		}
		if r.ID != 0 || r.FamilyID != 0 || r.Corrects < 0 {
			t.Fatalf("ids from the body: %+v", r)
		}
		apiCheckDate(t, "died_on", r.DiedOn)
		err = r.Validate(apiFuzzToday, time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC))
		apiCheckServiceFields(t, err, apiDeathIn{})
		if err != nil {
			return
		}
		apiCheckOneOf(t, "place", r.Place, care.DeathPlaces)
		if r.DiedOn.IsZero() || r.DiedOn.After(apiFuzzToday) || r.DiedOn.Year() < 2010 {
			t.Fatalf("died on %v accepted", r.DiedOn)
		}
		if r.PreferredPlace == "" && r.PreferredMet != "" {
			t.Fatal("met without a preferred place accepted")
		}
		apiCheckText(t, "place_name", r.PlaceName, care.MaxName, false)
		apiCheckText(t, "quality_note", r.QualityNote, care.MaxText, false)
		apiCheckText(t, "reason", r.Reason, care.MaxShort, r.Corrects != 0)
	})
}

func FuzzDecodeAftercareJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"people": [{"member_id": null, "network_member_id": 4, "wishes": "rust"}, {"member_id": 9, "supporter": "Rouwcentrum"}],
		  "contacts": [{"id": 1, "due_on": "2026-07-13", "done": true}, {"due_on": "2026-09-01", "note": "thuis"}]}`,
		`{"people": [{"member_id": -1, "network_member_id": 0}], "contacts": [{"id": -3, "due_on": "gisteren", "done": true}]}`,
		`{"contacts": [{"done": true}], "people": []}`,
		`{"people": "all", "contacts": {}}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := decodeAftercareJSON(body)
		var fe care.FieldErrors
		switch {
		case errors.As(err, &fe):
			for k := range fe {
				if !strings.HasPrefix(k, "people") && !strings.HasPrefix(k, "contacts") {
					t.Fatalf("field error %q names no part of the plan", k)
				}
			}
			return
		case err != nil:
			apiCheckRefusal(t, err, apiAftercareIO{})
			return
		}
		if len(a.Contacts) > care.MaxAftercareContacts || len(a.People) > 30 {
			t.Fatalf("%d contacts, %d people accepted", len(a.Contacts), len(a.People))
		}
		for _, p := range a.People {
			if p.MemberID < 0 || p.NetworkID < 0 {
				t.Fatalf("person %+v accepted", p)
			}
		}
		for _, c := range a.Contacts {
			apiCheckDate(t, "due_on", c.DueOn)
			if c.ID < 0 || c.Done() && c.DueOn.IsZero() {
				t.Fatalf("contact %+v accepted", c)
			}
		}
	})
}
