package care

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fold lowers s and takes off its accents, so "Zoë" and "zoe" are one word.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// nameWords splits a folded name into its words.
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// NameMatches reports whether a search finds a name: the name holds the
// search as it was typed (ignoring case and accents), or each word of the
// search is the start of a word of the name or a typo away from one. A
// typo is one letter wrong, missing, extra or swapped with the next, in a
// word of four letters or more; two in a word of eight or more.
func NameMatches(query, name string) bool {
	q, n := fold(strings.TrimSpace(query)), fold(name)
	if q == "" || strings.Contains(n, q) {
		return true
	}
	words := nameWords(n)
	for _, qw := range nameWords(q) {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, qw) || typoAway(qw, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return len(nameWords(q)) > 0
}

// typoAway reports whether word a is within the typos its length allows of b.
func typoAway(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	allowed := 0
	switch {
	case len(ra) >= 8:
		allowed = 2
	case len(ra) >= 4:
		allowed = 1
	}
	if allowed == 0 || abs(len(ra)-len(rb)) > allowed {
		return false
	}
	return editDistance(ra, rb) <= allowed
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each count one.
func editDistance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
