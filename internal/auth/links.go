package auth

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"

	"github.com/spil-zorg/spil/internal/care"
)

// Account link errors, with catalog keys that say what to do.
var (
	ErrLinkUnknown = care.Errorf(care.NotFound, "link.unknown")
	ErrLinkExpired = care.Errorf(care.Invalid, "link.expired")
	ErrLinkUsed    = care.Errorf(care.Invalid, "link.used")
)

// newLinkToken returns a random 256-bit token for an account link.
func newLinkToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base32NoPad.EncodeToString(b)
}

// HashLinkToken returns the stored form of an account link's token.
func HashLinkToken(token string) string {
	sum := sha256.Sum256([]byte("spil-account-link:" + token))
	return hex.EncodeToString(sum[:])
}

// checkLink says whether l can still be used, by an active account.
func (s *Service) checkLink(l *AccountLink, a *Account) error {
	switch {
	case !a.Active():
		// A disabled account's link does not work; say no more.
		return ErrLinkUnknown
	case !l.UsedAt.IsZero():
		return ErrLinkUsed
	case !s.now().Before(l.ExpiresAt):
		return ErrLinkExpired
	}
	return nil
}

// AccountLink returns the link a token names, with its account, if it can
// still be used: unknown (or altered) tokens, expired and used links each
// get their own error.
func (s *Service) AccountLink(ctx context.Context, token string) (*AccountLink, *Account, error) {
	if token == "" || len(token) > 100 {
		return nil, nil, ErrLinkUnknown
	}
	l, err := s.store.AccountLinkByTokenHash(ctx, HashLinkToken(token))
	if care.ErrorCode(err) == care.NotFound {
		return nil, nil, ErrLinkUnknown
	}
	if err != nil {
		return nil, nil, err
	}
	a, err := s.store.AccountByID(ctx, l.AccountID)
	if err != nil {
		return nil, nil, err
	}
	if err := s.checkLink(l, a); err != nil {
		return nil, nil, err
	}
	return l, a, nil
}

// UseAccountLink sets the password chosen by the holder of the link the
// token names. Using the link, setting the password (which ends every
// session of the account) and the audit record are one transaction, so a
// link works once, even when sent twice at the same moment. It returns the
// account and what the link was for; the holder still gives the second
// factor, or sets up a new one when the account has none, to log in.
// A password against the policy returns care.FieldErrors.
func (s *Service) UseAccountLink(ctx context.Context, token, password, addr string) (*Account, LinkKind, error) {
	l, _, err := s.AccountLink(ctx, token)
	if err != nil {
		return nil, "", err
	}
	if err := CheckPasswordPolicy(password); err != nil {
		return nil, "", care.FieldErrors{"password": care.ErrorMessage(err)}
	}
	hash, err := s.Hash(password)
	if err != nil {
		return nil, "", err
	}
	var a *Account
	err = s.store.AtomicAccounts(ctx, func(st Store) error {
		// Read again inside the transaction: a newer link may have ended
		// this one, or the account been disabled, since the page was drawn.
		if l, err = st.AccountLinkByTokenHash(ctx, l.TokenHash); err != nil {
			return err
		}
		if a, err = st.AccountByID(ctx, l.AccountID); err != nil {
			return err
		}
		if err := s.checkLink(l, a); err != nil {
			return err
		}
		if err := st.UseAccountLink(ctx, l.ID, s.now()); care.ErrorCode(err) == care.Conflict {
			// Used or ended in the meantime: say which.
			if l, err = st.AccountLinkByTokenHash(ctx, l.TokenHash); err != nil {
				return err
			}
			return cmp.Or(s.checkLink(l, a), error(ErrLinkUsed))
		} else if err != nil {
			return err
		}
		if err := st.SetAccountPassword(ctx, a.ID, hash, ""); err != nil {
			return err
		}
		a.PasswordHash = hash
		holder := care.Actor{AccountID: a.ID, Role: a.Role, AccessPoint: addr}
		return st.AppendAudit(ctx, s.accountEvent(holder, ObjectAccountPassword, a.ID, care.ActionUpdate, true, care.OutcomeSuccess))
	})
	if err != nil {
		return nil, "", err
	}
	return a, l.Kind, nil
}
