package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"sync"
	"testing"

	"github.com/spil-zorg/spil/internal/store"
)

// A fresh migrated PostgreSQL database for a test is a copy of a template
// database that was migrated once: CREATE DATABASE … TEMPLATE copies files
// and takes a fraction of the time that running every migration again
// takes. The template is named by the digest of the migrations, so a
// changed migration makes a new one, and test processes running at the
// same time share it (an advisory lock makes one of them build it).

var pgAdmin struct {
	once sync.Once
	db   *sql.DB
	tmpl string
	err  error
}

// templateLockKey is the advisory lock taken while a template is built.
const templateLockKey = 7_310_201

// migratedPostgresDSN returns the DSN of a new database in the cluster of
// base, cloned from the migrated template; it is dropped when the test ends.
func migratedPostgresDSN(t testing.TB, base string) string {
	t.Helper()
	pgAdmin.once.Do(func() { pgAdmin.db, pgAdmin.tmpl, pgAdmin.err = prepareTemplate(base) })
	if pgAdmin.err != nil {
		t.Fatalf("PostgreSQL template database: %v", pgAdmin.err)
	}
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	if _, err := pgAdmin.db.ExecContext(ctx, `CREATE DATABASE `+name+` TEMPLATE `+pgAdmin.tmpl); err != nil {
		t.Fatalf("create database from template: %v", err)
	}
	t.Cleanup(func() {
		_, _ = pgAdmin.db.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	})
	dsn, err := withDatabase(base, name)
	if err != nil {
		t.Fatalf("SPIL_TEST_POSTGRES: %v", err)
	}
	return dsn
}

// prepareTemplate connects to the cluster of base and makes sure the
// template for this build's migrations exists and is complete.
func prepareTemplate(base string) (*sql.DB, string, error) {
	digest, err := store.MigrationsDigest()
	if err != nil {
		return nil, "", err
	}
	tmpl := "spil_tmpl_" + digest[:16]
	db, err := sql.Open("pgx", base)
	if err != nil {
		return nil, "", err
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, templateLockKey); err != nil {
		db.Close()
		return nil, "", err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, templateLockKey)

	// A template is marked as one only after its migrations ran, so a
	// build that was cut off is not used: it is dropped and made again.
	var isTemplate bool
	err = conn.QueryRowContext(ctx, `SELECT datistemplate FROM pg_database WHERE datname = $1`, tmpl).Scan(&isTemplate)
	switch {
	case err == nil && isTemplate:
		return db, tmpl, nil
	case err == nil:
		if _, err := conn.ExecContext(ctx, `DROP DATABASE `+tmpl+` WITH (FORCE)`); err != nil {
			db.Close()
			return nil, "", err
		}
	case err != sql.ErrNoRows:
		db.Close()
		return nil, "", err
	}
	if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+tmpl); err != nil {
		db.Close()
		return nil, "", err
	}
	dsn, err := withDatabase(base, tmpl)
	if err != nil {
		db.Close()
		return nil, "", err
	}
	s, err := store.Open(ctx, dsn)
	if err == nil {
		_, err = s.Migrate(ctx)
		s.Close()
	}
	if err == nil {
		_, err = conn.ExecContext(ctx, `ALTER DATABASE `+tmpl+` WITH IS_TEMPLATE true`)
	}
	if err != nil {
		db.Close()
		return nil, "", fmt.Errorf("migrate %s: %w", tmpl, err)
	}
	return db, tmpl, nil
}

// withDatabase returns base with its database name replaced.
func withDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}
