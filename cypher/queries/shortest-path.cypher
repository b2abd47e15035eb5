// shortest-path: a shortest path between two nodes, edges taken in either direction, of at most $maxDepth
// hops (1..8). No row when there is none.
// Parameters: $source and $target (node ids), $maxDepth.
// :param {source: "model:deepseek-prover-v2", target: "model:deepseek-v2", maxDepth: 6}
MATCH (a {id: $source}), (b {id: $target})
MATCH p = shortestPath((a)-[*..8]-(b))
WHERE length(p) <= $maxDepth
RETURN [n IN nodes(p) | {id: n.id, label: labels(n)[0], name: n.name}] AS nodes,
  [r IN relationships(p) | {id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id,
    properties: properties(r)}] AS edges
