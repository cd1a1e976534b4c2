package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var script = filepath.Join(root, "scripts", "neo4j-local")

// runScript runs scripts/neo4j-local with the given environment added and
// returns its stdout, stderr and exit code.
func runScript(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, script, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("run %s %v: %v", script, args, err)
	}
	return out.String(), errb.String(), code
}

// The script's argument and state handling, which needs neither Java nor a
// running server.
func TestNeo4jLocalCommandLine(t *testing.T) {
	for _, tc := range []struct {
		name     string
		env      []string
		args     []string
		wantCode int
		wantOut  string // in stdout+stderr
	}{
		{"unknown command", nil, []string{"launch"}, 2, "unknown command 'launch'"},
		{"no command", nil, nil, 2, "NEO4J_LOCAL_DIR"},
		{"unknown flag", nil, []string{"start", "--detach"}, 2, "unknown argument '--detach'"},
		{"extra argument", nil, []string{"stop", "now"}, 2, "stop takes no arguments"},
		{"status when never started", nil, []string{"status"}, 1, "not running"},
		{"stop when not running is fine", nil, []string{"stop"}, 0, "not running"},
		{"env when not running says how to start", nil, []string{"env"}, 1, "neo4j-local start"},
		{"bad bolt port", []string{"NEO4J_LOCAL_BOLT_PORT=99999"}, []string{"start"}, 1, "NEO4J_LOCAL_BOLT_PORT"},
		{"non-numeric http port", []string{"NEO4J_LOCAL_HTTP_PORT=http"}, []string{"status"}, 1, "bad port 'http'"},
		{"same port twice", []string{"NEO4J_LOCAL_BOLT_PORT=17000", "NEO4J_LOCAL_HTTP_PORT=17000"}, []string{"start"}, 1, "both 17000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := append([]string{"NEO4J_LOCAL_DIR=" + t.TempDir()}, tc.env...)
			out, errOut, code := runScript(t, env, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out, errOut)
			}
			if !strings.Contains(out+errOut, tc.wantOut) {
				t.Errorf("output does not mention %q\nstdout: %s\nstderr: %s", tc.wantOut, out, errOut)
			}
		})
	}
}

// A stale pid file (a crashed server) must not make status claim it runs.
func TestNeo4jLocalStalePidFile(t *testing.T) {
	dir := t.TempDir()
	// Our own pid: alive, but not a neo4j-local JVM for this directory.
	if err := os.WriteFile(filepath.Join(dir, "neo4j.pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"NEO4J_LOCAL_DIR=" + dir}
	if out, errOut, code := runScript(t, env, "status"); code != 1 {
		t.Errorf("status with a stale pid file: exit %d, want 1\n%s%s", code, out, errOut)
	}
	if _, errOut, code := runScript(t, env, "stop"); code != 0 {
		t.Errorf("stop with a stale pid file: exit %d, want 0\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "neo4j.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stop left the stale pid file (stat: %v)", err)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func parseEnvLines(s string) map[string]string {
	vars := map[string]string{}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "export ")
		if k, v, ok := strings.Cut(line, "="); ok {
			vars[k] = v
		}
	}
	return vars
}

func portOpen(port int) bool {
	c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// cypher runs one parameterised statement through the Go driver, with the
// credentials the script exports (auth is off, so they are accepted as is).
func cypher(t *testing.T, vars map[string]string, query string, params map[string]any) []*neo4j.Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	driver, err := neo4j.NewDriverWithContext(vars["NEO4J_URI"], neo4j.BasicAuth(vars["NEO4J_USERNAME"], vars["NEO4J_PASSWORD"], ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, driver, query, params, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return res.Records
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	return string(body)
}

// TestNeo4jLocalEndToEnd starts a second, independent server on free ports
// in a temporary directory, queries it over Bolt and HTTP, checks that start
// is idempotent, stops it, and restarts it to see the data kept. Slow (two
// JVM starts, and a Maven build the first time), so opt-in:
//
//	NEO4J_LOCAL_SELFTEST=1 go test -run Neo4jLocalEndToEnd -v ./deploy/
func TestNeo4jLocalEndToEnd(t *testing.T) {
	if os.Getenv("NEO4J_LOCAL_SELFTEST") != "1" {
		t.Skip("slow (starts a second Neo4j): run with NEO4J_LOCAL_SELFTEST=1")
	}
	dir := t.TempDir()
	bolt, httpPort := freePort(t), freePort(t)
	env := []string{
		"NEO4J_LOCAL_DIR=" + dir,
		fmt.Sprintf("NEO4J_LOCAL_BOLT_PORT=%d", bolt),
		fmt.Sprintf("NEO4J_LOCAL_HTTP_PORT=%d", httpPort),
		"NEO4J_LOCAL_HEAP=512m",
	}
	// Registered after TempDir, so it runs before the directory is removed.
	t.Cleanup(func() { runScript(t, env, "stop") })

	out, errOut, code := runScript(t, env, "start")
	if code != 0 {
		t.Fatalf("start: exit %d\n%s\n%s", code, out, errOut)
	}
	vars := parseEnvLines(out)
	if want := fmt.Sprintf("bolt://127.0.0.1:%d", bolt); vars["NEO4J_URI"] != want {
		t.Fatalf("start printed NEO4J_URI=%q, want %q\n%s", vars["NEO4J_URI"], want, out)
	}
	httpURL := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	if vars["NEO4J_HTTP"] != httpURL {
		t.Errorf("start printed NEO4J_HTTP=%q, want %q", vars["NEO4J_HTTP"], httpURL)
	}

	// Bolt, through the Go driver.
	token := fmt.Sprintf("selftest-%d", time.Now().UnixNano())
	cypher(t, vars, "CREATE (:SelfTest {token: $token})", map[string]any{"token": token})
	recs := cypher(t, vars, "MATCH (n:SelfTest {token: $token}) RETURN count(n) AS n", map[string]any{"token": token})
	if n, _ := recs[0].Get("n"); n != int64(1) {
		t.Errorf("count of the node just created = %v, want 1", n)
	}
	recs = cypher(t, vars, "CALL dbms.components() YIELD versions RETURN versions[0] AS v", nil)
	if v, _ := recs[0].Get("v"); !strings.HasPrefix(fmt.Sprint(v), "5.26.") {
		t.Errorf("server version %v, want 5.26.x", v)
	}

	// HTTP: the transactional endpoint and Neo4j Browser.
	body, err := json.Marshal(map[string]any{"statements": []map[string]any{{
		"statement": "MATCH (n:SelfTest {token: $token}) RETURN n.token AS t", "parameters": map[string]any{"token": token},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(httpURL+"/db/neo4j/tx/commit", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	txBody, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(txBody), `"row":["`+token+`"]`) {
		t.Errorf("HTTP tx/commit answered %s, want a row with %q", txBody, token)
	}
	if page := httpGet(t, httpURL+"/browser/"); !strings.Contains(page, "<title>Neo4j Browser</title>") {
		t.Errorf("/browser/ does not serve Neo4j Browser: %.200s", page)
	}

	// Idempotent: a second start finds the server and prints the same env.
	statusBefore, _, _ := runScript(t, env, "status")
	again, errOut, code := runScript(t, env, "start")
	if code != 0 || again != out {
		t.Errorf("second start: exit %d, printed %q, want 0 and %q\n%s", code, again, out, errOut)
	}
	if statusAfter, _, _ := runScript(t, env, "status"); statusAfter != statusBefore {
		t.Errorf("second start changed the server: status %q, then %q", statusBefore, statusAfter)
	}
	exports, _, code := runScript(t, env, "env")
	if code != 0 || !strings.Contains(exports, "export NEO4J_URI="+vars["NEO4J_URI"]+"\n") {
		t.Errorf("env: exit %d, printed %q", code, exports)
	}

	stop := func() {
		t.Helper()
		if _, errOut, code := runScript(t, env, "stop"); code != 0 {
			t.Fatalf("stop: exit %d\n%s", code, errOut)
		}
		if _, _, code := runScript(t, env, "status"); code != 1 {
			t.Errorf("status after stop: exit %d, want 1", code)
		}
		for _, p := range []int{bolt, httpPort} {
			if portOpen(p) {
				t.Errorf("port %d still open after stop", p)
			}
		}
	}
	stop()

	// The data lives in the state directory, so it outlives a restart.
	if out, errOut, code := runScript(t, env, "start"); code != 0 {
		t.Fatalf("restart: exit %d\n%s\n%s", code, out, errOut)
	}
	recs = cypher(t, vars, "MATCH (n:SelfTest {token: $token}) RETURN count(n) AS n", map[string]any{"token": token})
	if n, _ := recs[0].Get("n"); n != int64(1) {
		t.Errorf("after restart, count = %v, want 1 (data not kept in %s)", n, dir)
	}
	stop()
}
