// One project: its particulars, authority and scale class, eligibility flags, the clocks (due date,
// days left, provisional, paused intervals), the documents and the five-class checklist, test
// reports, linked systems, and the steps the server says the caller may take now (only those),
// with a timeline from submission to acceptance.
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Popconfirm, Result, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import {
  AuditOutlined,
  CheckCircleOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  NotificationOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
  ToolOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import {
  acceptProject,
  applyAcceptance,
  approveProject,
  constructionStarted,
  designateTesting,
  getProject,
  grantAcceptance,
  noticeProject,
  notAcceptProject,
  pauseProject,
  refuseAcceptance,
  refuseProject,
  resumeProject,
  submitProject,
  submitTestReport,
  supplementProject,
  withdrawProject,
} from '../../api/projects-endpoints';
import type { ProjectAction, ProjectDetail, TestReport } from '../../api/projects-types';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { enumLabel } from '../../components/registry-labels';
import { roleLabel } from '../../components/labels';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate, formatDateTime } from '../../dates';
import { formatArticle } from '../../i18n/article';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { SystemStatusTag } from '../registry/registry-shared';
import {
  ApplyAcceptanceDialog,
  ApproveDialog,
  ConstructionStartedDialog,
  DesignateTestingDialog,
  PauseDialog,
  ProjectNoticeDialog,
  ProjectReasonsDialog,
  SupplementDialog,
  TestReportDialog,
  TestReportItems,
} from './project-dialogs';
import { checklistRows, timelineItems, missingClasses, noticeItems, orderedActions } from './project-logic';
import { docClassLabel, eligibilityReasonLabel, eventColour, projectActionLabel, projectEventLabel } from './project-labels';
import { confirmSubmitMissing, DeadlineList, DocumentChecklist, DocumentLink, projectParticulars, ProjectStatusTag } from './project-shared';

type Dialog =
  | null
  | 'notice'
  | 'not-accept'
  | 'supplement'
  | 'pause'
  | 'approve'
  | 'refuse'
  | 'construction-started'
  | 'designate-testing'
  | 'test-report'
  | 'apply-acceptance'
  | 'refuse-acceptance';

/** The negative decisions, each given with reasons (the server refuses them without). */
const REASONED: Partial<Record<NonNullable<Dialog>, { title: MessageKey; help: MessageKey; done: MessageKey; work: (p: ProjectDetail, reasons: string) => Promise<unknown> }>> = {
  'not-accept': { title: 'reject.title', help: 'pnotAccept.help', done: 'done.reject', work: notAcceptProject },
  refuse: { title: 'prefuse.title', help: 'prefuse.help', done: 'done.refuse', work: refuseProject },
  'refuse-acceptance': { title: 'refuseAcceptance.title', help: 'refuseAcceptance.help', done: 'done.refuseAcceptance', work: refuseAcceptance },
};

/** Statuses before approval: construction reported then is the art. 17 → 36 finding. */
const BEFORE_APPROVAL = ['draft', 'submitted', 'supplement_required', 'scheme_accepted'];

export default function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { t, lang, pick } = useI18n();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const project = useAsync(() => getProject(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const reasoned = dialog ? REASONED[dialog] : undefined;
  const [busy, setBusy] = useState(false);
  const p = project.data;

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      setDialog(null);
      void message.success(done);
      project.reload();
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'TRANSITION_NOT_ALLOWED')) {
        // Someone else acted meanwhile: show the project as it is now.
        setDialog(null);
        void message.warning(t('detail.conflict'));
        project.reload();
      } else {
        notifyError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  if (project.loading && !p) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (project.error && !p) {
    if (project.error instanceof ApiError && (project.error.status === 404 || project.error.status === 403)) {
      return (
        <Result
          status={project.error.status === 404 ? '404' : '403'}
          title={project.error.detail}
          extra={<Link to="/projects">{t('projects.back')}</Link>}
        />
      );
    }
    return <ErrorAlert error={project.error} />;
  }
  if (!p) return null;

  const rows = checklistRows(p.checklist, p.documents);
  const missing = missingClasses(rows);
  const flags = p.eligibilityFlags;
  const notice = noticeItems(p.missingNotice);
  const actions = orderedActions(p.actions);
  const applicantCanUpload = p.actions.includes('submit') || p.actions.includes('supplement');
  const otherDocs = p.documents.filter((d) => !rows.some((r) => r.docClass === d.docClass));

  const submitNow = () => confirmSubmitMissing(modal, t, missing, () => run(() => submitProject(p), t('done.projectSubmit')));

  const confirmButton = (action: ProjectAction, icon: ReactNode, confirm: string, work: () => Promise<unknown>, done: string, danger = false, primary = false) => (
    <Popconfirm
      key={action}
      title={confirm}
      okText={projectActionLabel(t, action)}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, 'data-testid': `${action}-confirm` }}
      onConfirm={() => run(work, done)}
    >
      <Button icon={icon} danger={danger} type={primary ? 'primary' : 'default'} data-testid={`action-${action}`}>
        {projectActionLabel(t, action)}
      </Button>
    </Popconfirm>
  );
  const dialogButton = (action: Exclude<Dialog, null>, icon: ReactNode, danger = false, primary = false) => (
    <Button key={action} icon={icon} danger={danger} type={primary ? 'primary' : 'default'} data-testid={`action-${action}`} onClick={() => setDialog(action)}>
      {projectActionLabel(t, action)}
    </Button>
  );

  const buttons: Partial<Record<ProjectAction, ReactNode>> = {
    submit: (
      <Button key="submit" type="primary" icon={<SendOutlined />} loading={busy && dialog === null} data-testid="action-submit" onClick={submitNow}>
        {projectActionLabel(t, 'submit')}
      </Button>
    ),
    accept: (
      <Button key="accept" type="primary" icon={<CheckOutlined />} loading={busy && dialog === null} data-testid="action-accept" onClick={() => void run(() => acceptProject(p), t('done.projectAccept'))}>
        {projectActionLabel(t, 'accept')}
      </Button>
    ),
    notice: dialogButton('notice', <NotificationOutlined />),
    'not-accept': dialogButton('not-accept', <StopOutlined />, true),
    supplement: dialogButton('supplement', <UploadOutlined />, false, true),
    pause: dialogButton('pause', <PauseCircleOutlined />),
    resume: confirmButton('resume', <PlayCircleOutlined />, t('resume.confirm'), () => resumeProject(p), t('done.projectResume')),
    approve: dialogButton('approve', <CheckCircleOutlined />, false, true),
    refuse: dialogButton('refuse', <CloseCircleOutlined />, true),
    'construction-started': dialogButton('construction-started', <ToolOutlined />),
    'designate-testing': dialogButton('designate-testing', <ExperimentOutlined />),
    'test-report': dialogButton('test-report', <FileDoneOutlined />, false, true),
    'apply-acceptance': dialogButton('apply-acceptance', <AuditOutlined />, false, true),
    'grant-acceptance': confirmButton('grant-acceptance', <CheckCircleOutlined />, t('grant.confirm'), () => grantAcceptance(p), t('done.grantAcceptance'), false, true),
    'refuse-acceptance': dialogButton('refuse-acceptance', <CloseCircleOutlined />, true),
    withdraw: confirmButton('withdraw', <RollbackOutlined />, t('pwithdraw.confirm'), () => withdrawProject(p), t('done.withdraw'), true),
  };

  const earlyConstruction = !!p.constructionStartedOn && BEFORE_APPROVAL.includes(p.status);

  return (
    <>
      <PageTitle
        title={
          <Space wrap>
            <span data-testid="project-title">{p.title}</span>
            <ProjectStatusTag status={p.status} testId="project-status" />
          </Space>
        }
        sub={
          <Space wrap size={4}>
            <Typography.Text type="secondary" copyable data-testid="project-number">
              {p.number}
            </Typography.Text>
            <span>·</span>
            <span>{p.site.name}</span>
          </Space>
        }
        extra={<span data-testid="project-actions" style={{ display: 'contents' }}>{actions.map((a) => buttons[a])}</span>}
      />

      {p.status === 'draft' && p.actions.includes('submit') ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('pdetail.draft')}
          action={<Link to={`/projects/${encodeURIComponent(p.id)}/wizard`} data-testid="project-continue-wizard">{t('pdetail.continueWizard')}</Link>}
        />
      ) : null}

      {notice.items.length && (p.status === 'supplement_required' || p.status === 'submitted') ? (
        <Alert
          type={p.status === 'supplement_required' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t('pdetail.noticeTitle', { date: formatDate(p.noticeIssuedOn) })}
          data-testid="project-missing-notice"
          description={
            <>
              <ol style={{ margin: 0, paddingLeft: 20 }}>
                {notice.items.map((m, i) => (
                  <li key={i} data-doc-class={m.docClass ?? ''}>
                    {pick(m.zh, m.en)}
                  </li>
                ))}
              </ol>
              {notice.note ? <Typography.Paragraph style={{ margin: '8px 0 0' }}>{notice.note}</Typography.Paragraph> : null}
            </>
          }
        />
      ) : null}

      {flags.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('pdetail.eligibilityTitle')}
          data-testid="project-eligibility"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {flags.map((f, i) => (
                <li key={i} data-article={f.article}>
                  {f.role === 'designer' ? t('project.designer') : t('project.builder')}
                  {t('common.colon')}
                  {f.role === 'designer' ? p.companies.designer.name : p.companies.builder.name}
                  {' — '}
                  {eligibilityReasonLabel(t, f.reason)}（{t('pdetail.since', { date: formatDate(f.since) })}） <Tag>{formatArticle(f.article, lang)}</Tag>
                </li>
              ))}
            </ul>
          }
        />
      ) : null}

      {earlyConstruction ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="project-early-construction"
          title={t('pdetail.earlyConstruction', { date: formatDate(p.constructionStartedOn) })}
          description={formatArticle('36', lang)}
        />
      ) : null}

      {p.reasons && (p.status === 'not_accepted' || p.status === 'scheme_refused') ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('detail.reasons')} description={p.reasons} data-testid="project-reasons" />
      ) : null}
      {p.acceptanceReasons && p.status === 'acceptance_refused' ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('pdetail.acceptanceReasons')} description={p.acceptanceReasons} data-testid="project-acceptance-reasons" />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t('detail.particulars')}>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              data-testid="project-particulars"
              items={[
                { key: 'number', label: t('project.number'), children: p.number },
                { key: 'status', label: t('common.status'), children: <ProjectStatusTag status={p.status} /> },
                {
                  key: 'site',
                  label: t('project.site'),
                  children: (
                    <Link to={`/registry/sites/${encodeURIComponent(p.site.id)}`} data-testid="project-site">
                      {p.site.name}
                    </Link>
                  ),
                },
                { key: 'siteType', label: t('site.type'), children: enumLabel(t, 'siteType', p.site.siteType) },
                ...(p.constructionUnitName ? [{ key: 'cu', label: t('project.constructionUnit'), children: p.constructionUnitName }] : []),
                ...(projectParticulars(t, p, true) ?? []),
                ...(p.receivedOn ? [{ key: 'received', label: t('project.receivedOn'), children: formatDate(p.receivedOn) }] : []),
                ...(p.acceptedOn
                  ? [
                      {
                        key: 'accepted',
                        label: t('project.acceptedOn'),
                        children: (
                          <Space wrap size={4}>
                            {formatDate(p.acceptedOn)}
                            {p.deemedAccepted ? (
                              <Tag color="gold" data-testid="project-deemed-accepted">
                                {t('project.deemedAccepted')}
                              </Tag>
                            ) : null}
                          </Space>
                        ),
                      },
                    ]
                  : []),
                ...(p.decidedOn ? [{ key: 'decided', label: t('project.decidedOn'), children: formatDate(p.decidedOn) }] : []),
                ...(p.approvalNumber ? [{ key: 'approval', label: t('papprove.number'), children: <span data-testid="project-approval-number">{p.approvalNumber}</span> }] : []),
                ...(p.constructionStartedOn ? [{ key: 'construction', label: t('construction.on'), children: formatDate(p.constructionStartedOn) }] : []),
                ...(p.testingInstitution ? [{ key: 'institution', label: t('designate.institution'), children: <span data-testid="project-institution">{p.testingInstitution.name}</span> }] : []),
                ...(p.acceptanceAppliedOn ? [{ key: 'applied', label: t('project.acceptanceAppliedOn'), children: formatDate(p.acceptanceAppliedOn) }] : []),
                ...(p.acceptanceDecidedOn ? [{ key: 'acceptDecided', label: t('project.acceptanceDecidedOn'), children: formatDate(p.acceptanceDecidedOn) }] : []),
                ...(p.acceptanceNumber ? [{ key: 'acceptNo', label: t('project.acceptanceNumber'), children: <span data-testid="project-acceptance-number">{p.acceptanceNumber}</span> }] : []),
              ]}
            />
          </Card>

          <Card title={t('pdetail.deadlines')} style={{ marginTop: 16 }}>
            <DeadlineList deadlines={p.deadlines} />
          </Card>

          <Card
            title={t('pdetail.documents')}
            style={{ marginTop: 16 }}
            extra={
              missing.length ? (
                <Tag color="orange" data-testid="project-missing-count">
                  {t('wizard.missingTitle', { n: missing.length })}
                </Tag>
              ) : (
                <Tag color="green">{t('wizard.complete')}</Tag>
              )
            }
          >
            <DocumentChecklist rows={rows} projectId={p.id} canUpload={applicantCanUpload} onUploaded={project.reload} />
            {otherDocs.length ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('pdetail.otherDocuments')}
                </Typography.Title>
                <List
                  size="small"
                  dataSource={otherDocs}
                  renderItem={(d) => (
                    <List.Item key={d.id}>
                      <Space wrap>
                        <Tag>{docClassLabel(t, d.docClass)}</Tag>
                        <DocumentLink projectId={p.id} doc={d} />
                      </Space>
                    </List.Item>
                  )}
                />
              </>
            ) : null}
          </Card>

          <Card title={t('pdetail.testReports')} style={{ marginTop: 16 }}>
            <Table<TestReport>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.testReports}
              data-testid="project-test-reports"
              scroll={{ x: 560 }}
              locale={{ emptyText: t('pdetail.noTestReports') }}
              expandable={{ expandedRowRender: (r) => <TestReportItems report={r} /> }}
              columns={[
                { title: t('testReport.number'), dataIndex: 'reportNumber' },
                { title: t('testReport.testedOn'), dataIndex: 'testedOn', render: (v: string) => formatDate(v) },
                { title: t('designate.institution'), dataIndex: 'institutionName' },
                {
                  title: t('testReport.conclusion'),
                  dataIndex: 'conclusion',
                  render: (c: string) => (
                    <Tag color={c === 'pass' ? 'green' : 'red'} data-testid="test-report-row-conclusion" data-conclusion={c}>
                      {c === 'pass' ? t('testReport.concludePass') : t('testReport.concludeFail')}
                    </Tag>
                  ),
                },
                {
                  title: t('testReport.document'),
                  dataIndex: 'documentId',
                  render: (docId: string | null) => {
                    const doc = docId ? p.documents.find((d) => d.id === docId) : undefined;
                    return doc ? <DocumentLink projectId={p.id} doc={doc} /> : '—';
                  },
                },
              ]}
            />
          </Card>

          <Card title={t('pdetail.systems')} style={{ marginTop: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.systems}
              data-testid="project-systems"
              scroll={{ x: 480 }}
              locale={{ emptyText: t('pdetail.noSystems') }}
              columns={[
                { title: t('system.name'), dataIndex: 'name' },
                { title: t('system.type'), dataIndex: 'systemType', render: (s: string) => enumLabel(t, 'systemType', s) },
                { title: t('common.status'), dataIndex: 'status', render: (s: string) => <SystemStatusTag status={s} /> },
                { title: t('pdetail.systemAcceptedOn'), dataIndex: 'acceptedOn', render: (v: string | null) => formatDate(v) },
              ]}
            />
          </Card>
        </Col>

        <Col xs={24} lg={9}>
          <Card title={t('pdetail.timeline')}>
            {p.timeline.length ? (
              <Timeline
                data-testid="project-timeline"
                items={timelineItems(p.timeline).map((h, i) => ({
                  key: i,
                  color: eventColour(h.action),
                  content: (
                    <Space orientation="vertical" size={0} data-testid="timeline-entry" data-action={h.action}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(h.at)}
                      </Typography.Text>
                      <Typography.Text strong>
                        {projectEventLabel(t, h.action)}
                        {h.count > 1 ? ` ×${h.count}` : ''}
                      </Typography.Text>
                      <Typography.Text type="secondary">{roleLabel(t, h.actorRole)}</Typography.Text>
                      {h.article ? <Tag>{formatArticle(h.article, lang)}</Tag> : null}
                    </Space>
                  ),
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>

      {dialog === 'notice' ? (
        <ProjectNoticeDialog p={p} busy={busy} onCancel={() => setDialog(null)} onSubmit={(v) => void run(() => noticeProject(p, v.missing, v.note), t('done.notice'))} />
      ) : null}
      {dialog && reasoned ? (
        <ProjectReasonsDialog
          key={dialog}
          busy={busy}
          title={t(reasoned.title)}
          help={t(reasoned.help)}
          okText={projectActionLabel(t, dialog)}
          testId={dialog}
          onCancel={() => setDialog(null)}
          onSubmit={(r) => void run(() => reasoned.work(p, r), t(reasoned.done))}
        />
      ) : null}
      {dialog === 'supplement' ? (
        <SupplementDialog p={p} busy={busy} reload={project.reload} onCancel={() => setDialog(null)} onSubmit={() => void run(() => supplementProject(p), t('done.supplement'))} />
      ) : null}
      {dialog === 'pause' ? (
        <PauseDialog busy={busy} onCancel={() => setDialog(null)} onSubmit={(v) => void run(() => pauseProject(p, v.reason, v.note), t('done.projectPause'))} />
      ) : null}
      {dialog === 'approve' ? (
        <ApproveDialog busy={busy} onCancel={() => setDialog(null)} onSubmit={(n) => void run(() => approveProject(p, n), t('done.approve'))} />
      ) : null}
      {dialog === 'construction-started' ? (
        <ConstructionStartedDialog p={p} busy={busy} onCancel={() => setDialog(null)} onSubmit={(on) => void run(() => constructionStarted(p, on), t('done.construction'))} />
      ) : null}
      {dialog === 'designate-testing' ? (
        <DesignateTestingDialog p={p} busy={busy} onCancel={() => setDialog(null)} onSubmit={(i) => void run(() => designateTesting(p, i), t('done.designate'))} />
      ) : null}
      {dialog === 'test-report' ? (
        <TestReportDialog p={p} busy={busy} onCancel={() => setDialog(null)} onSubmit={(v) => void run(() => submitTestReport(p, v), t('done.testReport'))} />
      ) : null}
      {dialog === 'apply-acceptance' ? (
        <ApplyAcceptanceDialog p={p} busy={busy} onCancel={() => setDialog(null)} onSubmit={(r) => void run(() => applyAcceptance(p, r), t('done.applyAcceptance'))} />
      ) : null}
    </>
  );
}
