package web

import (
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
)

// routes lists every route of the site in one place.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("GET /static/{sum}/{name}", s.serveStatic)

	mux.Handle("GET /login", s.handle(s.loginShow))
	mux.Handle("POST /login", s.handle(s.loginSubmit))
	mux.Handle("GET /login/code", s.handle(s.codeShow))
	mux.Handle("POST /login/code", s.handle(s.codeSubmit))
	mux.Handle("GET /mfa/setup", s.handle(s.setupShow))
	mux.Handle("POST /mfa/setup", s.handle(s.setupSubmit))
	mux.Handle("POST /logout", s.handle(s.logout))
	mux.Handle("POST /language", s.handle(s.languageSubmit))

	mux.Handle("GET /{$}", s.handle(s.requireLogin(s.home)))
	mux.Handle("GET /account", s.handle(s.requireLogin(s.accountShow)))
	mux.Handle("POST /account/password", s.handle(s.requireLogin(s.passwordSubmit)))

	mux.Handle("GET /admin/accounts", s.handle(s.requireRole(care.RoleAdmin, s.adminAccounts)))
	mux.Handle("POST /admin/accounts", s.handle(s.requireRole(care.RoleAdmin, s.adminAccountCreate)))
	mux.Handle("POST /admin/accounts/{id}/disable", s.handle(s.requireRole(care.RoleAdmin, s.adminAccountAction("disabled"))))
	mux.Handle("POST /admin/accounts/{id}/enable", s.handle(s.requireRole(care.RoleAdmin, s.adminAccountAction("enabled"))))
	mux.Handle("POST /admin/accounts/{id}/reset-password", s.handle(s.requireRole(care.RoleAdmin, s.adminPasswordReset)))
	mux.Handle("POST /admin/accounts/{id}/reset-mfa", s.handle(s.requireRole(care.RoleAdmin, s.adminAccountAction("mfa-reset"))))
}
