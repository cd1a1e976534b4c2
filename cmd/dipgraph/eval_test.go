package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// dipgraph runs the command in-process and returns its stdout, stderr and
// exit status.
func dipgraph(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
		log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	code := run(context.Background(), e, args)
	return out.String(), errb.String(), code
}

func TestEvalArticlesEqualsPredictions(t *testing.T) {
	root := repoRoot(t)
	articles := filepath.Join(root, "examples", "articles.jsonl")
	gold := filepath.Join(root, "examples", "articles.gold.json")
	preds, stderr, code := dipgraph(t, "", "extract", articles)
	if code != 0 {
		t.Fatalf("extract: %d %s", code, stderr)
	}
	fromPreds, stderr, code := dipgraph(t, preds, "eval", "--gold", gold, "--verbose", "-")
	if code != 0 {
		t.Fatalf("eval of predictions: %d %s", code, stderr)
	}
	// flags after the file, as score.py allows
	fromArticles, stderr, code := dipgraph(t, "", "eval", "--gold", gold, articles, "--verbose")
	if code != 0 {
		t.Fatalf("eval of articles: %d %s", code, stderr)
	}
	if fromPreds != fromArticles {
		t.Errorf("articles scored differently from their predictions:\n%s\n---\n%s", fromArticles, fromPreds)
	}
	if !strings.Contains(fromArticles, "pairs: P=") || !strings.Contains(fromArticles, "sample-001: tp=") {
		t.Errorf("no verbose report:\n%s", fromArticles)
	}
	t.Logf("examples:\n%s", fromArticles)
}

func TestEvalBadInput(t *testing.T) {
	gold := filepath.Join(repoRoot(t), "examples", "articles.gold.json")
	in := `{"id": "sample-001", "meetings": []}` + "\n" + `{"id": "sample-002", "meetings": [` + "\n" +
		`{"id": "sample-003", "meetings": [{"date": 5}]}` + "\n"
	out, stderr, code := dipgraph(t, in, "eval", "--gold", gold, "-")
	if code != 0 {
		t.Fatalf("exit %d, want 0 while some lines were read: %s", code, stderr)
	}
	for _, want := range []string{"stdin:2: not a JSON object", "stdin:3: meetings.date must be a string or null"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(out, "no prediction for: sample-002, sample-003") {
		t.Errorf("output:\n%s", out)
	}
	if _, stderr, code := dipgraph(t, "{\n", "eval", "--gold", gold, "-"); code != 1 || !strings.Contains(stderr, "none of 1") {
		t.Errorf("nothing readable: exit %d, %s", code, stderr)
	}
	if _, _, code := dipgraph(t, "", "eval", "-"); code != 2 {
		t.Errorf("no --gold: exit %d, want 2", code)
	}
	if _, stderr, code := dipgraph(t, "", "eval", "--gold", "/nonexistent/gold.json", "-"); code != 1 || !strings.Contains(stderr, "/nonexistent/gold.json") {
		t.Errorf("missing gold: exit %d, %s", code, stderr)
	}
}

// TestEvalAgreesWithScorePy runs the reference scorer and dipgraph eval on
// the same files: the seeds' real predictions, hand-picked perturbations of
// them, random combinations of perturbations, and the shipped examples.
// Both outputs (--json and --verbose) must be identical, and every number
// must agree to 4 decimals.
func TestEvalAgreesWithScorePy(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: cannot run the reference scorer")
	}
	shared := filepath.Join(repoRoot(t), "..", "shared")
	scorePy := filepath.Join(shared, "eval", "score.py")
	seedGold := filepath.Join(shared, "corpus", "seeds.gold.json")
	seedArticles := filepath.Join(shared, "corpus", "seeds.jsonl")
	for _, p := range []string{scorePy, seedGold, seedArticles} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("no reference scorer and seeds beside the repository (%v)", err)
		}
	}
	dir := t.TempDir()
	agree := func(t *testing.T, gold, preds string) {
		t.Helper()
		for _, flag := range []string{"--json", "--verbose"} {
			cmd := exec.Command(python, scorePy, gold, preds, flag)
			want, err := cmd.Output()
			if err != nil {
				t.Fatalf("score.py %s: %v", preds, err)
			}
			got, stderr, code := dipgraph(t, "", "eval", "--gold", gold, flag, preds)
			if code != 0 {
				t.Fatalf("dipgraph eval %s: exit %d: %s", preds, code, stderr)
			}
			if flag == "--json" {
				sameNumbers(t, got, string(want))
			}
			if got != string(want) {
				t.Errorf("%s %s:\ndipgraph eval:\n%s\nscore.py:\n%s", filepath.Base(preds), flag, got, want)
			}
		}
	}

	seedPreds, stderr, code := dipgraph(t, "", "extract", seedArticles)
	if code != 0 {
		t.Fatalf("extract seeds: %s", stderr)
	}
	base := parseLines(t, seedPreds)
	write := func(name string, lines []map[string]any) string {
		var b bytes.Buffer
		for _, l := range lines {
			if err := json.NewEncoder(&b).Encode(l); err != nil {
				t.Fatal(err)
			}
		}
		p := filepath.Join(dir, name+".jsonl")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	baseOut, _, _ := dipgraph(t, "", "eval", "--gold", seedGold, write("seeds", base))
	t.Run("seeds", func(t *testing.T) {
		agree(t, seedGold, write("seeds", base))
		t.Logf("seeds:\n%s", baseOut)
	})
	// These must move a number, or the comparison would prove little.
	mustChange := map[string]bool{"drop-meeting": true, "wrong-role": true, "wrong-country": true, "wrong-date": true,
		"extra-pair": true, "planned": true, "flip-kind": true, "wrong-location": true, "drop-article": true}
	for name, perturb := range perturbations {
		t.Run(name, func(t *testing.T) {
			lines := parseLines(t, seedPreds)
			perturb(lines, rand.New(rand.NewPCG(1, 2)))
			p := write(name, lines)
			agree(t, seedGold, p)
			out, _, _ := dipgraph(t, "", "eval", "--gold", seedGold, p)
			if mustChange[name] && out == baseOut {
				t.Errorf("perturbation %s left the scores as they were:\n%s", name, out)
			}
			t.Logf("%s: %s", name, strings.ReplaceAll(out, "\n", " "))
		})
	}
	t.Run("random", func(t *testing.T) {
		names := make([]string, 0, len(perturbations))
		for n := range perturbations {
			names = append(names, n)
		}
		slices.Sort(names)
		rng := rand.New(rand.NewPCG(7, 11))
		for i := range 20 {
			lines := parseLines(t, seedPreds)
			var applied []string
			for range 1 + rng.IntN(4) {
				n := names[rng.IntN(len(names))]
				applied = append(applied, n)
				perturbations[n](lines, rng)
			}
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Log(strings.Join(applied, " + "))
				agree(t, seedGold, write(fmt.Sprintf("random-%d", i), lines))
			})
		}
	})
	t.Run("examples", func(t *testing.T) {
		root := repoRoot(t)
		preds, stderr, code := dipgraph(t, "", "extract", filepath.Join(root, "examples", "articles.jsonl"))
		if code != 0 {
			t.Fatal(stderr)
		}
		agree(t, filepath.Join(root, "examples", "articles.gold.json"), write("examples", parseLines(t, preds)))
	})
}

func parseLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// sameNumbers compares every number of two score.py JSON reports to 4
// decimals (null must match null).
func sameNumbers(t *testing.T, got, want string) {
	t.Helper()
	var g, w map[string]map[string]*float64
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("dipgraph eval --json: %v\n%s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("score.py --json: %v", err)
	}
	if len(g) != len(w) {
		t.Errorf("sections: got %d, want %d", len(g), len(w))
	}
	for sec, fields := range w {
		for k, wv := range fields {
			gv, ok := g[sec][k]
			switch {
			case !ok:
				t.Errorf("%s.%s missing", sec, k)
			case (gv == nil) != (wv == nil):
				t.Errorf("%s.%s: got %v, want %v", sec, k, gv, wv)
			case gv != nil && math.Abs(*gv-*wv) >= 0.00005:
				t.Errorf("%s.%s: got %.4f, want %.4f", sec, k, *gv, *wv)
			}
		}
	}
}

// meetings returns every meeting of every prediction, with its article.
func meetings(lines []map[string]any) []map[string]any {
	var out []map[string]any
	for _, l := range lines {
		ms, _ := l["meetings"].([]any)
		for _, m := range ms {
			out = append(out, m.(map[string]any))
		}
	}
	return out
}

func participants(m map[string]any) []any {
	ps, _ := m["participants"].([]any)
	return ps
}

func pick[T any](rng *rand.Rand, s []T) (T, bool) {
	var zero T
	if len(s) == 0 {
		return zero, false
	}
	return s[rng.IntN(len(s))], true
}

func someParticipant(lines []map[string]any, rng *rand.Rand) map[string]any {
	m, ok := pick(rng, meetings(lines))
	if !ok {
		return map[string]any{}
	}
	p, ok := pick(rng, participants(m))
	if !ok {
		return map[string]any{}
	}
	return p.(map[string]any)
}

// perturbations change seed predictions the way an extractor can go wrong.
var perturbations = map[string]func([]map[string]any, *rand.Rand){
	"drop-meeting": func(lines []map[string]any, rng *rand.Rand) {
		l, _ := pick(rng, lines)
		if ms, _ := l["meetings"].([]any); len(ms) > 0 {
			i := rng.IntN(len(ms))
			l["meetings"] = append(ms[:i:i], ms[i+1:]...)
		}
	},
	"wrong-role":    func(lines []map[string]any, rng *rand.Rand) { someParticipant(lines, rng)["role"] = "press spokesman" },
	"partial-role":  func(lines []map[string]any, rng *rand.Rand) { someParticipant(lines, rng)["role"] = "Deputy Minister" },
	"no-role":       func(lines []map[string]any, rng *rand.Rand) { someParticipant(lines, rng)["role"] = nil },
	"wrong-country": func(lines []map[string]any, rng *rand.Rand) { someParticipant(lines, rng)["country"] = "TR" },
	"lower-country": func(lines []map[string]any, rng *rand.Rand) {
		p := someParticipant(lines, rng)
		if c, ok := p["country"].(string); ok {
			p["country"] = strings.ToLower(c)
		}
	},
	"wrong-date": func(lines []map[string]any, rng *rand.Rand) {
		if m, ok := pick(rng, meetings(lines)); ok {
			m["date"] = "1999-01-01"
		}
	},
	"null-date": func(lines []map[string]any, rng *rand.Rand) {
		if m, ok := pick(rng, meetings(lines)); ok {
			m["date"] = nil
		}
	},
	"wrong-location": func(lines []map[string]any, rng *rand.Rand) {
		if m, ok := pick(rng, meetings(lines)); ok {
			m["location"] = "Reykjavik"
		}
	},
	"wider-location": func(lines []map[string]any, rng *rand.Rand) {
		if m, ok := pick(rng, meetings(lines)); ok {
			if loc, ok := m["location"].(string); ok {
				m["location"] = "the foreign ministry in " + strings.ToUpper(loc)
			}
		}
	},
	"flip-kind": func(lines []map[string]any, rng *rand.Rand) {
		if m, ok := pick(rng, meetings(lines)); ok {
			if m["kind"] == "call" {
				m["kind"] = "meeting"
			} else {
				m["kind"] = "call"
			}
		}
	},
	"planned": func(lines []map[string]any, rng *rand.Rand) {
		if m, ok := pick(rng, meetings(lines)); ok {
			m["status"] = "planned"
		}
	},
	"extra-pair": func(lines []map[string]any, rng *rand.Rand) {
		if m, ok := pick(rng, meetings(lines)); ok {
			m["participants"] = append(participants(m), map[string]any{"name": "Jon Doe", "role": "envoy", "country": "NO"})
		}
	},
	"known-person-added": func(lines []map[string]any, rng *rand.Rand) {
		// a real person of the article joins another meeting: a wrong or
		// a same-side pair, depending on who it is
		l, _ := pick(rng, lines)
		ms, _ := l["meetings"].([]any)
		if len(ms) < 1 {
			return
		}
		from := ms[rng.IntN(len(ms))].(map[string]any)
		to := ms[rng.IntN(len(ms))].(map[string]any)
		if p, ok := pick(rng, participants(from)); ok {
			q := map[string]any{}
			for k, v := range p.(map[string]any) {
				q[k] = v
			}
			to["participants"] = append(participants(to), q)
		}
	},
	"duplicate-meeting": func(lines []map[string]any, rng *rand.Rand) {
		// tie rules: two predicted meetings share the same pairs
		l, _ := pick(rng, lines)
		if ms, _ := l["meetings"].([]any); len(ms) > 0 {
			b, _ := json.Marshal(ms[rng.IntN(len(ms))])
			var dup map[string]any
			_ = json.Unmarshal(b, &dup)
			dup["date"] = "2001-02"
			l["meetings"] = append(ms, dup)
		}
	},
	"merge-meetings": func(lines []map[string]any, rng *rand.Rand) {
		l, _ := pick(rng, lines)
		if ms, _ := l["meetings"].([]any); len(ms) > 1 {
			a, b := ms[0].(map[string]any), ms[1].(map[string]any)
			a["participants"] = append(participants(a), participants(b)...)
			l["meetings"] = append([]any{a}, ms[2:]...)
		}
	},
	"name-variants": func(lines []map[string]any, rng *rand.Rand) {
		p := someParticipant(lines, rng)
		if n, ok := p["name"].(string); ok {
			forms := []string{"His Excellency Dr. " + n, strings.ToUpper(n), "al-" + n, "Mr " + n[strings.LastIndex(n, " ")+1:], "Xavi " + n}
			p["name"], _ = pick(rng, forms)
		}
	},
	"empty-name": func(lines []map[string]any, rng *rand.Rand) { someParticipant(lines, rng)["name"] = "" },
	"empty-strings": func(lines []map[string]any, rng *rand.Rand) {
		if m, ok := pick(rng, meetings(lines)); ok {
			m["kind"], m["status"], m["date"], m["location"] = "", "", "", ""
		}
	},
	"drop-article": func(lines []map[string]any, rng *rand.Rand) {
		l, _ := pick(rng, lines)
		l["id"] = "not-in-gold"
	},
	"null-meetings": func(lines []map[string]any, rng *rand.Rand) {
		l, _ := pick(rng, lines)
		l["meetings"] = nil
	},
}
