package care

import (
	"reflect"
	"regexp"
	"testing"
	"time"
)

func sampleEvent() AuditEvent {
	return AuditEvent{
		ID: 41, At: time.Date(2026, 6, 15, 10, 0, 0, 123456000, time.UTC), ActorID: 7, ActorRole: RoleCaseManager,
		FamilyID: 12, ObjectType: "contact", ObjectID: 99, Action: ActionCreate, Outcome: OutcomeSuccess,
		AccessPoint: "192.0.2.10", Authorised: true, Relationship: true, Consent: false, Emergency: false,
		PrevHash: GenesisHash, Hash: "",
	}
}

func TestComputeHashShape(t *testing.T) {
	e := sampleEvent()
	h := e.ComputeHash()
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(h) {
		t.Errorf("hash %q is not 64 lower-case hex digits", h)
	}
	if h2 := e.ComputeHash(); h2 != h {
		t.Errorf("hash not stable: %s, then %s", h, h2)
	}
	if len(GenesisHash) != len(h) {
		t.Errorf("GenesisHash has %d characters, a hash %d", len(GenesisHash), len(h))
	}
	// The same instant in another zone is the same record.
	e.At = e.At.In(Amsterdam)
	if got := e.ComputeHash(); got != h {
		t.Error("the hash depends on the time zone of At")
	}
}

// TestComputeHashCoversEveryField changes each field in turn: every field but
// ID and Hash must change the hash, so a field added to AuditEvent and left
// out of the hash fails here.
func TestComputeHashCoversEveryField(t *testing.T) {
	base := sampleEvent()
	want := base.ComputeHash()
	typ := reflect.TypeOf(base)
	for i := range typ.NumField() {
		field := typ.Field(i)
		t.Run(field.Name, func(t *testing.T) {
			e := base
			v := reflect.ValueOf(&e).Elem().Field(i)
			switch x := v.Interface().(type) {
			case time.Time:
				v.Set(reflect.ValueOf(x.Add(time.Microsecond)))
			default:
				switch v.Kind() {
				case reflect.Int64, reflect.Int:
					v.SetInt(v.Int() + 1)
				case reflect.String:
					v.SetString(v.String() + "x")
				case reflect.Bool:
					v.SetBool(!v.Bool())
				default:
					t.Fatalf("field %s of kind %s: teach this test to change it", field.Name, v.Kind())
				}
			}
			got := e.ComputeHash()
			excluded := field.Name == "ID" || field.Name == "Hash"
			if excluded && got != want {
				t.Errorf("changing %s changed the hash; it must not be part of it", field.Name)
			}
			if !excluded && got == want {
				t.Errorf("changing %s left the hash unchanged", field.Name)
			}
		})
	}
}

// TestComputeHashFieldBoundaries checks that moving text from one field to
// the next changes the hash.
func TestComputeHashFieldBoundaries(t *testing.T) {
	a, b := sampleEvent(), sampleEvent()
	a.ObjectType, a.ObjectID = "contact", 1
	b.ObjectType, b.ObjectID = "contact|1", 0
	if a.ComputeHash() == b.ComputeHash() {
		t.Error("different records have one hash")
	}
}
