package jobs

import (
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	good := `
jobs:
  - name: wire
    source: {type: feed, urls: [https://example.org/a.rss, https://example.org/b.atom]}
    schedule: "*/15 * * * *"
  - name: inbox
    source: {type: folder, path: /tmp/inbox}
    schedule: "@every 5m"
  - name: piped
    source: {type: stdin}
  - name: other-store
    source: {type: page, url: https://example.org/x.html}
    store: {data: /tmp/other}
`
	cfg, err := ParseConfig([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if j, ok := cfg.Job("wire"); !ok || len(j.Source.AllURLs()) != 2 || j.Schedule != "*/15 * * * *" {
		t.Errorf("wire = %+v", j)
	}
	if j, _ := cfg.Job("other-store"); j.Store == nil || j.Store.Data != "/tmp/other" {
		t.Errorf("other-store = %+v", j)
	}

	for _, tc := range []struct{ name, yaml, want string }{
		{"empty", `jobs: []`, "no jobs"},
		{"unknown field", "jobs:\n  - name: a\n    sorce: {type: stdin}", "field sorce not found"},
		{"no name", "jobs:\n  - source: {type: stdin}", `jobs[0]: job "": name: required`},
		{"duplicate", "jobs:\n  - {name: a, source: {type: stdin}}\n  - {name: a, source: {type: stdin}}", `job "a": name: used by another job`},
		{"bad type", "jobs:\n  - {name: a, source: {type: ftp}}", `job "a": source.type: "ftp" is not one of`},
		{"no type", "jobs:\n  - {name: a, source: {}}", `job "a": source.type: required`},
		{"folder without path", "jobs:\n  - {name: a, source: {type: folder}}", `job "a": source.path: required`},
		{"feed without url", "jobs:\n  - {name: a, source: {type: feed}}", `job "a": source.url: a feed source needs url or urls`},
		{"bad url", "jobs:\n  - {name: a, source: {type: page, url: 'ftp://x/y'}}", `job "a": source.url: "ftp://x/y" is not an http(s) URL`},
		{"bad cron", "jobs:\n  - {name: a, schedule: 'every tuesday', source: {type: folder, path: x}}", `job "a": schedule: "every tuesday" is not a cron expression`},
		{"scheduled stdin", "jobs:\n  - {name: a, schedule: '@hourly', source: {type: stdin}}", `job "a": schedule: a stdin job cannot be scheduled`},
		{"empty store", "jobs:\n  - {name: a, source: {type: stdin}, store: {neo4j_database: x}}", `job "a": store: set neo4j_uri or data`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// Every problem is reported, not only the first.
func TestValidateReportsAllProblems(t *testing.T) {
	_, err := ParseConfig([]byte("jobs:\n  - {name: a, source: {type: folder}}\n  - {name: b, schedule: x, source: {type: feed}}"))
	for _, want := range []string{`job "a": source.path`, `job "b": schedule`, `job "b": source.url`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to contain %q", err, want)
		}
	}
}
