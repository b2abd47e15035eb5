// search: typo-tolerant name and alias search, best first. Score 1 for an exact key match, 0.7-0.9 for a key
// that starts with the query, else 0.8 x the share of the query's trigrams found in a key (at least 0.35).
// Keys are the matching keys of name and aliases (lower-case letters and digits only).
// Parameters: $key (the query's key), $trigrams (its 3-letter substrings), $label (string or null), $limit.
// :param {key: "deepseekr1", trigrams: ["dee", "eep", "eps", "pse", "see", "eek", "ekr", "kr1"], label: null, limit: 10}
MATCH (n)
WHERE $label IS NULL OR $label IN labels(n)
WITH n, [a IN coalesce(n.aliases, []) + [n.name] | {alias: a, key:
  reduce(k = '', c IN [i IN range(0, size(a) - 1) | substring(toLower(a), i, 1)] |
    k + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c ELSE '' END)}] AS keys
UNWIND keys AS entry
WITH n, entry,
  CASE
    WHEN entry.key = $key THEN 1.0
    WHEN size($key) > 0 AND entry.key STARTS WITH $key THEN 0.7 + 0.2 * size($key) / size(entry.key)
    WHEN size($trigrams) = 0 THEN 0.0
    ELSE 0.8 * size([t IN $trigrams WHERE entry.key CONTAINS t]) / size($trigrams)
  END AS score
WHERE score >= 0.28
WITH n, entry, score
ORDER BY score DESC
WITH n, collect(entry.alias)[0] AS alias, max(score) AS score
OPTIONAL MATCH (n)-[r]-()
WITH n, alias, score, count(r) AS degree
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, alias, score
ORDER BY score DESC, degree DESC, name
LIMIT $limit
