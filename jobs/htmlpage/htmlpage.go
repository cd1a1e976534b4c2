// Package htmlpage reads a news web page: the article body (by
// go-readability), rendered as plain text with paragraph breaks, and the
// title and publication date from the page's metadata. It knows nothing of
// fetching or scheduling, so it can be fuzzed on its own.
package htmlpage

import (
	"bytes"
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

// MinWords is the fewest words a page's body must have to count as an
// article; below it the page is a login wall, an index or an error page.
const MinWords = 20

// ErrNoText is a page without an article body.
var ErrNoText = errors.New("no article text")

// Parse reads an HTML page: the article body by go-readability, the
// title and publication date from the page metadata (og:title,
// article:published_time and JSON-LD datePublished through readability,
// else the first <time datetime>).
func Parse(body []byte, pageURL string) (extract.Article, error) {
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
		return extract.Article{}, fmt.Errorf("%w: %v", ErrNoText, err)
	}
	text := ""
	if r.Node != nil {
		text = Text(r.Node)
	}
	if n := len(strings.Fields(text)); n < MinWords {
		return extract.Article{}, fmt.Errorf("%w (%d words)", ErrNoText, n)
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

// Text renders HTML as plain text with a blank line between blocks, so
// the extractor sees paragraph and heading boundaries as sentence ends.
func Text(n *html.Node) string {
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
