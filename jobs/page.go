package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/dipgraph/dipgraph/jobs/htmlpage"
)

// pageSource reads single web pages.
type pageSource struct {
	urls []string
	get  getFunc
}

// getFunc is a conditional GET bound to a job's remembered validators.
type getFunc func(ctx context.Context, rawURL string) (*Response, error)

func (s *pageSource) Name() string {
	if len(s.urls) == 1 {
		return "page " + s.urls[0]
	}
	return fmt.Sprintf("pages (%d)", len(s.urls))
}

func (s *pageSource) Fetch(ctx context.Context, emit func(Item) error) error {
	for _, u := range s.urls {
		if err := emit(fetchPage(ctx, s.get, u, u, pageHints{})); err != nil {
			return err
		}
	}
	return nil
}

// pageHints are what a feed says about an item, used when the page's own
// metadata is silent.
type pageHints struct {
	title, published, source string
}

// fetchPage fetches and reads one page into an item of group.
func fetchPage(ctx context.Context, get getFunc, rawURL, group string, hints pageHints) Item {
	resp, err := get(ctx, rawURL)
	if errors.Is(err, ErrNotModified) {
		return Item{Key: rawURL, Group: group, Unchanged: true}
	}
	if err != nil {
		return Item{Key: rawURL, Group: group, Err: err}
	}
	a, err := htmlpage.Parse(resp.Body, rawURL)
	if err != nil {
		return Item{Key: rawURL, Group: group, Err: fmt.Errorf("page %s: %w", rawURL, err)}
	}
	if a.Title == "" {
		a.Title = hints.title
	}
	if a.Published == nil && hints.published != "" {
		a.Published = &hints.published
	}
	if hints.source != "" {
		a.Source = hints.source
	}
	it := newItem(a, group, "")
	it.Marks = cacheMark(rawURL, resp.Validator)
	return it
}
