// The dialogs behind the case actions that need input: notice of missing materials, supplement,
// examination and decision.
import { Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n-context';
import { MaterialsEditor, cleanMaterials } from '../company/materials-editor';
import type { Material } from '../../api/types';

interface DialogProps<T> {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (value: T) => void;
}

/** One consolidated notice of everything missing (administrative licensing law art. 32: notify once). */
export function NoticeDialog({ open, busy, onCancel, onSubmit }: DialogProps<string[]>) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ missing: string[] }>();

  return (
    <Modal
      open={open}
      title={t('notice.title')}
      onCancel={onCancel}
      destroyOnHidden
      okText={t('notice.send')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'notice-confirm' }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('notice.help')}</Typography.Paragraph>
      <Form form={form} initialValues={{ missing: [''] }} onFinish={(v) => onSubmit(v.missing.map((s) => s.trim()).filter(Boolean))}>
        <Form.List
          name="missing"
          rules={[
            {
              validator: async (_r, value: string[] | undefined) => {
                if (!value || !value.some((s) => s?.trim())) throw new Error(t('notice.empty'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Typography.Text>{index + 1}.</Typography.Text>
                  <Form.Item name={field.name} rules={[{ required: true, whitespace: true, message: t('notice.itemRequired') }]} style={{ width: 380 }}>
                    <Input placeholder={t('notice.itemPlaceholder')} data-testid={`notice-item-${index}`} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('common.remove')}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block data-testid="notice-add">
                {t('notice.add')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function SupplementDialog({ open, busy, onCancel, onSubmit, missing }: DialogProps<Material[]> & { missing: string[] | null }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ materials: Material[] }>();
  const rows = missing?.length ? missing.map((name) => ({ name, ref: '' })) : [{ name: '', ref: '' }];

  return (
    <Modal
      open={open}
      width={760}
      title={t('supplement.title')}
      onCancel={onCancel}
      destroyOnHidden
      okText={t('supplement.send')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'supplement-confirm' }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('supplement.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ materials: rows }} onFinish={(v) => onSubmit(cleanMaterials(v.materials))}>
        <MaterialsEditor testIdPrefix="supplement-material" />
      </Form>
    </Modal>
  );
}

export function ExamineDialog({ open, busy, onCancel, onSubmit }: DialogProps<{ pass: boolean; opinion: string }>) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ pass: boolean; opinion: string }>();

  return (
    <Modal
      open={open}
      title={t('examine.title')}
      onCancel={onCancel}
      destroyOnHidden
      okText={t('examine.send')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'examine-confirm' }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('examine.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ pass: true, opinion: '' }} onFinish={(v) => onSubmit({ pass: v.pass, opinion: v.opinion.trim() })}>
        <Form.Item name="pass" label={t('examine.result')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value={true} data-testid="examine-pass">
              {t('examine.pass')}
            </Radio>
            <Radio value={false} data-testid="examine-fail">
              {t('examine.fail')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="opinion" label={t('examine.opinion')} rules={[{ required: true, whitespace: true, message: t('examine.opinionRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="examine-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Approve, refuse (不予批准) or not accept (不予受理). The two negative decisions must state their
 * reasons (the server refuses them without).
 */
export function ReasonsDialog({ open, busy, mode, onCancel, onSubmit }: DialogProps<string> & { mode: 'approve' | 'refuse' | 'reject' }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reasons: string }>();
  const approve = mode === 'approve';
  const prefix = mode === 'reject' ? 'reject' : 'decide';
  const title = mode === 'approve' ? t('decide.approveTitle') : mode === 'refuse' ? t('decide.refuseTitle') : t('reject.title');
  const help = mode === 'approve' ? t('decide.approveHelp') : mode === 'refuse' ? t('decide.refuseHelp') : t('reject.help');
  const ok = mode === 'approve' ? t('decide.approve') : mode === 'refuse' ? t('decide.refuse') : t('reject.confirm');
  const required = mode === 'refuse' ? t('decide.reasonsRequired') : t('reject.reasonsRequired');

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      destroyOnHidden
      okText={ok}
      okButtonProps={{ danger: !approve, 'data-testid': `${prefix}-confirm` }}
      confirmLoading={busy}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ reasons: '' }} onFinish={(v) => onSubmit((v.reasons ?? '').trim())}>
        <Form.Item
          name="reasons"
          label={approve ? t('decide.reasonsOptional') : t('decide.reasons')}
          rules={approve ? [] : [{ required: true, whitespace: true, message: required }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid={`${prefix}-reasons`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
