#!/usr/bin/env node
// Lints Cypher with Neo4j's own linter (@neo4j-cypher/language-support, lintCypherQuery).
// stdin: either a JSON list of {name, statement, parameters?} or {schema, statements: [...]} where schema is a
// DbSchema (labels, relationshipTypes, propertyKeys, parameters) and parameters lists the names a statement may use.
// stdout: JSON list of {name, diagnostics: [{severity, message, line, column, offset}]}; exit 0 unless the input
// itself is unusable (exit 2).
'use strict';

const { lintCypherQuery } = require('@neo4j-cypher/language-support');

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function main() {
  let input;
  try {
    input = JSON.parse(await readStdin());
  } catch (e) {
    process.stderr.write(`cypher-lint: stdin is not JSON: ${e.message}\n`);
    process.exit(2);
  }
  const statements = Array.isArray(input) ? input : input.statements;
  const baseSchema = (!Array.isArray(input) && input.schema) || {};
  if (!Array.isArray(statements)) {
    process.stderr.write('cypher-lint: expected a list of {name, statement} or {schema, statements}\n');
    process.exit(2);
  }

  const results = statements.map((s) => {
    const parameters = Object.assign({}, baseSchema.parameters || {});
    for (const p of s.parameters || []) parameters[p] = parameters[p] ?? '';
    const schema = Object.assign({}, baseSchema, { parameters });
    const { diagnostics } = lintCypherQuery(String(s.statement), schema, { consoleCommandsEnabled: true });
    return {
      name: s.name,
      diagnostics: diagnostics.map((d) => ({
        severity: SEVERITY[d.severity] || String(d.severity),
        message: d.message,
        line: d.range ? d.range.start.line + 1 : null,
        column: d.range ? d.range.start.character + 1 : null,
        offset: d.offsets ? d.offsets.start : null,
      })),
    };
  });
  process.stdout.write(JSON.stringify(results));
}

main().catch((e) => {
  process.stderr.write(`cypher-lint: ${e.stack || e}\n`);
  process.exit(2);
});
