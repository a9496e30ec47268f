// Dialogs of a request's steps: a bureau's approval or refusal (art. 26(1)(3)(4)), the unit's consent (26(4)), and
// the requester's supplement (another official, the undertaking, the legal basis). Each only collects the body;
// whether it counts is the matrix's judgement on the server.
import { useState } from 'react';
import { Alert, Checkbox, Col, Form, Input, Modal, Radio, Row, Typography } from 'antd';
import type { SupplementAccessRequest } from '../../api/access-types';
import { useI18n } from '../../i18n/i18n-context';
import { checkOfficialId, shanghaiDate } from './access-logic';

interface DialogProps<T> {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (value: T) => void;
}

export function ApprovalDialog({ open, busy, onCancel, onSubmit, initial }: DialogProps<{ decision: 'approved' | 'refused'; documentRef?: string; reasons?: string }> & { initial: 'approved' | 'refused' }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decision: 'approved' | 'refused'; documentRef?: string; reasons?: string }>();
  const decision = Form.useWatch('decision', form) ?? initial;
  return (
    <Modal
      open={open}
      title={t('access.detail.approveTitle')}
      okText={decision === 'approved' ? t('access.detail.approve') : t('access.detail.refuse')}
      okButtonProps={{ danger: decision === 'refused', loading: busy, 'data-testid': 'access-approval-submit' }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('access.detail.approveHelp')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ decision: initial }}
        onFinish={(v) =>
          onSubmit({
            decision: v.decision,
            ...(v.documentRef?.trim() ? { documentRef: v.documentRef.trim() } : {}),
            ...(v.reasons?.trim() ? { reasons: v.reasons.trim() } : {}),
          })
        }
      >
        <Form.Item name="decision">
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="access-approval-decision">
            <Radio.Button value="approved">
              <span data-testid="access-approval-approved">{t('access.detail.approve')}</span>
            </Radio.Button>
            <Radio.Button value="refused">
              <span data-testid="access-approval-refused">{t('access.detail.refuse')}</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {decision === 'approved' ? (
          <Form.Item name="documentRef" label={t('access.detail.documentRef')}>
            <Input maxLength={100} data-testid="access-approval-document" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reasons"
          label={t('access.detail.reasons')}
          rules={decision === 'refused' ? [{ required: true, whitespace: true, message: t('access.detail.reasonsRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="access-approval-reasons" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ConsentDialog({ open, busy, onCancel, onSubmit, initial }: DialogProps<{ decision: 'consented' | 'refused'; reasons?: string }> & { initial: 'consented' | 'refused' }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decision: 'consented' | 'refused'; reasons?: string }>();
  const decision = Form.useWatch('decision', form) ?? initial;
  return (
    <Modal
      open={open}
      title={t('access.detail.consentTitle')}
      okText={decision === 'consented' ? t('access.detail.consent') : t('access.detail.refuseConsent')}
      okButtonProps={{ danger: decision === 'refused', loading: busy, 'data-testid': 'access-consent-submit' }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ decision: initial }}
        onFinish={(v) => onSubmit({ decision: v.decision, ...(v.reasons?.trim() ? { reasons: v.reasons.trim() } : {}) })}
      >
        <Form.Item name="decision">
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio.Button value="consented">
              <span data-testid="access-consent-consented">{t('access.detail.consent')}</span>
            </Radio.Button>
            <Radio.Button value="refused">
              <span data-testid="access-consent-refused">{t('access.detail.refuseConsent')}</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reasons"
          label={t('access.detail.reasons')}
          rules={decision === 'refused' ? [{ required: true, whitespace: true, message: t('access.detail.reasonsRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="access-consent-reasons" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface SupplementForm {
  name?: string;
  idNumber?: string;
  workCertificateNo?: string;
  legalBasis?: string;
  emergencyReference?: string;
  confidentialityUndertaking?: boolean;
  unitCertification?: boolean;
}

/** Only adds: nothing given earlier can be taken back (the server keeps every fact it was told). */
export function SupplementDialog({ open, busy, onCancel, onSubmit, missing }: DialogProps<SupplementAccessRequest> & { missing: string[] }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<SupplementForm>();
  const [today] = useState(() => shanghaiDate(new Date()));
  const wantsPerson = missing.some((c) => c === 'MIN_OFFICIALS' || c === 'WORK_CERTIFICATES' || c === 'REGISTRATION');
  return (
    <Modal
      open={open}
      title={t('access.detail.supplementTitle')}
      okText={t('access.detail.supplement')}
      okButtonProps={{ loading: busy, 'data-testid': 'access-supplement-submit' }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => {
          const body: SupplementAccessRequest = {};
          if (v.name?.trim() && v.idNumber?.trim()) {
            body.officials = [
              {
                name: v.name.trim(),
                idNumber: checkOfficialId(v.idNumber, today).value,
                ...(v.workCertificateNo?.trim() ? { workCertificateNo: v.workCertificateNo.trim() } : {}),
              },
            ];
          }
          if (v.legalBasis?.trim()) body.legalBasis = v.legalBasis.trim();
          if (v.emergencyReference?.trim()) body.emergencyReference = v.emergencyReference.trim();
          if (v.confidentialityUndertaking) body.confidentialityUndertaking = true;
          if (v.unitCertification) body.unitCertification = true;
          onSubmit(body);
        }}
      >
        <Typography.Text strong>{t('access.form.officials')}</Typography.Text>
        {wantsPerson ? null : (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            {t('access.form.officialsHelp')}
          </Typography.Paragraph>
        )}
        <Row gutter={8}>
          <Col xs={24} sm={8}>
            <Form.Item name="name" label={t('access.form.officialName')}>
              <Input maxLength={100} data-testid="access-supplement-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              name="idNumber"
              label={t('access.form.officialId')}
              validateTrigger="onBlur"
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if (!value || !value.trim()) return;
                    const c = checkOfficialId(value, today);
                    if (!c.ok && c.message) throw new Error(pick(c.message.zh, c.message.en));
                  },
                },
              ]}
            >
              <Input maxLength={40} autoComplete="off" data-testid="access-supplement-id" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="workCertificateNo" label={t('access.form.officialCert')}>
          <Input maxLength={64} data-testid="access-supplement-cert" />
        </Form.Item>
        {missing.includes('LEGAL_BASIS') ? (
          <Form.Item name="legalBasis" label={t('access.form.legalBasis')}>
            <Input maxLength={200} data-testid="access-supplement-legal-basis" />
          </Form.Item>
        ) : null}
        {missing.includes('EMERGENCY_REFERENCE') ? (
          <Form.Item name="emergencyReference" label={t('access.form.emergency')}>
            <Input maxLength={200} data-testid="access-supplement-emergency" />
          </Form.Item>
        ) : null}
        {missing.includes('CONFIDENTIALITY_UNDERTAKING') ? (
          <Form.Item name="confidentialityUndertaking" valuePropName="checked">
            <Checkbox data-testid="access-supplement-undertaking">{t('access.form.undertaking')}</Checkbox>
          </Form.Item>
        ) : null}
        {missing.includes('APPROVAL_OR_UNIT_DOCUMENT') ? (
          <Form.Item name="unitCertification" valuePropName="checked">
            <Checkbox data-testid="access-supplement-certification">{t('access.form.unitCertification')}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
