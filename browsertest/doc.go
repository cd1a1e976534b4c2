// Package browsertest checks dipgraph's graph in the real Neo4j Browser:
// its test drives Debian's chromium (headless, through chromedp) to open
// the Browser served by the local Neo4j, load docs/dipgraph.grass with
// :style, run the cookbook's "who met" query and check the people it shows
// and their colours. It has no code besides the test.
package browsertest
