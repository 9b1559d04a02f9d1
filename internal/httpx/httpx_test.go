package httpx

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

// pathRequest is a request whose path value "id" is v.
func pathRequest(v string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/families/x", nil)
	r.SetPathValue("id", v)
	return r
}

func TestPathID(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // 0: not an id, a missing page
	}{
		{"1", 1},
		{"42", 42},
		{"9223372036854775807", math.MaxInt64},
		{"", 0},
		{"0", 0},
		{"00", 0},
		{"01", 0},
		{"+1", 0},
		{"-1", 0},
		{"1e3", 0},
		{" 1", 0},
		{"1 ", 0},
		{"0x10", 0},
		{"1_000", 0},
		{"١", 0}, // an Arabic-Indic digit one
		{"9223372036854775808", 0},
		{"99999999999999999999", 0},
		{"abc", 0},
	}
	for _, tt := range tests {
		got, err := PathID(pathRequest(tt.in), "id")
		switch {
		case tt.want == 0 && (err == nil || care.ErrorCode(err) != care.NotFound || StatusOf(care.ErrorCode(err)) != http.StatusNotFound):
			t.Errorf("PathID(%q) = %d, %v; want a NotFound error", tt.in, got, err)
		case tt.want != 0 && (err != nil || got != tt.want):
			t.Errorf("PathID(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

// FuzzPathID checks that an id is read only from its one canonical form:
// whatever is accepted is positive and writes back exactly as it was sent.
func FuzzPathID(f *testing.F) {
	for _, seed := range []string{"1", "12", "01", "+1", "1e3", " 1", "-0", "9223372036854775807", "9223372036854775808", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		id, err := PathID(pathRequest(v), "id")
		if err != nil {
			if care.ErrorCode(err) != care.NotFound {
				t.Fatalf("PathID(%q): error %v is not NotFound", v, err)
			}
			if n, perr := strconv.ParseInt(v, 10, 64); perr == nil && n > 0 && strconv.FormatInt(n, 10) == v {
				t.Fatalf("PathID(%q) refused the canonical id %d", v, n)
			}
			return
		}
		if id <= 0 || strconv.FormatInt(id, 10) != v {
			t.Fatalf("PathID(%q) = %d: not the canonical form", v, id)
		}
	})
}

func TestStatusOf(t *testing.T) {
	for code, want := range map[care.Code]int{
		care.NotFound: 404, care.Forbidden: 404, care.Invalid: 400, care.Conflict: 409,
		care.Unauthorized: 401, care.TooMany: 429, care.Unavailable: 503, care.Internal: 500, "": 500,
	} {
		if got := StatusOf(code); got != want {
			t.Errorf("StatusOf(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestClientAddr(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = "192.0.2.7:5123"
	r.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.4")
	if got := ClientAddr(r, false); got != "192.0.2.7" {
		t.Errorf("without a trusted proxy: %q", got)
	}
	if got := ClientAddr(r, true); got != "198.51.100.4" {
		t.Errorf("behind a trusted proxy: %q, want the last hop", got)
	}
}

// failingStore is an auth store whose session lookup fails as a broken
// database would; nothing else of it is used here.
type failingStore struct{ auth.Store }

var errDatabase = errors.New("database is gone")

func (failingStore) SessionWithAccount(context.Context, string) (*auth.Session, *auth.Account, error) {
	return nil, nil, errDatabase
}

// TestLoadRemembersLookupFailure checks that a failed session lookup is
// handed on in the state, not answered by the middleware itself.
func TestLoadRemembersLookupFailure(t *testing.T) {
	s := &Sessions{Auth: auth.NewService(failingStore{}, auth.Config{})}
	var got *State
	h := s.Load(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = StateOf(r)
		w.WriteHeader(http.StatusTeapot)
	}))
	r := httptest.NewRequest(http.MethodGet, "/api/v1/families", nil)
	r.AddCookie(&http.Cookie{Name: "spil", Value: "some-token"})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusTeapot {
		t.Fatalf("status %d: the middleware answered instead of the handler", w.Code)
	}
	if got == nil || !errors.Is(got.Err, errDatabase) || got.Account != nil || got.LoggedIn() || got.Expired {
		t.Errorf("state %+v, want the lookup error and no account", got)
	}
	if c := w.Result().Cookies(); len(c) != 0 {
		t.Errorf("cookies changed: %v", c)
	}

	// Without a cookie there is nothing to look up.
	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	if got.Err != nil || got.Account != nil {
		t.Errorf("state without a cookie %+v", got)
	}
}

func TestServeAnswersMisses(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	var missed int
	h := Logging(slog.New(slog.NewTextHandler(io.Discard, nil)), Serve(mux, func(w http.ResponseWriter, r *http.Request, status int) {
		missed = status
		w.WriteHeader(status)
	}))
	for _, tt := range []struct {
		method, path string
		status, miss int
		allow        string
	}{
		{"GET", "/things/1", 204, 0, ""},
		{"GET", "/nothing", 404, 404, ""},
		{"POST", "/things/1", 405, 405, "GET, HEAD"},
		{"GET", "/things/../things/1", 307, 0, ""}, // path cleaning passes as it is
	} {
		missed = 0
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(tt.method, tt.path, nil))
		if w.Code != tt.status || missed != tt.miss || w.Header().Get("Allow") != tt.allow {
			t.Errorf("%s %s: %d, missed %d, Allow %q", tt.method, tt.path, w.Code, missed, w.Header().Get("Allow"))
		}
	}
}
