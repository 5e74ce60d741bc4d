import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../../lib/theme';
import { formatTime } from './dashboard-format';

/** One line: its label, the CSS variable of its colour, and a value per time (null: no reading). */
export interface ChartLine {
  label: string;
  color: '--accent' | '--bad' | '--ok' | '--warn' | '--run' | '--muted';
  values: (number | null)[];
}

export interface TimeSeriesChartProps {
  title: string;
  /** Times in milliseconds, ascending; one per value of each line. */
  times: number[];
  lines: ChartLine[];
  format: (value: number) => string;
  /** The window shown, in milliseconds (default: the first to the last time). */
  window?: readonly [number, number];
  height?: number;
}

/** Whether this browser draws on a canvas (test DOMs do not). */
const canDraw = () => typeof document !== 'undefined' && document.createElement('canvas').getContext?.('2d') != null;

/** The colours of the current theme, read from the CSS variables theme.css sets. */
function themeColors(): (name: string) => string {
  const style = getComputedStyle(document.documentElement);
  return (name) => style.getPropertyValue(name).trim() || '#888';
}

/** Follows the theme: the person's choice and, under `system`, the OS colour scheme. */
function useThemeVersion(): number {
  const choice = useTheme((s) => s.choice);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const bump = () => setVersion((v) => v + 1);
    media?.addEventListener('change', bump);
    return () => media?.removeEventListener('change', bump);
  }, []);
  return version + (choice === 'dark' ? 1_000_000 : choice === 'light' ? 2_000_000 : 0);
}

/**
 * A time series drawn by uPlot on a canvas in the theme's colours, with a caption that says what
 * it shows in words (the last and highest reading of each line) and a table of every reading
 * behind a toggle, for screen readers and for anyone who wants the numbers.
 */
export function TimeSeriesChart({ title, times, lines, format, window: shown, height = 180 }: TimeSeriesChartProps) {
  const { t, i18n } = useTranslation('dashboard');
  const [asTable, setAsTable] = useState(false);
  const holder = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();
  const captionId = useId();
  const empty = times.length === 0;
  const [start, end] = shown ?? (empty ? [0, 0] : [times[0]!, times.at(-1)!]);
  const span = end - start;

  useEffect(() => {
    const el = holder.current;
    if (!el || asTable || empty || !canDraw()) return;
    const color = themeColors();
    const axis = { stroke: color('--muted'), grid: { stroke: color('--border'), width: 1 }, ticks: { stroke: color('--border'), width: 1 } };
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true, range: (): uPlot.Range.MinMax => (span > 0 ? [start / 1000, end / 1000] : [start / 1000 - 60, end / 1000 + 60]) },
          // From zero, with room above the highest reading.
          y: { range: (_u, min, max): uPlot.Range.MinMax => [Math.min(0, min), max > 0 ? max * 1.15 : 1] },
        },
        axes: [
          { ...axis, space: 90, values: (_u, ticks) => ticks.map((s) => formatTime(s * 1000, span)) },
          { ...axis, size: 64, values: (_u, ticks) => ticks.map(format) },
        ],
        series: [{}, ...lines.map((line) => ({ label: line.label, stroke: color(line.color), width: 2, points: { show: times.length < 3 } }))],
      },
      [times.map((ms) => ms / 1000), ...lines.map((line) => line.values)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [times, lines, format, height, asTable, empty, start, end, span, themeVersion, i18n.language]);

  const summary = empty
    ? t('chart.empty')
    : lines
        .map((line) => {
          const readings = line.values.filter((v): v is number => v !== null);
          if (readings.length === 0) return t('chart.lineEmpty', { line: line.label });
          return t('chart.lineSummary', { line: line.label, last: format(readings.at(-1)!), max: format(Math.max(...readings)) });
        })
        .join(' ');

  return (
    <figure className="chart card" aria-labelledby={captionId}>
      <div className="chart-head">
        <h3 id={captionId}>{title}</h3>
        {!empty && (
          <button type="button" className="ghost" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            {asTable ? t('chart.showChart') : t('chart.showTable')}
          </button>
        )}
      </div>
      {!empty && (
        <ul className="chart-legend" aria-hidden="true">
          {lines.map((line) => (
            <li key={line.label}>
              <span className="swatch" style={{ background: `var(${line.color})` }} />
              {line.label}
            </li>
          ))}
        </ul>
      )}
      {asTable ? (
        <div className="chart-table">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.time')}</th>
                {lines.map((line) => (
                  <th scope="col" key={line.label}>
                    {line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {times.map((time, i) => (
                <tr key={time}>
                  <th scope="row">{formatTime(time, span)}</th>
                  {lines.map((line) => (
                    <td key={line.label}>{line.values[i] === null ? '—' : format(line.values[i]!)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        !empty && <div ref={holder} className="chart-canvas" role="img" aria-label={`${title}. ${summary}`} style={{ minHeight: height }} />
      )}
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
