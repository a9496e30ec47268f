import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { ProblemView } from '../qualification/qualification.schemas.js';
import { getCatalogue, listAnnouncements, publishCatalogue } from './catalogue.actions.js';
import { AnnouncementView, CatalogueBody, CatalogueView } from './catalogue.schemas.js';
import { registerDevice, removeDevice, updateDeviceDetails } from './devices.actions.js';
import { countFindingsFor, listFindingsFor } from './findings.actions.js';
import {
  CountView,
  DeviceBody,
  DeviceUpdateBody,
  FindingCountQuery,
  FindingListQuery,
  FindingView,
  IdParams,
  PageOf,
  SiteBody,
  SiteDetailView,
  SiteListQuery,
  SiteSummaryView,
  SiteUpdateBody,
  SystemBody,
  SystemUpdateBody,
} from './registry.schemas.js';
import { getSiteDetail, listSitesFor, registerSite, updateSiteDetails } from './sites.actions.js';
import { registerSystem, updateSystemDetails } from './systems.actions.js';

/** The registry (art. 3, 7–11, 13, 19, 20, 40): thin handlers, schema → action → view. */
export function registryRoutes(app: App, deps: AppDeps): void {
  const tags = ['registry'];
  const R = '/api/registry';
  const errors = { '4xx': ProblemView };
  const detail = { 200: SiteDetailView, ...errors };

  app.get(
    `${R}/catalogue`,
    { schema: { tags, summary: 'Key-unit catalogue in force: categories, kinds, required systems (art. 9)', response: { 200: CatalogueView, ...errors } } },
    async (req, reply) => noStore(reply).send(await getCatalogue(ctxOf(req, deps))),
  );
  app.put(
    `${R}/catalogue`,
    { schema: { tags, summary: 'Publish a new catalogue version with its announcement (province, art. 9(2))', body: CatalogueBody, response: { 200: CatalogueView, ...errors } } },
    async (req, reply) => noStore(reply).send(await publishCatalogue(ctxOf(req, deps), req.body)),
  );
  app.get(
    '/api/public/announcements',
    { schema: { tags: ['public'], summary: 'Announcements of the scope of key units, newest first (art. 9(2))', response: { 200: Type.Array(AnnouncementView), ...errors } } },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=60').send(await listAnnouncements({ db: deps.db.db })),
  );

  app.get(
    `${R}/sites`,
    { schema: { tags, summary: 'Sites in scope with filters (name order, paged)', querystring: SiteListQuery, response: { 200: PageOf(SiteSummaryView), ...errors } } },
    async (req, reply) => noStore(reply).send(await listSitesFor(ctxOf(req, deps), req.query)),
  );
  app.post(
    `${R}/sites`,
    { schema: { tags, summary: 'Register a key unit (unit user) or a key public area (officer)', body: SiteBody, response: { 201: SiteDetailView, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await registerSite(ctxOf(req, deps), req.body)),
  );
  app.get(
    `${R}/sites/:id`,
    { schema: { tags, summary: 'A site with its systems, devices and open findings (officer reads of key units are recorded)', params: IdParams, response: detail } },
    async (req, reply) => noStore(reply).send(await getSiteDetail(ctxOf(req, deps), req.params.id)),
  );
  app.put(
    `${R}/sites/:id`,
    { schema: { tags, summary: 'Change a site (send its version)', params: IdParams, body: SiteUpdateBody, response: detail } },
    async (req, reply) => noStore(reply).send(await updateSiteDetails(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.post(
    `${R}/sites/:id/systems`,
    { schema: { tags, summary: 'Add a technical prevention system to a site (art. 40 types)', params: IdParams, body: SystemBody, response: { 201: SiteDetailView, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await registerSystem(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.put(
    `${R}/systems/:id`,
    { schema: { tags, summary: 'Change a system; its status only moves forward', params: IdParams, body: SystemUpdateBody, response: detail } },
    async (req, reply) => noStore(reply).send(await updateSystemDetails(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.post(
    `${R}/systems/:id/devices`,
    { schema: { tags, summary: 'Add a camera (GB/T 28181 code) or main equipment (with certificates) to a system', params: IdParams, body: DeviceBody, response: { 201: SiteDetailView, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await registerDevice(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.put(
    `${R}/devices/:id`,
    { schema: { tags, summary: 'Change a device and its certificates', params: IdParams, body: DeviceUpdateBody, response: detail } },
    async (req, reply) => noStore(reply).send(await updateDeviceDetails(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.delete(
    `${R}/devices/:id`,
    { schema: { tags, summary: 'Remove a device; its findings resolve (kept as history)', params: IdParams, response: detail } },
    async (req, reply) => noStore(reply).send(await removeDevice(ctxOf(req, deps), req.params.id)),
  );

  app.get(
    `${R}/findings`,
    { schema: { tags, summary: 'Findings in scope, filtered by division, article, category, status', querystring: FindingListQuery, response: { 200: PageOf(FindingView), ...errors } } },
    async (req, reply) => noStore(reply).send(await listFindingsFor(ctxOf(req, deps), req.query)),
  );
  app.get(
    `${R}/findings/counts`,
    { schema: { tags, summary: 'Open findings counted by division, article or category', querystring: FindingCountQuery, response: { 200: CountView, ...errors } } },
    async (req, reply) => noStore(reply).send(await countFindingsFor(ctxOf(req, deps), req.query)),
  );
}
