package web

import (
	"net/http"
	"net/url"
	"testing"
)

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
