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
	"sort"
	"strings"
	"testing"
)

// runCmd runs dipgraph in-process and returns stdout, stderr and the exit status.
func runCmd(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
		log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	code := run(context.Background(), e, args)
	return out.String(), errb.String(), code
}

func TestEvalArticlesOrPredictions(t *testing.T) {
	root := repoRoot(t)
	articles := filepath.Join(root, "examples", "articles.jsonl")
	gold := filepath.Join(root, "examples", "articles.gold.json")
	preds, stderr, code := runCmd(t, "", "extract", articles)
	if code != 0 {
		t.Fatalf("extract: %d %s", code, stderr)
	}
	fromPreds, stderr, code := runCmd(t, preds, "eval", "--gold", gold, "--verbose", "-")
	if code != 0 {
		t.Fatalf("eval of predictions: %d %s", code, stderr)
	}
	// Articles are recognised by their text; flags may follow the file.
	fromArticles, stderr, code := runCmd(t, "", "eval", "--gold", gold, articles, "--verbose")
	if code != 0 {
		t.Fatalf("eval of articles: %d %s", code, stderr)
	}
	if fromPreds != fromArticles {
		t.Errorf("articles scored differently from their predictions:\n%s\n---\n%s", fromArticles, fromPreds)
	}
	for _, want := range []string{"sample-001: tp=", "\n  missed: ", "\npairs: P=", "\nrole="} {
		if !strings.Contains(fromArticles, want) {
			t.Errorf("report lacks %q:\n%s", want, fromArticles)
		}
	}
	t.Logf("examples:\n%s", fromArticles)

	js, _, code := runCmd(t, "", "eval", "--json", "--gold", gold, articles)
	var m map[string]any
	if err := json.Unmarshal([]byte(js), &m); code != 0 || err != nil {
		t.Fatalf("--json: %d %v %s", code, err, js)
	}
	for _, k := range []string{"pairs", "role", "country", "date", "location", "kind", "articles"} {
		if _, ok := m[k]; !ok {
			t.Errorf("--json lacks %q: %s", k, js)
		}
	}
}

func TestEvalBadInput(t *testing.T) {
	gold := filepath.Join(repoRoot(t), "examples", "articles.gold.json")
	in := `{"id": "sample-001", "meetings": []}` + "\n" + `{"id": "sample-002", "meetings": [` + "\n" +
		`{"id": "sample-003", "meetings": [{"date": 5}]}` + "\n"
	out, stderr, code := runCmd(t, in, "eval", "--gold", gold, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"stdin:2: ", "stdin:3: "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, stderr)
		}
	}
	if !strings.Contains(out, "no prediction for: sample-002, sample-003") {
		t.Errorf("stdout: %s", out)
	}

	// An article line without text is reported; the others are scored.
	arts := `{"id": "x1", "text": "Nothing happened."}` + "\n" + `{"id": "x2", "text": ""}` + "\n"
	_, stderr, code = runCmd(t, arts, "eval", "--gold", gold, "-")
	if code != 0 || !strings.Contains(stderr, "stdin:2") {
		t.Errorf("articles with a bad line: exit %d, stderr %s", code, stderr)
	}

	for _, c := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		msg   string
	}{
		{"nothing readable", "nope\n{\n", []string{"--gold", gold, "-"}, 1, "none of 2 line(s) of stdin"},
		{"no gold", "", []string{"-"}, 2, "usage:"},
		{"two files", "", []string{"--gold", gold, "a", "b"}, 2, "usage:"},
		{"missing gold file", "", []string{"--gold", "/nonexistent/g.json", "-"}, 1, "/nonexistent/g.json"},
		{"bad gold", "", []string{"--gold", filepath.Join(repoRoot(t), "examples", "articles.jsonl"), "-"}, 1, "gold "},
		{"missing input", "", []string{"--gold", gold, "/nonexistent/p.jsonl"}, 1, "/nonexistent/p.jsonl"},
	} {
		_, stderr, code := runCmd(t, c.stdin, append([]string{"eval"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, stderr, c.code, c.msg)
		}
	}
}

// TestEvalAgreesWithScorePy runs the reference scorer and dipgraph eval on
// the same files and wants every number equal to 4 decimals and the text
// report identical: the seeds and the examples with the extractor's
// predictions, predictions built from the gold itself, and perturbed
// copies of both (a meeting dropped, a wrong role, date, country, kind or
// place, an extra pair, planned instead of occurred, names respelled).
func TestEvalAgreesWithScorePy(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed: cannot compare with score.py")
	}
	root := repoRoot(t)
	shared := filepath.Join(root, "..", "shared")
	scorePy := filepath.Join(shared, "eval", "score.py")
	if _, err := os.Stat(scorePy); err != nil {
		t.Skipf("no reference scorer beside the repository (%v): nothing to compare with", err)
	}
	dir := t.TempDir()
	type corpus struct{ name, gold, articles string }
	corpora := []corpus{{"examples", filepath.Join(root, "examples", "articles.gold.json"), filepath.Join(root, "examples", "articles.jsonl")}}
	if _, err := os.Stat(filepath.Join(shared, "corpus", "seeds.jsonl")); err == nil {
		corpora = append(corpora, corpus{"seeds", filepath.Join(shared, "corpus", "seeds.gold.json"), filepath.Join(shared, "corpus", "seeds.jsonl")})
	} else {
		t.Logf("no seed corpus: comparing on the examples only")
	}
	type job struct{ name, gold, preds string }
	var jobs []job
	for _, c := range corpora {
		extracted, stderr, code := runCmd(t, "", "extract", c.articles)
		if code != 0 {
			t.Fatalf("extract %s: %d %s", c.articles, code, stderr)
		}
		path := filepath.Join(dir, c.name+".pred.jsonl")
		if err := os.WriteFile(path, []byte(extracted), 0o644); err != nil {
			t.Fatal(err)
		}
		// Articles given directly are scored as their extraction is.
		jobs = append(jobs, job{c.name + "/articles", c.gold, path})
		bases := map[string][]map[string]any{"extracted": parseLines(t, extracted), "from-gold": predsFromGold(t, c.gold)}
		for _, base := range []string{"extracted", "from-gold"} {
			for _, p := range perturbations() {
				lines := clone(t, bases[base])
				p.apply(lines)
				path := filepath.Join(dir, fmt.Sprintf("p%d.jsonl", len(jobs)))
				writeLines(t, path, lines)
				jobs = append(jobs, job{fmt.Sprintf("%s/%s/%s", c.name, base, p.name), c.gold, path})
			}
		}
	}
	// One Python process scores every file (a process each is slow).
	var args []string
	for _, j := range jobs {
		args = append(args, j.gold, j.preds)
	}
	cmd := exec.Command(python, append([]string{"-c", pyBatch, scorePy}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py: %v: %s", err, stderr.String())
	}
	var py []struct{ JSON, Text string }
	if err := json.Unmarshal(out, &py); err != nil || len(py) != len(jobs) {
		t.Fatalf("score.py batch: %v, %d results for %d files", err, len(py), len(jobs))
	}
	for i, j := range jobs {
		t.Run(j.name, func(t *testing.T) {
			input := j.preds
			if strings.HasSuffix(j.name, "/articles") {
				for _, c := range corpora {
					if c.gold == j.gold {
						input = c.articles
					}
				}
			}
			goJSON, stderr, code := runCmd(t, "", "eval", "--json", "--gold", j.gold, input)
			if code != 0 {
				t.Fatalf("dipgraph eval: exit %d: %s", code, stderr)
			}
			sameNumbers(t, goJSON, py[i].JSON)
			if goJSON != py[i].JSON {
				t.Errorf("JSON reports differ in form:\ndipgraph eval: %sscore.py:      %s", goJSON, py[i].JSON)
			}
			goText, _, _ := runCmd(t, "", "eval", "--verbose", "--gold", j.gold, input)
			if goText != py[i].Text {
				t.Errorf("text reports differ:\ndipgraph eval:\n%s\nscore.py:\n%s", goText, py[i].Text)
			}
			if strings.HasSuffix(j.name, "/articles") {
				t.Logf("%s", goText)
			}
		})
	}
}

// pyBatch loads score.py as a module and runs its main with --json and
// --verbose on each GOLD PREDICTIONS pair of its arguments, printing the
// outputs as one JSON list.
const pyBatch = `
import contextlib, importlib.util, io, json, sys
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
out = []
args = sys.argv[2:]
for gold, preds in zip(args[::2], args[1::2]):
    res = {}
    for flag, key in (("--json", "JSON"), ("--verbose", "Text")):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            rc = score.main([gold, preds, flag])
        if rc:
            sys.exit("score.py %s %s %s: exit %s" % (gold, preds, flag, rc))
        res[key] = buf.getvalue()
    out.append(res)
json.dump(out, sys.stdout)
`

type perturbation struct {
	name  string
	apply func(lines []map[string]any)
}

// perturbations are the edits the agreement test scores. Each touches
// every article, so every article's metric paths change.
func perturbations() []perturbation {
	eachMeeting := func(f func(i int, m map[string]any)) func([]map[string]any) {
		return func(lines []map[string]any) {
			for _, l := range lines {
				for i, m := range meetings(l) {
					f(i, m)
				}
			}
		}
	}
	firstParticipant := func(f func(p map[string]any)) func([]map[string]any) {
		return eachMeeting(func(i int, m map[string]any) {
			if ps := participants(m); i == 0 && len(ps) > 0 {
				f(ps[0].(map[string]any))
			}
		})
	}
	ps := []perturbation{
		{"as is", func([]map[string]any) {}},
		{"drop first meeting", func(lines []map[string]any) {
			for _, l := range lines {
				if ms := meetings(l); len(ms) > 0 {
					l["meetings"] = toAny(ms[1:])
				}
			}
		}},
		{"drop last meeting", func(lines []map[string]any) {
			for _, l := range lines {
				if ms := meetings(l); len(ms) > 0 {
					l["meetings"] = toAny(ms[:len(ms)-1])
				}
			}
		}},
		{"drop an article", func(lines []map[string]any) { delete(lines[0], "id") }},
		{"wrong role", firstParticipant(func(p map[string]any) { p["role"] = "Chief Gardener" })},
		{"partial role", firstParticipant(func(p map[string]any) { p["role"] = "Minister of State for Parks" })},
		{"null role", firstParticipant(func(p map[string]any) { p["role"] = nil })},
		{"wrong country", firstParticipant(func(p map[string]any) { p["country"] = "ZZ" })},
		{"lower-case country", firstParticipant(func(p map[string]any) {
			if c, ok := p["country"].(string); ok {
				p["country"] = strings.ToLower(c)
			}
		})},
		{"surname and honorific", firstParticipant(func(p map[string]any) {
			if n, ok := p["name"].(string); ok {
				f := strings.Fields(n)
				p["name"] = "H.E. Dr. " + f[len(f)-1]
			}
		})},
		{"empty name", firstParticipant(func(p map[string]any) { p["name"] = "" })},
		{"wrong date", eachMeeting(func(i int, m map[string]any) {
			if i == 0 {
				m["date"] = "1999-01-01"
			}
		})},
		{"null dates", eachMeeting(func(_ int, m map[string]any) { m["date"] = nil })},
		{"dates to the month", eachMeeting(func(_ int, m map[string]any) {
			if d, ok := m["date"].(string); ok && len(d) > 7 {
				m["date"] = d[:7]
			}
		})},
		{"wrong place", eachMeeting(func(_ int, m map[string]any) { m["location"] = "Atlantis" })},
		{"null places", eachMeeting(func(_ int, m map[string]any) { m["location"] = nil })},
		{"longer place", eachMeeting(func(_ int, m map[string]any) {
			if l, ok := m["location"].(string); ok {
				m["location"] = "the old palace in " + l
			}
		})},
		{"wrong kind", eachMeeting(func(i int, m map[string]any) {
			if m["kind"] == "call" {
				m["kind"] = "meeting"
			} else {
				m["kind"] = "call"
			}
		})},
		{"planned instead of occurred", eachMeeting(func(i int, m map[string]any) {
			if i == 0 {
				m["status"] = "planned"
			}
		})},
		{"occurred instead of planned", eachMeeting(func(_ int, m map[string]any) { m["status"] = "occurred" })},
		{"extra unknown participant", eachMeeting(func(i int, m map[string]any) {
			if i == 0 {
				m["participants"] = append(participants(m), map[string]any{"name": "Zed Quillfeather", "role": "Envoy", "country": "ZZ"})
			}
		})},
		{"extra pair from merged meetings", func(lines []map[string]any) {
			for _, l := range lines {
				ms := meetings(l)
				if len(ms) < 2 {
					continue
				}
				merged := map[string]any{"kind": "meeting", "status": "occurred", "date": ms[0]["date"], "location": ms[1]["location"],
					"participants": append(append([]any{}, participants(ms[1])...), participants(ms[0])...)}
				l["meetings"] = append(toAny(ms), merged)
			}
		}},
		{"merged meeting first", func(lines []map[string]any) {
			// The merged meeting holds the first two meetings' pairs: the
			// second gold meeting then prefers the unused copy of its own.
			for _, l := range lines {
				ms := meetings(l)
				if len(ms) < 2 {
					continue
				}
				merged := map[string]any{"kind": ms[1]["kind"], "status": "occurred", "date": ms[0]["date"], "location": ms[0]["location"],
					"participants": append(append([]any{}, participants(ms[0])...), participants(ms[1])...)}
				l["meetings"] = append([]any{merged}, toAny(ms[1:])...)
			}
		}},
		{"role padded to the Dice boundary", padRole(0)},
		{"role padded past the Dice boundary", padRole(1)},
		{"duplicate meeting", func(lines []map[string]any) {
			for _, l := range lines {
				if ms := meetings(l); len(ms) > 0 {
					l["meetings"] = append(toAny(ms), ms[0])
				}
			}
		}},
	}
	// Seeded mixtures of the above, so combinations are covered too.
	rng := rand.New(rand.NewPCG(7, 11))
	for k := range 12 {
		var picks []perturbation
		for range 3 {
			picks = append(picks, ps[1+rng.IntN(len(ps)-1)])
		}
		names := []string{picks[0].name, picks[1].name, picks[2].name}
		ps = append(ps, perturbation{fmt.Sprintf("mix %d (%s)", k, strings.Join(names, ", ")), func(lines []map[string]any) {
			for _, p := range picks {
				p.apply(lines)
			}
		}})
	}
	return ps
}

// padRole adds 2k+extra made-up words to every role of k words (stop
// words aside): at extra 0 the Dice coefficient is exactly 0.5.
func padRole(extra int) func([]map[string]any) {
	stop := map[string]bool{"the": true, "of": true, "for": true, "to": true, "and": true, "in": true, "on": true, "a": true, "an": true}
	return func(lines []map[string]any) {
		for _, l := range lines {
			for _, m := range meetings(l) {
				for _, p := range participants(m) {
					p := p.(map[string]any)
					role, _ := p["role"].(string)
					k := 0
					for _, w := range strings.Fields(strings.ToLower(role)) {
						if !stop[w] {
							k++
						}
					}
					for i := range 2*k + extra {
						role += fmt.Sprintf(" zq%d", i)
					}
					p["role"] = role
				}
			}
		}
	}
}

// predsFromGold writes what a perfect extractor would: the first name, role,
// date and place listed for each person and meeting.
func predsFromGold(t *testing.T, goldPath string) []map[string]any {
	t.Helper()
	var g struct {
		Articles []struct {
			ID     string `json:"id"`
			People map[string]struct {
				Names   []string `json:"names"`
				Country *string  `json:"country"`
				Roles   []string `json:"roles"`
			} `json:"people"`
			Meetings []struct {
				Kind         string `json:"kind"`
				Status       string `json:"status"`
				Participants []struct {
					Who string `json:"who"`
				} `json:"participants"`
				Date     []*string `json:"date"`
				Location []*string `json:"location"`
			} `json:"meetings"`
		} `json:"articles"`
	}
	data, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	first := func(s []*string) any {
		if len(s) == 0 || s[0] == nil {
			return nil
		}
		return *s[0]
	}
	var lines []map[string]any
	for _, a := range g.Articles {
		var ms []any
		for _, m := range a.Meetings {
			var ps []any
			for _, p := range m.Participants {
				person := a.People[p.Who]
				var role any
				if len(person.Roles) > 0 {
					role = person.Roles[0]
				}
				ps = append(ps, map[string]any{"name": person.Names[0], "role": role, "country": person.Country})
			}
			ms = append(ms, map[string]any{"kind": m.Kind, "status": m.Status, "date": first(m.Date), "location": first(m.Location), "participants": ps})
		}
		lines = append(lines, map[string]any{"id": a.ID, "meetings": ms})
	}
	return lines
}

func parseLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

func clone(t *testing.T, lines []map[string]any) []map[string]any {
	t.Helper()
	b, err := json.Marshal(lines)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func writeLines(t *testing.T, path string, lines []map[string]any) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, l := range lines {
		if err := enc.Encode(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func meetings(line map[string]any) []map[string]any {
	var out []map[string]any
	ms, _ := line["meetings"].([]any)
	for _, m := range ms {
		out = append(out, m.(map[string]any))
	}
	return out
}

func participants(m map[string]any) []any {
	ps, _ := m["participants"].([]any)
	return ps
}

func toAny(ms []map[string]any) []any {
	out := make([]any, len(ms))
	for i, m := range ms {
		out[i] = m
	}
	return out
}

// sameNumbers wants the two JSON reports to have the same keys, the same
// nulls and numbers equal to 4 decimals.
func sameNumbers(t *testing.T, got, want string) {
	t.Helper()
	var g, w map[string]any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("dipgraph eval --json: %v: %s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("score.py --json: %v: %s", err, want)
	}
	var diffs []string
	var walk func(path string, g, w any)
	walk = func(path string, g, w any) {
		switch wv := w.(type) {
		case map[string]any:
			gv, ok := g.(map[string]any)
			if !ok || len(gv) != len(wv) {
				diffs = append(diffs, fmt.Sprintf("%s: %v, want %v", path, g, w))
				return
			}
			for k := range wv {
				walk(path+"."+k, gv[k], wv[k])
			}
		case float64:
			gv, ok := g.(float64)
			if !ok || math.Abs(gv-wv) >= 0.00005 {
				diffs = append(diffs, fmt.Sprintf("%s: %v, want %v", path, g, w))
			}
		default:
			if g != w {
				diffs = append(diffs, fmt.Sprintf("%s: %v, want %v", path, g, w))
			}
		}
	}
	walk("", g, w)
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("dipgraph eval and score.py disagree:\n%s\ndipgraph: %s\nscore.py: %s", strings.Join(diffs, "\n"), got, want)
	}
}
