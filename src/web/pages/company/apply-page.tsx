// A company files an application: first grant, promotion, renewal, extension, or record filing.
import { useMemo, useState } from 'react';
import { App, Alert, Button, Card, Checkbox, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { createApplication, fetchLevels, listCertificates } from '../../api/endpoints';
import { APPLICATION_KINDS, LEVELS, type ApplicationKind, type CreateApplicationRequest, type Level } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { certificateKindKey, kindKey, levelKey } from '../../components/labels';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { certificateStatus, statusLabel } from '../../status';
import { MaterialsEditor, cleanMaterials } from './materials-editor';
import { MAX_EXTENSION_DAYS, fieldsFor } from './apply-fields';

interface ApplyForm {
  kind: ApplicationKind;
  targetLevel?: Level;
  certificateId?: string;
  extensionDays?: number;
  materials: { name: string; ref: string }[];
  checklist?: Record<string, boolean>;
}

function isKind(v: string | null): v is ApplicationKind {
  return !!v && (APPLICATION_KINDS as readonly string[]).includes(v);
}

export default function ApplyPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<ApplyForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const levels = useAsync(fetchLevels, []);
  const certs = useAsync(listCertificates, []);

  const initialKind = isKind(params.get('kind')) ? (params.get('kind') as ApplicationKind) : 'first';
  const kind = Form.useWatch('kind', form) ?? initialKind;
  const targetLevel = Form.useWatch('targetLevel', form);
  const fields = fieldsFor(kind);
  const levelDef = levels.data?.find((l) => l.level === targetLevel);
  const usableCerts = useMemo(
    () => (certs.data?.items ?? []).filter((c) => c.status === 'valid' || c.status === 'expiring' || c.status === 'expired'),
    [certs.data],
  );

  const onFinish = async (v: ApplyForm) => {
    setBusy(true);
    setError(null);
    const body: CreateApplicationRequest = { kind: v.kind, materials: cleanMaterials(v.materials) };
    if (fields.targetLevel && v.targetLevel) body.targetLevel = v.targetLevel;
    if (fields.certificate && v.certificateId) body.certificateId = v.certificateId;
    if (fields.extensionDays && v.extensionDays) body.extensionDays = v.extensionDays;
    if (fields.checklist && levelDef) {
      body.checklist = Object.fromEntries(levelDef.promotionChecklist.map((i) => [i.id, !!v.checklist?.[i.id]]));
    }
    try {
      const created = await createApplication(body);
      void message.success(t('apply.submitted'));
      navigate(`/applications/${encodeURIComponent(created.id)}`);
    } catch (err) {
      setError(err);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('apply.title')} sub={t('apply.intro')} />
      <Card style={{ maxWidth: 900 }}>
        <ErrorAlert error={error ?? levels.error ?? certs.error} testId="apply-error" />
        <Form<ApplyForm>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          scrollToFirstError
          initialValues={{
            kind: initialKind,
            targetLevel: initialKind === 'first' ? 'IV' : undefined,
            certificateId: params.get('certificateId') ?? undefined,
            materials: [{ name: '', ref: '' }],
          }}
          onValuesChange={(changed: Partial<ApplyForm>) => {
            // A first application is always for level IV (one starts at the bottom of the ladder).
            if (changed.kind === 'first') form.setFieldValue('targetLevel', 'IV');
          }}
        >
          <Form.Item name="kind" label={t('application.kind')} rules={[{ required: true }]} extra={t(`apply.kindHelp.${kind}`)}>
            <Select
              data-testid="apply-kind"
              options={APPLICATION_KINDS.map((k) => ({ value: k, label: t(kindKey(k)), 'data-testid': `apply-kind-${k}` }))}
            />
          </Form.Item>

          {fields.targetLevel ? (
            <Form.Item
              name="targetLevel"
              label={t('application.targetLevel')}
              rules={[{ required: true, message: t('apply.levelRequired') }]}
              extra={levelDef ? pick(levelDef.scopeZh, levelDef.scopeEn) : undefined}
            >
              <Select
                data-testid="apply-level"
                options={LEVELS.map((l) => ({ value: l, label: t(levelKey(l)), 'data-testid': `apply-level-${l}` }))}
              />
            </Form.Item>
          ) : null}

          {fields.certificate ? (
            <Form.Item name="certificateId" label={t('apply.certificate')} rules={[{ required: true, message: t('apply.certificateRequired') }]}>
              <Select
                data-testid="apply-certificate"
                loading={certs.loading}
                notFoundContent={t('company.noCertificates')}
                options={usableCerts.map((c) => ({
                  value: c.id,
                  label: `${c.number} · ${t(certificateKindKey(c.kind))} · ${t(levelKey(c.level))} · ${t('cert.validTo')} ${formatDate(c.validTo)} · ${statusLabel(certificateStatus(c.status), lang)}`,
                  'data-testid': `apply-certificate-${c.id}`,
                }))}
              />
            </Form.Item>
          ) : null}

          {fields.extensionDays ? (
            <Form.Item
              name="extensionDays"
              label={t('apply.extensionDays')}
              extra={t('apply.extensionHelp', { max: MAX_EXTENSION_DAYS })}
              rules={[
                { required: true, message: t('apply.extensionRequired') },
                { type: 'integer', min: 1, max: MAX_EXTENSION_DAYS, message: t('apply.extensionRange', { max: MAX_EXTENSION_DAYS }) },
              ]}
            >
              <InputNumber min={1} max={MAX_EXTENSION_DAYS} precision={0} suffix={t('common.days')} data-testid="apply-extension-days" style={{ width: 200 }} />
            </Form.Item>
          ) : null}

          {fields.checklist ? (
            <Form.Item label={t('apply.checklist')} extra={t('apply.checklistHelp')}>
              {levelDef ? (
                levelDef.promotionChecklist.length ? (
                  <Space orientation="vertical">
                    {levelDef.promotionChecklist.map((item) => (
                      <Form.Item key={item.id} name={['checklist', item.id]} valuePropName="checked" noStyle>
                        <Checkbox data-testid={`apply-checklist-${item.id}`}>{pick(item.zh, item.en)}</Checkbox>
                      </Form.Item>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('apply.checklistEmpty')}</Typography.Text>
                )
              ) : (
                <Typography.Text type="secondary">{t('apply.checklistPickLevel')}</Typography.Text>
              )}
              {levelDef?.illustrative ? (
                <Alert type="info" showIcon title={t('levels.illustrative')} style={{ marginTop: 8 }} />
              ) : null}
            </Form.Item>
          ) : null}

          <Form.Item label={t('apply.materials')} required extra={t('apply.materialsHelp')}>
            <MaterialsEditor />
          </Form.Item>

          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="apply-submit">
              {t('apply.submit')}
            </Button>
            <Button onClick={() => navigate('/company')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
