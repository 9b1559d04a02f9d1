package web

import (
	"net/http"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// AccessLogPage is "who looked at our file": the accesses in a period, in
// words, with the same thing done by the same person on one day as one
// line.
type AccessLogPage struct {
	CarePage
	FamilyID  int64
	ChildName string
	IsChild   bool
	Entries   []AccessLine
	From, To  time.Time // the period shown, both days included
	Errors    Fields
}

// AccessLine is one or more accesses of the same kind by one person on one
// day: the newest, when the first was, and how many.
type AccessLine struct {
	care.AccessEntry
	First time.Time // the earliest of the day's accesses; At is the latest
	Count int
}

// accessLines groups entries (newest first) by day, person, organisation,
// role, what was done to what and how it ended, keeping the order of each
// group's newest access.
func accessLines(entries []care.AccessEntry) []AccessLine {
	type key struct {
		day                       time.Time
		who, org, object, outcome string
		role                      care.Role
		action                    care.Action
	}
	var lines []AccessLine
	at := map[key]int{}
	for _, e := range entries {
		object, ok := accessObjects[e.ObjectType]
		if !ok {
			object = "file"
		}
		k := key{care.DateOf(e.At), e.ActorName, e.Organisation, object, e.Outcome, e.Role, e.Action}
		if i, ok := at[k]; ok {
			lines[i].First, lines[i].Count = e.At, lines[i].Count+1
			continue
		}
		at[k] = len(lines)
		lines = append(lines, AccessLine{AccessEntry: e, First: e.At, Count: 1})
	}
	return lines
}

// When says when: the time, or for a line of several the first and the
// last time of that day and how many times.
func (p *AccessLogPage) When(l AccessLine) string {
	if l.Count == 1 {
		return p.DateTime(l.At)
	}
	return p.T("accesslog.when_times", "Date", p.Date(care.DateOf(l.At)), "From", p.Time(l.First), "To", p.Time(l.At), "N", l.Count)
}

// accessLogDays is the period shown when none is asked for.
const accessLogDays = 30

// accessObjects are the words for what was looked at; anything else is the file.
var accessObjects = map[string]string{
	"family": "file", "family_view": "file", "provider_view": "file",
	"network_member": "network", "case_manager": "network", "member": "members",
	"task": "task", "consent": "consent", "access_log": "access_log", "note": "note",
	"episode": "episode", "contact": "contact", "intensity": "intensity", "invitation": "invitation",
	"careplan": "careplan", "careplan_version": "careplan_version", "careplan_proposal": "careplan_proposal",
	"emergency_summary": "emergency_summary", "duplicate_check": "duplicate_check",
	"thread": "thread", "message": "message", "document": "document",
}

// What says in words what was done with what ("het dossier bekeken").
func (p *AccessLogPage) What(e AccessLine) string {
	o, ok := accessObjects[e.ObjectType]
	if !ok {
		o = "file"
	}
	did := "—"
	if a, ok := accessActions[e.Action]; ok {
		did = p.T("accesslog.action." + a)
	}
	return p.T("accesslog.entry", "Object", p.T("accesslog.object."+o), "Action", did)
}

// accessActions are the words for the audit action codes.
var accessActions = map[care.Action]string{
	care.ActionCreate: "created", care.ActionRead: "read", care.ActionUpdate: "updated", care.ActionDelete: "deleted",
	care.ActionPrint: "printed", care.ActionExport: "exported", care.ActionSearch: "searched", care.ActionLogin: "login",
}

// Role is the role of whoever it was, in words.
func (p *AccessLogPage) Role(e AccessLine) string {
	if !e.Role.Valid() {
		return "—"
	}
	return p.T("role." + string(e.Role))
}

// Organisation is the organisation of whoever it was; a family member's
// account belongs to the organisation that runs Spil, which says nothing.
func (p *AccessLogPage) Organisation(e AccessLine) string {
	if e.Role == care.RoleFamily || e.Organisation == "" {
		return "—"
	}
	return e.Organisation
}

// Denied reports whether the access was refused.
func (p *AccessLogPage) Denied(e AccessLine) bool { return e.Outcome == care.OutcomeDenied }

// Failed reports whether the access was allowed but did not succeed.
func (p *AccessLogPage) Failed(e AccessLine) bool { return e.Outcome == care.OutcomeFailed }

// FromValue and ToValue are the dates in the filter form.
func (p *AccessLogPage) FromValue() string { return form.ISODate(p.From) }

// ToValue is the last day of the period, as typed in a date field.
func (p *AccessLogPage) ToValue() string { return form.ISODate(p.To) }

// parseDay reads a date field; an empty field keeps def.
func parseDay(v, name string, def time.Time, errs Fields) time.Time {
	if v == "" {
		return def
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil || d.Year() < 2000 || d.Year() > 2999 {
		errs[name] = "date.invalid"
		return def
	}
	return d
}

// midnight is the start of day d in the Netherlands.
func midnight(d time.Time) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, care.Amsterdam)
}

func (s *Server) accessLogShow(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	p := &AccessLogPage{CarePage: s.carePage(r, "accesslog.title"), FamilyID: id, Errors: Fields{}}
	defTo := p.Today
	defFrom := defTo.AddDate(0, 0, -accessLogDays)
	q := r.URL.Query()
	p.From = parseDay(q.Get("from"), "from", defFrom, p.Errors)
	p.To = parseDay(q.Get("to"), "to", defTo, p.Errors)
	if p.From.After(p.To) {
		p.Errors["to"] = "accesslog.to_before_from"
		p.From, p.To = defFrom, defTo
	}
	// This page is part of the family's own view (a case manager reads the
	// log through the API): the care service refuses, and records, anyone
	// else.
	l, err := s.care.FamilyAccessLog(r.Context(), s.actor(r), id, midnight(p.From), midnight(p.To.AddDate(0, 0, 1)))
	if err != nil {
		return err
	}
	p.ChildName, p.IsChild, p.Entries = l.ChildName, l.IsChild, accessLines(l.Entries)
	s.render(w, r, http.StatusOK, "accesslog", p)
	return nil
}
