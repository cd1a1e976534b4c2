package jobs

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
)

// Atom entries without a link are read from their own content; one too
// short to be an article fails alone.
func TestAtomFeedWithInlineContent(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		srv := httptest.NewServer(http.FileServer(http.Dir("testdata")))
		defer srv.Close()
		r := newRunner(t, st)
		job := Job{Name: "atom", Source: SourceConfig{Type: TypeFeed, URL: srv.URL + "/atom.xml"}}
		run, err := r.Run(context.Background(), job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=1 extracted=1 stored=1 skipped=0 failed=1"; got != want {
			t.Fatalf("run: %s, want %s (errors %q)", got, want, run.Errors)
		}
		if len(run.Errors) != 1 || !strings.Contains(run.Errors[0], "guid:urn:uuid:entry-short") {
			t.Errorf("errors = %q", run.Errors)
		}
		id := articleID("guid:urn:uuid:entry-nairobi")
		a, _, err := st.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Ministers meet in Nairobi" || a.Published != "2024-08-01" || a.Source != "Invented Bulletin" {
			t.Errorf("article = %+v", a)
		}
		if got, want := meetings(t, st, id), []string{"Amani Wekesa + Haruto Sato"}; !slices.Equal(got, want) {
			t.Errorf("meetings = %q, want %q", got, want)
		}
	})
}
