package care_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/care"
)

func TestParsePhone(t *testing.T) {
	for _, tt := range []struct {
		in, want, tel string
		ok            bool
	}{
		{"030 123 45 67", "030 123 45 67", "0301234567", true},
		{"  06-12345678 ", "06-12345678", "0612345678", true},
		{"088  123\t4567", "088 123 4567", "0881234567", true},
		{"(030) 123 45 67", "(030) 123 45 67", "0301234567", true},
		{"+31 30 123 45 67", "+31 30 123 45 67", "+31301234567", true},
		{"0800 1234", "0800 1234", "08001234", true},
		{"", "", "", true},
		{"030 123 45 6", "", "", false},        // nine digits
		{"030 123 45 678", "", "", false},      // eleven
		{"0031 30 123 45 67", "", "", false},   // write +31
		{"30 123 45 67", "", "", false},        // no leading 0
		{"+0 12345678", "", "", false},         // no country code
		{"+31 6 1234", "", "", false},          // too short
		{"030-KCT-LIJN", "", "", false},        // letters
		{"030 123 45 67 of 06", "", "", false}, // two numbers
		{"((030)) 1234567", "", "", false},
		{"030) 123 45 67", "", "", false},
		{"+31 +30 1234567", "", "", false},
		{strings.Repeat("0", 41), "", "", false},
	} {
		got, err := care.ParsePhone(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePhone(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
			continue
		}
		if err != nil && care.ErrorMessage(err) != "phone.invalid" {
			t.Errorf("ParsePhone(%q): message %q", tt.in, care.ErrorMessage(err))
		}
		if tel := (care.Reachability{WorkPhone: got}).Tel(); tel != tt.tel {
			t.Errorf("Tel of %q = %q, want %q", got, tel, tt.tel)
		}
	}
}

func TestParseReachability(t *testing.T) {
	r, fe := care.ParseReachability(" 030 123 45 67 ", " ma–do 9–17 uur ", " Karin Smit, 030 765 43 21 ")
	if fe != nil || r != (care.Reachability{WorkPhone: "030 123 45 67", Hours: "ma–do 9–17 uur", StandIn: "Karin Smit, 030 765 43 21"}) {
		t.Errorf("ParseReachability = %+v, %v", r, fe)
	}
	r, fe = care.ParseReachability("bel mij", "ma", strings.Repeat("x", care.MaxReachabilityText+1))
	if fe["work_phone"] != "phone.invalid" || fe["stand_in"] != "field.too_long" || fe.Has("work_hours") {
		t.Errorf("field errors %v", fe)
	}
	if r.WorkPhone != "bel mij" || r.Hours != "ma" {
		t.Errorf("what was typed is not kept: %+v", r)
	}
	if _, fe := care.ParseReachability("", "", ""); fe != nil {
		t.Errorf("an empty form: %v, want nothing wrong", fe)
	}
}

// FuzzParsePhone: whatever is typed, an accepted number is tidy, short,
// has only the characters allowed, parses to itself again, and its tel:
// form holds only digits after an optional +.
func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{"030 123 45 67", "+31 6 12345678", "(030) 1234567", "0800-1234", "06..12345678", "+", "()", "\x00", "٠٦١٢٣٤٥٦٧٨"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := care.ParsePhone(s)
		if err != nil {
			if got != "" || care.ErrorCode(err) != care.Invalid {
				t.Fatalf("ParsePhone(%q) = %q, %v", s, got, err)
			}
			return
		}
		if len(got) > 40 || !utf8.ValidString(got) || strings.TrimSpace(got) != got || strings.Contains(got, "  ") {
			t.Fatalf("ParsePhone(%q) = %q: not tidy", s, got)
		}
		if strings.Trim(got, "0123456789+-.() ") != "" {
			t.Fatalf("ParsePhone(%q) = %q: other characters", s, got)
		}
		if again, err := care.ParsePhone(got); err != nil || again != got {
			t.Fatalf("ParsePhone(%q) = %q, %v; want it unchanged", got, again, err)
		}
		tel := care.Reachability{WorkPhone: got}.Tel()
		if got != "" && (len(tel) < 8 || strings.Trim(strings.TrimPrefix(tel, "+"), "0123456789") != "") {
			t.Fatalf("Tel of %q = %q", got, tel)
		}
	})
}
