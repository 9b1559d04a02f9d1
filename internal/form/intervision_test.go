package form

import (
	"net/url"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func TestParseHours(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"2", 120, true}, {"1,5", 90, true}, {"1.5", 90, true}, {" 0,25 ", 15, true}, {",5", 30, true}, {"24", 1440, true},
		{"1,333", 0, false}, {"24,5", 0, false}, {"25", 0, false}, {"-1", 0, false}, {"1e1", 0, false}, {"", 0, false},
		{",", 0, false}, {"1,5,5", 0, false}, {"een", 0, false}, {"+1", 0, false}, {"100", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseHours(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseHours(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for m, want := range map[int]string{90: "1,5", 120: "2", 15: "0,25", 100: "1,67"} {
		if got := FormatMinutes(m); got != want {
			t.Errorf("FormatMinutes(%d) = %q, want %q", m, got, want)
		}
	}
}

func TestDecodeIntervision(t *testing.T) {
	x, errs := DecodeIntervision(url.Values{"held_on": {"2026-11-20"}, "kind": {"intervision"}, "direction": {"received"},
		"hours": {"1,5"}, "topic": {" Rouw bij broers en zussen "}})
	want := care.IntervisionSession{HeldOn: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Kind: "intervision", Direction: "received",
		Minutes: 90, Topic: "Rouw bij broers en zussen"}
	if len(errs) != 0 || x != want {
		t.Errorf("DecodeIntervision = %+v, %v; want %+v", x, errs, want)
	}
	_, errs = DecodeIntervision(url.Values{"held_on": {"20-11-2026"}, "kind": {"koffie"}, "hours": {"anderhalf"}})
	for field, key := range map[string]string{"held_on": "date.invalid", "kind": "field.choose", "direction": "field.required", "hours": "account.intervision.hours_invalid"} {
		if errs[field] != key {
			t.Errorf("%s: %q, want %q", field, errs[field], key)
		}
	}
	if _, errs = DecodeIntervision(url.Values{}); errs["held_on"] != "field.required" || errs["hours"] != "field.required" {
		t.Errorf("an empty form: %v", errs)
	}
}

// FuzzDecodeIntervision: whatever is posted, the decoder either names the
// fields it cannot read or gives a session whose choices are from the
// lists and whose length is what the hours say.
func FuzzDecodeIntervision(f *testing.F) {
	f.Add("2026-11-20", "intervision", "received", "1,5", "Moreel beraad")
	f.Add("2026-02-30", "training", "given", "24,01", "")
	f.Add("", "koffie", "", ",", "\x00")
	f.Fuzz(func(t *testing.T, held, kind, dir, hours, topic string) {
		x, errs := DecodeIntervision(url.Values{"held_on": {held}, "kind": {kind}, "direction": {dir}, "hours": {hours}, "topic": {topic}})
		if !errs.Has("kind") && kind != x.Kind {
			t.Fatalf("kind %q read as %q", kind, x.Kind)
		}
		if !errs.Has("hours") && (x.Minutes < 0 || x.Minutes > care.MaxIntervisionMinutes) {
			t.Fatalf("hours %q read as %d minutes", hours, x.Minutes)
		}
		if errs.Has("hours") && x.Minutes != 0 {
			t.Fatalf("hours %q refused but kept as %d minutes", hours, x.Minutes)
		}
		if len(errs) == 0 {
			if err := x.Validate(time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)); err != nil {
				if _, ok := err.(care.FieldErrors); !ok {
					t.Fatalf("Validate: %v", err)
				}
			}
		}
	})
}
