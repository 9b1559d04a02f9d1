package api

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// FuzzParseIdempotencyKey: any header values give a key of 1 to 255
// printable ASCII characters, exactly as sent, or no key, or a 400 that
// names the header.
func FuzzParseIdempotencyKey(f *testing.F) {
	for _, seed := range []string{"", "8e03978e-40d5-43e8-bc93-6894a57f9324", `"quoted"`, "a b", "é", "tab\t", "\x7f",
		strings.Repeat("k", 255), strings.Repeat("k", 256), "a\x00b"} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	f.Fuzz(func(t *testing.T, v string, twice bool) {
		values := []string{v}
		if twice {
			values = append(values, v)
		}
		key, ok, err := parseIdempotencyKey(values)
		if err != nil {
			var ae *apiError
			if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest || !strings.Contains(ae.Message, "Idempotency-Key") {
				t.Fatalf("%q: %v, want a 400 about the header", values, err)
			}
			if ok || key != "" {
				t.Fatalf("%q: a key %q with an error", values, key)
			}
			return
		}
		if !ok || twice || key != v || len(key) < 1 || len(key) > maxIdempotencyKey {
			t.Fatalf("%q: key %q, ok %v", values, key, ok)
		}
		for i := 0; i < len(key); i++ {
			if key[i] < 0x20 || key[i] > 0x7e {
				t.Fatalf("%q: key with byte %#x", values, key[i])
			}
		}
	})
}

func TestParseIdempotencyKeyNone(t *testing.T) {
	if key, ok, err := parseIdempotencyKey(nil); key != "" || ok || err != nil {
		t.Errorf("no header: %q, %v, %v", key, ok, err)
	}
}
