/**
 * `:ruleCoverage.html`: the rules source, one row per line, annotated with
 * how often each expression on the line was evaluated and to what. A line is
 * green when every expression on it ran, amber when some never did, red when
 * none did; lines without expressions stay plain.
 */
import type { Coverage } from './coverage';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function renderFile(cov: Coverage): string {
  const byLine = new Map<number, { column: number; total: number; counts: Record<string, number> }[]>();
  for (const e of cov.ast.exprs) {
    const list = byLine.get(e.line) ?? [];
    list.push({ column: e.column, total: cov.total(e.id), counts: cov.counts(e.id) });
    byLine.set(e.line, list);
  }
  const rows = cov.source.split('\n').map((text, i) => {
    const exprs = (byLine.get(i + 1) ?? []).sort((a, b) => a.column - b.column);
    const ran = exprs.filter((x) => x.total > 0).length;
    const cls = exprs.length === 0 ? '' : ran === exprs.length ? 'all' : ran === 0 ? 'none' : 'some';
    const notes = exprs
      .map((x) => {
        const parts = Object.entries(x.counts).filter(([, n]) => n > 0).map(([k, n]) => `${esc(k)}×${n}`);
        return `<span title="column ${x.column}">c${x.column}: ${parts.length ? parts.join(' ') : 'never'}</span>`;
      })
      .join(' ');
    return `<tr class="${cls}"><td class="n">${i + 1}</td><td><pre>${esc(text)}</pre></td><td class="c">${notes}</td></tr>`;
  });
  return `<h2>${esc(cov.ast.name)}</h2><table>${rows.join('\n')}</table>`;
}

/** The whole report page. */
export function renderCoverageHtml(files: Coverage[]): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8"><title>Rule coverage</title><style>',
    'body{font-family:sans-serif} table{border-collapse:collapse} pre{margin:0}',
    'td{padding:0 6px;vertical-align:top} td.n{color:#888;text-align:right} td.c{font-size:12px;color:#333}',
    'tr.all{background:#e6ffe6} tr.some{background:#fff4d6} tr.none{background:#ffe6e6}',
    '</style></head><body><h1>Firestore rule coverage</h1>',
    ...files.map(renderFile),
    '</body></html>',
  ].join('\n');
}
