/**
 * Writes content/schema.json (the JSON Schema of protocol files, with the contraindications file in
 * $defs) from the zod schema in src/content/schema.ts. Deterministic: same schema, same bytes.
 * Usage: npx tsx scripts/export-schema.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentJsonSchema } from '../src/content/schema.ts';

export const SCHEMA_PATH = fileURLToPath(new URL('../content/schema.json', import.meta.url));

export function schemaText(): string {
  return `${JSON.stringify(contentJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = schemaText();
  let old = '';
  try {
    old = readFileSync(SCHEMA_PATH, 'utf8');
  } catch {
    // no schema yet
  }
  if (old === text) console.log('content/schema.json is up to date');
  else {
    writeFileSync(SCHEMA_PATH, text);
    console.log('wrote content/schema.json');
  }
}
