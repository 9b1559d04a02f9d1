package care

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// AuditEvent is one access to family data, after NEN 7513. It never holds
// field values: only who, what kind of object, which action and on what
// grounds.
type AuditEvent struct {
	ID           int64
	At           time.Time // UTC, microseconds
	ActorID      int64
	ActorRole    Role
	FamilyID     int64 // the client; 0 when the access concerns no one family
	ObjectType   string
	ObjectID     int64
	Action       Action
	Outcome      string // success, denied, failed
	AccessPoint  string
	Authorised   bool
	Relationship bool
	Consent      bool
	Emergency    bool
	PrevHash     string
	Hash         string
}

// Audit outcomes.
const (
	OutcomeSuccess = "success"
	OutcomeDenied  = "denied"
	OutcomeFailed  = "failed"
)

// GenesisHash is the previous hash of the first record.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// ComputeHash returns the hash that chains e to the record before it: every
// field but ID and Hash, with PrevHash, under SHA-256. The hashed text is
// the fields joined by "|" as fmt's %s, %d and %t print them, with At in
// UTC as RFC 3339 with nanoseconds; every stored chain depends on these
// exact bytes (TestComputeHashPinned).
func (e *AuditEvent) ComputeHash() string {
	var buf [256]byte
	sum := sha256.Sum256(e.appendHashInput(buf[:0]))
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], sum[:])
	return string(out[:])
}

// appendHashInput appends the text that ComputeHash hashes. It builds the
// bytes with strconv instead of fmt.Sprintf: verifying millions of records
// spends much of its time here.
func (e *AuditEvent) appendHashInput(b []byte) []byte {
	b = append(b, e.PrevHash...)
	b = append(b, '|')
	b = e.At.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, '|')
	b = strconv.AppendInt(b, e.ActorID, 10)
	b = append(b, '|')
	b = append(b, e.ActorRole...)
	b = append(b, '|')
	b = strconv.AppendInt(b, e.FamilyID, 10)
	b = append(b, '|')
	b = append(b, e.ObjectType...)
	b = append(b, '|')
	b = strconv.AppendInt(b, e.ObjectID, 10)
	b = append(b, '|')
	b = append(b, e.Action...)
	b = append(b, '|')
	b = append(b, e.Outcome...)
	b = append(b, '|')
	b = append(b, e.AccessPoint...)
	for _, flag := range [...]bool{e.Authorised, e.Relationship, e.Consent, e.Emergency} {
		b = append(b, '|')
		b = strconv.AppendBool(b, flag)
	}
	return b
}
