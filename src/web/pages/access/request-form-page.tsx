// 调取申请: the request to view, copy or retrieve footage (art. 21(3), 26, 27). The row of art. 26 follows from the
// account (officer → 26(1); department → its kind; unit → a citizen's urgent viewing, 26(4)); the form asks what
// that row needs: persons with identity numbers (GB 11643 checked here too, masked once entered) and work
// certificates, the legal basis or the emergency, purpose, destination of a copy, the cameras of one site, the
// footage window and the action. The server answers with what is still missing, shown on the request's page.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { createAccessRequest, listRequestableCameras } from '../../api/access-endpoints';
import type { AccessAction, CreateAccessRequest, RequestableCamera } from '../../api/access-types';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useI18n } from '../../i18n/i18n-context';
import { actionsFor, checkOfficialId, duplicateIdIndexes, formShape, isOfficerRole, shanghaiDate } from './access-logic';
import { actionLabel } from './access-shared';

interface OfficialRow {
  name?: string;
  idNumber?: string;
  workCertificateNo?: string;
}

interface FormValues {
  citizen: boolean;
  organisation?: string;
  urgentHeavyLoss?: boolean;
  officials: OfficialRow[];
  legalBasis?: string;
  emergencyReference?: string;
  purpose: string;
  copyDestination?: string;
  legalReasonForCopy?: string;
  confidentialityUndertaking?: boolean;
  unitCertification?: boolean;
  cameraIds: string[];
  window: [Dayjs, Dayjs];
  action: AccessAction;
}

/** An identity-number field that shows the number masked (440***********1234) once entered and valid. */
function MaskedIdInput({
  value,
  onChange,
  onBlur,
  id,
  testId,
  today,
}: {
  value?: string;
  onChange?: (v: string) => void;
  /** Injected by Form.Item (validateTrigger onBlur). */
  onBlur?: () => void;
  id?: string;
  testId: string;
  today: string;
}) {
  const [focused, setFocused] = useState(false);
  const check = checkOfficialId(value, today);
  const showMasked = !focused && !!value && check.ok;
  return (
    <Input
      value={showMasked ? check.masked : value}
      onChange={(e) => onChange?.(e.target.value)}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        // Store the normalised form (full-width digits folded, x raised) so what is sent is what was checked.
        if (value && check.value !== value) onChange?.(check.value);
        onBlur?.();
      }}
      id={id}
      maxLength={40}
      inputMode="text"
      autoComplete="off"
      spellCheck={false}
      data-testid={testId}
      data-masked={showMasked ? 'true' : 'false'}
    />
  );
}

/** Sites among the cameras found, in the order found (one request covers the cameras of one site). */
function sitesOf(cameras: readonly RequestableCamera[]): { id: string; name: string; divisionName: string | null; publicArea: boolean }[] {
  const seen = new Map<string, { id: string; name: string; divisionName: string | null; publicArea: boolean }>();
  for (const c of cameras) if (!seen.has(c.siteId)) seen.set(c.siteId, { id: c.siteId, name: c.siteName, divisionName: c.divisionName, publicArea: c.siteType === 'public_area' });
  return [...seen.values()];
}

/**
 * The cameras of one site, from the requester's own camera lookup (`GET /api/access/cameras`: a department its
 * government's area, an officer the jurisdiction, a unit its own sites). Searching matches camera names and codes
 * and site names; choosing a site lists all its cameras.
 */
function CameraPicker({ onSiteType }: { onSiteType: (publicArea: boolean) => void }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<FormValues>();
  const [found, setFound] = useState<RequestableCamera[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [siteId, setSiteId] = useState<string>();
  const [cameras, setCameras] = useState<RequestableCamera[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      listRequestableCameras({ q: query.trim() || undefined }).then(
        (res) => {
          if (!live) return;
          setFound(res.items);
          setTruncated(res.truncated);
        },
        (err: unknown) => live && setError(err),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const sites = sitesOf(found);
  const chooseSite = async (id: string | undefined) => {
    setSiteId(id);
    setCameras(null);
    form.setFieldValue('cameraIds', []);
    if (!id) return;
    try {
      const res = await listRequestableCameras({ siteId: id });
      onSiteType(res.items[0]?.siteType === 'public_area');
      setCameras(res.items);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <ErrorAlert error={error} />
      <Form.Item label={t('access.form.site')} required extra={truncated ? t('access.form.sitesTruncated') : undefined}>
        <Select
          showSearch={{ filterOption: false, onSearch: setQuery }}
          allowClear
          value={siteId}
          placeholder={t('access.form.sitePlaceholder')}
          onChange={(v: string | undefined) => void chooseSite(v)}
          options={sites.map((s) => ({ value: s.id, label: `${s.name}${s.divisionName ? ` · ${s.divisionName}` : ''}` }))}
          notFoundContent={t('access.form.noSites')}
          data-testid="access-site"
          aria-label={t('access.form.site')}
        />
      </Form.Item>
      <Form.Item name="cameraIds" label={t('access.form.cameras')} extra={t('access.form.camerasHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('access.form.camerasRequired') }]}>
        {cameras && cameras.length === 0 ? (
          <Typography.Text type="secondary">{t('access.form.noCameras')}</Typography.Text>
        ) : (
          <Checkbox.Group data-testid="access-cameras" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {(cameras ?? []).map((c) => (
              <Checkbox key={c.id} value={c.id} data-testid="access-camera" data-device-code={c.deviceCode ?? ''} data-camera-id={c.id}>
                {c.name}
                {c.deviceCode ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                    {c.deviceCode}
                  </Typography.Text>
                ) : null}
              </Checkbox>
            ))}
          </Checkbox.Group>
        )}
      </Form.Item>
    </>
  );
}

export default function AccessRequestFormPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useSession();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [publicArea, setPublicArea] = useState(false);
  const today = shanghaiDate(new Date());
  const role = user?.role;
  const citizenWatch = Form.useWatch('citizen', form);
  const citizen = role === 'unit_user' || !!citizenWatch;
  const shape = formShape(role, citizen);
  const action = Form.useWatch('action', form) ?? 'view';
  const actions = actionsFor(citizen, publicArea);
  const officialsWatch: OfficialRow[] = Form.useWatch('officials', form) ?? [];
  const dupes = useMemo(() => duplicateIdIndexes(officialsWatch.map((o) => o?.idNumber)), [officialsWatch]);

  const actionsKey = actions.join(',');
  useEffect(() => {
    // A citizen's request loses copy/retrieve (26(4)): fall back to viewing rather than keep a forbidden action.
    if (!actionsKey.split(',').includes(action)) form.setFieldValue('action', 'view');
  }, [actionsKey, action, form]);

  const sub = role === 'unit_user' ? t('access.form.subUnit') : isOfficerRole(role) ? t('access.form.subOfficer') : t('access.form.subDepartment');
  const organisationName = user?.policeUnitName ?? user?.displayName ?? '';

  const onFinish = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    const body: CreateAccessRequest = {
      cameraIds: v.cameraIds,
      action: v.action,
      windowFrom: v.window[0].toISOString(),
      windowTo: v.window[1].toISOString(),
      purpose: v.purpose.trim(),
      officials: v.officials.map((o) => ({
        name: (o.name ?? '').trim(),
        idNumber: checkOfficialId(o.idNumber, today).value,
        ...(o.workCertificateNo?.trim() ? { workCertificateNo: o.workCertificateNo.trim() } : {}),
      })),
      ...(v.legalBasis?.trim() ? { legalBasis: v.legalBasis.trim() } : {}),
      ...(v.emergencyReference?.trim() ? { emergencyReference: v.emergencyReference.trim() } : {}),
      ...(v.copyDestination?.trim() && v.action !== 'view' ? { copyDestination: v.copyDestination.trim() } : {}),
      ...(v.legalReasonForCopy?.trim() && citizen && v.action === 'copy' ? { legalReasonForCopy: v.legalReasonForCopy.trim() } : {}),
      ...(citizen ? { onBehalfOfCitizen: true, urgentHeavyLoss: !!v.urgentHeavyLoss, ...(v.organisation?.trim() ? { organisation: v.organisation.trim() } : {}) } : {}),
      ...(v.confidentialityUndertaking ? { confidentialityUndertaking: true } : {}),
      ...(v.unitCertification ? { unitCertification: true } : {}),
    };
    try {
      const res = await createAccessRequest(body);
      void message.success(res.grantId ? t('access.form.grantedAtOnce') : t('access.form.created'));
      navigate(`/access/requests/${encodeURIComponent(res.id)}`);
    } catch (err) {
      setError(err);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('access.form.title')} sub={sub} />
      <ErrorAlert error={error} testId="access-form-error" />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError
        initialValues={{
          citizen: role === 'unit_user',
          action: 'view',
          officials: Array.from({ length: shape.initialOfficials }, () => ({})),
          window: [dayjs().subtract(1, 'day').startOf('hour'), dayjs().startOf('hour')],
        }}
        data-testid="access-form"
      >
        <Card title={t('access.form.requester')} size="small" style={{ marginBottom: 16 }}>
          {shape.mayRegisterCitizen && !shape.citizenOnly ? (
            <Form.Item name="citizen" valuePropName="checked" label={t('access.form.citizen')}>
              <Switch data-testid="access-citizen" />
            </Form.Item>
          ) : null}
          {citizen ? (
            <>
              <Alert type="info" showIcon title={t('access.form.citizenHelp')} style={{ marginBottom: 12 }} />
              <Form.Item name="organisation" label={t('access.form.citizenName')}>
                <Input maxLength={100} placeholder={t('access.form.citizenNamePlaceholder')} data-testid="access-organisation" />
              </Form.Item>
              <Form.Item name="urgentHeavyLoss" valuePropName="checked">
                <Checkbox data-testid="access-urgent">{t('access.form.urgentHeavyLoss')}</Checkbox>
              </Form.Item>
            </>
          ) : (
            <Form.Item label={t('access.form.organisation')}>
              <Typography.Text data-testid="access-organisation-auto">{t('access.form.organisationAuto', { name: organisationName })}</Typography.Text>
            </Form.Item>
          )}
        </Card>

        <Card title={t('access.form.officials')} size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {citizen ? t('access.form.officialsHelpCitizen') : t('access.form.officialsHelp')}
          </Typography.Paragraph>
          <Form.List name="officials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row gutter={12} key={field.key} align="top" data-testid="access-official-row">
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'name']} label={t('access.form.officialName')} rules={[{ required: true, whitespace: true, message: t('access.form.nameRequired') }]}>
                        <Input maxLength={100} data-testid={`access-official-name-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={9}>
                      <Form.Item
                        name={[field.name, 'idNumber']}
                        label={t('access.form.officialId')}
                        required
                        validateTrigger="onBlur"
                        rules={[
                          {
                            validator: async (_, value: string | undefined) => {
                              if (!value || !value.trim()) throw new Error(t('access.form.idRequired'));
                              const c = checkOfficialId(value, today);
                              if (!c.ok && c.message) throw new Error(pick(c.message.zh, c.message.en));
                            },
                          },
                        ]}
                        validateStatus={dupes.includes(i) ? 'error' : undefined}
                        help={dupes.includes(i) ? t('access.form.idDuplicate') : undefined}
                      >
                        <MaskedIdInput testId={`access-official-id-${i}`} today={today} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={7}>
                      <Form.Item name={[field.name, 'workCertificateNo']} label={t('access.form.officialCert')}>
                        <Input maxLength={64} data-testid={`access-official-cert-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      <Form.Item label=" ">
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('access.form.removeOfficial')}
                          disabled={fields.length <= 1}
                          onClick={() => remove(field.name)}
                          data-testid={`access-official-remove-${i}`}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 10} data-testid="access-add-official">
                  {t('access.form.addOfficial')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('access.form.cameras')} size="small" style={{ marginBottom: 16 }}>
          <CameraPicker onSiteType={setPublicArea} />
          <Form.Item
            name="window"
            label={t('access.form.window')}
            extra={t('access.form.windowHelp')}
            rules={[{ required: true, message: t('access.form.windowRequired') }]}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              style={{ width: '100%', maxWidth: 420 }}
              data-testid="access-window"
            />
          </Form.Item>
          <Form.Item name="action" label={t('access.form.action')} rules={[{ required: true }]}>
            <Radio.Group data-testid="access-action" optionType="button" buttonStyle="solid">
              {actions.map((a) => (
                <Radio.Button key={a} value={a}>
                  <span data-testid={`access-action-${a}`}>{actionLabel(t, a)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          {citizen ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('access.form.refusedNote')}
            </Typography.Paragraph>
          ) : null}
        </Card>

        <Card title={t('access.detail.particulars')} size="small" style={{ marginBottom: 16 }}>
          {shape.showLegalBasis ? (
            <Form.Item name="legalBasis" label={t('access.form.legalBasis')} extra={t('access.form.legalBasisHelp')}>
              <Input maxLength={200} data-testid="access-legal-basis" />
            </Form.Item>
          ) : null}
          {shape.showEmergency ? (
            <Form.Item name="emergencyReference" label={t('access.form.emergency')} extra={t('access.form.emergencyHelp')}>
              <Input maxLength={200} data-testid="access-emergency" />
            </Form.Item>
          ) : null}
          <Form.Item name="purpose" label={t('access.form.purpose')} rules={[{ required: true, whitespace: true, message: t('access.form.purposeRequired') }]}>
            <Input.TextArea maxLength={500} rows={2} data-testid="access-purpose" />
          </Form.Item>
          {action !== 'view' ? (
            <Form.Item
              name="copyDestination"
              label={t('access.form.destination')}
              extra={t('access.form.destinationHelp')}
              rules={[{ required: true, whitespace: true, message: t('access.form.destinationRequired') }]}
            >
              <Input maxLength={200} data-testid="access-destination" />
            </Form.Item>
          ) : null}
          {citizen && action === 'copy' ? (
            <Form.Item name="legalReasonForCopy" label={t('access.form.legalReason')} extra={t('access.form.legalReasonHelp')}>
              <Input.TextArea maxLength={500} rows={2} data-testid="access-legal-reason" />
            </Form.Item>
          ) : null}
          {shape.showUndertaking && !citizen ? (
            <Space orientation="vertical">
              <Form.Item name="confidentialityUndertaking" valuePropName="checked" style={{ marginBottom: 4 }}>
                <Checkbox data-testid="access-undertaking">{t('access.form.undertaking')}</Checkbox>
              </Form.Item>
              <Form.Item name="unitCertification" valuePropName="checked" style={{ marginBottom: 4 }}>
                <Checkbox data-testid="access-unit-certification">{t('access.form.unitCertification')}</Checkbox>
              </Form.Item>
            </Space>
          ) : null}
        </Card>

        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} size="large" block style={{ maxWidth: 360 }} data-testid="access-submit">
          {t('access.form.submit')}
        </Button>
      </Form>
    </>
  );
}
