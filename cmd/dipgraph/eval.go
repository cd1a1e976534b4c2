package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dipgraph/dipgraph/eval"
	"github.com/dipgraph/dipgraph/extract"
)

// runEval scores extraction results against gold annotations, as
// ../shared/eval/score.py does. The input is either predictions (what
// `dipgraph extract` writes) or articles, which are then extracted first.
// A bad line is reported and skipped (its article counts as unpredicted);
// the command fails only when nothing could be read.
func runEval(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	goldPath := fs.String("gold", "", "gold annotations (JSON, as ../shared/corpus/seeds.gold.json)")
	verbose := fs.Bool("verbose", false, "print each article's missed and wrong pairs")
	asJSON := fs.Bool("json", false, "print the metrics as JSON (as score.py --json)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: dipgraph eval --gold GOLD.json [--verbose] [--json] FILE\n\nFILE (or - for stdin) holds extraction results, one JSON object a line (dipgraph extract's output),\nor articles (lines with \"text\"), which are extracted first.")
		fs.PrintDefaults()
	}
	// Flags may come after the file too, as score.py accepts them.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *goldPath == "" || len(files) != 1 {
		fs.Usage()
		return errUsage
	}
	gf, err := os.Open(*goldPath)
	if err != nil {
		return err
	}
	gold, err := eval.ReadGold(gf, *goldPath)
	gf.Close()
	if err != nil {
		return err
	}
	r, label, closeFn, err := open(e, files[0])
	if err != nil {
		return err
	}
	defer closeFn()
	preds, err := readPredictions(ctx, e, r, label)
	if err != nil {
		return err
	}
	rep := eval.Score(gold, preds)
	if *asJSON {
		return rep.WriteJSON(e.stdout)
	}
	return rep.WriteText(e.stdout, *verbose)
}

// readPredictions reads predictions, or articles when the first line has
// "text" (then every line is an article and is extracted here).
func readPredictions(ctx context.Context, e *env, r io.Reader, label string) (map[string]eval.Prediction, error) {
	articles, r, err := looksLikeArticles(r)
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", label, err)
	}
	br := bufio.NewReaderSize(r, 1<<16)
	preds := map[string]eval.Prediction{}
	bad := 0
	if articles {
		x, err := extract.New()
		if err != nil {
			return nil, err
		}
		err = extract.ReadArticles(r, label, func(_ int, a extract.Article, aerr error) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if aerr == nil {
				aerr = addExtraction(x, a, preds)
			}
			if aerr != nil {
				fmt.Fprintf(e.stderr, "dipgraph eval: %v\n", aerr)
				bad++
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	} else {
		for n := 1; ; n++ {
			line, rerr := br.ReadBytes('\n')
			if rerr != nil && rerr != io.EOF {
				return nil, fmt.Errorf("%s:%d: read: %w", label, n, rerr)
			}
			if len(bytes.TrimSpace(line)) > 0 {
				id, p, err := eval.ParsePrediction(line)
				if err != nil {
					fmt.Fprintf(e.stderr, "dipgraph eval: %s:%d: %v\n", label, n, err)
					bad++
				} else {
					preds[id] = p // a later line for the same id wins, as in score.py
				}
			}
			if rerr == io.EOF {
				break
			}
		}
	}
	if len(preds) == 0 && bad > 0 {
		return nil, fmt.Errorf("%s: none of %d line(s) could be read", label, bad)
	}
	return preds, nil
}

func addExtraction(x *extract.Extractor, a extract.Article, preds map[string]eval.Prediction) error {
	res, err := x.Extract(a)
	if err != nil {
		return fmt.Errorf("article %q: %w", a.ID, err)
	}
	// Scored through its JSON form, so the numbers equal those of
	// `dipgraph extract | dipgraph eval`.
	b, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("article %q: %w", a.ID, err)
	}
	id, p, err := eval.ParsePrediction(b)
	if err != nil {
		return fmt.Errorf("article %q: %w", a.ID, err)
	}
	preds[id] = p
	return nil
}

// looksLikeArticles reads up to the first non-blank line: articles carry
// a "text" field, extraction results do not. It returns a reader that
// yields the whole input again, so line numbers stay right.
func looksLikeArticles(r io.Reader) (bool, io.Reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var head []byte
	for {
		line, err := br.ReadBytes('\n')
		head = append(head, line...)
		if err != nil && err != io.EOF {
			return false, nil, err
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			var probe map[string]json.RawMessage
			if json.Unmarshal(t, &probe) != nil {
				probe = nil // not an object: the reader of predictions reports it
			}
			_, ok := probe["text"]
			return ok, io.MultiReader(bytes.NewReader(head), br), nil
		}
		if err == io.EOF {
			return false, bytes.NewReader(head), nil
		}
	}
}
