//go:build e2e

package e2e

import (
	"testing"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestDemoBanner runs demo mode: demo accounts skip the second factor and
// every page carries the demo banner.
func TestDemoBanner(t *testing.T) {
	demoAccount := auth.NewAccount{Name: "Carla Visser", Email: "casemanager@demo.spil.test", Role: care.RoleCaseManager, MFAExempt: true}
	a := newApp(t, site.Config{Demo: true})
	u := a.createUser(demoAccount, false)
	plain := newApp(t, site.Config{})
	pu := plain.createUser(demoAccount, false)
	b := newBrowser(t, desktop)

	tb := b.newTab(a)
	tb.open("/login")
	tb.wantText(".demo-banner strong", "DEMO")
	tb.submitPassword(u.Email, u.Password)
	tb.wantPath("/")
	tb.wantText("h1", "Welkom, Carla Visser")
	tb.wantText(".demo-banner strong", "DEMO")
	tb.wantTextContains(".demo-banner", "Dit is een demonstratie met verzonnen gezinnen.")
	if n := tb.count(".demo-banner"); n != 1 {
		t.Errorf("%d demo banners, want 1", n)
	}

	// Outside demo mode the same kind of account must set up a second
	// factor, and there is no banner.
	pt := b.newTab(plain)
	pt.open("/login")
	if n := pt.count(".demo-banner"); n != 0 {
		t.Errorf("%d demo banners outside demo mode, want 0", n)
	}
	pt.submitPassword(pu.Email, pu.Password)
	pt.wantPath("/mfa/setup")
	pt.open("/")
	pt.wantPath("/mfa/setup")
}
