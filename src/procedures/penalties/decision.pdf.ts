import PDFDocument from 'pdfkit';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { findCjkFont } from '../qualification/certificate.pdf.js';
import { decryptParty, resultText } from './cases.actions.js';
import { PENALTY_PROVISIONS, legalBasisZh, type PenaltyArticle } from './penalty.rules.js';
import { loadVisibleCase } from './penalty.workflow.js';

/**
 * The numbered decision document (行政处罚决定书, 行政处罚法59) as an A4 PDF in Chinese: the party,
 * the facts, the legal basis, the penalty, how and by when to pay, and the appeal information
 * (administrative reconsideration within 60 days, 行政复议法; litigation within 6 months, 行政诉讼法46).
 * Same CJK font lookup as the certificate: without a system font it refuses (503) rather than print boxes.
 */
export interface DecisionPrint {
  decisionNumber: string;
  authority: string;
  parties: { label: string; name: string; uscc: string | null; idNumber: string | null; result: string }[];
  facts: string;
  legalBasis: string;
  provision: string;
  statement: string | null;
  hearing: string | null;
  reasons: string;
  decidedOn: string;
}

const zhDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const PARTY_LABEL: Record<string, string> = { unit: '被处罚单位', individual: '被处罚人', responsible: '直接责任人员' };

export async function renderDecisionPdf(d: DecisionPrint): Promise<Buffer> {
  const font = findCjkFont();
  if (!font) throw new AppError('PENALTY_DECISION_PDF_UNAVAILABLE');
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: `行政处罚决定书 ${d.decisionNumber}`, Author: d.authority } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const width = doc.page.width - 128;
  doc.fontSize(18).text(d.authority, { align: 'center', width });
  doc.moveDown(0.3).fontSize(22).text('行政处罚决定书', { align: 'center', width });
  doc.moveDown(0.3).fontSize(11).text(d.decisionNumber, { align: 'right', width });
  doc.moveDown(1).fontSize(12);
  const para = (text: string) => doc.text(text, { width, lineGap: 4 }).moveDown(0.5);
  for (const p of d.parties) {
    para(`${p.label}：${p.name}${p.uscc ? `（统一社会信用代码：${p.uscc}）` : ''}${p.idNumber ? `（公民身份号码：${p.idNumber}）` : ''}`);
  }
  para(`经查：${d.facts}`);
  if (d.statement) para(`当事人陈述、申辩意见：${d.statement}`);
  if (d.hearing) para(`听证情况：${d.hearing}`);
  para(`本机关认为：${d.reasons}`);
  para(`以上事实，${d.legalBasis}（${d.provision}）。`);
  para(`本机关决定：${d.parties.map((p) => `对${p.name}${p.result}`).join('；')}。`);
  para('请于收到本决定书之日起十五日内，到指定银行或者通过电子支付系统缴纳罚款（《中华人民共和国行政处罚法》第六十七条）。逾期不缴纳的，每日按罚款数额的百分之三加处罚款（第七十二条）。');
  para('如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。行政复议和行政诉讼期间，本决定不停止执行（法律另有规定的除外）。');
  doc.moveDown(1.5);
  doc.text(d.authority, { align: 'right', width });
  doc.text(zhDate(d.decidedOn), { align: 'right', width });
  doc.end();
  return done;
}

/** The decision PDF for whoever may see the case; the print (with decrypted individual names) is ledgered. */
export async function decisionPdfOf(ctx: Ctx, caseId: string): Promise<{ pdf: Buffer; fileName: string }> {
  const c = await loadVisibleCase(ctx, ctx.db, caseId);
  if (!c.decision_number || !c.decided_on) throw new AppError('NOT_FOUND');
  const article = c.penalty_article as PenaltyArticle;
  const fined = c.parties.filter((p) => p.decided_yuan !== null);
  const print: DecisionPrint = {
    decisionNumber: c.decision_number,
    authority: getPoliceUnit(c.handling_unit_id)?.name ?? c.handling_unit_id,
    parties: fined.map((p) => {
      const id = decryptParty(ctx, p);
      return {
        label: PARTY_LABEL[p.party_type] ?? '当事人',
        name: id.name,
        uscc: p.uscc,
        idNumber: id.idNumber,
        result: resultText(Number(p.decided_yuan), Number(p.confiscation_yuan ?? 0)),
      };
    }),
    facts: c.facts,
    legalBasis: legalBasisZh(article, c.violated_article, c.item),
    provision: PENALTY_PROVISIONS[article].zh,
    statement: c.statement,
    hearing: c.hearing_on ? `${zhDate(c.hearing_on)}举行听证。${c.hearing_record ?? ''}` : null,
    reasons: c.decision_reasons ?? '',
    decidedOn: c.decided_on,
  };
  const pdf = await renderDecisionPdf(print);
  await ctx.db.transaction().execute((trx) =>
    audit(ctx, trx, { action: 'penalty.document_read', objectType: 'penalty_case', objectId: c.id, article: c.penalty_article, detail: { document: 'decision', decisionNumber: c.decision_number } }),
  );
  return { pdf, fileName: `decision-${c.number}.pdf` };
}
