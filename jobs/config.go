package jobs

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"

	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"
)

// Source types a job can read from.
const (
	TypeFolder = "folder" // a directory of .jsonl, .json, .txt and .html files
	TypeFeed   = "feed"   // RSS or Atom feeds; each item's link is fetched
	TypePage   = "page"   // single web pages
	TypeStdin  = "stdin"  // JSON Lines on standard input (jobs run only)
)

// Config is a jobs file.
type Config struct {
	Jobs []Job `yaml:"jobs"`
}

// Job is one scheduled ingest job.
type Job struct {
	Name     string       `yaml:"name"`     // unique; keys the job's state in the store
	Source   SourceConfig `yaml:"source"`   // where its articles come from
	Schedule string       `yaml:"schedule"` // cron expression (5 fields); "" = only by `dipgraph jobs run`
	Store    *StoreConfig `yaml:"store"`    // nil = the store of the command that runs the job
}

// SourceConfig says where a job reads.
type SourceConfig struct {
	Type string   `yaml:"type"` // TypeFolder, TypeFeed, TypePage or TypeStdin
	Path string   `yaml:"path"` // folder
	URL  string   `yaml:"url"`  // feed or page
	URLs []string `yaml:"urls"` // feed or page, several
}

// StoreConfig points a job at another store than the command's own.
type StoreConfig struct {
	Neo4jURI         string `yaml:"neo4j_uri"`          // Neo4j when set
	Neo4jUsername    string `yaml:"neo4j_username"`     // default neo4j
	Neo4jPasswordEnv string `yaml:"neo4j_password_env"` // name of the environment variable holding the password
	Neo4jDatabase    string `yaml:"neo4j_database"`
	Data             string `yaml:"data"` // embedded store directory, when no URI
}

// AllURLs is URL and URLs together.
func (s SourceConfig) AllURLs() []string {
	var out []string
	if s.URL != "" {
		out = append(out, s.URL)
	}
	return append(out, s.URLs...)
}

// LoadConfig reads and validates a jobs file.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read jobs config: %w", err)
	}
	cfg, err := ParseConfig(b)
	if err != nil {
		return nil, fmt.Errorf("jobs config %s: %w", path, err)
	}
	return cfg, nil
}

// ParseConfig decodes and validates a jobs file's contents. Unknown fields
// are errors, so a misspelt key does not silently do nothing.
func ParseConfig(b []byte) (*Config, error) {
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// Job returns the job called name.
func (c *Config) Job(name string) (Job, bool) {
	for _, j := range c.Jobs {
		if j.Name == name {
			return j, true
		}
	}
	return Job{}, false
}

// Validate reports every problem in the config, each naming the job and field.
func (c *Config) Validate() error {
	if len(c.Jobs) == 0 {
		return errors.New("no jobs: the file needs a top-level `jobs:` list")
	}
	var errs []error
	seen := map[string]bool{}
	for i, j := range c.Jobs {
		if j.Name != "" && seen[j.Name] {
			errs = append(errs, fmt.Errorf("job %q: name: used by another job", j.Name))
		}
		seen[j.Name] = true
		if err := j.Validate(); err != nil {
			if j.Name == "" {
				err = fmt.Errorf("jobs[%d]: %w", i, err)
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// cronParser reads the standard five-field cron syntax and descriptors such
// as @hourly or @every 10m.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Validate checks one job.
func (j Job) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("job %q: %s: %s", j.Name, field, fmt.Sprintf(format, args...)))
	}
	if j.Name == "" {
		bad("name", "required")
	}
	if j.Schedule != "" {
		if _, err := cronParser.Parse(j.Schedule); err != nil {
			bad("schedule", "%q is not a cron expression: %v", j.Schedule, err)
		}
	}
	s := j.Source
	switch s.Type {
	case TypeFolder:
		if s.Path == "" {
			bad("source.path", "required for a folder source")
		}
		if len(s.AllURLs()) > 0 {
			bad("source.url", "not used by a folder source")
		}
	case TypeFeed, TypePage:
		urls := s.AllURLs()
		if len(urls) == 0 {
			bad("source.url", "a %s source needs url or urls", s.Type)
		}
		for _, u := range urls {
			pu, err := url.Parse(u)
			if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
				bad("source.url", "%q is not an http(s) URL", u)
			}
		}
		if s.Path != "" {
			bad("source.path", "not used by a %s source", s.Type)
		}
	case TypeStdin:
		if j.Schedule != "" {
			bad("schedule", "a stdin job cannot be scheduled; run it with `dipgraph jobs run`")
		}
	case "":
		bad("source.type", "required: one of folder, feed, page, stdin")
	default:
		bad("source.type", "%q is not one of folder, feed, page, stdin", s.Type)
	}
	if st := j.Store; st != nil && st.Neo4jURI == "" && st.Data == "" {
		bad("store", "set neo4j_uri or data (or leave store out to use the command's store)")
	}
	return errors.Join(errs...)
}
