package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The README is the user's manual; these tests run what it says so it
// cannot rot. Every ```sh block in README.md carries a marker comment on the
// line before it saying how it is checked:
//
//	<!-- readme:serve -->    the start command, run in the background
//	<!-- readme:session -->  run against that server; the output must name who met whom
//	<!-- readme:run -->      run as is from the repository root; must succeed
//	<!-- readme:ci -->       the test command: .ci/run must call exactly it
//	<!-- readme:neo4j -->    needs Java and Maven; run when they are present
//	<!-- readme:docker -->   needs a Docker engine; docker-compose.yml is validated by package deploy instead

type readmeBlock struct {
	kind string
	body string
	line int
}

func readmeBlocks(t *testing.T) []readmeBlock {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	marker := regexp.MustCompile(`^<!-- readme:([a-z0-9-]+) -->$`)
	var blocks []readmeBlock
	var kind, body string
	in := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case in && line == "```":
			blocks = append(blocks, readmeBlock{kind: kind, body: body, line: n})
			in, kind, body = false, "", ""
		case in:
			body += line + "\n"
		case line == "```sh":
			if kind == "" {
				t.Errorf("README.md:%d: sh block without a <!-- readme:KIND --> marker saying how it is tested", n)
			}
			in = true
		case marker.MatchString(line):
			kind = marker.FindStringSubmatch(line)[1]
		case strings.TrimSpace(line) != "":
			kind = ""
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return blocks
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestReadmeTestCommandIsCI(t *testing.T) {
	ci, err := os.ReadFile(filepath.Join(repoRoot(t), ".ci/run"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range readmeBlocks(t) {
		if b.kind != "ci" {
			continue
		}
		found = true
		cmd := strings.TrimSpace(b.body)
		ok := false
		for _, l := range strings.Split(string(ci), "\n") {
			ok = ok || strings.TrimSpace(l) == cmd
		}
		if !ok {
			t.Errorf(".ci/run does not call the README's test command %q", cmd)
		}
	}
	if !found {
		t.Error("README.md has no test command (<!-- readme:ci --> block)")
	}
}

func TestReadmeKnownKinds(t *testing.T) {
	known := map[string]bool{"serve": true, "session": true, "run": true, "ci": true, "neo4j": true, "docker": true}
	for _, b := range readmeBlocks(t) {
		if !known[b.kind] {
			t.Errorf("README.md:%d: unknown block kind %q", b.line, b.kind)
		}
	}
}

// TestReadmeSession starts the service exactly as the README says (on a free
// port and a fresh data directory), runs the curl session and checks the
// answer names the people the sample articles say met.
func TestReadmeSession(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the service with go run")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl not installed")
	}
	root := repoRoot(t)
	addr := freeAddr(t)
	var serve, session []string
	for _, b := range readmeBlocks(t) {
		switch b.kind {
		case "serve":
			serve = append(serve, b.body)
		case "session":
			session = append(session, b.body)
		}
	}
	if len(serve) != 1 || len(session) == 0 {
		t.Fatalf("README.md needs one serve block and a session; found %d and %d", len(serve), len(session))
	}
	sub := func(s string) string { return strings.ReplaceAll(s, "127.0.0.1:8080", addr) }

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	srv := exec.CommandContext(ctx, "bash", "-c", "exec "+strings.TrimSpace(sub(serve[0])))
	srv.Dir = root
	srv.Env = append(os.Environ(), "DIPGRAPH_DATA="+t.TempDir(), "NEO4J_URI=")
	srv.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	logf, err := os.Create(filepath.Join(t.TempDir(), "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	srv.Stdout, srv.Stderr = logf, logf
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = syscall.Kill(-srv.Process.Pid, syscall.SIGTERM)
		_ = srv.Wait()
	}()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			out, _ := os.ReadFile(logf.Name())
			t.Fatalf("the README's serve command did not answer /healthz on %s: %v\n%s", addr, err, out)
		}
		time.Sleep(300 * time.Millisecond)
	}
	cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", sub(strings.Join(session, "")))
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("README session failed: %v\n%s", err, out)
	}
	for _, want := range []string{"Halvorsen", "Brekke", "Solheim-Vik"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("README session output does not name %s:\n%s", want, out)
		}
	}
}

// TestReadmeRunBlocks runs the README's plain commands from the repository root.
func TestReadmeRunBlocks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run")
	}
	root := repoRoot(t)
	for _, b := range readmeBlocks(t) {
		if b.kind != "run" {
			continue
		}
		t.Run(fmt.Sprintf("line%d", b.line), func(t *testing.T) {
			cmd := exec.Command("bash", "-euo", "pipefail", "-c", b.body)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "DIPGRAPH_DATA="+t.TempDir(), "NEO4J_URI=")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("README.md:%d failed: %v\n%s", b.line, err, out)
			}
			if len(strings.TrimSpace(string(out))) == 0 {
				t.Errorf("README.md:%d printed nothing", b.line)
			}
		})
	}
}

// TestReadmeNeo4jBlocks runs the README's Neo4j commands against a
// throwaway local Neo4j of their own (another state directory and ports),
// where Java and Maven are present and NEO4J_LOCAL_SELFTEST=1 (scripts/test
// sets it then).
func TestReadmeNeo4jBlocks(t *testing.T) {
	if os.Getenv("NEO4J_LOCAL_SELFTEST") != "1" {
		t.Skip("set NEO4J_LOCAL_SELFTEST=1 (scripts/test does, where Java and Maven are present) to run the README's Neo4j commands")
	}
	for _, tool := range []string{"java", "mvn"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed: the README's Neo4j commands need it", tool)
		}
	}
	root := repoRoot(t)
	for _, b := range readmeBlocks(t) {
		if b.kind != "neo4j" {
			continue
		}
		t.Run(fmt.Sprintf("line%d", b.line), func(t *testing.T) {
			_, bolt, _ := net.SplitHostPort(freeAddr(t))
			_, web, _ := net.SplitHostPort(freeAddr(t))
			// Whatever the block does, its Neo4j is stopped afterwards.
			script := "trap 'scripts/neo4j-local stop >/dev/null 2>&1 || true' EXIT\n" + b.body
			cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "NEO4J_URI=", "NEO4J_LOCAL_DIR="+t.TempDir(),
				"NEO4J_LOCAL_BOLT_PORT="+bolt, "NEO4J_LOCAL_HTTP_PORT="+web, "DIPGRAPH_DATA="+t.TempDir())
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("README.md:%d failed: %v\n%s", b.line, err, out)
			}
			if !strings.Contains(string(out), "bolt://127.0.0.1:"+bolt) {
				t.Errorf("README.md:%d: output does not show the Neo4j it started (bolt port %s):\n%s", b.line, bolt, out)
			}
		})
	}
}
