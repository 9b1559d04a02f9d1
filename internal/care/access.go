package care

import "time"

// Link kinds: how an account belongs to a family.
const (
	LinkParent   = "parent"   // a parent or carer, linked to a family member
	LinkChild    = "child"    // the child, from 12
	LinkProvider = "provider" // a provider, linked to a network member
)

// Link ties an account to a family.
type Link struct {
	FamilyID        int64
	AccountID       int64
	Kind            string
	MemberID        int64 // parents and carers
	NetworkMemberID int64 // providers
}

// Invitation asks someone to make an account for a family's file.
type Invitation struct {
	ID              int64
	FamilyID        int64
	Kind            string // parent, child or provider
	MemberID        int64  // the family member invited (parent)
	NetworkMemberID int64  // the network member invited (provider)
	Email           string
	Name            string
	TokenHash       string
	CreatedBy       int64
	CreatedAt       time.Time
	ExpiresAt       time.Time
	UsedAt          time.Time
	AccountID       int64
}

// InvitationValidity is how long an invitation link works.
const InvitationValidity = 7 * 24 * time.Hour

// MinChildAccountAge is the age from which the child can be invited.
const MinChildAccountAge = 12

// Note kinds.
const (
	NoteWish     = "wish"          // what matters to the family, in their words
	NoteFamily   = "note"          // a note from the family
	NoteProvider = "provider_note" // a note from a provider for the case managers
)

// Note is a note or wish added by the family or a provider.
type Note struct {
	ID        int64
	FamilyID  int64
	Author    Person
	Kind      string
	Body      string
	CreatedAt time.Time
}

// Validate checks a note.
func (n *Note) Validate() error {
	fe := FieldErrors{}
	text(fe, "body", n.Body, MaxText, true)
	oneOf(fe, "kind", n.Kind, NoteWish, NoteFamily, NoteProvider)
	return fe.OrNil()
}

// AccessEntry is one line of "who looked at my file": readable, without
// the internal ids of other people.
type AccessEntry struct {
	At           time.Time
	ActorName    string
	Organisation string
	Role         Role
	ObjectType   string
	Action       Action
	Outcome      string
}
