package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
)

// Source produces a job's items. Fetch calls emit once per item, in order;
// an item that cannot be read is emitted with Err set so the run counts it
// and goes on. Fetch returns an error only when the whole source failed
// (feed unreachable, folder missing) or emit returned one (the run was
// cancelled).
type Source interface {
	Name() string
	Fetch(ctx context.Context, emit func(Item) error) error
}

// Item is one article from a source, or a checkpoint.
type Item struct {
	Key     string          // stable across runs: URL, else article id, else text hash (or file path)
	Hash    string          // content hash; a changed hash means re-extract
	Article extract.Article // with ID derived stably from Key when the source has none
	Group   string          // the file or feed it came from
	Err     error           // the item could not be read: counted as failed, not marked

	// Unchanged is a conditional GET answered 304: skipped without a look
	// at the store.
	Unchanged bool
	// Marks are job-state entries to record once the item is stored (or
	// found unchanged): HTTP validators.
	Marks []Mark
	// Checkpoint items (Key == "") carry Marks to record only if every item
	// of Group before it succeeded: a folder file's size and mtime, a feed's
	// validators. A failed item thus keeps its file or feed from being
	// skipped next time, and it is retried.
	Checkpoint bool
}

// Mark is a job-state entry kept with graph.JobState.MarkItem under a
// prefixed key (see the package doc).
type Mark struct{ Key, Value string }

// Key prefixes for job state that is not an item.
const (
	prefixHTTPCache = "http-cache:" // value: "etag|last-modified" of a URL
	prefixFile      = "file:"       // value: "size|mtime-ns" of a folder file
)

func cacheMark(rawURL, validator string) []Mark {
	if validator == "" {
		return nil
	}
	return []Mark{{Key: prefixHTTPCache + rawURL, Value: validator}}
}

// newItem fills in key, id and hash for an article read from group.
// fallbackKey is used when the article has neither URL nor id (a file path).
func newItem(a extract.Article, group, fallbackKey string) Item {
	key := a.URL
	if key == "" && a.ID != "" {
		key = "id:" + a.ID
	}
	if key == "" {
		key = fallbackKey
	}
	if key == "" {
		key = "sha256:" + graph.TextHash(a.Text)
	}
	if a.ID == "" {
		a.ID = articleID(key)
	}
	return Item{Key: key, Hash: contentHash(a), Article: a, Group: group}
}

// articleID derives an article id from an item key, so that a changed item
// keeps its id and the store replaces its facts: a readable prefix (host or
// file name) and a digest of the key.
func articleID(key string) string {
	sum := sha256.Sum256([]byte(key))
	digest := hex.EncodeToString(sum[:8])
	label := key
	if u, err := url.Parse(key); err == nil && u.Host != "" {
		label = u.Host
	} else if _, rest, ok := strings.Cut(key, ":"); ok {
		label = rest
		if i := strings.LastIndexByte(label, '/'); i >= 0 {
			label = label[i+1:]
		}
	}
	slug := graph.Slug(label)
	if len(slug) > 40 {
		slug = slug[:40]
	}
	return slug + "-" + digest
}

// contentHash covers everything that goes into the stored document.
func contentHash(a extract.Article) string {
	b, _ := json.Marshal(a) // a plain struct of strings: cannot fail
	return graph.TextHash(string(b))
}
