import { describe, expect, it } from 'vitest';
import { filterQueue } from './queue-filter';

const rows = [
  { id: '1', status: 'submitted', actions: ['accept', 'notice'], companyName: '广州安防科技有限公司' },
  { id: '2', status: 'accepted', actions: [], companyName: 'Shenzhen Guard Ltd' },
  { id: '3', status: 'approved', actions: [], companyName: '佛山技防工程有限公司' },
];
const ids = (r: { id: string }[]) => r.map((x) => x.id);

describe('filterQueue', () => {
  it('scopes to what the officer can act on, what is open, or everything', () => {
    expect(ids(filterQueue(rows, { scope: 'actionable', statuses: [], search: '' }))).toEqual(['1']);
    expect(ids(filterQueue(rows, { scope: 'open', statuses: [], search: '' }))).toEqual(['1', '2']);
    expect(ids(filterQueue(rows, { scope: 'all', statuses: [], search: '' }))).toEqual(['1', '2', '3']);
  });

  it('filters by status and by company name, case-insensitively', () => {
    expect(ids(filterQueue(rows, { scope: 'all', statuses: ['approved', 'accepted'], search: '' }))).toEqual(['2', '3']);
    expect(ids(filterQueue(rows, { scope: 'all', statuses: [], search: 'guard' }))).toEqual(['2']);
    expect(ids(filterQueue(rows, { scope: 'all', statuses: [], search: '技防' }))).toEqual(['3']);
  });
});
