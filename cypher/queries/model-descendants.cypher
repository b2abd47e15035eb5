// model-descendants: the models derived from a model or succeeding it, up to $depth hops (1..10), with every
// lineage edge reached: its type, kind and evidence. One row per edge; depth = hops from the model to the
// edge's far end (its child).
// Parameters: $id (the model's node id), $depth.
// :param {id: "model:deepseek-v3", depth: 3}
MATCH p = (m:Model {id: $id})<-[:DERIVED_FROM|SUCCEEDS*1..10]-(:Model)
WHERE length(p) <= $depth
WITH last(relationships(p)) AS r, length(p) AS depth
WITH r, min(depth) AS depth
WITH r, depth, startNode(r) AS s, endNode(r) AS t
RETURN r.id AS id, type(r) AS type,
  {id: s.id, label: labels(s)[0], name: s.name} AS source,
  {id: t.id, label: labels(t)[0], name: t.name} AS target,
  properties(r) AS properties, depth
ORDER BY depth, id
