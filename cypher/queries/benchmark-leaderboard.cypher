// benchmark-leaderboard: every score reported on a benchmark, highest value first (scores without a value
// last), with the model, the score's properties (value, unit, metric, setting, evidence) and the paper of its
// first evidence; paged.
// Parameters: $id (the benchmark's node id), $offset, $limit.
// :param {id: "benchmark:minif2f", offset: 0, limit: 50}
MATCH (b:Benchmark {id: $id})<-[r:ACHIEVES]-(m:Model)
OPTIONAL MATCH (p:Paper {id: coalesce(r.papers, [])[0]})
WITH m, r, p
ORDER BY CASE WHEN r.value IS NULL THEN 1 ELSE 0 END, r.value DESC, m.name
WITH collect({model: {id: m.id, label: 'Model', name: m.name}, properties: properties(r),
  paper: CASE WHEN p IS NULL THEN null ELSE {id: p.id, label: 'Paper', name: p.name} END}) AS results
RETURN size(results) AS total, results[$offset..($offset + $limit)] AS results
