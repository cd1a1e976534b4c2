package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/dipgraph/dipgraph/docs"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// TestWhoMetInNeo4jBrowser is the end-to-end check of the analyst's first
// contact: Neo4j Browser (served by the local Neo4j) connects to the Bolt
// port without authentication, takes the style sheet with :style, runs the
// cookbook's "who met" query with its :param, and shows the expected people
// in the table, coloured by country in the graph. It saves a screenshot and
// logs its path. Nothing here measures time: the waits are generous limits.
func TestWhoMetInNeo4jBrowser(t *testing.T) {
	tc := neo4jtest.Get(t)
	httpURL := strings.TrimRight(os.Getenv("NEO4J_HTTP"), "/")
	if httpURL == "" {
		t.Skip("NEO4J_HTTP is not set: it is the Neo4j HTTP address serving /browser/; `scripts/neo4j-local env` prints it (scripts/test exports it)")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if _, serr := os.Stat("/usr/bin/chromium"); serr != nil {
			t.Skip("chromium not found (apt-get install -y chromium; .ci/run installs it)")
		}
		chromium = "/usr/bin/chromium"
	}
	cfg := neo4j.Config{URI: tc.URI, Username: tc.Username, Password: tc.Password, Database: tc.Database}
	if tc.Password != "" {
		t.Skip("the Browser check connects without authentication; NEO4J_PASSWORD is set")
	}

	// The data: the seed corpus when it is beside the repository, else the
	// shipped sample, ingested as a user would. The labels the style sheet
	// colours by come from the ingest itself, not from the cookbook.
	recipes, err := docs.Cookbook()
	if err != nil {
		t.Fatal(err)
	}
	whoMet := find(t, recipes, "Who met")
	root := filepath.Dir(docs.Dir())
	ctx := context.Background()
	params, want := whoMet.Params, whoMet.Expect
	data := filepath.Join(root, "examples", "articles.jsonl")
	if seeds := filepath.Join(root, "..", "shared", "corpus", "seeds.jsonl"); exists(seeds) {
		data, params, want = seeds, whoMet.SeedParamsMerged(), whoMet.SeedExpect
	}
	if err := docs.Load(ctx, cfg, data); err != nil {
		t.Fatal(err)
	}
	t.Logf("data: %s; %s with %v", filepath.Base(data), whoMet.Title, params)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(1600, 1100))
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first action starts chromium; it gets no deadline (a deadline on
	// it would bound the whole browser's life).
	browserURL := httpURL + "/browser/?preselectAuthMethod=NO_AUTH&connectURL=" + tc.URI
	if err := chromedp.Do(bctx, chromedp.Navigate(browserURL)); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) || strings.Contains(err.Error(), "exec") || strings.Contains(err.Error(), "chrome") {
			t.Skipf("chromium (%s) could not start: %v", chromium, err)
		}
		t.Fatalf("open %s: %v", browserURL, err)
	}
	shot := func() {
		buf, err := chromedp.Run(bctx, chromedp.FullScreenshot(90))
		if err != nil {
			t.Logf("screenshot: %v", err)
			return
		}
		dir := os.Getenv("DIPGRAPH_ARTIFACTS")
		if dir == "" {
			dir = os.TempDir()
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Logf("screenshot: %v", err)
			return
		}
		path := filepath.Join(dir, "dipgraph-neo4j-browser-who-met.jpg")
		if err := os.WriteFile(path, buf, 0o644); err != nil {
			t.Logf("screenshot: %v", err)
			return
		}
		t.Logf("screenshot: %s", path)
		fmt.Printf("screenshot: %s\n", path)
	}
	defer shot()

	step := func(what string, limit time.Duration, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(bctx, limit)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v\npage text:\n%s", what, err, pageText(bctx))
		}
	}
	// Connected: with auth disabled on the server the Browser connects to
	// connectURL by itself and says so in a frame.
	step("connect to "+tc.URI, 2*time.Minute, waitJS(`document.body.innerText.includes('Connected to Neo4j')`))

	run := func(command, doneJS string) {
		t.Helper()
		step("type "+firstLine(command), 2*time.Minute,
			chromedp.WaitVisible(`[data-testid="activeEditor"] textarea`),
			chromedp.Focus(`[data-testid="activeEditor"] textarea`),
			// insertText, not key presses: the editor would auto-close
			// brackets and quotes typed one by one.
			insertText(command))
		step("run "+firstLine(command), 2*time.Minute,
			chromedp.Click(`[data-testid="editor-Run"]`),
			waitJS(doneJS))
	}
	rules := docs.ParseGrass(docs.Grass())
	firstFrame := `document.querySelector('[data-testid="stream"] [data-testid="frame"]')`
	// The style sheet: an analyst drops docs/dipgraph.grass on the :style
	// frame; Browser keeps the parsed sheet in its local storage. Pasting
	// 250 rules into the editor freezes it, and a file drop cannot be
	// synthesised reliably, so the test stores the parsed sheet where the
	// drop puts it (selector -> properties, as Browser's parser makes it),
	// reloads, and checks that :style shows it.
	sheet, err := json.Marshal(sheetObject(rules))
	if err != nil {
		t.Fatal(err)
	}
	step("store the style sheet", time.Minute,
		chromedp.Evaluate[chromedp.Void](`localStorage.setItem('neo4j.grass', `+strconv.Quote(string(sheet))+`)`),
		chromedp.Reload(),
		waitJS(`document.body.innerText.includes('Connected to Neo4j')`))
	run(":style", firstFrame+`?.innerText.includes('node.Person.IR')`)
	for _, p := range params {
		cmd := ":param " + p.Name + " => " + p.Expr
		run(cmd, firstFrame+`?.innerText.includes('Successfully set your parameter')`)
	}
	run(whoMet.Query, firstFrame+`?.querySelector('[data-testid="cypherFrameSidebarTable"]') != null && `+
		firstFrame+`.querySelector('svg g.node') != null`)

	// The graph: people's circles carry the colours the style sheet gives
	// their country.
	fills, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(`+firstFrame+
		`.querySelectorAll('svg g.node circle.b-outline')).map(c => (c.getAttribute('fill') || '').toUpperCase())`))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range want {
		if len(row) < 2 {
			continue
		}
		colour := strings.ToUpper(docs.Style(rules, "node", "Person", row[1])["color"])
		if !contains(fills, colour) {
			t.Errorf("no person drawn in %s's colour %s (fills %v)", row[1], colour, fills)
		}
	}

	// The table: every expected name.
	step("table view", time.Minute,
		chromedp.Click(`[data-testid="stream"] [data-testid="frame"] [data-testid="cypherFrameSidebarTable"]`),
		waitJS(firstFrame+`.querySelector('table') != null || `+firstFrame+`.innerText.includes('"name"')`))
	table, err := chromedp.Run(bctx, chromedp.Evaluate[string](firstFrame+`.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("the cookbook gives no expected rows for who met")
	}
	for _, row := range want {
		if !strings.Contains(table, row[0]) {
			t.Errorf("Browser's table lacks %q:\n%s", row[0], table)
		}
	}
}

// sheetObject is the sheet as Browser stores it: selector -> properties.
func sheetObject(rules []docs.GrassRule) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, r := range rules {
		out[r.Selector] = r.Props
	}
	return out
}

func find(t *testing.T, rs []docs.Recipe, title string) docs.Recipe {
	t.Helper()
	for _, r := range rs {
		if strings.Contains(r.Title, title) {
			return r
		}
	}
	t.Fatalf("docs/cypher.md has no %q query", title)
	return docs.Recipe{}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func insertText(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
		return err
	})
}

// waitJS polls a JavaScript condition until it holds.
func waitJS(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool]("Boolean("+cond+")", chromedp.WithPollingInterval(250*time.Millisecond))(ctx, t)
		return err
	})
}

func pageText(ctx context.Context) string {
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	if len(s) > 3000 {
		s = s[:3000]
	}
	return s
}
