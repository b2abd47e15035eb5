// neighbourhood: the nodes within $depth hops (1..3) of a node, over any relationship or only the types in
// $types, nearest first (then by label and name), paged; and the relationships among the centre and the
// nodes of the page. One row.
// Parameters: $id (node id), $depth, $types (list of type names, empty for all), $offset, $limit.
// :param {id: "model:deepseek-v3", depth: 1, types: [], offset: 0, limit: 50}
MATCH (c {id: $id})
OPTIONAL MATCH p = (c)-[*1..3]-(n)
WHERE length(p) <= $depth AND n <> c
  AND all(r IN relationships(p) WHERE size($types) = 0 OR type(r) IN $types)
WITH c, n, min(length(p)) AS depth
ORDER BY depth, labels(n)[0], n.name
WITH c, collect(CASE WHEN n IS NULL THEN null ELSE {node: n, depth: depth} END) AS reached
WITH c, reached, reached[$offset..($offset + $limit)] AS page
WITH c, reached, page, [x IN page | x.node] + [c] AS shown
UNWIND shown AS s
OPTIONAL MATCH (s)-[r]->(t)
WHERE t IN shown AND (size($types) = 0 OR type(r) IN $types)
WITH c, reached, page, collect(DISTINCT r) AS rels
RETURN size(reached) AS total,
  [x IN page | {node: {id: x.node.id, label: labels(x.node)[0], name: x.node.name}, depth: x.depth}] AS nodes,
  [r IN rels | {id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)}] AS edges
