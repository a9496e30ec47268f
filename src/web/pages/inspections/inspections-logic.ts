// Pure helpers of the inspection pages (no React), unit-tested.

/** A finding's detail as the inspections API sends it: the registry's bilingual JSON, or plain text. */
export function prefillDetail(detail: string | null, lang: string): string | null {
  if (!detail) return null;
  try {
    const d = JSON.parse(detail) as unknown;
    if (d && typeof d === 'object' && typeof (d as { zh?: unknown }).zh === 'string') {
      const { zh, en } = d as { zh: string; en?: string };
      return (lang === 'en' && en ? en : zh) || null;
    }
    // Another JSON object is no text for a person; a bare JSON scalar ("15") is the text itself.
    if (d && typeof d === 'object') return null;
    return typeof d === 'string' ? d : detail;
  } catch {
    return detail;
  }
}
