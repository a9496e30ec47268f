// One application: its particulars, materials, notices, opinion and decision, its history, and the
// actions the server says the caller may take now (and only those).
import { useState, type ReactNode } from 'react';
import { App, Alert, Button, Card, Col, Descriptions, Empty, List, Popconfirm, Result, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  CloseOutlined,
  FileSearchOutlined,
  NotificationOutlined,
  RollbackOutlined,
  StopOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import {
  acceptApplication,
  decideApplication,
  examineApplication,
  fetchLevels,
  getApplication,
  listCertificates,
  noticeApplication,
  rejectApplication,
  supplementApplication,
  withdrawApplication,
} from '../../api/endpoints';
import type { ApplicationAction, Material } from '../../api/types';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { ApplicationDue } from './application-due';
import { historyActionLabel, kindKey, levelKey, roleLabel } from '../../components/labels';
import { PageTitle } from '../../components/page-title';
import { ApplicationStatusTag } from '../../components/status-tag';
import { useAsync } from '../../components/use-async';
import { formatDate, formatDateTime } from '../../dates';
import { formatArticle } from '../../i18n/article';
import { useI18n } from '../../i18n/i18n-context';
import { ExamineDialog, NoticeDialog, ReasonsDialog, SupplementDialog } from './action-dialogs';

type Dialog = null | 'notice' | 'reject' | 'supplement' | 'examine' | 'approve' | 'refuse';

/** The order buttons appear in, whatever order the server lists them. */
const ACTION_ORDER: ApplicationAction[] = ['accept', 'notice', 'reject', 'examine', 'approve', 'refuse', 'supplement', 'withdraw'];

export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const app = useAsync(() => getApplication(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);

  const detail = app.data;
  const certificateId = detail?.certificateId ?? null;
  // The number of an issued certificate (the detail carries only its id).
  const cert = useAsync(
    async () => (certificateId ? (await listCertificates()).items.find((c) => c.id === certificateId) ?? null : null),
    [certificateId],
  );
  const hasChecklist = !!detail && Object.keys(detail.checklist ?? {}).length > 0;
  const levels = useAsync(async () => (hasChecklist ? fetchLevels() : []), [hasChecklist]);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      setDialog(null);
      void message.success(done);
      app.reload();
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'TRANSITION_NOT_ALLOWED')) {
        // Someone else acted meanwhile: show the case as it is now.
        setDialog(null);
        void message.warning(t('detail.conflict'));
        app.reload();
      } else {
        notifyError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  if (app.loading && !detail) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (app.error && !detail) {
    if (app.error instanceof ApiError && (app.error.status === 404 || app.error.status === 403)) {
      return <Result status={app.error.status === 404 ? '404' : '403'} title={app.error.detail} extra={<Link to="/">{t('common.backHome')}</Link>} />;
    }
    return <ErrorAlert error={app.error} />;
  }
  if (!detail) return null;

  const actions = ACTION_ORDER.filter((a) => detail.actions.includes(a));
  const buttons: Record<ApplicationAction, ReactNode> = {
    accept: (
      <Button
        key="accept"
        type="primary"
        icon={<CheckOutlined />}
        loading={busy && dialog === null}
        data-testid="action-accept"
        onClick={() => void run(() => acceptApplication(detail), t('done.accept'))}
      >
        {t('action.accept')}
      </Button>
    ),
    notice: (
      <Button key="notice" icon={<NotificationOutlined />} data-testid="action-notice" onClick={() => setDialog('notice')}>
        {t('action.notice')}
      </Button>
    ),
    reject: (
      <Button key="reject" danger icon={<StopOutlined />} data-testid="action-reject" onClick={() => setDialog('reject')}>
        {t('action.reject')}
      </Button>
    ),
    examine: (
      <Button key="examine" type="primary" icon={<FileSearchOutlined />} data-testid="action-examine" onClick={() => setDialog('examine')}>
        {t('action.examine')}
      </Button>
    ),
    approve: (
      <Button key="approve" type="primary" icon={<CheckCircleOutlined />} data-testid="action-approve" onClick={() => setDialog('approve')}>
        {t('action.approve')}
      </Button>
    ),
    refuse: (
      <Button key="refuse" danger icon={<CloseCircleOutlined />} data-testid="action-refuse" onClick={() => setDialog('refuse')}>
        {t('action.refuse')}
      </Button>
    ),
    supplement: (
      <Button key="supplement" type="primary" icon={<UploadOutlined />} data-testid="action-supplement" onClick={() => setDialog('supplement')}>
        {t('action.supplement')}
      </Button>
    ),
    withdraw: (
      <Popconfirm
        key="withdraw"
        title={t('withdraw.confirm')}
        okText={t('action.withdraw')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'withdraw-confirm' }}
        onConfirm={() => run(() => withdrawApplication(detail), t('done.withdraw'))}
      >
        <Button icon={<RollbackOutlined />} data-testid="action-withdraw">
          {t('action.withdraw')}
        </Button>
      </Popconfirm>
    ),
  };

  return (
    <>
      <PageTitle
        title={
          <Space wrap>
            {t(kindKey(detail.kind))}
            {detail.targetLevel ? <span>· {t(levelKey(detail.targetLevel))}</span> : null}
            <ApplicationStatusTag status={detail.status} testId="application-status" />
          </Space>
        }
        sub={detail.companyName}
        extra={<span data-testid="application-actions" style={{ display: 'contents' }}>{actions.map((a) => buttons[a])}</span>}
      />

      {detail.status === 'supplement_required' && detail.missingNotice?.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('detail.missingTitle')}
          data-testid="missing-notice"
          description={
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {detail.missingNotice.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ol>
          }
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t('detail.particulars')}>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              items={[
                { key: 'company', label: t('common.company'), children: detail.companyName },
                { key: 'kind', label: t('application.kind'), children: t(kindKey(detail.kind)) },
                { key: 'level', label: t('application.targetLevel'), children: detail.targetLevel ? t(levelKey(detail.targetLevel)) : '—' },
                { key: 'status', label: t('common.status'), children: <ApplicationStatusTag status={detail.status} /> },
                { key: 'submitted', label: t('application.submittedAt'), children: formatDateTime(detail.submittedAt) },
                { key: 'due', label: t('application.dueDate'), children: <ApplicationDue app={detail} /> },
                ...(detail.decidingUnit ? [{ key: 'decider', label: t('detail.decidingUnit'), children: detail.decidingUnit.name }] : []),
                ...(detail.examiningUnit ? [{ key: 'examiner', label: t('detail.examiningUnit'), children: detail.examiningUnit.name }] : []),
                ...(detail.extensionDays ? [{ key: 'ext', label: t('apply.extensionDays'), children: t('common.nDays', { n: detail.extensionDays }) }] : []),
                ...(detail.decidedAt ? [{ key: 'decided', label: t('detail.decidedAt'), children: formatDateTime(detail.decidedAt) }] : []),
                ...(detail.certificateId
                  ? [
                      {
                        key: 'cert',
                        label: t('detail.certificate'),
                        children: cert.data ? (
                          <Link to={`/verify/${encodeURIComponent(cert.data.number)}`} data-testid="application-certificate-number">
                            {cert.data.number}
                          </Link>
                        ) : (
                          <Typography.Text type="secondary">{cert.loading ? '…' : detail.certificateId}</Typography.Text>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {detail.opinion ? (
              <Alert
                type={detail.examinationPassed === false ? 'warning' : 'info'}
                style={{ marginTop: 16 }}
                title={t('detail.opinion')}
                description={detail.opinion}
                data-testid="application-opinion"
              />
            ) : null}
            {detail.reasons ? (
              <Alert
                type={detail.status === 'refused' || detail.status === 'not_accepted' ? 'error' : 'success'}
                style={{ marginTop: 16 }}
                title={t('detail.reasons')}
                description={detail.reasons}
                data-testid="application-reasons"
              />
            ) : null}
          </Card>

          <Card title={t('apply.materials')} style={{ marginTop: 16 }}>
            <Table<Material & { n: number }>
              rowKey="n"
              size="small"
              pagination={false}
              dataSource={detail.materials.map((m, i) => ({ ...m, n: i + 1 }))}
              locale={{ emptyText: t('detail.noMaterials') }}
              columns={[
                { title: '#', dataIndex: 'n', width: 48 },
                { title: t('apply.materialName'), dataIndex: 'name' },
                { title: t('apply.materialRef'), dataIndex: 'ref', render: (r: string) => <Typography.Text code>{r}</Typography.Text> },
              ]}
            />
          </Card>

          {hasChecklist ? (
            <Card title={t('apply.checklist')} style={{ marginTop: 16 }}>
              <List
                size="small"
                dataSource={Object.entries(detail.checklist)}
                renderItem={([itemId, met]) => {
                  const def = levels.data
                    ?.find((l) => l.level === detail.targetLevel)
                    ?.promotionChecklist.find((c) => c.id === itemId);
                  return (
                    <List.Item>
                      <Space>
                        {met ? <CheckOutlined style={{ color: '#389e0d' }} /> : <CloseOutlined style={{ color: '#cf1322' }} />}
                        {def ? pick(def.zh, def.en) : itemId}
                      </Space>
                    </List.Item>
                  );
                }}
              />
            </Card>
          ) : null}
        </Col>

        <Col xs={24} lg={9}>
          <Card title={t('detail.history')}>
            {detail.history.length ? (
              <Timeline
                data-testid="application-history"
                items={detail.history.map((h, i) => ({
                  key: i,
                  color: h.action === 'refuse' || h.action === 'not_accept' ? 'red' : h.action === 'approve' ? 'green' : 'blue',
                  content: (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(h.at)}
                      </Typography.Text>
                      <Typography.Text strong>{historyActionLabel(t, h.action)}</Typography.Text>
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
        <NoticeDialog open busy={busy} onCancel={() => setDialog(null)} onSubmit={(missing) => void run(() => noticeApplication(detail, missing), t('done.notice'))} />
      ) : null}
      {dialog === 'supplement' ? (
        <SupplementDialog
          open
          busy={busy}
          missing={detail.missingNotice}
          onCancel={() => setDialog(null)}
          onSubmit={(materials) => void run(() => supplementApplication(detail, materials), t('done.supplement'))}
        />
      ) : null}
      {dialog === 'examine' ? (
        <ExamineDialog
          open
          busy={busy}
          onCancel={() => setDialog(null)}
          onSubmit={(v) => void run(() => examineApplication(detail, v.pass, v.opinion), t('done.examine'))}
        />
      ) : null}
      {dialog === 'approve' || dialog === 'refuse' ? (
        <ReasonsDialog
          open
          busy={busy}
          mode={dialog}
          onCancel={() => setDialog(null)}
          onSubmit={(reasons) => void run(() => decideApplication(detail, dialog === 'approve', reasons), dialog === 'approve' ? t('done.approve') : t('done.refuse'))}
        />
      ) : null}
      {dialog === 'reject' ? (
        <ReasonsDialog
          open
          busy={busy}
          mode="reject"
          onCancel={() => setDialog(null)}
          onSubmit={(reasons) => void run(() => rejectApplication(detail, reasons), t('done.reject'))}
        />
      ) : null}
    </>
  );
}
