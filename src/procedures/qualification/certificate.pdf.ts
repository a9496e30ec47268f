import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AppError } from '../../platform/http/errors.js';

/**
 * The certificate as an A4 PDF with a QR code to its public verification page. Chinese needs a
 * CJK font from the system (Debian fonts-wqy-microhei or fonts-noto-cjk); web fonts (.woff2)
 * render blank in pdfkit, so none is bundled. Without one we refuse clearly rather than print boxes.
 */
const CJK_FONTS = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
] as const;

export function findCjkFont(candidates: readonly { path: string; family: string }[] = CJK_FONTS) {
  return candidates.find((f) => existsSync(f.path)) ?? null;
}

export interface CertificatePrint {
  number: string;
  companyName: string;
  kind: string;
  level: string | null;
  businessScope: string;
  validFrom: string;
  validTo: string;
  status: string;
  issuedBy: string;
  issuedOn: string;
  verifyUrl: string;
}

const TITLES: Record<string, string> = {
  qualification: '广东省安全技术防范系统设计、施工、维修资格证书',
  record: '广东省安全技术防范系统设计、施工、维修资格备案证明',
};
const LEVEL_ZH: Record<string, string> = { I: '一级', II: '二级', III: '三级', IV: '四级' };

const zhDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export async function renderCertificatePdf(c: CertificatePrint): Promise<Buffer> {
  const font = findCjkFont();
  if (!font) throw new AppError('CERTIFICATE_PDF_UNAVAILABLE');
  const qr = await QRCode.toBuffer(c.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });

  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${TITLES[c.kind] ?? ''} ${c.number}`, Author: c.issuedBy } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const width = doc.page.width - 112;
  doc.rect(36, 36, doc.page.width - 72, doc.page.height - 72).lineWidth(2).stroke('#8b0000');
  doc.moveDown(2).fontSize(20).fillColor('#8b0000').text(TITLES[c.kind] ?? TITLES.qualification, { align: 'center', width });
  doc.moveDown(0.5).fontSize(11).fillColor('#333333').text(`证书编号：${c.number}`, { align: 'center', width });
  doc.moveDown(2).fillColor('#000000').fontSize(14);

  const line = (label: string, value: string) => doc.text(`${label}：${value}`, { width }).moveDown(0.6);
  line('单位名称', c.companyName);
  if (c.level) line(c.kind === 'record' ? '原资质等级' : '资质等级', LEVEL_ZH[c.level] ?? c.level);
  line('业务范围', c.businessScope || '—');
  line('有效期', `${zhDate(c.validFrom)} 至 ${zhDate(c.validTo)}`);
  line('发证机关', c.issuedBy);
  line('发证日期', zhDate(c.issuedOn));

  const qrSize = 120;
  const y = doc.page.height - 72 - qrSize - 40;
  doc.image(qr, doc.page.width - 56 - qrSize, y, { width: qrSize });
  doc.fontSize(9).fillColor('#555555');
  doc.text('扫描二维码或访问以下地址核验证书真伪与状态：', 56, y + 20, { width: width - qrSize - 20 });
  doc.text(c.verifyUrl, { width: width - qrSize - 20 });
  doc.text('依据《广东省安全技术防范管理实施办法》（粤府令第238号）第十四条至第十六条。', { width: width - qrSize - 20 });
  doc.end();
  return done;
}
