import type { ReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import { noStore } from '../http/request-context.js';

/** RFC 6266/5987: an ASCII fallback plus the UTF-8 name (Chinese file names survive every browser). */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends an uploaded file back. Its bytes came from a client, so the browser must neither guess
 * another type (nosniff) nor run anything in it (a sandbox CSP with nothing allowed), and it is
 * not cached. `inline` lets images show in the page; everything else is a download.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { fileName: string; mediaType: string; stream: ReadStream; size: number },
  disposition: 'attachment' | 'inline' = 'attachment',
): FastifyReply {
  const header = attachment(file.fileName);
  return noStore(reply)
    .type(file.mediaType)
    .header('content-length', String(file.size))
    .header('content-disposition', disposition === 'inline' ? header.replace(/^attachment/, 'inline') : header)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.stream);
}
