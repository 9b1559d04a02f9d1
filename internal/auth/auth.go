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

// Throttle scopes: failures are counted per account and per address.
const (
	ScopeAccount = "account"
	ScopeAddress = "address"
)

// Store is what auth needs from the database.
type Store interface {
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

	RecordLoginFailure(ctx context.Context, scope, key string, at time.Time) error
	CountLoginFailures(ctx context.Context, scope, key string, since time.Time) (int, error)
	ClearLoginFailures(ctx context.Context, scope, key string) error
	DeleteLoginFailures(ctx context.Context, before time.Time) (int64, error)
}
