package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// healthz says the process is up; it touches nothing else.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// readyz says whether the database answers and takes writes, for a load
// balancer: an instance whose database is read-only or full cannot do its
// work, even when it answers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.accounts.Ready(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		if errors.Is(err, care.ErrStorageFull) {
			s.log.Error("readyz: the database storage is full", "err", err)
			w.Write([]byte("storage full\n"))
			return
		}
		s.log.Error("readyz: database unavailable", "err", err)
		w.Write([]byte("database unavailable\n"))
		return
	}
	w.Write([]byte("ready\n"))
}
