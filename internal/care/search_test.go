package care

import "testing"

func TestNameMatches(t *testing.T) {
	for _, tc := range []struct {
		query, name string
		want        bool
	}{
		{"", "Sam de Vries", true},
		{"vries", "Sam de Vries", true},
		{"de vr", "Sam de Vries", true},
		{"SAM", "Sam de Vries", true},
		{"zoe", "Zoë Bakker", true},
		{"Zoë", "Zoe Bakker", true},
		{"vreis", "Sam de Vries", true},       // two letters swapped
		{"vris", "Sam de Vries", true},        // one missing
		{"vriess", "Sam de Vries", true},      // one extra
		{"vrios", "Sam de Vries", true},       // one wrong
		{"sam vreis", "Sam de Vries", true},   // every word, each with its typo
		{"sam jansen", "Sam de Vries", false}, // one word found, one not
		{"vrxxs", "Sam de Vries", false},      // two typos in a short word
		{"sem", "Sam de Vries", false},        // a word of three letters allows none
		{"hermanns", "Daan Hermans", true},
		{"hremasn", "Daan Hermans", false}, // three typos
		{"wierenga", "Femke Wierenga", true},
		{"wieernga", "Femke Wierenga", true},
		{"wirenag", "Femke Wierenga", false},  // two typos in a word of seven letters
		{"wiernegaa", "Femke Wierenga", true}, // two in a word of nine: swapped and extra
		{"!!", "Sam de Vries", false},
	} {
		if got := NameMatches(tc.query, tc.name); got != tc.want {
			t.Errorf("NameMatches(%q, %q) = %v, want %v", tc.query, tc.name, got, tc.want)
		}
	}
}

func FuzzNameMatches(f *testing.F) {
	f.Add("vreis", "Sam de Vries")
	f.Add("Zoë", "zoe")
	f.Fuzz(func(t *testing.T, q, name string) {
		// A name finds itself, and a search that finds a name finds it
		// in a longer name too.
		if NameMatches(q, name) && !NameMatches(q, name+" Jansen") {
			t.Errorf("%q finds %q but not %q", q, name, name+" Jansen")
		}
		if len(nameWords(fold(name))) > 0 && !NameMatches(name, name) {
			t.Errorf("a name does not find itself: %q", name)
		}
	})
}
