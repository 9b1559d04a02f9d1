//go:build e2e

// Package e2e holds Spil's browser tests. Each test starts Spil in-process
// on a fresh SQLite database behind an httptest server, with a clock the
// test can move forward, and drives a headless Chromium through chromedp:
// logging in with a password and a TOTP code, throttling, logout, session
// expiry, the language switch, enrolling a second factor, the admin pages
// at phone width, demo mode, and the case manager's family file: intake,
// network, a contact on a phone, intensity, tasks and the caseload; and
// the family's access: invitations, consent given and withdrawn, the
// provider's view and the family's list of who looked at their file; and
// the care plan: started from the template, filled per dimension with
// goals and actions, proactive care planning, versions compared, the
// print and emergency views at A4 and phone width, a parent's proposal
// accepted, a consented GP reading it while others cannot, two case
// managers saving at once, and bad input kept in the form.
//
// The tests only build with the e2e tag:
//
//	go test -tags e2e -count=1 -v ./e2e/...
//
// SPIL_CHROMIUM names the browser binary (default /usr/bin/chromium). When
// it is missing the tests skip, except when CI is set: then they fail.
// Screenshots go to SPIL_E2E_ARTIFACTS (default: spil-e2e in the system's
// temporary directory); each test logs the paths it wrote.
package e2e
