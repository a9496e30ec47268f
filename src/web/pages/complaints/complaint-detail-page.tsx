// One complaint for the handling organ: content, deadlines, notices, the steps open to me, and the
// complainant's identity behind a reasoned, ledgered read.
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { complaintStep, getComplaint, revealComplainant, type ComplaintDetail, type ComplaintStep } from './complaints-api';
import { AuthorityText, ComplaintStatusTag, DueCell, NoticeList } from './complaints-shared';

/** Which text field each step asks for (none for accept/start). */
const FIELDS: Partial<Record<ComplaintStep, { name: string; label: MessageKey }[]>> = {
  reject: [{ name: 'reasons', label: 'complaints.step.reasons' }],
  close: [{ name: 'result', label: 'complaints.step.result' }],
  transfer: [
    { name: 'toUnitId', label: 'complaints.step.toUnit' },
    { name: 'reasons', label: 'complaints.step.reasons' },
  ],
  inspect: [{ name: 'siteId', label: 'complaints.step.siteId' }],
};

export default function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const detail = useAsync(() => getComplaint(id), [id]);
  const [step, setStep] = useState<ComplaintStep | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [identity, setIdentity] = useState<{ anonymous: boolean; name: string | null; contact: string | null } | null>(null);
  const [form] = Form.useForm();
  const [revealForm] = Form.useForm<{ reason: string }>();
  const c: ComplaintDetail | undefined = detail.data;

  const run = async (s: ComplaintStep, values: Record<string, unknown> = {}) => {
    if (!c) return;
    try {
      await complaintStep(c.id, s, { ...values, version: c.version });
      message.success(t('complaints.step.done'));
      setStep(null);
      form.resetFields();
      detail.reload();
    } catch (e) {
      notifyError(e);
    }
  };

  const reveal = async ({ reason }: { reason: string }) => {
    if (!c) return;
    try {
      setIdentity(await revealComplainant(c.id, reason));
      setRevealing(false);
    } catch (e) {
      notifyError(e);
    }
  };

  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!c) return <Card loading />;

  return (
    <div>
      <PageTitle
        title={t('complaints.detail.title', { tracking: c.trackingNumber })}
        sub={<ComplaintStatusTag status={c.status} />}
        extra={c.allowedSteps.map((s) => (
          <Button key={s} type={s === 'accept' || s === 'close' ? 'primary' : 'default'} onClick={() => (FIELDS[s] ? setStep(s) : void run(s))} data-testid={`complaint-step-${s}`}>
            {t(`complaints.step.${s}` as MessageKey)}
          </Button>
        ))}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('complaints.form.kind')}>{t(`complaints.kind.${c.kind}` as MessageKey)}</Descriptions.Item>
              <Descriptions.Item label={t('complaints.form.subjectKind')}>{t(`complaints.subject.${c.subjectKind}` as MessageKey)}</Descriptions.Item>
              <Descriptions.Item label={t('complaints.form.subjectName')}>{c.subjectName}</Descriptions.Item>
              <Descriptions.Item label={t('complaints.queue.division')}>{c.divisionCode}</Descriptions.Item>
              {c.certificateNumber ? <Descriptions.Item label={t('complaints.detail.certificate')}>{c.certificateNumber}</Descriptions.Item> : null}
              <Descriptions.Item label={t('complaints.queue.authority')}>
                <AuthorityText authority={c.authority} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.status.submittedOn')}>{formatDate(c.submittedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('complaints.detail.deadlines')}>
                <DueCell deadlines={c.deadlines} />
              </Descriptions.Item>
              {c.inspectionId ? <Descriptions.Item label={t('complaints.detail.inspection')}>{c.inspectionId}</Descriptions.Item> : null}
              {c.outcome ? <Descriptions.Item label={t('complaints.detail.outcome')}>{c.outcome}</Descriptions.Item> : null}
            </Descriptions>
            <Typography.Title level={5}>{t('complaints.detail.content')}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="complaint-content-text">
              {c.content}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('complaints.detail.identity')} style={{ marginBottom: 16 }}>
            {c.anonymous ? (
              <Typography.Text>{t('complaints.detail.identityAnonymous')}</Typography.Text>
            ) : identity ? (
              <Descriptions column={1} size="small" data-testid="complaint-identity">
                <Descriptions.Item label={t('complaints.detail.name')}>{identity.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.detail.contact')}>{identity.contact ?? '—'}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Space orientation="vertical">
                <Typography.Text type="secondary">{t('complaints.detail.identityHidden')}</Typography.Text>
                {c.canRevealIdentity ? (
                  <Button onClick={() => setRevealing(true)} data-testid="complaint-reveal">
                    {t('complaints.detail.reveal')}
                  </Button>
                ) : null}
              </Space>
            )}
          </Card>
          <Card title={t('complaints.detail.notices')}>
            <NoticeList notices={c.notices} />
          </Card>
        </Col>
      </Row>

      <Modal open={step !== null} title={step ? t(`complaints.step.${step}` as MessageKey) : ''} onCancel={() => setStep(null)} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'complaint-step-confirm' }} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => step && run(step, v)}>
          {(step ? FIELDS[step] ?? [] : []).map((f) => (
            <Form.Item key={f.name} name={f.name} label={t(f.label)} rules={[{ required: true, whitespace: true }]}>
              {f.name === 'reasons' || f.name === 'result' ? (
                <Input.TextArea rows={4} maxLength={2000} data-testid={`complaint-field-${f.name}`} />
              ) : (
                <Input maxLength={64} data-testid={`complaint-field-${f.name}`} />
              )}
            </Form.Item>
          ))}
        </Form>
      </Modal>
      <Modal open={revealing} title={t('complaints.detail.reveal')} onCancel={() => setRevealing(false)} onOk={() => revealForm.submit()} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('complaints.detail.identityHidden')}</Typography.Paragraph>
        <Form form={revealForm} layout="vertical" onFinish={reveal}>
          <Form.Item name="reason" label={t('complaints.detail.revealReason')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={500} data-testid="complaint-reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
