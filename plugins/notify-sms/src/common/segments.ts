/** The GSM 03.38 default alphabet (one septet each) and its extension table (two septets: escape + char). */
const GSM_BASIC = new Set([...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà']);
const GSM_EXTENSION = new Set([...'\f^{}\\[~]|€']);

export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
}

/** Packs units into segments without splitting an escape pair or a surrogate pair across two. */
function pack(costs: number[], single: number, multi: number): number {
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

/**
 * How many SMS segments a text takes: GSM-7 when every character is in the GSM alphabet (160 in
 * one segment, 153 per segment when concatenated), else UCS-2 (70, then 67 per segment).
 */
export function countSegments(text: string): SegmentCount {
  const chars = [...text];
  if (chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c))) {
    const costs = chars.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1));
    return { encoding: 'GSM-7', segments: pack(costs, 160, 153), units: costs.reduce((a, b) => a + b, 0) };
  }
  const costs = chars.map((c) => c.length);
  return { encoding: 'UCS-2', segments: pack(costs, 70, 67), units: text.length };
}
