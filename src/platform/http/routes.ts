import type { App } from './app.js';
import type { AppDeps } from './deps.js';
import { authRoutes } from '../identity/auth.routes.js';
import { jurisdictionRoutes } from '../jurisdictions/jurisdictions.routes.js';
import { calendarRoutes } from '../calendar/calendar.routes.js';
import { companyRoutes } from '../../procedures/companies/companies.routes.js';
import { qualificationRoutes } from '../../procedures/qualification/qualification.routes.js';
import { publicCertificateRoutes } from '../../procedures/qualification/public.routes.js';
import { registryRoutes } from '../../procedures/registry/registry.routes.js';
import { retentionRoutes } from '../../procedures/registry/retention.routes.js';
import { importRoutes } from '../../procedures/registry/import/import.routes.js';
import { projectRoutes } from '../../procedures/projects/projects.routes.js';
import { institutionRoutes } from '../../procedures/projects/institutions.routes.js';
import { documentRoutes } from '../../procedures/projects/documents.routes.js';
import { acceptanceRoutes } from '../../procedures/projects/acceptance.routes.js';
import { accessRoutes } from '../../procedures/access/access.routes.js';
import { complaintRoutes } from '../../procedures/complaints/complaints.routes.js';
import { inspectionRoutes } from '../../procedures/inspections/inspections.routes.js';
import { penaltyDocumentRoutes, penaltyRoutes } from '../../procedures/penalties/penalty.routes.js';
import { oversightRoutes } from '../../procedures/oversight/oversight.routes.js';

/** Every route module, registered explicitly in one visible list. */
export const ROUTES: ReadonlyArray<(app: App, deps: AppDeps) => void | Promise<void>> = [
  authRoutes,
  jurisdictionRoutes,
  calendarRoutes,
  companyRoutes,
  qualificationRoutes,
  publicCertificateRoutes,
  registryRoutes,
  retentionRoutes,
  importRoutes,
  projectRoutes,
  institutionRoutes,
  documentRoutes,
  acceptanceRoutes,
  accessRoutes,
  complaintRoutes,
  inspectionRoutes,
  penaltyRoutes,
  penaltyDocumentRoutes,
  oversightRoutes,
];
