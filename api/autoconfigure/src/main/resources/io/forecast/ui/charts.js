// Charts with uPlot (vendor/uPlot.iife.min.js, the global `uPlot`). Each chart's box carries
// data-points (x values drawn) and data-series (lines drawn), which the browser tests read.

import { el } from './forms.js';

const COLORS = ['#1f5fbf', '#d9480f', '#2b8a3e', '#7048e8', '#c2255c', '#0b7285', '#5c940d', '#862e9c'];

export function color(i) {
  return COLORS[i % COLORS.length];
}

/** Seconds since the epoch of a service timestamp ("2018-06-26 20:00:00", ISO-8601 or a date), read as UTC. */
export function epochSeconds(text) {
  const t = String(text).trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(t) ? t + 'T00:00:00Z'
    : /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t) ? t.replace(' ', 'T') + 'Z' : t;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : NaN;
}

/**
 * Draws a line chart into a new box appended to parent.
 * spec: { title, x: number[], time: boolean, xLabel, yLabel, height,
 *         series: [{ label, values, color, dash, width }], band: { lower, upper, label } }
 */
export function lineChart(parent, spec) {
  const box = el('figure', { class: 'chart', 'data-points': spec.x.length, 'data-series': spec.series.length },
    el('h3', { text: spec.title }));
  parent.append(box);
  const data = [spec.x];
  const series = [{ label: spec.xLabel || (spec.time ? 'time' : 'x') }];
  const bands = [];
  if (spec.band) {
    data.push(spec.band.upper, spec.band.lower);
    const fill = 'rgba(31, 95, 191, 0.15)';
    series.push({ label: spec.band.label + ' upper', stroke: 'rgba(31,95,191,0.35)', width: 1 },
      { label: spec.band.label + ' lower', stroke: 'rgba(31,95,191,0.35)', width: 1 });
    bands.push({ series: [1, 2], fill });
  }
  spec.series.forEach((s, i) => {
    data.push(s.values);
    series.push({ label: s.label, stroke: s.color || color(i), width: s.width || 1.5, dash: s.dash, spanGaps: false,
      points: { show: s.values.length <= 60 } });
  });
  const width = () => Math.max(280, box.clientWidth - 12);
  const opts = {
    width: width(), height: spec.height || 280, series, bands,
    scales: { x: { time: !!spec.time } },
    axes: [{ label: spec.xLabel, stroke: '#5b6472' }, { label: spec.yLabel, stroke: '#5b6472', size: 60 }],
    legend: { live: true },
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
  };
  const plot = new uPlot(opts, data, box);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => plot.setSize({ width: width(), height: opts.height })).observe(box);
  }
  box.dataset.drawn = 'true';
  return plot;
}
