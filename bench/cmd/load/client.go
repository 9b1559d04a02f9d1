package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// Creds is written by bench/cmd/loadaccount: one password and TOTP secret
// for every prepared case manager.
type Creds struct {
	Password   string    `json:"password"`
	TOTPSecret string    `json:"totp_secret"`
	Accounts   []Account `json:"accounts"`
}

// Account is one prepared case manager.
type Account struct {
	ID           int64  `json:"id"`
	Email        string `json:"email"`
	Organisation string `json:"organisation"`
	Region       string `json:"region"`
	Families     int    `json:"families"`
}

// State is what login leaves for the scenarios: per account, in the order
// of the credentials, the session of a complete login and the families of
// its caseload.
type State struct {
	CookieName string `json:"cookie_name"`
	Users      []User `json:"users"`
}

// User is one logged-in case manager.
type User struct {
	Email     string  `json:"email"`
	Region    string  `json:"region"`
	Cookie    string  `json:"cookie"`
	FamilyIDs []int64 `json:"family_ids"`
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
			DisableCompression:  true, // measure what is sent; a scenario that takes gzip asks itself
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

// cmdFreePort prints a TCP port of 127.0.0.1 that is free now, so a server
// can be started on a known address and timed from its start.
func cmdFreePort(args []string) error {
	if len(args) > 0 {
		return errors.New("freeport takes no arguments")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	fmt.Println(ln.Addr().(*net.TCPAddr).Port)
	return nil
}

func cmdWait(args []string) error {
	fs := flag.NewFlagSet("load wait", flag.ContinueOnError)
	base := fs.String("base", "", "base URL of the server, e.g. http://127.0.0.1:8080")
	timeout := fs.Duration("timeout", 60*time.Second, "give up after this long")
	since := fs.Int64("since", 0, "when the server was started, in Unix nanoseconds: record the time until it is ready")
	results := fs.String("results", "", "results file (JSON lines) to record the time in; with --since")
	db := fs.String("db", "", "label of the database, for the results")
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
				break
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s/readyz did not answer 200 within %s", *base, *timeout)
		}
		time.Sleep(2 * time.Millisecond)
	}
	if *since == 0 {
		return nil
	}
	took := time.Since(time.Unix(0, *since))
	fmt.Printf("Ready after %s.\n", took.Round(time.Millisecond))
	if *results == "" {
		return nil
	}
	return appendResult(*results, Result{Kind: "step", DB: *db, Scenario: "serve ready", Route: "spil serve until GET /readyz answers 200",
		WallSeconds: float64(took.Milliseconds()) / 1000, Detail: "ready after " + took.Round(time.Millisecond).String()})
}

// totpCode is the code an authenticator app shows at t.
func totpCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
}

// login logs one account in as a user does: the password, then the
// current TOTP code. It returns the session cookie and how long each step
// took.
func login(ctx context.Context, client *http.Client, base, email string, creds Creds) (*http.Cookie, time.Duration, time.Duration, error) {
	req, err := postForm(ctx, base, "/login", url.Values{"email": {email}, "password": {creds.Password}, "next": {"/families"}})
	if err != nil {
		return nil, 0, 0, err
	}
	t0 := time.Now()
	resp, err := do(client, req)
	passwordTime := time.Since(t0)
	if err != nil {
		return nil, 0, 0, err
	}
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login/code") {
		return nil, 0, 0, fmt.Errorf("%s: POST /login answered %d (Location %q); want 303 to /login/code", email, resp.StatusCode, resp.Header.Get("Location"))
	}
	half := sessionCookie(resp)
	if half == nil {
		return nil, 0, 0, errors.New("POST /login set no session cookie")
	}
	// Every code works once per account; when the current one was used
	// already (a second login within 30 seconds), wait for the next.
	var codeTime time.Duration
	for attempt := 0; attempt < 2; attempt++ {
		code, err := totpCode(creds.TOTPSecret, time.Now())
		if err != nil {
			return nil, 0, 0, err
		}
		req, err := postForm(ctx, base, "/login/code", url.Values{"code": {code}, "next": {"/families"}})
		if err != nil {
			return nil, 0, 0, err
		}
		req.AddCookie(half)
		t0 := time.Now()
		resp, err := do(client, req)
		codeTime = time.Since(t0)
		if err != nil {
			return nil, 0, 0, err
		}
		switch {
		case resp.StatusCode == http.StatusSeeOther:
			full := sessionCookie(resp)
			if full == nil {
				return nil, 0, 0, errors.New("POST /login/code set no session cookie")
			}
			return full, passwordTime, codeTime, nil
		case resp.StatusCode == http.StatusUnauthorized && attempt == 0:
			wait := time.Duration(30-time.Now().Unix()%30)*time.Second + time.Second
			fmt.Fprintf(os.Stderr, "load login: %s: code refused (already used?); waiting %s for the next one\n", email, wait)
			time.Sleep(wait)
		default:
			return nil, 0, 0, fmt.Errorf("%s: POST /login/code answered %d; want 303", email, resp.StatusCode)
		}
	}
	return nil, 0, 0, fmt.Errorf("%s: no TOTP code was accepted", email)
}

// caseload reads the ids of the families of the logged-in account, and
// which of them have a care plan (those with a plan_review_due).
func caseload(ctx context.Context, client *http.Client, base string, cookie *http.Cookie) (all, plans []int64, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/families", nil)
	if err != nil {
		return nil, nil, err
	}
	req.AddCookie(cookie)
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("GET /api/v1/families answered %d", resp.StatusCode)
	}
	var list struct {
		Families []struct {
			ID            int64   `json:"id"`
			PlanReviewDue *string `json:"plan_review_due"`
		} `json:"families"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		return nil, nil, fmt.Errorf("GET /api/v1/families: %w", err)
	}
	for _, f := range list.Families {
		all = append(all, f.ID)
		if f.PlanReviewDue != nil {
			plans = append(plans, f.ID)
		}
	}
	return all, plans, nil
}

func cmdLogin(args []string) error {
	fs := flag.NewFlagSet("load login", flag.ContinueOnError)
	base := fs.String("base", "", "base URL of the server")
	credsPath := fs.String("creds", "", "credentials file written by loadaccount")
	statePath := fs.String("state", "", "file to write the sessions and family ids to")
	c := fs.Int("c", 2, "logins at a time")
	results := fs.String("results", "", "results file (JSON lines) to record the login times in; optional")
	db := fs.String("db", "", "label of the database, for the results")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var creds Creds
	if err := readJSON(*credsPath, &creds); err != nil {
		return err
	}
	if len(creds.Accounts) == 0 {
		return errors.New("the credentials name no accounts: run loadaccount first")
	}
	ctx := context.Background()
	client := newClient(*c)
	st := State{Users: make([]User, len(creds.Accounts))}
	times := make([]time.Duration, len(creds.Accounts))
	var codeMax time.Duration
	errs := make([]error, len(creds.Accounts))
	var mu sync.Mutex
	next := 0
	var wg sync.WaitGroup
	start := time.Now()
	for range max(1, *c) {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(creds.Accounts) {
					return
				}
				a := creds.Accounts[i]
				cookie, pw, code, err := login(ctx, client, *base, a.Email, creds)
				if err != nil {
					errs[i] = err
					continue
				}
				times[i] = pw + code
				mu.Lock()
				codeMax = max(codeMax, code)
				st.CookieName = cookie.Name
				mu.Unlock()
				ids, plans, err := caseload(ctx, client, *base, cookie)
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", a.Email, err)
					continue
				}
				if len(ids) == 0 {
					errs[i] = fmt.Errorf("%s has an empty caseload", a.Email)
				}
				st.Users[i] = User{Email: a.Email, Region: a.Region, Cookie: cookie.Value, FamilyIDs: ids, PlanFamilyIDs: plans}
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := writeJSON(*statePath, st); err != nil {
		return err
	}
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	var families, plans, most int
	for _, u := range st.Users {
		families += len(u.FamilyIDs)
		plans += len(u.PlanFamilyIDs)
		most = max(most, len(u.FamilyIDs))
	}
	detail := fmt.Sprintf("%d accounts in %s, %d at a time; caseloads of %.1f families on average (at most %d), %d with a care plan in all",
		len(st.Users), wall.Round(time.Millisecond), *c, float64(families)/float64(len(st.Users)), most, plans)
	fmt.Printf("Logged in: %s; password and code p50 %s, max %s.\n", detail,
		percentile(sorted, 0.5).Round(time.Millisecond), sorted[len(sorted)-1].Round(time.Millisecond))
	if *results == "" {
		return nil
	}
	return appendResult(*results, Result{
		Kind: "login", DB: *db, Scenario: "full-login", Route: "POST /login + POST /login/code, every account once",
		Planned: len(times), Concurrency: *c, Completed: len(times), WallSeconds: wall.Seconds(),
		P50ms: ms(percentile(sorted, 0.5)), P99ms: ms(percentile(sorted, 0.99)), MaxMs: ms(sorted[len(sorted)-1]),
		Detail: detail + fmt.Sprintf("; the code step at most %s", codeMax.Round(time.Millisecond)),
	})
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
