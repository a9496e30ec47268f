import type { DbOrTrx } from '../../platform/context.js';
import type { CatalogueCategory } from './catalogue.js';
import { insertCatalogueIfNone } from './catalogue.repository.js';

type K = [code: string, zh: string, en: string];
const kinds = (list: K[]) => list.map(([code, zh, en]) => ({ code, zh, en }));
const STRONG = ['intrusion_alarm', 'video_surveillance', 'access_control'] as const;

/**
 * Art. 9's ten categories with their kinds (from the text of art. 9(1)–(10)). The
 * `requiredSystems` and `alarmCentreSystems` are ILLUSTRATIVE (示例) demo values: the province
 * sets the real table through PUT /api/registry/catalogue, which publishes a new version.
 */
export const ILLUSTRATIVE_CATEGORIES: CatalogueCategory[] = [
  {
    code: '1',
    zh: '危险物品及病原微生物场所',
    en: 'Dangerous goods and pathogen sites',
    kinds: kinds([
      ['weapons_ammunition', '枪支弹药生产、储存、经营场所', 'Weapons and ammunition sites'],
      ['civil_explosives', '民用爆炸物品场所', 'Civil explosives sites'],
      ['hazardous_materials', '易燃易爆、剧毒、放射性物品场所', 'Inflammable, explosive, highly toxic and radioactive substances'],
      ['precursor_chemicals', '易制毒化学品及可用作化学武器的化学品场所', 'Precursor chemicals and chemical-weapon chemicals'],
      ['pathogen_lab', '传染性菌种、毒种试验保藏场所', 'Testing and preservation of infectious bacteria and viruses'],
    ]),
    requiredSystems: [...STRONG],
    alarmCentreSystems: ['intrusion_alarm'],
  },
  {
    code: '2',
    zh: '党政机关及重要文物、档案、贵重物品场所',
    en: 'Party and government organs; cultural relics, archives and valuables',
    kinds: kinds([
      ['government_organ', '党政机关', 'Party and government organ'],
      ['research_institution', '重点科研单位', 'Key scientific research institution'],
      ['cultural_relics_unit', '文物保护单位', 'Cultural relics protection unit'],
      ['museum', '博物馆', 'Museum'],
      ['memorial_hall', '纪念馆', 'Memorial hall'],
      ['archive', '档案馆', 'Archive'],
      ['exhibition_hall', '展览馆', 'Exhibition hall'],
    ]),
    requiredSystems: [...STRONG],
    alarmCentreSystems: ['intrusion_alarm'],
  },
  {
    code: '3',
    zh: '国家秘密载体印制、存放场所',
    en: 'Printing and storage of state-secret materials',
    kinds: kinds([
      ['secret_printing', '国家秘密文件、试卷、资料印制场所', 'Printing of state-secret documents and test papers'],
      ['secret_storage', '国家秘密文件、试卷、资料存放场所', 'Storage of state-secret documents and test papers'],
    ]),
    requiredSystems: [...STRONG],
    alarmCentreSystems: ['intrusion_alarm'],
  },
  {
    code: '4',
    zh: '金融及贵重物品经营场所',
    en: 'Finance, currency and valuables',
    kinds: kinds([
      ['treasury', '金库', 'Treasury'],
      ['currency_securities', '货币、有价证券、票据制造或集中存放场所', 'Manufacture or storage of currency, securities and bills'],
      ['cash_escort_vehicle', '运钞车', 'Cash escort vehicle'],
      ['bank_branch', '金融机构营业场所', 'Bank branch (financial institution business premises)'],
      ['financial_data_centre', '金融机构业务信息储存场所', 'Financial institution data storage'],
      ['pawnshop', '典当行', 'Pawnshop'],
      ['auction_house', '拍卖行', 'Auction house'],
      ['gold_jewellery', '金银珠宝玉器经营场所', 'Gold, silver, jewellery and jade shop'],
    ]),
    requiredSystems: [...STRONG],
    alarmCentreSystems: ['intrusion_alarm'],
  },
  {
    code: '5',
    zh: '公共服务及能源设施',
    en: 'Public utilities and energy',
    kinds: kinds([
      ['broadcasting', '广播电视', 'Radio and television'],
      ['newspaper', '报社', 'Newspaper'],
      ['telecom', '电信', 'Telecommunications'],
      ['postal', '邮政', 'Postal services'],
      ['water_supply', '供水', 'Water supply'],
      ['gas_supply', '供气', 'Gas supply'],
      ['power_supply', '供电', 'Power supply'],
      ['oil_depot', '油库', 'Oil depot'],
      ['gas_station', '加油站', 'Gas station'],
      ['gas_filling_station', '加气站', 'Gas filling station'],
      ['energy_facility', '大型能源动力设施', 'Large energy and power facility'],
    ]),
    requiredSystems: ['intrusion_alarm', 'video_surveillance'],
    alarmCentreSystems: ['intrusion_alarm'],
  },
  {
    code: '6',
    zh: '交通及水利设施',
    en: 'Transport and water conservancy',
    kinds: kinds([
      ['airport', '机场', 'Airport'],
      ['port', '港口', 'Port'],
      ['station', '车站', 'Station'],
      ['ferry_dock', '渡口、码头', 'Ferry and dock'],
      ['parking_lot', '停车场', 'Parking lot'],
      ['passenger_vehicle', '客运车辆、客运船舶等公共交通工具', 'Passenger vehicles and ships'],
      ['expressway', '高速公路、城市快速路', 'Expressway'],
      ['urban_road', '城市道路', 'Urban road'],
      ['rail_transit', '轨道交通', 'Rail transit'],
      ['bridge_tunnel', '桥梁、隧道、人行过街设施', 'Bridge, tunnel, pedestrian crossing'],
      ['water_conservancy', '河堤、水库、人工湖、防洪排涝区域', 'Embankment, reservoir, artificial lake, flood control area'],
    ]),
    requiredSystems: ['video_surveillance'],
    alarmCentreSystems: [],
  },
  {
    code: '7',
    zh: '教育医疗、文化娱乐及公众聚集场所',
    en: 'Education, medical, entertainment and public gathering places',
    kinds: kinds([
      ['school', '学校', 'School'],
      ['hospital', '医院', 'Hospital'],
      ['song_dance_venue', '歌舞娱乐场所', 'Singing and dancing venue'],
      ['entertainment_venue', '游艺娱乐场所', 'Entertainment venue'],
      ['performing_arts', '演出场所', 'Performing arts venue'],
      ['cinema', '电影院', 'Cinema'],
      ['internet_cafe', '互联网上网服务营业场所', 'Internet access service venue'],
      ['chess_card_room', '棋牌室', 'Chess and card room'],
      ['business_centre', '商业中心', 'Business centre'],
      ['commercial_street', '商业街', 'Commercial street'],
      ['farmers_market', '大型农贸市场', 'Large farmers’ market'],
      ['square', '广场', 'Square'],
      ['library', '图书馆', 'Library'],
      ['cultural_centre', '文化馆', 'Cultural centre'],
      ['stadium', '体育场馆', 'Stadium'],
      ['park', '公园', 'Park'],
      ['tourist_attraction', '旅游景区', 'Tourist attraction'],
      ['convention_centre', '会展中心', 'Convention and exhibition centre'],
    ]),
    requiredSystems: ['video_surveillance'],
    alarmCentreSystems: [],
  },
  {
    code: '8',
    zh: '仓储、维修、回收及物流场所',
    en: 'Warehouses, repair, recycling and logistics',
    kinds: kinds([
      ['material_warehouse', '重要物资仓库', 'Important material warehouse'],
      ['vehicle_repair', '机动车维修场所', 'Motor vehicle repair'],
      ['scrap_purchase', '废旧物品收购站点', 'Waste goods purchase site'],
      ['second_hand_market', '旧货交易市场', 'Second-hand market'],
      ['logistics_site', '物流寄递仓储及作业场所', 'Logistics and delivery site'],
    ]),
    requiredSystems: ['video_surveillance'],
    alarmCentreSystems: [],
  },
  {
    code: '9',
    zh: '公共服务、监管、福利、旅馆及住宅场所',
    en: 'Public service, custody, welfare, hotels and housing',
    kinds: kinds([
      ['public_service_place', '公共服务场所', 'Public service place'],
      ['custody_facility', '司法和公安监管场所', 'Judicial and police custody facility'],
      ['welfare_institution', '社会福利机构', 'Social welfare institution'],
      ['hotel', '旅馆', 'Hotel'],
      ['rental_housing', '出租屋', 'Rental housing'],
      ['residential_common_area', '住宅小区公共部位', 'Public parts of residential areas'],
    ]),
    requiredSystems: ['video_surveillance'],
    alarmCentreSystems: [],
  },
  {
    code: '10',
    zh: '法律法规规章规定的其他单位、场所和部位',
    en: 'Others required by laws, regulations and rules',
    kinds: kinds([['other_by_law', '依法应当建设技防系统的其他单位、场所、部位', 'Other unit, place or part required by law']]),
    requiredSystems: [],
    alarmCentreSystems: [],
  },
];

export const ILLUSTRATIVE_ANNOUNCEMENT = {
  zh: '（示例）技防重点单位范围：按《广东省安全技术防范管理实施办法》第九条所列十类单位、场所和部位确定；各类应当建设的技防系统为示例数据。',
  en: '(Illustrative) Scope of key units: the ten categories of art. 9 of the Measures; the systems each must install are demo values.',
};

/** Version 1, the illustrative catalogue, unless a catalogue exists: the province's versions are never overwritten. */
export async function seedRegistryCatalogue(db: DbOrTrx, now: string, effectiveFrom = '2017-08-01'): Promise<void> {
  await insertCatalogueIfNone(db, {
    version: 1,
    effective_from: effectiveFrom,
    catalogue: JSON.stringify({ categories: ILLUSTRATIVE_CATEGORIES }),
    announcement_zh: ILLUSTRATIVE_ANNOUNCEMENT.zh,
    announcement_en: ILLUSTRATIVE_ANNOUNCEMENT.en,
    illustrative: 1,
    published_at: now,
    published_by: null,
  });
}
