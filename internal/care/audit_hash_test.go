package care

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"
)

// legacyHash is ComputeHash as it was first written, with fmt.Sprintf. Every
// stored record was hashed this way, so the faster ComputeHash must give the
// same bytes for every record.
func legacyHash(e *AuditEvent) string {
	s := fmt.Sprintf("%s|%s|%d|%s|%d|%s|%d|%s|%s|%s|%t|%t|%t|%t",
		e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), e.ActorID, e.ActorRole, e.FamilyID, e.ObjectType,
		e.ObjectID, e.Action, e.Outcome, e.AccessPoint, e.Authorised, e.Relationship, e.Consent, e.Emergency)
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestComputeHashPinned holds hashes computed by the first implementation:
// changing how a record is hashed would break every stored chain.
func TestComputeHashPinned(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		e    AuditEvent
		want string
	}{
		{"a case manager creates a contact", sampleEvent(),
			"ad59b46c35258b41c9f6685890287ddbfd61409a319e54063c8c70d6554cac7e"},
		{"whole seconds, zero values", AuditEvent{At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), ObjectType: "family",
			Action: ActionRead, Outcome: OutcomeDenied, PrevHash: GenesisHash},
			"069e3c6a2c0f2de6a4ac7a00082c1d21df821c198af9943026167c49e92dfe18"},
		{"summer time, large and negative numbers, a bar in the access point", AuditEvent{
			At: time.Date(2026, 7, 1, 12, 0, 0, 100000, ams), ActorID: 1 << 40, ActorRole: RoleProvider, FamilyID: -3,
			ObjectType: "task", ObjectID: 9223372036854775807, Action: ActionLogin, Outcome: OutcomeFailed,
			AccessPoint: "2001:db8::1|x", Relationship: true, Consent: true, Emergency: true, PrevHash: "ab"},
			"ea7d4b1d2ff70ae8c247fd323a514893b955dca25ce4cc85867553b453b49350"},
		{"last microsecond of a century, non-ASCII text", AuditEvent{
			At: time.Date(1999, 12, 31, 23, 59, 59, 999999000, time.UTC), ObjectType: "kind ë", ObjectID: -1,
			Action: ActionSearch, Outcome: OutcomeSuccess, Authorised: true, Emergency: true, PrevHash: "x"},
			"ef5092a577973be02d849a3d37c31439ffa9f9e2fc42d1bc4c2f90168f59150c"},
		{"the hour that does not exist in Amsterdam, empty strings", AuditEvent{
			At: time.Date(2027, 3, 28, 1, 30, 0, 120000000, ams)},
			"2e4368987b0107568322debe8edbfb39e13809b10850c95c1f26b15053af7fd7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.ComputeHash(); got != tt.want {
				t.Errorf("ComputeHash = %s, want %s", got, tt.want)
			}
			if got := legacyHash(&tt.e); got != tt.want {
				t.Errorf("the reference gives %s, want %s: the pinned value is wrong", got, tt.want)
			}
		})
	}
}

// FuzzComputeHash compares ComputeHash with the first implementation on
// any record.
func FuzzComputeHash(f *testing.F) {
	f.Add(GenesisHash, int64(1781517600123456789), int64(7), "casemanager", int64(12), "contact", int64(99), "C",
		"success", "192.0.2.10", true, true, false, false)
	f.Add("", int64(0), int64(-1), "", int64(-1<<63), "a|b", int64(1<<62), "", "", "ë\x00\xff", false, false, true, true)
	f.Fuzz(func(t *testing.T, prev string, unixNano, actor int64, role string, family int64, objType string, objID int64,
		action, outcome, accessPoint string, authorised, relationship, consent, emergency bool) {
		e := AuditEvent{At: time.Unix(0, unixNano), ActorID: actor, ActorRole: Role(role), FamilyID: family,
			ObjectType: objType, ObjectID: objID, Action: Action(action), Outcome: outcome, AccessPoint: accessPoint,
			Authorised: authorised, Relationship: relationship, Consent: consent, Emergency: emergency, PrevHash: prev}
		if got, want := e.ComputeHash(), legacyHash(&e); got != want {
			t.Errorf("ComputeHash = %s, the first implementation %s, for %+v", got, want, e)
		}
	})
}

func BenchmarkComputeHash(b *testing.B) {
	e := sampleEvent()
	b.ReportAllocs()
	for b.Loop() {
		e.ComputeHash()
	}
}
