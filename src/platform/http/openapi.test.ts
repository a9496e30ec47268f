import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from './openapi.js';

describe('OpenAPI document', () => {
  it('docs/openapi.json is the document the code generates (run `npm run openapi` after an API change)', async () => {
    const committed = readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(await generateOpenApi());
  });

  it('declares a schema for every operation', async () => {
    const doc = JSON.parse(await generateOpenApi());
    for (const [path, ops] of Object.entries<Record<string, { responses?: object }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses, `${method.toUpperCase()} ${path}`).toBeTruthy();
      }
    }
  });
});
