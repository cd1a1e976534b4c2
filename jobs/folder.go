package jobs

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/jobs/htmlpage"
)

// folderSource reads a directory tree of .jsonl, .json, .txt and .html
// files. A file whose size and modification time match those recorded after
// its last complete read is not opened again; the per-item state is the real
// guard against ingesting twice.
type folderSource struct {
	dir  string
	seen func(ctx context.Context, key string) (string, bool, error)
}

func (s *folderSource) Name() string { return "folder " + s.dir }

func (s *folderSource) Fetch(ctx context.Context, emit func(Item) error) error {
	if _, err := os.Stat(s.dir); err != nil {
		return fmt.Errorf("folder: %w", err)
	}
	return filepath.WalkDir(s.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// An unreadable subdirectory is one failed item, not the end of the run.
			return emit(Item{Key: path, Group: path, Err: err})
		}
		if strings.HasPrefix(d.Name(), ".") && path != s.dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !readable(path) {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.dir, path)
		rel = filepath.ToSlash(rel)
		info, err := d.Info()
		if err != nil {
			return emit(Item{Key: rel, Group: rel, Err: err})
		}
		stamp := fmt.Sprintf("%d|%d", info.Size(), info.ModTime().UnixNano())
		stampKey := prefixFile + rel
		if old, ok, err := s.seen(ctx, stampKey); err != nil {
			return err
		} else if ok && old == stamp {
			return nil
		}
		if err := readFile(path, rel, emit); err != nil {
			return err
		}
		return emit(Item{Group: rel, Checkpoint: true, Marks: []Mark{{Key: stampKey, Value: stamp}}})
	})
}

func readable(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".json", ".txt", ".html", ".htm":
		return true
	}
	return false
}

// readFile emits the articles of one file; rel names it in keys and errors.
// Only emit's error is returned: a bad file is a failed item.
func readFile(path, rel string, emit func(Item) error) error {
	f, err := os.Open(path)
	if err != nil {
		return emit(Item{Key: rel, Group: rel, Err: err})
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl":
		return readJSONL(f, rel, emit)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return emit(Item{Key: rel, Group: rel, Err: err})
	}
	fileKey := "path:" + rel
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		b = bytes.TrimSpace(b)
		var arts []extract.Article
		if len(b) > 0 && b[0] == '[' {
			err = json.Unmarshal(b, &arts)
		} else {
			var a extract.Article
			err = json.Unmarshal(b, &a)
			arts = []extract.Article{a}
		}
		if err != nil {
			return emit(Item{Key: rel, Group: rel, Err: fmt.Errorf("%s: %w", rel, err)})
		}
		for i, a := range arts {
			key := ""
			if len(arts) == 1 {
				key = fileKey
			}
			if err := emit(articleItem(a, rel, key, fmt.Sprintf("%s[%d]", rel, i))); err != nil {
				return err
			}
		}
		return nil
	case ".txt":
		text := strings.TrimSpace(string(b))
		a := extract.Article{Text: text}
		if first, rest, ok := strings.Cut(text, "\n"); ok && len(first) < 200 && strings.TrimSpace(rest) != "" {
			a.Title = strings.TrimSpace(first)
		}
		return emit(articleItem(a, rel, fileKey, rel))
	default: // .html, .htm
		a, err := htmlpage.Parse(b, "")
		if err != nil {
			return emit(Item{Key: fileKey, Group: rel, Err: fmt.Errorf("%s: %w", rel, err)})
		}
		return emit(articleItem(a, rel, fileKey, rel))
	}
}

// articleItem checks an article read from a file; where names it in errors.
func articleItem(a extract.Article, group, fallbackKey, where string) Item {
	if strings.TrimSpace(a.Text) == "" {
		return Item{Key: firstNonEmpty(a.URL, a.ID, fallbackKey, where), Group: group, Err: fmt.Errorf("%s: %w", where, htmlpage.ErrNoText)}
	}
	return newItem(a, group, fallbackKey)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// readJSONL emits one item per line of r; name labels errors ("file:line").
func readJSONL(r io.Reader, name string, emit func(Item) error) error {
	br := bufio.NewReader(r)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			where := fmt.Sprintf("%s:%d", name, line)
			var a extract.Article
			it := Item{}
			if uerr := json.Unmarshal(b, &a); uerr != nil {
				it = Item{Key: where, Group: name, Err: fmt.Errorf("%s: %w", where, uerr)}
			} else {
				it = articleItem(a, name, "", where)
			}
			if eerr := emit(it); eerr != nil {
				return eerr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return emit(Item{Key: name, Group: name, Err: fmt.Errorf("%s: read: %w", name, err)})
		}
	}
}

// readerSource reads JSON Lines from a stream, e.g. standard input.
type readerSource struct {
	name string
	r    io.Reader
}

func (s *readerSource) Name() string { return s.name }

func (s *readerSource) Fetch(ctx context.Context, emit func(Item) error) error {
	return readJSONL(s.r, s.name, emit)
}
