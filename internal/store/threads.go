package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// CreateThread inserts a thread of a family.
func (s *Store) CreateThread(ctx context.Context, t *care.Thread) error {
	return s.q.QueryRowContext(ctx, `/* Store.CreateThread */ INSERT INTO threads (family_id, subject, created_by, created_at, last_message_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, t.FamilyID, t.Subject, t.CreatedBy.AccountID, t.CreatedAt.UTC(), t.LastMessageAt.UTC()).Scan(&t.ID)
}

// threadColumns reads a thread with the messages of others that $2, the
// reader, has not read.
const threadColumns = `t.id, t.family_id, t.subject, t.created_by, a.name, t.created_at, t.last_message_at,
	(SELECT COUNT(*) FROM messages m WHERE m.family_id = t.family_id AND m.thread_id = t.id AND m.account_id <> $2
		AND m.id > COALESCE((SELECT r.read_up_to FROM thread_reads r WHERE r.thread_id = t.id AND r.account_id = $2), 0))`

func scanThread(sc interface{ Scan(...any) error }) (care.Thread, error) {
	var t care.Thread
	err := sc.Scan(&t.ID, &t.FamilyID, &t.Subject, &t.CreatedBy.AccountID, &t.CreatedBy.Name, &t.CreatedAt, &t.LastMessageAt, &t.Unread)
	t.CreatedAt, t.LastMessageAt = t.CreatedAt.UTC(), t.LastMessageAt.UTC()
	return t, err
}

// Threads lists the family's threads, the most recently active first.
func (s *Store) Threads(ctx context.Context, familyID, reader, provider int64) ([]care.Thread, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT `+threadColumns+`
		FROM threads t JOIN accounts a ON a.id = t.created_by
		WHERE t.family_id = $1 AND ($3 = 0 OR EXISTS (SELECT 1 FROM thread_providers p
			WHERE p.family_id = t.family_id AND p.thread_id = t.id AND p.account_id = $3))
		ORDER BY t.last_message_at DESC, t.id DESC /* Store.Threads */`, familyID, reader, provider)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []care.Thread
	for rows.Next() {
		t, err := scanThread(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// Thread reads one thread of the family with the providers added to it.
func (s *Store) Thread(ctx context.Context, familyID, threadID, reader int64) (*care.Thread, error) {
	t, err := scanThread(s.rq.QueryRowContext(ctx, `SELECT `+threadColumns+`
		FROM threads t JOIN accounts a ON a.id = t.created_by
		WHERE t.family_id = $1 AND t.id = $3 /* Store.Thread */`, familyID, reader, threadID))
	if err != nil {
		return nil, notFound(err, "thread")
	}
	rows, err := s.rq.QueryContext(ctx, `SELECT p.account_id, a.name FROM thread_providers p JOIN accounts a ON a.id = p.account_id
		WHERE p.family_id = $1 AND p.thread_id = $2 ORDER BY p.added_at, p.account_id /* Store.Thread */`, familyID, threadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p care.Person
		if err := rows.Scan(&p.AccountID, &p.Name); err != nil {
			return nil, err
		}
		t.Providers = append(t.Providers, p)
	}
	return &t, rows.Err()
}

// threadOfFamily answers NotFound unless the thread is the family's.
func (s *Store) threadOfFamily(ctx context.Context, familyID, threadID int64) error {
	var one int
	err := s.q.QueryRowContext(ctx, `SELECT 1 FROM threads WHERE id = $1 AND family_id = $2 /* Store.threadOfFamily */`, threadID, familyID).Scan(&one)
	return notFound(err, "thread")
}

// AddThreadProvider adds a provider's account to a thread of the family;
// adding one twice changes nothing.
func (s *Store) AddThreadProvider(ctx context.Context, familyID, threadID, accountID, by int64, at time.Time) error {
	if err := s.threadOfFamily(ctx, familyID, threadID); err != nil {
		return err
	}
	_, err := s.q.ExecContext(ctx, `/* Store.AddThreadProvider */ INSERT INTO thread_providers (thread_id, family_id, account_id, added_by, added_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (thread_id, account_id) DO NOTHING`, threadID, familyID, accountID, by, at.UTC())
	return err
}

// AddMessage adds a message to a thread of the family.
func (s *Store) AddMessage(ctx context.Context, m *care.Message) error {
	res, err := s.q.ExecContext(ctx, `UPDATE threads SET last_message_at = $1 WHERE id = $2 AND family_id = $3 /* Store.AddMessage */`,
		m.CreatedAt.UTC(), m.ThreadID, m.FamilyID)
	if err := affectedOne(res, err, "thread"); err != nil {
		return err
	}
	return s.q.QueryRowContext(ctx, `/* Store.AddMessage */ INSERT INTO messages (family_id, thread_id, account_id, body, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, m.FamilyID, m.ThreadID, m.Author.AccountID, m.Body, m.CreatedAt.UTC()).Scan(&m.ID)
}

// Messages lists a thread's messages, oldest first, with their documents
// (without content).
func (s *Store) Messages(ctx context.Context, familyID, threadID int64) ([]care.Message, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT m.id, m.family_id, m.thread_id, m.account_id, a.name, m.body, m.created_at,
			d.id, d.file_name, d.content_type, d.size
		FROM messages m JOIN accounts a ON a.id = m.account_id
			LEFT JOIN documents d ON d.message_id = m.id AND d.family_id = m.family_id
		WHERE m.family_id = $1 AND m.thread_id = $2 ORDER BY m.id /* Store.Messages */`, familyID, threadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []care.Message
	for rows.Next() {
		var m care.Message
		var docID, size sql.NullInt64
		var name, ct sql.NullString
		if err := rows.Scan(&m.ID, &m.FamilyID, &m.ThreadID, &m.Author.AccountID, &m.Author.Name, &m.Body, &m.CreatedAt,
			&docID, &name, &ct, &size); err != nil {
			return nil, err
		}
		m.CreatedAt = m.CreatedAt.UTC()
		if docID.Valid {
			m.Document = &care.Document{ID: docID.Int64, FamilyID: m.FamilyID, FileName: name.String, ContentType: ct.String,
				Size: size.Int64, MessageID: m.ID, ThreadID: m.ThreadID}
		}
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// MarkRead moves the account's read marker of a thread of the family
// forward to upTo (never back) and lets a new notice be sent.
func (s *Store) MarkRead(ctx context.Context, familyID, threadID, accountID, upTo int64) error {
	if err := s.threadOfFamily(ctx, familyID, threadID); err != nil {
		return err
	}
	_, err := s.q.ExecContext(ctx, `/* Store.MarkRead */ INSERT INTO thread_reads (thread_id, account_id, family_id, read_up_to, noticed)
		VALUES ($1, $2, $3, $4, FALSE)
		ON CONFLICT (thread_id, account_id) DO UPDATE SET noticed = FALSE,
			read_up_to = CASE WHEN excluded.read_up_to > thread_reads.read_up_to THEN excluded.read_up_to ELSE thread_reads.read_up_to END`,
		threadID, accountID, familyID, upTo)
	return err
}

// ThreadAudience lists the accounts that take part in a thread of the family.
func (s *Store) ThreadAudience(ctx context.Context, familyID, threadID int64) ([]care.Recipient, error) {
	if threadID != 0 {
		if err := s.threadOfFamily(ctx, familyID, threadID); err != nil {
			return nil, err
		}
	}
	rows, err := s.rq.QueryContext(ctx, `SELECT a.id, a.email, a.locale, 'casemanager', 0
		FROM case_managers c JOIN accounts a ON a.id = c.account_id
		WHERE c.family_id = $1 AND a.disabled_at IS NULL
		UNION
		SELECT a.id, a.email, a.locale, l.kind, COALESCE(l.network_member_id, 0)
		FROM family_accounts l JOIN accounts a ON a.id = l.account_id
		WHERE l.family_id = $1 AND a.disabled_at IS NULL AND (l.kind IN ('parent', 'child')
			OR (l.kind = 'provider' AND ($2 = 0 OR EXISTS (SELECT 1 FROM thread_providers p
				WHERE p.family_id = l.family_id AND p.thread_id = $2 AND p.account_id = l.account_id))))
		ORDER BY 1 /* Store.ThreadAudience */`, familyID, threadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []care.Recipient
	for rows.Next() {
		var r care.Recipient
		if err := rows.Scan(&r.AccountID, &r.Email, &r.Locale, &r.Kind, &r.NetworkMemberID); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

// ClaimNotices marks the accounts not told of a message of the thread
// since they last read it as told, and returns those it marked.
func (s *Store) ClaimNotices(ctx context.Context, familyID, threadID int64, accountIDs []int64) ([]int64, error) {
	if err := s.threadOfFamily(ctx, familyID, threadID); err != nil {
		return nil, err
	}
	var claimed []int64
	for _, id := range accountIDs {
		var got int64
		err := s.q.QueryRowContext(ctx, `/* Store.ClaimNotices */ INSERT INTO thread_reads (thread_id, account_id, family_id, read_up_to, noticed)
			VALUES ($1, $2, $3, 0, TRUE)
			ON CONFLICT (thread_id, account_id) DO UPDATE SET noticed = TRUE WHERE thread_reads.noticed = FALSE
			RETURNING account_id`, threadID, id, familyID).Scan(&got)
		if err == sql.ErrNoRows {
			continue // told already
		}
		if err != nil {
			return nil, err
		}
		claimed = append(claimed, got)
	}
	return claimed, nil
}

// AddDocument stores a document of the family; one that a message carries
// must be a message of the same family.
func (s *Store) AddDocument(ctx context.Context, d *care.Document) error {
	if d.MessageID != 0 {
		var one int
		err := s.q.QueryRowContext(ctx, `SELECT 1 FROM messages WHERE id = $1 AND family_id = $2 /* Store.AddDocument */`, d.MessageID, d.FamilyID).Scan(&one)
		if err != nil {
			return notFound(err, "message")
		}
	}
	if d.CoverageItemID != 0 || d.AidID != 0 {
		var one int
		err := s.q.QueryRowContext(ctx, `SELECT 1 FROM coverage_items WHERE id = $1 AND family_id = $3
			UNION ALL SELECT 1 FROM aids WHERE id = $2 AND family_id = $3 /* Store.AddDocument */`,
			d.CoverageItemID, d.AidID, d.FamilyID).Scan(&one)
		if err != nil {
			return notFound(err, "coverage item or aid")
		}
	}
	return s.q.QueryRowContext(ctx, `/* Store.AddDocument */ INSERT INTO documents (family_id, uploaded_by, uploaded_at, file_name,
		content_type, size, content, message_id, kind, coverage_item_id, aid_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		d.FamilyID, d.UploadedBy.AccountID, d.UploadedAt.UTC(), d.FileName, d.ContentType, d.Size, d.Content, nullID(d.MessageID),
		d.Kind, nullID(d.CoverageItemID), nullID(d.AidID)).Scan(&d.ID)
}

// Document reads one document of the family with its content.
func (s *Store) Document(ctx context.Context, familyID, documentID int64) (*care.Document, error) {
	var d care.Document
	var msg, thread sql.NullInt64
	err := s.rq.QueryRowContext(ctx, `SELECT d.id, d.family_id, d.uploaded_by, a.name, d.uploaded_at, d.file_name, d.content_type,
			d.size, d.content, d.message_id, m.thread_id, d.kind, COALESCE(d.coverage_item_id, 0), COALESCE(d.aid_id, 0)
		FROM documents d JOIN accounts a ON a.id = d.uploaded_by LEFT JOIN messages m ON m.id = d.message_id AND m.family_id = d.family_id
		WHERE d.family_id = $1 AND d.id = $2 /* Store.Document */`, familyID, documentID).Scan(&d.ID, &d.FamilyID,
		&d.UploadedBy.AccountID, &d.UploadedBy.Name, &d.UploadedAt, &d.FileName, &d.ContentType, &d.Size, &d.Content, &msg, &thread,
		&d.Kind, &d.CoverageItemID, &d.AidID)
	if err != nil {
		return nil, notFound(err, "document")
	}
	d.UploadedAt, d.MessageID, d.ThreadID = d.UploadedAt.UTC(), msg.Int64, thread.Int64
	return &d, nil
}
