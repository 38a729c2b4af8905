// The technician's "Rapport" view: the month's use of every measure per decision (GET /api/reports/{YYYY-MM}),
// with a small bar per day. Kept apart from app.js so the staff view's code is not touched.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function counts(map) {
    const entries = Object.entries(map || {});
    return entries.length === 0 ? '0' : entries.map(([k, v]) => `${k}: ${v}`).join(', ');
  }

  function chart(perDay) {
    const width = 310, height = 60, base = 52;
    const max = Math.max(1, ...perDay);
    const step = width / perDay.length;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', 'report-chart');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `Brug pr. dag, højst ${max}`);
    perDay.forEach((n, i) => {
      const h = n * (base - 4) / max;
      const bar = document.createElementNS(SVG, 'rect');
      bar.setAttribute('class', 'report-bar');
      bar.setAttribute('x', String(i * step + 1));
      bar.setAttribute('y', String(base - h));
      bar.setAttribute('width', String(Math.max(1, step - 2)));
      bar.setAttribute('height', String(h));
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${i + 1}.: ${n}`;
      bar.append(title);
      svg.append(bar);
      if (i === 0 || (i + 1) % 5 === 0) {
        const label = document.createElementNS(SVG, 'text');
        label.setAttribute('x', String(i * step + 1));
        label.setAttribute('y', String(height - 1));
        label.setAttribute('class', 'report-day');
        label.textContent = String(i + 1);
        svg.append(label);
      }
    });
    return svg;
  }

  function section(d) {
    const box = el('div', null, 'report-decision');
    box.append(el('h3', d.id ? `Afgørelse ${d.id}` : 'Uden afgørelse'));
    const rows = [];
    if (d.id) {
      rows.push(['Grundlag', d.basis || '–'], ['Foranstaltninger', (d.measures || []).join(', ')], ['Borger', d.resident || '–'],
        ['Periode', d.nbf && d.exp ? `${d.nbf} – ${d.exp}` : '–'],
        ['Indlæst / udløbet / tilbagekaldt', `${d.imports} / ${d.expiries} / ${d.revocations}`]);
    }
    rows.push(['Indsigelser', String(d.objections)], ['Kig ind givet', String(d.checkInsGranted)],
      ['Kig ind afvist', counts(d.checkInsRefused)],
      ['Set (sek. i alt / længste)', `${Math.round(d.viewedSecondsTotal)} / ${Math.round(d.viewedSecondsLongest)}`],
      ['Døralarmer', counts(d.doorAlarms)], ['Dør frigivet', counts(d.doorReleases)], ['Sensoralarmer', counts(d.sensorAlarms)]);
    const table = el('table');
    for (const [name, value] of rows) {
      const tr = el('tr');
      tr.append(el('th', name), el('td', value));
      table.append(tr);
    }
    box.append(table, chart(d.perDay || []));
    return box;
  }

  async function load() {
    const month = $('report-month').value;
    const out = $('report');
    out.replaceChildren(el('p', 'Henter …', 'quiet'));
    const response = await fetch(`/api/reports/${encodeURIComponent(month)}`, { credentials: 'same-origin' });
    if (!response.ok) { out.replaceChildren(el('p', `Rapporten kunne ikke hentes (${response.status}).`, 'quiet')); return; }
    const report = await response.json();
    out.replaceChildren(el('p', `${report.month}, ${report.timeZone}: ${report.records} tællende poster i revisionssporet.`, 'quiet'));
    const all = report.withoutDecision ? [...report.decisions, report.withoutDecision] : report.decisions;
    if (all.length === 0) out.append(el('p', 'Ingen afgørelser og ingen hændelser i måneden.', 'quiet'));
    for (const d of all) out.append(section(d));
  }

  function monthIn(timeZone) {
    try {
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date());
      return `${parts.find((p) => p.type === 'year').value}-${parts.find((p) => p.type === 'month').value}`;
    } catch {
      const now = new Date();
      return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    const month = $('report-month');
    if (!month) return;
    month.value = monthIn(undefined);
    // The report's months are the site's (Site:TimeZone), not the browser's: near midnight they differ.
    fetch('/api/config', { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null))
      .then((config) => { const zone = config && config.site && config.site.timeZone; if (zone) month.value = monthIn(zone); })
      .catch(() => {});
    $('report-load').addEventListener('click', () => { load().catch(() => {}); });
  });
})();
