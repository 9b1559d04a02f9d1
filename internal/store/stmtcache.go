package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps a prepared statement per query text for one pool, so
// that SQLite parses and plans a query once per connection instead of at
// every call: database/sql prepares a cached statement on each connection
// the first time it runs there, and reuses it after.
//
// A statement is prepared in the background the first time its query is
// seen, and that call runs unprepared: preparing on the pool needs a free
// connection, which a caller holding one inside a transaction might wait
// for forever (the writer pool has one).
type stmtCache struct {
	db      *sql.DB
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool
	closed  bool
	wg      sync.WaitGroup
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the statement for q, or nil when it is not ready yet.
func (c *stmtCache) get(q string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.stmts[q]; st != nil || c.closed || c.pending[q] {
		return st
	}
	c.pending[q] = true
	c.wg.Go(func() {
		st, err := c.db.PrepareContext(context.Background(), q)
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.pending, q)
		switch {
		case err != nil:
			// Not cached: the query runs unprepared, and reports its own error.
		case c.closed:
			st.Close()
		default:
			c.stmts[q] = st
		}
	})
	return nil
}

// close closes every statement, after the ones being prepared.
func (c *stmtCache) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.wg.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// cachedQueryer runs queries on a pool, or in a transaction on it, through
// the pool's statement cache.
type cachedQueryer struct {
	cache *stmtCache
	tx    *sql.Tx // nil: on the pool
}

func (q cachedQueryer) stmt(ctx context.Context, query string) *sql.Stmt {
	st := q.cache.get(query)
	if st == nil || q.tx == nil {
		return st
	}
	return q.tx.StmtContext(ctx, st)
}

func (q cachedQueryer) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := q.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	if q.tx != nil {
		return q.tx.ExecContext(ctx, query, args...)
	}
	return q.cache.db.ExecContext(ctx, query, args...)
}

func (q cachedQueryer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := q.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	if q.tx != nil {
		return q.tx.QueryContext(ctx, query, args...)
	}
	return q.cache.db.QueryContext(ctx, query, args...)
}

func (q cachedQueryer) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := q.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	if q.tx != nil {
		return q.tx.QueryRowContext(ctx, query, args...)
	}
	return q.cache.db.QueryRowContext(ctx, query, args...)
}
