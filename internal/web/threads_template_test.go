package web

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// threadCases are the pages of the conversations behind each door, with
// every part filled and with errors.
func threadCases(base func(title string) BasePage) map[string]any {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	today := care.DateOf(now)
	me, cm := care.Person{AccountID: 1, Name: "Carla"}, care.Person{AccountID: 2, Name: "Ilse"}
	threads := []care.Thread{{ID: 3, Subject: "Rolstoel", CreatedBy: cm, LastMessageAt: now, Unread: 2}, {ID: 4, Subject: "School", CreatedBy: me, LastMessageAt: now}}
	doc := &care.Document{ID: 9, FileName: "brief.pdf", ContentType: "application/pdf", Size: 2 << 20}
	msgs := []care.Message{{ID: 5, Author: cm, Body: "Wanneer komt hij?", CreatedAt: now, Document: doc}, {ID: 6, Author: me, Body: "Volgende week.", CreatedAt: now}}
	tp := &care.ThreadPage{ChildName: "Sam", Thread: care.Thread{ID: 3, Subject: "Rolstoel", Providers: []care.Person{{AccountID: 7, Name: "Dr. A"}}},
		Messages: msgs, Addable: []care.NetworkMember{{ID: 8, Name: "Fysio", Organisation: "Praktijk"}}}
	errs := Fields{"subject": "field.required", "body": "field.too_long", "document": "document.too_large"}
	cases := map[string]any{}
	for suffix, view := range map[string]care.View{"": care.ViewCaseFile, "_family": care.ViewFamily, "_provider": care.ViewProvider} {
		aud := threadAudience{View: view, Base: threadBase(view, 7)}
		cp := CarePage{BasePage: base("threads.title"), Today: today}
		l := &care.ThreadList{ChildName: "Sam", Threads: threads, MayStart: view != care.ViewProvider}
		cases["threads"+suffix] = &ThreadsPage{CarePage: cp, threadAudience: aud, List: l, Start: ThreadForm{Subject: "x", Body: "y", Errors: errs}, Error: "threads.not_sent"}
		cases["thread"+suffix] = &ThreadPage{CarePage: cp, threadAudience: aud, Page: tp, Reply: ThreadForm{Body: "y", Errors: errs},
			Error: "threads.not_sent", Provider: "thread.provider_no_consent", Saved: "saved.sent"}
	}
	cp := CarePage{BasePage: base("threads.title"), Today: today}
	cases["threads_empty"] = &ThreadsPage{CarePage: cp, threadAudience: threadAudience{View: care.ViewFamily, Base: "/my/families/7"},
		List: &care.ThreadList{ChildName: "Sam", MayStart: true}, Start: ThreadForm{Errors: Fields{}}}
	cases["thread_empty"] = &ThreadPage{CarePage: cp, threadAudience: threadAudience{View: care.ViewCaseFile, Base: "/families/7"},
		Page: &care.ThreadPage{ChildName: "Sam", Thread: care.Thread{ID: 3, Subject: "x"}}, Reply: ThreadForm{Errors: Fields{}}, Saved: "saved.provider"}
	return cases
}
