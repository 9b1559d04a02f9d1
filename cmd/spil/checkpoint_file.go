package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// A checkpoint file keeps audit checkpoints outside the database, one JSON
// object per line, newest last:
//
//	{"at":"2026-06-15T02:30:00Z","records":1234,"head_id":1234,"head_hash":"…","full":true}
//
// Someone who can cut the newest records off audit_events can cut
// audit_checkpoints too; a file on other storage, which that person cannot
// reach, still remembers what the trail held.
type checkpointLine struct {
	At       time.Time `json:"at"`
	Records  int64     `json:"records"`
	HeadID   int64     `json:"head_id"`
	HeadHash string    `json:"head_hash"`
	Full     bool      `json:"full"`
}

// readCheckpointFile returns the newest checkpoint in the file at path;
// found is false when the file does not exist yet.
func readCheckpointFile(path string) (cp store.AuditCheckpoint, found bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cp, false, nil
	}
	if err != nil {
		return cp, false, fmt.Errorf("checkpoint file: %w", err)
	}
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	last := lines[len(lines)-1]
	if len(bytes.TrimSpace(last)) == 0 {
		return cp, false, fmt.Errorf("checkpoint file %s holds no checkpoint; remove it to start a new one", path)
	}
	var l checkpointLine
	dec := json.NewDecoder(bytes.NewReader(last))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return cp, false, fmt.Errorf("checkpoint file %s, line %d: %w", path, len(lines), err)
	}
	if _, err := hex.DecodeString(l.HeadHash); err != nil || len(l.HeadHash) != len(care.GenesisHash) ||
		l.Records < 0 || l.HeadID < 0 || l.At.IsZero() || (l.HeadID == 0) != (l.Records == 0) {
		return cp, false, fmt.Errorf("checkpoint file %s, line %d: not a checkpoint (want at, records, head_id and a head_hash of 64 hex digits)",
			path, len(lines))
	}
	return store.AuditCheckpoint{At: l.At.UTC(), Records: l.Records, HeadID: l.HeadID, HeadHash: l.HeadHash, Full: l.Full}, true, nil
}

// appendCheckpointFile adds cp to the end of the file at path, creating the
// file when it does not exist, and syncs it to disk.
func appendCheckpointFile(path string, cp store.AuditCheckpoint) error {
	b, err := json.Marshal(checkpointLine{At: cp.At.UTC(), Records: cp.Records, HeadID: cp.HeadID, HeadHash: cp.HeadHash, Full: cp.Full})
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("checkpoint file: %w", err)
	}
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("checkpoint file: %w", err)
	}
	return nil
}

// auditCheckpoints gathers the checkpoints to hold a trail against: the
// newest in the database s (none when s is nil or has none) and the one in
// the checkpoint file, when the configuration names one. It also describes
// where they came from, for the output.
func auditCheckpoints(ctx context.Context, s *store.Store, file string) ([]store.AuditCheckpoint, []string, error) {
	var cps []store.AuditCheckpoint
	var from []string
	if s != nil {
		cp, err := s.LatestAuditCheckpoint(ctx, false)
		switch {
		case err == nil:
			cps = append(cps, *cp)
			from = append(from, cp.String()+" in the database")
		case care.ErrorCode(err) != care.NotFound:
			return nil, nil, err
		}
	}
	if file != "" {
		cp, found, err := readCheckpointFile(file)
		if err != nil {
			return nil, nil, err
		}
		if found {
			cps = append(cps, cp)
			from = append(from, cp.String()+" in "+file)
		}
	}
	return cps, from, nil
}

// sentence joins descriptions with commas and "and".
func sentence(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
