package form

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func TestDecodeMeeting(t *testing.T) {
	v := url.Values{"purpose": {"warm_handoff"}, "date": {"2026-07-01"}, "time": {"14:30"}, "duration": {"90"},
		"place": {" PMC "}, "video_url": {"https://meet.example.org/x"}, "p-network-12": {"1"}, "p-parent-7": {"1"}, "p-network-13": {""}}
	m, errs := DecodeMeeting(v)
	if len(errs) != 0 {
		t.Fatalf("errors %v", errs)
	}
	// 14:30 in Amsterdam in summer is 12:30 UTC.
	if want := time.Date(2026, 7, 1, 12, 30, 0, 0, time.UTC); !m.Start.Equal(want) || m.Minutes != 90 || m.Place != "PMC" {
		t.Errorf("meeting = %+v", m)
	}
	if len(m.Participants) != 2 {
		t.Errorf("participants = %+v", m.Participants)
	}
	// In winter the difference is one hour.
	v.Set("date", "2026-12-01")
	if m, _ := DecodeMeeting(v); !m.Start.Equal(time.Date(2026, 12, 1, 13, 30, 0, 0, time.UTC)) {
		t.Errorf("winter start = %v", m.Start)
	}
	for name, bad := range map[string]url.Values{
		"time":         {"date": {"2026-07-01"}, "time": {"25:00"}},
		"date":         {"date": {"1-7-2026"}, "time": {"10:00"}},
		"participants": {"p-network-01": {"1"}},
		"duration":     {"duration": {"een uur"}},
	} {
		if _, errs := DecodeMeeting(bad); !errs.Has(name) {
			t.Errorf("%v: no error at %s: %v", bad, name, errs)
		}
	}
}

func TestDecodeMeetingReport(t *testing.T) {
	v := url.Values{"minutes": {"Besproken"}, "decisions": {"Thuis\r\n\r\n  Nachtzorg  \n"},
		"action_2_title": {"Zuurstof"}, "action_2_owner": {"network:3"}, "action_2_due": {"2026-07-01"}, "action_3_title": {""}}
	r, errs := DecodeMeetingReport(v)
	if len(errs) != 0 || len(r.Decisions) != 2 || r.Decisions[1] != "Nachtzorg" || len(r.Actions) != 1 ||
		r.Actions[0].Row != 2 || r.Actions[0].Owner != (care.TaskOwner{Kind: care.OwnerNetwork, ID: 3}) {
		t.Fatalf("report = %+v, %v", r, errs)
	}
	v.Set("action_1_title", "Bellen")
	v.Set("action_3_owner", "network:x")
	_, errs = DecodeMeetingReport(v)
	if !errs.Has("action_1_owner") || !errs.Has("action_3_owner") || !errs.Has("action_3_title") {
		t.Errorf("errors = %v", errs)
	}
}

func FuzzDecodeMeeting(f *testing.F) {
	for _, seed := range []string{
		"purpose=warm_handoff&date=2026-07-01&time=14:30&duration=90&place=PMC&p-network-12=1&p-parent-7=1",
		"purpose=other&date=2026-03-29&time=02:30&video_url=https://x.example/y&agenda=a&minutes=b",
		"purpose=party&date=2026-02-30&time=9:5&duration=-1&p-network-=1&p-parent-0=1&p-network-99999999999999999999=1",
		"place=%ff&video_url=javascript:alert(1)&agenda=" + strings.Repeat("x", 5000),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		m, errs := DecodeMeeting(v)
		checkChoice(t, errs, "purpose", m.Purpose, care.MeetingPurposes)
		checkText(t, errs, "place", m.Place, care.MaxShort)
		checkText(t, errs, "video_url", m.VideoURL, care.MaxShort)
		checkText(t, errs, "agenda", m.Agenda, care.MaxText)
		checkText(t, errs, "minutes", m.Report, care.MaxText)
		if !errs.Has("date") && !errs.Has("time") && (m.Start.IsZero() || m.Start.Location() != time.UTC) {
			t.Fatalf("start %v accepted", m.Start)
		}
		for _, p := range m.Participants {
			if (p.NetworkMemberID > 0) == (p.MemberID > 0) {
				t.Fatalf("participant %+v accepted", p)
			}
		}
	})
}

func FuzzDecodeMeetingReport(f *testing.F) {
	for _, seed := range []string{
		"minutes=x&decisions=a%0Ab&action_1_title=t&action_1_owner=casemanager:1&action_1_due=2026-01-01",
		"minutes=&action_2_owner=family&action_3_title=%ff&action_3_owner=network:-1",
		"decisions=" + strings.Repeat("a%0A", 40),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		r, errs := DecodeMeetingReport(v)
		checkText(t, errs, "minutes", r.Minutes, care.MaxText)
		if !errs.Has("decisions") {
			if len(r.Decisions) > care.MaxDecisions {
				t.Fatalf("%d decisions accepted", len(r.Decisions))
			}
			for _, d := range r.Decisions {
				if d == "" || d != strings.TrimSpace(d) {
					t.Fatalf("decision %q accepted", d)
				}
			}
		}
		if len(r.Actions) > MeetingActionRows {
			t.Fatalf("%d actions", len(r.Actions))
		}
		for _, a := range r.Actions {
			owner := "action_" + string(rune('0'+a.Row)) + "_owner"
			if !errs.Has(owner) && a.Owner.IsZero() {
				t.Fatalf("action %+v without owner accepted", a)
			}
		}
	})
}
