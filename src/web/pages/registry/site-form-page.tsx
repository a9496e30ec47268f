// Register or edit a site: a key unit (art. 9: category and kind from the province's catalogue, the
// responsible party by the last paragraph of art. 9) or a key public area (art. 7: kind of area,
// the government level that builds it, the police unit that uses it).
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Cascader, Col, Form, Input, Radio, Row, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { createSite, getSite, updateSite } from '../../api/endpoints';
import type { AreaKind, BuilderLevel, ResponsibleBasis, SiteDetail, SiteInput, SiteType } from '../../api/types';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { cityNodes, localiseDivisions } from '../../components/divisions';
import { PageTitle } from '../../components/page-title';
import { enumLabel, enumOptions } from '../../components/registry-labels';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { isOfficer } from '../../auth/roles';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { divisionPath } from './registry-logic';
import { useCatalogue, useDivisionTree } from './registry-shared';

interface SiteFormValues {
  siteType: SiteType;
  name: string;
  division: string[];
  address: string;
  categoryCode?: string;
  kindCode?: string;
  responsibleParty?: string;
  responsibleBasis?: ResponsibleBasis;
  areaKind?: AreaKind;
  builderLevel?: BuilderLevel;
  userPoliceUnitId?: string;
  antiTerrorTarget: boolean;
}

export function toSiteInput(v: SiteFormValues): SiteInput {
  const keyUnit = v.siteType === 'key_unit';
  return {
    siteType: v.siteType,
    name: v.name.trim(),
    divisionCode: v.division.at(-1) ?? '',
    address: v.address.trim(),
    categoryCode: keyUnit ? (v.categoryCode ?? null) : null,
    kindCode: keyUnit ? (v.kindCode ?? null) : null,
    responsibleParty: keyUnit ? v.responsibleParty?.trim() || null : null,
    responsibleBasis: keyUnit ? (v.responsibleBasis ?? null) : null,
    areaKind: keyUnit ? null : (v.areaKind ?? null),
    builderLevel: keyUnit ? null : (v.builderLevel ?? null),
    userPoliceUnitId: keyUnit ? null : v.userPoliceUnitId || null,
    antiTerrorTarget: !!v.antiTerrorTarget,
  };
}

function SiteForm({ site }: { site?: SiteDetail }) {
  const { t, lang, pick } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<SiteFormValues>();
  const [busy, setBusy] = useState(false);
  const catalogue = useCatalogue();
  const divisions = useDivisionTree();
  const divisionOptions = useMemo(() => localiseDivisions(divisions.data ?? [], lang === 'en'), [divisions.data, lang]);
  const officer = isOfficer(user?.role);

  const requested = params.get('type');
  const initialType: SiteType = site?.siteType ?? (requested === 'key_unit' || requested === 'public_area' ? requested : officer ? 'public_area' : 'key_unit');
  const siteType = Form.useWatch('siteType', form) ?? initialType;
  const categoryCode = Form.useWatch('categoryCode', form) ?? site?.categoryCode ?? undefined;
  const category = catalogue.data?.categories.find((c) => c.code === categoryCode);
  // Unit users maintain their own key units; officers the public areas of their jurisdiction.
  const allowed: SiteType[] = site ? [site.siteType] : officer ? ['public_area'] : ['key_unit'];

  const initialValues: Partial<SiteFormValues> = site
    ? {
        siteType: site.siteType,
        name: site.name,
        division: divisionPath(cityNodes(divisions.data ?? []), site.divisionCode),
        address: site.address,
        categoryCode: site.categoryCode ?? undefined,
        kindCode: site.kindCode ?? undefined,
        responsibleParty: site.responsibleParty ?? undefined,
        responsibleBasis: site.responsibleBasis ?? undefined,
        areaKind: site.areaKind ?? undefined,
        builderLevel: site.builderLevel ?? undefined,
        userPoliceUnitId: site.userPoliceUnitId ?? undefined,
        antiTerrorTarget: site.antiTerrorTarget,
      }
    : { siteType: initialType, antiTerrorTarget: false, userPoliceUnitId: user?.policeUnitId ?? undefined, division: [] };

  const save = async (v: SiteFormValues) => {
    setBusy(true);
    try {
      const body = toSiteInput(v);
      const saved = site ? await updateSite(site.id, { ...body, version: site.version }) : await createSite(body);
      void message.success(site ? t('site.saved') : t('site.created'));
      navigate(`/registry/sites/${encodeURIComponent(saved?.id ?? site?.id ?? '')}`, { replace: !!site });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT' && site) {
        void message.warning(t('site.conflict'));
        navigate(0);
      } else notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  if (site && divisions.loading) return <Skeleton active />;

  return (
    <Card>
      <ErrorAlert error={catalogue.error ?? divisions.error} />
      <Form<SiteFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={save} style={{ maxWidth: 880 }} data-testid="site-form">
        <Form.Item name="siteType" label={t('site.type')}>
          <Radio.Group
            data-testid="site-type"
            optionType="button"
            buttonStyle="solid"
            options={enumOptions(t, 'siteType').map((o) => ({ ...o, disabled: !allowed.includes(o.value as SiteType) }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('site.name')} rules={[{ required: true, whitespace: true, message: t('site.nameRequired') }]}>
              <Input maxLength={200} data-testid="site-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="division" label={t('site.division')} rules={[{ required: true, type: 'array', min: 1, message: t('site.divisionRequired') }]}>
              <Cascader options={divisionOptions} changeOnSelect placeholder={t('register.divisionPlaceholder')} data-testid="site-division" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('site.address')} rules={[{ required: true, whitespace: true, message: t('site.addressRequired') }]}>
          <Input maxLength={300} data-testid="site-address" />
        </Form.Item>

        {siteType === 'key_unit' ? (
          <>
            {catalogue.data ? (
              <Typography.Paragraph type="secondary">
                {t('site.catalogueVersion', { version: catalogue.data.version, date: formatDate(catalogue.data.effectiveFrom) })}
                {catalogue.data.illustrative ? (
                  <Tag color="gold" style={{ marginLeft: 8 }}>
                    {t('site.illustrative')}
                  </Tag>
                ) : null}
              </Typography.Paragraph>
            ) : null}
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="categoryCode" label={t('site.category')} rules={[{ required: true, message: t('site.categoryRequired') }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={catalogue.loading}
                    onChange={() => form.setFieldValue('kindCode', undefined)}
                    options={(catalogue.data?.categories ?? []).map((c) => ({ value: c.code, label: `${c.code} ${pick(c.zh, c.en)}` }))}
                    data-testid="site-category"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="kindCode" label={t('site.kind')} rules={[{ required: true, message: t('site.kindRequired') }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    disabled={!category}
                    options={(category?.kinds ?? []).map((k) => ({ value: k.code, label: pick(k.zh, k.en) }))}
                    data-testid="site-kind"
                  />
                </Form.Item>
              </Col>
            </Row>
            {category?.requiredSystems.length ? (
              <Typography.Paragraph data-testid="site-required-systems">
                <Typography.Text type="secondary">{t('site.requiredSystems')}: </Typography.Text>
                {category.requiredSystems.map((s) => (
                  <Tag key={s}>{enumLabel(t, 'systemType', s)}</Tag>
                ))}
              </Typography.Paragraph>
            ) : null}
            <Alert type="info" showIcon title={t('site.responsibleHelp')} style={{ marginBottom: 16 }} data-testid="site-responsible-help" />
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="responsibleParty" label={t('site.responsibleParty')} rules={[{ required: true, whitespace: true, message: t('site.responsiblePartyRequired') }]}>
                  <Input maxLength={200} data-testid="site-responsible-party" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="responsibleBasis" label={t('site.responsibleBasis')} rules={[{ required: true, message: t('site.responsibleBasisRequired') }]}>
                  <Select options={enumOptions(t, 'basis')} data-testid="site-responsible-basis" />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : (
          <>
            <Alert type="info" showIcon title={t('site.builderHelp')} style={{ marginBottom: 16 }} />
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="areaKind" label={t('site.areaKind')} rules={[{ required: true, message: t('site.areaKindRequired') }]}>
                  <Select options={enumOptions(t, 'areaKind')} data-testid="site-area-kind" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="builderLevel" label={t('site.builderLevel')} rules={[{ required: true, message: t('site.builderLevelRequired') }]}>
                  <Radio.Group optionType="button" options={enumOptions(t, 'builderLevel')} data-testid="site-builder-level" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="userPoliceUnitId" hidden>
              <Input />
            </Form.Item>
            <Form.Item label={t('site.userPoliceUnit')}>
              <Typography.Text data-testid="site-police-unit">{site?.userPoliceUnitName ?? user?.policeUnitName ?? site?.userPoliceUnitId ?? '—'}</Typography.Text>
            </Form.Item>
          </>
        )}

        <Form.Item name="antiTerrorTarget" label={t('site.antiTerror')} valuePropName="checked" extra={t('site.antiTerrorHelp')}>
          <Switch data-testid="site-anti-terror" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="site-submit">
            {t('site.submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

export default function SiteFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const site = useAsync(async () => (id ? getSite(id) : undefined), [id]);
  return (
    <>
      <PageTitle title={id ? t('site.editTitle') : t('site.newTitle')} sub={site.data?.name} />
      {id && site.loading ? <Skeleton active /> : null}
      {id && site.error ? <ErrorAlert error={site.error} /> : null}
      {!id || site.data ? <SiteForm key={site.data?.id ?? 'new'} site={site.data} /> : null}
    </>
  );
}
