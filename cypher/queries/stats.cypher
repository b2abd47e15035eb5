// stats: node count per label and relationship count per type. One row per label or type.
// Parameters: none.
// :param {}
MATCH (n)
UNWIND labels(n) AS name
RETURN 'label' AS kind, name, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'type' AS kind, type(r) AS name, count(*) AS count
