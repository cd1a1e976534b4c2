package geo

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed capitals.tsv
var capitalsTSV string

// capitals maps folded capital names to their country codes.
var capitals = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(capitalsTSV, "\n") {
		code, names, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		for _, n := range strings.Split(names, "|") {
			m[foldName(n)] = code
		}
	}
	return m
})

// PlaceCountry returns the country a place name is in when the name is a
// capital ("Tehran") or a country ("Oman"), and false for any other place:
// a meeting place is tied to a country only when that is certain.
func PlaceCountry(name string) (string, bool) {
	if code, ok := capitals()[foldName(name)]; ok {
		return code, true
	}
	return CountryCode(name)
}
