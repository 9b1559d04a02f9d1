package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/mail/mailtest"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

func TestBaseURL(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string
	}{
		{Config{Addr: ":8080"}, "http://localhost:8080"},
		{Config{Addr: "127.0.0.1:9000"}, "http://127.0.0.1:9000"},
		{Config{Addr: "0.0.0.0:80"}, "http://localhost"},
		{Config{Addr: "[::]:8443", HTTPS: true}, "https://localhost:8443"},
		{Config{Addr: ":443", TLSCert: "cert.pem"}, "https://localhost"},
		{Config{Addr: ":80", HTTPS: true}, "https://localhost:80"},
		{Config{Addr: "[::1]:8080"}, "http://[::1]:8080"},
		{Config{Addr: "[::1]:80"}, "http://[::1]"},
		{Config{Addr: "spil.local:8080"}, "http://spil.local:8080"},
		{Config{Addr: ":8080", BaseURL: "https://spil.example.nl/"}, "https://spil.example.nl"},
		{Config{Addr: ":8080", BaseURL: "https://spil.example.nl"}, "https://spil.example.nl"},
	}
	for _, tt := range tests {
		if got := tt.cfg.baseURL(); got != tt.want {
			t.Errorf("baseURL of %+v = %q, want %q", tt.cfg, got, tt.want)
		}
	}
}

// TestServeSendsInvitations runs spil serve with the SMTP flags against a
// real SMTP server: a case manager's invitation arrives with a link from
// --base-url, and the link works on the server.
func TestServeSendsInvitations(t *testing.T) {
	const pw = "Zonnebloem-Speeltuin-1"
	sink := mailtest.Start(t)
	srv := startServe(t, fakeEnv(map[string]string{"SPIL_DEMO_PASSWORD": pw, "SPIL_SMTP_HOST": sink.Host()}, nil),
		"--demo", "--db", storetest.SQLitePath(t), "--smtp-port", strconv.Itoa(sink.Port()), "--smtp-tls", "none",
		"--smtp-from", "Spil <noreply@spil.example.nl>", "--base-url", "https://spil.example.nl")

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	do := func(method, path string, form url.Values) string {
		t.Helper()
		var resp *http.Response
		var err error
		if method == http.MethodPost {
			resp, err = c.PostForm(srv.url+path, form)
		} else {
			resp, err = c.Get(srv.url + path)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: %d", method, path, resp.StatusCode)
		}
		return string(b)
	}
	do(http.MethodPost, "/login", url.Values{"email": {kctEmail}, "password": {pw}})
	family := regexp.MustCompile(`href="(/families/\d+)"`).FindStringSubmatch(do(http.MethodGet, "/families", nil))
	if family == nil {
		t.Fatal("no family in the caseload")
	}
	invite := regexp.MustCompile(`href="` + family[1] + `/invite\?kind=(parent|provider)&amp;(member|network_member)=(\d+)"`).
		FindStringSubmatch(do(http.MethodGet, family[1], nil))
	if invite == nil {
		t.Fatal("no one to invite on the family page")
	}
	body := do(http.MethodPost, family[1]+"/invite", url.Values{"kind": {invite[1]}, invite[2]: {invite[3]}, "email": {"uitgenodigd@example.org"}})
	if !strings.Contains(body, "Uitnodiging verstuurd naar uitgenodigd@example.org") {
		t.Errorf("the page does not say the invitation was sent:\n%s", body)
	}
	msgs := sink.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "uitgenodigd@example.org" || msgs[0].From != "noreply@spil.example.nl" {
		t.Fatalf("messages: %+v", msgs)
	}
	m := regexp.MustCompile(`https://spil\.example\.nl(/invite/[A-Z2-7]+)\n`).FindStringSubmatch(msgs[0].Text)
	if m == nil {
		t.Fatalf("no link in:\n%s", msgs[0].Text)
	}
	if !strings.Contains(do(http.MethodGet, m[1], nil), "uitgenodigd@example.org") {
		t.Error("the link does not show the invitation")
	}
	if log := srv.stderr.String(); !strings.Contains(log, "mail=true") || !strings.Contains(log, "base_url=https://spil.example.nl") {
		t.Errorf("the start is not logged with mail and base URL:\n%s", log)
	}
}
