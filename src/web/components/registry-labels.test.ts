import { describe, expect, it } from 'vitest';
import * as serverTerms from '../../procedures/registry/registry.terms';
import { SYSTEM_STATUSES as SERVER_SYSTEM_STATUSES, SYSTEM_TRANSITIONS } from '../../procedures/registry/systems.states';
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { translate } from '../i18n/translate';
import { IMPORT_STATUS, RETENTION_STATE, SYSTEM_STATUS, SYSTEM_STATUSES, systemStatusChoices } from '../status';
import { FINDING_ARTICLES, FINDING_RULE_NAMES, FINDING_RULES, REGISTRY_ENUMS, enumLabel, ruleHelp, ruleInfo, ruleLabel, rulesOfArticle, splitRule } from './registry-labels';

const zh = (key: string, vars?: Record<string, string | number>) => translate('zh-CN', key as keyof typeof zhCN, vars);
const eng = (key: string, vars?: Record<string, string | number>) => translate('en', key as keyof typeof zhCN, vars);

describe('registry labels', () => {
  it.each(Object.entries(REGISTRY_ENUMS))('every %s value has a Chinese and an English label', (kind, values) => {
    for (const v of values) {
      const key = `${kind}.${v}` as keyof typeof zhCN;
      expect(zhCN[key], key).toMatch(/[\u4e00-\u9fff]/);
      expect(en[key], key).toMatch(/^[A-Z]/);
    }
  });

  it('uses the values the server accepts (registry.terms.ts)', () => {
    const keys = (o: object) => Object.keys(o).sort();
    expect([...REGISTRY_ENUMS.siteType].sort()).toEqual(keys(serverTerms.SITE_TYPES));
    expect([...REGISTRY_ENUMS.systemType].sort()).toEqual(keys(serverTerms.SYSTEM_TYPES));
    expect([...REGISTRY_ENUMS.deviceKind].sort()).toEqual(keys(serverTerms.DEVICE_KINDS));
    expect([...REGISTRY_ENUMS.placement].sort()).toEqual(keys(serverTerms.PLACEMENTS));
    expect([...REGISTRY_ENUMS.privacyKind].sort()).toEqual(keys(serverTerms.PRIVACY_KINDS));
    expect([...REGISTRY_ENUMS.basis].sort()).toEqual(keys(serverTerms.RESPONSIBLE_BASES));
    expect([...REGISTRY_ENUMS.areaKind].sort()).toEqual(keys(serverTerms.AREA_KINDS));
    expect([...REGISTRY_ENUMS.builderLevel].sort()).toEqual(keys(serverTerms.BUILDER_LEVELS));
    expect([...REGISTRY_ENUMS.certType].sort()).toEqual(keys(serverTerms.CERT_TYPES));
    expect([...SYSTEM_STATUSES]).toEqual([...SERVER_SYSTEM_STATUSES]);
  });

  it('names the ten system types of art. 40 as the Measures do', () => {
    expect(REGISTRY_ENUMS.systemType.map((v) => zh(`systemType.${v}`))).toEqual([
      '入侵报警', '视频监控', '道路卡口', '出入口控制', '电子巡查', '停车库（场）管理', '防爆安全检查', '生物特征识别', '视频智能分析', '集成联网平台',
    ]);
    expect(REGISTRY_ENUMS.privacyKind.map((v) => zh(`privacyKind.${v}`))).toEqual(['旅馆客房', '集体宿舍', '公共浴室', '更衣室', '卫生间']);
  });

  it('labels every system, retention and import status in both languages', () => {
    for (const p of [...Object.values(SYSTEM_STATUS), ...Object.values(RETENTION_STATE), ...Object.values(IMPORT_STATUS)]) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/^[A-Z]/);
    }
    expect(SYSTEM_STATUSES.map((s) => SYSTEM_STATUS[s].zh)).toEqual(['规划', '在建', '已验收', '在用', '停用']);
  });

  it('offers the same status moves as the server', () => {
    for (const s of SYSTEM_STATUSES) expect(systemStatusChoices(s), s).toEqual([...SYSTEM_TRANSITIONS[s]]);
    expect(systemStatusChoices(undefined)).toEqual([...SYSTEM_STATUSES]);
  });

  it('shows an unknown value as itself', () => {
    const t = (k: keyof typeof zhCN) => zhCN[k];
    expect(enumLabel(t, 'systemType', 'teleporter')).toBe('teleporter');
    expect(enumLabel(t, 'placement', null)).toBe('—');
    expect(ruleLabel(t, 'brand_new_rule')).toBe('brand_new_rule');
    expect(ruleHelp(t, 'brand_new_rule')).toBeNull();
  });
});

describe('finding rules', () => {
  it.each(FINDING_RULE_NAMES)('%s has a name and an explanation in both languages', (rule) => {
    expect(zh(`rule.${rule}`)).toMatch(/[\u4e00-\u9fff]/);
    expect(zh(`ruleHelp.${rule}`)).toMatch(/[\u4e00-\u9fff]/);
    expect(eng(`rule.${rule}`)).toMatch(/^[A-Z]/);
    expect(eng(`ruleHelp.${rule}`)).toMatch(/^[A-Z]/);
  });

  it('cites the articles of the issue table', () => {
    expect(FINDING_RULES.privacy_capture).toEqual({ article: '10', penaltyArticle: '32' });
    expect(FINDING_RULES.signage_missing.penaltyArticle).toBeNull();
    expect(FINDING_ARTICLES).toEqual(['7', '8', '9', '10', '11', '13', '19', '20']);
    expect(rulesOfArticle('20')).toHaveLength(2);
  });

  it('reads a qualified rule: required_system_missing:<system type>', () => {
    const t = (k: keyof typeof zhCN) => zhCN[k];
    expect(splitRule('required_system_missing:video_surveillance')).toEqual(['required_system_missing', 'video_surveillance']);
    expect(ruleLabel(t, 'required_system_missing:video_surveillance')).toBe('缺少类别要求的技防系统：视频监控');
    expect(ruleHelp(t, 'required_system_missing:video_surveillance')).toContain('类别');
    expect(ruleInfo('required_system_missing:intrusion_alarm')).toEqual({ article: '9', penaltyArticle: '33' });
  });
});
