package extract

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// FuzzReadArticles feeds arbitrary bytes as JSON Lines: every non-blank
// line is reported once, in order, either as an article that passes
// CheckArticle or as an error naming the input and the line.
func FuzzReadArticles(f *testing.F) {
	f.Add([]byte(`{"id":"a","published":"2024-01-02","text":"Ilse Varga met Tomas Ek."}` + "\n\n" + `{"text":"x"}`))
	f.Add([]byte("{\"id\":\"b\",\"text\":\"\x00\"}\r\nnot json\n{\"id\": 3}"))
	f.Add([]byte(`{"id":"c","text":"` + strings.Repeat("word ", 100) + `"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := 0
		for _, l := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				want++
			}
		}
		got, last := 0, 0
		err := ReadArticles(bytes.NewReader(data), "fuzz.jsonl", func(line int, a Article, err error) error {
			got++
			if line <= last {
				return fmt.Errorf("line %d after line %d", line, last)
			}
			last = line
			if err != nil {
				if prefix := fmt.Sprintf("fuzz.jsonl:%d: ", line); !strings.HasPrefix(err.Error(), prefix) {
					return fmt.Errorf("error %q does not start with %q", err, prefix)
				}
				return nil
			}
			if a.ID == "" {
				return fmt.Errorf("line %d: article without an id", line)
			}
			return CheckArticle(a)
		})
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("%d lines reported, %d non-blank", got, want)
		}
	})
}
