package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxTextBytes is the largest article text accepted. Longer texts are
// rejected, not truncated: a silently shortened article would lose
// meetings without anyone noticing, and no news report is this long.
const MaxTextBytes = 2 << 20

// Errors ReadArticles and CheckArticle report; test with errors.Is.
var (
	ErrNoText   = errors.New("missing or empty text")
	ErrTooLarge = fmt.Errorf("text longer than %d bytes", MaxTextBytes)
	ErrBinary   = errors.New("not UTF-8 text")
)

// CheckArticle validates an article before extraction: its text must be
// present, valid UTF-8 without NUL bytes, and at most MaxTextBytes long.
func CheckArticle(a Article) error {
	switch {
	case strings.TrimSpace(a.Text) == "":
		return ErrNoText
	case len(a.Text) > MaxTextBytes:
		return fmt.Errorf("%w (%.1f MB)", ErrTooLarge, float64(len(a.Text))/(1<<20))
	case !utf8.ValidString(a.Text) || strings.IndexByte(a.Text, 0) >= 0:
		return ErrBinary
	}
	return nil
}

// ReadArticles reads JSON Lines articles from r and calls fn once for every
// non-blank line, in order, with the 1-based line number. Lines of any
// length are read whole (bufio.Reader, not a Scanner with a token limit).
//
// A bad line does not stop the reading: fn gets a zero Article with a
// non-nil err that names the input and the line ("feed.jsonl:7: invalid
// JSON: ..."), wrapping ErrNoText, ErrTooLarge or ErrBinary where they
// apply. An article without an id gets "NAME:LINE" as its id, so results
// can still be told apart. ReadArticles returns the first error of r
// itself, or the first error fn returns (which stops the reading).
func ReadArticles(r io.Reader, name string, fn func(line int, a Article, err error) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		line, rerr := br.ReadBytes('\n')
		if rerr != nil && rerr != io.EOF {
			return fmt.Errorf("%s:%d: read: %w", name, n, rerr)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			a, err := parseLine(line, name, n)
			if err != nil {
				err = fmt.Errorf("%s:%d: %w", name, n, err)
			}
			if ferr := fn(n, a, err); ferr != nil {
				return ferr
			}
		}
		if rerr == io.EOF {
			return nil
		}
	}
}

func parseLine(line []byte, name string, n int) (Article, error) {
	if !utf8.Valid(line) || bytes.IndexByte(line, 0) >= 0 {
		return Article{}, ErrBinary
	}
	var a Article
	if err := json.Unmarshal(line, &a); err != nil {
		return Article{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if a.ID == "" {
		a.ID = fmt.Sprintf("%s:%d", name, n)
	}
	if err := CheckArticle(a); err != nil {
		return Article{ID: a.ID}, fmt.Errorf("article %q: %w", a.ID, err)
	}
	return a, nil
}
