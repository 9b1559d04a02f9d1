package storetest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// threadFixture is a family (the access fixture, with the parent and the
// provider linked) with one thread the parent started.
type threadFixture struct {
	accessFixture
	thread int64
}

func newThreadFixture(t *testing.T, s Store) threadFixture {
	t.Helper()
	ctx := context.Background()
	f := threadFixture{accessFixture: newAccessFixture(t, s)}
	for _, l := range []*care.Link{
		{FamilyID: f.family, AccountID: f.parent, Kind: care.LinkParent, MemberID: f.member},
		{FamilyID: f.family, AccountID: f.provider, Kind: care.LinkProvider, NetworkMemberID: f.network},
	} {
		if err := s.CreateLink(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	th := &care.Thread{FamilyID: f.family, Subject: "Rolstoel", CreatedBy: care.Person{AccountID: f.parent}, CreatedAt: t0, LastMessageAt: t0}
	if err := s.CreateThread(ctx, th); err != nil {
		t.Fatal(err)
	}
	f.thread = th.ID
	return f
}

func addMessage(t *testing.T, s Store, familyID, threadID, by int64, body string, at time.Time) *care.Message {
	t.Helper()
	m := &care.Message{FamilyID: familyID, ThreadID: threadID, Author: care.Person{AccountID: by}, Body: body, CreatedAt: at}
	if err := s.AddMessage(context.Background(), m); err != nil {
		t.Fatalf("AddMessage: %v", err)
	}
	return m
}

func testThreadsAndReadMarkers(t *testing.T, s Store) {
	ctx := context.Background()
	f := newThreadFixture(t, s)
	m1 := addMessage(t, s, f.family, f.thread, f.parent, "Wanneer komt de rolstoel?", t0)
	if err := s.MarkRead(ctx, f.family, f.thread, f.parent, m1.ID); err != nil {
		t.Fatal(err)
	}
	m2 := addMessage(t, s, f.family, f.thread, f.caseManager, "Volgende week.", t0.Add(time.Hour))

	unread := func(reader int64) int {
		t.Helper()
		th, err := s.Thread(ctx, f.family, f.thread, reader)
		if err != nil {
			t.Fatal(err)
		}
		return th.Unread
	}
	if got := unread(f.caseManager); got != 1 {
		t.Errorf("case manager's unread = %d, want 1 (the parent's message, not their own)", got)
	}
	if got := unread(f.parent); got != 1 {
		t.Errorf("parent's unread = %d, want 1", got)
	}
	if err := s.MarkRead(ctx, f.family, f.thread, f.parent, m2.ID); err != nil {
		t.Fatal(err)
	}
	// A marker never goes back.
	if err := s.MarkRead(ctx, f.family, f.thread, f.parent, m1.ID); err != nil {
		t.Fatal(err)
	}
	if got := unread(f.parent); got != 0 {
		t.Errorf("parent's unread after reading = %d, want 0", got)
	}

	ms, err := s.Messages(ctx, f.family, f.thread)
	if err != nil || len(ms) != 2 || ms[0].ID != m1.ID || ms[1].Body != "Volgende week." || ms[1].Author.Name == "" {
		t.Fatalf("Messages = %+v, %v", ms, err)
	}
	ts, err := s.Threads(ctx, f.family, f.caseManager, 0)
	if err != nil || len(ts) != 1 || ts[0].Subject != "Rolstoel" || ts[0].Unread != 1 || !ts[0].LastMessageAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("Threads = %+v, %v", ts, err)
	}
	// A provider sees only the threads they were added to.
	if ts, err := s.Threads(ctx, f.family, f.provider, f.provider); err != nil || len(ts) != 0 {
		t.Fatalf("provider's threads before being added = %+v, %v", ts, err)
	}
	if err := s.AddThreadProvider(ctx, f.family, f.thread, f.provider, f.caseManager, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.AddThreadProvider(ctx, f.family, f.thread, f.provider, f.caseManager, t0); err != nil {
		t.Fatalf("adding twice: %v", err)
	}
	if ts, err := s.Threads(ctx, f.family, f.provider, f.provider); err != nil || len(ts) != 1 || ts[0].Unread != 2 {
		t.Fatalf("provider's threads = %+v, %v", ts, err)
	}
	th, err := s.Thread(ctx, f.family, f.thread, f.provider)
	if err != nil || len(th.Providers) != 1 || th.Providers[0].AccountID != f.provider {
		t.Fatalf("Thread providers = %+v, %v", th, err)
	}

	aud, err := s.ThreadAudience(ctx, f.family, f.thread)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[int64]string{}
	for _, r := range aud {
		kinds[r.AccountID] = r.Kind
	}
	want := map[int64]string{f.caseManager: care.RecipientCaseManager, f.parent: care.LinkParent, f.provider: care.LinkProvider}
	if len(kinds) != len(want) || len(aud) != len(want) {
		t.Fatalf("audience = %+v, want %v", aud, want)
	}
	for id, k := range want {
		if kinds[id] != k {
			t.Errorf("audience kind of %d = %q, want %q", id, kinds[id], k)
		}
	}
}

func testThreadNotices(t *testing.T, s Store) {
	ctx := context.Background()
	f := newThreadFixture(t, s)
	m := addMessage(t, s, f.family, f.thread, f.parent, "Vraag", t0)
	claim := func() []int64 {
		t.Helper()
		got, err := s.ClaimNotices(ctx, f.family, f.thread, []int64{f.caseManager, f.provider})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := claim(); len(got) != 2 {
		t.Fatalf("first claim = %v, want both", got)
	}
	if got := claim(); len(got) != 0 {
		t.Fatalf("second claim while unread = %v, want none", got)
	}
	// Reading lets the reader be told again.
	if err := s.MarkRead(ctx, f.family, f.thread, f.caseManager, m.ID); err != nil {
		t.Fatal(err)
	}
	if got := claim(); len(got) != 1 || got[0] != f.caseManager {
		t.Fatalf("claim after the case manager read = %v, want only them", got)
	}
}

func testThreadsScopedByFamily(t *testing.T, s Store) {
	ctx := context.Background()
	f := newThreadFixture(t, s)
	g := newThreadFixture(t, s)
	m := addMessage(t, s, f.family, f.thread, f.parent, "Geheim", t0)

	if _, err := s.Thread(ctx, g.family, f.thread, g.parent); care.ErrorCode(err) != care.NotFound {
		t.Errorf("Thread through another family: %v, want NotFound", err)
	}
	wrong := &care.Message{FamilyID: g.family, ThreadID: f.thread, Author: care.Person{AccountID: g.parent}, Body: "x", CreatedAt: t0}
	if err := s.AddMessage(ctx, wrong); care.ErrorCode(err) != care.NotFound {
		t.Errorf("AddMessage to another family's thread: %v, want NotFound", err)
	}
	if ms, err := s.Messages(ctx, g.family, f.thread); err != nil || len(ms) != 0 {
		t.Errorf("Messages through another family = %+v, %v", ms, err)
	}
	if err := s.MarkRead(ctx, g.family, f.thread, g.parent, m.ID); care.ErrorCode(err) != care.NotFound {
		t.Errorf("MarkRead through another family: %v, want NotFound", err)
	}
	if err := s.AddThreadProvider(ctx, g.family, f.thread, g.provider, g.caseManager, t0); care.ErrorCode(err) != care.NotFound {
		t.Errorf("AddThreadProvider through another family: %v, want NotFound", err)
	}
	if _, err := s.ClaimNotices(ctx, g.family, f.thread, []int64{g.parent}); care.ErrorCode(err) != care.NotFound {
		t.Errorf("ClaimNotices through another family: %v, want NotFound", err)
	}
	if _, err := s.ThreadAudience(ctx, g.family, f.thread); care.ErrorCode(err) != care.NotFound {
		t.Errorf("ThreadAudience through another family: %v, want NotFound", err)
	}
	if ts, err := s.Threads(ctx, g.family, g.parent, 0); err != nil || len(ts) != 1 || ts[0].ID != g.thread {
		t.Errorf("Threads of the other family = %+v, %v", ts, err)
	}
	// Nothing of the refused message was kept.
	if ms, _ := s.Messages(ctx, f.family, f.thread); len(ms) != 1 {
		t.Errorf("messages after refused writes = %d, want 1", len(ms))
	}
}

func testDocuments(t *testing.T, s Store) {
	ctx := context.Background()
	f := newThreadFixture(t, s)
	g := newThreadFixture(t, s)
	m := addMessage(t, s, f.family, f.thread, f.parent, "Brief", t0)
	content := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0, 1, 2, 255}, 1000)...)
	d := &care.Document{FamilyID: f.family, UploadedBy: care.Person{AccountID: f.parent}, UploadedAt: t0, FileName: "brief.pdf",
		ContentType: "application/pdf", Size: int64(len(content)), Content: content, MessageID: m.ID}
	if err := s.AddDocument(ctx, d); err != nil || d.ID == 0 {
		t.Fatalf("AddDocument: %v, id %d", err, d.ID)
	}
	got, err := s.Document(ctx, f.family, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Content, content) || got.FileName != "brief.pdf" || got.ContentType != "application/pdf" ||
		got.Size != int64(len(content)) || got.MessageID != m.ID || got.ThreadID != f.thread || !got.UploadedAt.Equal(t0) || got.UploadedBy.Name == "" {
		t.Errorf("Document = %+v (content %d bytes)", got, len(got.Content))
	}
	ms, err := s.Messages(ctx, f.family, f.thread)
	if err != nil || len(ms) != 1 || ms[0].Document == nil || ms[0].Document.ID != d.ID || ms[0].Document.Content != nil {
		t.Fatalf("Messages with a document = %+v, %v", ms, err)
	}
	if _, err := s.Document(ctx, g.family, d.ID); care.ErrorCode(err) != care.NotFound {
		t.Errorf("Document through another family: %v, want NotFound", err)
	}
	// A document of one family cannot hang on another family's message.
	wrong := &care.Document{FamilyID: g.family, UploadedBy: care.Person{AccountID: g.parent}, UploadedAt: t0, FileName: "x.pdf",
		ContentType: "application/pdf", Size: 1, Content: []byte("%"), MessageID: m.ID}
	if err := s.AddDocument(ctx, wrong); care.ErrorCode(err) != care.NotFound {
		t.Errorf("AddDocument on another family's message: %v, want NotFound", err)
	}
}
