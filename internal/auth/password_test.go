package auth

import (
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

func TestHashAndVerify(t *testing.T) {
	h, err := HashPassword("een lange zin als wachtwoord", TestParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q lacks the PHC prefix with its parameters", h)
	}
	if !VerifyPassword("een lange zin als wachtwoord", h) {
		t.Error("the right password does not verify")
	}
	for _, wrong := range []string{"", "een lange zin als wachtwoorD", "een lange zin als wachtwoord "} {
		if VerifyPassword(wrong, h) {
			t.Errorf("wrong password %q verifies", wrong)
		}
	}
	h2, _ := HashPassword("een lange zin als wachtwoord", TestParams)
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestVerifyRejectsMalformedHashes(t *testing.T) {
	for _, h := range []string{
		"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdA$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=0,t=1,p=1$c2FsdA$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdA$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$!!$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdA$a2V5",
	} {
		if VerifyPassword("anything", h) {
			t.Errorf("malformed hash %q verifies", h)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		pw   string
		want string // catalog key, "" for allowed
	}{
		{"", "password.too_short"},
		{"elf tekens!", "password.too_short"},     // 11
		{"twaalf tekens", ""},                     // 13
		{"twaalftekens", ""},                      // exactly 12
		{"ëëëëëëëëëëë", "password.too_short"},     // 11 runes, 22 bytes
		{"ëëëëëëëëëëëë", ""},                      // 12 runes
		{"aaaaaaaaaaaa", "password.common"},       // on the common list
		{"PASSWORD1234", "password.common"},       // case-insensitive
		{strings.Repeat("x", MaxPasswordLen), ""}, // 128
		{strings.Repeat("x", MaxPasswordLen+1), "password.too_long"},
		{"geen cijfers of hoofdletters nodig", ""}, // no composition rules
	}
	for _, tt := range tests {
		err := CheckPasswordPolicy(tt.pw)
		got := care.ErrorMessage(err)
		if got != tt.want {
			t.Errorf("CheckPasswordPolicy(%q) = %q, want %q", tt.pw, got, tt.want)
		}
		if err != nil && care.ErrorCode(err) != care.Invalid {
			t.Errorf("CheckPasswordPolicy(%q) kind = %s, want invalid", tt.pw, care.ErrorCode(err))
		}
	}
}

func TestRandomPassword(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		pw := RandomPassword()
		if err := CheckPasswordPolicy(pw); err != nil {
			t.Fatalf("random password %q breaks the policy: %v", pw, err)
		}
		if seen[pw] {
			t.Fatalf("random password repeated: %q", pw)
		}
		seen[pw] = true
	}
}

// BenchmarkHashDefault measures one login's worth of argon2id with the
// production parameters; docs/security.md records the figure.
func BenchmarkHashDefault(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("een lange zin als wachtwoord", DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHashDefaultParallel shows the throughput of concurrent logins on
// all cores.
func BenchmarkHashDefaultParallel(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := HashPassword("een lange zin als wachtwoord", DefaultParams); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
