// Ready-made Neo4j Browser explorations of the PaperGraph graph (docs/neo4j.md links to each one).
// Values are inlined so each statement runs on its own from a Browser link; change the names to explore others.

// 1. A model's lineage: what it derives from and succeeds, up to four hops, both directions.
MATCH p = (m:Model {name: 'DeepSeek-V3'})-[:DERIVED_FROM|SUCCEEDS*1..4]-(:Model)
RETURN p;

// 2. Papers and what they introduce.
MATCH p = (:Paper)-[:INTRODUCES]->()
RETURN p
LIMIT 150;

// 3. Which models use which techniques.
MATCH p = (:Model)-[:USES]->(:Technique)
RETURN p
LIMIT 150;

// 4. Benchmark leaderboard: reported scores on one benchmark, best first.
MATCH (m:Model)-[r:ACHIEVES]->(b:Benchmark {name: 'MATH'})
RETURN m.name AS model, r.value AS value, r.unit AS unit, r.metric AS metric, r.setting AS setting, r.papers AS papers
ORDER BY r.value DESC;

// 5. Why is this edge here? Every lineage edge with its evidence (one JSON object per sentence).
MATCH (a:Model)-[r:DERIVED_FROM]->(b:Model)
RETURN a.name AS model, r.kind AS kind, b.name AS parent, r.evidence AS evidence
LIMIT 50;

// 6. Full-text search over names and aliases (fuzzy: ~).
CALL db.index.fulltext.queryNodes('entity_names', 'deepseek~')
YIELD node, score
RETURN labels(node) AS labels, node.name AS name, node.aliases AS aliases, score
LIMIT 25;

// 7. The neighbourhood of one technique.
MATCH (t:Technique) WHERE t.name = 'GRPO' OR 'GRPO' IN t.aliases
MATCH p = (t)-[*1..2]-()
RETURN p
LIMIT 200;
