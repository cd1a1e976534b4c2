package docs

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/dipgraph.grass from Grass()")

func TestGrassFileIsGenerated(t *testing.T) {
	path := filepath.Join(Dir(), "dipgraph.grass")
	if *update {
		if err := os.WriteFile(path, []byte(Grass()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != Grass() {
		t.Error("docs/dipgraph.grass is not what Grass() writes: run go test ./docs -run TestGrassFileIsGenerated -update")
	}
}

func TestGrassStyles(t *testing.T) {
	rules := ParseGrass(Grass())
	for _, r := range rules {
		if !strings.HasPrefix(r.Selector, "node") && !strings.HasPrefix(r.Selector, "relationship") {
			t.Errorf("selector %q: Browser would not apply it", r.Selector)
		}
	}
	for _, label := range []string{"Person", "Meeting", "Article", "Place", "Country"} {
		if c := Style(rules, "node", label)["caption"]; c != "{name}" {
			t.Errorf("%s caption = %q, want {name}", label, c)
		}
	}
	ir, sy, none := Style(rules, "node", "Person", "IR"), Style(rules, "node", "Person", "SY"), Style(rules, "node", "Person")
	if ir["color"] == sy["color"] || ir["color"] == none["color"] || sy["color"] == none["color"] {
		t.Errorf("people of IR, SY and no country share a colour: %s %s %s", ir["color"], sy["color"], none["color"])
	}
	if ir["caption"] != "{name}" {
		t.Errorf("a country rule lost the caption: %q", ir["caption"])
	}
	size := func(labels ...string) string { return Style(rules, "node", labels...)["diameter"] }
	if !(size("Meeting") < size("Meeting", "Corroborated") && size("Meeting", "Corroborated") < size("Meeting", "Corroborated", "WidelyReported")) {
		t.Errorf("meeting sizes do not grow with sources: %s %s %s", size("Meeting"), size("Meeting", "Corroborated"), size("Meeting", "Corroborated", "WidelyReported"))
	}
	if got := len(countryCodes()); got < 240 {
		t.Errorf("%d country codes", got)
	}
}

func TestParseGrassLikeBrowser(t *testing.T) {
	rules := ParseGrass("node {\n  color: #FFF;\n  caption: '{a:b}';\n}\nnode.Person.IR { diameter: 5px }")
	if len(rules) != 2 || rules[0].Props["color"] != "#FFF" || rules[1].Selector != "node.Person.IR" || rules[1].Props["diameter"] != "5px" {
		t.Errorf("%+v", rules)
	}
	if c := rules[0].Props["caption"]; c != "{a" { // Browser keeps only what lies between the first two colons
		t.Errorf("caption %q", c)
	}
}
