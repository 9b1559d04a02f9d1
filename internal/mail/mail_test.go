package mail_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
)

const from = "Spil <noreply@spil.example.nl>"

func newSMTP(t *testing.T, cfg mail.SMTPConfig) *mail.SMTP {
	t.Helper()
	m, err := mail.NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSMTPDelivers(t *testing.T) {
	sink := mailtest.Start(t)
	m := newSMTP(t, sink.Config(from))
	text := "Beste Eва,\n\nJe bent uitgenodigd voor Spil. Café-één.\n.\n..een regel met punten\n" + strings.Repeat("lang ", 40) + "\n"
	err := m.Send(context.Background(), mail.Message{To: "ouder@example.org", Subject: "Uitnodiging voor Spil – één keer", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := sink.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(got))
	}
	r := got[0]
	if r.From != "noreply@spil.example.nl" || !cmp.Equal(r.To, []string{"ouder@example.org"}) {
		t.Errorf("envelope from %q to %q", r.From, r.To)
	}
	if h := r.Header.Get("To"); !strings.Contains(h, "ouder@example.org") {
		t.Errorf("To header %q", h)
	}
	if h := r.Header.Get("From"); !strings.Contains(h, "noreply@spil.example.nl") {
		t.Errorf("From header %q", h)
	}
	if r.Subject != "Uitnodiging voor Spil – één keer" {
		t.Errorf("subject %q", r.Subject)
	}
	if r.Text != text {
		t.Errorf("body (-want +got):\n%s", cmp.Diff(text, r.Text))
	}
	for _, h := range []string{"Date", "Message-Id"} {
		if r.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
}

func TestSMTPEachMessageOnItsOwn(t *testing.T) {
	sink := mailtest.Start(t)
	m := newSMTP(t, sink.Config(from))
	for _, to := range []string{"a@example.org", "b@example.org"} {
		if err := m.Send(context.Background(), mail.Message{To: to, Subject: "S " + to, Text: "T " + to}); err != nil {
			t.Fatal(err)
		}
	}
	got := sink.Messages()
	if len(got) != 2 || got[0].To[0] != "a@example.org" || got[1].To[0] != "b@example.org" || strings.TrimSpace(got[1].Text) != "T b@example.org" {
		t.Errorf("messages: %+v", got)
	}
}

// A refused recipient is an error that does not repeat the address: the
// caller logs it.
func TestSMTPRefusedRecipient(t *testing.T) {
	sink := mailtest.Start(t)
	sink.RejectRecipients(true)
	m := newSMTP(t, sink.Config(from))
	err := m.Send(context.Background(), mail.Message{To: "Geheim.Adres@example.org", Subject: "S", Text: "T"})
	if err == nil {
		t.Fatal("no error for a refused recipient")
	}
	if strings.Contains(strings.ToLower(err.Error()), "geheim.adres") {
		t.Errorf("error %q shows the recipient", err)
	}
	if len(sink.Messages()) != 0 {
		t.Errorf("a message arrived")
	}
}

// With STARTTLS required, a server that does not offer it gets nothing.
func TestSMTPStartTLSRequired(t *testing.T) {
	sink := mailtest.Start(t)
	cfg := sink.Config(from)
	cfg.TLS = mail.TLSStartTLS
	m := newSMTP(t, cfg)
	if err := m.Send(context.Background(), mail.Message{To: "ouder@example.org", Subject: "S", Text: "T"}); err == nil {
		t.Error("sent without STARTTLS")
	}
	if len(sink.Messages()) != 0 {
		t.Errorf("a message arrived in the clear")
	}
}

func TestSMTPRefusesHeaderInjection(t *testing.T) {
	sink := mailtest.Start(t)
	m := newSMTP(t, sink.Config(from))
	err := m.Send(context.Background(), mail.Message{To: "ouder@example.org\r\nBcc: ander@example.org", Subject: "S", Text: "T"})
	if err == nil {
		t.Error("a recipient with a line break was accepted")
	}
	if err := m.Send(context.Background(), mail.Message{To: "ouder@example.org", Subject: "S\r\nBcc: ander@example.org", Text: "T"}); err != nil {
		t.Fatal(err)
	}
	for _, r := range sink.Messages() {
		if len(r.To) != 1 || r.Header.Get("Bcc") != "" {
			t.Errorf("injected: recipients %q, Bcc %q", r.To, r.Header.Get("Bcc"))
		}
	}
}

func TestSMTPServerDown(t *testing.T) {
	sink := mailtest.Start(t)
	cfg := sink.Config(from)
	sink.Close()
	m := newSMTP(t, cfg)
	if err := m.Send(context.Background(), mail.Message{To: "ouder@example.org", Subject: "S", Text: "T"}); err == nil {
		t.Error("no error with the server gone")
	}
}

func TestSMTPConfigCheck(t *testing.T) {
	ok := mail.SMTPConfig{Host: "smtp.example.nl", Port: 587, From: from, TLS: mail.TLSStartTLS}
	tests := []struct {
		name    string
		change  func(*mail.SMTPConfig)
		wantErr string
	}{
		{"ok", func(*mail.SMTPConfig) {}, ""},
		{"tls empty means starttls", func(c *mail.SMTPConfig) { c.TLS = "" }, ""},
		{"implicit tls", func(c *mail.SMTPConfig) { c.TLS, c.Port = mail.TLSImplicit, 465 }, ""},
		{"with login", func(c *mail.SMTPConfig) { c.Username, c.Password = "spil", "geheim" }, ""},
		{"bare sender", func(c *mail.SMTPConfig) { c.From = "noreply@spil.example.nl" }, ""},
		{"no host", func(c *mail.SMTPConfig) { c.Host = " " }, "no SMTP host"},
		{"port 0", func(c *mail.SMTPConfig) { c.Port = 0 }, "port 0"},
		{"port too high", func(c *mail.SMTPConfig) { c.Port = 70000 }, "port 70000"},
		{"bad sender", func(c *mail.SMTPConfig) { c.From = "spil" }, "sender address"},
		{"unknown tls", func(c *mail.SMTPConfig) { c.TLS = "ssl" }, `TLS mode "ssl"`},
		{"password without user", func(c *mail.SMTPConfig) { c.Password = "geheim" }, "without a username"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.change(&c)
			err := c.Check()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Check() = %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Check() = %v, want an error containing %q", err, tt.wantErr)
			}
			if _, nerr := mail.NewSMTP(c); (nerr == nil) != (err == nil) {
				t.Errorf("NewSMTP and Check disagree: %v, %v", nerr, err)
			}
		})
	}
	c := ok
	c.Password = "Zeer-Geheim-42"
	c.Port = 0
	if err := c.Check(); err == nil || strings.Contains(err.Error(), "Zeer-Geheim-42") {
		t.Errorf("Check() = %v: want an error without the password", err)
	}
}
