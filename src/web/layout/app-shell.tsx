// The frame around every page: header with the product name, the role's menu, language and user.
import { Suspense, type ReactNode } from 'react';
import { Flex, Layout, Menu, Typography } from 'antd';
import {
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  ExperimentOutlined,
  ProjectOutlined,
  CloudUploadOutlined,
  DatabaseOutlined,
  ProfileOutlined,
  DashboardOutlined,
  FileAddOutlined,
  SafetyCertificateFilled,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  EyeOutlined,
  FileSearchOutlined,
  CheckSquareOutlined,
  BookOutlined,
  FundViewOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { PageFallback } from '../components/page-fallback';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from './language-switch';
import { UserMenu } from './user-menu';
import { menuFor, selectedMenuKey, type MenuEntry } from './menu-items';

const ICONS: Record<MenuEntry['icon'], ReactNode> = {
  dashboard: <DashboardOutlined />,
  apply: <FileAddOutlined />,
  queue: <AuditOutlined />,
  levels: <SettingOutlined />,
  verify: <SafetyCertificateOutlined />,
  companies: <TeamOutlined />,
  sites: <BankOutlined />,
  findings: <AlertOutlined />,
  retention: <DatabaseOutlined />,
  import: <CloudUploadOutlined />,
  catalogue: <ProfileOutlined />,
  projects: <ProjectOutlined />,
  schemeQueue: <ClockCircleOutlined />,
  calendar: <CalendarOutlined />,
  institutions: <ExperimentOutlined />,
  accessRequests: <EyeOutlined />,
  accessNew: <FileSearchOutlined />,
  accessQueue: <CheckSquareOutlined />,
  accessRegister: <BookOutlined />,
  accessOversight: <FundViewOutlined />,
};

export function AppShell() {
  const { user } = useSession();
  const { t, lang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const entries = menuFor(user?.role);
  const selected = selectedMenuKey(entries, location.pathname);

  return (
    <Layout className="jf-layout">
      <Layout.Header className="jf-header">
        <Link to="/" className={lang === 'en' ? 'jf-brand jf-brand-en' : 'jf-brand'} aria-label={t('app.name')}>
          <SafetyCertificateFilled className="jf-brand-icon" />
          <span className="jf-brand-short">{t('app.short')}</span>
          <span className="jf-brand-dot">·</span>
          <span className="jf-brand-long">{t('app.long')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          className="jf-menu"
          selectedKeys={selected ? [selected] : []}
          onClick={({ key }) => navigate(key)}
          items={entries.map((e) => ({
            key: e.path,
            icon: ICONS[e.icon],
            label: <span data-testid={`menu-${e.path.slice(1).replace(/\//g, '-')}`}>{t(e.label)}</span>,
          }))}
        />
        <Flex align="center" gap={12} className="jf-header-right">
          <LanguageSwitch />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout.Content className="jf-content">
        <div className="jf-page">
          <Suspense fallback={<PageFallback />}>
            <Outlet />
          </Suspense>
        </div>
      </Layout.Content>
      <Layout.Footer className="jf-footer">
        <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
