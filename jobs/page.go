package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dipgraph/dipgraph/extract"
)

// minWords is the fewest words a page's body must have to count as an
// article; below it the page is a login wall, an index or an error page.
const minWords = 20

// errNoText is a page without an article body.
var errNoText = errors.New("no article text")

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
	a, err := parsePage(resp.Body, rawURL)
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

// parsePage reads an HTML page: the article body by go-readability, the
// title and publication date from the page metadata (og:title,
// article:published_time and JSON-LD datePublished through readability,
// else the first <time datetime>).
func parsePage(body []byte, pageURL string) (extract.Article, error) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return extract.Article{}, fmt.Errorf("parse HTML: %w", err)
	}
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	timeAttr := firstTimeDatetime(doc) // before readability prunes the tree
	ld := jsonLDDate(doc)
	r, err := readability.FromDocument(doc, u)
	if err != nil {
		return extract.Article{}, fmt.Errorf("%w: %v", errNoText, err)
	}
	text := ""
	if r.Node != nil {
		text = nodeText(r.Node)
	}
	if n := len(strings.Fields(text)); n < minWords {
		return extract.Article{}, fmt.Errorf("%w (%d words)", errNoText, n)
	}
	a := extract.Article{URL: pageURL, Title: strings.TrimSpace(r.Title), Source: r.SiteName, Text: text}
	if a.Source == "" && u != nil {
		a.Source = u.Hostname()
	}
	switch {
	case r.PublishedTime != nil:
		a.Published = ptr(r.PublishedTime.Format(time.DateOnly))
	case ld != "":
		a.Published = ptr(ld)
	case timeAttr != "":
		a.Published = ptr(timeAttr)
	}
	return a, nil
}

func ptr(s string) *string { return &s }

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

// firstTimeDatetime is the date of the first <time datetime="YYYY-MM-DD...">.
func firstTimeDatetime(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Time {
		for _, a := range n.Attr {
			if a.Key == "datetime" && dateRE.MatchString(a.Val) {
				return a.Val[:10]
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if d := firstTimeDatetime(c); d != "" {
			return d
		}
	}
	return ""
}

// jsonLDDate is datePublished from a JSON-LD script, as a fallback for
// pages readability cannot date.
func jsonLDDate(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Script && n.FirstChild != nil {
		for _, a := range n.Attr {
			if a.Key == "type" && a.Val == "application/ld+json" {
				var v struct {
					DatePublished string `json:"datePublished"`
				}
				if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil && dateRE.MatchString(v.DatePublished) {
					return v.DatePublished[:10]
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if d := jsonLDDate(c); d != "" {
			return d
		}
	}
	return ""
}

// nodeText renders HTML as plain text with a blank line between blocks, so
// the extractor sees paragraph and heading boundaries as sentence ends.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br:
				b.WriteString("\n")
				return
			}
		}
		block := n.Type == html.ElementNode && isBlock(n.DataAtom)
		if block {
			b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	walk(n)
	var paras []string
	for _, p := range strings.Split(b.String(), "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol,
		atom.Blockquote, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Table, atom.Tr,
		atom.Figure, atom.Figcaption, atom.Pre, atom.Dd, atom.Dt, atom.Main, atom.Aside:
		return true
	}
	return false
}
