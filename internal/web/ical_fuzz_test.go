package web

import (
	"strings"
	"testing"
)

// FuzzFeedToken: the token taken from a feed's path is either "" or 52
// characters of base32 that, with ".ics", make up the whole name.
func FuzzFeedToken(f *testing.F) {
	for _, s := range []string{"", ".ics", "x.ics", strings.Repeat("A", 52) + ".ics", strings.Repeat("A", 52),
		strings.Repeat("a", 52) + ".ics", strings.Repeat("7", 52) + ".ics.ics", strings.Repeat("A", 51) + "=.ics", "../../etc/passwd.ics"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		token := feedToken(name)
		if token == "" {
			return
		}
		if len(token) != feedTokenLen || token+".ics" != name {
			t.Fatalf("feedToken(%q) = %q", name, token)
		}
		for _, c := range token {
			if !strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", c) {
				t.Fatalf("feedToken(%q) = %q holds %q", name, token, c)
			}
		}
	})
}

// TestFeedToken: a token made like the service makes it is taken; the
// same in lower case, without ".ics" or a character short is not.
func TestFeedToken(t *testing.T) {
	good := strings.Repeat("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2)
	good = good[:50] + "27"
	cases := map[string]string{
		good + ".ics":                  good,
		good:                           "",
		strings.ToLower(good) + ".ics": "",
		good[1:] + ".ics":              "",
		good + "A.ics":                 "",
		good + ".ICS":                  "",
	}
	for in, want := range cases {
		if got := feedToken(in); got != want {
			t.Errorf("feedToken(%q) = %q, want %q", in, got, want)
		}
	}
}
