package jobs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/jobs/htmlpage"
)

// feedSource reads an RSS or Atom feed and fetches each item's page.
type feedSource struct {
	url string
	get getFunc
}

func (s *feedSource) Name() string { return "feed " + s.url }

func (s *feedSource) Fetch(ctx context.Context, emit func(Item) error) error {
	resp, err := s.get(ctx, s.url)
	if errors.Is(err, ErrNotModified) {
		return nil // nothing new since the last complete run
	}
	if err != nil {
		return err
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		return fmt.Errorf("parse feed: %w", err)
	}
	source := strings.TrimSpace(feed.Title)
	for _, fi := range feed.Items {
		hints := pageHints{title: strings.TrimSpace(fi.Title), source: source}
		if fi.PublishedParsed != nil {
			hints.published = fi.PublishedParsed.UTC().Format(time.DateOnly)
		}
		var it Item
		if link := strings.TrimSpace(fi.Link); link != "" {
			if base, err := url.Parse(s.url); err == nil {
				if ref, err := url.Parse(link); err == nil {
					link = base.ResolveReference(ref).String() // relative links are common in hand-made feeds
				}
			}
			it = fetchPage(ctx, s.get, link, s.url, hints)
		} else {
			it = feedOnlyItem(fi, s.url, hints)
		}
		if err := emit(it); err != nil {
			return err
		}
	}
	return emit(Item{Group: s.url, Checkpoint: true, Marks: cacheMark(s.url, resp.Validator)})
}

// feedOnlyItem is an item without a link: its content (or description) is
// the article.
func feedOnlyItem(fi *gofeed.Item, group string, h pageHints) Item {
	body := fi.Content
	if body == "" {
		body = fi.Description
	}
	text := ""
	if doc, err := html.Parse(strings.NewReader(body)); err == nil {
		text = htmlpage.Text(doc)
	}
	key := ""
	if fi.GUID != "" {
		key = "guid:" + fi.GUID
	}
	if len(strings.Fields(text)) < htmlpage.MinWords {
		return Item{Key: key, Group: group, Err: fmt.Errorf("feed item %q: %w", fi.Title, htmlpage.ErrNoText)}
	}
	a := extract.Article{Title: h.title, Source: h.source, Text: text}
	if h.published != "" {
		published := h.published
		a.Published = &published
	}
	return newItem(a, group, key)
}
