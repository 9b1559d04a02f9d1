package web

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzDecodeLoginForm(f *testing.F) {
	for _, seed := range []string{
		"email=a%40example.org&password=geheim&next=%2Faccount",
		"email=&password=",
		"next=%2F%2Fevil.example&email=x",
		"next=https%3A%2F%2Fevil.example%2F",
		"next=%2F%5Cevil.example",
		"email=" + strings.Repeat("a", 300),
		"email=%00%ff&password=%ff",
		"password=" + strings.Repeat("x", 5000),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		form, errs := decodeLoginForm(v)
		if !strings.HasPrefix(form.Next, "/") || strings.HasPrefix(form.Next, "//") || strings.HasPrefix(form.Next, "/\\") {
			t.Fatalf("next %q leaves the site", form.Next)
		}
		if u, err := url.Parse(form.Next); err != nil || u.Host != "" {
			t.Fatalf("next %q parses to a host", form.Next)
		}
		if _, bad := errs["email"]; !bad {
			if form.Email == "" || utf8.RuneCountInString(form.Email) > 254 || !utf8.ValidString(form.Email) {
				t.Fatalf("e-mail %q accepted", form.Email)
			}
		}
		if _, bad := errs["password"]; !bad && form.Password == "" {
			t.Fatal("empty password accepted")
		}
	})
}

func FuzzLocalPath(f *testing.F) {
	for _, seed := range []string{"/", "/account?x=1", "//evil", "/\\evil", "https://evil", "javascript:alert(1)", "/%2F%2Fevil", "\t/x", "/a\r\nLocation: x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := localPath(next)
		if got != "/" && got != next {
			t.Fatalf("localPath(%q) = %q: rewritten instead of kept or refused", next, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.ContainsAny(got, "\r\n") {
			t.Fatalf("localPath(%q) = %q is not a local path", next, got)
		}
	})
}
