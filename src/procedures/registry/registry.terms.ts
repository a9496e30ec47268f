/**
 * The registry's closed vocabularies with their Chinese and English labels (the web reads this
 * file too). Values match the CHECK constraints of migration 0003.
 */
const terms = <K extends string>(t: Record<K, { zh: string; en: string }>) => t;

export const SITE_TYPES = terms({
  key_unit: { zh: '技防重点单位', en: 'Key unit (art. 9)' },
  public_area: { zh: '重点公共区域', en: 'Key public area (art. 7)' },
});

/** Art. 40: the kinds of technical prevention systems. */
export const SYSTEM_TYPES = terms({
  intrusion_alarm: { zh: '入侵报警系统', en: 'Intrusion alarm' },
  video_surveillance: { zh: '视频监控系统', en: 'Video surveillance' },
  road_checkpoint: { zh: '道路卡口系统', en: 'Road checkpoint' },
  access_control: { zh: '出入口控制系统', en: 'Access control' },
  electronic_patrol: { zh: '电子巡查系统', en: 'Electronic patrol' },
  parking_management: { zh: '停车库（场）管理系统', en: 'Parking management' },
  explosion_proof_inspection: { zh: '防爆安全检查系统', en: 'Explosion-proof inspection' },
  biometric: { zh: '人体生物特征采集识别系统', en: 'Biometric collection and identification' },
  intelligent_video_analysis: { zh: '智能视频图像分析系统', en: 'Intelligent video analysis' },
  integrated_platform: { zh: '集成管理平台', en: 'Integrated platform' },
});

/** Art. 7: kinds of key public areas. */
export const AREA_KINDS = terms({
  main_entrance: { zh: '主要出入口', en: 'Main entrance or exit' },
  main_road: { zh: '主要道路', en: 'Main road' },
  complex_section: { zh: '治安复杂路段', en: 'Road section with complex public-security conditions' },
  intersection: { zh: '交叉路口', en: 'Intersection' },
});

/** Art. 7: the government that plans, builds and funds a public area's system (county or above). */
export const BUILDER_LEVELS = terms({
  county: { zh: '县级人民政府', en: 'County government' },
  city: { zh: '地级以上市人民政府', en: 'City government' },
  province: { zh: '省人民政府', en: 'Provincial government' },
});

/** Art. 9, last paragraph: on what basis the responsible party is responsible. */
export const RESPONSIBLE_BASES = terms({
  agreement: { zh: '所有权人、使用权人、管理权人约定', en: 'Agreed among owner, user and manager' },
  owner: { zh: '无约定，由所有权人负责', en: 'No agreement: the owner' },
  state_use_right: { zh: '国有，由依法取得使用权的单位负责', en: 'State property: holder of the right of use' },
  state_management: { zh: '国有，由依法取得管理权的单位负责', en: 'State property: holder of the right of management' },
});

export const DEVICE_KINDS = terms({
  camera: { zh: '摄像机', en: 'Camera' },
  equipment: { zh: '主要设备', en: 'Main equipment' },
});

export const PLACEMENTS = terms({
  public_area: { zh: '公共区域', en: 'Public area' },
  inside_unit: { zh: '单位内部', en: 'Inside the unit' },
  privacy: { zh: '涉及公民隐私的场所', en: 'Place involving citizens’ privacy' },
});

/** Art. 10(2): places and parts involving citizens' privacy. */
export const PRIVACY_KINDS = terms({
  hotel_room: { zh: '旅馆客房', en: 'Hotel room' },
  dormitory: { zh: '集体宿舍', en: 'Dormitory' },
  public_bathroom: { zh: '公共浴室', en: 'Public bathroom' },
  changing_room: { zh: '更衣室', en: 'Changing room' },
  toilet: { zh: '卫生间', en: 'Toilet' },
});

/** Art. 13 (and art. 17's list): quality certificates of main equipment. */
export const CERT_TYPES = terms({
  ccc: { zh: '强制性产品认证（CCC）', en: 'Compulsory certification (CCC)' },
  production_licence: { zh: '工业产品生产许可证', en: 'Production licence' },
  inspection_report: { zh: '检验报告', en: 'Inspection report' },
  voluntary: { zh: '自愿性认证', en: 'Voluntary certification' },
});

export type SiteType = keyof typeof SITE_TYPES;
export type SystemType = keyof typeof SYSTEM_TYPES;
export type AreaKind = keyof typeof AREA_KINDS;
export type BuilderLevel = keyof typeof BUILDER_LEVELS;
export type ResponsibleBasis = keyof typeof RESPONSIBLE_BASES;
export type DeviceKind = keyof typeof DEVICE_KINDS;
export type Placement = keyof typeof PLACEMENTS;
export type PrivacyKind = keyof typeof PRIVACY_KINDS;
export type CertType = keyof typeof CERT_TYPES;

export const keysOf = <K extends string>(t: Record<K, unknown>) => Object.keys(t) as K[];
