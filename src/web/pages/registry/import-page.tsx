// Import wizard: choose what to import → template → upload → dry run with a per-row report (in
// Chinese, from the server) → import all-or-nothing or the valid rows only, with progress.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Radio, Result, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { getImport, importReportUrl, importTemplateUrl, startImport } from '../../api/endpoints';
import type { ImportJob, ImportKind, ImportMode, ImportReportRow } from '../../api/types';
import { IMPORT_KINDS } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import type { MessageKey } from '../../i18n/translate';
import { useI18n } from '../../i18n/i18n-context';
import { importStatus, statusLabel } from '../../status';
import { importContentType, importPercent } from './registry-logic';

const POLL_MS = 800;

/** Runs an import job to its end, reporting each state; stops when `alive()` turns false. */
async function runJob(file: File, kind: ImportKind, mode: ImportMode, onUpdate: (j: ImportJob) => void, alive: () => boolean): Promise<ImportJob> {
  const type = importContentType(file.name) ?? file.type;
  let job = await startImport(file, type, { kind, mode, fileName: file.name });
  onUpdate(job);
  while (alive() && job.status === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    job = await getImport(job.id);
    if (alive()) onUpdate(job);
  }
  // A job that finished in the request itself may come without its report.
  if (alive() && !job.report && job.errorCount > 0) {
    job = await getImport(job.id);
    onUpdate(job);
  }
  return job;
}

function ReportTable({ job }: { job: ImportJob }) {
  const { t, pick } = useI18n();
  const rows = job.report ?? [];
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }}>
        {job.reportTruncated ? <Typography.Text type="secondary">{t('import.truncated', { n: rows.length, total: job.errorCount })}</Typography.Text> : null}
        <Button size="small" icon={<DownloadOutlined />} href={importReportUrl(job.id)} data-testid="import-report-download">
          {t('import.reportDownload')}
        </Button>
      </Flex>
      <Table<ImportReportRow>
        size="small"
        rowKey={(r, i) => `${r.row}:${r.column}:${i}`}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        data-testid="import-report"
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 90 },
          { title: t('import.column'), dataIndex: 'column', width: 200, render: (c: string) => c || '—' },
          { title: t('import.message'), dataIndex: 'message', render: (m: string, r) => pick(m, r.messageEn) },
        ]}
      />
    </>
  );
}

export default function ImportPage() {
  const { t, lang } = useI18n();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>('sites');
  const [file, setFile] = useState<File | null>(null);
  const [badFile, setBadFile] = useState(false);
  const [dry, setDry] = useState<ImportJob | null>(null);
  const [mode, setMode] = useState<Exclude<ImportMode, 'dry_run'>>('all_or_nothing');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const restart = () => {
    setStep(0);
    setFile(null);
    setDry(null);
    setJob(null);
    setError(null);
  };

  const run = async (m: ImportMode) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      if (m === 'dry_run') await runJob(file, kind, m, setDry, () => live.current);
      else await runJob(file, kind, m, setJob, () => live.current);
    } catch (err) {
      if (live.current) setError(err);
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const dryDone = dry && dry.status !== 'running';
  const jobDone = job && job.status !== 'running';

  const steps = [
    { title: t('import.stepKind') },
    { title: t('import.stepTemplate') },
    { title: t('import.stepUpload') },
    { title: t('import.stepCheck') },
    { title: t('import.stepImport') },
  ];

  return (
    <>
      <PageTitle title={t('import.title')} sub={t('import.intro')} />
      <Card>
        <Steps current={step} items={steps} style={{ marginBottom: 24 }} data-testid="import-steps" />
        <ErrorAlert error={error} testId="import-error" />

        {step === 0 ? (
          <Space orientation="vertical" size="large">
            <Typography.Text strong>{t('import.kind')}</Typography.Text>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as ImportKind)}
              optionType="button"
              buttonStyle="solid"
              options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`import.kind.${k}` as MessageKey) }))}
              data-testid="import-kind"
            />
            <Button type="primary" onClick={() => setStep(1)} data-testid="import-next">
              {t('common.next')}
            </Button>
          </Space>
        ) : null}

        {step === 1 ? (
          <Space orientation="vertical" size="large">
            <Typography.Paragraph style={{ margin: 0 }}>{t('import.templateHelp')}</Typography.Paragraph>
            <Button icon={<DownloadOutlined />} href={importTemplateUrl(kind)} data-testid="import-template">
              {t('import.template')}（{t(`import.kind.${kind}` as MessageKey)}）
            </Button>
            <Space>
              <Button onClick={() => setStep(0)}>{t('common.previous')}</Button>
              <Button type="primary" onClick={() => setStep(2)} data-testid="import-next">
                {t('common.next')}
              </Button>
            </Space>
          </Space>
        ) : null}

        {step === 2 ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              beforeUpload={(f) => {
                const ok = importContentType(f.name) !== null;
                setBadFile(!ok);
                if (ok) {
                  setFile(f);
                  setDry(null);
                  setJob(null);
                }
                return false;
              }}
              onRemove={() => {
                setFile(null);
                setDry(null);
              }}
              data-testid="import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.uploadHelp')}</p>
              <p className="ant-upload-hint">{t('import.fileTypes')}</p>
            </Upload.Dragger>
            {badFile ? <Alert type="error" showIcon title={t('import.badType')} data-testid="import-bad-type" /> : null}
            <Space>
              <Button onClick={() => setStep(1)}>{t('common.previous')}</Button>
              <Button
                type="primary"
                disabled={!file}
                loading={busy}
                onClick={() => {
                  setStep(3);
                  void run('dry_run');
                }}
                data-testid="import-dry-run"
              >
                {t('import.dryRun')}
              </Button>
            </Space>
          </Space>
        ) : null}

        {step === 3 ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Typography.Text>
              {t('import.fileName')}: <Typography.Text strong>{file?.name}</Typography.Text> · {t(`import.kind.${kind}` as MessageKey)}
            </Typography.Text>
            {!dryDone ? (
              <Progress percent={dry ? importPercent(dry) : 0} status="active" data-testid="import-dry-progress" />
            ) : (
              <>
                <Flex gap={12} align="center" data-testid="import-dry-summary" data-errors={dry.errorCount} data-rows={dry.totalRows}>
                  <Tag>{t('import.rows', { n: dry.totalRows })}</Tag>
                  {dry.errorCount ? <Tag color="red">{t('import.errors', { n: dry.errorCount })}</Tag> : <Tag color="green">{t('import.noErrors')}</Tag>}
                </Flex>
                {dry.report?.length ? <ReportTable job={dry} /> : null}
                <Typography.Text strong>{t('import.mode')}</Typography.Text>
                <Radio.Group
                  value={mode}
                  onChange={(e) => setMode(e.target.value as typeof mode)}
                  data-testid="import-mode"
                  options={[
                    { value: 'all_or_nothing', label: t('import.mode.all_or_nothing') },
                    { value: 'valid_rows_only', label: t('import.mode.valid_rows_only') },
                  ]}
                  style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                />
              </>
            )}
            <Space>
              <Button onClick={() => setStep(2)} disabled={busy}>
                {t('common.previous')}
              </Button>
              <Button
                type="primary"
                disabled={!dryDone || busy}
                onClick={() => {
                  setStep(4);
                  void run(mode);
                }}
                data-testid="import-run"
              >
                {t('import.run')}
              </Button>
            </Space>
          </Space>
        ) : null}

        {step === 4 ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            {!jobDone ? <Progress percent={job ? importPercent(job) : 0} status="active" data-testid="import-progress" /> : null}
            {job && !jobDone ? <Typography.Text>{t('import.progress', { done: job.processedRows, total: job.totalRows })}</Typography.Text> : null}
            {job && jobDone ? (
              <Result
                status={job.status === 'succeeded' ? (job.errorCount ? 'warning' : 'success') : job.status === 'interrupted' ? 'warning' : 'error'}
                title={
                  job.status === 'succeeded'
                    ? t('import.done', { imported: job.importedRows, errors: job.errorCount })
                    : job.status === 'interrupted'
                      ? t('import.interrupted')
                      : t('import.failed', { errors: job.errorCount })
                }
                subTitle={<Tag color={importStatus(job.status).tag}>{statusLabel(importStatus(job.status), lang)}</Tag>}
                data-testid="import-done"
                data-status={job.status}
                data-imported={job.importedRows}
                extra={[
                  <Button key="again" onClick={restart} data-testid="import-restart">
                    {t('import.restart')}
                  </Button>,
                  <Link key="sites" to="/registry/sites">
                    <Button type="primary">{t('menu.sites')}</Button>
                  </Link>,
                ]}
              />
            ) : null}
            {job && jobDone && job.report?.length ? <ReportTable job={job} /> : null}
            {error ? (
              <Button onClick={() => setStep(3)} data-testid="import-back">
                {t('common.previous')}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </Card>
    </>
  );
}
