// Demo page glue: the signup form's submit, the screening console and the footer.
// All screening goes through the <sanctions-screen> elements; this file only renders.
import { explainMatch, listDate } from './sanctions-screen.js';

const $ = (sel) => document.querySelector(sel);
const LIST_NAMES = { OfacSdn: 'OFAC SDN', OfacCons: 'OFAC consolidated (non-SDN)', Un: 'UN Security Council consolidated' };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children.filter((c) => c != null));
  return node;
}

const pct = (x) => `${Math.round(x * 100)}%`;
const num = (x) => x.toFixed(2);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

// ---- signup form ---------------------------------------------------------------------------

const signup = $('#signup-form');
const note = $('#form-note');
signup.addEventListener('submit', (event) => {
  // The widget already screened the applicant and let the submit through (it blocks on `match`).
  event.preventDefault();
  if (!$('#fullname').value.trim()) { note.textContent = 'Please enter your full legal name.'; $('#fullname').focus(); return; }
  if (!$('#terms').checked) { note.textContent = 'Please accept the terms to continue.'; $('#terms').focus(); return; }
  note.textContent = 'Application received. (Demo: nothing was sent anywhere.)';
});
$('#signup-screen').addEventListener('screening-blocked', () => {
  note.textContent = 'We cannot open this account: the screening found a sanctions match.';
});

// ---- console -------------------------------------------------------------------------------

const consoleScreen = $('#console-screen');
const results = $('#results');
const fields = { name: '#q-name', dob: '#q-dob', country: '#q-country', email: '#q-email', wallet: '#q-wallet' };

function consoleQuery() {
  const q = {};
  for (const [k, sel] of Object.entries(fields)) q[k] = $(sel).value;
  return q;
}

$('#console-form').addEventListener('submit', (event) => {
  event.preventDefault();
  consoleScreen.screen(consoleQuery()).catch(() => {});
});

for (const chip of document.querySelectorAll('.chip')) {
  chip.addEventListener('click', () => {
    for (const [k, sel] of Object.entries(fields)) $(sel).value = chip.dataset[k] ?? '';
    consoleScreen.screen(consoleQuery()).catch(() => {});
  });
}

function tokens(list) {
  return list.length ? list.join(' ') : '—';
}

function renderMatch(m, rank) {
  const e = m.explanation;
  const head = el('div', { class: 'match-head' },
    el('span', { class: 'rank' }, `${rank}`),
    el('div', { class: 'who' },
      el('strong', {}, m.name),
      el('span', { class: 'meta' }, `${m.list} ${m.id} · ${m.entry_kind} · ${m.programs.join(', ') || 'no program'}`)),
    el('span', { class: `pill ${m.decision}` }, m.decision),
    el('span', { class: 'score' }, el('meter', { min: '0', max: '1', low: '0.8', high: '0.92', optimum: '0', value: String(m.score), 'aria-label': `score ${pct(m.score)}` }), ` ${pct(m.score)}`));

  const body = el('div', { class: 'match-body' });
  body.append(el('p', {}, `Matched ${m.name_kind.replace('_', ' ')} name `, el('q', {}, m.matched_name), `: ${explainMatch(m)}.`));
  if (e.identifier) body.append(el('p', { class: 'ident' }, `Exact identifier hit: ${e.identifier}`));

  if (e.pairs.length) {
    const table = el('table', {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Query token'), el('th', { scope: 'col' }, 'Listed token'),
        el('th', { scope: 'col' }, 'How'), el('th', { scope: 'col' }, 'Similarity'), el('th', { scope: 'col' }, 'Weight'))),
      el('tbody', {}, ...e.pairs.map((p) => el('tr', {}, el('td', {}, p.query), el('td', {}, p.listed), el('td', {}, p.how),
        el('td', {}, num(p.similarity)), el('td', {}, num(p.weight))))));
    body.append(el('div', { class: 'table-wrap' }, table));
  }
  const facts = el('dl', { class: 'facts' },
    el('dt', {}, 'Query tokens'), el('dd', {}, tokens(e.query_tokens)),
    el('dt', {}, 'Listed tokens'), el('dd', {}, tokens(e.listed_tokens)),
    el('dt', {}, 'Unpaired'), el('dd', {}, `query: ${tokens(e.unmatched_query)} · listed: ${tokens(e.unmatched_listed)}`),
    el('dt', {}, 'Name score'), el('dd', {}, `${num(e.numerator)} / ${num(e.denominator)} = ${num(e.name_score)}`));
  if (e.adjustments.length) {
    facts.append(el('dt', {}, 'Adjustments'), el('dd', {}, e.adjustments.map((a) => `${a.field} ${a.delta >= 0 ? '+' : ''}${num(a.delta)} (${a.detail})`).join('; ')));
  }
  if (e.normalizations.length) facts.append(el('dt', {}, 'Normalized'), el('dd', {}, e.normalizations.join('; ')));
  const leftOut = {
    in_full: 'a left-out middle name or patronymic counts in full (the other names are only respelled)',
    generic_half: 'left-out generic business words count half',
  };
  if (e.left_out_rules?.length) {
    facts.append(el('dt', {}, 'Left out'), el('dd', {}, e.left_out_rules.map((r) => leftOut[r] ?? r).join('; ')));
  }
  body.append(facts);

  const details = el('details', { class: 'match' }, el('summary', {}, head), body);
  if (rank === 1) details.open = true;
  return el('li', {}, details);
}

consoleScreen.addEventListener('screening-result', (event) => {
  const { matches, query } = event.detail;
  const summary = matches.length
    ? `${matches.length} candidate${matches.length === 1 ? '' : 's'} at or above the review threshold for “${query.name || query.email || query.wallet || ''}”`
    : `No listed party resembles “${query.name || query.email || query.wallet || ''}” closely enough to review.`;
  results.replaceChildren(
    el('p', { class: 'results-summary' }, summary),
    matches.length ? el('ol', { class: 'match-list' }, ...matches.map((m, i) => renderMatch(m, i + 1))) : '');
});
consoleScreen.addEventListener('screening-error', (event) => {
  results.replaceChildren(el('p', { class: 'results-summary error' }, event.detail.message));
});

// ---- footer: lists, dates, bundle size -------------------------------------------------------

consoleScreen.info().then((info) => {
  const lists = info.lists.map((l) => `${LIST_NAMES[l.list] ?? l.list} (${listDate(l)}, ${l.entries.toLocaleString('en')} entries)`);
  const size = info.bundle_download_bytes
    ? `${kb(info.bundle_download_bytes)} downloaded, ${kb(info.bundle_bytes)} unpacked`
    : kb(info.bundle_bytes);
  $('#lists-line').textContent = `Lists: ${lists.join(' · ')}. Bundle ${size} (${info.entries.toLocaleString('en')} entries, ` +
    `${info.names.toLocaleString('en')} names), built ${info.built_at.slice(0, 10)}, checksum ${info.checksum}.`;
  document.body.dataset.ready = '1';
}, (e) => {
  $('#lists-line').textContent = `The sanctions lists could not be loaded: ${e.message}`;
  document.body.dataset.ready = 'error';
});
