// Package mail sends Spil's e-mail. The rest of Spil knows only the Mailer
// interface; SMTP (on github.com/wneessen/go-mail) is the implementation
// that reaches the outside world.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one plain-text e-mail to one recipient.
type Message struct {
	To      string
	Subject string
	Text    string
}

// Mailer sends e-mail.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// TLS modes of the connection to the SMTP server.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which is required
	TLSImplicit = "tls"      // TLS from the first byte (usually port 465)
	TLSNone     = "none"     // no encryption: only for a relay on the same host or in tests
)

// TLSModes lists the TLS modes in the order the flags name them.
var TLSModes = []string{TLSStartTLS, TLSImplicit, TLSNone}

// SMTPConfig says how to reach the SMTP server.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	From     string // the sender address, e.g. "Spil <noreply@spil.example.nl>"
	TLS      string // one of TLSModes; empty means TLSStartTLS
	Timeout  time.Duration
}

// Check reports what is wrong with the configuration, all at once.
func (c SMTPConfig) Check() error {
	var errs []error
	if strings.TrimSpace(c.Host) == "" {
		errs = append(errs, errors.New("no SMTP host"))
	}
	if c.Port < 1 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("SMTP port %d is not between 1 and 65535", c.Port))
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		errs = append(errs, errors.New("the sender address is not an e-mail address"))
	}
	switch c.TLS {
	case "", TLSStartTLS, TLSImplicit, TLSNone:
	default:
		errs = append(errs, fmt.Errorf("TLS mode %q is not one of %s", c.TLS, strings.Join(TLSModes, ", ")))
	}
	if c.Password != "" && c.Username == "" {
		errs = append(errs, errors.New("an SMTP password without a username"))
	}
	return errors.Join(errs...)
}

// SMTP sends each message over a new connection to an SMTP server. Spil
// sends little mail, so a connection pool would only add failure modes.
type SMTP struct {
	cfg SMTPConfig
}

// NewSMTP returns an SMTP mailer, or what is wrong with cfg.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	if cfg.TLS == "" {
		cfg.TLS = TLSStartTLS
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 15 * time.Second
	}
	return &SMTP{cfg: cfg}, nil
}

// Send delivers m to the SMTP server. The error never holds the recipient's
// address, so it can be logged.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return fmt.Errorf("mail: sender: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return errors.New("mail: the recipient is not an e-mail address")
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)

	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("mail: client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return &sendError{err: err, recipient: m.To}
	}
	return nil
}

// sendError hides the recipient's address, which servers like to repeat
// in their replies, from the message of a failed send.
type sendError struct {
	err       error
	recipient string
}

func (e *sendError) Error() string {
	msg := e.err.Error()
	if e.recipient != "" {
		msg = regexp.MustCompile(`(?i)`+regexp.QuoteMeta(e.recipient)).ReplaceAllLiteralString(msg, "<recipient>")
	}
	return "mail: send: " + msg
}

func (e *sendError) Unwrap() error { return e.err }
