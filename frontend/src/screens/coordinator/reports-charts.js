// Reports (issue 16): small SVG bar charts, loaded only on the reports screen (a dynamic import()).
// Each chart is a <figure> with a caption and its numbers in a table, so a screen reader reads the
// table and the drawing is hidden from it. Colours come from the page (currentColor and the theme's
// variables), so dark mode needs nothing more; the drawing scales to the width it is given (320 px too).
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { figureWords, reasonWords, scaleBars, shortMonth } from './reports-logic.js';

const W = 320;

function NumbersTable({ title, column, bars }) {
  return html`
    <table class="chart-table">
      <caption class="visually-hidden">${t('running.charts.numbers', { title })}</caption>
      <thead><tr><th scope="col">${column}</th><th scope="col">${t('running.charts.number')}</th></tr></thead>
      <tbody>
        ${bars.map((b) => html`<tr key=${b.key}><th scope="row">${b.label}</th><td>${figureWords(b)}</td></tr>`)}
      </tbody>
    </table>
  `;
}

/** Upright bars, one a month, with the scale's top at the left. */
function MonthBars({ bars }) {
  const H = 170;
  const top = 14;
  const bottom = H - 34;
  const left = 30;
  const { max, bars: scaled } = scaleBars(bars, bottom - top);
  const slot = (W - left - 4) / Math.max(1, scaled.length);
  const every = scaled.length > 12 ? 3 : 1;
  return html`
    <svg class="chart-svg" viewBox=${`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      <line class="chart-axis" x1=${left} y1=${bottom} x2=${W - 2} y2=${bottom} />
      <line class="chart-grid" x1=${left} y1=${top} x2=${W - 2} y2=${top} />
      <text class="chart-text" x=${left - 4} y=${top + 4} text-anchor="end">${max}</text>
      <text class="chart-text" x=${left - 4} y=${bottom} text-anchor="end">0</text>
      ${scaled.map((b, i) => {
        const x = left + i * slot + slot * 0.15;
        const width = Math.max(2, slot * 0.7);
        const { month, year, january } = shortMonth(b.label, b.key);
        const showYear = i === 0 || january;
        return html`<g key=${b.key}>
          ${b.suppressed
            ? html`<rect class="chart-withheld" x=${x} y=${bottom - 10} width=${width} height="10" />`
            : html`<rect class="chart-bar" x=${x} y=${bottom - b.height} width=${width} height=${b.height} />`}
          ${i % every === 0 && html`<text class="chart-text" x=${x + width / 2} y=${bottom + 14} text-anchor="middle">${month}</text>`}
          ${i % every === 0 && showYear && html`<text class="chart-text chart-small" x=${x + width / 2} y=${bottom + 27} text-anchor="middle">${year}</text>`}
        </g>`;
      })}
    </svg>
  `;
}

/** Lying bars, a label above each (long labels fit a phone). ``max``: a fixed top (a score out of 5). */
function RowBars({ bars, max: fixedMax }) {
  const row = 36;
  const { max, bars: scaled } = scaleBars(bars, W - 60, fixedMax);
  const H = Math.max(row, scaled.length * row + 4);
  return html`
    <svg class="chart-svg" viewBox=${`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      ${scaled.map((b, i) => {
        const y = i * row;
        return html`<g key=${b.key}>
          <text class="chart-text" x="0" y=${y + 12}>${b.label}</text>
          ${b.suppressed
            ? html`<rect class="chart-withheld" x="0" y=${y + 17} width="14" height="12" />`
            : html`<rect class="chart-bar" x="0" y=${y + 17} width=${Math.max(b.height, 1)} height="12" />`}
          <text class="chart-text" x=${(b.suppressed ? 14 : b.height) + 6} y=${y + 28}>${b.words}</text>
        </g>`;
      })}
    </svg>
    <p class="hint chart-scale">${t('running.charts.scale', { max: String(max) })}</p>
  `;
}

/** One chart from the report: its caption, the drawing, and the numbers. */
export function ReportChart({ chart }) {
  const id = `chart-${chart.key}`;
  if (chart.kind === 'months') {
    return html`
      <figure class="chart" aria-labelledby=${id}>
        <figcaption class="chart-caption" id=${id}>${chart.title}</figcaption>
        <${MonthBars} bars=${chart.bars} />
        <${NumbersTable} title=${chart.title} column=${t('running.charts.month')} bars=${chart.bars} />
      </figure>
    `;
  }
  const bars = chart.kind === 'reasons' ? chart.bars.filter((b) => b.suppressed || b.value) : chart.bars;
  const labelled = chart.kind === 'compare'
    ? bars.map((b, i) => ({ ...b, label: i === 0 ? t('running.charts.firstCheckin') : t('running.charts.latestCheckin') }))
    : bars.map((b) => ({ ...b, label: reasonWords(b) }));
  return html`
    <figure class="chart" aria-labelledby=${id}>
      <figcaption class="chart-caption" id=${id}>${chart.title}</figcaption>
      ${labelled.length === 0
        ? html`<p class="hint">${t('running.charts.nothing')}</p>`
        : html`
            <${RowBars} bars=${labelled} max=${chart.kind === 'compare' ? 5 : undefined} />
            <${NumbersTable} title=${chart.title} column=${chart.kind === 'compare' ? t('running.charts.when') : t('running.charts.reason')} bars=${labelled} />
          `}
    </figure>
  `;
}
