package auth

import (
	"context"
	"errors"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// An administrator manages accounts but never learns a working credential:
// a new account, and an account whose password or second factor is reset,
// gets a random password that nobody is shown, and its holder a single-use
// link by e-mail to choose their own (AccountLink). Every action is
// checked here, done in one transaction with its audit record, and told to
// the holder by e-mail.

// RoleOperator is the role recorded for the server's operator: whoever
// runs `spil user`, without an account, with the database at hand.
const RoleOperator care.Role = "operator"

// Operator is the actor of `spil user`.
var Operator = care.Actor{Role: RoleOperator, AccessPoint: "cli"}

// How long an account link works: a new account's as long as an
// invitation, a reset's one day.
const (
	NewAccountLinkValidity = 7 * 24 * time.Hour
	ResetLinkValidity      = 24 * time.Hour
)

// The audit trail's object types of changes to accounts. The object id is
// the account's.
const (
	ObjectAccount         = "account"                // made by an administrator (C)
	ObjectAccountDisable  = "account_disable"        // U
	ObjectAccountEnable   = "account_enable"         // U
	ObjectPasswordReset   = "account_password_reset" // U: a random password and a link
	ObjectMFAReset        = "account_mfa_reset"      // U: no second factor, a random password and a link
	ObjectAccountPassword = "account_password"       // U: the holder's own change, or through a link
)

// AccountMail reaches an account's holder by e-mail; the surfaces provide
// it (the pages in the holder's language, `spil user` alike).
type AccountMail interface {
	// SendLink sends the holder the link with token, which l describes.
	// The message says that the account was changed on l's day.
	SendLink(ctx context.Context, a *Account, l *AccountLink, token string) error
	// SendNotice tells the holder only that an administrator changed the
	// account on the day at.
	SendNotice(ctx context.Context, a *Account, at time.Time) error
}

// ErrNoMail is what an AccountMail answers when Spil sends no e-mail.
var ErrNoMail = errors.New("auth: e-mail is not configured")

// Delivery says how the holder heard of an administrator's action.
type Delivery int

// The ways a holder hears of an action.
const (
	MailNotConfigured Delivery = iota // Spil sends no e-mail: nothing went out
	MailSent
	MailFailed // there is a mailer, but sending failed
)

// Outcome is what an administrator's action did: the account as it is now
// and whether its holder got the e-mail.
type Outcome struct {
	Account *Account
	Mail    Delivery
	// MailErr is why sending failed; it holds no address, so it can be logged.
	MailErr error
}

// mayAdminister reports whether by manages accounts: an administrator's
// account, or the server's operator.
func mayAdminister(by care.Actor) bool {
	return by.Role == care.RoleAdmin && by.AccountID != 0 || by.Role == RoleOperator && by.AccountID == 0
}

var errAccountNotFound = care.Errorf(care.NotFound, "account not found")

// accountEvent is the audit record of an action on the account id.
func (s *Service) accountEvent(by care.Actor, object string, id int64, action care.Action, authorised bool, outcome string) *care.AuditEvent {
	return &care.AuditEvent{At: s.now().Truncate(time.Microsecond), ActorID: by.AccountID, ActorRole: by.Role,
		ObjectType: object, ObjectID: id, Action: action, Outcome: outcome, AccessPoint: by.AccessPoint, Authorised: authorised}
}

// administer runs one administrator's action on an account: it refuses
// anyone else (recorded as denied, answered NotFound), runs change in one
// transaction with the record of its success, and records a failure after
// it. change gets the account as it is before (nil for a new one) and
// returns it as it is after.
func (s *Service) administer(ctx context.Context, by care.Actor, object string, id int64, action care.Action,
	change func(st Store, a *Account) (*Account, error)) (*Account, error) {
	if !mayAdminister(by) {
		if err := s.store.AppendAudit(ctx, s.accountEvent(by, object, id, action, false, care.OutcomeDenied)); err != nil {
			return nil, errors.Join(errAccountNotFound, err)
		}
		return nil, errAccountNotFound
	}
	var after *Account
	err := s.store.AtomicAccounts(ctx, func(st Store) error {
		var before *Account
		if id != 0 {
			var err error
			if before, err = st.AccountByID(ctx, id); err != nil {
				return err
			}
		}
		var err error
		if after, err = change(st, before); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.accountEvent(by, object, after.ID, action, true, care.OutcomeSuccess))
	})
	if err != nil {
		if aerr := s.store.AppendAudit(ctx, s.accountEvent(by, object, id, action, true, care.OutcomeFailed)); aerr != nil {
			return nil, errors.Join(err, aerr)
		}
		return nil, err
	}
	return after, nil
}

// tell sends the holder an e-mail by send, and says how it went.
func tell(m AccountMail, send func(AccountMail) error) (Delivery, error) {
	if m == nil {
		return MailNotConfigured, nil
	}
	switch err := send(m); {
	case err == nil:
		return MailSent, nil
	case errors.Is(err, ErrNoMail):
		return MailNotConfigured, nil
	default:
		return MailFailed, err
	}
}

// notice tells the holder of a that an administrator changed the account.
func (s *Service) notice(ctx context.Context, a *Account, m AccountMail) *Outcome {
	d, err := tell(m, func(m AccountMail) error { return m.SendNotice(ctx, a, s.now()) })
	return &Outcome{Account: a, Mail: d, MailErr: err}
}

// withLink sends the holder of a the link made in the action.
func (s *Service) withLink(ctx context.Context, a *Account, l *AccountLink, token string, m AccountMail) *Outcome {
	d, err := tell(m, func(m AccountMail) error { return m.SendLink(ctx, a, l, token) })
	return &Outcome{Account: a, Mail: d, MailErr: err}
}

// newLink makes a link of kind for the account and returns it with its token.
func (s *Service) newLink(by care.Actor, accountID int64, kind LinkKind) (*AccountLink, string) {
	token := newLinkToken()
	now := s.now()
	valid := ResetLinkValidity
	if kind == LinkNewAccount {
		valid = NewAccountLinkValidity
	}
	return &AccountLink{AccountID: accountID, Kind: kind, TokenHash: HashLinkToken(token), CreatedBy: by.AccountID,
		CreatedAt: now, ExpiresAt: now.Add(valid)}, token
}

// unknownPassword is the hash of a random password that nobody is told:
// the account cannot be logged in to until its holder uses the link.
func (s *Service) unknownPassword() (string, error) { return s.Hash(RandomPassword()) }

// AdminCreateAccount makes an account for n (its Password is ignored) with
// a password nobody knows, and sends its holder the link to choose one and
// set up the second factor. Invalid input returns care.FieldErrors.
func (s *Service) AdminCreateAccount(ctx context.Context, by care.Actor, n NewAccount, m AccountMail) (*Outcome, error) {
	// Checked and hashed before the transaction, which then holds the
	// database's write lock for no longer than the writes.
	var a *Account
	var invalid error
	if mayAdminister(by) {
		n.Password, n.MFAExempt = RandomPassword(), false
		a, invalid = s.newAccount(n)
	}
	var link *AccountLink
	var token string
	a, err := s.administer(ctx, by, ObjectAccount, 0, care.ActionCreate, func(st Store, _ *Account) (*Account, error) {
		if invalid != nil {
			return nil, invalid
		}
		if err := st.CreateAccount(ctx, a); err != nil {
			if care.ErrorCode(err) == care.Conflict {
				return nil, care.FieldErrors{"email": "account.email_taken"}
			}
			return nil, err
		}
		link, token = s.newLink(by, a.ID, LinkNewAccount)
		return a, st.CreateAccountLink(ctx, link)
	})
	if err != nil {
		return nil, err
	}
	return s.withLink(ctx, a, link, token, m), nil
}

// ErrNotSelf refuses an administrator's disabling of their own account.
var ErrNotSelf = care.Errorf(care.Invalid, "admin.not_self")

// ErrResetDisabled refuses a reset of a disabled account: enable it first.
var ErrResetDisabled = care.Errorf(care.Invalid, "admin.reset_disabled")

// AdminDisableAccount disables the account and ends all its sessions.
func (s *Service) AdminDisableAccount(ctx context.Context, by care.Actor, id int64, m AccountMail) (*Outcome, error) {
	a, err := s.administer(ctx, by, ObjectAccountDisable, id, care.ActionUpdate, func(st Store, a *Account) (*Account, error) {
		if id == by.AccountID {
			return nil, ErrNotSelf
		}
		a.DisabledAt = s.now()
		return a, st.DisableAccount(ctx, id, a.DisabledAt)
	})
	if err != nil {
		return nil, err
	}
	return s.notice(ctx, a, m), nil
}

// AdminEnableAccount lifts a disable.
func (s *Service) AdminEnableAccount(ctx context.Context, by care.Actor, id int64, m AccountMail) (*Outcome, error) {
	a, err := s.administer(ctx, by, ObjectAccountEnable, id, care.ActionUpdate, func(st Store, a *Account) (*Account, error) {
		a.DisabledAt = time.Time{}
		return a, st.EnableAccount(ctx, id)
	})
	if err != nil {
		return nil, err
	}
	return s.notice(ctx, a, m), nil
}

// AdminResetPassword replaces the account's password with one nobody
// knows, ends all its sessions and sends its holder the link to choose a
// new one. The second factor stays: whoever else gets the link still
// cannot log in without it.
func (s *Service) AdminResetPassword(ctx context.Context, by care.Actor, id int64, m AccountMail) (*Outcome, error) {
	return s.reset(ctx, by, id, ObjectPasswordReset, LinkPassword, m)
}

// AdminResetSecondFactor removes the account's second factor and recovery
// codes, replaces its password with one nobody knows, ends all its
// sessions and sends its holder the link to choose a password and set up
// a new second factor. The account cannot be used until then: not even
// with the old password, which would otherwise let anyone who knows it
// set up a second factor of their own.
func (s *Service) AdminResetSecondFactor(ctx context.Context, by care.Actor, id int64, m AccountMail) (*Outcome, error) {
	return s.reset(ctx, by, id, ObjectMFAReset, LinkSecondFactor, m)
}

func (s *Service) reset(ctx context.Context, by care.Actor, id int64, object string, kind LinkKind, m AccountMail) (*Outcome, error) {
	var hash string
	if mayAdminister(by) {
		var err error
		if hash, err = s.unknownPassword(); err != nil {
			return nil, err
		}
	}
	var link *AccountLink
	var token string
	a, err := s.administer(ctx, by, object, id, care.ActionUpdate, func(st Store, a *Account) (*Account, error) {
		if !a.Active() {
			return nil, ErrResetDisabled
		}
		if err := st.SetAccountPassword(ctx, id, hash, ""); err != nil {
			return nil, err
		}
		a.PasswordHash = hash
		if kind == LinkSecondFactor {
			if err := st.ResetAccountMFA(ctx, id); err != nil {
				return nil, err
			}
			a.TOTPSecret, a.TOTPLastStep = "", 0
		}
		link, token = s.newLink(by, id, kind)
		return a, st.CreateAccountLink(ctx, link)
	})
	if err != nil {
		return nil, err
	}
	return s.withLink(ctx, a, link, token, m), nil
}
