package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationsFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func (d dialect) migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationsFS, d.migrationsDir())
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("store: migration %q is not named NNNN_name.sql", name)
		}
		b, err := migrationsFS.ReadFile(path.Join(d.migrationsDir(), name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// applied returns the versions already in the database.
func (s *Store) applied(ctx context.Context) (map[int]bool, error) {
	if _, err := s.w.ExecContext(ctx, s.dialect.createMigrationsTable()); err != nil {
		return nil, fmt.Errorf("store: migrations table: %w", err)
	}
	rows, err := s.w.QueryContext(ctx, `SELECT version FROM schema_migrations /* Store.applied */`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	done := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		done[v] = true
	}
	return done, rows.Err()
}

// Pending returns the names of migrations not yet applied.
func (s *Store) Pending(ctx context.Context) ([]string, error) {
	ms, err := s.dialect.migrations()
	if err != nil {
		return nil, err
	}
	done, err := s.applied(ctx)
	if err != nil {
		return nil, err
	}
	var pending []string
	for _, m := range ms {
		if !done[m.version] {
			pending = append(pending, m.name)
		}
	}
	return pending, nil
}

// Migrate applies every pending migration, each in its own transaction, and
// returns the names of those it applied.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	ms, err := s.dialect.migrations()
	if err != nil {
		return nil, err
	}
	if _, err := s.applied(ctx); err != nil {
		return nil, err
	}
	var ran []string
	for _, m := range ms {
		applied := false
		err := s.sqlTx(ctx, func(tx *sql.Tx) error {
			if err := s.dialect.lockMigrations(ctx, tx); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, m.version, s.now().UTC()); err != nil {
				return err
			}
			applied = true
			return nil
		})
		if err != nil {
			return ran, fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if applied {
			ran = append(ran, m.name)
		}
	}
	return ran, nil
}
