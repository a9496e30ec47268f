// Add or edit a device of a system. A camera in a privacy place (art. 10) is recorded only after
// the user confirms a warning that cites the article: the server records it and opens a finding.
import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { addDevice, updateDevice } from '../../api/endpoints';
import type { CertType, DeviceInput, DeviceKind, DeviceRecord, Placement, PrivacyKind, SiteDetail } from '../../api/types';
import { useNotifyError } from '../../components/api-error';
import { enumLabel, enumOptions } from '../../components/registry-labels';
import { useI18n } from '../../i18n/i18n-context';
import { checkDeviceCode, needsPrivacyConfirmation, toDeviceInput } from './registry-logic';

interface DeviceFormValues {
  deviceKind: DeviceKind;
  name: string;
  deviceCode?: string;
  placement?: Placement;
  privacyKind?: PrivacyKind;
  audioCapture: boolean;
  signage: boolean;
  retentionDays?: number;
  equipmentType?: string;
  certificates?: { certType: CertType; number: string; validTo?: Dayjs | null }[];
}

export function DeviceDialog({
  systemId,
  device,
  onClose,
  onSaved,
}: {
  systemId: string;
  device?: DeviceRecord;
  onClose: () => void;
  onSaved: (site: SiteDetail | undefined) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<DeviceFormValues>();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<DeviceInput | null>(null);
  const kind = Form.useWatch('deviceKind', form) ?? device?.deviceKind ?? 'camera';
  const placement = Form.useWatch('placement', form) ?? device?.placement ?? undefined;
  const code = Form.useWatch('deviceCode', form);
  const parsed = checkDeviceCode(code, false);

  const save = async (body: DeviceInput) => {
    setBusy(true);
    try {
      const site = device ? await updateDevice(device.id, { ...body, version: device.version }) : await addDevice(systemId, body);
      void message.success(t('device.saved'));
      setPending(null);
      onSaved(site);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (v: DeviceFormValues) => {
    const body = toDeviceInput({
      ...v,
      certificates: (v.certificates ?? []).map((c) => ({ certType: c.certType, number: c.number, validTo: c.validTo ? c.validTo.format('YYYY-MM-DD') : null })),
    });
    if (needsPrivacyConfirmation(body)) setPending(body);
    else void save(body);
  };

  const codeRule = {
    validator: (_: unknown, value: string | undefined) => {
      if (kind !== 'camera') return Promise.resolve();
      const c = checkDeviceCode(value, true);
      if (c.ok) return Promise.resolve();
      const msg = c.problem === 'required' ? t('device.codeRequired') : c.problem === 'digits' ? t('device.codeDigits') : t('device.codeLength', { n: c.length });
      return Promise.reject(new Error(msg));
    },
  };

  return (
    <>
      <Modal
        open
        width={760}
        title={device ? t('device.editTitle') : t('device.addTitle')}
        onCancel={onClose}
        okText={t('device.submit')}
        confirmLoading={busy && !pending}
        okButtonProps={{ 'data-testid': 'device-submit' }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<DeviceFormValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          data-testid="device-form"
          initialValues={{
            deviceKind: device?.deviceKind ?? 'camera',
            name: device?.name,
            deviceCode: device?.deviceCode ?? undefined,
            placement: device?.placement ?? undefined,
            privacyKind: device?.privacyKind ?? undefined,
            audioCapture: device?.audioCapture ?? false,
            signage: device?.signage ?? false,
            retentionDays: device?.retentionDays ?? 30,
            equipmentType: device?.equipmentType ?? undefined,
            certificates: (device?.certificates ?? []).map((c) => ({ certType: c.certType, number: c.number, validTo: c.validTo ? dayjs(c.validTo) : null })),
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="deviceKind" label={t('device.kind')}>
                <Select options={enumOptions(t, 'deviceKind')} disabled={!!device} data-testid="device-kind" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="name" label={t('device.name')} rules={[{ required: true, whitespace: true, message: t('device.nameRequired') }]}>
                <Input maxLength={200} data-testid="device-name" />
              </Form.Item>
            </Col>
          </Row>
          {kind === 'camera' ? (
            <>
              <Form.Item
                name="deviceCode"
                label={t('device.code')}
                validateTrigger={['onChange', 'onBlur']}
                rules={[codeRule]}
                extra={
                  parsed.ok && parsed.parts
                    ? t('device.codeParsed', { division: parsed.parts.division, type: parsed.parts.type })
                    : t('device.codeHelp')
                }
              >
                <Input maxLength={24} inputMode="numeric" showCount={{ formatter: ({ value }) => `${(value ?? '').replace(/[\s-]/g, '').length} / 20` }} data-testid="device-code" />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="placement" label={t('device.placement')} rules={[{ required: true, message: t('device.placementRequired') }]}>
                    <Select options={enumOptions(t, 'placement')} data-testid="device-placement" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  {placement === 'privacy' ? (
                    <Form.Item name="privacyKind" label={t('device.privacyKind')} rules={[{ required: true, message: t('device.privacyKindRequired') }]}>
                      <Select options={enumOptions(t, 'privacyKind')} data-testid="device-privacy-kind" />
                    </Form.Item>
                  ) : null}
                </Col>
              </Row>
              {placement === 'privacy' ? (
                <Alert type="error" showIcon title={t('privacy.warning')} style={{ marginBottom: 16 }} data-testid="privacy-inline-warning" />
              ) : null}
              <Row gutter={16}>
                <Col xs={12} md={6}>
                  <Form.Item name="audioCapture" label={t('device.audio')} valuePropName="checked">
                    <Switch data-testid="device-audio" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="signage" label={t('device.signage')} valuePropName="checked" tooltip={t('device.signageHelp')}>
                    <Switch data-testid="device-signage" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="retentionDays" label={t('device.retentionDays')} extra={t('device.retentionHelp')}>
                    <InputNumber min={0} max={3650} style={{ width: '100%' }} data-testid="device-retention-days" />
                  </Form.Item>
                </Col>
              </Row>
            </>
          ) : (
            <>
              <Form.Item name="equipmentType" label={t('device.equipmentType')}>
                <Input maxLength={200} data-testid="device-equipment-type" />
              </Form.Item>
              <Typography.Text strong>{t('device.certificates')}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('device.certificatesHelp')}
              </Typography.Paragraph>
              <Form.List name="certificates">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, index) => (
                      <Row key={field.key} gutter={8} align="top">
                        <Col xs={24} md={8}>
                          <Form.Item name={[field.name, 'certType']} rules={[{ required: true }]}>
                            <Select options={enumOptions(t, 'certType')} placeholder={t('device.certType')} data-testid={`device-cert-type-${index}`} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={8}>
                          <Form.Item name={[field.name, 'number']} rules={[{ required: true, whitespace: true, message: t('device.certNumberRequired') }]}>
                            <Input placeholder={t('device.certNumber')} data-testid={`device-cert-number-${index}`} />
                          </Form.Item>
                        </Col>
                        <Col xs={20} md={6}>
                          <Form.Item name={[field.name, 'validTo']}>
                            <DatePicker placeholder={t('device.certValidTo')} style={{ width: '100%' }} data-testid={`device-cert-valid-to-${index}`} />
                          </Form.Item>
                        </Col>
                        <Col xs={4} md={2}>
                          <Button icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(field.name)} />
                        </Col>
                      </Row>
                    ))}
                    <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ certType: 'ccc', number: '' })} data-testid="device-cert-add">
                      {t('device.addCertificate')}
                    </Button>
                  </>
                )}
              </Form.List>
            </>
          )}
        </Form>
      </Modal>
      {pending ? (
        <Modal
          open
          width={560}
          title={
            <span>
              <WarningFilled style={{ color: '#cf1322', marginRight: 8 }} />
              {t('privacy.title')}
            </span>
          }
          onCancel={() => setPending(null)}
          okText={t('privacy.confirm')}
          cancelText={t('common.cancel')}
          confirmLoading={busy}
          okButtonProps={{ danger: true, 'data-testid': 'privacy-confirm' }}
          cancelButtonProps={{ 'data-testid': 'privacy-cancel' }}
          onOk={() => void save(pending)}
        >
          <div data-testid="privacy-warning" data-article="10">
            <Alert type="error" title={t('privacy.warning')} style={{ marginBottom: 12 }} />
            <Typography.Paragraph>
              {t('privacy.place', {
                place: `${enumLabel(t, 'placement', pending.placement)}${pending.privacyKind ? ' · ' + enumLabel(t, 'privacyKind', pending.privacyKind) : ''}`,
              })}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('privacy.consequence')}
            </Typography.Paragraph>
          </div>
        </Modal>
      ) : null}
    </>
  );
}
