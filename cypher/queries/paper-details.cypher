// paper-details: a paper and everything extracted from it: its own relationships (INTRODUCES, STUDIES,
// MENTIONS, USES, EVALUATED_ON) and every relationship among the entities it names whose evidence cites it
// (DERIVED_FROM, ACHIEVES, VARIANT_OF...), each with its properties and evidence. One row.
// Parameters: $id (the paper's node id).
// :param {id: "arxiv:2402.03300"}
MATCH (p:Paper {id: $id})
OPTIONAL MATCH (p)-[own]->(x)
WITH p, collect(own) AS owned, collect(x) AS named
OPTIONAL MATCH (e)-[r]-()
WHERE e IN named AND $id IN coalesce(r.papers, [])
WITH p, owned, collect(DISTINCT r) AS cited
WITH p, owned + [r IN cited WHERE NOT r IN owned] AS rels
RETURN {id: p.id, label: 'Paper', name: p.name} AS paper, p.year AS year, p.url AS url,
  coalesce(p.authors, []) AS authors,
  [r IN rels | {type: type(r),
    source: {id: startNode(r).id, label: labels(startNode(r))[0], name: startNode(r).name},
    target: {id: endNode(r).id, label: labels(endNode(r))[0], name: endNode(r).name},
    properties: properties(r)}] AS facts
