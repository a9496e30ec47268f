// The dialogs behind the project steps that need input: the one notice of everything missing,
// reasons for the negative decisions, clock stops, approval number, construction start, the
// testing institution, the acceptance application, the test report and the supplement.
import { useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { listInstitutions, uploadProjectDocument } from '../../api/projects-endpoints';
import {
  PAUSE_REASONS,
  REQUIRED_DOC_CLASSES,
  type MissingItem,
  type PauseReason,
  type ProjectDetail,
  type RequiredDocClass,
  type TestReport,
  type TestReportItem,
} from '../../api/projects-types';
import { ModalForm } from '../../components/modal-form';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../dates';
import { useI18n } from '../../i18n/i18n-context';
import { translate, type MessageKey } from '../../i18n/translate';
import { buildNotice, checklistRows, missingClasses, passingReports, reportConclusion } from './project-logic';
import { docClassLabel, pauseReasonLabel } from './project-labels';
import { DocumentChecklist } from './project-shared';

interface DialogProps<T> {
  busy: boolean;
  onCancel: () => void;
  onSubmit: (value: T) => void;
}

const ISO = 'YYYY-MM-DD';

/**
 * One consolidated notice (行政许可法 art. 32; art. 17): the classes missing (ticked from the
 * checklist) plus anything else, one item per line. A second notice is refused by the server.
 */
export function ProjectNoticeDialog({ p, busy, onCancel, onSubmit }: DialogProps<{ missing: MissingItem[]; note?: string }> & { p: ProjectDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ classes: RequiredDocClass[]; other: string; note: string }>();
  const [empty, setEmpty] = useState(false);
  const initial = missingClasses(checklistRows(p.checklist, p.documents));
  const bilingual = (c: RequiredDocClass) => ({ zh: translate('zh-CN', `docClass.${c}` as MessageKey), en: translate('en', `docClass.${c}` as MessageKey) });

  return (
    <ModalForm
      form={form}
      width={640}
      title={t('pnotice.title')}
      help={t('pnotice.help')}
      okText={t('pnotice.send')}
      okTestId="notice-confirm"
      busy={busy}
      onCancel={onCancel}
      initialValues={{ classes: initial, other: '', note: '' }}
      onFinish={(v) => {
        const missing = buildNotice(v.classes ?? [], v.other ?? '', bilingual);
        if (!missing.length) return setEmpty(true);
        onSubmit({ missing, note: v.note?.trim() || undefined });
      }}
    >
      <Form.Item name="classes" label={t('pnotice.classes')}>
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="notice-classes">
          {REQUIRED_DOC_CLASSES.map((c) => (
            <Checkbox key={c} value={c} data-testid={`notice-class-${c}`}>
              {docClassLabel(t, c)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="other" label={t('pnotice.other')} extra={t('pnotice.otherHelp')}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="notice-other" />
      </Form.Item>
      <Form.Item name="note" label={t('pnotice.note')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="notice-note" />
      </Form.Item>
      {empty ? <Alert type="error" showIcon title={t('notice.empty')} data-testid="notice-empty" /> : null}
    </ModalForm>
  );
}

/** Reasons for 不予受理, 不予批准 and 验收不合格: the server refuses them without. */
export function ProjectReasonsDialog({
  busy,
  onCancel,
  onSubmit,
  title,
  help,
  okText,
  testId,
}: DialogProps<string> & { title: string; help: string; okText: string; testId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reasons: string }>();
  return (
    <ModalForm
      form={form}
      title={title}
      help={help}
      okText={okText}
      okTestId={`${testId}-confirm`}
      danger
      busy={busy}
      onCancel={onCancel}
      initialValues={{ reasons: '' }}
      onFinish={(v) => onSubmit(v.reasons.trim())}
    >
      <Form.Item name="reasons" label={t('decide.reasons')} rules={[{ required: true, whitespace: true, message: t('decide.reasonsRequired') }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount data-testid={`${testId}-reasons`} />
      </Form.Item>
    </ModalForm>
  );
}

/** A clock stop of the review period (行政许可法 art. 45): expert review, testing, suspension, hearing. */
export function PauseDialog({ busy, onCancel, onSubmit }: DialogProps<{ reason: PauseReason; note?: string }>) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: PauseReason; note: string }>();
  return (
    <ModalForm
      form={form}
      title={t('pause.title')}
      help={t('pause.help')}
      okText={t('projectAction.pause')}
      okTestId="pause-confirm"
      busy={busy}
      onCancel={onCancel}
      initialValues={{ reason: 'expert_review', note: '' }}
      onFinish={(v) => onSubmit({ reason: v.reason, note: v.note?.trim() || undefined })}
    >
      <Form.Item name="reason" label={t('pause.reason')} rules={[{ required: true }]}>
        <Select
          options={PAUSE_REASONS.map((r) => ({ value: r, label: pauseReasonLabel(t, r) }))}
          data-testid="pause-reason"
          aria-label={t('pause.reason')}
        />
      </Form.Item>
      <Form.Item name="note" label={t('pause.note')}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="pause-note" />
      </Form.Item>
    </ModalForm>
  );
}

export function ApproveDialog({ busy, onCancel, onSubmit }: DialogProps<string | undefined>) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ approvalNumber: string }>();
  return (
    <ModalForm
      form={form}
      title={t('papprove.title')}
      help={t('papprove.help')}
      okText={t('projectAction.approve')}
      okTestId="approve-confirm"
      busy={busy}
      onCancel={onCancel}
      initialValues={{ approvalNumber: '' }}
      onFinish={(v) => onSubmit(v.approvalNumber?.trim() || undefined)}
    >
      <Form.Item name="approvalNumber" label={t('papprove.number')} extra={t('papprove.numberHelp')}>
        <Input maxLength={100} data-testid="approve-number" />
      </Form.Item>
    </ModalForm>
  );
}

/** Construction start. Before approval the fact is still recorded and raises the art. 17 → 36 finding. */
export function ConstructionStartedDialog({ p, busy, onCancel, onSubmit }: DialogProps<string> & { p: ProjectDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ on: Dayjs }>();
  const early = p.status !== 'scheme_approved';
  return (
    <ModalForm
      form={form}
      title={t('construction.title')}
      okText={t('common.confirm')}
      okTestId="construction-confirm"
      danger={early}
      busy={busy}
      onCancel={onCancel}
      initialValues={{ on: dayjs() }}
      onFinish={(v) => onSubmit(v.on.format(ISO))}
    >
      {early ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('construction.early')} data-testid="construction-early" /> : null}
      <Form.Item name="on" label={t('construction.on')} rules={[{ required: true }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="construction-on" aria-label={t('construction.on')} />
      </Form.Item>
    </ModalForm>
  );
}

/** The construction unit designates an accredited testing institution (art. 18). */
export function DesignateTestingDialog({ p, busy, onCancel, onSubmit }: DialogProps<string> & { p: ProjectDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ institutionId: string }>();
  const institutions = useAsync(() => listInstitutions(), []);
  return (
    <ModalForm
      form={form}
      title={t('designate.title')}
      help={t('designate.help')}
      error={institutions.error}
      okText={t('projectAction.designate-testing')}
      okTestId="designate-confirm"
      busy={busy}
      onCancel={onCancel}
      initialValues={{ institutionId: p.testingInstitution?.id }}
      onFinish={(v) => onSubmit(v.institutionId)}
    >
      <Form.Item name="institutionId" label={t('designate.institution')} rules={[{ required: true, message: t('designate.required') }]}>
        <Select
          loading={institutions.loading}
          data-testid="designate-institution"
          aria-label={t('designate.institution')}
          showSearch={{ optionFilterProp: 'label' }}
          options={(institutions.data ?? []).map((i) => ({
            value: i.id,
            disabled: !i.accredited,
            label: `${i.name}（${i.accreditationNumber}，${t('institution.validTo')} ${formatDate(i.accreditationValidTo)}${!i.accredited ? `，${t('institution.lapsed')}` : ''}）`,
          }))}
        />
      </Form.Item>
    </ModalForm>
  );
}

/** The acceptance application (art. 19) cites a passing test report. */
export function ApplyAcceptanceDialog({ p, busy, onCancel, onSubmit }: DialogProps<string> & { p: ProjectDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ testReportId: string }>();
  const passing = passingReports(p.testReports);
  return (
    <ModalForm
      form={form}
      title={t('applyAcceptance.title')}
      help={t('applyAcceptance.help')}
      okText={t('projectAction.apply-acceptance')}
      okTestId="apply-acceptance-confirm"
      okDisabled={!passing.length}
      busy={busy}
      onCancel={onCancel}
      initialValues={{ testReportId: passing[0]?.id }}
      onFinish={(v) => onSubmit(v.testReportId)}
    >
      {!passing.length ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('applyAcceptance.none')} data-testid="apply-acceptance-none" /> : null}
      <Form.Item name="testReportId" label={t('applyAcceptance.report')} rules={[{ required: true, message: t('applyAcceptance.required') }]}>
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="apply-acceptance-report">
          {passing.map((r) => (
            <Radio key={r.id} value={r.id} data-testid={`apply-acceptance-report-${r.reportNumber}`}>
              {r.reportNumber} · {formatDate(r.testedOn)} · {r.institutionName}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
    </ModalForm>
  );
}

interface TestReportForm {
  reportNumber: string;
  testedOn: Dayjs;
  items: TestReportItem[];
}

/**
 * A testing institution's report (art. 18): the items tested, pass or fail each, and the report
 * document (uploaded first as class `test_report`, then cited by id). Conclusion: all items pass.
 */
export function TestReportDialog({ p, busy, onCancel, onSubmit }: DialogProps<{ reportNumber: string; testedOn: string; items: TestReportItem[]; documentId?: string }> & { p: ProjectDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<TestReportForm>();
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const items = Form.useWatch('items', form) ?? [];
  const conclusion = reportConclusion(items.filter(Boolean));
  const defaults: TestReportItem[] = p.systemTypes.length
    ? p.systemTypes.map((s) => ({ item: translate('zh-CN', `systemType.${s}` as MessageKey), result: 'pass' }))
    : [{ item: '', result: 'pass' }];

  const finish = async (v: TestReportForm) => {
    setUploadError(null);
    let documentId: string | undefined;
    if (file) {
      setUploading(true);
      try {
        documentId = (await uploadProjectDocument(p.id, 'test_report', file)).id;
      } catch (err) {
        setUploadError(err);
        setUploading(false);
        return;
      }
      setUploading(false);
    }
    onSubmit({
      reportNumber: v.reportNumber.trim(),
      testedOn: v.testedOn.format(ISO),
      items: v.items.map((i) => ({ item: i.item.trim(), result: i.result, ...(i.note?.trim() ? { note: i.note.trim() } : {}) })),
      documentId,
    });
  };

  return (
    <ModalForm<TestReportForm>
      form={form}
      width={760}
      title={t('testReport.title')}
      help={t('testReport.help')}
      error={uploadError}
      errorTestId="test-report-upload-error"
      okText={t('testReport.send')}
      okTestId="test-report-confirm"
      busy={busy || uploading}
      onCancel={onCancel}
      initialValues={{ reportNumber: '', testedOn: dayjs(), items: defaults }}
      onFinish={finish}
    >
      <Space wrap size={16} align="start">
        <Form.Item name="reportNumber" label={t('testReport.number')} rules={[{ required: true, whitespace: true, message: t('testReport.numberRequired') }]}>
          <Input maxLength={100} style={{ width: 240 }} data-testid="test-report-number" />
        </Form.Item>
        <Form.Item name="testedOn" label={t('testReport.testedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="test-report-tested-on" aria-label={t('testReport.testedOn')} />
        </Form.Item>
      </Space>
      <Form.List name="items" rules={[{ validator: async (_r, v: TestReportItem[] | undefined) => { if (!v?.length) throw new Error(t('testReport.itemsRequired')); } }]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            <Typography.Text strong>{t('testReport.items')}</Typography.Text>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }} data-testid={`test-item-${index}`}>
                <Form.Item name={[field.name, 'item']} rules={[{ required: true, whitespace: true, message: t('testReport.itemRequired') }]} style={{ marginBottom: 0 }}>
                  <Input placeholder={t('testReport.item')} style={{ width: 220 }} data-testid={`test-item-name-${index}`} aria-label={t('testReport.item')} />
                </Form.Item>
                <Form.Item name={[field.name, 'result']} style={{ marginBottom: 0 }}>
                  <Radio.Group optionType="button" buttonStyle="solid" data-testid={`test-item-result-${index}`}>
                    <Radio value="pass" data-testid={`test-item-pass-${index}`}>{t('testReport.pass')}</Radio>
                    <Radio value="fail" data-testid={`test-item-fail-${index}`}>{t('testReport.fail')}</Radio>
                  </Radio.Group>
                </Form.Item>
                <Form.Item name={[field.name, 'note']} style={{ marginBottom: 0 }}>
                  <Input placeholder={t('testReport.note')} style={{ width: 180 }} aria-label={t('testReport.note')} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label={t('common.remove')} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ item: '', result: 'pass' })} style={{ marginTop: 8 }} data-testid="test-item-add">
              {t('testReport.addItem')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
      <div style={{ margin: '16px 0' }}>
        <Typography.Text strong>{t('testReport.conclusion')}：</Typography.Text>
        <Tag color={conclusion === 'pass' ? 'green' : 'red'} data-testid="test-report-conclusion" data-conclusion={conclusion}>
          {conclusion === 'pass' ? t('testReport.concludePass') : t('testReport.concludeFail')}
        </Tag>
      </div>
      <Form.Item label={t('testReport.document')} extra={t('wizard.fileTypes')}>
        <Upload
          maxCount={1}
          accept=".pdf,.png,.jpg,.jpeg,.ofd,.zip,.docx,.xlsx"
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          data-testid="test-report-file"
        >
          <Button icon={<UploadOutlined />}>{t('testReport.chooseFile')}</Button>
        </Upload>
      </Form.Item>
    </ModalForm>
  );
}

/** The supplement: upload what the notice listed, then resubmit (the review clock restarts on receipt). */
export function SupplementDialog({ p, busy, onCancel, onSubmit, reload }: DialogProps<void> & { p: ProjectDetail; reload: () => void }) {
  const { t } = useI18n();
  const rows = checklistRows(p.checklist, p.documents);
  const missing = missingClasses(rows);
  return (
    <Modal
      open
      width={760}
      title={t('psupplement.title')}
      onCancel={onCancel}
      destroyOnHidden
      okText={t('psupplement.send')}
      okButtonProps={{ 'data-testid': 'supplement-confirm' }}
      confirmLoading={busy}
      onOk={() => onSubmit()}
    >
      <Typography.Paragraph type="secondary">{t('psupplement.help')}</Typography.Paragraph>
      {missing.length ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('wizard.missingTitle', { n: missing.length })} description={missing.map((c) => docClassLabel(t, c)).join('、')} />
      ) : null}
      <DocumentChecklist rows={rows} projectId={p.id} canUpload onUploaded={reload} />
    </Modal>
  );
}

/** The items of a test report, as a small table. */
export function TestReportItems({ report }: { report: TestReport }) {
  const { t } = useI18n();
  return (
    <Table<TestReportItem & { n: number }>
      size="small"
      rowKey="n"
      pagination={false}
      dataSource={report.items.map((i, n) => ({ ...i, n }))}
      columns={[
        { title: t('testReport.item'), dataIndex: 'item' },
        {
          title: t('testReport.result'),
          dataIndex: 'result',
          width: 100,
          render: (r: string) => <Tag color={r === 'pass' ? 'green' : 'red'}>{r === 'pass' ? t('testReport.pass') : t('testReport.fail')}</Tag>,
        },
        { title: t('testReport.note'), dataIndex: 'note', render: (n: string | undefined) => n || '—' },
      ]}
    />
  );
}
