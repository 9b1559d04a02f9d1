package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// DefaultProbeInterval is how often, at most, Ready writes to the
// database to learn that it takes writes; between probes the last answer
// stands, so a load balancer that asks every second costs one small
// write transaction per interval.
const DefaultProbeInterval = 5 * time.Second

// DefaultMinFreeSpace is the free space on the file system of a SQLite
// database below which Ready reports a full storage: SQLite reuses the
// space of its write-ahead log, so a small write may still commit on a
// disk with no room left for the file to grow.
const DefaultMinFreeSpace = 32 << 20

// readiness is the cached answer of the write probe.
type readiness struct {
	mu       sync.Mutex
	at       time.Time // of the last probe; zero before the first
	err      error
	interval time.Duration
	minFree  uint64
}

// WithProbeInterval sets how often, at most, Ready probes with a write;
// zero probes at every call.
func WithProbeInterval(d time.Duration) Option {
	return func(s *Store) { s.ready.interval = d }
}

// WithMinFreeSpace sets the free bytes on the file system of a SQLite
// database below which Ready reports a full storage; zero leaves the
// check to the write probe alone.
func WithMinFreeSpace(bytes uint64) Option {
	return func(s *Store) { s.ready.minFree = bytes }
}

// Ready reports whether the database answers and takes writes. The answer
// is asked on every call; at most once per probe interval a write
// transaction rewrites the one row of readiness_probe (and, on SQLite,
// the free space of the file system is looked at), and until the next
// probe that result is the answer. A full storage is care.ErrStorageFull.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.w.PingContext(ctx); err != nil {
		return fmt.Errorf("store: the database does not answer: %w", err)
	}
	r := s.ready
	r.mu.Lock()
	defer r.mu.Unlock()
	// The machine's clock, not the store's: tests move that one.
	if !r.at.IsZero() && time.Since(r.at) < r.interval {
		return r.err
	}
	r.err = s.probeWrite(ctx)
	r.at = time.Now()
	return r.err
}

// probeWrite checks the free space of a SQLite file's file system, then
// commits one small write.
func (s *Store) probeWrite(ctx context.Context) error {
	if s.path != "" && s.ready.minFree > 0 {
		if free, ok := freeSpace(filepath.Dir(s.path)); ok && free < s.ready.minFree {
			return fmt.Errorf("%w: %d bytes free next to the database, less than %d", care.ErrStorageFull, free, s.ready.minFree)
		}
	}
	err := s.sqlTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO readiness_probe (id, probed_at) VALUES (1, $1)
			ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at /* Store.Ready */`, time.Now().UTC())
		return err
	})
	if err != nil {
		return fmt.Errorf("store: the database does not take writes: %w", err)
	}
	return nil
}

// QuickCheck runs SQLite's PRAGMA quick_check on the database, which
// reads every page and finds most damage in a fraction of the time of a
// full integrity check; a damaged database is an error naming the first
// problem. On PostgreSQL it does nothing.
func (s *Store) QuickCheck(ctx context.Context) error {
	if s.dialect != sqliteDialect {
		return nil
	}
	rows, err := s.w.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return fmt.Errorf("store: %s fails SQLite's quick check: %w", s.path, err)
	}
	problems, err := checkResult(rows)
	if err != nil {
		return fmt.Errorf("store: %s fails SQLite's quick check: %w", s.path, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: %s fails SQLite's quick check (%d problems; the first: %s)", s.path, len(problems), problems[0])
	}
	return nil
}

// checkResult reads the rows of an integrity or quick check: the lines
// that are not "ok".
func checkResult(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	return problems, rows.Err()
}
