const DAY_MS = 86_400_000;
const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

let dayStart = Number.NaN;
let dayPrefix = '';

/**
 * `YYYY-MM-DD HH:MM:SS.sss` in UTC, as SQLite's date functions read it. Writes format many of
 * these, so the date part is kept per day and the time of day is put together from a table.
 */
export function sqliteTimestamp(date: Date): string {
  const time = date.getTime();
  let ms = time - dayStart;
  if (!(ms >= 0 && ms < DAY_MS)) {
    const iso = date.toISOString();
    dayPrefix = `${iso.slice(0, iso.indexOf('T'))} `;
    ms = ((time % DAY_MS) + DAY_MS) % DAY_MS;
    dayStart = time - ms;
  }
  const seconds = Math.floor(ms / 1000);
  return `${dayPrefix}${pad2[Math.floor(seconds / 3600)]}:${pad2[Math.floor(seconds / 60) % 60]}:${pad2[seconds % 60]}.${pad3[ms % 1000]}`;
}
