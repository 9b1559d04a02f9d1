package report

import "strings"

// chapters are the chapters of ICD-10 (WHO 2019), each with the first and
// last three-character category it holds ("A00"–"B99"). Chapter letters
// and numbers compare as strings because every category is one letter
// and two digits.
var chapters = []struct {
	Chapter     string
	First, Last string
}{
	{"I", "A00", "B99"}, {"II", "C00", "D48"}, {"III", "D50", "D89"}, {"IV", "E00", "E90"},
	{"V", "F00", "F99"}, {"VI", "G00", "G99"}, {"VII", "H00", "H59"}, {"VIII", "H60", "H95"},
	{"IX", "I00", "I99"}, {"X", "J00", "J99"}, {"XI", "K00", "K93"}, {"XII", "L00", "L99"},
	{"XIII", "M00", "M99"}, {"XIV", "N00", "N99"}, {"XV", "O00", "O99"}, {"XVI", "P00", "P96"},
	{"XVII", "Q00", "Q99"}, {"XVIII", "R00", "R99"}, {"XIX", "S00", "T98"}, {"XX", "V01", "Y98"},
	{"XXI", "Z00", "Z99"}, {"XXII", "U00", "U99"},
}

// Chapters lists the chapter numerals in order, then NoDiagnosis and
// UnknownCode: the keys of the diagnosis groups.
var Chapters = func() []string {
	out := make([]string, 0, len(chapters)+2)
	for _, c := range chapters {
		out = append(out, c.Chapter)
	}
	return append(out, NoDiagnosis, UnknownCode)
}()

// The diagnosis groups that are no chapter.
const (
	NoDiagnosis = "none"    // no ICD-10 code recorded (no diagnosis yet)
	UnknownCode = "unknown" // a code that is no ICD-10 category
)

// Chapter returns the ICD-10 chapter (a Roman numeral) of a code such as
// "G12.1" or "g121": its letter and first two digits name the category.
// An empty code is NoDiagnosis; anything that is no category, UnknownCode.
func Chapter(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return NoDiagnosis
	}
	if len(code) < 3 || code[0] < 'A' || code[0] > 'Z' || !isDigit(code[1]) || !isDigit(code[2]) {
		return UnknownCode
	}
	cat := code[:3]
	for _, c := range chapters {
		if cat >= c.First && cat <= c.Last {
			return c.Chapter
		}
	}
	return UnknownCode
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
