package auth

import (
	_ "embed"
	"strings"
	"sync"
)

// commonPasswordsFile lists common passwords, lowercased, one per line; lines
// starting with '#' are comments. Its header says where the list came from
// and how it was filtered.
//
//go:embed common_passwords.txt
var commonPasswordsFile string

// commonPasswords is the set of entries of commonPasswordsFile, built on first
// use. Its keys are substrings of the embedded file, so they cost no copies.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, strings.Count(commonPasswordsFile, "\n"))
	for line := range strings.Lines(commonPasswordsFile) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set[line] = struct{}{}
	}
	return set
})

// IsCommonPassword reports whether pw (compared case-insensitively, after
// trimming surrounding spaces) is on the embedded list of common passwords.
func IsCommonPassword(pw string) bool {
	_, ok := commonPasswords()[strings.ToLower(strings.TrimSpace(pw))]
	return ok
}
