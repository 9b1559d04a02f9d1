// Command hello is the ceiling of Spil's load benchmarks: a Go net/http
// server that answers every request with a short text and does nothing
// else. bench/run measures it with the same load client, concurrencies and
// machine as 'spil serve', so each of Spil's throughputs can be read as a
// share of what Go's HTTP server and the client manage here at all.
//
//	go run ./bench/cmd/hello --addr 127.0.0.1:8081
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hello:", err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	// The timeouts of spil serve, so that the two servers differ only in
	// what they do with a request.
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, "Hello, world!\n")
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintln(os.Stderr, "hello:", srv.Serve(ln))
	os.Exit(1)
}
