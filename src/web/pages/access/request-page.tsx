// One access request walked through the matrix of art. 26–27: every condition of its cell, met or missing and why
// (with the article, and the defects of approvals that do not count), the duties the grant will carry, free of
// charge (art. 25), the persons (masked), cameras, approvals and consent, and the steps this user may take now.
// When the conditions hold, the grant is issued in the same step and linked here.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, List, Modal, Popconfirm, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { BookOutlined, CheckOutlined, CloseOutlined, FileAddOutlined, RollbackOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { decideAccessApproval, decideAccessConsent, getAccessRequest, revokeGrant, supplementAccessRequest, withdrawAccessRequest } from '../../api/access-endpoints';
import type { RequestStep, StepResult } from '../../api/access-types';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { isMessageKey } from '../../i18n/translate';
import { hasStep } from './access-logic';
import { AccessStatusTag, ActionTag, Article, ConditionChecklist, FreeTag, kindLabel, OfficialsList } from './access-shared';
import { ApprovalDialog, ConsentDialog, SupplementDialog } from './request-dialogs';

type Dialog =
  | null
  | { kind: 'approval'; initial: 'approved' | 'refused' }
  | { kind: 'consent'; initial: 'consented' | 'refused' }
  | { kind: 'supplement' }
  | { kind: 'revoke' };

function RevokeDialog({ open, busy, onCancel, onSubmit }: { open: boolean; busy: boolean; onCancel: () => void; onSubmit: (reasons: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reasons: string }>();
  return (
    <Modal
      open={open}
      title={t('access.detail.revokeTitle')}
      okText={t('access.detail.revoke')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'access-revoke-submit' }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => onSubmit(v.reasons.trim())}>
        <Form.Item name="reasons" label={t('access.detail.reasons')} rules={[{ required: true, whitespace: true, message: t('access.detail.reasonsRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="access-revoke-reasons" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function AccessRequestPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const request = useAsync(() => getAccessRequest(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const r = request.data;

  const run = async (work: () => Promise<StepResult | { revokedAt: string }>, done: string) => {
    setBusy(true);
    try {
      const res = await work();
      setDialog(null);
      void message.success('status' in res && res.status === 'granted' ? t('access.detail.nowGranted') : done);
      request.reload();
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'TRANSITION_NOT_ALLOWED')) {
        setDialog(null);
        void message.warning(t('detail.conflict'));
        request.reload();
      } else {
        notifyError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  if (request.loading && !r) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!r) {
    if (request.error instanceof ApiError && (request.error.status === 404 || request.error.status === 403)) {
      return <Result status="404" title={t('access.detail.notFound')} extra={<Link to="/access/requests">{t('common.back')}</Link>} />;
    }
    return <ErrorAlert error={request.error} />;
  }

  // The server's `actions`: the steps this user may take now (no guessing from the role).
  const can = (step: RequestStep) => hasStep(r, step);
  const missingCodes = r.evaluation.missing.map((c) => c.code);

  return (
    <div data-testid="access-request-page" data-request-id={r.id} data-status={r.status}>
      <PageTitle
        title={
          <Space wrap>
            {t('access.detail.title')}
            <AccessStatusTag status={r.status} />
            <FreeTag free={r.freeOfCharge} />
          </Space>
        }
        sub={`${r.requester.organisation}${r.requester.name ? `（${r.requester.name}）` : ''} · ${kindLabel(t, r.requesterKind)} · ${formatDateTime(r.createdAt)}`}
        extra={
          <>
            {can('approve') ? (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog({ kind: 'approval', initial: 'approved' })} data-testid="access-approve">
                {t('access.detail.approve')}
              </Button>
            ) : null}
            {can('refuse') ? (
              <Button danger icon={<CloseOutlined />} onClick={() => setDialog({ kind: 'approval', initial: 'refused' })} data-testid="access-refuse">
                {t('access.detail.refuse')}
              </Button>
            ) : null}
            {can('consent') ? (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog({ kind: 'consent', initial: 'consented' })} data-testid="access-consent">
                {t('access.detail.consent')}
              </Button>
            ) : null}
            {can('refuse-consent') ? (
              <Button danger icon={<CloseOutlined />} onClick={() => setDialog({ kind: 'consent', initial: 'refused' })} data-testid="access-refuse-consent">
                {t('access.detail.refuseConsent')}
              </Button>
            ) : null}
            {can('revoke') && r.grant ? (
              <Button danger icon={<StopOutlined />} onClick={() => setDialog({ kind: 'revoke' })} data-testid="access-revoke">
                {t('access.detail.revoke')}
              </Button>
            ) : null}
            {can('withdraw') ? (
              <Popconfirm
                title={t('access.detail.withdrawConfirm')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => run(() => withdrawAccessRequest(r.id), t('access.detail.withdrawn'))}
                okButtonProps={{ 'data-testid': 'access-withdraw-confirm' }}
              >
                <Button icon={<RollbackOutlined />} data-testid="access-withdraw">
                  {t('access.detail.withdraw')}
                </Button>
              </Popconfirm>
            ) : null}
            {can('supplement') ? (
              <Button icon={<FileAddOutlined />} onClick={() => setDialog({ kind: 'supplement' })} data-testid="access-supplement">
                {t('access.detail.supplement')}
              </Button>
            ) : null}
          </>
        }
      />

      {r.status === 'refused' && r.refusalReasons ? (
        <Alert type="error" showIcon title={t('access.detail.refusal')} description={r.refusalReasons} style={{ marginBottom: 16 }} data-testid="access-refusal" />
      ) : null}

      {r.grant?.revocation ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="access-grant-revoked"
          title={`${t(r.grant.revocation.cause === 'withdrawn' ? 'access.detail.revocation.withdrawn' : 'access.detail.revocation.revoked')} · ${formatDateTime(r.grant.revocation.at)}`}
          description={r.grant.revocation.reasons || undefined}
        />
      ) : null}
      {r.grant ? (
        <Alert
          type={r.grant.revocation ? 'info' : 'success'}
          showIcon
          icon={<SafetyCertificateOutlined />}
          style={{ marginBottom: 16 }}
          data-testid="access-grant-banner"
          title={`${t('access.detail.grant')} · ${t('access.grant.expiresAt')} ${formatDateTime(r.grant.expiresAt)}`}
          description={
            <Space wrap>
              <Link to={`/access/grants/${encodeURIComponent(r.grant.id)}`} data-testid="access-open-grant" data-grant-id={r.grant.id}>
                <Button type="primary" size="small" icon={<SafetyCertificateOutlined />}>
                  {t('access.detail.openGrant')}
                </Button>
              </Link>
              <Link to={`/access/register?requestId=${encodeURIComponent(r.id)}`} data-testid="access-open-register">
                <Button size="small" icon={<BookOutlined />}>
                  {t('access.detail.openRegister')}
                </Button>
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.grant.alg} · {r.grant.keyId}
              </Typography.Text>
            </Space>
          }
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            title={
              <Space wrap>
                {t('access.detail.matrix')}
                <Tag>
                  {t('access.detail.basis')} <Article article={r.evaluation.basis} />
                </Tag>
              </Space>
            }
            size="small"
            data-testid="access-matrix"
          >
            <ConditionChecklist evaluation={r.evaluation} />
            {r.evaluation.duties.length ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('access.detail.duties')}
                </Typography.Title>
                <List
                  size="small"
                  dataSource={r.evaluation.duties}
                  data-testid="access-duties"
                  renderItem={(d) => (
                    <List.Item data-testid={`access-duty-${d.code}`}>
                      <Space wrap>
                        {pick(d.zh, d.en)}
                        <Article article={d.article} />
                      </Space>
                    </List.Item>
                  )}
                />
              </>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('access.detail.particulars')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small" data-testid="access-particulars">
              <Descriptions.Item label={t('access.col.organisation')}>
                <span data-testid="access-requester-organisation">{r.requester.organisation}</span>
              </Descriptions.Item>
              {r.requester.name ? (
                <Descriptions.Item label={t('access.detail.requester')}>
                  <span data-testid="access-requester-name">{r.requester.name}</span>
                  {r.requester.isMe ? <Tag style={{ marginLeft: 8 }}>{t('access.detail.requesterIsMe')}</Tag> : null}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('access.col.kind')}>{kindLabel(t, r.requesterKind)}</Descriptions.Item>
              <Descriptions.Item label={t('access.col.action')}>
                <ActionTag action={r.action} />
              </Descriptions.Item>
              <Descriptions.Item label={t('access.col.window')}>
                {formatDateTime(r.windowFrom)} – {formatDateTime(r.windowTo)}
              </Descriptions.Item>
              <Descriptions.Item label={t('access.detail.site')}>
                {isMessageKey(`access.detail.siteType.${r.siteType}`) ? t(`access.detail.siteType.${r.siteType}` as 'access.detail.siteType.key_unit') : r.siteType}
              </Descriptions.Item>
              <Descriptions.Item label={t('access.col.purpose')}>{r.purpose}</Descriptions.Item>
              {r.legalBasis ? <Descriptions.Item label={t('access.form.legalBasis')}>{r.legalBasis}</Descriptions.Item> : null}
              {r.emergencyReference ? <Descriptions.Item label={t('access.form.emergency')}>{r.emergencyReference}</Descriptions.Item> : null}
              {r.copyDestination ? <Descriptions.Item label={t('access.form.destination')}>{r.copyDestination}</Descriptions.Item> : null}
              {r.legalReasonForCopy ? <Descriptions.Item label={t('access.form.legalReason')}>{r.legalReasonForCopy}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
          <Card
            title={t('access.detail.officials')}
            size="small"
            style={{ marginBottom: 16 }}
            extra={<Typography.Text type="secondary">{t('access.detail.officialsRequired', { n: r.evaluation.officialsRequired })}</Typography.Text>}
          >
            <OfficialsList officials={r.officials} />
          </Card>
          <Card title={t('access.detail.cameras')} size="small" style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={r.cameras}
              data-testid="access-request-cameras"
              renderItem={(c) => (
                <List.Item>
                  <Space wrap>
                    {c.name}
                    {c.deviceCode ? <Typography.Text type="secondary">{c.deviceCode}</Typography.Text> : null}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('access.detail.approvals')} size="small">
            {r.approvals.length === 0 && r.consents.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('access.detail.noApprovals')} />
            ) : (
              <List
                size="small"
                data-testid="access-approvals"
                dataSource={[
                  ...r.approvals.map((a) => ({
                    key: a.id,
                    decision: a.decision,
                    at: a.at,
                    who: `${kindLabel(t, a.organ)} · ${isMessageKey(`access.level.${a.level}`) ? t(`access.level.${a.level}` as 'access.level.county') : a.level} · ${a.jurisdictionCode} · ${isMessageKey(`access.detail.role.${a.role}`) ? t(`access.detail.role.${a.role}` as 'access.detail.role.officer') : a.role}`,
                    ref: a.documentRef,
                    reasons: a.reasons,
                  })),
                  ...r.consents.map((c) => ({ key: c.id, decision: c.decision, at: c.at, who: t('access.detail.consents'), ref: null, reasons: c.reasons })),
                ]}
                renderItem={(a) => (
                  <List.Item data-testid="access-approval" data-decision={a.decision}>
                    <Space orientation="vertical" size={0}>
                      <Space wrap>
                        <Tag color={a.decision === 'refused' ? 'red' : 'green'}>
                          {isMessageKey(`access.detail.decision.${a.decision}`) ? t(`access.detail.decision.${a.decision}` as 'access.detail.decision.approved') : a.decision}
                        </Tag>
                        <Typography.Text>{a.who}</Typography.Text>
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(a.at)}
                        {a.ref ? ` · ${a.ref}` : ''}
                        {a.reasons ? ` · ${a.reasons}` : ''}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>

      <ApprovalDialog
        open={dialog?.kind === 'approval'}
        initial={dialog?.kind === 'approval' ? dialog.initial : 'approved'}
        busy={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(body) => void run(() => decideAccessApproval(r.id, body), body.decision === 'approved' ? t('access.detail.approved') : t('access.detail.refusedDone'))}
      />
      <ConsentDialog
        open={dialog?.kind === 'consent'}
        initial={dialog?.kind === 'consent' ? dialog.initial : 'consented'}
        busy={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(body) => void run(() => decideAccessConsent(r.id, body), body.decision === 'consented' ? t('access.detail.consented') : t('access.detail.refusedDone'))}
      />
      <RevokeDialog
        open={dialog?.kind === 'revoke'}
        busy={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(reasons) => r.grant && void run(() => revokeGrant(r.grant!.id, reasons), t('access.detail.revoked'))}
      />
      <SupplementDialog
        open={dialog?.kind === 'supplement'}
        missing={missingCodes}
        busy={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(body) => void run(() => supplementAccessRequest(r.id, body), t('access.detail.supplemented'))}
      />
    </div>
  );
}
