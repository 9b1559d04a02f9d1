package sitetest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// APIResponse is an answer of the JSON API with its raw body.
type APIResponse struct {
	*http.Response
	Raw []byte
}

// JSON decodes the body into a generic value; the test fails when it is
// not JSON.
func (r *APIResponse) JSON(t testing.TB) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.Raw, &v); err != nil {
		t.Fatalf("%s %s: body is not JSON: %v\n%s", r.Request.Method, r.Request.URL.Path, err, r.Raw)
	}
	return v
}

// API sends an API request. body is sent as it is when it is a string,
// else marshalled; header pairs override the default Content-Type.
func (c *Client) API(method, path string, body any, header ...string) *APIResponse {
	c.App.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.App.T.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, c.App.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.App.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &APIResponse{Response: resp, Raw: b}
}

// At returns the value at a path of map keys and list indexes, or nil.
func At(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// WantAPI checks the status of an API answer and, for errors, its JSON
// error code and message; it returns the decoded body (nil for 204).
func WantAPI(t testing.TB, r *APIResponse, status int, code string) any {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d\n%s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.Raw)
	}
	if status == http.StatusNoContent {
		if len(r.Raw) != 0 {
			t.Errorf("%s %s: 204 with a body %q", r.Request.Method, r.Request.URL.Path, r.Raw)
		}
		return nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("%s %s: Content-Type %q", r.Request.Method, r.Request.URL.Path, ct)
	}
	if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("%s %s: Cache-Control %q", r.Request.Method, r.Request.URL.Path, cc)
	}
	v := r.JSON(t)
	if code != "" {
		if got := At(v, "error", "code"); got != code {
			t.Errorf("%s %s: error code %v, want %q\n%s", r.Request.Method, r.Request.URL.Path, got, code, r.Raw)
		}
		if msg, _ := At(v, "error", "message").(string); msg == "" {
			t.Errorf("%s %s: error without a message", r.Request.Method, r.Request.URL.Path)
		}
	}
	return v
}
