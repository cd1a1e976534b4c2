package htmlpage

import (
	"regexp"
	"strings"
	"testing"
)

// FuzzParsePage reads arbitrary bytes as a web page: no panic, and a page
// that parses has article text and, if any, a YYYY-MM-DD date.
func FuzzParsePage(f *testing.F) {
	body := strings.Repeat("Ilse Varga met Tomas Ek in Oslo on Monday to discuss energy. ", 5)
	f.Add(`<html><head><title>Talks</title><meta property="article:published_time" content="2024-05-07T10:00:00Z"></head><body><article><p>` + body + `</p></article></body></html>`)
	f.Add(`<html><body><time datetime="2024-13-45">x</time><script type="application/ld+json">{"datePublished": 5}</script><p>` + body + `</p></body></html>`)
	f.Add("<p>\x00<<</p>")
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	f.Fuzz(func(t *testing.T, page string) {
		a, err := Parse([]byte(page), "http://127.0.0.1/page.html")
		if err != nil {
			return
		}
		if len(strings.Fields(a.Text)) < MinWords {
			t.Fatalf("a page with %d words of text parsed", len(strings.Fields(a.Text)))
		}
		if a.Published != nil && !date.MatchString(*a.Published) {
			t.Fatalf("published %q is not YYYY-MM-DD", *a.Published)
		}
	})
}
