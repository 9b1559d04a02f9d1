//go:build !linux && !darwin

package store

// freeSpace is unknown here; the write probe alone tells.
func freeSpace(dir string) (uint64, bool) { return 0, false }
