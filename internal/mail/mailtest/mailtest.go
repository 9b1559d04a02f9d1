// Package mailtest is a small but real SMTP server for tests: it listens
// on 127.0.0.1, speaks enough SMTP for a client without TLS or AUTH
// (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT) and keeps every
// message it receives.
package mailtest

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	spilmail "github.com/spil-zorg/spil/internal/mail"
)

// Received is one message as it arrived.
type Received struct {
	From    string   // the envelope sender (MAIL FROM)
	To      []string // the envelope recipients (RCPT TO)
	Header  mail.Header
	Subject string // decoded
	Text    string // the decoded body
	Raw     string // the message as sent after DATA
}

// Server is an SMTP sink.
type Server struct {
	ln     net.Listener
	mu     sync.Mutex
	msgs   []Received
	reject bool
	conns  map[net.Conn]bool
	closed bool
	wg     sync.WaitGroup
}

// Start starts a server that stops when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{ln: ln, conns: map[net.Conn]bool{}}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(s.Close)
	return s
}

// Close stops listening, ends open sessions (a client that gave up may
// leave its connection open) and waits for them.
func (s *Server) Close() {
	s.ln.Close()
	s.mu.Lock()
	s.closed = true
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Host is the address the server listens on.
func (s *Server) Host() string { return "127.0.0.1" }

// Port is the port the server listens on.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Config is an SMTP configuration that reaches this server, without TLS.
func (s *Server) Config(from string) spilmail.SMTPConfig {
	return spilmail.SMTPConfig{Host: s.Host(), Port: s.Port(), From: from, TLS: spilmail.TLSNone, Timeout: 5 * time.Second}
}

// RejectRecipients makes the server refuse every recipient from now on
// (reject true) or accept them again.
func (s *Server) RejectRecipients(reject bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject = reject
}

// Messages returns the messages received so far, oldest first. A message
// is stored before the server confirms it, so once Send has returned its
// message is here.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			conn.Close()
			return
		}
		s.conns[conn] = true
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer func() {
				s.mu.Lock()
				delete(s.conns, conn)
				s.mu.Unlock()
				conn.Close()
			}()
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			s.session(textproto.NewConn(conn))
		}()
	}
}

// session speaks SMTP with one client until QUIT or an error.
func (s *Server) session(c *textproto.Conn) {
	reply := func(format string, args ...any) bool { return c.PrintfLine(format, args...) == nil }
	if !reply("220 mailtest ESMTP ready") {
		return
	}
	var from string
	var to []string
	for {
		line, err := c.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			reply("250-mailtest greets %s", arg)
			reply("250 8BITMIME")
		case "HELO":
			reply("250 mailtest")
		case "MAIL":
			from = address(arg, "FROM:")
			to = nil
			reply("250 2.1.0 OK")
		case "RCPT":
			s.mu.Lock()
			reject := s.reject
			s.mu.Unlock()
			rcpt := address(arg, "TO:")
			if reject {
				reply("550 5.1.1 <%s>: recipient rejected", rcpt)
				continue
			}
			to = append(to, rcpt)
			reply("250 2.1.5 OK")
		case "DATA":
			if from == "" || len(to) == 0 {
				reply("503 5.5.1 MAIL and RCPT first")
				continue
			}
			reply("354 end with <CRLF>.<CRLF>")
			raw, err := io.ReadAll(c.DotReader())
			if err != nil {
				return
			}
			msg, err := parse(from, to, string(raw))
			if err != nil {
				reply("554 5.6.0 %s", err)
				continue
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, msg)
			s.mu.Unlock()
			from, to = "", nil
			reply("250 2.0.0 queued")
		case "RSET":
			from, to = "", nil
			reply("250 2.0.0 OK")
		case "NOOP":
			reply("250 2.0.0 OK")
		case "QUIT":
			reply("221 2.0.0 bye")
			return
		default:
			reply("502 5.5.2 command not implemented")
		}
	}
}

// address takes the address out of "FROM:<a@b> BODY=8BITMIME".
func address(arg, prefix string) string {
	if len(arg) >= len(prefix) && strings.EqualFold(arg[:len(prefix)], prefix) {
		arg = arg[len(prefix):]
	}
	arg, _, _ = strings.Cut(strings.TrimSpace(arg), " ")
	return strings.Trim(arg, "<>")
}

// parse reads the headers and decodes the subject and a plain-text body.
func parse(from string, to []string, raw string) (Received, error) {
	m, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		return Received{}, err
	}
	r := Received{From: from, To: to, Header: m.Header, Raw: raw}
	var dec mime.WordDecoder
	if r.Subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		return Received{}, err
	}
	var body io.Reader = m.Body
	switch enc := strings.ToLower(m.Header.Get("Content-Transfer-Encoding")); enc {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, newlineStripper{body})
	case "", "7bit", "8bit":
	default:
		return Received{}, fmt.Errorf("transfer encoding %s", strconv.Quote(enc))
	}
	b, err := io.ReadAll(bufio.NewReader(body))
	if err != nil {
		return Received{}, err
	}
	r.Text = strings.ReplaceAll(string(b), "\r\n", "\n")
	return r, nil
}

// newlineStripper drops the line breaks of a base64 body.
type newlineStripper struct{ r io.Reader }

func (n newlineStripper) Read(p []byte) (int, error) {
	k, err := n.r.Read(p)
	j := 0
	for _, b := range p[:k] {
		if b != '\r' && b != '\n' {
			p[j] = b
			j++
		}
	}
	return j, err
}
