// Package geo knows countries: ISO 3166-1 alpha-2 codes and their English
// names. The extractor's richer lexicon (demonyms, capitals, metonyms) is
// embedded data loaded by package extract; this package is what the stores
// and the API need to label a code.
package geo

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// CountryName returns the English name of an ISO 3166-1 alpha-2 code, or ""
// when the code is not a country.
func CountryName(code string) string {
	if len(code) != 2 {
		return ""
	}
	r, err := language.ParseRegion(strings.ToUpper(code))
	if err != nil || !r.IsCountry() {
		return ""
	}
	return display.English.Regions().Name(r)
}

// ValidCode reports whether code is an ISO 3166-1 alpha-2 country code.
func ValidCode(code string) bool { return CountryName(code) != "" }

// countryNames maps folded English country names (and the few short forms
// people type: UK, USA, Britain) to their codes; built once by CountryCode.
var countryNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if name := CountryName(code); name != "" && canonical(code) {
				m[foldName(name)] = code
			}
		}
	}
	for alias, code := range map[string]string{
		"usa": "US", "america": "US", "united states of america": "US", "uk": "GB", "britain": "GB",
		"great britain": "GB", "england": "GB", "russian federation": "RU", "south korea": "KR",
		"north korea": "KP", "uae": "AE", "turkey": "TR", "czech republic": "CZ", "ivory coast": "CI",
		"vatican": "VA", "holy see": "VA", "burma": "MM", "palestine": "PS", "dprk": "KP",
	} {
		m[alias] = code
	}
	return m
})

// CountryCode returns the ISO 3166-1 alpha-2 code of a country given by its
// English name ("Iran", "syria", "United Kingdom", "UK") or by its code
// ("IR", "sy"), and false when it is neither.
func CountryCode(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if len(name) == 2 && ValidCode(name) && canonical(strings.ToUpper(name)) {
		return strings.ToUpper(name), true
	}
	code, ok := countryNames()[foldName(strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The "))]
	return code, ok
}

// foldName lowercases a name and keeps only letters and single spaces, so
// "Côte d’Ivoire" and "cote d'ivoire" agree.
func foldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// canonical reports whether code is a region's own code, not a deprecated
// alias x/text also accepts ("UK" for GB).
func canonical(code string) bool {
	r, err := language.ParseRegion(code)
	return err == nil && r.Canonicalize().String() == code
}
