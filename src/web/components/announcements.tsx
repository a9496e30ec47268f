// Public announcements of the province (the key-unit catalogue's scope, art. 9(2)) on the public
// pages. Shows nothing when there are none or they cannot be loaded: it must never block verification.
import { Card, List, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { fetchAnnouncements } from '../api/endpoints';
import type { Announcement } from '../api/types';
import { formatDate } from '../dates';
import { useI18n } from '../i18n/i18n-context';
import { useAsync } from './use-async';

export function Announcements({ max = 3 }: { max?: number }) {
  const { t, pick } = useI18n();
  const list = useAsync(fetchAnnouncements, []);
  const items = (Array.isArray(list.data) ? list.data : [])
    .slice()
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .slice(0, max);
  if (!items.length) return null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 24 }}
      title={
        <span>
          <NotificationOutlined style={{ marginRight: 8, color: '#c8a24a' }} />
          {t('announce.title')}
        </span>
      }
      data-testid="announcements"
    >
      <List<Announcement>
        size="small"
        dataSource={items}
        renderItem={(a) => (
          <List.Item key={a.version} data-testid="announcement" data-version={a.version}>
            <List.Item.Meta
              title={t('announce.catalogue', { version: a.version, date: formatDate(a.effectiveFrom) })}
              description={<Typography.Text>{pick(a.announcementZh, a.announcementEn)}</Typography.Text>}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDate(a.publishedAt)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
