package api

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/spil-zorg/spil/internal/care"
)

// keptAnswers keeps the answers of $everything, gzip-compressed, while the
// file they were made from stays the same: a reader who asks again for an
// unchanged file gets the same bytes without the file being read and
// encoded again. Each answer is kept for one reader, one family and one
// base URL, with the revision of the file it was made from
// (care.FileRevision); the service says whether the file is still at that
// revision, after the access check and with an audit record of its own,
// as for any export. The answers are in memory only, up to max bytes; the
// least recently given goes first.
type keptAnswers struct {
	max int64

	mu    sync.Mutex
	size  int64
	order *list.List // of *keptAnswer, most recently given first
	byKey map[keptKey]*list.Element
}

// keptKey is what an answer depends on besides the file's revision.
type keptKey struct {
	family  int64
	account int64
	base    string
}

// keptAnswer is one kept answer: the bytes gzip made of it and its
// length before.
type keptAnswer struct {
	key   keptKey
	rev   care.FileRevision
	gz    []byte
	plain int
}

func newKeptAnswers(max int64) *keptAnswers {
	if max <= 0 {
		return nil
	}
	return &keptAnswers{max: max, order: list.New(), byKey: map[keptKey]*list.Element{}}
}

// get returns the answer kept for k, or nil.
func (c *keptAnswers) get(k keptKey) *keptAnswer {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[k]
	if !ok {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*keptAnswer)
}

// put keeps a, in place of what was kept for its key, and lets the least
// recently given answers go until the total fits.
func (c *keptAnswers) put(a *keptAnswer) {
	if c == nil || int64(len(a.gz)) > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[a.key]; ok {
		c.size -= int64(len(e.Value.(*keptAnswer).gz))
		c.order.Remove(e)
	}
	c.byKey[a.key] = c.order.PushFront(a)
	c.size += int64(len(a.gz))
	for c.size > c.max {
		last := c.order.Back()
		old := last.Value.(*keptAnswer)
		c.order.Remove(last)
		delete(c.byKey, old.key)
		c.size -= int64(len(old.gz))
	}
}

// gzipWriters are reused: a gzip.Writer holds about a megabyte of state.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return w
}}

// compress is b gzip-compressed, quickly rather than small.
func compress(b []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(b) / 6)
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&out)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// acceptsGzip reports whether the request takes a gzip-encoded answer:
// Accept-Encoding names gzip (or *) without q=0.
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for part := range strings.SplitSeq(v, ",") {
			name, params, _ := strings.Cut(part, ";")
			name = strings.TrimSpace(name)
			if !strings.EqualFold(name, "gzip") && name != "*" {
				continue
			}
			k, q, found := strings.Cut(strings.TrimSpace(params), "=")
			if !found || !strings.EqualFold(strings.TrimSpace(k), "q") {
				return true
			}
			w, err := strconv.ParseFloat(strings.TrimSpace(q), 64)
			return err == nil && w > 0
		}
	}
	return false
}

// write answers a: as it is kept when the request takes gzip, else
// uncompressed (plain when the caller has it at hand).
func (a *keptAnswer) write(w http.ResponseWriter, r *http.Request, plain []byte) error {
	if acceptsGzip(r) {
		h := w.Header()
		h.Set("Content-Type", fhirContentType)
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(a.gz)))
		h.Add("Vary", "Accept-Encoding")
		w.WriteHeader(http.StatusOK)
		w.Write(a.gz)
		return nil
	}
	if plain == nil {
		zr, err := gzip.NewReader(bytes.NewReader(a.gz))
		if err != nil {
			return err
		}
		b := bytes.NewBuffer(make([]byte, 0, a.plain))
		if _, err := io.Copy(b, zr); err != nil {
			return err
		}
		plain = b.Bytes()
	}
	w.Header().Add("Vary", "Accept-Encoding")
	writeFHIRBytes(w, http.StatusOK, plain)
	return nil
}
