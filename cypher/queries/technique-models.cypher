// technique-models: the models that use a technique (with evidence), the techniques that are variants of it,
// and the techniques it is a variant of. One row.
// Parameters: $id (the technique's node id).
// :param {id: "technique:proximal-policy-optimization"}
MATCH (t:Technique {id: $id})
OPTIONAL MATCH (m:Model)-[u:USES]->(t)
WITH t, collect(CASE WHEN m IS NULL THEN null ELSE
  {model: {id: m.id, label: 'Model', name: m.name}, properties: properties(u)} END) AS models
OPTIONAL MATCH (v:Technique)-[:VARIANT_OF]->(t)
WITH t, models, collect(CASE WHEN v IS NULL THEN null ELSE {id: v.id, label: 'Technique', name: v.name} END) AS variants
OPTIONAL MATCH (t)-[:VARIANT_OF]->(o:Technique)
RETURN models, variants,
  collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, label: 'Technique', name: o.name} END) AS variantOf
