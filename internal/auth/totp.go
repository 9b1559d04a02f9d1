package auth

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

const (
	totpPeriod = 30
	// RecoveryCodeCount is how many single-use recovery codes an enrolment makes.
	RecoveryCodeCount = 10
)

// Enrolment is a new TOTP secret waiting for its first code.
type Enrolment struct {
	Secret string // base32, shown for manual entry
	URL    string // otpauth:// URL, encoded in the QR code
	QRPNG  string // data: URL of the QR code image
}

// NewEnrolment makes a TOTP secret for the account with issuer "Spil".
func NewEnrolment(issuer, accountName string) (*Enrolment, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: accountName, Period: totpPeriod})
	if err != nil {
		return nil, err
	}
	return enrolmentFromKey(key)
}

// EnrolmentFromSecret rebuilds the enrolment view of a pending secret.
func EnrolmentFromSecret(issuer, accountName, secret string) (*Enrolment, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: accountName, Period: totpPeriod, Secret: mustBase32(secret)})
	if err != nil {
		return nil, err
	}
	return enrolmentFromKey(key)
}

func enrolmentFromKey(key *otp.Key) (*Enrolment, error) {
	img, err := key.Image(240, 240)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return &Enrolment{
		Secret: key.Secret(),
		URL:    key.URL(),
		QRPNG:  "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()),
	}, nil
}

// matchTOTP returns the time step whose code equals code, allowing one step of
// clock drift either way, or 0 when none matches. The caller refuses steps at
// or below the last one used, which makes every code single-use.
func matchTOTP(secret, code string, now time.Time) int64 {
	code = strings.TrimSpace(strings.ReplaceAll(code, " ", ""))
	if len(code) != 6 {
		return 0
	}
	step := now.Unix() / totpPeriod
	for _, s := range []int64{step - 1, step, step + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*totpPeriod, 0), totp.ValidateOpts{
			Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
		})
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return s
		}
	}
	return 0
}

// newRecoveryCodes returns fresh recovery codes (shown once) and their hashes (stored).
func newRecoveryCodes() (codes, hashes []string) {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	for range RecoveryCodeCount {
		c := randomString(alphabet, 5) + "-" + randomString(alphabet, 5)
		codes = append(codes, c)
		hashes = append(hashes, hashRecoveryCode(c))
	}
	return codes, hashes
}

// hashRecoveryCode hashes a normalised recovery code. The codes carry 50 bits
// of randomness and are throttled like passwords, so a fast hash suffices.
func hashRecoveryCode(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	sum := sha256.Sum256([]byte("spil-recovery:" + code))
	return hex.EncodeToString(sum[:])
}

// looksLikeRecoveryCode tells a recovery code from a six-digit TOTP code.
func looksLikeRecoveryCode(code string) bool {
	return len(strings.TrimSpace(code)) == 11 && strings.Contains(code, "-")
}

func mustBase32(secret string) []byte {
	b, err := base32NoPad.DecodeString(strings.ToUpper(secret))
	if err != nil {
		return nil
	}
	return b
}
