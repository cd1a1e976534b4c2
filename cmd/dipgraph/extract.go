package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dipgraph/dipgraph/extract"
)

// runExtract reads articles (JSON Lines, or plain text with --text) and
// writes one extraction result per article, in input order. Bad articles
// are reported on stderr and skipped; the command fails only when no
// article could be processed.
func runExtract(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asText := fs.Bool("text", false, "treat each FILE as one plain-text article")
	published := fs.String("published", "", "publication date (YYYY-MM-DD) for --text articles")
	id := fs.String("id", "", "article id for --text (default: the file's base name)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: dipgraph extract [--text [--published YYYY-MM-DD] [--id ID]] [FILE...]\n\nReads JSON Lines articles from FILEs or stdin (- or no FILE) and writes one JSON result a line.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if *published != "" {
		if _, err := time.Parse("2006-01-02", *published); err != nil {
			fmt.Fprintf(e.stderr, "dipgraph extract: --published %q is not YYYY-MM-DD\n", *published)
			return errUsage
		}
	}
	x, err := extract.New()
	if err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	ok, bad := 0, 0
	emit := func(a extract.Article) error {
		res, err := x.Extract(a)
		if err != nil {
			return err
		}
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		ok++
		return nil
	}
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, label, closeFn, err := open(e, name)
		if err != nil {
			fmt.Fprintf(e.stderr, "dipgraph extract: %v\n", err)
			bad++
			continue
		}
		if *asText {
			err = extractText(r, label, *id, *published, emit)
			if err != nil {
				fmt.Fprintf(e.stderr, "dipgraph extract: %v\n", err)
				bad++
			}
		} else {
			err = extract.ReadArticles(r, label, func(line int, a extract.Article, aerr error) error {
				if err := ctx.Err(); err != nil {
					return err
				}
				if aerr != nil {
					fmt.Fprintf(e.stderr, "dipgraph extract: %v\n", aerr)
					bad++
					return nil
				}
				return emit(a)
			})
			if err != nil {
				closeFn()
				return err
			}
		}
		closeFn()
	}
	if ok == 0 {
		if bad == 0 {
			return errors.New("no articles in the input")
		}
		return fmt.Errorf("none of %d article(s) could be processed", bad)
	}
	return nil
}

func open(e *env, name string) (io.Reader, string, func(), error) {
	if name == "-" {
		return e.stdin, "stdin", func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, name, nil, err
	}
	return f, name, func() { f.Close() }, nil
}

// extractText reads a whole file as one article.
func extractText(r io.Reader, label, id, published string, emit func(extract.Article) error) error {
	data, err := io.ReadAll(io.LimitReader(r, extract.MaxTextBytes+1))
	if err != nil {
		return fmt.Errorf("%s: read: %w", label, err)
	}
	a := extract.Article{ID: id, Text: string(data)}
	if a.ID == "" {
		a.ID = strings.TrimSuffix(filepath.Base(label), filepath.Ext(label))
	}
	if published != "" {
		a.Published = &published
	}
	if err := extract.CheckArticle(a); err != nil {
		return fmt.Errorf("%s: %w", label, err)
	}
	return emit(a)
}
