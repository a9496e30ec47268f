// 技防项目: the projects in the caller's scope (a unit its own, officers their jurisdiction and
// their bureau's, companies those they design or build, a testing institution those designated to
// it), most recently changed first, filtered by status.
import { Button, Card, Flex, Select, Table, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { listProjects } from '../../api/projects-endpoints';
import { PROJECT_STATUSES, type ProjectStatus, type ProjectSummary } from '../../api/projects-types';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { isOfficer } from '../../auth/roles';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { statusLabel } from '../../status';
import { orderedActions } from './project-logic';
import { projectActionLabel, projectStatus } from './project-labels';
import { DeadlineCell, ScaleClassTag, projectColumns, projectRowProps } from './project-shared';

const PAGE_SIZE = 20;

export default function ProjectsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as ProjectStatus | null) ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const projects = useAsync(() => listProjects({ status, page, pageSize: PAGE_SIZE }), [status, page]);
  const canCreate = user?.role === 'unit_user' || isOfficer(user?.role);
  const institution = user?.role === 'testing_institution';

  const setQuery = (next: { status?: string; page?: number }) => {
    const p = new URLSearchParams();
    const s = 'status' in next ? next.status : status;
    if (s) p.set('status', s);
    const pg = next.page ?? 1;
    if (pg > 1) p.set('page', String(pg));
    setParams(p, { replace: true });
  };

  return (
    <>
      <PageTitle
        title={institution ? t('projects.titleInstitution') : t('projects.title')}
        sub={institution ? t('projects.introInstitution') : t('projects.intro')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={projects.reload} data-testid="projects-refresh">
              {t('common.refresh')}
            </Button>
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')} data-testid="projects-new">
                {t('projects.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            style={{ minWidth: 220 }}
            placeholder={t('queue.statusFilter')}
            value={status}
            onChange={(v?: string) => setQuery({ status: v })}
            data-testid="projects-status-filter"
            aria-label={t('queue.statusFilter')}
            options={PROJECT_STATUSES.map((s) => ({ value: s, label: statusLabel(projectStatus(s), lang) }))}
          />
        </Flex>
        <ErrorAlert error={projects.error} />
        <Table<ProjectSummary>
          rowKey="id"
          loading={projects.loading}
          dataSource={projects.data?.items ?? []}
          scroll={{ x: 1000 }}
          data-testid="projects-table"
          locale={{ emptyText: t('projects.empty') }}
          {...projectRowProps(navigate)}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: projects.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { n }),
            onChange: (pg) => setQuery({ page: pg }),
          }}
          columns={[
            ...projectColumns(t, 'project-open', (p) =>
              orderedActions(p.actions)
                .filter((a) => a !== 'withdraw')
                .slice(0, 1)
                .map((a) => (
                  <Tag key={a} color="blue" data-testid="project-todo" data-action={a}>
                    {t('projects.todo', { action: projectActionLabel(t, a) })}
                  </Tag>
                )),
            ),
            { title: t('project.scaleClass'), dataIndex: 'scaleClass', width: 90, render: (c: number) => <ScaleClassTag scaleClass={c} /> },
            { title: t('project.authority'), dataIndex: ['authority', 'name'] },
            { title: t('deadline.due'), key: 'due', width: 220, render: (_: unknown, p) => <DeadlineCell p={p} /> },
            { title: t('projects.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </>
  );
}
