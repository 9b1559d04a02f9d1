package api

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestPanicAnswersJSON checks that a handler that panics gets the API's
// server error, not the mux's or the pages'.
func TestPanicAnswersJSON(t *testing.T) {
	s := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, nil, nil)
	h := s.around(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("a bug") }), s.apiWriteError, s.apiAnswerError)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/families", nil))
	var body struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || w.Code != http.StatusInternalServerError ||
		body.Error.Code != "internal" || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("status %d, %q, %s (%v)", w.Code, w.Header().Get("Content-Type"), w.Body, err)
	}
}
