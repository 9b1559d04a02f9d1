package api

import (
	"errors"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// apiMeetingKeys are the keys a meeting's field errors may have besides
// the request's own members: "participants" for the two id lists
// together, and "action_N_<member>" for the Nth action.
var apiMeetingKeys = regexp.MustCompile(`^(participants|action_[0-9]+_(title|owner|due))$`)

func apiCheckMeetingRefusal(t *testing.T, err error, req any) {
	t.Helper()
	var fe care.FieldErrors
	if !errors.As(err, &fe) {
		apiCheckRefusal(t, err, req)
		return
	}
	members := apiMembers(reflect.TypeOf(req))
	for k, v := range fe {
		if v == "" || !slices.Contains(members, k) && !apiMeetingKeys.MatchString(k) {
			t.Fatalf("field error %s=%q names no member of %v", k, v, members)
		}
	}
}

func FuzzDecodeMeetingJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"purpose": "warm_handoff", "start": "2026-07-01T12:30:00Z", "duration_minutes": 90, "place": "PMC",
		  "video_url": "https://meet.example.org/x", "network_member_ids": [3, 4], "agenda": "Ontslag"}`,
		`{"purpose": "other", "start": "2026-07-01T14:30:00+02:00", "member_ids": [], "network_member_ids": [-1], "minutes": "x", "decisions": ["a"]}`,
		`{"purpose": "party", "start": "gisteren", "duration_minutes": -5, "member_ids": null, "video_url": "javascript:alert(1)"}`,
		`{"start": "0001-01-01T00:00:00Z", "member_ids": [0, 9223372036854775807]}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		m, _, err := decodeMeetingJSON(body)
		if err != nil {
			apiCheckMeetingRefusal(t, err, apiMeetingIn{})
			return
		}
		if m.ID != 0 || m.FamilyID != 0 {
			t.Fatalf("ids from the body: %d, %d", m.ID, m.FamilyID)
		}
		for _, p := range m.Participants {
			if (p.NetworkMemberID > 0) == (p.MemberID > 0) {
				t.Fatalf("participant %+v accepted", p)
			}
		}
		if err := m.Validate(apiFuzzToday); err != nil {
			apiCheckMeetingRefusal(t, apiMeetingFields(err), apiMeetingIn{})
			return
		}
		apiCheckOneOf(t, "purpose", m.Purpose, care.MeetingPurposes)
		if m.Start.Location() != time.UTC || m.Minutes < care.MinMeetingMinutes || m.Minutes > care.MaxMeetingMinutes {
			t.Fatalf("start %v, %d minutes accepted", m.Start, m.Minutes)
		}
		if m.VideoURL != "" && !care.ValidVideoURL(m.VideoURL) {
			t.Fatalf("video link %q accepted", m.VideoURL)
		}
		apiCheckText(t, "place", m.Place, care.MaxShort, false)
		apiCheckText(t, "agenda", m.Agenda, care.MaxText, false)
	})
}

func FuzzDecodeMeetingReportJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"minutes": "Besproken", "decisions": ["Thuis"], "actions": [{"title": "Zuurstof", "owner": "network:3", "due": "2026-07-01"}]}`,
		`{"minutes": "", "actions": [{"title": "", "owner": "family"}, {"owner": "network:x", "due": "2026-02-30"}]}`,
		`{"actions": [{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}]}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := decodeReportJSON(body)
		if err != nil {
			apiCheckMeetingRefusal(t, err, apiReportIn{})
			return
		}
		if len(r.Actions) > care.MaxMeetingActions {
			t.Fatalf("%d actions", len(r.Actions))
		}
		for _, a := range r.Actions {
			apiCheckDate(t, "due", a.Due)
			if !a.Owner.IsZero() && !slices.Contains(care.OwnerKinds, a.Owner.Kind) {
				t.Fatalf("owner %+v accepted", a.Owner)
			}
		}
		if err := r.Validate(); err != nil {
			apiCheckMeetingRefusal(t, apiMeetingFields(err), apiReportIn{})
		}
	})
}
