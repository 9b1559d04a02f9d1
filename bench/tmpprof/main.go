package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/pquerna/otp/totp"
	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/web"
)

func main() {
	ctx := context.Background()
	s, err := store.Open(ctx, os.Args[1])
	if err != nil {
		panic(err)
	}
	var c struct {
		Email, Password string
		TOTPSecret      string `json:"totp_secret"`
	}
	b, _ := os.ReadFile(os.Args[2])
	json.Unmarshal(b, &c)
	a := auth.NewService(s, auth.Config{})
	srv, err := web.New(web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, a, s, care.NewService(s, nil))
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(srv.Handler())
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(p string, v url.Values, ck *http.Cookie) *http.Response {
		req, _ := http.NewRequest("POST", ts.URL+p, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if ck != nil {
			req.AddCookie(ck)
		}
		r, err := cl.Do(req)
		if err != nil {
			panic(err)
		}
		io.Copy(io.Discard, r.Body)
		fmt.Println(p, r.Status, r.Header.Get("Location"))
		return r
	}
	r := post("/login", url.Values{"email": {c.Email}, "password": {c.Password}}, nil)
	ck := r.Cookies()[0]
	code, _ := totp.GenerateCode(c.TOTPSecret, time.Now())
	r = post("/login/code", url.Values{"code": {code}}, ck)
	ck = r.Cookies()[0]
	f, _ := os.Create(os.Args[3])
	pprof.StartCPUProfile(f)
	for _, p := range []string{"/families", "/api/v1/families"} {
		t0 := time.Now()
		for range 10 {
			req, _ := http.NewRequest("GET", ts.URL+p, nil)
			req.AddCookie(ck)
			r, err := cl.Do(req)
			if err != nil {
				panic(err)
			}
			io.Copy(io.Discard, r.Body)
			if r.StatusCode != 200 {
				panic(r.Status)
			}
		}
		fmt.Println(p, time.Since(t0)/10)
	}
	pprof.StopCPUProfile()
}
