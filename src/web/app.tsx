// Routes. Each page is its own lazily loaded chunk; the shell and the guards load with the app.
import { lazy } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { OFFICER_ROLES, type Role } from './api/types';
import { RequireRole } from './auth/require-role';
import { homePathFor } from './auth/roles';
import { SessionProvider, useSession } from './auth/session-context';
import { PageFallback } from './components/page-fallback';
import { I18nProvider, useI18n } from './i18n/i18n-context';
import { AppShell } from './layout/app-shell';

const LoginPage = lazy(() => import('./pages/auth/login-page'));
const RegisterPage = lazy(() => import('./pages/auth/register-page'));
const CompanyDashboardPage = lazy(() => import('./pages/company/company-dashboard-page'));
const ApplyPage = lazy(() => import('./pages/company/apply-page'));
const ApplicationDetailPage = lazy(() => import('./pages/applications/application-detail-page'));
const OfficerQueuePage = lazy(() => import('./pages/officer/officer-queue-page'));
const VerifyPage = lazy(() => import('./pages/public/verify-page'));
const CompaniesPage = lazy(() => import('./pages/public/companies-page'));
const LevelsPage = lazy(() => import('./pages/admin/levels-page'));
const SitesPage = lazy(() => import('./pages/registry/sites-page'));
const SiteFormPage = lazy(() => import('./pages/registry/site-form-page'));
const SitePage = lazy(() => import('./pages/registry/site-page'));
const FindingsPage = lazy(() => import('./pages/registry/findings-page'));
const RetentionPage = lazy(() => import('./pages/registry/retention-page'));
const ImportPage = lazy(() => import('./pages/registry/import-page'));
const CataloguePage = lazy(() => import('./pages/admin/catalogue-page'));
const ProjectsPage = lazy(() => import('./pages/projects/projects-page'));
const ProjectWizardPage = lazy(() => import('./pages/projects/project-wizard-page'));
const ProjectDetailPage = lazy(() => import('./pages/projects/project-detail-page'));
const ProjectQueuePage = lazy(() => import('./pages/projects/project-queue-page'));
const CalendarPage = lazy(() => import('./pages/calendar/calendar-page'));
const CalendarYearPage = lazy(() => import('./pages/calendar/calendar-year-page'));
const InstitutionsPage = lazy(() => import('./pages/admin/institutions-page'));
const AccessRequestsPage = lazy(() => import('./pages/access/requests-page'));
const AccessRequestFormPage = lazy(() => import('./pages/access/request-form-page'));
const AccessRequestPage = lazy(() => import('./pages/access/request-page'));
const AccessQueuePage = lazy(() => import('./pages/access/queue-page'));
const GrantPage = lazy(() => import('./pages/access/grant-page'));
const RegisterEntriesPage = lazy(() => import('./pages/access/register-page'));
const OversightPage = lazy(() => import('./pages/access/oversight-page'));
const AccessDepartmentsPage = lazy(() => import('./pages/access/departments-page'));
const ComplaintFormPage = lazy(() => import('./pages/complaints/complaint-form-page'));
const ComplaintStatusPage = lazy(() => import('./pages/complaints/complaint-status-page'));
const ComplaintsQueuePage = lazy(() => import('./pages/complaints/complaints-queue-page'));
const ComplaintDetailPage = lazy(() => import('./pages/complaints/complaint-detail-page'));
const ComplaintOversightPage = lazy(() => import('./pages/complaints/complaint-oversight-page'));
const InspectionsPage = lazy(() => import('./pages/inspections/inspections-page'));
const InspectionPlanPage = lazy(() => import('./pages/inspections/plan-page'));
const InspectionPage = lazy(() => import('./pages/inspections/inspection-page'));
const RectificationOrdersPage = lazy(() => import('./pages/inspections/orders-page'));
const RectificationOrderPage = lazy(() => import('./pages/inspections/order-page'));
const PenaltyCasesPage = lazy(() => import('./pages/penalties/cases-page'));
const PenaltyCaseNewPage = lazy(() => import('./pages/penalties/case-new-page'));
const PenaltyCasePage = lazy(() => import('./pages/penalties/case-page'));
const PenaltySettingsPage = lazy(() => import('./pages/penalties/settings-page'));
const CreditPage = lazy(() => import('./pages/credit/credit-page'));
const SupervisionOversightPage = lazy(() => import('./pages/oversight/oversight-page'));
const LedgerEntryPage = lazy(() => import('./pages/oversight/ledger-entry-page'));
const NotFoundPage = lazy(() => import('./pages/home/not-found-page'));

const COMPANY: readonly Role[] = ['company_user'];
const OFFICERS: readonly Role[] = OFFICER_ROLES;
const CASE_PARTIES: readonly Role[] = ['company_user', ...OFFICER_ROLES];
const PROVINCE: readonly Role[] = ['province_officer'];
/** The registry: unit users their own sites, officers their jurisdiction. */
const REGISTRY: readonly Role[] = ['unit_user', ...OFFICER_ROLES];
/** Projects (art. 17–19): the construction unit, the bureaus, the companies on them, the testing institution. */
const PROJECT_READERS: readonly Role[] = ['unit_user', 'company_user', 'testing_institution', ...OFFICER_ROLES];
/** Who drafts projects: unit users for their key units, officers for public areas. */
const PROJECT_APPLICANTS: readonly Role[] = ['unit_user', ...OFFICER_ROLES];
/** Complaints (art. 30, 39): the bureaus handle theirs, the supervisory organ those about officials. */
const COMPLAINT_HANDLERS: readonly Role[] = [...OFFICER_ROLES, 'supervisor'];
const SUPERVISOR: readonly Role[] = ['supervisor'];
/** Inspections (art. 29): officers and the supervisory organ; units read their completed inspections and their orders. */
const INSPECTION_READERS: readonly Role[] = ['unit_user', 'supervisor', ...OFFICER_ROLES];
const INSPECTION_PLANNERS: readonly Role[] = ['supervisor', ...OFFICER_ROLES];
const RECTIFICATION_READERS: readonly Role[] = ['unit_user', ...OFFICER_ROLES];
/** Penalty cases (art. 32–38): the bureaus, the party's unit, the supervisory organ. */
const CASE_READERS: readonly Role[] = ['unit_user', 'company_user', 'supervisor', ...OFFICER_ROLES];

/** Information access (art. 21(3), 26, 27, 39); the server scopes each record (404 outside one's view). */
const ACCESS_REQUESTERS: readonly Role[] = ['unit_user', 'department_user', ...OFFICER_ROLES];
const ACCESS_READERS: readonly Role[] = ['unit_user', 'department_user', 'supervisor', ...OFFICER_ROLES];
const ACCESS_REGISTER: readonly Role[] = ['unit_user', 'supervisor', ...OFFICER_ROLES];
const ACCESS_OVERSIGHT: readonly Role[] = ['supervisor', 'province_officer'];

function HomeRedirect() {
  const { state } = useSession();
  if (state.status === 'loading') return <PageFallback />;
  return <Navigate to={homePathFor(state.user?.role)} replace />;
}

const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'verify', element: <VerifyPage /> },
      { path: 'verify/:number', element: <VerifyPage /> },
      { path: 'companies', element: <CompaniesPage /> },
      { path: 'company', element: <RequireRole roles={COMPANY}><CompanyDashboardPage /></RequireRole> },
      { path: 'company/apply', element: <RequireRole roles={COMPANY}><ApplyPage /></RequireRole> },
      { path: 'applications/:id', element: <RequireRole roles={CASE_PARTIES}><ApplicationDetailPage /></RequireRole> },
      { path: 'officer/queue', element: <RequireRole roles={OFFICERS}><OfficerQueuePage /></RequireRole> },
      { path: 'admin/levels', element: <RequireRole roles={PROVINCE}><LevelsPage /></RequireRole> },
      { path: 'admin/catalogue', element: <RequireRole roles={PROVINCE}><CataloguePage /></RequireRole> },
      { path: 'registry/sites', element: <RequireRole roles={REGISTRY}><SitesPage /></RequireRole> },
      { path: 'registry/sites/new', element: <RequireRole roles={REGISTRY}><SiteFormPage /></RequireRole> },
      { path: 'registry/sites/:id', element: <RequireRole roles={REGISTRY}><SitePage /></RequireRole> },
      { path: 'registry/sites/:id/edit', element: <RequireRole roles={REGISTRY}><SiteFormPage /></RequireRole> },
      { path: 'registry/findings', element: <RequireRole roles={REGISTRY}><FindingsPage /></RequireRole> },
      { path: 'registry/retention', element: <RequireRole roles={REGISTRY}><RetentionPage /></RequireRole> },
      { path: 'registry/import', element: <RequireRole roles={REGISTRY}><ImportPage /></RequireRole> },
      { path: 'projects', element: <RequireRole roles={PROJECT_READERS}><ProjectsPage /></RequireRole> },
      { path: 'projects/new', element: <RequireRole roles={PROJECT_APPLICANTS}><ProjectWizardPage /></RequireRole> },
      { path: 'projects/:id', element: <RequireRole roles={PROJECT_READERS}><ProjectDetailPage /></RequireRole> },
      { path: 'projects/:id/wizard', element: <RequireRole roles={PROJECT_APPLICANTS}><ProjectWizardPage /></RequireRole> },
      { path: 'officer/projects', element: <RequireRole roles={OFFICERS}><ProjectQueuePage /></RequireRole> },
      { path: 'calendar', element: <RequireRole roles={OFFICERS}><CalendarPage /></RequireRole> },
      { path: 'calendar/:year', element: <RequireRole roles={OFFICERS}><CalendarYearPage /></RequireRole> },
      { path: 'admin/institutions', element: <RequireRole roles={PROVINCE}><InstitutionsPage /></RequireRole> },
      { path: 'access/requests', element: <RequireRole roles={ACCESS_READERS}><AccessRequestsPage /></RequireRole> },
      { path: 'access/requests/new', element: <RequireRole roles={ACCESS_REQUESTERS}><AccessRequestFormPage /></RequireRole> },
      { path: 'access/requests/:id', element: <RequireRole roles={ACCESS_READERS}><AccessRequestPage /></RequireRole> },
      { path: 'access/queue', element: <RequireRole roles={ACCESS_REQUESTERS}><AccessQueuePage /></RequireRole> },
      { path: 'access/grants/:id', element: <RequireRole roles={ACCESS_READERS}><GrantPage /></RequireRole> },
      { path: 'access/register', element: <RequireRole roles={ACCESS_REGISTER}><RegisterEntriesPage /></RequireRole> },
      { path: 'access/oversight', element: <RequireRole roles={ACCESS_OVERSIGHT}><OversightPage /></RequireRole> },
      { path: 'access/departments', element: <RequireRole roles={PROVINCE}><AccessDepartmentsPage /></RequireRole> },
      // Complaints and reports (art. 30, 39): the form and status page are public; officers and the supervisor handle.
      { path: 'complaints/new', element: <ComplaintFormPage /> },
      { path: 'complaints/status', element: <ComplaintStatusPage /> },
      { path: 'complaints', element: <RequireRole roles={COMPLAINT_HANDLERS}><ComplaintsQueuePage /></RequireRole> },
      { path: 'complaints/:id', element: <RequireRole roles={COMPLAINT_HANDLERS}><ComplaintDetailPage /></RequireRole> },
      { path: 'oversight/complaints', element: <RequireRole roles={SUPERVISOR}><ComplaintOversightPage /></RequireRole> },
      // Supervision and inspection (art. 29): officers inspect; a unit sees its completed inspections and its orders.
      { path: 'inspections', element: <RequireRole roles={INSPECTION_READERS}><InspectionsPage /></RequireRole> },
      { path: 'inspections/plans/:id', element: <RequireRole roles={INSPECTION_PLANNERS}><InspectionPlanPage /></RequireRole> },
      { path: 'inspections/:id', element: <RequireRole roles={INSPECTION_READERS}><InspectionPage /></RequireRole> },
      { path: 'rectification-orders', element: <RequireRole roles={RECTIFICATION_READERS}><RectificationOrdersPage /></RequireRole> },
      { path: 'rectification-orders/:id', element: <RequireRole roles={RECTIFICATION_READERS}><RectificationOrderPage /></RequireRole> },
      // Penalty cases (art. 32–38): officers handle, the unit answers, the supervisor reads; the 双公示 lists are public (art. 31).
      { path: 'penalty-cases', element: <RequireRole roles={CASE_READERS}><PenaltyCasesPage /></RequireRole> },
      { path: 'penalty-cases/new', element: <RequireRole roles={OFFICERS}><PenaltyCaseNewPage /></RequireRole> },
      { path: 'penalty-cases/:id', element: <RequireRole roles={CASE_READERS}><PenaltyCasePage /></RequireRole> },
      { path: 'admin/penalty-settings', element: <RequireRole roles={PROVINCE}><PenaltySettingsPage /></RequireRole> },
      { path: 'penalty-decisions', element: <CreditPage /> },
      // Oversight of officials (art. 39): overdue decisions of every procedure, reports not acted on, the ledger behind them.
      { path: 'oversight', element: <RequireRole roles={ACCESS_OVERSIGHT}><SupervisionOversightPage /></RequireRole> },
      { path: 'oversight/ledger/:seq', element: <RequireRole roles={ACCESS_OVERSIGHT}><LedgerEntryPage /></RequireRole> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** antd's theme: a restrained government blue, square-ish corners, Chinese-first font stack. */
const THEME = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: '#123e7c',
    colorInfo: '#123e7c',
    colorLink: '#1a56a8',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#0f2f5e', headerHeight: 60, headerPadding: '0 24px', bodyBg: '#f3f5f9', footerBg: '#f3f5f9' },
    Menu: { darkItemBg: '#0f2f5e', darkItemSelectedBg: '#1d4f94', darkPopupBg: '#0f2f5e' },
  },
};

function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUSLocale : zhCNLocale} theme={THEME}>
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}
