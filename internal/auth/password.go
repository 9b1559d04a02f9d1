// Package auth holds accounts and how they prove who they are: passwords
// hashed with argon2id, TOTP second factors with recovery codes, server-side
// sessions and login throttling counted in the database.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/spil-zorg/spil/internal/care"
)

// Params are argon2id cost parameters. They are stored inside every hash, so
// changing them affects new hashes only; old ones still verify.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultParams follow OWASP's argon2id advice (m=46 MiB, t=1, p=1) and were
// measured on a 2-core server: see docs/security.md for the figures.
var DefaultParams = Params{Memory: 46 * 1024, Time: 1, Threads: 1}

// TestParams are cheap parameters for tests only.
var TestParams = Params{Memory: 64, Time: 1, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
	// MinPasswordLen and MaxPasswordLen follow OWASP ASVS 5.0: at least 12
	// characters, at least 64 allowed; no composition rules.
	MinPasswordLen = 12
	MaxPasswordLen = 128
)

// CheckPasswordPolicy returns a care.Invalid error whose message is a catalog
// key when pw is too short, too long or one of the most common passwords.
func CheckPasswordPolicy(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return care.Errorf(care.Invalid, "password.too_short")
	case n > MaxPasswordLen:
		return care.Errorf(care.Invalid, "password.too_long")
	case IsCommonPassword(pw):
		return care.Errorf(care.Invalid, "password.common")
	}
	return nil
}

// HashPassword returns an encoded argon2id hash of pw in the PHC string format.
func HashPassword(pw string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the encoded hash.
func VerifyPassword(pw, encoded string) bool {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

func decodeHash(encoded string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, fmt.Errorf("auth: not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, fmt.Errorf("auth: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("auth: bad argon2 parameters")
	}
	if p.Memory == 0 || p.Memory > 1<<22 || p.Time == 0 || p.Time > 16 || p.Threads == 0 {
		return p, nil, nil, fmt.Errorf("auth: argon2 parameters out of range")
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, nil, nil, err
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, fmt.Errorf("auth: bad argon2 key")
	}
	return p, salt, key, nil
}

// RandomPassword returns a random password of 20 characters from an alphabet
// without look-alike characters, for new accounts and demo accounts.
func RandomPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
	return randomString(alphabet, 20)
}

func randomString(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		// rand.Text would do for base32; here we want a chosen alphabet.
		var x [1]byte
		for {
			if _, err := rand.Read(x[:]); err != nil {
				panic(err) // crypto/rand never fails on supported platforms
			}
			if int(x[0]) < 256-256%len(alphabet) {
				break
			}
		}
		b[i] = alphabet[int(x[0])%len(alphabet)]
	}
	return string(b)
}
