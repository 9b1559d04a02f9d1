package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// intake is a complete, valid intake form for a child born on birth.
func intake(name, birth string) url.Values {
	return url.Values{
		"child_name": {name}, "birth_date": {birth}, "sex": {"female"}, "bsn": {""},
		"diagnosis": {"Spinale musculaire atrofie"}, "icd10": {"G12.0"},
		"living_situation": {"Woont met ouders en broer"}, "culture_notes": {""}, "summary": {"Stabiel"},
		"referral_date": {birth}, "referred_by": {"Kinderarts"}, "reason": {"Veel zorgverleners"},
		"factor_wish": {"1"}, "factor_complexity": {"1"}, "surprise_question": {"no"}, "status": {"accepted"},
		"kind": {"kct"}, "intensity": {"regular"}, "next_contact": {""},
	}
}

// with returns a copy of v with the given name/value pairs set.
func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

// mustStatus fails the test when the page has another status.
func mustStatus(t *testing.T, p *page, want int, what string) {
	t.Helper()
	if p.StatusCode != want {
		t.Fatalf("%s: status %d, want %d", what, p.StatusCode, want)
	}
}

// redirectsTo checks a 303 to the given location.
func redirectsTo(t *testing.T, p *page, want, what string) {
	t.Helper()
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != want {
		t.Fatalf("%s: status %d to %q, want 303 to %q", what, p.StatusCode, p.Header.Get("Location"), want)
	}
}

func familyPath(id int64, rest string) string { return "/families/" + itoa(id) + rest }
