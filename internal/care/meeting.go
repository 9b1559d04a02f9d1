package care

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// A multidisciplinary meeting (MDO) brings the family and the providers
// around the child together: to hand the care over warmly when the child
// moves, to review the care plan, or to deliberate on an ethical question.
// A case manager organises it; afterwards the minutes keep what was said,
// the decisions what was agreed, and each action agreed becomes a task
// with an owner from the participants.

// Meeting purposes, as stored.
const (
	PurposeWarmHandoff       = "warm_handoff"
	PurposeCarePlanReview    = "care_plan_review"
	PurposeMoralDeliberation = "moral_deliberation"
	PurposeOther             = "other"
)

// MeetingPurposes are the purposes, in the order a form offers them.
var MeetingPurposes = []string{PurposeWarmHandoff, PurposeCarePlanReview, PurposeMoralDeliberation, PurposeOther}

// Bounds of a meeting.
const (
	DefaultMeetingMinutes = 60
	MinMeetingMinutes     = 5
	MaxMeetingMinutes     = 600
	MaxDecisions          = 30
	MaxMeetingActions     = 20
	MaxParticipants       = 40
)

// Meeting is one MDO of a family.
type Meeting struct {
	ID       int64
	FamilyID int64
	Purpose  string    // one of MeetingPurposes
	Start    time.Time // UTC, to the minute
	Minutes  int       // how long, in minutes
	Place    string    // where, in words; "" for a meeting by video only
	VideoURL string    // an https link; "" for none
	Agenda   string
	// Participants are the members of the network and of the family
	// invited; the organiser, a case manager, is not among them.
	Participants []MeetingParticipant
	// Report is the minutes, written once the meeting has started; ""
	// while there are none.
	Report    string
	ReportAt  time.Time
	ReportBy  Person
	Decisions []string
	// ActionIDs are the tasks agreed in the meeting; Actions those tasks,
	// filled in by the service where they are shown.
	ActionIDs []int64
	Actions   []Task
	CreatedAt time.Time
	CreatedBy Person
}

// MeetingParticipant is one person invited: a member of the network or a
// member of the family. Name and Role are filled in on reading.
type MeetingParticipant struct {
	ID              int64
	NetworkMemberID int64
	MemberID        int64
	Name            string
	Role            string // a network role (gp, ...) or a member's relation
	Declined        bool
	DeclinedAt      time.Time
}

// Family reports whether the participant is a member of the family.
func (p MeetingParticipant) Family() bool { return p.MemberID != 0 }

// End is when the meeting is planned to end.
func (m *Meeting) End() time.Time { return m.Start.Add(time.Duration(m.Minutes) * time.Minute) }

// Started reports whether the meeting has started at now.
func (m *Meeting) Started(now time.Time) bool { return !now.Before(m.Start) }

// HasReport reports whether the minutes were written.
func (m *Meeting) HasReport() bool { return m.Report != "" }

// Participant is the participant for the network member or family member
// given (one of them 0), or nil when they were not invited.
func (m *Meeting) Participant(networkMemberID, memberID int64) *MeetingParticipant {
	for i := range m.Participants {
		p := &m.Participants[i]
		if networkMemberID != 0 && p.NetworkMemberID == networkMemberID || memberID != 0 && p.MemberID == memberID {
			return p
		}
	}
	return nil
}

// Validate checks a meeting being organised at now: a meeting that starts
// in the past is only recorded with its minutes.
func (m *Meeting) Validate(now time.Time) error {
	fe := FieldErrors{}
	oneOf(fe, "purpose", m.Purpose, MeetingPurposes...)
	switch {
	case m.Start.IsZero():
		fe["start"] = "field.required"
	case m.Start.Before(now) && strings.TrimSpace(m.Report) == "":
		fe["start"] = "meeting.past_needs_minutes"
	case m.Start.Before(DateOf(now).AddDate(-1, 0, 0)):
		fe["start"] = "date.past"
	case m.Start.After(DateOf(now).AddDate(MaxYearsAhead, 0, 0)):
		fe["start"] = "date.too_far"
	}
	if m.Minutes < MinMeetingMinutes || m.Minutes > MaxMeetingMinutes {
		fe["duration"] = "meeting.duration_invalid"
	}
	text(fe, "place", m.Place, MaxShort, false)
	text(fe, "video_url", m.VideoURL, MaxShort, false)
	if _, ok := fe["video_url"]; !ok && m.VideoURL != "" && !ValidVideoURL(m.VideoURL) {
		fe["video_url"] = "meeting.video_url_invalid"
	}
	if strings.TrimSpace(m.Place) == "" && m.VideoURL == "" {
		fe["place"] = "meeting.place_required"
	}
	text(fe, "agenda", m.Agenda, MaxText, false)
	text(fe, "minutes", m.Report, MaxText, false)
	if len(m.Participants) == 0 {
		fe["participants"] = "meeting.participants_required"
	} else if len(m.Participants) > MaxParticipants {
		fe["participants"] = "field.too_long"
	}
	return fe.OrNil()
}

// ValidVideoURL reports whether s is a link a participant can follow
// safely: https, with a host, and nothing a browser would run.
func ValidVideoURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil && !strings.ContainsAny(s, " \t\r\n<>\"'")
}

// MeetingAction is an action agreed in a meeting: it becomes a task for
// its owner, who must be a participant or a case manager of the family.
type MeetingAction struct {
	Title string
	Owner TaskOwner
	Due   time.Time // zero for none
	// Row numbers the action for its field errors ("action_2_owner");
	// 0 for its place in the list, counted from 1.
	Row int
}

// MeetingReport is what is written after a meeting: the minutes, the
// decisions (they replace those written before) and the actions, which
// are added as tasks.
type MeetingReport struct {
	Minutes   string
	Decisions []string
	Actions   []MeetingAction
}

// Validate checks the report's own fields; whether the owners take part
// is the service's to check.
func (r *MeetingReport) Validate() error {
	fe := FieldErrors{}
	text(fe, "minutes", r.Minutes, MaxText, true)
	if len(r.Decisions) > MaxDecisions {
		fe["decisions"] = "field.too_long"
	}
	for _, d := range r.Decisions {
		text(fe, "decisions", d, MaxShort, true)
	}
	if len(r.Actions) > MaxMeetingActions {
		fe["actions"] = "field.too_long"
	}
	return fe.OrNil()
}

// AccountMeeting is one meeting of an account's, as a calendar shows it:
// no names, no diagnoses, only what and when. Via says how the account
// takes part: as the organising case manager, or through their provider
// or family link.
type AccountMeeting struct {
	ID       int64
	FamilyID int64
	Start    time.Time
	Minutes  int
	Purpose  string
	Via      string // OwnerCaseManager, LinkProvider or LinkParent
	Declined bool
	// For the service's check of consent and involvement; not for showing.
	NetworkMemberID int64
	NetworkEndedOn  time.Time
	BirthDate       time.Time
}

// End is when the meeting is planned to end.
func (m AccountMeeting) End() time.Time { return m.Start.Add(time.Duration(m.Minutes) * time.Minute) }

// MeetingStore keeps the family's meetings.
type MeetingStore interface {
	// CreateMeeting inserts the meeting with its participants and, when it
	// is recorded afterwards, its minutes and decisions.
	CreateMeeting(ctx context.Context, m *Meeting) error
	// Meetings lists the family's meetings by start, with participants,
	// decisions and the ids of their actions.
	Meetings(ctx context.Context, familyID int64) ([]Meeting, error)
	// Meeting reads one meeting of the family; NotFound when it has none.
	Meeting(ctx context.Context, familyID, id int64) (*Meeting, error)
	// SaveMeetingReport writes the minutes (m.Report, ReportAt, ReportBy)
	// and replaces the decisions; NotFound when the family has no such
	// meeting.
	SaveMeetingReport(ctx context.Context, m *Meeting) error
	// AddMeetingAction ties a task of the family to its meeting.
	AddMeetingAction(ctx context.Context, familyID, meetingID, taskID int64) error
	// SetMeetingDeclined records that the family member declines (at set)
	// or comes after all (at zero); NotFound when they are not invited.
	SetMeetingDeclined(ctx context.Context, familyID, meetingID, memberID int64, at time.Time) error
	// MeetingsForAccount lists the meetings starting from from up to to
	// (not included) that the account organised and is still a case
	// manager of the family for, or is invited to through its provider
	// or parent link. Consent is the caller's to check.
	MeetingsForAccount(ctx context.Context, accountID int64, from, to time.Time) ([]AccountMeeting, error)
}
