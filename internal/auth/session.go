package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
)

var base32NoPad = base32.StdEncoding.WithPadding(base32.NoPadding)

// newToken returns a random session token (sent in the cookie) and its hash
// (stored). A stolen database does not give away live sessions.
func newToken() (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	token = base32NoPad.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the stored form of a session token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
