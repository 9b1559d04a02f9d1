package care_test

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// TestSignalsDocListsEveryRule: docs/signals.md has one line per rule,
// in the order of the code, and no rule the code lacks.
func TestSignalsDocListsEveryRule(t *testing.T) {
	b, err := os.ReadFile("../../docs/signals.md")
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^- `([a-z0-9_]+)` \\| [^|]+ \\| [^|]+ \\| .+$").FindAllSubmatch(b, -1) {
		documented = append(documented, string(m[1]))
	}
	if code := care.SignalCodes(); !slices.Equal(documented, code) {
		t.Errorf("docs/signals.md lists %v,\nthe code has %v", documented, code)
	}
}
