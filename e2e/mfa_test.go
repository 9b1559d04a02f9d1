//go:build e2e

package e2e

import (
	"context"
	"net/http"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/pquerna/otp/totp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

const msgBadCode = "Deze code klopt niet of is al gebruikt."

var recoveryCodeFormat = regexp.MustCompile(`^[a-z2-9]{5}-[a-z2-9]{5}$`)

// TestMFAEnrolment is the first login of a new account: it sets up its
// authenticator app, keeps its recovery codes and later logs in with one.
func TestMFAEnrolment(t *testing.T) {
	a := newApp(t, site.Config{})
	u := a.newUser("Pieter de Graaf", "pieter.degraaf@huisarts.test", care.RoleProvider, false)
	tb := newBrowser(t, desktop).newTab(a)

	tb.open("/login")
	tb.submitPassword(u.Email, u.Password)
	tb.wantPath("/mfa/setup")
	tb.wantText("h1", "Tweestapsverificatie instellen")
	if n := tb.count(`.qr img[src^="data:image/png;base64,"]`); n != 1 {
		t.Errorf("%d QR code images, want 1", n)
	}
	secret := tb.text("#totp-secret")
	if secret == "" {
		tb.fail("no secret in #totp-secret")
	}

	code, err := totp.GenerateCode(secret, a.clock.Now())
	if err != nil {
		t.Fatal(err)
	}

	// A wrong code first: refused, and the same secret is offered again.
	resp := tb.submitSetupCode(wrongCode(code))
	if resp.Status != http.StatusUnauthorized {
		t.Errorf("wrong setup code answered %d, want %d", resp.Status, http.StatusUnauthorized)
	}
	tb.wantTextContains(`main [role="alert"]`, msgBadCode)
	if got := tb.text("#totp-secret"); got != secret {
		t.Errorf("secret changed after a wrong code: %q, want %q", got, secret)
	}

	wantStatus(t, tb.submitSetupCode(code), http.StatusOK)
	tb.wantText("h1", "Bewaar je herstelcodes")
	if n := tb.count("#recovery-codes li"); n != 10 {
		tb.fail("%d recovery codes shown, want 10", n)
	}
	codes := eval[[]string](tb, `Array.from(document.querySelectorAll("#recovery-codes li"), li => li.innerText.trim())`)
	seen := map[string]bool{}
	for _, c := range codes {
		if !recoveryCodeFormat.MatchString(c) {
			t.Errorf("recovery code %q does not look like abcde-23456", c)
		}
		if seen[c] {
			t.Errorf("recovery code %q shown twice", c)
		}
		seen[c] = true
	}
	if got := a.account(u.ID).TOTPSecret; got != secret {
		t.Errorf("stored TOTP secret = %q, want the one shown, %q", got, secret)
	}
	if left := a.unusedRecoveryCodes(u.ID); left != 10 {
		t.Errorf("%d unused recovery codes stored, want 10", left)
	}

	tb.wantText("main a.button", "Ik heb ze bewaard, ga verder")
	tb.click("main a.button")
	tb.wantPath("/")
	tb.wantText("h1", "Welkom, Pieter de Graaf")

	// Next login: a recovery code instead of the app.
	tb.logout()
	tb.wantPath("/login")
	tb.submitPassword(u.Email, u.Password)
	tb.wantPath("/login/code")
	recovery := codes[3]
	wantStatus(t, tb.submitCode(recovery), http.StatusOK)
	tb.wantPath("/")
	tb.wantText("h1", "Welkom, Pieter de Graaf")
	if left := a.unusedRecoveryCodes(u.ID); left != 9 {
		t.Errorf("%d unused recovery codes after using one, want 9", left)
	}

	// The same recovery code a second time is refused.
	tb.logout()
	tb.submitPassword(u.Email, u.Password)
	tb.wantPath("/login/code")
	wantStatus(t, tb.submitCode(recovery), http.StatusUnauthorized)
	tb.wantPath("/login/code")
	tb.wantTextContains(`main [role="alert"]`, msgBadCode)
	tb.open("/")
	tb.wantPath("/login/code")

	// Another, unused recovery code still works.
	wantStatus(t, tb.submitCode(codes[7]), http.StatusOK)
	tb.wantPath("/")
	tb.wantText("h1", "Welkom, Pieter de Graaf")
}

// submitSetupCode fills the first code on /mfa/setup and submits it.
func (tb *tab) submitSetupCode(code string) *network.Response {
	tb.t.Helper()
	tb.fill("#code", code)
	return tb.click(`form[action="/mfa/setup"] button[type="submit"]`)
}

func (a *app) unusedRecoveryCodes(id int64) int {
	a.t.Helper()
	n, err := a.store.UnusedRecoveryCodes(context.Background(), id)
	if err != nil {
		a.t.Fatalf("count recovery codes: %v", err)
	}
	return n
}

// wrongCode returns a six-digit code that differs from code in its last digit.
func wrongCode(code string) string {
	last := code[len(code)-1]
	return code[:len(code)-1] + string('0'+(last-'0'+1)%10)
}
