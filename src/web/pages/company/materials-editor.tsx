// A list of submitted materials (name + reference), used by the application form and the supplement dialog.
import { Button, Col, Form, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n-context';

export function MaterialsEditor({ name = 'materials', testIdPrefix = 'apply-material' }: { name?: string; testIdPrefix?: string }) {
  const { t } = useI18n();
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_rule, value: unknown[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('apply.materialsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top">
              <Col xs={24} md={10}>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('apply.materialNameRequired') }]}
                >
                  <Input placeholder={t('apply.materialNamePlaceholder')} data-testid={`${testIdPrefix}-name-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={20} md={12}>
                <Form.Item name={[field.name, 'ref']} rules={[{ required: true, whitespace: true, message: t('apply.materialRefRequired') }]}>
                  <Input placeholder={t('apply.materialRefPlaceholder')} data-testid={`${testIdPrefix}-ref-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={4} md={2}>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 1}
                  data-testid={`${testIdPrefix}-remove-${index}`}
                />
              </Col>
            </Row>
          ))}
          <Form.Item>
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '', ref: '' })} data-testid={`${testIdPrefix}-add`}>
              {t('apply.addMaterial')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}

/** Drops empty rows and trims what people typed. */
export function cleanMaterials(rows: { name?: string; ref?: string }[] | undefined): { name: string; ref: string }[] {
  return (rows ?? [])
    .map((m) => ({ name: (m.name ?? '').trim(), ref: (m.ref ?? '').trim() }))
    .filter((m) => m.name !== '');
}
