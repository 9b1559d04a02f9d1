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
	// NetworkEndedOn is when the provider's involvement in the network
	// ended; zero while involved. An ended provider has no access, as
	// after a withdrawal of consent.
	NetworkEndedOn time.Time
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
	// ChildName is the child's, filled in when the invitation is made, for
	// the page that says it was; it is not stored.
	ChildName string
}

// FillInvitation fills in the name and e-mail address of the person inv
// invites, from the family member or network member it names, where they
// were left empty.
func (f *File) FillInvitation(inv *Invitation) {
	name, email := "", ""
	switch inv.Kind {
	case LinkParent:
		for _, m := range f.Members {
			if m.ID == inv.MemberID {
				name, email = m.Name, m.Email
			}
		}
	case LinkProvider:
		for _, n := range f.Network {
			if n.ID == inv.NetworkMemberID {
				name, email = n.Name, n.Email
			}
		}
	case LinkChild:
		name = f.Family.ChildName
	}
	if inv.Name == "" {
		inv.Name = name
	}
	if inv.Email == "" {
		inv.Email = email
	}
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
