package care

import (
	"context"
	"time"
)

// Thread is a conversation in a family's file between the family and its
// case managers, and the providers a case manager added to it.
type Thread struct {
	ID            int64
	FamilyID      int64
	Subject       string
	CreatedBy     Person
	CreatedAt     time.Time
	LastMessageAt time.Time
	// Unread is how many messages of others the reader has not seen yet.
	Unread int
	// Providers are the accounts of the providers added to the thread.
	Providers []Person
}

// Message is one message in a thread, with the document it carries.
type Message struct {
	ID        int64
	FamilyID  int64
	ThreadID  int64
	Author    Person
	Body      string
	CreatedAt time.Time
	Document  *Document // without its content; nil when it carries none
}

// Limits of a conversation.
const (
	MaxSubject = MaxName
	MaxMessage = MaxText
)

// ValidateThread checks the subject and first message of a new thread.
func ValidateThread(subject, body string) FieldErrors {
	fe := FieldErrors{}
	text(fe, "subject", subject, MaxSubject, true)
	text(fe, "body", body, MaxMessage, true)
	return fe
}

// ValidateMessage checks a reply.
func ValidateMessage(body string) FieldErrors {
	fe := FieldErrors{}
	text(fe, "body", body, MaxMessage, true)
	return fe
}

// Recipient is an account that takes part in a thread, as a notice of a
// new message needs it.
type Recipient struct {
	AccountID int64
	Email     string
	Locale    string
	// Kind is casemanager, or the link kind: parent, child or provider.
	Kind            string
	NetworkMemberID int64 // providers
}

// Notice asks for one e-mail that says only that there is a new message,
// with a link to the thread: never a name, a subject or a word of it.
type Notice struct {
	Email    string
	Locale   string
	View     View // the door the recipient reads the thread through
	FamilyID int64
	ThreadID int64
}

// Notifier sends the notices of new messages. It runs after the message
// is committed; a failure to send is its own to log.
type Notifier interface {
	NotifyNewMessage(ctx context.Context, notices []Notice)
}

// ThreadStore keeps the conversations and documents of a family's file.
// Every method takes the family id and scopes its query by it: a thread,
// message or document of another family is NotFound.
type ThreadStore interface {
	CreateThread(ctx context.Context, t *Thread) error
	// Threads lists the family's threads, the most recently active first,
	// with the messages unread by reader; with provider set, only the
	// threads that provider's account was added to.
	Threads(ctx context.Context, familyID, reader, provider int64) ([]Thread, error)
	// Thread reads one thread with its providers and reader's unread count.
	Thread(ctx context.Context, familyID, threadID, reader int64) (*Thread, error)
	AddThreadProvider(ctx context.Context, familyID, threadID, accountID, by int64, at time.Time) error
	// AddMessage adds a message to a thread of the family and makes it
	// the thread's latest activity.
	AddMessage(ctx context.Context, m *Message) error
	// Messages lists a thread's messages, oldest first.
	Messages(ctx context.Context, familyID, threadID int64) ([]Message, error)
	// MarkRead records that the account has read the thread up to the
	// message upTo, and may be told again of a message after it.
	MarkRead(ctx context.Context, familyID, threadID, accountID, upTo int64) error
	// ThreadAudience lists every account that takes part in the thread:
	// the case managers, the family's accounts and the providers added,
	// enabled accounts only. With threadID 0 it lists every provider
	// account linked to the family instead of those added.
	ThreadAudience(ctx context.Context, familyID, threadID int64) ([]Recipient, error)
	// ClaimNotices marks, of the accounts, those not told of a message
	// since they last read the thread as told, and returns them.
	ClaimNotices(ctx context.Context, familyID, threadID int64, accountIDs []int64) ([]int64, error)
	AddDocument(ctx context.Context, d *Document) error
	// Document reads one document with its content.
	Document(ctx context.Context, familyID, documentID int64) (*Document, error)
}
