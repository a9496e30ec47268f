// Add or edit a technical prevention system of a site (art. 40 types; art. 11 alarm-centre
// interface; art. 19 acceptance; art. 8 authorisation in a public area).
import { useState } from 'react';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { addSystem, updateSystem } from '../../api/endpoints';
import type { SiteDetail, SystemRecord, SystemStatus, SystemType } from '../../api/types';
import { useNotifyError } from '../../components/api-error';
import { enumOptions } from '../../components/registry-labels';
import { useI18n } from '../../i18n/i18n-context';
import { statusLabel, systemStatus, systemStatusChoices } from '../../status';

interface SystemFormValues {
  systemType: SystemType;
  name: string;
  status: SystemStatus;
  alarmCentreInterface: boolean;
  authorisationRef?: string;
  acceptedOn?: Dayjs | null;
}

export function SystemDialog({
  site,
  system,
  onClose,
  onSaved,
}: {
  site: SiteDetail;
  system?: SystemRecord;
  onClose: () => void;
  onSaved: (site: SiteDetail | undefined) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<SystemFormValues>();
  const [busy, setBusy] = useState(false);

  const save = async (v: SystemFormValues) => {
    setBusy(true);
    try {
      const body = {
        systemType: v.systemType,
        name: v.name.trim(),
        status: v.status,
        alarmCentreInterface: !!v.alarmCentreInterface,
        authorisationRef: v.authorisationRef?.trim() || null,
        acceptedOn: v.acceptedOn ? v.acceptedOn.format('YYYY-MM-DD') : null,
      };
      const updated = system ? await updateSystem(system.id, { ...body, version: system.version }) : await addSystem(site.id, body);
      void message.success(t('system.saved'));
      onSaved(updated);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={680}
      title={system ? t('system.editTitle') : t('system.addTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'system-submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<SystemFormValues>
        form={form}
        layout="vertical"
        onFinish={save}
        data-testid="system-form"
        initialValues={{
          systemType: system?.systemType,
          name: system?.name,
          status: system?.status ?? 'planned',
          alarmCentreInterface: system?.alarmCentreInterface ?? false,
          authorisationRef: system?.authorisationRef ?? undefined,
          acceptedOn: system?.acceptedOn ? dayjs(system.acceptedOn) : null,
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="systemType" label={t('system.type')} rules={[{ required: true, message: t('system.typeRequired') }]}>
              <Select options={enumOptions(t, 'systemType')} data-testid="system-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('system.name')} rules={[{ required: true, whitespace: true, message: t('system.nameRequired') }]}>
              <Input maxLength={200} data-testid="system-name" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('system.status')} tooltip={t('system.statusForward')}>
              <Select
                disabled={system?.status === 'decommissioned'}
                options={(system?.status === 'decommissioned' ? ['decommissioned'] : systemStatusChoices(system?.status)).map((s) => ({
                  value: s,
                  label: statusLabel(systemStatus(s), lang),
                }))}
                data-testid="system-status"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="acceptedOn" label={t('system.acceptedOn')}>
              <DatePicker style={{ width: '100%' }} data-testid="system-accepted-on" />
            </Form.Item>
          </Col>
        </Row>
        {system?.status === 'decommissioned' ? <Typography.Paragraph type="secondary">{t('system.decommissionedFinal')}</Typography.Paragraph> : null}
        <Form.Item name="alarmCentreInterface" label={t('system.alarmCentre')} valuePropName="checked" extra={t('system.alarmCentreHelp')}>
          <Switch data-testid="system-alarm-centre" />
        </Form.Item>
        {/* Art. 8 applies to public-area sites and to any system with a camera facing a public area. */}
        {site.siteType === 'public_area' || site.devices.some((d) => d.systemId === system?.id && d.placement === 'public_area') ? (
          <Form.Item name="authorisationRef" label={t('system.authorisationRef')} extra={t('system.authorisationHelp')}>
            <Input maxLength={200} data-testid="system-authorisation" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
