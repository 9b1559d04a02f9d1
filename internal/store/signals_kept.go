package store

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// DefaultKeptSignalFiles is how many families' signal files a store keeps
// unless told otherwise: half of the national shape's families, at about
// 5.5 kB each on that shape (bench/README.md), some 30 MB.
const DefaultKeptSignalFiles = 5000

// keptSignals holds, per family, the part of a signal read that only the
// family's own file decides, with the revision of the file it was read at
// and the day it was read for (the tasks of the week, the network and the
// stays of the day follow the date). The migration 0026 triggers move a
// file's revision with every change to it, in the transaction of the
// change, so a file kept at the revision a later read finds is the file
// that read would read. At most max families are kept; a full store
// forgets one at random for each it keeps.
type keptSignals struct {
	mu    sync.Mutex
	max   int
	files map[int64]keptSignalFile
	// taken and read count the families given from here and read.
	taken, read atomic.Int64
}

type keptSignalFile struct {
	revision int64
	day      time.Time
	file     care.SignalFile
}

func newKeptSignals(max int) *keptSignals {
	if max <= 0 {
		return nil
	}
	return &keptSignals{max: max, files: make(map[int64]keptSignalFile)}
}

// take puts, for every family of ids, its kept file into rd when it was
// kept at the family's revision for day, and indexes rd by family; it
// returns the families it has no such file of. A kept file's slices are
// shared by every read that takes it: the readers of signal files only
// read them.
func (k *keptSignals) take(ids, revisions []int64, day time.Time, rd *signalRead) (missed []int64) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for i, id := range ids {
		rd.index[id] = i
		if f, ok := k.files[id]; ok && f.revision == revisions[i] && f.day.Equal(day) {
			rd.files[i] = f.file
			continue
		}
		missed = append(missed, id)
	}
	k.taken.Add(int64(len(ids) - len(missed)))
	k.read.Add(int64(len(missed)))
	return missed
}

// put keeps f, read at revision for day, without its possible
// duplicates, which other families' changes move.
func (k *keptSignals) put(f *care.SignalFile, revision int64, day time.Time) {
	kept := keptSignalFile{revision: revision, day: day, file: *f}
	kept.file.Duplicates = nil
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.files[f.Family.ID]; !ok && len(k.files) >= k.max {
		for id := range k.files {
			delete(k.files, id)
			break
		}
	}
	k.files[f.Family.ID] = kept
}

// KeepSignalFiles sets how many families' signal files the store keeps
// between reads (see SignalFiles); 0 keeps none. Call it before the store
// is used.
func (s *Store) KeepSignalFiles(families int) {
	s.kept = newKeptSignals(families)
}

// SignalFileReads counts the families whose signal files were given from
// those kept and those read again, since the store opened or was last
// told how many to keep.
func (s *Store) SignalFileReads() (kept, read int64) {
	if s.kept == nil {
		return 0, 0
	}
	return s.kept.taken.Load(), s.kept.read.Load()
}
