package care

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
// field but ID and Hash, with PrevHash, under SHA-256.
func (e *AuditEvent) ComputeHash() string {
	s := fmt.Sprintf("%s|%s|%d|%s|%d|%s|%d|%s|%s|%s|%t|%t|%t|%t",
		e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), e.ActorID, e.ActorRole, e.FamilyID, e.ObjectType,
		e.ObjectID, e.Action, e.Outcome, e.AccessPoint, e.Authorised, e.Relationship, e.Consent, e.Emergency)
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
