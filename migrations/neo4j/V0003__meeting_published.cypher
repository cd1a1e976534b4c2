// A meeting keeps the latest publication date of the articles reporting it
// ("" when none gives one): a person's latest role and country are read in
// meeting order, and ties on the date go to the most recently published.
MATCH (m:Meeting)
SET m.published = COLLECT { MATCH (m)-[:REPORTED_IN]->(a:Article) RETURN max(coalesce(a.published, '')) }[0];
