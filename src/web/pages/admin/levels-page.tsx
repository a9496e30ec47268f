// The province maintains the qualification levels: business scope, project scales each level may
// undertake, and the checklist a promotion to the level must meet.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { fetchLevels, updateLevel } from '../../api/endpoints';
import type { LevelDefinition, UpdateLevelRequest } from '../../api/types';
import { ErrorAlert } from '../../components/api-error';
import { ModalForm, useSubmit } from '../../components/modal-form';
import { levelKey } from '../../components/labels';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';

/** GA/T 75 project size classes (一级/二级/三级工程). */
const STANDARD_SCALES = [1, 2, 3];
const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** In Chinese the classes read 一级, 二级…; in English Class 1, Class 2… */
function scaleNumber(n: number, lang: string): string | number {
  return lang === 'en' || !Number.isInteger(n) || n < 0 || n > 9 ? n : CN_DIGITS[n];
}

function IllustrativeTag() {
  const { t } = useI18n();
  return (
    <Tag color="gold" data-testid="levels-illustrative-tag">
      {t('levels.illustrativeShort')}
    </Tag>
  );
}

function EditLevelDialog({ level, onClose, onSaved }: { level: LevelDefinition; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<UpdateLevelRequest>();
  const scaleOptions = [...new Set([...STANDARD_SCALES, ...level.projectScales])]
    .sort((a, b) => a - b)
    .map((n) => ({ value: n, label: t('levels.scale', { n: scaleNumber(n, lang) }) }));

  const submit = useSubmit(
    (v: UpdateLevelRequest) =>
      updateLevel(level.level, {
        scopeZh: v.scopeZh.trim(),
        scopeEn: v.scopeEn.trim(),
        projectScales: [...(v.projectScales ?? [])].sort((a, b) => a - b),
        promotionChecklist: (v.promotionChecklist ?? []).map((i) => ({ id: i.id.trim(), zh: i.zh.trim(), en: i.en.trim() })),
      }),
    { success: t('levels.saved'), onDone: onSaved, toastErrors: true },
  );

  return (
    <ModalForm<UpdateLevelRequest>
      form={form}
      width={820}
      title={t('levels.editTitle', { level: t(levelKey(level.level)) })}
      okText={t('common.save')}
      okTestId="levels-save"
      busy={submit.busy}
      onCancel={onClose}
      onFinish={submit.run}
      initialValues={{
        scopeZh: level.scopeZh,
        scopeEn: level.scopeEn,
        projectScales: level.projectScales,
        promotionChecklist: level.promotionChecklist,
      }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="scopeZh" label={t('levels.scopeZh')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={4} data-testid="levels-scope-zh" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="scopeEn" label={t('levels.scopeEn')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={4} data-testid="levels-scope-en" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="projectScales"
        label={t('levels.projectScales')}
        extra={t('levels.projectScalesHelp')}
        rules={[{ required: true, type: 'array', min: 1, message: t('levels.projectScalesRequired') }]}
      >
        <Checkbox.Group options={scaleOptions} data-testid="levels-scales" />
      </Form.Item>
      <Typography.Text strong>{t('levels.checklist')}</Typography.Text>
      <Form.List name="promotionChecklist">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top">
                <Col xs={24} md={5}>
                  <Form.Item
                    name={[field.name, 'id']}
                    rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]+$/, message: t('levels.idPattern') }]}
                  >
                    <Input placeholder="id" data-testid={`levels-item-id-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={9}>
                  <Form.Item name={[field.name, 'zh']} rules={[{ required: true, whitespace: true }]}>
                    <Input placeholder={t('levels.itemZh')} data-testid={`levels-item-zh-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={8}>
                  <Form.Item name={[field.name, 'en']} rules={[{ required: true, whitespace: true }]}>
                    <Input placeholder={t('levels.itemEn')} data-testid={`levels-item-en-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={2}>
                  <Button icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              data-testid="levels-item-add"
              onClick={() => add({ id: `item-${fields.length + 1}`, zh: '', en: '' })}
            >
              {t('levels.addItem')}
            </Button>
          </div>
        )}
      </Form.List>
    </ModalForm>
  );
}

export default function LevelsPage() {
  const { t, pick, lang } = useI18n();
  const levels = useAsync(fetchLevels, []);
  const [editing, setEditing] = useState<LevelDefinition | null>(null);
  const rows = levels.data ?? [];
  const anyIllustrative = rows.some((l) => l.illustrative);

  return (
    <>
      <PageTitle title={t('levels.title')} sub={t('levels.intro')} />
      {anyIllustrative ? (
        <Alert type="warning" showIcon title={t('levels.illustrative')} description={t('levels.illustrativeHelp')} style={{ marginBottom: 16 }} data-testid="levels-illustrative" />
      ) : null}
      <Card>
        <ErrorAlert error={levels.error} />
        <Table<LevelDefinition>
          rowKey="level"
          loading={levels.loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="levels-table"
          columns={[
            {
              title: t('cert.level'),
              dataIndex: 'level',
              width: 130,
              render: (l: string, r) => (
                <Space orientation="vertical" size={4}>
                  <Typography.Text strong>{t(levelKey(l))}</Typography.Text>
                  {r.illustrative ? <IllustrativeTag /> : null}
                </Space>
              ),
            },
            { title: t('levels.scope'), key: 'scope', render: (_: unknown, r) => pick(r.scopeZh, r.scopeEn) },
            {
              title: t('levels.projectScales'),
              dataIndex: 'projectScales',
              width: 200,
              render: (s: number[]) => (s.length ? s.map((n) => <Tag key={n}>{t('levels.scale', { n: scaleNumber(n, lang) })}</Tag>) : '—'),
            },
            {
              title: t('levels.checklist'),
              dataIndex: 'promotionChecklist',
              render: (items: LevelDefinition['promotionChecklist']) =>
                items.length ? (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {items.map((i) => (
                      <li key={i.id}>{pick(i.zh, i.en)}</li>
                    ))}
                  </ul>
                ) : (
                  '—'
                ),
            },
            {
              title: t('common.actions'),
              key: 'edit',
              width: 100,
              render: (_: unknown, r) => (
                <Button icon={<EditOutlined />} size="small" onClick={() => setEditing(r)} data-testid={`levels-edit-${r.level}`}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {editing ? (
        <EditLevelDialog
          level={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            levels.reload();
          }}
        />
      ) : null}
    </>
  );
}
