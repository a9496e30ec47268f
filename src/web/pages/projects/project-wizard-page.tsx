// The new-project wizard (art. 17): 1) the site, the systems, the two companies, investment and
// risk → the scale class and, once the draft exists, the competent authority; 2) the five classes
// of documents, uploaded one by one; 3) review and submit (missing classes warn, not block: the
// bureau then sends its one notice listing everything missing).
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Result, Select, Skeleton, Space, Steps, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { listSites } from '../../api/endpoints';
import { createProject, getProject, submitProject } from '../../api/projects-endpoints';
import type { CreateProjectRequest, ProjectDetail } from '../../api/projects-types';
import type { SiteSummary } from '../../api/types';
import { ErrorAlert, useNotifyError } from '../../components/api-error';
import { enumLabel, enumOptions } from '../../components/registry-labels';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../auth/session-context';
import { isOfficer } from '../../auth/roles';
import { useI18n } from '../../i18n/i18n-context';
import { checklistRows, estimateScaleClass, missingClasses } from './project-logic';
import { docClassLabel } from './project-labels';
import { CompanyPicker, confirmSubmitMissing, DocumentChecklist, projectParticulars, ProjectStatusTag, ScaleClassTag } from './project-shared';

/** The request itself, with the level-1 risk checkbox always set. */
type SiteStepForm = Required<CreateProjectRequest>;

export default function ProjectWizardPage() {
  const { id } = useParams();
  return id ? <DraftWizard id={id} /> : <NewProjectStep />;
}

function WizardSteps({ current }: { current: number }) {
  const { t } = useI18n();
  return (
    <Steps
      current={current}
      responsive
      style={{ marginBottom: 24 }}
      data-testid="wizard-steps"
      items={[{ title: t('wizard.stepSite') }, { title: t('wizard.stepDocuments') }, { title: t('wizard.stepReview') }]}
    />
  );
}

/** Step 1: the particulars; creating the draft moves on to the documents. */
function NewProjectStep() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useSession();
  const [form] = Form.useForm<SiteStepForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const officer = isOfficer(user?.role);
  // Unit users build on their key-unit sites; officers on the public areas of their jurisdiction.
  const sites = useAsync(() => listSites({ siteType: officer ? 'public_area' : undefined, pageSize: 200 }), [officer]);
  const investment = Form.useWatch('investmentYuan', form);
  const risk = Form.useWatch('level1Risk', form) ?? false;
  const estimate = estimateScaleClass(investment, !!risk);
  const siteOptions = useMemo(
    () =>
      (sites.data?.items ?? []).map((s: SiteSummary) => ({
        value: s.id,
        label: `${s.name}（${enumLabel(t, 'siteType', s.siteType)}${s.divisionName ? ` · ${s.divisionName}` : ''}）`,
      })),
    [sites.data, t],
  );

  const onFinish = async (v: SiteStepForm) => {
    setBusy(true);
    setError(null);
    const body: CreateProjectRequest = {
      title: v.title.trim(),
      siteId: v.siteId,
      systemTypes: v.systemTypes,
      designerCompanyId: v.designerCompanyId,
      builderCompanyId: v.builderCompanyId,
      investmentYuan: Math.round(Number(v.investmentYuan)),
      level1Risk: !!v.level1Risk,
    };
    try {
      const created = await createProject(body);
      void message.success(t('wizard.draftCreated', { number: created.number }));
      navigate(`/projects/${encodeURIComponent(created.id)}/wizard`, { replace: true });
    } catch (err) {
      setError(err);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('wizard.title')} sub={t('wizard.intro')} />
      <Card style={{ maxWidth: 900 }}>
        <WizardSteps current={0} />
        <ErrorAlert error={error ?? sites.error} testId="wizard-error" />
        {sites.data && !sites.data.items.length ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('wizard.noSites')}
            action={<Link to="/registry/sites/new">{t('wizard.addSite')}</Link>}
          />
        ) : null}
        <Form<SiteStepForm> form={form} layout="vertical" initialValues={{ systemTypes: [], level1Risk: false }} onFinish={onFinish} scrollToFirstError>
          <Form.Item name="title" label={t('project.title')} rules={[{ required: true, whitespace: true, message: t('wizard.titleRequired') }]}>
            <Input maxLength={200} data-testid="wizard-title" placeholder={t('wizard.titlePlaceholder')} />
          </Form.Item>
          <Form.Item name="siteId" label={t('project.site')} rules={[{ required: true, message: t('wizard.siteRequired') }]} extra={officer ? t('wizard.siteHelpOfficer') : t('wizard.siteHelpUnit')}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={sites.loading}
              options={siteOptions}
              placeholder={t('wizard.sitePlaceholder')}
              data-testid="wizard-site"
              aria-label={t('project.site')}
            />
          </Form.Item>
          <Form.Item name="systemTypes" label={t('project.systems')} rules={[{ required: true, type: 'array', min: 1, message: t('wizard.systemsRequired') }]}>
            <Select mode="multiple" options={enumOptions(t, 'systemType')} data-testid="wizard-systems" aria-label={t('project.systems')} placeholder={t('wizard.systemsPlaceholder')} />
          </Form.Item>
          <Form.Item name="designerCompanyId" label={t('project.designer')} rules={[{ required: true, message: t('wizard.designerRequired') }]} extra={t('wizard.companyHelp')}>
            <CompanyPicker testId="wizard-designer" />
          </Form.Item>
          <Form.Item name="builderCompanyId" label={t('project.builder')} rules={[{ required: true, message: t('wizard.builderRequired') }]}>
            <CompanyPicker testId="wizard-builder" />
          </Form.Item>
          <Space wrap size={24} align="start">
            <Form.Item name="investmentYuan" label={t('project.investment')} rules={[{ required: true, message: t('wizard.investmentRequired') }]}>
              <InputNumber<number>
                min={0}
                step={10000}
                precision={0}
                style={{ width: 220 }}
                prefix="¥"
                formatter={(v) => (v === undefined || v === null ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','))}
                parser={(v) => Number((v ?? '').replace(/[^\d]/g, ''))}
                data-testid="wizard-investment"
                aria-label={t('project.investment')}
              />
            </Form.Item>
            <Form.Item name="level1Risk" valuePropName="checked" label={t('project.risk')}>
              <Checkbox data-testid="wizard-level1-risk">{t('wizard.level1Risk')}</Checkbox>
            </Form.Item>
            <Form.Item label={t('project.scaleClass')} extra={t('wizard.scaleHelp')}>
              <span data-testid="wizard-scale-estimate">
                <ScaleClassTag scaleClass={estimate} />
              </span>
            </Form.Item>
          </Space>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('wizard.authorityAfterDraft')} />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="wizard-create">
            {t('wizard.createDraft')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

/** Steps 2 and 3 on an existing draft. */
function DraftWizard({ id }: { id: string }) {
  const { t } = useI18n();
  const project = useAsync(() => getProject(id), [id]);
  const [step, setStep] = useState(1);
  const p = project.data;

  if (project.loading && !p) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (project.error && !p) {
    if (project.error instanceof ApiError && (project.error.status === 404 || project.error.status === 403)) {
      return <Result status={project.error.status === 404 ? '404' : '403'} title={project.error.detail} extra={<Link to="/projects">{t('projects.back')}</Link>} />;
    }
    return <ErrorAlert error={project.error} />;
  }
  if (!p) return null;
  if (p.status !== 'draft') {
    return (
      <Result
        status="info"
        title={t('wizard.notDraft', { number: p.number })}
        extra={
          <Link to={`/projects/${encodeURIComponent(p.id)}`} data-testid="wizard-open-project">
            {t('wizard.openProject')}
          </Link>
        }
      />
    );
  }

  return (
    <>
      <PageTitle
        title={
          <Space wrap>
            {t('wizard.title')}
            <Typography.Text type="secondary" style={{ fontSize: 16 }} data-testid="project-number">
              {p.number}
            </Typography.Text>
            <ProjectStatusTag status={p.status} />
          </Space>
        }
        sub={p.title}
      />
      <Card style={{ maxWidth: 900 }}>
        <WizardSteps current={step} />
        <DraftParticulars p={p} />
        {step === 1 ? <DocumentsStep p={p} reload={project.reload} onNext={() => setStep(2)} /> : null}
        {step === 2 ? <ReviewStep p={p} onBack={() => setStep(1)} /> : null}
      </Card>
    </>
  );
}

function DraftParticulars({ p }: { p: ProjectDetail }) {
  const { t } = useI18n();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2 }}
      style={{ marginBottom: 24 }}
      data-testid="wizard-particulars"
      items={[
        { key: 'site', label: t('project.site'), children: p.site.name },
        ...(projectParticulars(t, p, false) ?? []),
      ]}
    />
  );
}

function DocumentsStep({ p, reload, onNext }: { p: ProjectDetail; reload: () => void; onNext: () => void }) {
  const { t } = useI18n();
  const rows = checklistRows(p.checklist, p.documents);
  const missing = missingClasses(rows);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('wizard.documentsHelp')}</Typography.Paragraph>
      <DocumentChecklist rows={rows} projectId={p.id} canUpload onUploaded={reload} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('wizard.fileTypes')}
      </Typography.Paragraph>
      <Space style={{ marginTop: 16 }} wrap>
        <Typography.Text data-testid="wizard-present-count">{t('wizard.presentCount', { n: rows.length - missing.length, total: rows.length })}</Typography.Text>
        <Button type="primary" onClick={onNext} data-testid="wizard-next">
          {t('common.next')}
        </Button>
      </Space>
    </>
  );
}

function ReviewStep({ p, onBack }: { p: ProjectDetail; onBack: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const rows = checklistRows(p.checklist, p.documents);
  const missing = missingClasses(rows);
  const canSubmit = p.actions.includes('submit');

  const doSubmit = async () => {
    setBusy(true);
    try {
      await submitProject(p);
      void message.success(t('done.projectSubmit'));
      navigate(`/projects/${encodeURIComponent(p.id)}`);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = () => confirmSubmitMissing(modal, t, missing, doSubmit);

  return (
    <>
      {missing.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="wizard-missing-warning"
          title={t('wizard.missingTitle', { n: missing.length })}
          description={missing.map((c) => docClassLabel(t, c)).join('、')}
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('wizard.complete')} data-testid="wizard-complete" />
      )}
      <Typography.Paragraph type="secondary">{t('wizard.reviewHelp')}</Typography.Paragraph>
      <Space wrap>
        <Button onClick={onBack}>{t('common.previous')}</Button>
        <Button type="primary" disabled={!canSubmit} loading={busy} onClick={onSubmit} data-testid="wizard-submit">
          {t('wizard.submit')}
        </Button>
        <Link to={`/projects/${encodeURIComponent(p.id)}`}>{t('wizard.saveForLater')}</Link>
      </Space>
    </>
  );
}
