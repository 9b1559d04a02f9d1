package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

const auditColumns = `id, at, actor_id, actor_role, family_id, object_type, object_id, action, outcome, access_point,
	authorised, relationship, consent, emergency, prev_hash, hash`

// AppendAudit chains e to the last record and inserts it. Inside a write
// transaction the record is part of that transaction. Outside one it goes
// through the group commit (audit_queue.go) and AppendAudit returns once
// it is durable. A read transaction cannot append: the record of a read is
// written after the read, before its data is handed out.
func (s *Store) AppendAudit(ctx context.Context, e *care.AuditEvent) error {
	switch s.tx {
	case writeTx:
		return s.appendAudits(ctx, s.q, []*care.AuditEvent{e})
	case readTx:
		return errors.New("store: an audit record inside a read transaction")
	}
	if s.audit == nil {
		return errors.New("store: this store was opened to read only")
	}
	return s.audit.append(ctx, e)
}

// appendAuditTx appends es in one write transaction of their own.
func (s *Store) appendAuditTx(ctx context.Context, es []*care.AuditEvent) error {
	return s.sqlTx(ctx, func(tx *sql.Tx) error { return s.appendAudits(ctx, inTx(tx, s.wc), es) })
}

// appendAudits chains es, in order, to the last record, in the transaction
// q. The chain is extended by one writer at a time: SQLite's write
// transactions are exclusive, PostgreSQL takes a transaction-level
// advisory lock.
func (s *Store) appendAudits(ctx context.Context, q queryer, es []*care.AuditEvent) error {
	if err := s.dialect.lockAudit(ctx, q); err != nil {
		return err
	}
	prev := care.GenesisHash
	err := q.QueryRowContext(ctx, `SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1 /* Store.AppendAudit */`).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	for _, e := range es {
		e.PrevHash = prev
		e.At = e.At.UTC().Truncate(time.Microsecond) // PostgreSQL keeps microseconds
		e.Hash = e.ComputeHash()
		if err := q.QueryRowContext(ctx, `/* Store.AppendAudit */ INSERT INTO audit_events (at, actor_id, actor_role, family_id,
			object_type, object_id, action, outcome, access_point, authorised, relationship, consent, emergency, prev_hash, hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
			e.At, e.ActorID, string(e.ActorRole), e.FamilyID, e.ObjectType, e.ObjectID, string(e.Action), e.Outcome,
			e.AccessPoint, e.Authorised, e.Relationship, e.Consent, e.Emergency, e.PrevHash, e.Hash).Scan(&e.ID); err != nil {
			return err
		}
		prev = e.Hash
	}
	return nil
}

// AuditEvents returns up to limit records with an id above afterID, in order.
func (s *Store) AuditEvents(ctx context.Context, afterID int64, limit int) ([]care.AuditEvent, error) {
	return s.auditQuery(ctx, `SELECT `+auditColumns+` FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2 /* Store.AuditEvents */`, afterID, limit)
}

// FamilyAuditEvents returns the records about one family, oldest first.
func (s *Store) FamilyAuditEvents(ctx context.Context, familyID int64) ([]care.AuditEvent, error) {
	return s.auditQuery(ctx, `SELECT `+auditColumns+` FROM audit_events WHERE family_id = $1 ORDER BY id /* Store.FamilyAuditEvents */`, familyID)
}

func (s *Store) auditQuery(ctx context.Context, q string, args ...any) ([]care.AuditEvent, error) {
	rows, err := s.rq.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []care.AuditEvent
	for rows.Next() {
		var e care.AuditEvent
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorRole, &e.FamilyID, &e.ObjectType, &e.ObjectID, &e.Action,
			&e.Outcome, &e.AccessPoint, &e.Authorised, &e.Relationship, &e.Consent, &e.Emergency, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		es = append(es, e)
	}
	return es, rows.Err()
}

// ChainBreak describes the first record whose hash does not follow.
type ChainBreak struct {
	ID     int64
	Reason string
}

// VerifyAudit walks the whole chain and returns the number of records and
// the first break, or nil when the chain is intact. It neither uses nor
// records checkpoints; VerifyAuditTrail does.
func (s *Store) VerifyAudit(ctx context.Context) (int, *ChainBreak, error) {
	v, err := s.VerifyAuditTrail(ctx, VerifyOptions{Full: true})
	if err != nil {
		return 0, nil, err
	}
	return int(v.Checked), v.Break, nil
}
