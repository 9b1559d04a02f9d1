package fhir

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// exts builds extensions, leaving out empty values. At the top level each
// URL is Spil's canonical for the name (SpilExt); inside a complex
// extension it is the bare name, as FHIR has it for sub-extensions.
type exts struct {
	list []Extension
	sub  bool
}

func (b *exts) url(name string) string {
	if b.sub {
		return name
	}
	return spilExtURL(name)
}

// push appends e, making room for a resource's usual number of
// extensions at the first one.
func (b *exts) push(e Extension) {
	if b.list == nil {
		n := 8
		if b.sub {
			n = 2
		}
		b.list = make([]Extension, 0, n)
	}
	b.list = append(b.list, e)
}

// extURLs holds the canonical of every extension name used so far: the
// names are Spil's own, a few dozen, and an export writes thousands.
var extURLs sync.Map

// spilExtURL is SpilExt, built once per name.
func spilExtURL(name string) string {
	if u, ok := extURLs.Load(name); ok {
		return u.(string)
	}
	u := SpilExt(name)
	extURLs.Store(name, u)
	return u
}

func (b *exts) str(name, v string) {
	if v != "" {
		b.push(Extension{URL: b.url(name), ValueString: &v})
	}
}

func (b *exts) code(name, v string) {
	if v != "" {
		b.push(Extension{URL: b.url(name), ValueCode: v})
	}
}

func (b *exts) boolean(name string, v bool) {
	if v {
		b.push(Extension{URL: b.url(name), ValueBoolean: &v})
	}
}

func (b *exts) integer(name string, v int64) {
	if v != 0 {
		b.push(Extension{URL: b.url(name), ValueInteger: &v})
	}
}

func (b *exts) decimal(name string, v float64) {
	if v != 0 {
		b.push(Extension{URL: b.url(name), ValueDecimal: &v})
	}
}

func (b *exts) date(name string, t time.Time) {
	if !t.IsZero() {
		b.push(Extension{URL: b.url(name), ValueDate: fmtDate(t)})
	}
}

func (b *exts) instant(name string, t time.Time) {
	if !t.IsZero() {
		b.push(Extension{URL: b.url(name), ValueDateTime: fmtInstant(t)})
	}
}

// complex adds a complex extension built by fill; left out when empty.
func (b *exts) complex(name string, fill func(sub *exts)) {
	sub := &exts{sub: true}
	fill(sub)
	if len(sub.list) > 0 {
		b.push(Extension{URL: b.url(name), Extension: sub.list})
	}
}

// codes adds a repeated code extension, one per value.
func (b *exts) codes(name string, vs []string) {
	for _, v := range vs {
		v := v
		b.push(Extension{URL: b.url(name), ValueCode: v})
	}
}

// person adds a Spil account (id and name) as a complex extension.
func (b *exts) person(name string, id int64, who string) {
	b.complex(name, func(s *exts) {
		s.integer("account", id)
		s.str("name", who)
	})
}

// reader reads extensions back; the first failure is kept in err.
type reader struct {
	list []Extension
	sub  bool
	err  *error
	used map[int]bool
}

func newReader(list []Extension, errp *error) *reader {
	return &reader{list: list, err: errp, used: map[int]bool{}}
}

func (r *reader) fail(format string, args ...any) {
	if *r.err == nil {
		*r.err = fmt.Errorf("fhir: "+format, args...)
	}
}

func (r *reader) find(name string) *Extension {
	u := SpilExt(name)
	if r.sub {
		u = name
	}
	var found *Extension
	for i := range r.list {
		if r.list[i].URL == u {
			if found != nil {
				r.fail("extension %s twice", name)
			}
			found, r.used[i] = &r.list[i], true
		}
	}
	return found
}

func (r *reader) str(name string) string {
	if e := r.find(name); e != nil {
		if e.ValueString == nil || *e.ValueString == "" {
			r.fail("extension %s: no string", name)
			return ""
		}
		return *e.ValueString
	}
	return ""
}

func (r *reader) code(name string) string {
	if e := r.find(name); e != nil {
		if e.ValueCode == "" {
			r.fail("extension %s: no code", name)
		}
		return e.ValueCode
	}
	return ""
}

func (r *reader) boolean(name string) bool {
	if e := r.find(name); e != nil {
		if e.ValueBoolean == nil || !*e.ValueBoolean {
			r.fail("extension %s: not true", name)
			return false
		}
		return true
	}
	return false
}

func (r *reader) integer(name string) int64 {
	if e := r.find(name); e != nil {
		if e.ValueInteger == nil || *e.ValueInteger == 0 {
			r.fail("extension %s: no integer", name)
			return 0
		}
		return *e.ValueInteger
	}
	return 0
}

func (r *reader) decimal(name string) float64 {
	if e := r.find(name); e != nil {
		if e.ValueDecimal == nil || *e.ValueDecimal == 0 {
			r.fail("extension %s: no number", name)
			return 0
		}
		return *e.ValueDecimal
	}
	return 0
}

func (r *reader) date(name string) time.Time {
	if e := r.find(name); e != nil {
		return parseTime(e.ValueDate, r.err)
	}
	return time.Time{}
}

func (r *reader) instant(name string) time.Time {
	if e := r.find(name); e != nil {
		return parseTime(e.ValueDateTime, r.err)
	}
	return time.Time{}
}

func (r *reader) complex(name string) *reader {
	sub := &reader{sub: true, err: r.err, used: map[int]bool{}}
	if e := r.find(name); e != nil {
		sub.list = e.Extension
	}
	return sub
}

// all returns a reader for each of the repeated complex extension name.
func (r *reader) all(name string) []*reader {
	u := SpilExt(name)
	if r.sub {
		u = name
	}
	var out []*reader
	for i := range r.list {
		if r.list[i].URL == u {
			r.used[i] = true
			out = append(out, &reader{sub: true, err: r.err, used: map[int]bool{}, list: r.list[i].Extension})
		}
	}
	return out
}

// strs returns the values of the repeated string extension name.
func (r *reader) strs(name string) []string {
	u := SpilExt(name)
	if r.sub {
		u = name
	}
	var out []string
	for i := range r.list {
		if r.list[i].URL == u && r.list[i].ValueString != nil {
			r.used[i] = true
			out = append(out, *r.list[i].ValueString)
		}
	}
	return out
}

// codes returns the values of the repeated code extension name.
func (r *reader) codes(name string) []string {
	var out []string
	for i := range r.list {
		if r.list[i].URL == SpilExt(name) {
			out = append(out, r.list[i].ValueCode)
		}
	}
	return out
}

func (r *reader) person(name string) (int64, string) {
	s := r.complex(name)
	return s.integer("account"), s.str("name")
}

// fmtDate writes a Spil date (midnight UTC) as a FHIR date.
func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// fmtInstant writes a moment as a FHIR dateTime in UTC, to the
// nanosecond, so nothing the database keeps is lost.
func fmtInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// parseTime reads a FHIR date (to midnight UTC) or dateTime; "" is zero.
func parseTime(s string, errp *error) time.Time {
	if s == "" {
		return time.Time{}
	}
	layout := time.RFC3339Nano
	if len(s) == len(time.DateOnly) {
		layout = time.DateOnly
	}
	t, err := time.Parse(layout, s)
	if err != nil || (layout == time.RFC3339Nano && !strings.HasSuffix(s, "Z")) {
		if *errp == nil {
			*errp = fmt.Errorf("fhir: not a date or UTC time: %q", s)
		}
		return time.Time{}
	}
	return t.UTC()
}

// itoa writes a Spil id.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// atoi reads a Spil id, keeping the first failure in errp.
func atoi(s string, errp *error) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if (err != nil || n <= 0 || itoa(n) != s) && *errp == nil {
		*errp = fmt.Errorf("fhir: not a Spil id: %q", s)
	}
	return n
}
