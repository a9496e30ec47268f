import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../http/app.js';
import { divisionTree } from './divisions.js';

// The tree has fixed depth (province → city → county), so it is spelled out rather than recursive.
const fields = { value: Type.String(), label: Type.String(), labelEn: Type.Optional(Type.String()) };
const County = Type.Object(fields);
const City = Type.Object({ ...fields, children: Type.Optional(Type.Array(County)) });
const Node = Type.Object({ ...fields, children: Type.Optional(Type.Array(City)) });

export function jurisdictionRoutes(app: App): void {
  // Public reference data (GB/T 2260): the same for every caller, so cacheable.
  app.get(
    '/api/jurisdictions/divisions',
    { schema: { tags: ['jurisdictions'], summary: 'Guangdong divisions (GB/T 2260) as a tree', response: { 200: Type.Array(Node) } } },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return divisionTree();
    },
  );
}
