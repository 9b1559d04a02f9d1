package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
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

// ErrForeignDatabase says that a database holds tables but is not Spil's:
// it has no schema_migrations table of Spil's making, or lacks the tables
// its migrations made. Spil neither migrates nor serves it.
var ErrForeignDatabase = errors.New("store: the database holds tables but is not a Spil database")

// ErrSchemaNewer says that a newer version of Spil has migrated the
// database: this version does not know its schema and must not write it.
var ErrSchemaNewer = errors.New("store: the database was migrated by a newer version of Spil")

// applied returns the versions already in the database. It only reads: a
// new database has no schema_migrations table yet, and an empty set is
// the answer. A database with tables of its own but without Spil's
// bookkeeping is ErrForeignDatabase, and one with a migration newer than
// this binary knows is ErrSchemaNewer.
func (s *Store) applied(ctx context.Context) (map[int]bool, error) {
	tables, err := s.tables(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: list tables: %w", err)
	}
	done := map[int]bool{}
	if !tables["schema_migrations"] {
		if len(tables) > 0 {
			return nil, fmt.Errorf("%w: it has %d tables and no schema_migrations", ErrForeignDatabase, len(tables))
		}
		return done, nil
	}
	rows, err := s.w.QueryContext(ctx, `SELECT version, applied_at FROM schema_migrations /* Store.applied */`)
	if err != nil {
		// Another tool's table of the same name (golang-migrate's has
		// version and dirty).
		return nil, fmt.Errorf("%w: its schema_migrations is not Spil's (%v)", ErrForeignDatabase, err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		var at any
		if err := rows.Scan(&v, &at); err != nil {
			return nil, err
		}
		done[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if done[1] && (!tables["accounts"] || !tables["organisations"]) {
		return nil, fmt.Errorf("%w: its schema_migrations says Spil's first migration ran, but its tables are not there", ErrForeignDatabase)
	}
	ms, err := s.dialect.migrations()
	if err != nil {
		return nil, err
	}
	known := 0
	if len(ms) > 0 {
		known = ms[len(ms)-1].version
	}
	newest := 0
	for v := range done {
		newest = max(newest, v)
	}
	if newest > known {
		return nil, fmt.Errorf("%w (it has migration %04d; this version knows up to %04d): "+
			"run the newer version, or restore a backup that this version made", ErrSchemaNewer, newest, known)
	}
	return done, nil
}

// tables returns the names of the database's own tables: on SQLite those
// of the file, on PostgreSQL those of the current schema.
func (s *Store) tables(ctx context.Context) (map[string]bool, error) {
	rows, err := s.w.QueryContext(ctx, s.dialect.tablesQuery())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names[name] = true
	}
	return names, rows.Err()
}

// Pending returns the names of migrations not yet applied. It writes
// nothing.
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
	if _, err := s.w.ExecContext(ctx, s.dialect.createMigrationsTable()); err != nil {
		return nil, fmt.Errorf("store: migrations table: %w", storageError(err))
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

// MigrationsDigest identifies the set of migrations this build carries,
// both dialects: a hex SHA-256 over every file's name and content. Tests
// name a migrated template database by it, so a changed migration makes a
// new template.
func MigrationsDigest() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrationsFS, "migrations", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := migrationsFS.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
