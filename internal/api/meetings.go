package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Multidisciplinary meetings over the API. Reading goes through the door
// of the caller's role: the case managers see every meeting, a provider
// with consent and a parent those they are invited to. Organising and the
// minutes are for the case managers. docs/api.md describes the shapes.

// apiMeetingIn is POST /api/v1/families/{id}/meetings. MemberIDs absent
// (null) invites every parent and carer still in the file; [] invites none.
type apiMeetingIn struct {
	Purpose          string   `json:"purpose"`
	Start            string   `json:"start"` // RFC 3339
	DurationMinutes  int      `json:"duration_minutes"`
	Place            string   `json:"place"`
	VideoURL         string   `json:"video_url"`
	Agenda           string   `json:"agenda"`
	NetworkMemberIDs []int64  `json:"network_member_ids"`
	MemberIDs        *[]int64 `json:"member_ids"`
	Minutes          string   `json:"minutes"`
	Decisions        []string `json:"decisions"`
}

// apiReportIn is PUT /api/v1/families/{id}/meetings/{mtg}.
type apiReportIn struct {
	Minutes   string           `json:"minutes"`
	Decisions []string         `json:"decisions"`
	Actions   []apiMeetingTask `json:"actions"`
}

type apiMeetingTask struct {
	Title string `json:"title"`
	Owner string `json:"owner"` // as a picker sends it: "network:12", "parent:7", "casemanager:3"
	Due   string `json:"due"`
}

// apiMaxList bounds the ids and lines in one request.
const apiMaxList = 100

// apiMeetingFieldNames renames the care field keys whose request member
// has another name.
var apiMeetingFieldNames = map[string]string{"duration": "duration_minutes"}

func apiMeetingFields(err error) error {
	var fe care.FieldErrors
	if !errors.As(err, &fe) {
		return err
	}
	out := make(care.FieldErrors, len(fe))
	for k, v := range fe {
		if n, ok := apiMeetingFieldNames[k]; ok {
			k = n
		}
		out[k] = v
	}
	return out
}

// decodeMeetingJSON reads a meeting being organised; invite says whether
// every parent and carer is invited besides those named.
func decodeMeetingJSON(b []byte) (m care.Meeting, invite bool, err error) {
	var in apiMeetingIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Meeting{}, false, err
	}
	fe := care.FieldErrors{}
	m = care.Meeting{Purpose: strings.TrimSpace(in.Purpose), Minutes: in.DurationMinutes, Place: strings.TrimSpace(in.Place),
		VideoURL: strings.TrimSpace(in.VideoURL), Agenda: strings.TrimSpace(in.Agenda), Report: strings.TrimSpace(in.Minutes),
		Decisions: in.Decisions}
	if m.Minutes == 0 {
		m.Minutes = care.DefaultMeetingMinutes
	}
	if s := strings.TrimSpace(in.Start); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil || t.Year() < 1000 {
			fe["start"] = "date.invalid"
		} else {
			m.Start = t.UTC()
		}
	}
	members := []int64{}
	if in.MemberIDs != nil {
		members = *in.MemberIDs
	}
	if len(in.NetworkMemberIDs)+len(members) > apiMaxList || len(in.Decisions) > care.MaxDecisions {
		fe["participants"] = "field.too_long"
	}
	for _, id := range in.NetworkMemberIDs {
		if id <= 0 {
			fe["network_member_ids"] = "field.choose"
			continue
		}
		m.Participants = append(m.Participants, care.MeetingParticipant{NetworkMemberID: id})
	}
	for _, id := range members {
		if id <= 0 {
			fe["member_ids"] = "field.choose"
			continue
		}
		m.Participants = append(m.Participants, care.MeetingParticipant{MemberID: id})
	}
	return m, in.MemberIDs == nil, fe.OrNil()
}

// decodeReportJSON reads the minutes, decisions and actions of a meeting.
func decodeReportJSON(b []byte) (care.MeetingReport, error) {
	var in apiReportIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.MeetingReport{}, err
	}
	fe := care.FieldErrors{}
	r := care.MeetingReport{Minutes: in.Minutes, Decisions: in.Decisions}
	if len(in.Actions) > care.MaxMeetingActions {
		fe["actions"] = "field.too_long"
		in.Actions = nil
	}
	for i, a := range in.Actions {
		prefix := "action_" + strconv.Itoa(i+1) + "_"
		act := care.MeetingAction{Title: a.Title, Due: apiDate(fe, prefix+"due", a.Due), Row: i + 1}
		if strings.TrimSpace(a.Owner) != "" {
			o, err := care.ParseTaskOwner(a.Owner)
			if err != nil {
				fe[prefix+"owner"] = "field.choose"
			}
			act.Owner = o
		}
		r.Actions = append(r.Actions, act)
	}
	return r, fe.OrNil()
}

// apiMeetingsRead is GET /api/v1/families/{id}/meetings.
func (s *Server) apiMeetingsRead(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	ml, err := s.care.Meetings(r.Context(), actor, apiView(actor), id)
	if err != nil {
		return err
	}
	out := apiMeetingsOut{Upcoming: []apiMeetingOut{}, Past: []apiMeetingOut{}}
	for _, m := range ml.Upcoming {
		out.Upcoming = append(out.Upcoming, apiMeeting(m))
	}
	for _, m := range ml.Past {
		out.Past = append(out.Past, apiMeeting(m))
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}

// apiMeetingCreate is POST /api/v1/families/{id}/meetings.
func (s *Server) apiMeetingCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	m, invite, err := decodeMeetingJSON(b)
	if err != nil {
		return 0, err
	}
	m.FamilyID = id
	if err := s.care.OrganiseMeeting(r.Context(), s.actor(r), &m, invite); err != nil {
		return 0, apiMeetingFields(err)
	}
	return m.ID, nil
}

// apiMeetingReport is PUT /api/v1/families/{id}/meetings/{mtg}: the
// minutes and decisions replaced, the actions added as tasks. A meeting
// of another family is not found.
func (s *Server) apiMeetingReport(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, mtg, err := apiPathIDs(r, "mtg")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	rep, err := decodeReportJSON(b)
	if err != nil {
		return 0, err
	}
	return mtg, apiMeetingFields(s.care.WriteMeetingReport(r.Context(), s.actor(r), id, mtg, &rep))
}

type apiMeetingsOut struct {
	Upcoming []apiMeetingOut `json:"upcoming"`
	Past     []apiMeetingOut `json:"past"`
}

type apiMeetingOut struct {
	ID              int64               `json:"id"`
	Purpose         string              `json:"purpose"`
	Start           *string             `json:"start"`
	End             *string             `json:"end"`
	DurationMinutes int                 `json:"duration_minutes"`
	Place           string              `json:"place"`
	VideoURL        string              `json:"video_url"`
	Agenda          string              `json:"agenda"`
	Participants    []apiParticipantOut `json:"participants"`
	Minutes         string              `json:"minutes"`
	MinutesAt       *string             `json:"minutes_at"`
	Decisions       []string            `json:"decisions"`
	Actions         []apiMeetingTaskOut `json:"actions"`
	Organiser       apiMeetingPersonOut `json:"organiser"`
}

type apiParticipantOut struct {
	NetworkMemberID *int64 `json:"network_member_id"`
	MemberID        *int64 `json:"member_id"`
	Name            string `json:"name"`
	Role            string `json:"role"`
	Declined        bool   `json:"declined"`
}

type apiMeetingTaskOut struct {
	TaskID    int64   `json:"task_id"`
	Title     string  `json:"title"`
	OwnerKind string  `json:"owner_kind"`
	OwnerName string  `json:"owner_name"`
	Due       *string `json:"due"`
	Status    string  `json:"status"`
}

type apiMeetingPersonOut struct {
	Name string `json:"name"`
}

func apiOptionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func apiMeeting(m care.Meeting) apiMeetingOut {
	out := apiMeetingOut{ID: m.ID, Purpose: m.Purpose, Start: apiTimeOut(m.Start), End: apiTimeOut(m.End()), DurationMinutes: m.Minutes,
		Place: m.Place, VideoURL: m.VideoURL, Agenda: m.Agenda, Minutes: m.Report, MinutesAt: apiTimeOut(m.ReportAt),
		Decisions: append([]string{}, m.Decisions...), Participants: []apiParticipantOut{}, Actions: []apiMeetingTaskOut{},
		Organiser: apiMeetingPersonOut{Name: m.CreatedBy.Name}}
	for _, p := range m.Participants {
		out.Participants = append(out.Participants, apiParticipantOut{NetworkMemberID: apiOptionalID(p.NetworkMemberID),
			MemberID: apiOptionalID(p.MemberID), Name: p.Name, Role: p.Role, Declined: p.Declined})
	}
	for _, t := range m.Actions {
		out.Actions = append(out.Actions, apiMeetingTaskOut{TaskID: t.ID, Title: t.Title, OwnerKind: t.OwnerKindShown(),
			OwnerName: t.OwnerName, Due: apiDateOut(t.DueDate), Status: t.Status})
	}
	return out
}
