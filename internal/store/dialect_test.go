package store

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/spil-zorg/spil/internal/care"
)

// TestIsStorageFull: the errors of a full storage that a test cannot make
// for real (PostgreSQL's disk_full, the system's ENOSPC) become
// care.ErrStorageFull; others stay as they are. SQLite's SQLITE_FULL is
// made for real in the storetest suite.
func TestIsStorageFull(t *testing.T) {
	tests := []struct {
		err  error
		full bool
	}{
		{&pgconn.PgError{Code: "53100", Message: "could not extend file: No space left on device"}, true},
		{fmt.Errorf("store: add contact: %w", &pgconn.PgError{Code: "53100"}), true},
		{&fs.PathError{Op: "write", Path: "spil.db", Err: syscall.ENOSPC}, true},
		{&pgconn.PgError{Code: "53200"}, false},         // out of memory
		{&pgconn.PgError{Code: "23505"}, false},         // unique violation
		{errors.New("database or disk is full"), false}, // text alone says nothing
		{nil, false},
	}
	for _, tt := range tests {
		if got := isStorageFull(tt.err); got != tt.full {
			t.Errorf("isStorageFull(%v) = %v, want %v", tt.err, got, tt.full)
		}
		err := storageError(tt.err)
		if got := errors.Is(err, care.ErrStorageFull) && care.ErrorCode(err) == care.Unavailable; got != tt.full {
			t.Errorf("storageError(%v) = %v: full %v, want %v", tt.err, err, got, tt.full)
		}
		if tt.err != nil && !errors.Is(err, tt.err) {
			t.Errorf("storageError(%v) lost the driver's error", tt.err)
		}
	}
}
