package deploy

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

// root is the repository root, where the deployment files live.
const root = ".."

// loadCompose loads dir/docker-compose.yml the way `docker compose` does
// (interpolation, validation, consistency checks), with env as the only
// environment so the host's variables cannot change the result.
func loadCompose(t *testing.T, dir string, env ...string) (*types.Project, error) {
	t.Helper()
	opts, err := cli.NewProjectOptions(
		[]string{filepath.Join(dir, "docker-compose.yml")},
		cli.WithWorkingDirectory(dir),
		cli.WithEnv(env),
		cli.WithDiscardEnvFile,
	)
	if err != nil {
		t.Fatalf("compose options: %v", err)
	}
	return opts.LoadProject(context.Background())
}

func mustLoad(t *testing.T, env ...string) *types.Project {
	t.Helper()
	p, err := loadCompose(t, root, env...)
	if err != nil {
		t.Fatalf("load docker-compose.yml: %v", err)
	}
	return p
}

func service(t *testing.T, p *types.Project, name string) types.ServiceConfig {
	t.Helper()
	s, err := p.GetService(name)
	if err != nil {
		t.Fatalf("service %q: %v", name, err)
	}
	return s
}

func envValue(s types.ServiceConfig, name string) (string, bool) {
	v, ok := s.Environment[name]
	if !ok || v == nil {
		return "", false
	}
	return *v, true
}

func targets(s types.ServiceConfig) []uint32 {
	var ports []uint32
	for _, p := range s.Ports {
		ports = append(ports, p.Target)
	}
	return ports
}

func TestComposeNeo4jService(t *testing.T) {
	p := mustLoad(t)
	neo := service(t, p, "neo4j")

	if neo.Image != "neo4j:5.26-community" {
		t.Errorf("neo4j image = %q, want neo4j:5.26-community (the 5.26 LTS that scripts/neo4j-local runs)", neo.Image)
	}
	if neo.HealthCheck == nil || neo.HealthCheck.Disable || len(neo.HealthCheck.Test) == 0 {
		t.Fatalf("neo4j has no healthcheck: dipgraph's depends_on service_healthy would never be met")
	}
	if test := strings.Join(neo.HealthCheck.Test, " "); !strings.Contains(test, "7474") && !strings.Contains(test, "cypher-shell") {
		t.Errorf("neo4j healthcheck %q probes neither port 7474 nor cypher-shell", test)
	}
	for _, port := range []uint32{7474, 7687} {
		if !slices.Contains(targets(neo), port) {
			t.Errorf("neo4j does not publish container port %d (published: %v)", port, targets(neo))
		}
	}

	var data *types.ServiceVolumeConfig
	for i, v := range neo.Volumes {
		if v.Target == "/data" {
			data = &neo.Volumes[i]
		}
	}
	if data == nil {
		t.Fatal("neo4j has no volume at /data: the graph would be lost with the container")
	}
	if data.Type != types.VolumeTypeVolume {
		t.Errorf("neo4j /data is a %s mount, want a named volume", data.Type)
	}
	if _, ok := p.Volumes[data.Source]; !ok {
		t.Errorf("neo4j /data uses volume %q, not declared under top-level volumes (%v)", data.Source, p.VolumeNames())
	}
}

func TestComposeDipgraphService(t *testing.T) {
	p := mustLoad(t)
	app := service(t, p, "dipgraph")

	dep, ok := app.DependsOn["neo4j"]
	if !ok {
		t.Fatalf("dipgraph does not depend on neo4j (depends_on: %v)", app.DependsOn)
	}
	if dep.Condition != types.ServiceConditionHealthy {
		t.Errorf("dipgraph waits for neo4j condition %q, want %q", dep.Condition, types.ServiceConditionHealthy)
	}
	if uri, _ := envValue(app, "NEO4J_URI"); uri != "bolt://neo4j:7687" {
		t.Errorf("dipgraph NEO4J_URI = %q, want bolt://neo4j:7687", uri)
	}
	for _, name := range []string{"NEO4J_USERNAME", "NEO4J_PASSWORD"} {
		if v, ok := envValue(app, name); !ok || v == "" {
			t.Errorf("dipgraph %s is unset or empty", name)
		}
	}
	if _, ok := app.Environment["DIPGRAPH_API_KEY"]; !ok {
		t.Error("dipgraph does not pass DIPGRAPH_API_KEY through")
	}
	if !slices.Contains(targets(app), 8080) {
		t.Errorf("dipgraph does not publish port 8080 (published: %v)", targets(app))
	}
	cmd := strings.Join(app.Command, " ")
	if !strings.HasPrefix(cmd, "serve") || !strings.Contains(cmd, "0.0.0.0:8080") {
		t.Errorf("dipgraph command = %q, want serve listening on 0.0.0.0:8080", cmd)
	}
	if app.Build == nil {
		t.Fatal("dipgraph has no build section")
	}
	dockerfile := app.Build.Dockerfile
	if !filepath.IsAbs(dockerfile) {
		dockerfile = filepath.Join(app.Build.Context, dockerfile)
	}
	if _, err := os.Stat(dockerfile); err != nil {
		t.Errorf("dipgraph's Dockerfile: %v", err)
	}
}

// The password must reach both sides, or dipgraph cannot log in to Neo4j.
func TestComposePasswordReachesBothServices(t *testing.T) {
	for _, tc := range []struct {
		name, env, want string
	}{
		{"default", "", "dipgraph-dev-password"},
		{"from environment", "NEO4J_PASSWORD=s3cret-pass", "s3cret-pass"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var env []string
			if tc.env != "" {
				env = append(env, tc.env)
			}
			p := mustLoad(t, env...)
			auth, _ := envValue(service(t, p, "neo4j"), "NEO4J_AUTH")
			user, _ := envValue(service(t, p, "dipgraph"), "NEO4J_USERNAME")
			pass, _ := envValue(service(t, p, "dipgraph"), "NEO4J_PASSWORD")
			if auth != user+"/"+pass {
				t.Errorf("neo4j NEO4J_AUTH = %q but dipgraph logs in as %q/%q", auth, user, pass)
			}
			if pass != tc.want {
				t.Errorf("password = %q, want %q", pass, tc.want)
			}
		})
	}
}

// A broken compose file must fail to load, or the tests above prove nothing.
func TestComposeBrokenCopiesFail(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		old, new_ string
	}{
		{"not YAML", "services:", "services: ["},
		{"unknown service key", "    image: neo4j:5.26-community", "    imagee: neo4j:5.26-community"},
		{"dependency on a missing service", "      neo4j:\n        condition: service_healthy", "      graphdb:\n        condition: service_healthy"},
		{"undeclared named volume", "      - neo4j-data:/data", "      - neo4j-missing:/data"},
		{"bad depends_on condition", "condition: service_healthy", "condition: when_ready"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(good), tc.old) {
				t.Fatalf("docker-compose.yml no longer contains %q: update this case", tc.old)
			}
			dir := t.TempDir()
			broken := strings.Replace(string(good), tc.old, tc.new_, 1)
			if err := os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte(broken), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := loadCompose(t, dir); err == nil {
				t.Errorf("loading a compose file with a %s succeeded, want an error", tc.name)
			}
		})
	}
}

// instruction is one Dockerfile instruction with continuation lines joined.
type instruction struct {
	cmd  string // upper-cased: FROM, RUN, ...
	args string
}

func parseDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []instruction
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if more, ok := strings.CutSuffix(line, "\\"); ok {
			cur.WriteString(more + " ")
			continue
		}
		cur.WriteString(line)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDockerfileBuildsDipgraph(t *testing.T) {
	p := mustLoad(t)
	app := service(t, p, "dipgraph")
	if app.Build == nil {
		t.Fatal("dipgraph has no build section")
	}
	ins := parseDockerfile(t, filepath.Join(app.Build.Context, app.Build.Dockerfile))

	var froms []string
	var build string
	var final []instruction // instructions of the last stage
	for _, in := range ins {
		switch in.cmd {
		case "FROM":
			froms = append(froms, in.args)
			final = nil
		case "RUN":
			if strings.Contains(in.args, "go build") {
				build = in.args
			}
		}
		final = append(final, in)
	}
	if len(froms) < 2 {
		t.Fatalf("Dockerfile has %d stage(s), want a multi-stage build", len(froms))
	}
	if !strings.HasPrefix(froms[0], "golang:1.26") {
		t.Errorf("builder stage FROM %q, want golang:1.26", froms[0])
	}
	if last := froms[len(froms)-1]; !strings.Contains(last, "distroless") && !strings.Contains(last, "alpine") {
		t.Errorf("runtime stage FROM %q, want distroless or alpine", last)
	}
	if !strings.Contains(build, "./cmd/dipgraph") || !strings.Contains(build, "CGO_ENABLED=0") {
		t.Errorf("Dockerfile go build step %q does not build ./cmd/dipgraph with CGO_ENABLED=0", build)
	}
	if st, err := os.Stat(filepath.Join(app.Build.Context, "cmd", "dipgraph")); err != nil || !st.IsDir() {
		t.Errorf("the Dockerfile builds ./cmd/dipgraph, which is missing from the build context: %v", err)
	}
	var runs string
	for _, in := range final {
		if in.cmd == "ENTRYPOINT" || in.cmd == "CMD" {
			runs += in.args + " "
		}
	}
	if !strings.Contains(runs, "dipgraph") || !strings.Contains(runs, "serve") {
		t.Errorf("runtime stage runs %q, want dipgraph serve", runs)
	}
}

// .dockerignore must not hide what the build copies.
func TestDockerignoreKeepsSources(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	needed := []string{"go.mod", "go.sum", "cmd/dipgraph/main.go", "graph/graph.go"}
	for _, line := range strings.Split(string(data), "\n") {
		pat := strings.Trim(strings.TrimSpace(line), "/")
		if pat == "" || strings.HasPrefix(pat, "#") || strings.HasPrefix(pat, "!") {
			continue
		}
		for _, path := range needed {
			for p := path; p != "."; p = filepath.Dir(p) {
				if ok, _ := filepath.Match(strings.TrimPrefix(pat, "**/"), p); ok {
					t.Errorf(".dockerignore pattern %q excludes %s, which the build needs", line, path)
				}
			}
		}
	}
}
