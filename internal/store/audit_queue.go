package store

import (
	"context"
	"errors"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// maxAuditBatch bounds the records one group commit writes.
const maxAuditBatch = 512

// auditCommitTimeout bounds one group commit; a request waiting for its
// record gives up earlier when its own context ends.
const auditCommitTimeout = 30 * time.Second

// errAuditClosed answers an append after Close.
var errAuditClosed = errors.New("store: the audit trail is closed")

// auditQueue appends the audit records of reads by group commit: one
// goroutine takes every record waiting, chains them in one write
// transaction and answers each waiter when that transaction has
// committed, so a request hands out its data only once its record is
// durable, while a hundred concurrent readers share one fsync.
type auditQueue struct {
	s    *Store
	in   chan *auditWait
	quit chan struct{}
	done chan struct{}
}

// auditWait is one record and the answer its request waits for.
type auditWait struct {
	e   *care.AuditEvent
	err chan error
}

func startAuditQueue(s *Store) *auditQueue {
	q := &auditQueue{s: s, in: make(chan *auditWait), quit: make(chan struct{}), done: make(chan struct{})}
	go q.run()
	return q
}

// append queues e and waits until it is committed, or ctx ends. When ctx
// ends first the record may still be written; the caller must then show
// nothing it read.
func (q *auditQueue) append(ctx context.Context, e *care.AuditEvent) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w := &auditWait{e: e, err: make(chan error, 1)}
	select {
	case q.in <- w:
	case <-q.quit:
		return errAuditClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-w.err:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stop ends the queue after the batch in hand; later appends fail.
func (q *auditQueue) stop() {
	select {
	case <-q.quit:
	default:
		close(q.quit)
	}
	<-q.done
}

func (q *auditQueue) run() {
	defer close(q.done)
	for {
		var batch []*auditWait
		select {
		case w := <-q.in:
			batch = append(batch, w)
		case <-q.quit:
			return
		}
		// Everyone who arrived while the last batch committed is waiting
		// to hand over a record: take them all.
	more:
		for len(batch) < maxAuditBatch {
			select {
			case w := <-q.in:
				batch = append(batch, w)
			default:
				break more
			}
		}
		q.commit(batch)
	}
}

// commit writes the batch in one transaction. When that fails, each record
// is tried on its own, so one bad record does not cost the others theirs.
func (q *auditQueue) commit(batch []*auditWait) {
	ctx, cancel := context.WithTimeout(context.Background(), auditCommitTimeout)
	defer cancel()
	es := make([]*care.AuditEvent, len(batch))
	for i, w := range batch {
		es[i] = w.e
	}
	err := q.s.appendAuditTx(ctx, es)
	if err == nil || len(batch) == 1 {
		for _, w := range batch {
			w.err <- err
		}
		return
	}
	for _, w := range batch {
		w.err <- q.s.appendAuditTx(ctx, []*care.AuditEvent{w.e})
	}
}
