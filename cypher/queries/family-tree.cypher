// family-tree: the models of a family (a name or alias key starting with the family's key: "deepseekprover"
// finds DeepSeek-Prover-V1, -V1.5, -V2) and the DERIVED_FROM / SUCCEEDS edges among them. One row per member.
// Parameters: $prefix (the family name's matching key).
// :param {prefix: "deepseekprover"}
MATCH (m:Model)
WHERE any(a IN coalesce(m.aliases, []) + [m.name] WHERE
  reduce(k = '', c IN [i IN range(0, size(a) - 1) | substring(toLower(a), i, 1)] |
    k + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c ELSE '' END) STARTS WITH $prefix)
WITH collect(m) AS members
UNWIND members AS m
OPTIONAL MATCH (m)-[r:DERIVED_FROM|SUCCEEDS]->(p:Model)
WHERE p IN members
WITH m, collect(CASE WHEN r IS NULL THEN null ELSE
  {id: r.id, type: type(r), source: m.id, target: p.id, properties: properties(r)} END) AS edges
RETURN {id: m.id, label: 'Model', name: m.name} AS model, edges
ORDER BY model.name
