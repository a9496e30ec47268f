/**
 * One error type for the whole platform. Each code has a fixed HTTP status and a message in
 * Chinese and English; a rule that refuses names its article of the Measures. The HTTP error
 * handler turns it into problem JSON (RFC 9457); nothing else reaches a client.
 */
export const ERROR_CODES = {
  // Input and routing
  VALIDATION_FAILED: { status: 400, zh: '提交的数据不符合要求', en: 'The request data is invalid' },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request is too large' },
  URI_TOO_LONG: { status: 414, zh: '请求地址过长', en: 'The request address is too long' },
  BAD_URL: { status: 400, zh: '请求地址无效', en: 'The request address is invalid' },
  NOT_FOUND: { status: 404, zh: '找不到所请求的内容', en: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该操作', en: 'Method not allowed' },
  CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record changed meanwhile; reload and retry' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests' },
  // Identity and access
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: { status: 423, zh: '登录失败次数过多，账号已暂时锁定', en: 'Too many failed sign-ins; the account is locked for a while' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  CSRF_TOKEN_INVALID: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and retry' },
  FORBIDDEN: { status: 403, zh: '无权进行此操作', en: 'You are not allowed to do this' },
  USERNAME_TAKEN: { status: 409, zh: '该用户名已被使用', en: 'This username is taken' },
  WEAK_PASSWORD: { status: 422, zh: '密码强度不足', en: 'The password is too weak' },
  // Companies and qualification (art. 14–16)
  USCC_INVALID: { status: 422, zh: '统一社会信用代码无效', en: 'The unified social credit code is invalid' },
  COMPANY_EXISTS: { status: 409, zh: '该统一社会信用代码已注册', en: 'A company with this credit code is already registered' },
  DIVISION_UNKNOWN: { status: 422, zh: '行政区划代码无效', en: 'Unknown administrative division' },
  FIRST_APPLICATION_LEVEL_IV_ONLY: { status: 422, zh: '首次申请只能申请四级资质', en: 'A first application may only be for level IV' },
  ALREADY_QUALIFIED: { status: 422, zh: '已持有有效资质证，不能重复首次申请', en: 'The company already holds a valid certificate' },
  PROMOTION_ONE_LEVEL_ONLY: { status: 422, zh: '只能逐级申请升级', en: 'Promotion is one level at a time' },
  PROMOTION_TOO_EARLY: { status: 422, zh: '取得现资质等级满一年后方可申请升级', en: 'Promotion needs at least one year at the current level' },
  PROMOTION_REQUIREMENTS_UNMET: { status: 422, zh: '未满足目标等级的条件', en: 'The target level’s requirements are not all met' },
  RENEWAL_WINDOW_NOT_OPEN: { status: 422, zh: '换证申请应在有效期届满前三十日内提出', en: 'Renewal may be filed only in the 30 days before expiry' },
  RENEWAL_WINDOW_CLOSED: { status: 422, zh: '已超过申请期限，不予受理', en: 'The time limit has passed; the application is not accepted' },
  EXTENSION_TOO_LONG: { status: 422, zh: '延期最长不超过九十日', en: 'An extension lasts at most 90 days' },
  CERTIFICATE_NOT_FOUND: { status: 404, zh: '找不到该证书', en: 'Certificate not found' },
  CERTIFICATE_NOT_USABLE: { status: 422, zh: '该证书当前不可用于此申请', en: 'This certificate cannot be used for this application' },
  RECORD_FILING_OUT_OF_PROVINCE_ONLY: { status: 422, zh: '备案仅适用于省外企业', en: 'Record filing is for out-of-province companies only' },
  OUT_OF_PROVINCE_NEEDS_RECORD: { status: 422, zh: '省外企业应办理备案，而非申请本省资质', en: 'Out-of-province companies file a record instead' },
  APPLICATION_PENDING: { status: 409, zh: '已有正在办理的同类申请', en: 'An application of this kind is already in progress' },
  TRANSITION_NOT_ALLOWED: { status: 409, zh: '当前状态下不能进行此操作', en: 'This step is not allowed in the current state' },
  NOTICE_EMPTY: { status: 422, zh: '补正通知应一次性列明全部缺少的材料', en: 'The notice must list everything missing' },
  REASONS_REQUIRED: { status: 422, zh: '不予批准应当说明理由', en: 'A refusal must state its reasons' },
  CERTIFICATE_PDF_UNAVAILABLE: { status: 503, zh: '证书打印暂不可用（服务器未安装中文字体）', en: 'Certificate PDF unavailable: no CJK font installed on the server' },
  // Registry (art. 7–11, 13, 19, 20, 40)
  REGISTRY_INPUT_INVALID: { status: 422, zh: '登记信息不完整或不符合要求', en: 'The registration data is incomplete or invalid' },
  DEVICE_CODE_INVALID: { status: 422, zh: '设备编码不符合 GB/T 28181 编码规则', en: 'The device code does not follow GB/T 28181' },
  DEVICE_CODE_TAKEN: { status: 409, zh: '该设备编码已登记', en: 'A device with this code is already registered' },
  SITE_TYPE_FIXED: { status: 422, zh: '登记后不能更改场所类型', en: 'A site’s type cannot change after registration' },
  SYSTEM_DECOMMISSIONED: { status: 409, zh: '系统已停用，不能再修改或添加设备', en: 'The system is decommissioned; it can no longer change or take devices' },
  SYSTEM_STATUS_BACKWARDS: { status: 409, zh: '系统状态只能按 规划→在建→已验收→使用中→停用 的顺序推进', en: 'A system’s status only moves forward: planned → under construction → accepted → in use → decommissioned' },
  CATALOGUE_NOT_PUBLISHED: { status: 409, zh: '尚未公布重点单位目录', en: 'No key-unit catalogue has been published yet' },
  CATALOGUE_INVALID: { status: 422, zh: '重点单位目录不符合要求', en: 'The key-unit catalogue is invalid' },
  // Registry: footage retention watchdog (art. 20). Per-item codes of a retention report batch.
  RETENTION_DEVICE_UNKNOWN: { status: 404, zh: '本单位没有该设备编码的摄像机', en: 'No camera of your unit has this device code' },
  RETENTION_TIME_INVALID: { status: 422, zh: '时间应为带时区的 ISO 8601 时刻', en: 'Times must be ISO 8601 instants with an offset' },
  RETENTION_REPORT_IN_FUTURE: { status: 422, zh: '上报时间晚于当前时间（超出允许的时钟误差）', en: 'The report time is in the future beyond the allowed clock skew' },
  RETENTION_OLDEST_AFTER_REPORT: { status: 422, zh: '最早录像时间晚于上报时间', en: 'The oldest recording is later than the report' },
  RETENTION_DAYS_INCONSISTENT: { status: 422, zh: '录像天数超过最早录像时间至上报时间的天数', en: 'The recording days exceed the days since the oldest recording' },
  // Registry bulk import and export
  IMPORT_FILE_INVALID: { status: 422, zh: '无法读取导入文件', en: 'The import file cannot be read' },
  IMPORT_CONTENT_MISMATCH: { status: 415, zh: '文件内容与声明的类型不符', en: 'The file content does not match its declared type' },
  // Legal-day calendar
  CALENDAR_INVALID: { status: 422, zh: '节假日安排不符合要求', en: 'The holiday arrangement is invalid' },
  CALENDAR_FOUR_EYES: { status: 403, zh: '节假日安排须由提出人以外的另一名管理员批准', en: 'A second administrator, not the proposer, must approve the arrangement' },
  // Projects: design-scheme review, testing, acceptance (art. 14, 16–19)
  PROJECT_INPUT_INVALID: { status: 422, zh: '项目信息不完整或不符合要求', en: 'The project data is incomplete or invalid' },
  PROJECT_COMPANY_NOT_ELIGIBLE: { status: 422, zh: '设计或施工单位不具备承接该项目的有效资质', en: 'The designing or building company is not qualified for this project' },
  PROJECT_SITE_NOT_ALLOWED: { status: 422, zh: '该场所不能由您申报技防项目', en: 'You cannot submit a project for this site' },
  PROJECT_NOTICE_ALREADY_ISSUED: { status: 409, zh: '补正通知只能一次性发出，不能再次发出', en: 'The notice of missing materials may be issued only once' },
  PROJECT_DOCUMENTS_MISSING: { status: 422, zh: '缺少必需的材料', en: 'Required documents are missing' },
  DOCUMENT_TOO_LARGE: { status: 413, zh: '文件超过大小限制', en: 'The file exceeds the size limit' },
  DOCUMENT_TYPE_NOT_ALLOWED: { status: 415, zh: '不支持该文件类型（仅限 PDF、图片、DWG、OFD、Office 文档）', en: 'This file type is not allowed (PDF, images, DWG, OFD, Office only)' },
  DOCUMENT_CONTENT_MISMATCH: { status: 415, zh: '文件内容与其类型不符', en: 'The file content does not match its type' },
  TEST_REPORT_REQUIRED: { status: 422, zh: '申请验收须附检测合格的检测报告', en: 'Acceptance needs a passing test report' },
  TESTING_INSTITUTION_NOT_ACCREDITED: { status: 422, zh: '检测机构不具备有效的检测资质', en: 'The testing institution holds no valid accreditation' },
  TESTING_INSTITUTION_EXISTS: { status: 409, zh: '该统一社会信用代码的检测机构已登记', en: 'A testing institution with this credit code is already registered' },
  // Information access (art. 21(3), 23–27)
  ACCESS_REFUSED: { status: 422, zh: '依照《办法》不得查阅、复制或调取该信息', en: 'The Measures do not allow this access' },
  ACCESS_INPUT_INVALID: { status: 422, zh: '查阅申请信息不完整或不符合要求', en: 'The access request is incomplete or invalid' },
  RESIDENT_ID_INVALID: { status: 422, zh: '公民身份号码无效', en: 'The citizen identity number is invalid' },
  APPROVER_IS_REQUESTER: { status: 403, zh: '申请人不能批准本人的申请', en: 'A requester cannot approve their own request' },
  GRANT_INVALID: { status: 422, zh: '授权文件无效（签名不符或已被改动）', en: 'The grant is invalid (signature mismatch or altered)' },
  // Complaints and reports (issue 6, art. 30)
  COMPLAINT_INPUT_INVALID: { status: 422, zh: '投诉举报信息不完整或不符合要求', en: 'The complaint is incomplete or invalid' },
  COMPLAINT_REASON_REQUIRED: { status: 422, zh: '应当说明理由或处理结果', en: 'Reasons or the result must be stated' },
  // Inspections and rectification orders (issue 6, art. 29)
  INSPECTION_INPUT_INVALID: { status: 422, zh: '检查信息不完整或不符合要求', en: 'The inspection data is incomplete or invalid' },
  INSPECTION_NO_CANDIDATES: { status: 422, zh: '辖区内没有符合条件的检查对象或检查人员', en: 'No eligible targets or inspectors in the jurisdiction' },
  INSPECTION_CHECKLIST_INCOMPLETE: { status: 422, zh: '检查事项尚未逐项确认', en: 'Every checklist item must be confirmed first' },
  RECTIFICATION_INPUT_INVALID: { status: 422, zh: '整改通知信息不完整或不符合要求', en: 'The rectification order is incomplete or invalid' },
  RECTIFICATION_EXISTS: { status: 409, zh: '该次检查已发出整改通知', en: 'This inspection already has a rectification order' },
  // Penalty cases and credit publicity (issue 6, art. 31–38; 行政处罚法)
  PENALTY_INPUT_INVALID: { status: 422, zh: '案件信息不完整或不符合要求', en: 'The case data is incomplete or invalid' },
  PENALTY_AMOUNT_OUT_OF_RANGE: { status: 422, zh: '罚款数额超出该条规定的幅度', en: 'The fine is outside the range set by the article' },
  PENALTY_PARTY_NOT_FINABLE: { status: 422, zh: '该条未规定对此类当事人处以罚款', en: 'The article provides no fine for this kind of party' },
  PENALTY_CORRECTION_NOT_FAILED: { status: 422, zh: '该条规定逾期不改正的方可罚款，须有已届满且未整改的责令改正通知', en: 'The article fines only after a failed correction: an expired, unfulfilled rectification order is required' },
  PENALTY_WARNING_REQUIRED: { status: 422, zh: '该条规定应先给予警告', en: 'The article requires a warning first' },
  PENALTY_STATEMENT_PERIOD_RUNNING: { status: 409, zh: '当事人陈述、申辩（听证申请）期限尚未届满', en: 'The party’s period to state, defend or request a hearing has not ended' },
  PENALTY_JUSTIFICATION_REQUIRED: { status: 422, zh: '不予处罚应书面说明理由（初次违法、危害后果轻微并及时改正）', en: 'No penalty needs written reasons (first violation, minor harm, corrected in time)' },
  PENALTY_HEARING_NOT_AVAILABLE: { status: 422, zh: '拟罚款数额未达到听证标准，无听证权利', en: 'The proposed fine does not reach the hearing threshold' },
  PENALTY_PAYMENT_MISMATCH: { status: 422, zh: '缴纳金额与决定的罚没款总额不符', en: 'The amount paid differs from the total decided' },
  CREDIT_REPAIR_TOO_EARLY: { status: 422, zh: '未满最短公示期限，不能信用修复', en: 'The minimum publication period has not passed; no credit repair yet' },
  PENALTY_DECISION_PDF_UNAVAILABLE: { status: 503, zh: '处罚决定书打印暂不可用（服务器未安装中文字体）', en: 'Decision PDF unavailable: no CJK font installed on the server' },
  // Platform
  CONFIG_INVALID: { status: 500, zh: '配置无效', en: 'Invalid configuration' },
  INTERNAL: { status: 500, zh: '系统内部错误，请稍后再试', en: 'Internal error; please try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Article of the Measures (or another law, e.g. "行政许可法32") whose rule refused. */
  readonly article?: string;
  /** Extra structured facts for the client (field errors, missing items); never personal data. */
  readonly extra?: Record<string, unknown>;

  /** Specific message in both languages; defaults to the code's own. */
  readonly detail: { zh: string; en: string };

  constructor(
    code: ErrorCode,
    detail?: string | { zh: string; en: string },
    opts: { article?: string; extra?: Record<string, unknown> } = {},
  ) {
    const d = typeof detail === 'string' ? { zh: detail, en: detail } : (detail ?? ERROR_CODES[code]);
    super(d.en);
    this.detail = { zh: d.zh, en: d.en };
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.article = opts.article;
    this.extra = opts.extra;
  }
}

/** Refusal by a rule of the Measures: the code's message, the article, optional details. */
export function refuse(code: ErrorCode, article: string, extra?: Record<string, unknown>): AppError {
  return new AppError(code, undefined, { article, extra });
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  article?: string;
  [k: string]: unknown;
}

/** Problem JSON in the caller's language (Chinese unless it asks for English). */
export function toProblem(err: AppError, lang: 'zh' | 'en'): Problem {
  const def = ERROR_CODES[err.code];
  const detail = err.detail[lang];
  return {
    type: `urn:jifang:problem:${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: lang === 'en' ? def.en : def.zh,
    status: err.status,
    code: err.code,
    detail: err.status >= 500 ? (lang === 'en' ? def.en : def.zh) : detail,
    ...(err.article ? { article: err.article } : {}),
    ...(err.extra && err.status < 500 ? err.extra : {}),
  };
}
