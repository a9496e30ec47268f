// One year of the legal-day calendar: twelve month grids marking the listed days off (休) and the
// make-up working days (班), the lists themselves, and local overrides by division.
import { useMemo } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { getCalendarYear } from '../../api/projects-endpoints';
import type { LocalOverride } from '../../api/projects-types';
import { ErrorAlert } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { monthGrid, workingDayCount, type DayCellKind } from './calendar-logic';
import { YearStatusTag } from './calendar-page';

const CELL_STYLE: Record<DayCellKind, React.CSSProperties> = {
  off: { background: '#fff1f0', color: '#cf1322', fontWeight: 600 },
  work: { background: '#e6f4ff', color: '#0958d9', fontWeight: 600 },
  weekend: { color: '#8c8c8c' },
  weekday: {},
};

export default function CalendarYearPage() {
  const { year: yearParam = '' } = useParams();
  const year = Number(yearParam);
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const detail = useAsync(() => getCalendarYear(year), [year]);
  const d = detail.data;
  const off = useMemo(() => new Set(d?.off ?? []), [d]);
  const work = useMemo(() => new Set(d?.work ?? []), [d]);
  const weekdays = lang === 'en' ? ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] : ['一', '二', '三', '四', '五', '六', '日'];

  if (!Number.isInteger(year)) return <Result status="404" title={t('error.notFoundTitle')} />;
  if (detail.loading && !d) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (detail.error && !d) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return <Result status="404" title={detail.error.detail} extra={<Link to="/calendar">{t('calendar.back')}</Link>} />;
    }
    return <ErrorAlert error={detail.error} />;
  }
  if (!d) return null;

  return (
    <>
      <PageTitle
        title={
          <Space wrap>
            {t('calendar.yearTitle', { year })}
            <YearStatusTag status={d.status} />
          </Space>
        }
        sub={d.source ?? undefined}
        extra={
          <>
            <Button icon={<LeftOutlined />} aria-label={t('calendar.prevYear')} onClick={() => navigate(`/calendar/${year - 1}`)} data-testid="year-prev">
              {year - 1}
            </Button>
            <Button icon={<RightOutlined />} iconPlacement="end" aria-label={t('calendar.nextYear')} onClick={() => navigate(`/calendar/${year + 1}`)} data-testid="year-next">
              {year + 1}
            </Button>
            <Button onClick={() => navigate('/calendar')}>{t('calendar.back')}</Button>
          </>
        }
      />
      {d.status === 'provisional' ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('calendar.provisionalYear')} data-testid="year-provisional" /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          items={[
            { key: 'rev', label: t('calendar.revision'), children: d.revision === null ? t('calendar.shipped') : `#${d.revision}` },
            { key: 'off', label: t('calendar.off'), children: <span data-testid="year-off-count">{d.off.length}</span> },
            { key: 'work', label: t('calendar.work'), children: <span data-testid="year-work-count">{d.work.length}</span> },
            { key: 'wd', label: t('calendar.workingDays'), children: workingDayCount(year, off, work) },
          ]}
        />
        <Flex gap={12} wrap style={{ marginTop: 8 }}>
          <Tag style={CELL_STYLE.off}>{t('calendar.legendOff')}</Tag>
          <Tag style={CELL_STYLE.work}>{t('calendar.legendWork')}</Tag>
          <Tag style={CELL_STYLE.weekend}>{t('calendar.legendWeekend')}</Tag>
        </Flex>
      </Card>
      <Row gutter={[12, 12]} data-testid="year-grid">
        {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
          <Col key={m} xs={24} sm={12} md={8} xl={6}>
            <Card size="small" title={t('calendar.month', { m })}>
              <table style={{ width: '100%', borderCollapse: 'collapse', textAlign: 'center', fontSize: 12 }} aria-label={t('calendar.month', { m })}>
                <thead>
                  <tr>
                    {weekdays.map((w) => (
                      <th key={w} style={{ fontWeight: 500, color: '#8c8c8c', padding: 2 }}>
                        {w}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {monthGrid(year, m, off, work).map((week, wi) => (
                    <tr key={wi}>
                      {week.map((c, di) => (
                        <td
                          key={di}
                          style={{ padding: 2, borderRadius: 3, ...(c ? CELL_STYLE[c.kind] : {}) }}
                          data-date={c?.date}
                          data-kind={c?.kind}
                          title={c ? `${c.date} ${c.kind === 'off' ? t('calendar.legendOff') : c.kind === 'work' ? t('calendar.legendWork') : ''}` : undefined}
                        >
                          {c ? (
                            <>
                              {c.day}
                              {c.kind === 'off' ? <sup>{t('calendar.offMark')}</sup> : c.kind === 'work' ? <sup>{t('calendar.workMark')}</sup> : null}
                            </>
                          ) : null}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} md={12}>
          <Card title={t('calendar.off')}>
            {d.off.length ? <Typography.Paragraph data-testid="year-off-list">{d.off.join('、')}</Typography.Paragraph> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={t('calendar.work')}>
            {d.work.length ? <Typography.Paragraph data-testid="year-work-list">{d.work.join('、')}</Typography.Paragraph> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
      </Row>
      <Card title={t('calendar.localOverrides')} style={{ marginTop: 16 }}>
        <Table<LocalOverride>
          rowKey={(o) => `${o.divisionCode}-${o.revision ?? 0}`}
          size="small"
          pagination={false}
          dataSource={d.localOverrides}
          locale={{ emptyText: t('calendar.noOverrides') }}
          scroll={{ x: 560 }}
          columns={[
            { title: t('calendar.division'), dataIndex: 'divisionCode' },
            { title: t('calendar.off'), dataIndex: 'off', render: (v: string[]) => v.join('、') || '—' },
            { title: t('calendar.work'), dataIndex: 'work', render: (v: string[]) => v.join('、') || '—' },
            { title: t('calendar.revision'), dataIndex: 'revision', render: (r: number | null) => (r === null ? '—' : `#${r}`) },
          ]}
        />
      </Card>
    </>
  );
}
