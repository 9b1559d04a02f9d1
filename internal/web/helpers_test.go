package web_test

import (
	"testing"

	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
	"github.com/spil-zorg/spil/internal/store"
)

// The pages are tested through the whole site (sitetest): requests go
// through every middleware, and answers are parsed as HTML.
type (
	app    = sitetest.App
	client = sitetest.Client
	page   = sitetest.Page
)

const password = sitetest.Password

var (
	find     = sitetest.Find
	findAll  = sitetest.FindAll
	attr     = sitetest.Attr
	hasAttr  = sitetest.HasAttr
	hasClass = sitetest.HasClass
	text     = sitetest.Text
	under    = sitetest.Under
	allUnder = sitetest.AllUnder
)

func newApp(t *testing.T, open func(testing.TB) *store.Store, cfg site.Config) *app {
	return sitetest.New(t, open, cfg)
}

// forEachDB runs fn on SQLite and, when configured, PostgreSQL.
func forEachDB(t *testing.T, cfg site.Config, fn func(t *testing.T, a *app)) {
	sitetest.ForEachDB(t, cfg, fn)
}
