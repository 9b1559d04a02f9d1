package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
)

// Retries that do not write twice: every write of the API takes an
// Idempotency-Key header. The first request with a key runs and its answer
// is kept with the key, in the write's own transaction (care.Idempotent);
// a repeat by the same account with the same key and request gets that
// answer again and writes nothing. docs/api.md describes it for clients.

// idempotencyHeader is the header a client names a write with.
const idempotencyHeader = "Idempotency-Key"

// maxIdempotencyKey bounds the length of a key.
const maxIdempotencyKey = 255

// replayedHeader marks an answer given again from a kept one.
const replayedHeader = "Idempotent-Replayed"

// parseIdempotencyKey reads the Idempotency-Key header from its values:
// none is no key; otherwise one value of 1 to 255 printable ASCII
// characters (space to tilde), taken as it is, quotes included.
func parseIdempotencyKey(values []string) (key string, ok bool, err error) {
	bad := func(msg string) error {
		return apiErrorf(http.StatusBadRequest, "bad_request", "the "+idempotencyHeader+" header "+msg)
	}
	switch len(values) {
	case 0:
		return "", false, nil
	case 1:
	default:
		return "", false, bad("must be sent once")
	}
	v := values[0]
	if v == "" {
		return "", false, bad("is empty: leave it out, or send a key")
	}
	if len(v) > maxIdempotencyKey {
		return "", false, bad("is longer than " + strconv.Itoa(maxIdempotencyKey) + " characters")
	}
	for i := 0; i < len(v); i++ {
		if v[i] < ' ' || v[i] > '~' {
			return "", false, bad("may hold printable ASCII characters only")
		}
	}
	return v, true, nil
}

// requestHash names a request for its key: the method, the path with its
// query, and the body as sent.
func requestHash(r *http.Request, body []byte) string {
	h := sha256.New()
	h.Write([]byte(r.Method + " " + r.URL.RequestURI() + "\n"))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// apiWriteHandler is a write of the API: it reads the request, makes one
// call of the service, and returns the id of the object it touched; the
// answer comes from its route's answer (see apiWrite).
type apiWriteHandler func(w http.ResponseWriter, r *http.Request) (int64, error)

// apiAnswer makes the answer of a write from the id of the object it touched.
type apiAnswer func(id int64) care.KeptAnswer

// apiCreatedAnswer is 201 with the id of the new object; with a location
// prefix, also a Location header.
func apiCreatedAnswer(location string) apiAnswer {
	return func(id int64) care.KeptAnswer {
		b, _ := json.Marshal(apiCreatedOut{ID: id}) // an int64 always encodes
		a := care.KeptAnswer{Status: http.StatusCreated, Body: append(b, '\n')}
		if location != "" {
			a.Location = location + strconv.FormatInt(id, 10)
		}
		return a
	}
}

// apiNoContentAnswer is 204: an update, a deletion, a task completed.
func apiNoContentAnswer(int64) care.KeptAnswer { return care.KeptAnswer{Status: http.StatusNoContent} }

// apiWrite adapts a write. Without an Idempotency-Key it runs h and
// answers. With one, the body is read first to name the request, and the
// service runs h at most once for the caller's key: a repeat gets the kept
// answer, marked with Idempotent-Replayed: true.
func (s *Server) apiWrite(h apiWriteHandler, answer apiAnswer) apiHandler {
	return func(w http.ResponseWriter, r *http.Request) error {
		key, ok, err := parseIdempotencyKey(r.Header.Values(idempotencyHeader))
		if err != nil {
			return err
		}
		if !ok {
			id, err := h(w, r)
			if err != nil {
				return err
			}
			s.apiWriteAnswer(w, answer(id), false)
			return nil
		}
		body, err := apiRawBody(w, r)
		if err != nil {
			return err
		}
		a, replayed, err := s.care.Idempotent(r.Context(), s.actor(r), key, requestHash(r, body), answer,
			func(ctx context.Context) error {
				rr := r.WithContext(ctx)
				rr.Body = io.NopCloser(bytes.NewReader(body))
				_, err := h(w, rr)
				return err
			})
		if err != nil {
			return err
		}
		s.apiWriteAnswer(w, a, replayed)
		return nil
	}
}

// apiWriteAnswer writes the answer of a write.
func (s *Server) apiWriteAnswer(w http.ResponseWriter, a care.KeptAnswer, replayed bool) {
	if a.Location != "" {
		w.Header().Set("Location", a.Location)
	}
	if replayed {
		w.Header().Set(replayedHeader, "true")
	}
	if len(a.Body) > 0 {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(a.Status)
	w.Write(a.Body)
}
