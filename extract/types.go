package extract

// Article is one news report as dipgraph reads it: a line of a JSON Lines
// file ({"id","title","published","source","url","text"}).
type Article struct {
	ID        string  `json:"id"`
	Title     string  `json:"title,omitempty"`
	Published *string `json:"published"` // YYYY-MM-DD or null
	Source    string  `json:"source,omitempty"`
	URL       string  `json:"url,omitempty"`
	Text      string  `json:"text"`
}

// Result is what the extractor found in one article.
type Result struct {
	ID       string    `json:"id"`
	Meetings []Meeting `json:"meetings"`
	People   []Person  `json:"people"`
}

// Meeting is one meeting or call the article reports.
type Meeting struct {
	Kind          string        `json:"kind"`           // "meeting" or "call"
	Status        string        `json:"status"`         // "occurred" or "planned"
	Date          *string       `json:"date"`           // YYYY, YYYY-MM or YYYY-MM-DD; null when the text does not fix it
	DatePrecision *string       `json:"date_precision"` // "year", "month", "day"; null with a null date
	Location      *string       `json:"location"`       // null when not stated
	Participants  []Participant `json:"participants"`
	Evidence      []Span        `json:"evidence"` // the sentences it was read from
	Confidence    float64       `json:"confidence"`
}

// Participant is a person at a meeting, with the role and country the article
// gives them there.
type Participant struct {
	Name    string  `json:"name"`
	Role    *string `json:"role"`
	Country *string `json:"country"` // ISO 3166-1 alpha-2, or null
}

// Person is everyone the article names, resolved within it.
type Person struct {
	Name     string   `json:"name"`    // fullest spelling, without titles
	Aliases  []string `json:"aliases"` // every other spelling used
	Role     *string  `json:"role"`
	Country  *string  `json:"country"`
	Mentions []Span   `json:"mentions"`
}

// Span is a piece of the article text, by byte offsets into Article.Text.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}
