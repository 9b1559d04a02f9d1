// Package care holds Spil's domain: the types, rules and error kinds that every
// surface (web, API, jobs) shares.
package care

import (
	"errors"
	"fmt"
)

// Code is the kind of an error; the web layer maps each code to one HTTP status.
type Code string

// The error kinds. Keep this list short: every surface must handle all of them.
const (
	NotFound     Code = "not_found"
	Invalid      Code = "invalid"
	Conflict     Code = "conflict"
	Forbidden    Code = "forbidden"
	Unauthorized Code = "unauthorized"
	TooMany      Code = "too_many"
	// Unavailable: the request was sound but Spil cannot carry it out now
	// (its storage is full); trying again later may work.
	Unavailable Code = "unavailable"
	Internal    Code = "internal"
)

// Error is an error with a kind and a message that is safe to show to a user.
// Message is a catalog key or short English text; it never holds personal data.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error of the given kind.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrStorageFull is the error of a write that failed because the database's
// storage is full (SQLite's SQLITE_FULL, PostgreSQL's disk_full). The store
// wraps the driver's error in it, so errors.Is finds it and ErrorCode is
// Unavailable.
var ErrStorageFull = &Error{Code: Unavailable, Message: "storage full"}

// ErrorCode returns the kind of err: the Code of the first *Error in its chain,
// Internal for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// ErrorMessage returns the user-safe message of err, or "" when err carries none.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return ""
}
