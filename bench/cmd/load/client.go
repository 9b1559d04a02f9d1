package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// Creds is written by bench/cmd/loadaccount.
type Creds struct {
	Email      string `json:"email"`
	Password   string `json:"password"`
	TOTPSecret string `json:"totp_secret"`
}

// State is what login leaves for the scenarios: the session cookie of a
// complete login and the ids of the families in the caseload.
type State struct {
	CookieName string  `json:"cookie_name"`
	Cookie     string  `json:"cookie"`
	FamilyIDs  []int64 `json:"family_ids"`
	// PlanFamilyIDs are the families with a care plan.
	PlanFamilyIDs []int64 `json:"plan_family_ids"`
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600)
}

// newClient returns a client that keeps up to conns connections alive per
// host and never follows redirects: a 303 is the answer being measured.
func newClient(conns int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true, // Spil does not compress; measure what is sent
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       2 * time.Minute,
	}
}

// postForm builds a form POST as a browser on the same site sends it: the
// Sec-Fetch-Site header lets it through Go's cross-origin protection.
func postForm(ctx context.Context, base, path string, form url.Values) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req, nil
}

// sessionCookie returns the cookie Spil set in resp.
func sessionCookie(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if (c.Name == "spil" || c.Name == "__Host-spil") && c.Value != "" {
			return c
		}
	}
	return nil
}

func cmdWait(args []string) error {
	fs := flag.NewFlagSet("load wait", flag.ContinueOnError)
	base := fs.String("base", "", "base URL of the server, e.g. http://127.0.0.1:8080")
	timeout := fs.Duration("timeout", 30*time.Second, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	client := newClient(1)
	deadline := time.Now().Add(*timeout)
	for {
		resp, err := client.Get(*base + "/readyz")
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s/readyz did not answer 200 within %s", *base, *timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// totpCode is the code an authenticator app shows at t.
func totpCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
}

func cmdLogin(args []string) error {
	fs := flag.NewFlagSet("load login", flag.ContinueOnError)
	base := fs.String("base", "", "base URL of the server")
	credsPath := fs.String("creds", "", "credentials file written by loadaccount")
	statePath := fs.String("state", "", "file to write the session and family ids to")
	results := fs.String("results", "", "results file (JSON lines) to record the login times in; optional")
	db := fs.String("db", "", "label of the database, for the results")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var creds Creds
	if err := readJSON(*credsPath, &creds); err != nil {
		return err
	}
	client := newClient(1)
	ctx := context.Background()

	// Step 1: the password (argon2id).
	req, err := postForm(ctx, *base, "/login", url.Values{"email": {creds.Email}, "password": {creds.Password}, "next": {"/families"}})
	if err != nil {
		return err
	}
	t0 := time.Now()
	resp, err := do(client, req)
	passwordTime := time.Since(t0)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login/code") {
		return fmt.Errorf("POST /login answered %d (Location %q); want 303 to /login/code", resp.StatusCode, resp.Header.Get("Location"))
	}
	half := sessionCookie(resp)
	if half == nil {
		return errors.New("POST /login set no session cookie")
	}

	// Step 2: the TOTP code. Every code works once; when the current one was
	// used already (a second login within 30 seconds), wait for the next.
	var full *http.Cookie
	var codeTime time.Duration
	for attempt := 0; attempt < 2 && full == nil; attempt++ {
		code, err := totpCode(creds.TOTPSecret, time.Now())
		if err != nil {
			return err
		}
		req, err := postForm(ctx, *base, "/login/code", url.Values{"code": {code}, "next": {"/families"}})
		if err != nil {
			return err
		}
		req.AddCookie(half)
		t0 := time.Now()
		resp, err := do(client, req)
		codeTime = time.Since(t0)
		if err != nil {
			return err
		}
		switch {
		case resp.StatusCode == http.StatusSeeOther:
			full = sessionCookie(resp)
			if full == nil {
				return errors.New("POST /login/code set no session cookie")
			}
		case resp.StatusCode == http.StatusUnauthorized && attempt == 0:
			wait := time.Duration(30-time.Now().Unix()%30)*time.Second + time.Second
			fmt.Fprintf(os.Stderr, "load login: code refused (already used?); waiting %s for the next one\n", wait)
			time.Sleep(wait)
		default:
			return fmt.Errorf("POST /login/code answered %d; want 303", resp.StatusCode)
		}
	}
	if full == nil {
		return errors.New("no TOTP code was accepted")
	}
	st := State{CookieName: full.Name, Cookie: full.Value}

	// The caseload, for the ids of the families to visit.
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, *base+"/api/v1/families", nil)
	if err != nil {
		return err
	}
	req.AddCookie(full)
	hr, err := client.Do(req)
	if err != nil {
		return err
	}
	defer hr.Body.Close()
	if hr.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /api/v1/families answered %d", hr.StatusCode)
	}
	var list struct {
		Families []struct {
			ID            int64   `json:"id"`
			PlanReviewDue *string `json:"plan_review_due"`
		} `json:"families"`
	}
	if err := json.NewDecoder(hr.Body).Decode(&list); err != nil {
		return fmt.Errorf("GET /api/v1/families: %w", err)
	}
	for _, f := range list.Families {
		st.FamilyIDs = append(st.FamilyIDs, f.ID)
		if f.PlanReviewDue != nil {
			st.PlanFamilyIDs = append(st.PlanFamilyIDs, f.ID)
		}
	}
	if len(st.FamilyIDs) == 0 {
		return errors.New("the caseload is empty: did 'spil demo --families N' run?")
	}
	if err := writeJSON(*statePath, st); err != nil {
		return err
	}
	fmt.Printf("Logged in as %s: password %s, TOTP code %s; %d families in the caseload, %d with a care plan.\n",
		creds.Email, passwordTime.Round(time.Millisecond), codeTime.Round(time.Millisecond), len(st.FamilyIDs), len(st.PlanFamilyIDs))
	if *results != "" {
		return appendResult(*results, Result{
			Kind: "login", DB: *db, Scenario: "full-login", Route: "POST /login + POST /login/code (once)",
			Planned: 1, Concurrency: 1, Completed: 1,
			P50ms: ms(passwordTime + codeTime), MaxMs: ms(passwordTime + codeTime),
			Detail: fmt.Sprintf("password %s, code %s", passwordTime.Round(time.Millisecond), codeTime.Round(time.Millisecond)),
		})
	}
	return nil
}

// do sends req and reads the whole body, so the connection can be reused.
func do(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp, err
}
