// Package extract finds diplomatic meetings in news articles: who met whom
// (or spoke by phone), in which role and for which country, when and where,
// with the sentences that say so. It knows nothing of storage or HTTP.
//
// The pipeline is rules over a token stream, driven by embedded word lists
// (data/): countries with names, demonyms, capitals and cities; role title
// words, ranks and honorifics; meeting and call phrases. An analyst extends
// coverage by editing those files, not Go code.
//
//  1. clean blanks HTML tags, entities and a scraping date prefix byte for
//     byte, so every offset still indexes the original text.
//  2. tokenize and segment: own rules, because the scraped texts run
//     sentences together ("region.The"), break lines inside sentences and
//     drop full stops at line ends; prose's segmenter and tokenizer do not
//     cope with these and lose offsets (prose tokens carry none).
//  3. names: the trailing non-lexicon part of a run of capitalised words
//     ("Iranian Ambassador to Syria Mehdi Sobhani"); single words need a
//     title or an earlier full name. Spellings are merged within the
//     article by joined forms and consonant skeletons (Amir-Abdollahian =
//     Amirabdollahian, Mekdad = Miqdad).
//  4. roles and countries from the title before a name and the apposition
//     after it; "to <country>" is the host, not the holder's country. When
//     the text gives no country, a well-known official's full name
//     (data/officials.tsv) gives it, before any guess from context.
//  5. meetings from trigger phrases: the subject before, the objects after
//     (joined by "and" / commas); call cues make it a call; modal and
//     scheduling words make it planned. Repeats of one encounter merge.
//  6. dates are resolved against the publication date and never default to
//     it; places come from "in/at X", "travelled to X", "visit to X".
//
// prose's tagger and NER were measured (see the benchmark): they are much
// slower, and the stock NER labels Persian and Arabic names badly, so the
// extractor does not use them at run time.
package extract
