// PaperGraph schema: run once before loading (papergraph load and graph.cypher run it themselves).
// cypher-shell -a neo4j://localhost:7687 -u neo4j -f cypher/schema.cypher
// Every statement is idempotent (IF NOT EXISTS).

// One unique id per label; the constraint also gives the index every MERGE and lookup by id uses.
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT model_id IF NOT EXISTS FOR (n:Model) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT technique_id IF NOT EXISTS FOR (n:Technique) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT benchmark_id IF NOT EXISTS FOR (n:Benchmark) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;

// Full-text search over names and aliases (aliasText holds the aliases joined: full-text indexes read strings).
// CALL db.index.fulltext.queryNodes('entity_names', 'deepseek~') YIELD node, score RETURN node.name, score;
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Paper|Model|Technique|Benchmark|Organization) ON EACH [n.name, n.aliasText];

// Relationship ids (the loader MERGEs by them; relationship uniqueness constraints are Enterprise-only).
CREATE INDEX introduces_id IF NOT EXISTS FOR ()-[r:INTRODUCES]-() ON (r.id);
CREATE INDEX studies_id IF NOT EXISTS FOR ()-[r:STUDIES]-() ON (r.id);
CREATE INDEX mentions_id IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.id);
CREATE INDEX uses_id IF NOT EXISTS FOR ()-[r:USES]-() ON (r.id);
CREATE INDEX evaluated_on_id IF NOT EXISTS FOR ()-[r:EVALUATED_ON]-() ON (r.id);
CREATE INDEX achieves_id IF NOT EXISTS FOR ()-[r:ACHIEVES]-() ON (r.id);
CREATE INDEX derived_from_id IF NOT EXISTS FOR ()-[r:DERIVED_FROM]-() ON (r.id);
CREATE INDEX succeeds_id IF NOT EXISTS FOR ()-[r:SUCCEEDS]-() ON (r.id);
CREATE INDEX compared_with_id IF NOT EXISTS FOR ()-[r:COMPARED_WITH]-() ON (r.id);
CREATE INDEX variant_of_id IF NOT EXISTS FOR ()-[r:VARIANT_OF]-() ON (r.id);
CREATE INDEX developed_by_id IF NOT EXISTS FOR ()-[r:DEVELOPED_BY]-() ON (r.id);

// Name lookups (the service resolves names before traversing).
CREATE INDEX model_name IF NOT EXISTS FOR (n:Model) ON (n.name);
CREATE INDEX technique_name IF NOT EXISTS FOR (n:Technique) ON (n.name);
CREATE INDEX benchmark_name IF NOT EXISTS FOR (n:Benchmark) ON (n.name);
