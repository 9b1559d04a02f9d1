package form

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Participant checkboxes are named by who they invite: "p-network-12" for
// a member of the network, "p-parent-7" for a parent or carer.
const (
	ParticipantNetwork = "p-network-"
	ParticipantParent  = "p-parent-"
)

// MeetingActionRows is how many actions the minutes form offers at once.
const MeetingActionRows = 3

// DecodeMeeting reads a meeting being organised: what for, the day and
// time in Dutch time, how long, where or by which link, who is invited,
// the agenda and, for a meeting that took place already, its minutes.
// Whether the participants are this family's is the care service's to
// check.
func DecodeMeeting(v url.Values) (care.Meeting, Fields) {
	errs := Fields{}
	m := care.Meeting{
		Purpose:  OneOf(v, "purpose", care.MeetingPurposes, true, errs),
		Place:    Field(v, "place", care.MaxShort, false, errs),
		VideoURL: Field(v, "video_url", care.MaxShort, false, errs),
		Agenda:   Field(v, "agenda", care.MaxText, false, errs),
		Report:   Field(v, "minutes", care.MaxText, false, errs),
		Minutes:  care.DefaultMeetingMinutes,
	}
	if s := strings.TrimSpace(v.Get("duration")); s != "" {
		m.Minutes = Number(v, "duration", errs)
	}
	m.Start = DateTime(v, "date", "time", errs)
	for name := range v {
		if v.Get(name) == "" {
			continue
		}
		for prefix, network := range map[string]bool{ParticipantNetwork: true, ParticipantParent: false} {
			rest, ok := strings.CutPrefix(name, prefix)
			if !ok {
				continue
			}
			id, err := strconv.ParseInt(rest, 10, 64)
			if err != nil || id <= 0 || strconv.FormatInt(id, 10) != rest {
				errs["participants"] = "field.choose"
				continue
			}
			if network {
				m.Participants = append(m.Participants, care.MeetingParticipant{NetworkMemberID: id})
			} else {
				m.Participants = append(m.Participants, care.MeetingParticipant{MemberID: id})
			}
		}
	}
	return m, errs
}

// DateTime reads a day (YYYY-MM-DD) and a time of day (HH:MM, as sent by
// <input type=time>) in Dutch time, as a moment in UTC; zero, with an
// error at the field, when either cannot be read.
func DateTime(v url.Values, dateName, timeName string, errs Fields) time.Time {
	d := Date(v, dateName, errs)
	s := strings.TrimSpace(v.Get(timeName))
	switch {
	case d.IsZero():
		if _, bad := errs[dateName]; !bad {
			errs[dateName] = "field.required"
		}
		return time.Time{}
	case s == "":
		errs[timeName] = "field.required"
		return time.Time{}
	}
	hm, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		errs[timeName] = "meeting.time_invalid"
		return time.Time{}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hm.Hour(), hm.Minute(), 0, 0, care.Amsterdam).UTC()
}

// EncodeMeetingTime is a moment as the date and time fields show it, in
// Dutch time.
func EncodeMeetingTime(t time.Time) (date, clock string) {
	if t.IsZero() {
		return "", ""
	}
	t = t.In(care.Amsterdam)
	return t.Format(time.DateOnly), t.Format("15:04")
}

// DecodeMeetingReport reads the minutes form: the minutes, the decisions
// one a line, and up to MeetingActionRows actions, each a title, an owner
// picked ("network:12") and a due date. A row left empty is skipped; a
// row with a title needs an owner.
func DecodeMeetingReport(v url.Values) (care.MeetingReport, Fields) {
	errs := Fields{}
	r := care.MeetingReport{Minutes: Field(v, "minutes", care.MaxText, true, errs)}
	decisions := Field(v, "decisions", care.MaxText, false, errs)
	for _, line := range strings.Split(decisions, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			r.Decisions = append(r.Decisions, line)
		}
	}
	if len(r.Decisions) > care.MaxDecisions {
		errs["decisions"] = "field.too_long"
	}
	for i := 1; i <= MeetingActionRows; i++ {
		n := "action_" + strconv.Itoa(i) + "_"
		title := Field(v, n+"title", care.MaxShort, false, errs)
		owner := strings.TrimSpace(v.Get(n + "owner"))
		due := Date(v, n+"due", errs)
		if title == "" && owner == "" && due.IsZero() {
			continue
		}
		a := care.MeetingAction{Title: title, Due: due, Row: i}
		if title == "" {
			errs[n+"title"] = "field.required"
		}
		if owner == "" {
			errs[n+"owner"] = "field.required"
		} else if o, err := care.ParseTaskOwner(owner); err != nil {
			errs[n+"owner"] = "field.choose"
		} else {
			a.Owner = o
		}
		r.Actions = append(r.Actions, a)
	}
	return r, errs
}
