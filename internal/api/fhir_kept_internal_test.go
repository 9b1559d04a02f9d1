package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// TestKeptAnswersBounded: the kept answers stay within their memory; the
// least recently given goes first, and an answer given again moves up.
func TestKeptAnswersBounded(t *testing.T) {
	c := newKeptAnswers(30)
	put := func(fam int64, n int) {
		c.put(&keptAnswer{key: keptKey{family: fam, account: 1}, rev: care.FileRevision{File: 1}, gz: make([]byte, n)})
	}
	has := func(fam int64) bool { return c.get(keptKey{family: fam, account: 1}) != nil }
	put(1, 10)
	put(2, 10)
	put(3, 10)
	if !has(1) { // 1 is now the most recently given
		t.Fatal("answer 1 not kept")
	}
	put(4, 10)
	if has(2) || !has(1) || !has(3) || !has(4) || c.size != 30 {
		t.Errorf("after a fourth: 1 %v, 2 %v, 3 %v, 4 %v, size %d; want 2 gone, 30 bytes", has(1), has(2), has(3), has(4), c.size)
	}
	put(4, 5) // in place of the old answer
	if c.size != 25 || c.order.Len() != 3 {
		t.Errorf("replaced: size %d, %d answers", c.size, c.order.Len())
	}
	put(5, 31) // larger than everything: not kept, nothing lost
	if has(5) || c.size != 25 {
		t.Errorf("an answer larger than the memory: kept %v, size %d", has(5), c.size)
	}
	if newKeptAnswers(0) != nil || newKeptAnswers(0).get(keptKey{}) != nil {
		t.Error("no memory keeps nothing")
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tc := range []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{"gzip"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"deflate, gzip;q=0.8"}, true},
		{[]string{"br", "gzip"}, true},
		{[]string{"*"}, true},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"gzip;q=zero"}, false},
		{[]string{"identity"}, false},
		{[]string{"x-gzip-not"}, false},
	} {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		for _, h := range tc.header {
			r.Header.Add("Accept-Encoding", h)
		}
		if got := acceptsGzip(r); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.header, got, tc.want)
		}
	}
}

// FuzzAcceptsGzip: any header is read without a panic, and a header that
// names neither gzip nor * never takes gzip.
func FuzzAcceptsGzip(f *testing.F) {
	for _, s := range []string{"gzip", "gzip;q=0", "deflate, gzip;q=0.5", "*;q=1", ";;,,", "gzip;q="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Encoding", h)
		got := acceptsGzip(r)
		if got && !strings.Contains(strings.ToLower(h), "gzip") && !strings.Contains(h, "*") {
			t.Errorf("%q takes gzip", h)
		}
	})
}
