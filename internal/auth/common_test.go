package auth

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsCommonPassword(t *testing.T) {
	tests := []struct {
		pw   string
		want bool
	}{
		{"password1234", true},
		{"123456789012", true},
		{"qwertyuiop12", true},
		{"1q2w3e4r5t6y", true},
		{"wachtwoord12", true},
		{"passwordpassword", true},
		{"PASSWORD1234", true},
		{"QwertyUiop12", true},
		{"  password1234  ", true},
		{"\tqwertyuiop12\n", true},
		{"pass word1234", false},
		{"paarse-giraf-fietst-langs-de-Waal-7", false},
		{"kWv9#tRz!pL2@mXq", false},
		{"", false},
		{"   ", false},
		{"# Common passwords that are at least 12 characters long.", false},
	}
	for _, tt := range tests {
		if got := IsCommonPassword(tt.pw); got != tt.want {
			t.Errorf("IsCommonPassword(%q) = %v, want %v", tt.pw, got, tt.want)
		}
	}
}

func TestCommonPasswordsFile(t *testing.T) {
	var prev string
	n := 0
	for i, line := range strings.Split(strings.TrimSuffix(commonPasswordsFile, "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		n++
		if c := utf8.RuneCountInString(line); c < MinPasswordLen {
			t.Errorf("line %d: %q has %d characters, want at least %d", i+1, line, c, MinPasswordLen)
		}
		if line != strings.ToLower(strings.TrimSpace(line)) {
			t.Errorf("line %d: %q is not trimmed and lowercase", i+1, line)
		}
		if line <= prev {
			t.Errorf("line %d: %q is not sorted after %q or a duplicate", i+1, line, prev)
		}
		prev = line
	}
	if n < 3000 {
		t.Errorf("list holds %d passwords, want at least 3000", n)
	}
	if got := len(commonPasswords()); got != n {
		t.Errorf("set holds %d passwords, file %d", got, n)
	}
}
