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

// runEval scores extraction results against gold annotations with the
// metric of ../shared/eval/score.py. FILE holds predictions (what
// `dipgraph extract` writes) or articles (lines with "text"), which it
// then extracts itself. Bad lines are reported and skipped (their article
// counts as unpredicted); it fails only when nothing could be read.
func runEval(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	goldPath := fs.String("gold", "", "gold annotations (JSON, the format of ../shared/corpus/seeds.gold.json)")
	verbose := fs.Bool("verbose", false, "print each article's missed and wrong pairs first")
	asJSON := fs.Bool("json", false, "print the metrics as JSON (as score.py --json)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: dipgraph eval --gold GOLD.json [--verbose] [--json] FILE\n\nFILE (- for stdin) holds extraction results, one JSON object a line (dipgraph extract's output),\nor articles (lines with \"text\"), which are extracted first.")
		fs.PrintDefaults()
	}
	// Flags may follow the file too, as score.py allows.
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
	scorer, err := eval.New()
	if err != nil {
		return err
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
	bad := 0
	report := func(err error) {
		bad++
		fmt.Fprintf(e.stderr, "dipgraph eval: %v\n", err)
	}
	br := bufio.NewReaderSize(r, 1<<16)
	articles, head, err := sniffArticles(br)
	if err != nil {
		return fmt.Errorf("%s: read: %w", label, err)
	}
	in := io.MultiReader(bytes.NewReader(head), br)
	var preds eval.Predictions
	if articles {
		preds, err = extractAll(ctx, in, label, report)
	} else {
		preds, err = eval.ReadPredictions(in, label, report)
	}
	if err != nil {
		return err
	}
	if len(preds) == 0 && bad > 0 {
		return fmt.Errorf("none of %d line(s) of %s could be read", bad, label)
	}

	rep := scorer.Score(gold, preds)
	out := bufio.NewWriter(e.stdout)
	if *asJSON {
		if err := rep.WriteJSON(out); err != nil {
			return err
		}
	} else if err := rep.WriteText(out, *verbose); err != nil {
		return err
	}
	return out.Flush()
}

// sniffArticles reads up to the first line that is a JSON object and says
// whether it is an article (has "text"). It returns the bytes read so the
// caller can read them again.
func sniffArticles(br *bufio.Reader) (bool, []byte, error) {
	var head []byte
	for {
		line, err := br.ReadBytes('\n')
		head = append(head, line...)
		var obj map[string]json.RawMessage
		if json.Unmarshal(line, &obj) == nil && obj != nil {
			_, ok := obj["text"]
			return ok, head, nil
		}
		if err == io.EOF {
			return false, head, nil
		}
		if err != nil {
			return false, head, err
		}
	}
}

// extractAll runs the extractor over articles, as `dipgraph extract` would,
// and reads its results back as predictions.
func extractAll(ctx context.Context, r io.Reader, label string, bad func(error)) (eval.Predictions, error) {
	x, err := extract.New()
	if err != nil {
		return nil, err
	}
	preds := eval.Predictions{}
	err = extract.ReadArticles(r, label, func(line int, a extract.Article, aerr error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if aerr != nil {
			bad(aerr)
			return nil
		}
		res, err := x.Extract(a)
		if err != nil {
			bad(fmt.Errorf("%s:%d: extract %q: %w", label, line, a.ID, err))
			return nil
		}
		// Through JSON, so the metric reads exactly what extract writes.
		js, err := json.Marshal(res)
		if err != nil {
			return err
		}
		p, err := eval.DecodePrediction(js)
		if err != nil {
			return err
		}
		preds.Add(p)
		return nil
	})
	return preds, err
}
