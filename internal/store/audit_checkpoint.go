package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// checkpointsMigration is the migration that made audit_checkpoints; a
// database from before it has no checkpoints.
const checkpointsMigration = 5

// AuditCheckpoint is what one successful verification saw of the audit
// trail: how many records it held and which one was last. A later
// verification checks that the trail still holds that record, unchanged: a
// hash chain alone cannot show that its newest records were cut off.
type AuditCheckpoint struct {
	ID       int64     // 0 for a checkpoint that is not stored in the database
	At       time.Time // when the verification ended, UTC
	Records  int64     // records in the trail
	HeadID   int64     // id of the last record; 0 for an empty trail
	HeadHash string    // hash of the last record; care.GenesisHash for an empty trail
	Full     bool      // whether the verification walked every record
}

// String names the checkpoint for people: its time and its last record.
func (c AuditCheckpoint) String() string {
	at := c.At.UTC().Format("2006-01-02 15:04:05 UTC")
	if c.HeadID == 0 {
		return fmt.Sprintf("the checkpoint of %s (an empty trail)", at)
	}
	return fmt.Sprintf("the checkpoint of %s (record %d, %d records)", at, c.HeadID, c.Records)
}

// AddAuditCheckpoint stores c and sets its ID. audit_checkpoints is
// append-only: checkpoints are never changed or removed.
func (s *Store) AddAuditCheckpoint(ctx context.Context, c *AuditCheckpoint) error {
	if c.Records < 0 || c.HeadID < 0 || len(c.HeadHash) != len(care.GenesisHash) {
		return care.Errorf(care.Invalid, "store: a checkpoint needs a record count, a last record and its hash")
	}
	c.At = c.At.UTC().Truncate(time.Microsecond)
	err := s.q.QueryRowContext(ctx, `/* Store.AddAuditCheckpoint */ INSERT INTO audit_checkpoints (at, records, head_id, head_hash, full_walk)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, c.At, c.Records, c.HeadID, c.HeadHash, c.Full).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("store: add audit checkpoint: %w", err)
	}
	return nil
}

// LatestAuditCheckpoint returns the newest checkpoint, or a care.NotFound
// error when there is none yet (also in a database from before
// checkpoints existed). With full, it returns the newest one made by a
// walk over every record.
func (s *Store) LatestAuditCheckpoint(ctx context.Context, full bool) (*AuditCheckpoint, error) {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1 /* Store.LatestAuditCheckpoint */`,
		checkpointsMigration).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: audit checkpoints: %w", err)
	}
	if n == 0 {
		return nil, care.Errorf(care.NotFound, "no audit checkpoint: the database predates them")
	}
	var c AuditCheckpoint
	err := s.q.QueryRowContext(ctx, `SELECT id, at, records, head_id, head_hash, full_walk FROM audit_checkpoints
		WHERE full_walk OR NOT $1 ORDER BY id DESC LIMIT 1 /* Store.LatestAuditCheckpoint */`, full).
		Scan(&c.ID, &c.At, &c.Records, &c.HeadID, &c.HeadHash, &c.Full)
	if err != nil {
		return nil, notFound(err, "audit checkpoint")
	}
	c.At = c.At.UTC()
	return &c, nil
}

// CheckpointMismatch says that the audit trail no longer holds the last
// record a checkpoint saw, or holds it in another place: records were cut
// off the end of the trail (by a restore of an older copy, or by someone
// with access to the database) or replaced.
type CheckpointMismatch struct {
	Checkpoint AuditCheckpoint
	LastID     int64  // the trail's last record now; 0 when it is empty
	LastHash   string // its hash
	HeadHash   string // the hash of the record with the checkpoint's HeadID now; "" when there is none
	Position   int64  // records up to and including HeadID now, when a full walk counted them; else 0
}

// Error says what is missing in words an operator can act on.
func (m *CheckpointMismatch) Error() string {
	cp := m.Checkpoint
	switch {
	case m.LastID < cp.HeadID:
		if m.LastID == 0 {
			return fmt.Sprintf("every record is missing: the trail is empty, but %s saw record %d (hash %.12s…)",
				cp, cp.HeadID, cp.HeadHash)
		}
		return fmt.Sprintf("records after %d are missing: the trail ends at record %d (hash %.12s…), but %s saw record %d (hash %.12s…)",
			m.LastID, m.LastID, m.LastHash, cp, cp.HeadID, cp.HeadHash)
	case m.HeadHash == "":
		return fmt.Sprintf("record %d is missing: %s saw it as the last record (hash %.12s…), and the trail now ends at record %d",
			cp.HeadID, cp, cp.HeadHash, m.LastID)
	case m.HeadHash != cp.HeadHash:
		return fmt.Sprintf("record %d is not the one %s saw: its hash is %.12s…, not %.12s…; the trail was cut back "+
			"and has grown again, or the record was replaced (or the checkpoint belongs to another database)",
			cp.HeadID, cp, m.HeadHash, cp.HeadHash)
	default:
		return fmt.Sprintf("the trail holds %d records up to record %d, but %s counted %d", m.Position, cp.HeadID, cp, cp.Records)
	}
}

// checkHeads looks up the last record of each checkpoint and returns the
// first checkpoint the trail no longer matches, or nil. It reads one record
// per checkpoint, so it is fast on any size of trail, but it cannot see
// records removed before a checkpoint; a full walk does.
func checkHeads(ctx context.Context, q queryer, last auditHead, cps []AuditCheckpoint) (*CheckpointMismatch, error) {
	for _, cp := range cps {
		if cp.HeadID == 0 {
			continue
		}
		m := &CheckpointMismatch{Checkpoint: cp, LastID: last.id, LastHash: last.hash}
		if last.id < cp.HeadID {
			return m, nil
		}
		err := q.QueryRowContext(ctx, `SELECT hash FROM audit_events WHERE id = $1 /* Store.checkHeads */`, cp.HeadID).Scan(&m.HeadHash)
		if err != nil && err != sql.ErrNoRows {
			return nil, fmt.Errorf("store: audit checkpoint: %w", err)
		}
		if m.HeadHash != cp.HeadHash {
			return m, nil
		}
	}
	return nil, nil
}

// auditHead is the last record of the trail.
type auditHead struct {
	id   int64
	hash string
}

// lastAudit returns the trail's last record; id 0 and care.GenesisHash
// when it is empty.
func lastAudit(ctx context.Context, q queryer) (auditHead, error) {
	h := auditHead{hash: care.GenesisHash}
	err := q.QueryRowContext(ctx, `SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1 /* Store.lastAudit */`).Scan(&h.id, &h.hash)
	if err != nil && err != sql.ErrNoRows {
		return h, fmt.Errorf("store: last audit record: %w", err)
	}
	return h, nil
}

// CheckAuditCheckpoints checks that the trail still holds the last record
// of each checkpoint, unchanged, and returns the first checkpoint it no
// longer matches, or nil. It reads one record per checkpoint and walks
// nothing; restore uses it to compare a backup with the database it
// replaces.
func (s *Store) CheckAuditCheckpoints(ctx context.Context, cps []AuditCheckpoint) (*CheckpointMismatch, error) {
	last, err := lastAudit(ctx, s.q)
	if err != nil {
		return nil, err
	}
	return checkHeads(ctx, s.q, last, cps)
}
