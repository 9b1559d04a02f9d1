package api

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// FuzzFHIRSearch checks the parser of FHIR search queries on any input: it
// never panics, refuses with a fhirBadParam or errFHIRNotSearchable only,
// and what it accepts names a family and only known parameters, each
// token with a code or a system.
func FuzzFHIRSearch(f *testing.F) {
	for _, seed := range []struct{ typ, q string }{
		{"Consent", "patient=Patient/child-12&scope=http://terminology.hl7.org/CodeSystem/consentscope|treatment"},
		{"Observation", "patient=child-3&code=a,b|c,|d"},
		{"Goal", "patient=https://spil.example/fhir/R4/Patient/child-9"},
		{"Goal", "patient=child-0"},
		{"Goal", "patient=child-99999999999999999999"},
		{"Task", "_sort=date&patient=child-1"},
		{"Patient", "identifier=http://fhir.nl/fhir/NamingSystem/bsn|111222333"},
		{"Consent", "patient=child-1&category=|"},
		{"Encounter", "%zz"},
		{"Condition", ""},
	} {
		f.Add(seed.typ, seed.q)
	}
	f.Fuzz(func(t *testing.T, typ, q string) {
		s, err := parseFHIRSearch(typ, q)
		if err != nil {
			var bad *fhirBadParam
			if !errors.Is(err, errFHIRNotSearchable) && !errors.As(err, &bad) {
				t.Fatalf("%q %q: error of another kind: %v", typ, q, err)
			}
			if errors.As(err, &bad) && bad.Message == "" {
				t.Fatalf("%q %q: refused without a message", typ, q)
			}
			return
		}
		if typ == "Patient" {
			vals, _ := url.ParseQuery(q)
			if s.BSN == "" || s.Family != 0 || vals.Get("identifier") != fhirBSNSystem+"|"+s.BSN || len(vals) != 1 {
				t.Fatalf("%q %q: accepted %+v", typ, q, s)
			}
			return
		}
		known, ok := fhirSearchParams[typ]
		if !ok {
			t.Fatalf("%q %q: accepted a search on a type without searches", typ, q)
		}
		if s.Family <= 0 || s.Type != typ {
			t.Fatalf("%q %q: accepted %+v", typ, q, s)
		}
		vals, _ := url.ParseQuery(q)
		if !strings.HasSuffix(vals.Get("patient"), "child-"+strconv.FormatInt(s.Family, 10)) {
			t.Fatalf("%q %q: family %d is not the patient's", typ, q, s.Family)
		}
		for name, toks := range s.Tokens {
			found := false
			for _, k := range known {
				found = found || k == name
			}
			if !found || len(toks) == 0 {
				t.Fatalf("%q %q: accepted parameter %q with %v", typ, q, name, toks)
			}
			for _, tok := range toks {
				if tok.Code == "" && tok.System == "" {
					t.Fatalf("%q %q: empty token for %q", typ, q, name)
				}
			}
		}
	})
}

// TestFHIRSearchParser checks what the parser accepts and refuses.
func TestFHIRSearchParser(t *testing.T) {
	for _, c := range []struct {
		typ, q string
		fam    int64
		param  string // the parameter a refusal names
	}{
		{"Goal", "patient=Patient/child-7", 7, ""},
		{"Goal", "patient=http://x/fhir/R4/Patient/child-7", 7, ""},
		{"Consent", "patient=child-7&scope=s|c&category=c", 7, ""},
		{"Goal", "patient=child-07", 0, "patient"},
		{"Goal", "patient=member-7", 0, "patient"},
		{"Goal", "", 0, "patient"},
		{"Goal", "patient=child-7&code=x", 0, "code"},
		{"Observation", "patient=child-7&code=", 0, "code"},
		{"Observation", "patient=child-7&code=|", 0, "code"},
		{"Observation", "patient=child-7&patient=child-8", 0, "patient"},
	} {
		s, err := parseFHIRSearch(c.typ, c.q)
		var bad *fhirBadParam
		switch {
		case c.fam != 0 && (err != nil || s.Family != c.fam):
			t.Errorf("%s?%s: %+v, %v; want family %d", c.typ, c.q, s, err, c.fam)
		case c.fam == 0 && (!errors.As(err, &bad) || bad.Param != c.param):
			t.Errorf("%s?%s: %v; want a refusal of %q", c.typ, c.q, err, c.param)
		}
	}
	for _, q := range []string{"identifier=x", "identifier=http://fhir.nl/fhir/NamingSystem/bsn|", "patient=child-1", ""} {
		var bad *fhirBadParam
		if _, err := parseFHIRSearch("Patient", q); !errors.As(err, &bad) || bad.Param == "" {
			t.Errorf("Patient?%s: %v, want a refusal naming the parameter", q, err)
		}
	}
	if s, err := parseFHIRSearch("Patient", "identifier=http://fhir.nl/fhir/NamingSystem/bsn|111222333"); err != nil || s.BSN != "111222333" {
		t.Errorf("Patient by BSN: %+v, %v", s, err)
	}
	if _, err := parseFHIRSearch("Medication", "patient=child-1"); !errors.Is(err, errFHIRNotSearchable) {
		t.Errorf("Medication search: %v", err)
	}
}
