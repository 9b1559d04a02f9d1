package api

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/fhir"
)

// fhirSearch is a parsed search: the family whose child the search is
// about and the token filters, each a list of alternatives (a comma in
// the parameter's value).
type fhirSearch struct {
	Type   string
	Family int64
	Tokens map[string][]fhirToken
	// BSN is the child's BSN of a Patient search by identifier; Family
	// is 0 then.
	BSN string
}

// fhirBSNSystem is the naming system of the BSN.
const fhirBSNSystem = "http://fhir.nl/fhir/NamingSystem/bsn"

// fhirToken is a FHIR token: system|code, code alone (any system), system|
// (any code of the system) or |code (a code without a system).
type fhirToken struct {
	System    string
	Code      string
	AnySystem bool
}

// fhirSearchParams are the search parameters of each searchable resource
// type besides patient; every type needs patient.
var fhirSearchParams = map[string][]string{
	"Consent":       {"scope", "category"},
	"Observation":   {"code"},
	"Goal":          nil,
	"CarePlan":      nil,
	"CareTeam":      nil,
	"Task":          nil,
	"Encounter":     nil,
	"Condition":     nil,
	"RelatedPerson": nil,
}

// errFHIRNotSearchable is a search on a type that has none.
var errFHIRNotSearchable = errors.New("resources of this type cannot be searched")

// fhirBadParam is a search that is refused, naming the parameter.
type fhirBadParam struct {
	Param   string
	Message string
}

func (e *fhirBadParam) Error() string { return e.Param + ": " + e.Message }

// parseFHIRSearch parses the query of a search on typ. Every parameter
// must be known for typ and given once; patient is required, except for a
// Patient search, which needs the identifier (a BSN).
func parseFHIRSearch(typ, rawQuery string) (*fhirSearch, error) {
	known, ok := fhirSearchParams[typ]
	if !ok && typ != "Patient" {
		return nil, errFHIRNotSearchable
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, &fhirBadParam{"", "the query string is not valid"}
	}
	if typ == "Patient" {
		return parseFHIRPatientSearch(q)
	}
	s := &fhirSearch{Type: typ, Tokens: map[string][]fhirToken{}}
	for name, values := range q {
		if name != "patient" && !slices.Contains(known, name) {
			return nil, &fhirBadParam{name, "unknown search parameter " + strconv.Quote(name) + " for " + typ}
		}
		if len(values) != 1 {
			return nil, &fhirBadParam{name, "give search parameter " + strconv.Quote(name) + " once"}
		}
		v := values[0]
		if name == "patient" {
			fam, ok := fhirPatientFamily(v)
			if !ok {
				return nil, &fhirBadParam{name, "patient must be a reference to a Patient of Spil: Patient/child-<number>"}
			}
			s.Family = fam
			continue
		}
		for alt := range strings.SplitSeq(v, ",") {
			tok, ok := parseFHIRToken(alt)
			if !ok {
				return nil, &fhirBadParam{name, "search parameter " + strconv.Quote(name) + " must be a token: system|code or code"}
			}
			s.Tokens[name] = append(s.Tokens[name], tok)
		}
	}
	if s.Family == 0 {
		return nil, &fhirBadParam{"patient", "a search needs the patient parameter"}
	}
	return s, nil
}

// parseFHIRPatientSearch parses a Patient search: identifier, a BSN in
// its naming system, and nothing else.
func parseFHIRPatientSearch(q url.Values) (*fhirSearch, error) {
	for name, values := range q {
		if name != "identifier" {
			return nil, &fhirBadParam{name, "unknown search parameter " + strconv.Quote(name) + " for Patient"}
		}
		if len(values) != 1 {
			return nil, &fhirBadParam{name, "give search parameter " + strconv.Quote(name) + " once"}
		}
	}
	sys, bsn, ok := strings.Cut(q.Get("identifier"), "|")
	if !ok || sys != fhirBSNSystem || bsn == "" || strings.Contains(bsn, ",") {
		return nil, &fhirBadParam{"identifier", "a Patient search needs identifier=" + fhirBSNSystem + "|<BSN>"}
	}
	return &fhirSearch{Type: "Patient", BSN: bsn, Tokens: map[string][]fhirToken{}}, nil
}

// parseFHIRToken parses one token; an empty one, or one without a code and
// a system, is invalid.
func parseFHIRToken(v string) (fhirToken, bool) {
	sys, code, bar := strings.Cut(v, "|")
	if !bar {
		return fhirToken{Code: v, AnySystem: true}, v != ""
	}
	return fhirToken{System: sys, Code: code}, sys != "" || code != ""
}

// matches reports whether a concept holds a coding the token names.
func (t fhirToken) matches(c fhir.CodeableConcept) bool {
	for _, cd := range c.Coding {
		if (t.AnySystem || cd.System == t.System) && (t.Code == "" || cd.Code == t.Code) {
			return true
		}
	}
	return false
}

// fhirPatientFamily takes the family id out of a patient reference:
// child-<id>, Patient/child-<id> or an absolute URL ending in it.
func fhirPatientFamily(ref string) (int64, bool) {
	if i := strings.LastIndex(ref, "Patient/"); i >= 0 {
		ref = ref[i+len("Patient/"):]
	}
	return fhirFamilyIn(ref, "child-", true)
}

// fhirFamilyIn parses the family id after prefix in id: all of the rest
// when whole, else up to the next "-".
func fhirFamilyIn(id, prefix string, whole bool) (int64, bool) {
	rest, ok := strings.CutPrefix(id, prefix)
	if !ok {
		return 0, false
	}
	num := rest
	if !whole {
		var more bool
		num, _, more = strings.Cut(rest, "-")
		if !more {
			return 0, false
		}
	}
	if num == "" || num[0] == '0' || len(num) > 18 {
		return 0, false
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

// fhirFamilyIDs are the prefixes of the resource ids the export writes
// (see internal/fhir), each with whether the family's id is all that
// follows it; otherwise the family's id comes first, then "-" and more.
// Every resource's id names its family this way.
var fhirFamilyIDs = []struct {
	prefix string
	whole  bool
}{
	{"child-", true}, {"team-", true}, {"episode-", true}, {"izp-", true},
	{"place-of-death-", true}, {"care-wishes-", true}, {"other-info-", true},
	{"goal-", false}, {"problem-", false}, {"dx-", false}, {"directive-", false},
	{"acp-encounter-", false}, {"acp-", false},
	{"org-", false}, {"member-", false}, {"nm-org-", false}, {"nm-", false}, {"cm-", false},
	{"task-", false}, {"contact-", false}, {"consent-", false},
	{"stay-", false}, {"transfer-", false}, {"meeting-", false}, {"minutes-", false},
	{"coverage-", false}, {"document-", false}, {"binary-", false}, {"aid-", false},
	{"plan-version-", false}, {"note-", false}, {"message-", false},
}

// fhirIDFamily returns the family a resource id belongs to, when the id
// says.
func fhirIDFamily(id string) (int64, bool) {
	for _, p := range fhirFamilyIDs {
		if fam, ok := fhirFamilyIn(id, p.prefix, p.whole); ok {
			return fam, true
		}
	}
	return 0, false
}

// filter returns the resources of b that the search matches: those of its
// type (every resource of the file belongs to the child's file) whose
// coded elements match every token parameter.
func (s *fhirSearch) filter(b fhir.Bundle) fhir.Bundle {
	out := fhir.Bundle{ResourceType: "Bundle", Type: b.Type}
	for _, e := range b.Entry {
		if e.Resource.Header().ResourceType != s.Type || !s.matches(e.Resource) {
			continue
		}
		out.Entry = append(out.Entry, e)
	}
	return out
}

func (s *fhirSearch) matches(r fhir.Resource) bool {
	for name, alts := range s.Tokens {
		var concepts []fhir.CodeableConcept
		switch v := r.(type) {
		case *fhir.Consent:
			switch name {
			case "scope":
				concepts = []fhir.CodeableConcept{v.Scope}
			case "category":
				concepts = v.Category
			}
		case *fhir.Observation:
			if name == "code" {
				concepts = []fhir.CodeableConcept{v.Code}
			}
		}
		if !anyToken(alts, concepts) {
			return false
		}
	}
	return true
}

func anyToken(alts []fhirToken, concepts []fhir.CodeableConcept) bool {
	for _, t := range alts {
		for _, c := range concepts {
			if t.matches(c) {
				return true
			}
		}
	}
	return false
}
