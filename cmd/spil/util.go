package main

import "strings"

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqlitePath is the file of a SQLite --db value, which may carry the
// "sqlite:" prefix that store.Open accepts.
func sqlitePath(dsn string) string { return strings.TrimPrefix(dsn, "sqlite:") }
