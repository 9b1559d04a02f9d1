package care_test

import (
	"strconv"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

func TestParseDigestHour(t *testing.T) {
	for in, want := range map[string]int{"0": 0, "7": 7, "07": 7, " 16 ": 16, "23": 23, "7:00": 7, "07.00": 7} {
		if got, ok := care.ParseDigestHour(in); !ok || got != want {
			t.Errorf("ParseDigestHour(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "24", "-1", "+7", "7:30", "007", "zeven", "1e1", ":00", "0x7"} {
		if got, ok := care.ParseDigestHour(in); ok {
			t.Errorf("ParseDigestHour(%q) = %d, accepted", in, got)
		}
	}
}

// FuzzParseDigestHour: whatever is posted, an accepted hour is a whole
// hour of the day, and reads back from its own digits.
func FuzzParseDigestHour(f *testing.F) {
	for _, s := range []string{"7", "07", "23", "24", "-1", "7:00", "", " 8 ", "+1", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, ok := care.ParseDigestHour(s)
		if !ok {
			return
		}
		if h < 0 || h > 23 {
			t.Fatalf("%q read as hour %d", s, h)
		}
		if again, ok := care.ParseDigestHour(strconv.Itoa(h)); !ok || again != h {
			t.Fatalf("hour %d does not read back", h)
		}
	})
}
