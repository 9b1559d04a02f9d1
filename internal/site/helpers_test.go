package site_test

import (
	"testing"

	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// The site is tested as a whole (sitetest): every request goes through
// the middleware and to the surface its path names.
type (
	app    = sitetest.App
	client = sitetest.Client
	page   = sitetest.Page
)

// forEachDB runs fn on SQLite and, when configured, PostgreSQL.
func forEachDB(t *testing.T, cfg site.Config, fn func(t *testing.T, a *app)) {
	sitetest.ForEachDB(t, cfg, fn)
}
