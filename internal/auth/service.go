package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Config tunes the Service. Zero fields take the defaults in NewService.
type Config struct {
	Params          Params
	IdleTimeout     time.Duration // default 30 min
	AbsoluteTimeout time.Duration // default 12 h
	// MaxAccountFailures and MaxAddressFailures within ThrottleWindow lock
	// further attempts for that account or address until the window passes.
	MaxAccountFailures int           // default 5
	MaxAddressFailures int           // default 30
	ThrottleWindow     time.Duration // default 15 min
	// MaxFeedFetches and MaxFeedAddressFetches within ThrottleWindow
	// limit the fetches of one calendar feed, and of all feeds from one
	// address (a calendar service fetches many people's feeds).
	MaxFeedFetches        int    // default 30
	MaxFeedAddressFetches int    // default 600
	Issuer                string // shown in authenticator apps, default "Spil"
	Now                   func() time.Time
	// MaxHashing is how many password hashes are worked out at once
	// (default: one per core). Each holds Params.Memory; more wait their
	// turn, so a burst of logins costs time, not memory without bound.
	MaxHashing int
}

// LoginAudit records login attempts; care.Service is one.
type LoginAudit interface {
	// RecordLogin records an attempt (outcome success or failed) against
	// the account, or 0 when the address matched none.
	RecordLogin(ctx context.Context, accountID int64, role care.Role, accessPoint, outcome string) error
}

// Service logs accounts in and keeps their sessions.
type Service struct {
	store   Store
	cfg     Config
	dummy   func() string // a hash to verify against when no account matches
	audit   LoginAudit    // nil records nothing (tools that make accounts)
	hashing chan struct{} // a slot per password hash being worked out
	// tkey keys the hashes of the throttle's counters; Open loads it.
	tkey []byte
}

// SetLoginAudit has every password check recorded in the audit trail.
func (s *Service) SetLoginAudit(a LoginAudit) { s.audit = a }

// Open returns a Service on store with its throttle key loaded: a random
// secret made once and kept in the database, so every instance and every
// restart counts under the same keys. A Service that throttles logins
// must be made with Open.
func Open(ctx context.Context, store Store, cfg Config) (*Service, error) {
	s := NewService(store, cfg)
	if err := s.loadThrottleKey(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// throttleSecret names the throttle key among the server's secrets.
const throttleSecret = "throttle_key"

func (s *Service) loadThrottleKey(ctx context.Context) error {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	v, err := s.store.ServerSecret(ctx, throttleSecret, hex.EncodeToString(b))
	if err != nil {
		return fmt.Errorf("auth: throttle key: %w", err)
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) < 32 {
		return errors.New("auth: the stored throttle key is not 32 bytes of hex")
	}
	s.tkey = key
	return nil
}

// NewService returns a Service on store, without the throttle key: enough
// to make accounts and check sessions, but its logins fail. Use Open to
// log in.
func NewService(store Store, cfg Config) *Service {
	if cfg.Params == (Params{}) {
		cfg.Params = DefaultParams
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.AbsoluteTimeout == 0 {
		cfg.AbsoluteTimeout = 12 * time.Hour
	}
	if cfg.MaxAccountFailures == 0 {
		cfg.MaxAccountFailures = 5
	}
	if cfg.MaxAddressFailures == 0 {
		cfg.MaxAddressFailures = 30
	}
	if cfg.MaxFeedFetches == 0 {
		cfg.MaxFeedFetches = 30
	}
	if cfg.MaxFeedAddressFetches == 0 {
		cfg.MaxFeedAddressFetches = 600
	}
	if cfg.ThrottleWindow == 0 {
		cfg.ThrottleWindow = 15 * time.Minute
	}
	if cfg.Issuer == "" {
		cfg.Issuer = "Spil"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxHashing <= 0 {
		cfg.MaxHashing = runtime.GOMAXPROCS(0)
	}
	s := &Service{store: store, cfg: cfg, hashing: make(chan struct{}, cfg.MaxHashing)}
	s.dummy = sync.OnceValue(func() string {
		h, _ := HashPassword(RandomPassword(), cfg.Params)
		return h
	})
	return s
}

// Config returns the effective configuration.
func (s *Service) Config() Config { return s.cfg }

func (s *Service) now() time.Time { return s.cfg.Now().UTC() }

// NormalizeEmail lower-cases and trims an e-mail address.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// errNoThrottleKey is what a Service made without Open answers a login.
var errNoThrottleKey = errors.New("auth: no throttle key; make the service with auth.Open")

// throttleKey is the key a failure is counted under: an HMAC-SHA256 of the
// scope and the e-mail or client address, with the server's secret key, so
// the failures table holds no addresses, and a copy of it without the key
// cannot be searched for a known address either.
func (s *Service) throttleKey(scope, key string) (string, error) {
	if s.tkey == nil {
		return "", errNoThrottleKey
	}
	m := hmac.New(sha256.New, s.tkey)
	m.Write([]byte(scope + ":" + key))
	return hex.EncodeToString(m.Sum(nil)[:16]), nil
}

// ErrThrottled is returned while an account or address is locked out.
var ErrThrottled = care.Errorf(care.TooMany, "login.throttled")

// ErrBadLogin is returned for any wrong e-mail/password combination, so the
// answer does not tell which part was wrong or whether the account exists.
var ErrBadLogin = care.Errorf(care.Unauthorized, "login.bad_credentials")

// ErrBadCode is returned for a wrong, reused or expired second-factor code.
var ErrBadCode = care.Errorf(care.Unauthorized, "mfa.bad_code")

func (s *Service) throttled(ctx context.Context, email, addr string) error {
	since := s.now().Add(-s.cfg.ThrottleWindow)
	key, err := s.throttleKey(ScopeAccount, email)
	if err != nil {
		return err
	}
	n, err := s.store.CountLoginFailures(ctx, ScopeAccount, key, since)
	if err != nil {
		return err
	}
	if n >= s.cfg.MaxAccountFailures {
		return ErrThrottled
	}
	if addr != "" {
		if key, err = s.throttleKey(ScopeAddress, addr); err != nil {
			return err
		}
		n, err = s.store.CountLoginFailures(ctx, ScopeAddress, key, since)
		if err != nil {
			return err
		}
		if n >= s.cfg.MaxAddressFailures {
			return ErrThrottled
		}
	}
	return nil
}

func (s *Service) fail(ctx context.Context, email, addr string) error {
	at := s.now()
	key, err := s.throttleKey(ScopeAccount, email)
	if err != nil {
		return err
	}
	if err := s.store.RecordLoginFailure(ctx, ScopeAccount, key, at); err != nil {
		return err
	}
	if addr != "" {
		if key, err = s.throttleKey(ScopeAddress, addr); err != nil {
			return err
		}
		return s.store.RecordLoginFailure(ctx, ScopeAddress, key, at)
	}
	return nil
}

// CheckPassword verifies e-mail and password for a login from addr. It
// returns ErrThrottled while locked out and ErrBadLogin for any mismatch,
// including disabled and unknown accounts. Every check that refuses or
// accepts a login is recorded in the audit trail, against the account the
// address names, if any; a login whose record cannot be written fails.
func (s *Service) CheckPassword(ctx context.Context, email, password, addr string) (*Account, error) {
	email = NormalizeEmail(email)
	a, err := s.checkPassword(ctx, email, password, addr)
	if aerr := s.recordLogin(ctx, email, a, addr, err); aerr != nil {
		return nil, errors.Join(err, aerr)
	}
	return a, err
}

// recordLogin audits the outcome err of a password check. Errors other
// than a refused login (a database error) are not attempts and are not
// recorded.
func (s *Service) recordLogin(ctx context.Context, email string, a *Account, addr string, err error) error {
	if s.audit == nil {
		return nil
	}
	switch care.ErrorCode(err) {
	case "":
		return s.audit.RecordLogin(ctx, a.ID, a.Role, addr, care.OutcomeSuccess)
	case care.Unauthorized, care.TooMany:
		var id int64
		var role care.Role
		if known, lerr := s.store.AccountByEmail(ctx, email); lerr == nil {
			id, role = known.ID, known.Role
		}
		return s.audit.RecordLogin(ctx, id, role, addr, care.OutcomeFailed)
	}
	return nil
}

func (s *Service) checkPassword(ctx context.Context, email, password, addr string) (*Account, error) {
	if err := s.throttled(ctx, email, addr); err != nil {
		return nil, err
	}
	if len(password) > 4*MaxPasswordLen {
		// Never hash megabytes; still count the attempt.
		password = password[:4*MaxPasswordLen]
	}
	a, err := s.store.AccountByEmail(ctx, email)
	if err != nil && care.ErrorCode(err) != care.NotFound {
		return nil, err
	}
	if a == nil {
		if _, err := s.verify(ctx, password, s.dummy()); err != nil { // same work as a real check
			return nil, err
		}
		return nil, s.badLogin(ctx, email, addr)
	}
	ok, err := s.verify(ctx, password, a.PasswordHash)
	if err != nil {
		return nil, err
	}
	if !ok || !a.Active() {
		return nil, s.badLogin(ctx, email, addr)
	}
	// The failure count is not cleared here but only when the whole login
	// succeeds (LoginComplete): else the password alone would reset the
	// count of wrong second-factor codes.
	return a, nil
}

// LoginComplete clears the account's failure count once the login has
// fully succeeded, second factor included.
func (s *Service) LoginComplete(ctx context.Context, a *Account) error {
	key, err := s.throttleKey(ScopeAccount, a.Email)
	if err != nil {
		return err
	}
	return s.store.ClearLoginFailures(ctx, ScopeAccount, key)
}

func (s *Service) badLogin(ctx context.Context, email, addr string) error {
	if err := s.fail(ctx, email, addr); err != nil {
		return err
	}
	return ErrBadLogin
}

// CheckCode verifies a TOTP code or a recovery code for a. Each TOTP code and
// each recovery code works once. Failures count towards the throttle.
func (s *Service) CheckCode(ctx context.Context, a *Account, code, addr string) error {
	if err := s.throttled(ctx, a.Email, addr); err != nil {
		return err
	}
	ok := false
	if looksLikeRecoveryCode(code) {
		used, err := s.store.UseRecoveryCode(ctx, a.ID, hashRecoveryCode(code), s.now())
		if err != nil {
			return err
		}
		ok = used
	} else if step := matchTOTP(a.TOTPSecret, code, s.now()); step > 0 && a.TOTPSecret != "" {
		used, err := s.store.UseTOTPStep(ctx, a.ID, step)
		if err != nil {
			return err
		}
		ok = used
	}
	if !ok {
		if err := s.fail(ctx, a.Email, addr); err != nil {
			return err
		}
		return ErrBadCode
	}
	return s.LoginComplete(ctx, a)
}

// BeginEnrolment makes a new TOTP secret and keeps it in the session until
// ConfirmEnrolment sees its first code.
func (s *Service) BeginEnrolment(ctx context.Context, sess *Session, a *Account) (*Enrolment, error) {
	if sess.PendingTOTPSecret != "" {
		return EnrolmentFromSecret(s.cfg.Issuer, a.Email, sess.PendingTOTPSecret)
	}
	e, err := NewEnrolment(s.cfg.Issuer, a.Email)
	if err != nil {
		return nil, err
	}
	sess.PendingTOTPSecret = e.Secret
	if err := s.store.UpdateSession(ctx, sess); err != nil {
		return nil, err
	}
	return e, nil
}

// ConfirmEnrolment checks the first code of the pending secret, stores the
// secret and returns fresh recovery codes to show once.
func (s *Service) ConfirmEnrolment(ctx context.Context, sess *Session, a *Account, code, addr string) ([]string, error) {
	if err := s.throttled(ctx, a.Email, addr); err != nil {
		return nil, err
	}
	if sess.PendingTOTPSecret == "" {
		return nil, care.Errorf(care.Invalid, "mfa.no_enrolment")
	}
	step := matchTOTP(sess.PendingTOTPSecret, code, s.now())
	if step == 0 {
		if err := s.fail(ctx, a.Email, addr); err != nil {
			return nil, err
		}
		return nil, ErrBadCode
	}
	codes, hashes := newRecoveryCodes()
	if err := s.store.SetAccountTOTP(ctx, a.ID, sess.PendingTOTPSecret, step, hashes); err != nil {
		return nil, err
	}
	if err := s.LoginComplete(ctx, a); err != nil {
		return nil, err
	}
	a.TOTPSecret, a.TOTPLastStep = sess.PendingTOTPSecret, step
	sess.PendingTOTPSecret = ""
	sess.MFADone = true
	if err := s.store.UpdateSession(ctx, sess); err != nil {
		return nil, err
	}
	return codes, nil
}

// StartSession creates a new session for a and returns its token. A login
// always gets a new token, so a token planted before login is worthless.
func (s *Service) StartSession(ctx context.Context, a *Account, mfaDone bool) (string, *Session, error) {
	token, hash := newToken()
	now := s.now()
	sess := &Session{TokenHash: hash, AccountID: a.ID, MFADone: mfaDone, CreatedAt: now, LastSeenAt: now}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// RenewSession replaces the session with a new token, keeping its state;
// used when the second factor is given.
func (s *Service) RenewSession(ctx context.Context, old *Session) (string, *Session, error) {
	token, hash := newToken()
	now := s.now()
	sess := *old
	sess.TokenHash, sess.CreatedAt, sess.LastSeenAt = hash, now, now
	if err := s.store.CreateSession(ctx, &sess); err != nil {
		return "", nil, err
	}
	if err := s.store.DeleteSession(ctx, old.TokenHash); err != nil {
		return "", nil, err
	}
	return token, &sess, nil
}

// Session returns the live session for token and its account. Expired
// sessions (idle or absolute) and sessions of disabled accounts are deleted
// and answer care.Unauthorized.
func (s *Service) Session(ctx context.Context, token string) (*Session, *Account, error) {
	if token == "" || len(token) > 128 {
		return nil, nil, care.Errorf(care.Unauthorized, "session.none")
	}
	hash := HashToken(token)
	sess, a, err := s.store.SessionWithAccount(ctx, hash)
	if care.ErrorCode(err) == care.NotFound {
		return nil, nil, care.Errorf(care.Unauthorized, "session.none")
	}
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	if now.Sub(sess.LastSeenAt) >= s.cfg.IdleTimeout || now.Sub(sess.CreatedAt) >= s.cfg.AbsoluteTimeout {
		if err := s.store.DeleteSession(ctx, hash); err != nil {
			return nil, nil, err
		}
		return nil, nil, care.Errorf(care.Unauthorized, "session.expired")
	}
	if !a.Active() {
		if err := s.store.DeleteSession(ctx, hash); err != nil {
			return nil, nil, err
		}
		return nil, nil, care.Errorf(care.Unauthorized, "session.none")
	}
	// Write the last-seen time at most once a minute to spare the database.
	if now.Sub(sess.LastSeenAt) > time.Minute {
		if err := s.store.TouchSession(ctx, hash, now); err != nil {
			return nil, nil, err
		}
		sess.LastSeenAt = now
	}
	return sess, a, nil
}

// EndSession logs out: the session is deleted on the server.
func (s *Service) EndSession(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.store.DeleteSession(ctx, HashToken(token))
}

// Cleanup deletes expired sessions and old throttle records.
func (s *Service) Cleanup(ctx context.Context) error {
	now := s.now()
	if _, err := s.store.DeleteSessions(ctx, now.Add(-s.cfg.IdleTimeout), now.Add(-s.cfg.AbsoluteTimeout)); err != nil {
		return err
	}
	_, err := s.store.DeleteLoginFailures(ctx, now.Add(-s.cfg.ThrottleWindow))
	return err
}

// NewAccount describes an account to create.
type NewAccount struct {
	OrganisationID int64
	Email          string
	Name           string
	Role           care.Role
	Password       string
	MFAExempt      bool
}

// CreateAccount validates and creates an account with the password in n,
// for tools and tests (demo accounts); it records nothing in the audit
// trail. An administrator's account is made by AdminCreateAccount. Invalid
// input returns care.FieldErrors.
func (s *Service) CreateAccount(ctx context.Context, n NewAccount) (*Account, error) {
	a, err := s.newAccount(n)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateAccount(ctx, a); err != nil {
		if care.ErrorCode(err) == care.Conflict {
			return nil, care.FieldErrors{"email": "account.email_taken"}
		}
		return nil, err
	}
	return a, nil
}

// newAccount checks n and returns the account to store, with its password
// hashed; invalid input returns care.FieldErrors.
func (s *Service) newAccount(n NewAccount) (*Account, error) {
	fe := care.FieldErrors{}
	email := NormalizeEmail(n.Email)
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email || len(email) > 254 {
		fe["email"] = "account.email_invalid"
	}
	name := strings.TrimSpace(n.Name)
	if name == "" {
		fe["name"] = "field.required"
	} else if len(name) > 200 {
		fe["name"] = "field.too_long"
	}
	if !n.Role.Valid() {
		fe["role"] = "account.role_invalid"
	}
	if err := CheckPasswordPolicy(n.Password); err != nil {
		fe["password"] = care.ErrorMessage(err)
	}
	if len(fe) > 0 {
		return nil, fe
	}
	hash, err := s.Hash(n.Password)
	if err != nil {
		return nil, err
	}
	return &Account{
		OrganisationID: n.OrganisationID, Email: email, Name: name, Role: n.Role,
		PasswordHash: hash, MFAExempt: n.MFAExempt, CreatedAt: s.now(),
	}, nil
}

// SetPassword checks the policy and sets a new password for the account,
// for tools (the demo accounts); it records nothing in the audit trail.
// Every other session of the account ends; keepSession (a token hash) may
// stay. Holders change their own password with ChangePassword.
func (s *Service) SetPassword(ctx context.Context, id int64, password, keepSession string) error {
	if err := CheckPasswordPolicy(password); err != nil {
		return care.FieldErrors{"password": care.ErrorMessage(err)}
	}
	hash, err := s.Hash(password)
	if err != nil {
		return err
	}
	return s.store.SetAccountPassword(ctx, id, hash, keepSession)
}

// CheckPolicy checks a new password against the password rules; with Hash
// it makes the Service the care.Passwords that accepting an invitation uses.
func (s *Service) CheckPolicy(password string) error { return CheckPasswordPolicy(password) }

// Hash hashes a new password with the service's argon2id parameters, in
// its turn among the hashes being worked out.
func (s *Service) Hash(password string) (string, error) {
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	return HashPassword(password, s.cfg.Params)
}

// verify checks a password against its hash, in its turn among the hashes
// being worked out; a request that ends while it waits gives up.
func (s *Service) verify(ctx context.Context, password, hash string) (bool, error) {
	select {
	case s.hashing <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-s.hashing }()
	return VerifyPassword(password, hash), nil
}

// RecoveryCodesLeft is how many of the account's recovery codes are unused.
func (s *Service) RecoveryCodesLeft(ctx context.Context, id int64) (int, error) {
	return s.store.UnusedRecoveryCodes(ctx, id)
}
