import type { FastifyError } from 'fastify';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { sendStoredFile } from '../../platform/files/download.js';
import { tooLarge } from '../../platform/files/sniff.js';
import { completeInspection, createTargetedInspection, getInspectionDetail, listInspectionsFor, recordItem } from './inspections.actions.js';
import type { ChecklistItemNo } from './inspections.rules.js';
import { createPlan, drawPlan, getPlanDetail, listPlansFor, verifyDraw } from './plans.actions.js';
import { authoriseCorrectionPhoto, authoriseInspectionPhoto, openPhoto, uploadCorrectionPhoto, uploadInspectionPhoto } from './photos.actions.js';
import { getOrderDetail, issueRectificationOrder, listOrdersFor, reportCorrection, verifyCorrection } from './rectification.actions.js';
import {
  Binary,
  CompleteBody,
  CorrectionPhotoQuery,
  CreatePlanBody,
  DrawCheckView,
  IdParams,
  InspectionDetailView,
  InspectionListQuery,
  InspectionPage,
  IssueOrderBody,
  ItemParams,
  OrderDetailView,
  OrderListQuery,
  OrderPage,
  PhotoParams,
  PhotoQuery,
  PhotoView,
  PlanDetailView,
  PlanListQuery,
  PlanPage,
  ProblemView,
  RecordItemBody,
  ReportBody,
  TargetedBody,
  VerifyBody,
  VersionBody,
} from './inspections.schemas.js';

/**
 * Supervision and inspection (art. 29): plans and 双随机 draws, inspections with the checklist of
 * art. 29 (1)–(6), photos, rectification orders. Thin handlers: schema → action → present.
 */
export async function inspectionRoutes(app: App, deps: AppDeps): Promise<void> {
  const tags = ['inspections'];
  const errors = { '4xx': ProblemView };
  const I = '/api/inspections';
  const PL = '/api/inspections/plans';
  const R = '/api/rectification-orders';

  // ---- Plans and draws ----
  app.get(PL, { schema: { tags, summary: 'Inspection plans of my bureau and area, newest first', querystring: PlanListQuery, response: { 200: PlanPage, ...errors } } }, async (req, reply) =>
    noStore(reply).send(await listPlansFor(ctxOf(req, deps), req.query)),
  );
  app.post(
    PL,
    { schema: { tags, summary: 'Create a random (双随机) inspection plan over my bureau’s area', body: CreatePlanBody, response: { 201: PlanDetailView, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await createPlan(ctxOf(req, deps), req.body)),
  );
  app.get(`${PL}/:id`, { schema: { tags, summary: 'One plan with its draw and inspections', params: IdParams, response: { 200: PlanDetailView, ...errors } } }, async (req, reply) =>
    noStore(reply).send(await getPlanDetail(ctxOf(req, deps), req.params.id)),
  );
  app.post(
    `${PL}/:id/draw`,
    {
      schema: {
        tags,
        summary: 'Draw targets and inspectors at random (once): a recorded 32-byte seed, candidate digests in the ledger',
        params: IdParams,
        body: VersionBody,
        response: { 200: PlanDetailView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await drawPlan(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.get(
    `${PL}/:id/verify`,
    { schema: { tags, summary: 'Reproduce the draw from its seed and check the candidate digests against the ledger', params: IdParams, response: { 200: DrawCheckView, ...errors } } },
    async (req, reply) => noStore(reply).send(await verifyDraw(ctxOf(req, deps), req.params.id)),
  );

  // ---- Inspections ----
  app.get(
    I,
    { schema: { tags, summary: 'Inspections in scope (units: completed inspections of their sites); assigned=me for my own', querystring: InspectionListQuery, response: { 200: InspectionPage, ...errors } } },
    async (req, reply) => noStore(reply).send(await listInspectionsFor(ctxOf(req, deps), req.query)),
  );
  app.post(
    I,
    { schema: { tags, summary: 'A targeted inspection after a complaint, a finding, or on the officer’s initiative', body: TargetedBody, response: { 201: InspectionDetailView, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await createTargetedInspection(ctxOf(req, deps), req.body)),
  );
  app.get(`${I}/:id`, { schema: { tags, summary: 'One inspection: checklist, photos, order, timeline', params: IdParams, response: { 200: InspectionDetailView, ...errors } } }, async (req, reply) =>
    noStore(reply).send(await getInspectionDetail(ctxOf(req, deps), req.params.id)),
  );
  app.put(
    `${I}/:id/items/:item`,
    { schema: { tags, summary: 'Confirm one checklist item (ok / problem with its article / not applicable)', params: ItemParams, body: RecordItemBody, response: { 200: InspectionDetailView, ...errors } } },
    async (req, reply) => noStore(reply).send(await recordItem(ctxOf(req, deps), req.params.id, Number(req.params.item) as ChecklistItemNo, req.body)),
  );
  app.post(
    `${I}/:id/complete`,
    { schema: { tags, summary: 'Complete the inspection (every item confirmed)', params: IdParams, body: CompleteBody, response: { 200: InspectionDetailView, ...errors } } },
    async (req, reply) => noStore(reply).send(await completeInspection(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.post(
    `${I}/:id/rectification-order`,
    {
      schema: {
        tags,
        summary: 'Issue the rectification order for the problems found (default 10 working days)',
        params: IdParams,
        body: IssueOrderBody,
        response: { 201: OrderDetailView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).code(201).send(await issueRectificationOrder(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.get(
    `${I}/:id/photos/:photoId`,
    { schema: { tags, summary: 'A photo (whoever sees the inspection or the order; recorded in the ledger)', params: PhotoParams, produces: ['image/png', 'image/jpeg'], response: { 200: Binary, ...errors } } },
    async (req, reply) => {
      const { view, stream, size } = await openPhoto(ctxOf(req, deps), req.params.id, req.params.photoId);
      // Inline: photos are shown in the inspection page.
      return sendStoredFile(reply, { fileName: view.fileName, mediaType: view.mediaType, stream, size }, 'inline');
    },
  );

  // ---- Rectification orders ----
  app.get(R, { schema: { tags, summary: 'Rectification orders in scope (a unit: its inbox)', querystring: OrderListQuery, response: { 200: OrderPage, ...errors } } }, async (req, reply) =>
    noStore(reply).send(await listOrdersFor(ctxOf(req, deps), req.query)),
  );
  app.get(`${R}/:id`, { schema: { tags, summary: 'One order: items, deadline (days left), photos, timeline', params: IdParams, response: { 200: OrderDetailView, ...errors } } }, async (req, reply) =>
    noStore(reply).send(await getOrderDetail(ctxOf(req, deps), req.params.id)),
  );
  app.post(
    `${R}/:id/report`,
    { schema: { tags, summary: 'The unit reports its correction (note, optional photo uploaded to the order)', params: IdParams, body: ReportBody, response: { 200: OrderDetailView, ...errors } } },
    async (req, reply) => noStore(reply).send(await reportCorrection(ctxOf(req, deps), req.params.id, req.body)),
  );
  app.post(
    `${R}/:id/verify`,
    { schema: { tags, summary: 'Re-inspection by the issuing bureau: corrected (closed) or not corrected (failed)', params: IdParams, body: VerifyBody, response: { 200: OrderDetailView, ...errors } } },
    async (req, reply) => noStore(reply).send(await verifyCorrection(ctxOf(req, deps), req.params.id, req.body)),
  );

  // ---- Photo uploads: raw bodies, in their own scope so the catch-all parser stays here ----
  await app.register(async (scope) => {
    const maxBytes = deps.config.documentMaxBytes;
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((err: FastifyError) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge(maxBytes);
      throw err;
    });
    const idOf = (req: { params: unknown }) => {
      const id = (req.params as Record<string, unknown>).id;
      if (typeof id !== 'string' || id.length > 64) throw new AppError('NOT_FOUND');
      return id;
    };
    (scope as App).put(
      `${I}/:id/photos`,
      {
        bodyLimit: maxBytes,
        onRequest: async (req) => authoriseInspectionPhoto(ctxOf(req, deps), idOf(req), req.headers['content-length']),
        schema: {
          tags,
          summary: 'Upload a photo to an open inspection (raw body; PNG or JPEG, checked by content)',
          params: IdParams,
          querystring: PhotoQuery,
          response: { 201: PhotoView, ...errors },
        },
      },
      async (req, reply) => {
        const body = req.body as unknown;
        if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const item = req.query.item ? Number(req.query.item) : null;
        return noStore(reply).code(201).send(await uploadInspectionPhoto(ctxOf(req, deps), req.params.id, { item, fileName: req.query.fileName, bytes: body }));
      },
    );
    (scope as App).put(
      `${R}/:id/photos`,
      {
        bodyLimit: maxBytes,
        onRequest: async (req) => authoriseCorrectionPhoto(ctxOf(req, deps), idOf(req), req.headers['content-length']),
        schema: {
          tags,
          summary: 'The unit uploads a photo of its correction to the order (raw body; PNG or JPEG)',
          params: IdParams,
          querystring: CorrectionPhotoQuery,
          response: { 201: PhotoView, ...errors },
        },
      },
      async (req, reply) => {
        const body = req.body as unknown;
        if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        return noStore(reply).code(201).send(await uploadCorrectionPhoto(ctxOf(req, deps), req.params.id, { fileName: req.query.fileName, bytes: body }));
      },
    );
  });
}
