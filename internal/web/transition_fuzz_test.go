package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// FuzzDecodeTransition: whatever is posted, the kept steps are known
// steps, each once, in the checklist's order; an owner that cannot be
// read is an error at its field, never a silent owner.
func FuzzDecodeTransition(f *testing.F) {
	for _, seed := range []string{
		"coverage_take=1&coverage_title=Wlz&coverage_owner=casemanager%3A3&coverage_due_date=2027-01-01",
		"doctor_take=1&doctor_owner=network%3Aabc&doctor_due_date=2027-13-01",
		"icu_take=1&icu_take=1&bogus_take=1&insurance_owner=family",
		"representation_take=0&daytime_take=1&daytime_owner=%00&daytime_due_date=0001-01-01",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		steps, rows, errs := decodeTransition(v)
		if len(rows) != len(care.TransitionSteps) {
			t.Fatalf("%d rows", len(rows))
		}
		last := -1
		for _, s := range steps {
			i := slices.Index(care.TransitionSteps, s.Step)
			if i <= last {
				t.Fatalf("step %q out of order or unknown", s.Step)
			}
			last = i
			if raw := v.Get(s.Step + "_owner"); raw != "" && s.Owner.IsZero() && errs[s.Step+"_owner"] == "" {
				t.Fatalf("owner %q dropped without an error", raw)
			}
			if s.Owner.Kind != "" && s.Owner.String() != strings.TrimSpace(v.Get(s.Step+"_owner")) && errs[s.Step+"_owner"] == "" {
				t.Fatalf("owner %q read as %q", v.Get(s.Step+"_owner"), s.Owner)
			}
		}
	})
}
