package care

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// ObjectDigestSettings is the audit object of a case manager's digest
// settings (U), with the account as the object's id.
const ObjectDigestSettings = "digest_settings"

// ObjectDigest is the audit object of one daily digest (R): the counts of
// the account's signals read by the digest job on the account's behalf.
const ObjectDigest = "digest"

// DigestAccessPoint is the access point the digest job records.
const DigestAccessPoint = "job:digest"

// DefaultDigestHour is the hour, Dutch time, of the digest of a case
// manager who did not choose one.
const DefaultDigestHour = 7

// DigestSettings is a case manager's choice about the daily digest: on
// unless switched off, at an hour of Dutch time (0–23).
type DigestSettings struct {
	AccountID int64
	Enabled   bool
	Hour      int
}

// DefaultDigestSettings are the settings of an account that chose none.
func DefaultDigestSettings(accountID int64) DigestSettings {
	return DigestSettings{AccountID: accountID, Enabled: true, Hour: DefaultDigestHour}
}

// DigestRecipient is a case manager whose digest is due.
type DigestRecipient struct {
	AccountID int64
	Email     string
	Locale    string // the account's language; "" for Dutch
}

// Digest is one daily digest, claimed for its day: the counts and nothing
// else about the families.
type Digest struct {
	DigestRecipient
	New     int // signals that became due since the previous digest
	Overdue int // signals past their date
}

// SignalCounter counts an account's signals for the digest: how many
// became due since since, and how many are past their date now.
type SignalCounter interface {
	CountSignals(ctx context.Context, accountID int64, since time.Time) (newCount, overdue int, err error)
}

// DigestStore keeps the digest settings and the claim of each day's digest.
type DigestStore interface {
	// DigestSettingsOf returns the account's settings; the defaults when
	// it chose none.
	DigestSettingsOf(ctx context.Context, accountID int64) (DigestSettings, error)
	SaveDigestSettings(ctx context.Context, d DigestSettings) error
	// DigestsDue lists the active case managers whose digest is on, at
	// hour, and not yet claimed for day (YYYYMMDD).
	DigestsDue(ctx context.Context, hour, day int) ([]DigestRecipient, error)
	// ClaimDigest marks day's digest of the account as sent; false when
	// it already was, by this or another instance.
	ClaimDigest(ctx context.Context, accountID int64, day int) (bool, error)
}

// DigestDay is the Dutch calendar day of t as YYYYMMDD, the key of a
// day's digest.
func DigestDay(t time.Time) int {
	y, m, d := t.In(Amsterdam).Date()
	return y*10000 + int(m)*100 + d
}

// ParseDigestHour reads an hour of the day, "7", "07" or "7:00"; false
// when it is not a whole hour from 0 to 23.
func ParseDigestHour(s string) (int, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, ":00"), ".00")
	if s == "" || len(s) > 2 {
		return 0, false
	}
	h, err := strconv.Atoi(s)
	if err != nil || h < 0 || h > 23 || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		return 0, false
	}
	return h, true
}

// MayHaveDigest reports whether the role gets a daily digest: case
// managers, whose caseload has signals.
func MayHaveDigest(r Role) bool { return r == RoleCaseManager }
