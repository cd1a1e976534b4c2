package extract

import (
	"errors"
	"strings"
	"testing"
)

func TestReadArticles(t *testing.T) {
	big := `{"id":"big","text":"` + strings.Repeat("word ", MaxTextBytes/5+10) + `"}`
	in := strings.Join([]string{
		`{"id":"a","published":"2024-01-02","text":"Hello."}`,
		``,
		`{not json`,
		`{"id":"c","text":""}`,
		`{"text":"no id here"}`,
		big,
		"{\"id\":\"bin\",\"text\":\"x\"}\xff",
		`{"id":"last","text":"end"}`,
	}, "\n")
	type got struct {
		line int
		id   string
		err  error
	}
	var gots []got
	err := ReadArticles(strings.NewReader(in), "in.jsonl", func(line int, a Article, err error) error {
		gots = append(gots, got{line, a.ID, err})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line int
		id   string
		is   error
		bad  bool
	}{
		{1, "a", nil, false}, {3, "", nil, true}, {4, "c", ErrNoText, true}, {5, "in.jsonl:5", nil, false},
		{6, "big", ErrTooLarge, true}, {7, "", ErrBinary, true}, {8, "last", nil, false},
	}
	if len(gots) != len(want) {
		t.Fatalf("got %d calls, want %d: %+v", len(gots), len(want), gots)
	}
	for i, w := range want {
		g := gots[i]
		if g.line != w.line || g.id != w.id || (g.err != nil) != w.bad {
			t.Errorf("call %d = line %d id %q err %v, want line %d id %q bad %v", i, g.line, g.id, g.err, w.line, w.id, w.bad)
		}
		if w.is != nil && !errors.Is(g.err, w.is) {
			t.Errorf("line %d: error %v is not %v", w.line, g.err, w.is)
		}
		if g.err != nil && !strings.Contains(g.err.Error(), "in.jsonl:") {
			t.Errorf("line %d: error %q does not name the input", w.line, g.err)
		}
	}
}
