// technique-papers: the papers that introduce, use or mention a technique, with the strongest role per paper
// (introduces, then uses, then mentions) and that relationship's evidence; introducing papers first, paged.
// Parameters: $id (the technique's node id), $offset, $limit.
// :param {id: "technique:group-relative-policy-optimization", offset: 0, limit: 50}
MATCH (t:Technique {id: $id})<-[r:INTRODUCES|USES|MENTIONS]-(p:Paper)
WITH p, r, CASE type(r) WHEN 'INTRODUCES' THEN 0 WHEN 'USES' THEN 1 ELSE 2 END AS rank
ORDER BY rank
WITH p, collect({rank: rank, rel: r})[0] AS best
ORDER BY best.rank, p.name
WITH collect({paper: {id: p.id, label: 'Paper', name: p.name}, role: toLower(type(best.rel)),
  properties: properties(best.rel)}) AS papers
RETURN size(papers) AS total, papers[$offset..($offset + $limit)] AS papers
