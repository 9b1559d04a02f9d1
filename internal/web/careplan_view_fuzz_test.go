package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/care"
)

func FuzzDecodeProposal(f *testing.F) {
	for _, seed := range []string{
		"section=wishes&body=Thuis+blijven",
		"section=physical&body=",
		"section=school&body=x",
		"section=&body=%20%20",
		"section=spiritual&body=" + strings.Repeat("é", 4001),
		"section=social&body=%00",
		"section=social&body=%ff%fe",
		"section=wishes&section=acp&body=x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		p, errs := decodeProposal(v)
		if !errs.Has("section") && !slices.Contains(care.ProposalSections, p.Section) {
			t.Fatalf("section %q accepted", p.Section)
		}
		if !errs.Has("body") {
			if strings.TrimSpace(p.Body) == "" || !utf8.ValidString(p.Body) || strings.ContainsRune(p.Body, 0) ||
				utf8.RuneCountInString(p.Body) > care.MaxText {
				t.Fatalf("body %q accepted", p.Body)
			}
		}
		if len(errs) == 0 {
			if err := p.Validate(); err != nil {
				t.Fatalf("decoded proposal fails validation: %v", err)
			}
		}
	})
}

func FuzzDecodeAnswer(f *testing.F) {
	for _, seed := range []string{
		"decision=accept&answer=",
		"decision=accept&answer=Mooi",
		"decision=decline&answer=",
		"decision=decline&answer=%20",
		"decision=decline&answer=Liever+niet",
		"decision=maybe&answer=x",
		"answer=x",
		"decision=decline&answer=" + strings.Repeat("a", 4001),
		"decision=decline&answer=%00",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		accept, answer, errs := decodeAnswer(v)
		d := v.Get("decision")
		if !errs.Has("decision") && d != "accept" && d != "decline" {
			t.Fatalf("decision %q accepted", d)
		}
		if accept && d != "accept" {
			t.Fatalf("decision %q read as accept", d)
		}
		if !errs.Has("answer") {
			if !utf8.ValidString(answer) || strings.ContainsRune(answer, 0) || utf8.RuneCountInString(answer) > care.MaxText {
				t.Fatalf("answer %q accepted", answer)
			}
			if d == "decline" && answer == "" {
				t.Fatal("a decline without an answer accepted")
			}
		}
	})
}

func FuzzVersionPair(f *testing.F) {
	for _, seed := range []struct {
		query   string
		current int
	}{
		{"a=1&b=2", 2}, {"", 3}, {"", 0}, {"a=x", 2}, {"a=-1&b=2", 2}, {"b=9", 2}, {"a=0", 1},
		{"a=99999999999999999999", 5}, {"a=%2B1", 2}, {"a=2&a=1", 2}, {"b=1", 4},
	} {
		f.Add(seed.query, seed.current)
	}
	f.Fuzz(func(t *testing.T, query string, current int) {
		q, err := url.ParseQuery(query)
		if err != nil || current < 0 || current > 1<<20 {
			return
		}
		a, b, status, problem := versionPair(q, current)
		switch {
		case problem == "" && status != http.StatusOK:
			t.Fatalf("status %d without a problem", status)
		case problem != "" && status != http.StatusBadRequest && status != http.StatusNotFound:
			t.Fatalf("problem %q with status %d", problem, status)
		case problem == "" && (a < 1 || b < 1 || a > current || b > current):
			t.Fatalf("versionPair(%q, %d) = %d, %d: not versions of the plan", query, current, a, b)
		}
	})
}
