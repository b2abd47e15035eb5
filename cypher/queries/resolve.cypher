// resolve: which nodes a name stands for. A node id matches as is; otherwise a node matches when its name or
// one of its aliases has the same matching key as the name (lower-case letters and digits only, computed by
// the caller with NameKey.Of: "DeepSeek R1" -> "deepseekr1"), optionally restricted to one label.
// Parameters: $name (string), $key (string), $label (string or null).
// :param {name: "DeepSeek R1", key: "deepseekr1", label: "Model"}
MATCH (n)
WHERE ($label IS NULL OR $label IN labels(n))
  AND (n.id = $name
    OR any(a IN coalesce(n.aliases, []) + [n.name] WHERE
      reduce(k = '', c IN [i IN range(0, size(a) - 1) | substring(toLower(a), i, 1)] |
        k + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c ELSE '' END) = $key))
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name
ORDER BY CASE WHEN n.id = $name THEN 0 ELSE 1 END, id
LIMIT 20
