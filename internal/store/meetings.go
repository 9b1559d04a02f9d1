package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// CreateMeeting inserts the meeting with its participants and, when it is
// recorded afterwards, its minutes and decisions.
func (s *Store) CreateMeeting(ctx context.Context, m *care.Meeting) error {
	err := s.q.QueryRowContext(ctx, `/* Store.CreateMeeting */ INSERT INTO meetings (family_id, purpose, starts_at,
		duration_minutes, place, video_url, agenda, minutes, minutes_by, minutes_at, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		m.FamilyID, m.Purpose, m.Start.UTC(), m.Minutes, m.Place, m.VideoURL, m.Agenda, m.Report,
		nullID(m.ReportBy.AccountID), nullDate(m.ReportAt), m.CreatedBy.AccountID, m.CreatedAt.UTC()).Scan(&m.ID)
	if err != nil {
		return err
	}
	for i := range m.Participants {
		p := &m.Participants[i]
		if err := s.q.QueryRowContext(ctx, `/* Store.CreateMeeting */ INSERT INTO meeting_participants (meeting_id, family_id,
			network_member_id, member_id, declined_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			m.ID, m.FamilyID, nullID(p.NetworkMemberID), nullID(p.MemberID), nullDate(p.DeclinedAt)).Scan(&p.ID); err != nil {
			return err
		}
	}
	return s.insertDecisions(ctx, m)
}

func (s *Store) insertDecisions(ctx context.Context, m *care.Meeting) error {
	for i, d := range m.Decisions {
		if _, err := s.q.ExecContext(ctx, `/* Store.insertDecisions */ INSERT INTO meeting_decisions (meeting_id, family_id, position, body)
			VALUES ($1, $2, $3, $4)`, m.ID, m.FamilyID, i+1, d); err != nil {
			return err
		}
	}
	return nil
}

// SaveMeetingReport writes the minutes and replaces the decisions of a
// meeting of the family.
func (s *Store) SaveMeetingReport(ctx context.Context, m *care.Meeting) error {
	res, err := s.q.ExecContext(ctx, `/* Store.SaveMeetingReport */ UPDATE meetings SET minutes = $3, minutes_by = $4, minutes_at = $5
		WHERE id = $1 AND family_id = $2`, m.ID, m.FamilyID, m.Report, nullID(m.ReportBy.AccountID), nullDate(m.ReportAt))
	if err := oneRow(res, err, "meeting"); err != nil {
		return err
	}
	if _, err := s.q.ExecContext(ctx, `DELETE FROM meeting_decisions WHERE meeting_id = $1 AND family_id = $2 /* Store.SaveMeetingReport */`,
		m.ID, m.FamilyID); err != nil {
		return err
	}
	return s.insertDecisions(ctx, m)
}

// AddMeetingAction ties a task of the family to a meeting of the family.
func (s *Store) AddMeetingAction(ctx context.Context, familyID, meetingID, taskID int64) error {
	res, err := s.q.ExecContext(ctx, `/* Store.AddMeetingAction */ INSERT INTO meeting_actions (meeting_id, family_id, task_id)
		SELECT m.id, m.family_id, t.id FROM meetings m JOIN tasks t ON t.family_id = m.family_id
		WHERE m.id = $1 AND m.family_id = $2 AND t.id = $3`, meetingID, familyID, taskID)
	return oneRow(res, err, "meeting or task")
}

// SetMeetingDeclined records a family member's decline (at set) or their
// coming after all (at zero).
func (s *Store) SetMeetingDeclined(ctx context.Context, familyID, meetingID, memberID int64, at time.Time) error {
	res, err := s.q.ExecContext(ctx, `/* Store.SetMeetingDeclined */ UPDATE meeting_participants SET declined_at = $4
		WHERE meeting_id = $1 AND family_id = $2 AND member_id = $3`, meetingID, familyID, memberID, nullDate(at))
	return oneRow(res, err, "meeting participant")
}

// Meetings lists the family's meetings by start.
func (s *Store) Meetings(ctx context.Context, familyID int64) ([]care.Meeting, error) {
	return s.meetings(ctx, familyID, 0)
}

// Meeting reads one meeting of the family.
func (s *Store) Meeting(ctx context.Context, familyID, id int64) (*care.Meeting, error) {
	ms, err := s.meetings(ctx, familyID, id)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, care.Errorf(care.NotFound, "meeting not found")
	}
	return &ms[0], nil
}

// meetings reads the family's meetings, or only meeting id when it is
// not 0, with their participants, decisions and actions.
func (s *Store) meetings(ctx context.Context, familyID, id int64) ([]care.Meeting, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT m.id, m.family_id, m.purpose, m.starts_at, m.duration_minutes, m.place,
			m.video_url, m.agenda, m.minutes, COALESCE(m.minutes_by, 0), COALESCE(r.name, ''), m.minutes_at,
			m.created_by, c.name, m.created_at
		FROM meetings m JOIN accounts c ON c.id = m.created_by LEFT JOIN accounts r ON r.id = m.minutes_by
		WHERE m.family_id = $1 AND (CAST($2 AS BIGINT) = 0 OR m.id = $2)
		ORDER BY m.starts_at, m.id /* Store.Meetings */`, familyID, id)
	if err != nil {
		return nil, err
	}
	var ms []care.Meeting
	index := map[int64]int{}
	for rows.Next() {
		var m care.Meeting
		var at sql.NullTime
		if err := rows.Scan(&m.ID, &m.FamilyID, &m.Purpose, &m.Start, &m.Minutes, &m.Place, &m.VideoURL, &m.Agenda,
			&m.Report, &m.ReportBy.AccountID, &m.ReportBy.Name, &at, &m.CreatedBy.AccountID, &m.CreatedBy.Name, &m.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		m.Start, m.CreatedAt, m.ReportAt = m.Start.UTC(), m.CreatedAt.UTC(), fromNull(at)
		index[m.ID] = len(ms)
		ms = append(ms, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ms) == 0 {
		return ms, err
	}
	if err := s.meetingParticipants(ctx, familyID, id, ms, index); err != nil {
		return nil, err
	}
	if err := s.meetingDecisions(ctx, familyID, id, ms, index); err != nil {
		return nil, err
	}
	return ms, s.meetingActions(ctx, familyID, id, ms, index)
}

func (s *Store) meetingParticipants(ctx context.Context, familyID, id int64, ms []care.Meeting, index map[int64]int) error {
	rows, err := s.rq.QueryContext(ctx, `SELECT p.id, p.meeting_id, COALESCE(p.network_member_id, 0), COALESCE(p.member_id, 0),
			COALESCE(n.name, fm.name, ''), COALESCE(n.role, fm.relation, ''), p.declined_at
		FROM meeting_participants p
			LEFT JOIN network_members n ON n.id = p.network_member_id AND n.family_id = p.family_id
			LEFT JOIN family_members fm ON fm.id = p.member_id AND fm.family_id = p.family_id
		WHERE p.family_id = $1 AND (CAST($2 AS BIGINT) = 0 OR p.meeting_id = $2)
		ORDER BY p.meeting_id, p.member_id IS NULL, p.id /* Store.meetingParticipants */`, familyID, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p care.MeetingParticipant
		var meeting int64
		var declined sql.NullTime
		if err := rows.Scan(&p.ID, &meeting, &p.NetworkMemberID, &p.MemberID, &p.Name, &p.Role, &declined); err != nil {
			return err
		}
		p.DeclinedAt = fromNull(declined)
		p.Declined = declined.Valid
		if i, ok := index[meeting]; ok {
			ms[i].Participants = append(ms[i].Participants, p)
		}
	}
	return rows.Err()
}

func (s *Store) meetingDecisions(ctx context.Context, familyID, id int64, ms []care.Meeting, index map[int64]int) error {
	rows, err := s.rq.QueryContext(ctx, `SELECT meeting_id, body FROM meeting_decisions
		WHERE family_id = $1 AND (CAST($2 AS BIGINT) = 0 OR meeting_id = $2)
		ORDER BY meeting_id, position /* Store.meetingDecisions */`, familyID, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var meeting int64
		var body string
		if err := rows.Scan(&meeting, &body); err != nil {
			return err
		}
		if i, ok := index[meeting]; ok {
			ms[i].Decisions = append(ms[i].Decisions, body)
		}
	}
	return rows.Err()
}

func (s *Store) meetingActions(ctx context.Context, familyID, id int64, ms []care.Meeting, index map[int64]int) error {
	rows, err := s.rq.QueryContext(ctx, `SELECT meeting_id, task_id FROM meeting_actions
		WHERE family_id = $1 AND (CAST($2 AS BIGINT) = 0 OR meeting_id = $2)
		ORDER BY meeting_id, task_id /* Store.meetingActions */`, familyID, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var meeting, task int64
		if err := rows.Scan(&meeting, &task); err != nil {
			return err
		}
		if i, ok := index[meeting]; ok {
			ms[i].ActionIDs = append(ms[i].ActionIDs, task)
		}
	}
	return rows.Err()
}

// MeetingsForAccount lists the meetings from from up to to that the
// account organised and is still a case manager of the family for, or is
// invited to through its provider or parent link: by start, each once.
func (s *Store) MeetingsForAccount(ctx context.Context, accountID int64, from, to time.Time) ([]care.AccountMeeting, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT m.id, m.family_id, m.starts_at, m.duration_minutes, m.purpose, 'casemanager',
			FALSE, 0, NULL, f.birth_date
		FROM meetings m JOIN families f ON f.id = m.family_id
		WHERE m.created_by = $1 AND m.starts_at >= $2 AND m.starts_at < $3
			AND EXISTS (SELECT 1 FROM case_managers cm WHERE cm.family_id = m.family_id AND cm.account_id = $1)
		UNION ALL
		SELECT m.id, m.family_id, m.starts_at, m.duration_minutes, m.purpose, l.kind,
			p.declined_at IS NOT NULL, COALESCE(l.network_member_id, 0), n.ended_on, f.birth_date
		FROM meetings m JOIN families f ON f.id = m.family_id
			JOIN meeting_participants p ON p.meeting_id = m.id AND p.family_id = m.family_id
			JOIN family_accounts l ON l.family_id = m.family_id AND l.account_id = $1
				AND (l.kind = 'provider' AND p.network_member_id = l.network_member_id
					OR l.kind = 'parent' AND p.member_id = l.member_id)
			LEFT JOIN network_members n ON n.id = l.network_member_id AND n.family_id = l.family_id
		WHERE m.starts_at >= $2 AND m.starts_at < $3 AND m.created_by <> $1
		ORDER BY 3, 1 /* Store.MeetingsForAccount */`, accountID, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.AccountMeeting
	for rows.Next() {
		var m care.AccountMeeting
		var ended, birth sql.NullTime
		if err := rows.Scan(&m.ID, &m.FamilyID, &m.Start, &m.Minutes, &m.Purpose, &m.Via, &m.Declined,
			&m.NetworkMemberID, &ended, &birth); err != nil {
			return nil, err
		}
		m.Start, m.NetworkEndedOn, m.BirthDate = m.Start.UTC(), fromNull(ended), fromNull(birth)
		out = append(out, m)
	}
	return out, rows.Err()
}
