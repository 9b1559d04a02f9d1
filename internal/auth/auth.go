package auth

import (
	"context"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Account is someone who can log in.
type Account struct {
	ID             int64
	OrganisationID int64
	Email          string // lower case
	Name           string
	Role           care.Role
	PasswordHash   string
	TOTPSecret     string // empty until enrolled
	TOTPLastStep   int64
	MFAExempt      bool // demo accounts only
	Locale         string
	DisabledAt     time.Time // zero while active
	CreatedAt      time.Time
}

// Active reports whether the account may log in.
func (a *Account) Active() bool { return a.DisabledAt.IsZero() }

// MFAEnrolled reports whether the account has a second factor.
func (a *Account) MFAEnrolled() bool { return a.TOTPSecret != "" }

// Session is a login held on the server; the browser has only its token.
type Session struct {
	TokenHash         string
	AccountID         int64
	MFADone           bool   // the second factor was given (or is not required)
	PendingTOTPSecret string // a secret being enrolled, until its first code
	CreatedAt         time.Time
	LastSeenAt        time.Time
}

// LinkKind says what the holder of an account link does with it.
type LinkKind string

// The kinds of account link. Every kind sets a new password; the second
// factor is set up anew for LinkNewAccount and LinkSecondFactor, and for
// LinkPassword when the account has none.
const (
	LinkNewAccount   LinkKind = "new"      // an account an administrator made
	LinkPassword     LinkKind = "password" // an administrator reset the password
	LinkSecondFactor LinkKind = "mfa"      // an administrator reset the second factor
)

// AccountLink is a single-use link with which an account's holder sets a
// new password (and, when it has none, a second factor). The holder gets
// the token by e-mail; only its hash is stored.
type AccountLink struct {
	ID        int64
	AccountID int64
	Kind      LinkKind
	TokenHash string
	CreatedBy int64 // the administrator; 0 for the server operator
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero while unused
}

// Throttle scopes: failures are counted per account and per address.
const (
	ScopeAccount = "account"
	ScopeAddress = "address"
)

// Store is what auth needs from the database.
type Store interface {
	ReachabilityStore
	CreateAccount(ctx context.Context, a *Account) error
	AccountByID(ctx context.Context, id int64) (*Account, error)
	AccountByEmail(ctx context.Context, email string) (*Account, error)
	Accounts(ctx context.Context) ([]*Account, error)
	// SetAccountPassword replaces the hash and deletes the account's sessions
	// except keepSession.
	SetAccountPassword(ctx context.Context, id int64, hash, keepSession string) error
	// DisableAccount marks the account disabled and deletes all its sessions.
	DisableAccount(ctx context.Context, id int64, at time.Time) error
	EnableAccount(ctx context.Context, id int64) error
	// SetAccountTOTP stores a confirmed secret with the step of its first
	// code and replaces the recovery codes.
	SetAccountTOTP(ctx context.Context, id int64, secret string, step int64, recoveryHashes []string) error
	// ResetAccountMFA removes the secret and recovery codes and deletes all sessions.
	ResetAccountMFA(ctx context.Context, id int64) error
	// UseTOTPStep records step as used if it is newer than the last one; it
	// reports whether it was.
	UseTOTPStep(ctx context.Context, id int64, step int64) (bool, error)
	// UseRecoveryCode marks an unused code as used and reports whether it was unused.
	UseRecoveryCode(ctx context.Context, id int64, hash string, at time.Time) (bool, error)
	UnusedRecoveryCodes(ctx context.Context, id int64) (int, error)
	SetAccountLocale(ctx context.Context, id int64, locale string) error

	CreateSession(ctx context.Context, s *Session) error
	SessionByTokenHash(ctx context.Context, hash string) (*Session, error)
	// SessionWithAccount returns the session and its account; NotFound
	// when there is no such session.
	SessionWithAccount(ctx context.Context, hash string) (*Session, *Account, error)
	TouchSession(ctx context.Context, hash string, at time.Time) error
	UpdateSession(ctx context.Context, s *Session) error
	DeleteSession(ctx context.Context, hash string) error
	// DeleteSessions deletes every session idle since idleBefore or created
	// before createdBefore and returns how many.
	DeleteSessions(ctx context.Context, idleBefore, createdBefore time.Time) (int64, error)

	// AtomicAccounts runs fn with a Store bound to one write transaction,
	// committed when fn returns nil: a change to an account and its audit
	// record are kept together or not at all.
	AtomicAccounts(ctx context.Context, fn func(Store) error) error
	// AppendAudit chains e to the audit trail: inside AtomicAccounts as
	// part of its transaction, outside one durably before it returns.
	AppendAudit(ctx context.Context, e *care.AuditEvent) error

	// CreateAccountLink stores l and sets its ID. Every unused link the
	// account had expires: only the newest one works.
	CreateAccountLink(ctx context.Context, l *AccountLink) error
	// AccountLinkByTokenHash returns the link with the token hash;
	// NotFound when there is none.
	AccountLinkByTokenHash(ctx context.Context, hash string) (*AccountLink, error)
	// UseAccountLink marks an unused, unexpired link used; one UPDATE
	// makes it single-use. A used or expired link is a Conflict.
	UseAccountLink(ctx context.Context, id int64, at time.Time) error

	// ServerSecret returns the secret called name, storing candidate as
	// that secret first when there is none yet: the first instance to ask
	// makes it, and every instance gets the same one.
	ServerSecret(ctx context.Context, name, candidate string) (string, error)

	RecordLoginFailure(ctx context.Context, scope, key string, at time.Time) error
	CountLoginFailures(ctx context.Context, scope, key string, since time.Time) (int, error)
	ClearLoginFailures(ctx context.Context, scope, key string) error
	DeleteLoginFailures(ctx context.Context, before time.Time) (int64, error)
}
