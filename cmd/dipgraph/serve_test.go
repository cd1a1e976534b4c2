package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// buildBinary compiles dipgraph once per test into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dipgraph")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// server is a running `dipgraph serve`.
type server struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string
	log  *syncBuffer
	done chan error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `dipgraph serve` on a free port with args and env, and
// waits until it logs that it listens and /healthz answers.
func startServe(t *testing.T, bin string, env []string, args ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = repoRoot(t)
	logs := &syncBuffer{}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = logs, io.MultiWriter(logs, pw)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, cmd: cmd, base: "http://" + addr, log: logs, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait(); pw.Close() }()
	t.Cleanup(func() { s.stop() })
	listening := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		once := false
		for sc.Scan() {
			if !once && strings.Contains(sc.Text(), "msg=listening") && strings.Contains(sc.Text(), "addr="+addr) {
				close(listening)
				once = true
			}
		}
	}()
	select {
	case <-listening:
	case err := <-s.done:
		t.Fatalf("dipgraph serve exited before listening: %v\n%s", err, logs.String())
	case <-time.After(2 * time.Minute):
		t.Fatalf("dipgraph serve did not log that it listens on %s:\n%s", addr, logs.String())
	}
	resp, err := http.Get(s.base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("/healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	return s
}

// stop ends the server with SIGTERM and returns its exit error.
func (s *server) stop() error {
	if s.cmd.ProcessState != nil {
		return nil
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		s.done <- err
		return err
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		return fmt.Errorf("no exit 30s after SIGTERM")
	}
}

func (s *server) post(path, ctype string, body []byte) (int, []byte, error) {
	resp, err := http.Post(s.base+path, ctype, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func (s *server) getJSON(path string, v any) {
	s.t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		s.t.Fatalf("GET %s: %d %v %s", path, resp.StatusCode, err, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		s.t.Fatalf("GET %s: %v\n%s", path, err, b)
	}
}

// corpus is the shared seed articles beside the repository, with the people
// who met Sosan; or, where they are absent, the invented examples and who
// met Alvarado.
func corpus(t *testing.T) (path, person string, want []string) {
	seeds := filepath.Join(repoRoot(t), "..", "shared", "corpus", "seeds.jsonl")
	if _, err := os.Stat(seeds); err == nil {
		return seeds, "Sosan", []string{"Amir Abdollahian", "Khaji", "Sobhani"}
	}
	return filepath.Join(repoRoot(t), "examples", "articles.jsonl"), "Alvarado", []string{"Halvorsen", "Brekke", "Solheim-Vik"}
}

// TestServeEndToEnd runs the built binary on each store: ingest the seed
// articles over HTTP, then ask who met Sosan two ways.
func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	t.Run("embedded", func(t *testing.T) {
		serveAndAsk(t, bin, []string{"NEO4J_URI="}, "--data", t.TempDir())
	})
	t.Run("neo4j", func(t *testing.T) {
		cfg := neo4jtest.Get(t)
		cfg.Wipe(t)
		serveAndAsk(t, bin, []string{"NEO4J_URI=" + cfg.URI, "NEO4J_USERNAME=" + cfg.Username,
			"NEO4J_PASSWORD=" + cfg.Password, "NEO4J_DATABASE=" + cfg.Database})
	})
}

// TestServeKeyAndJobs: --api-key guards writes, DIPGRAPH_API_KEY too, and
// --jobs shows its jobs on /v1/jobs.
func TestServeKeyAndJobs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	body, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for name, how := range map[string]struct{ env, args []string }{
		"flag": {[]string{"NEO4J_URI="}, []string{"--api-key", "k-flag", "--jobs", "examples/jobs.yaml"}},
		"env":  {[]string{"NEO4J_URI=", "DIPGRAPH_API_KEY=k-env"}, []string{"--jobs", "examples/jobs.yaml"}},
	} {
		t.Run(name, func(t *testing.T) {
			s := startServe(t, bin, how.env, append(how.args, "--data", t.TempDir())...)
			if code, _, err := s.post("/v1/articles", "application/x-ndjson", body); err != nil || code != 401 {
				t.Errorf("POST without the key: %d %v", code, err)
			}
			req, _ := http.NewRequest("POST", s.base+"/v1/articles", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/x-ndjson")
			req.Header.Set("Authorization", "Bearer k-"+name)
			resp, err := http.DefaultClient.Do(req)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("POST with the key: %v %v", resp, err)
			}
			resp.Body.Close()
			var jobs struct {
				Jobs []struct{ Name, Schedule string }
			}
			s.getJSON("/v1/jobs", &jobs)
			if len(jobs.Jobs) != 2 || jobs.Jobs[0].Name != "examples" || jobs.Jobs[0].Schedule != "@every 10m" {
				t.Errorf("/v1/jobs with examples/jobs.yaml: %+v", jobs.Jobs)
			}
			if err := s.stop(); err != nil {
				t.Errorf("stop: %v\n%s", err, s.log.String())
			}
		})
	}
}

func serveAndAsk(t *testing.T, bin string, env []string, args ...string) {
	s := startServe(t, bin, env, args...)
	path, who, want := corpus(t)
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	code, out, err := s.post("/v1/articles", "application/x-ndjson", body)
	if err != nil || code != 200 {
		t.Fatalf("POST %s: %d %v %s", path, code, err, out)
	}

	var page graph.PersonPage
	s.getJSON("/v1/people?q="+url.QueryEscape(who), &page)
	if len(page.People) == 0 {
		t.Fatalf("/v1/people?q=%s found nobody", who)
	}
	id := page.People[0].ID
	var cp struct{ Counterparts []graph.Counterpart }
	s.getJSON("/v1/people/"+url.PathEscape(id)+"/counterparts", &cp)
	var ask struct {
		Answer struct{ Counterparts []graph.Counterpart }
	}
	s.getJSON("/v1/ask?q="+url.QueryEscape("who met "+who), &ask)
	for name, cs := range map[string][]graph.Counterpart{"counterparts": cp.Counterparts, "ask": ask.Answer.Counterparts} {
		var got []string
		for _, c := range cs {
			got = append(got, c.Person.Name)
		}
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || strings.Contains(graph.Fold(g), graph.Fold(w))
			}
			if !found {
				t.Errorf("%s of %s (%s) = %q: %s missing", name, who, id, got, w)
			}
		}
	}

	// SIGTERM: a graceful stop, exit status 0.
	if err := s.stop(); err != nil {
		t.Errorf("dipgraph serve after SIGTERM: %v\n%s", err, s.log.String())
	}
	if !strings.Contains(s.log.String(), "msg=stopped") {
		t.Errorf("no graceful shutdown in the log:\n%s", s.log.String())
	}
}
