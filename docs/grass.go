package docs

import (
	"fmt"
	"math"
	"strings"

	"github.com/dipgraph/dipgraph/geo"
)

// Grass is the content of dipgraph.grass, the Neo4j Browser style sheet.
// Browser styles by label only (a rule's selector is a label set; there
// are no property selectors and no property-driven sizes), so people are
// coloured through their country label (:Person:IR, one rule per ISO code)
// and meetings sized through :Corroborated and :WidelyReported, the labels
// the cookbook's style step sets. Browser's GraSS reader knows no comments,
// so the explanations live here and in cypher.md.
func Grass() string {
	var b strings.Builder
	rule := func(sel string, props ...string) {
		fmt.Fprintf(&b, "%s {\n", sel)
		for i := 0; i+1 < len(props); i += 2 {
			fmt.Fprintf(&b, "  %s: %s;\n", props[i], props[i+1])
		}
		b.WriteString("}\n")
	}
	rule("node", "diameter", "50px", "color", "#A5ABB6", "border-color", "#9AA1AC", "border-width", "2px",
		"text-color-internal", "#FFFFFF", "font-size", "10px", "caption", "'{name}'")
	rule("relationship", "color", "#A5ABB6", "shaft-width", "1px", "font-size", "8px", "padding", "3px",
		"text-color-external", "#000000", "text-color-internal", "#FFFFFF", "caption", "'<type>'")
	// People: grey until their country label says otherwise.
	rule("node.Person", "diameter", "80px", "color", "#7B8794", "border-color", "#52606D", "text-color-internal", "#FFFFFF",
		"font-size", "10px", "caption", "'{name}'")
	for i, code := range countryCodes() {
		fill, border, text := countryColour(i)
		rule("node.Person."+code, "color", fill, "border-color", border, "text-color-internal", text)
	}
	// Meetings: small and pale; larger with more articles reporting them.
	rule("node.Meeting", "diameter", "50px", "color", "#FFE8A3", "border-color", "#D9B44A", "text-color-internal", "#3E2C00",
		"font-size", "8px", "caption", "'{name}'")
	rule("node.Meeting.Corroborated", "diameter", "65px", "color", "#FFC454", "border-color", "#D7A013")
	rule("node.Meeting.WidelyReported", "diameter", "85px", "color", "#F79767", "border-color", "#F36924")
	rule("node.Article", "diameter", "30px", "color", "#D9C8AE", "border-color", "#C0A378", "text-color-internal", "#2A2C34",
		"font-size", "8px", "caption", "'{name}'")
	rule("node.Place", "diameter", "40px", "color", "#8DCC93", "border-color", "#5DB665", "text-color-internal", "#2A2C34",
		"caption", "'{name}'")
	rule("node.Country", "diameter", "65px", "color", "#4C8EDA", "border-color", "#2870C2", "text-color-internal", "#FFFFFF",
		"font-size", "12px", "caption", "'{name}'")
	rule("node.NameKey", "diameter", "20px", "color", "#E0E0E0", "border-color", "#BDBDBD", "text-color-internal", "#2A2C34",
		"caption", "'{key}'")
	rule("relationship.ATTENDED", "color", "#7B8794", "shaft-width", "2px", "caption", "'{role}'")
	rule("relationship.MET", "color", "#C990C0", "shaft-width", "3px", "caption", "'{meetings}'")
	rule("relationship.REPORTED_IN", "color", "#C0A378", "shaft-width", "1px", "caption", "'<type>'")
	rule("relationship.HELD_IN", "color", "#5DB665", "shaft-width", "1px", "caption", "'<type>'")
	rule("relationship.REPRESENTS", "color", "#2870C2", "shaft-width", "1px", "caption", "'{role}'")
	return b.String()
}

// countryCodes lists every ISO 3166-1 alpha-2 country code, sorted.
func countryCodes() []string {
	var out []string
	for a := 'A'; a <= 'Z'; a++ {
		for c := 'A'; c <= 'Z'; c++ {
			code := string([]rune{a, c})
			if geo.ValidCode(code) {
				out = append(out, code)
			}
		}
	}
	return out
}

// countryColour spreads the countries round the colour wheel by the golden
// angle, so codes next to each other get unlike hues; lightness alternates
// in three steps to tell apart the hues that come close.
func countryColour(i int) (fill, border, text string) {
	h := math.Mod(float64(i)*137.508, 360)
	l := []float64{0.42, 0.55, 0.68}[i%3]
	fill = hsl(h, 0.65, l)
	border = hsl(h, 0.65, l-0.12)
	text = "#FFFFFF"
	if l > 0.6 {
		text = "#2A2C34"
	}
	return fill, border, text
}

func hsl(h, s, l float64) string {
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch {
	case h < 60:
		r, g, b = c, x, 0
	case h < 120:
		r, g, b = x, c, 0
	case h < 180:
		r, g, b = 0, c, x
	case h < 240:
		r, g, b = 0, x, c
	case h < 300:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	to := func(v float64) int { return int(math.Round((v + m) * 255)) }
	return fmt.Sprintf("#%02X%02X%02X", to(r), to(g), to(b))
}

// ParseGrass reads a style sheet the way Neo4j Browser's GraphStyle.parse
// does: selector { key: value; ... }, single quotes protecting braces, no
// comments. It returns the rules in order.
func ParseGrass(s string) []GrassRule {
	var rules []GrassRule
	inString, inProps := false, false
	var keyword, props strings.Builder
	for _, c := range s {
		skip := true
		switch c {
		case '{':
			if inString {
				skip = false
			} else {
				inProps = true
			}
		case '}':
			if inString {
				skip = false
			} else {
				inProps = false
				rules = append(rules, GrassRule{Selector: keyword.String(), Props: parseProps(props.String())})
				keyword.Reset()
				props.Reset()
			}
		case '\'':
			inString = !inString
		default:
			skip = false
		}
		if skip {
			continue
		}
		if inProps {
			props.WriteRune(c)
		} else if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			keyword.WriteRune(c)
		}
	}
	return rules
}

// GrassRule is one rule of a style sheet.
type GrassRule struct {
	Selector string // "node.Person.IR"
	Props    map[string]string
}

func parseProps(s string) map[string]string {
	out := map[string]string{}
	for _, p := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(p, ":")
		// Browser splits on every ':' and keeps the second piece only.
		if v2, _, cut := strings.Cut(v, ":"); cut {
			v = v2
		}
		if k, v = strings.TrimSpace(k), strings.TrimSpace(v); ok && k != "" && v != "" {
			out[k] = v
		}
	}
	return out
}

// Style is the properties Browser computes for a node or relationship:
// the rules whose labels it all carries, applied in order.
func Style(rules []GrassRule, tag string, labels ...string) map[string]string {
	out := map[string]string{}
	for _, r := range rules {
		parts := strings.Split(r.Selector, ".")
		if parts[0] != tag {
			continue
		}
		ok := true
		for _, want := range parts[1:] {
			found := false
			for _, l := range labels {
				found = found || l == want
			}
			ok = ok && found
		}
		if ok {
			for k, v := range r.Props {
				out[k] = v
			}
		}
	}
	return out
}
