// <sanctions-screen>: an embeddable, in-browser sanctions screen for a host form.
//
//   <script type="module" src="/sanctions-screen.js"></script>
//   <sanctions-screen name-field="#fullname" dob-field="#dob" country-field="#country"
//                     email-field="#email" wallet-field="#wallet" block-on="match"></sanctions-screen>
//
// The watchlist bundle and the WebAssembly engine are downloaded once from same-origin URLs and run
// in a module Web Worker; after that no network request is made and no personal data leaves the page.
// See docs/EMBED.md for every attribute, the event detail and the theming hooks.

const MODULE_URL = import.meta.url;
const FIELDS = ['name', 'dob', 'country', 'email', 'wallet', 'phone', 'website'];
const DEFAULT_MAX_LENGTH = 1024;
const LIST_LABELS = { OfacSdn: 'OFAC SDN', OfacCons: 'OFAC non-SDN', Un: 'UN' };

// ---- engine: one worker per (wasm, bundle) pair, shared by every element on the page ----------

const engines = new Map();

class Engine {
  constructor(wasmUrl, bundleUrl) {
    this.key = `${wasmUrl}\n${bundleUrl}`;
    this.nextId = 1;
    this.pending = new Map();
    this.dead = false;
    this.worker = new Worker(new URL('./screen-worker.js', MODULE_URL), { type: 'module', name: 'sanctions-screen' });
    this.ready = new Promise((resolve, reject) => {
      this.worker.addEventListener('message', (event) => {
        const msg = event.data;
        if (msg.type === 'ready') resolve(msg);
        else if (msg.type === 'init-error') { this.kill(); reject(new Error(msg.message)); }
        else this.settle(msg);
      });
      this.worker.addEventListener('error', (event) => {
        event.preventDefault();
        const error = new Error(`the screening worker failed to start (${event.message || 'script error'}); check that screen-worker.js and pkg/ are served next to sanctions-screen.js`);
        this.kill(error);
        reject(error);
      });
    });
    this.ready.catch(() => {});
    this.worker.postMessage({ type: 'init', wasmUrl, bundleUrl });
  }

  static for(wasmUrl, bundleUrl) {
    const key = `${wasmUrl}\n${bundleUrl}`;
    let engine = engines.get(key);
    if (!engine || engine.dead) {
      engine = new Engine(wasmUrl, bundleUrl);
      engines.set(key, engine);
    }
    return engine;
  }

  async screen(query, options) {
    await this.ready;
    if (this.dead) throw new Error('the screening engine was restarted; try again');
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'screen', id, query, options });
    });
  }

  settle(msg) {
    const call = this.pending.get(msg.id);
    if (!call) return;
    this.pending.delete(msg.id);
    if (msg.type === 'result') call.resolve(msg.result);
    else {
      call.reject(new Error(msg.message));
      // After an abort the Rust heap may be inconsistent: replace the worker on the next call.
      if (msg.fatal) this.kill();
    }
  }

  kill(error) {
    this.dead = true;
    if (engines.get(this.key) === this) engines.delete(this.key);
    this.worker.terminate();
    for (const call of this.pending.values()) call.reject(error ?? new Error('the screening engine stopped; try again'));
    this.pending.clear();
  }
}

// ---- styles (constructable stylesheet: no inline <style>, so a strict CSP needs no 'unsafe-inline')

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
:host {
  --ss-font: inherit;
  --ss-fg: #1f2933;
  --ss-muted: #616e7c;
  --ss-bg: #f7f9fb;
  --ss-border: #d9e2ec;
  --ss-radius: 10px;
  --ss-clear: #157f3b;
  --ss-review: #a35c00;
  --ss-match: #b42318;
  --ss-focus: #2563eb;
  display: block;
  font: 14px/1.45 var(--ss-font);
  color: var(--ss-fg);
}
:host([hidden]) { display: none; }
.box { border: 1px solid var(--ss-border); border-left-width: 4px; border-radius: var(--ss-radius); background: var(--ss-bg); padding: 10px 12px; }
.box[data-state="clear"] { border-left-color: var(--ss-clear); }
.box[data-state="review"] { border-left-color: var(--ss-review); }
.box[data-state="match"], .box[data-state="error"] { border-left-color: var(--ss-match); }
.status { display: flex; gap: 8px; align-items: baseline; }
.badge { flex: none; font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
  padding: 2px 8px; border-radius: 999px; background: var(--ss-border); color: var(--ss-fg); }
[data-state="clear"] .badge { background: var(--ss-clear); color: #fff; }
[data-state="review"] .badge { background: var(--ss-review); color: #fff; }
[data-state="match"] .badge, [data-state="error"] .badge { background: var(--ss-match); color: #fff; }
.message { min-width: 0; overflow-wrap: anywhere; }
details { margin-top: 6px; }
details[hidden] { display: none; }
summary { cursor: pointer; color: var(--ss-muted); width: max-content; border-radius: 4px; }
summary:focus-visible { outline: 2px solid var(--ss-focus); outline-offset: 2px; }
ol { margin: 6px 0 0; padding-left: 20px; }
li { margin: 2px 0; overflow-wrap: anywhere; }
.why { color: var(--ss-muted); }
.source { margin: 6px 0 0; font-size: 12px; color: var(--ss-muted); }
`);

// ---- helpers ----------------------------------------------------------------------------------

const pct = (x) => `${Math.round(x * 100)}%`;

/** A compact, human reason for one match. */
export function explainMatch(m) {
  const e = m.explanation;
  if (e.identifier) return `${e.identifier.replace(':', ' ')} is listed exactly`;
  const parts = e.pairs.map((p) => (p.how === 'exact' ? p.listed : `${p.query}→${p.listed} (${p.how})`));
  let text = parts.length ? `name ${pct(e.name_score)}: ${parts.join(', ')}` : `name ${pct(e.name_score)}`;
  if (m.name_kind !== 'primary') text += `; via ${m.name_kind.replace('_', ' ')} “${m.matched_name}”`;
  for (const a of e.adjustments) text += `; ${a.field} ${a.delta >= 0 ? '+' : '−'}${Math.abs(a.delta).toFixed(2)}`;
  return text;
}

/**
 * A list's date as people should read it. OFAC's legacy CSV files carry no publication date;
 * unless the bundle was built with `--as-of`, the date is the files' modification time, which
 * says when they were copied, not when the list was published: shown as such.
 */
export function listDate(l) {
  return l.date_source.startsWith('file modification time') ? `file dated ${l.date}` : l.date;
}

function listSummary(info) {
  return info.lists.map((l) => `${LIST_LABELS[l.list] ?? l.list} ${listDate(l)}`).join(' · ');
}

// ---- the element --------------------------------------------------------------------------------

export class SanctionsScreenElement extends HTMLElement {
  static get observedAttributes() { return ['name-field', ...FIELDS.slice(1).map((f) => `${f}-field`), 'form']; }

  #root;
  #box; #badge; #message; #details; #list; #source;
  #timer = 0;
  #seq = 0;
  #shown = 0;
  #last = null;      // { key, detail } of the newest completed screen
  #wired = [];       // [target, type, listener, options]
  #info = null;
  #allowSubmit = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [sheet];
    this.#box = el('div', { class: 'box', part: 'box', 'data-state': 'idle' });
    const status = el('div', { class: 'status', part: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.#badge = el('span', { class: 'badge', part: 'badge' }, 'Sanctions screen');
    this.#message = el('span', { class: 'message', part: 'message' }, 'Loading the sanctions lists…');
    status.append(this.#badge, this.#message);
    this.#details = el('details', { part: 'details', hidden: '' });
    this.#details.append(el('summary', { part: 'summary' }, 'Why?'));
    this.#list = el('ol', { part: 'matches' });
    this.#details.append(this.#list);
    this.#source = el('p', { class: 'source', part: 'source' }, '');
    this.#box.append(status, this.#details, this.#source);
    this.#root.append(this.#box);
  }

  connectedCallback() {
    // Fields may be declared after the element: wire once the document is parsed.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => this.#wire(), { once: true });
    else queueMicrotask(() => this.#wire());
    this.#engine().ready.then(({ info }) => {
      this.#info = info;
      this.#source.textContent = `Screened in your browser against ${listSummary(info)}`;
      if (this.#box.dataset.state === 'idle' || !this.#shown) this.#setStatus('idle', 'Ready', 'Enter a name to screen it.');
      this.dispatchEvent(new CustomEvent('screening-ready', { bubbles: true, composed: true, detail: { info } }));
      this.#scheduleLive(0);
    }, (e) => this.#setStatus('error', 'Unavailable', `Screening is unavailable: ${e.message}`));
  }

  disconnectedCallback() { this.#unwire(); clearTimeout(this.#timer); }

  attributeChangedCallback() { if (this.isConnected && this.#wired.length) this.#wire(); }

  /** What the loaded bundle contains (lists, dates, sizes, checksum); waits for the engine. */
  async info() { return (await this.#engine().ready).info; }

  /**
   * Screens a query ({ name, dob, country, email, wallet, phone, website }) and resolves to the same
   * object the `screening-result` event carries: the result plus a personal-data-free receipt.
   */
  async screen(query) { return this.#run(this.#clean(query), { show: true }); }

  // -- wiring to host fields

  #field(name) {
    const selector = this.getAttribute(`${name}-field`);
    if (!selector) return null;
    try { return this.getRootNode().querySelector(selector); } catch { return null; }
  }

  #form() {
    const selector = this.getAttribute('form');
    if (selector) { try { return this.getRootNode().querySelector(selector); } catch { return null; } }
    return this.#field('name')?.form ?? this.closest('form');
  }

  #wire() {
    this.#unwire();
    const listen = (target, type, fn, options) => { target.addEventListener(type, fn, options); this.#wired.push([target, type, fn, options]); };
    for (const f of FIELDS) {
      const input = this.#field(f);
      if (input) {
        listen(input, 'input', () => this.#scheduleLive());
        listen(input, 'change', () => this.#scheduleLive(0));
      }
    }
    const form = this.#form();
    if (form) listen(form, 'submit', (e) => this.#onSubmit(e), { capture: true });
  }

  #unwire() {
    for (const [target, type, fn, options] of this.#wired) target.removeEventListener(type, fn, options);
    this.#wired = [];
  }

  #valuesFromFields() {
    const q = {};
    for (const f of FIELDS) { const input = this.#field(f); if (input) q[f] = input.value; }
    return this.#clean(q);
  }

  #clean(query) {
    if (typeof query === 'string') query = { name: query };
    const q = { name: '' };
    for (const f of FIELDS) {
      const v = query?.[f];
      if (v == null) continue;
      const s = String(v).trim();
      if (s) q[f] = s;
    }
    return q;
  }

  #options() {
    const o = {};
    const num = (a) => { const v = this.getAttribute(a); return v == null || v === '' ? undefined : Number(v); };
    if (num('review-threshold') !== undefined) o.reviewThreshold = num('review-threshold');
    if (num('match-threshold') !== undefined) o.matchThreshold = num('match-threshold');
    if (num('limit') !== undefined) o.limit = num('limit');
    return o;
  }

  #engine() {
    const wasmUrl = new URL(this.getAttribute('wasm-url') ?? './pkg/sanctions_screen_bg.wasm', this.getAttribute('wasm-url') ? document.baseURI : MODULE_URL).href;
    const bundleUrl = new URL(this.getAttribute('bundle-url') ?? './watchlist.bin', this.getAttribute('bundle-url') ? document.baseURI : MODULE_URL).href;
    return Engine.for(wasmUrl, bundleUrl);
  }

  // -- screening

  #scheduleLive(delay = Number(this.getAttribute('debounce') ?? 250)) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const q = this.#valuesFromFields();
      if (!this.#isScreenable(q)) {
        if (this.#info) this.#setStatus('idle', 'Ready', 'Enter a name to screen it.');
        this.#last = null;
        return;
      }
      if (this.#last?.key === JSON.stringify(q)) return;
      this.#run(q, { show: true }).catch(() => {});
    }, delay);
  }

  #isScreenable(q) {
    return q.name.length >= 2 || FIELDS.slice(2).some((f) => q[f]);
  }

  async #run(q, { show }) {
    const seq = ++this.#seq;
    const max = Number(this.getAttribute('max-length') ?? DEFAULT_MAX_LENGTH);
    try {
      for (const f of FIELDS) {
        if (q[f] && q[f].length > max) {
          throw new Error(`the ${f} is too long to screen (${q[f].length} characters; at most ${max})`);
        }
      }
      if (show && seq > this.#shown && !this.#shown) this.#setStatus('busy', 'Checking', 'Screening…');
      const engine = this.#engine();
      const { info } = await engine.ready;
      const result = await engine.screen(q, this.#options());
      const detail = {
        ...result,
        receipt: { decision: result.decision, bundleChecksum: info.checksum, screenedAt: new Date().toISOString() },
      };
      if (show && seq >= this.#shown) {
        this.#shown = seq;
        this.#last = { key: JSON.stringify(q), detail };
        this.#render(detail);
      }
      this.dispatchEvent(new CustomEvent('screening-result', { bubbles: true, composed: true, detail }));
      return detail;
    } catch (e) {
      if (show && seq >= this.#shown) {
        this.#shown = seq;
        this.#last = null;
        this.#setStatus('error', 'Error', `Could not screen: ${e.message}`);
      }
      this.dispatchEvent(new CustomEvent('screening-error', { bubbles: true, composed: true, detail: { message: e.message } }));
      throw e;
    }
  }

  async #onSubmit(event) {
    const blockOn = this.getAttribute('block-on');
    const q = this.#valuesFromFields();
    if (this.#allowSubmit) { this.#allowSubmit = false; return; }
    if (!blockOn || !this.#isScreenable(q)) { if (this.#isScreenable(q)) this.#run(q, { show: true }).catch(() => {}); return; }
    const blocks = (d) => d === 'match' || (blockOn === 'review' && d === 'review');
    // Hold this submit: the host's own submit handlers only ever see submits that passed.
    event.preventDefault();
    event.stopImmediatePropagation();
    clearTimeout(this.#timer);
    let detail;
    try {
      detail = this.#last?.key === JSON.stringify(q) ? this.#last.detail : await this.#run(q, { show: true });
    } catch {
      this.#box.focus?.();
      return; // an error already shows in the status; do not let an unscreened form through
    }
    if (blocks(detail.decision)) {
      this.dispatchEvent(new CustomEvent('screening-blocked', { bubbles: true, composed: true, detail }));
      return;
    }
    const form = event.target;
    this.#allowSubmit = true;
    if (form.requestSubmit) form.requestSubmit(event.submitter ?? undefined); else form.submit();
  }

  // -- rendering

  #setStatus(state, badge, message) {
    this.#box.dataset.state = state;
    this.#badge.textContent = badge;
    this.#message.textContent = message;
    if (state !== 'clear' && state !== 'review' && state !== 'match') {
      this.#details.hidden = true;
      this.#list.replaceChildren();
    }
  }

  #render(detail) {
    const { decision, matches } = detail;
    const best = matches[0];
    if (decision === 'clear') {
      this.#setStatus('clear', 'Clear', 'No close match on the sanctions lists.');
    } else {
      const who = `${best.name} (${best.list} ${best.id}), ${pct(best.score)}`;
      this.#setStatus(decision, decision === 'match' ? 'Match' : 'Review',
        decision === 'match' ? `Matches a sanctioned party: ${who}. ${explainMatch(best)}.`
          : `Possible match, needs a manual review: ${who}. ${explainMatch(best)}.`);
    }
    this.#list.replaceChildren(...matches.map((m) => {
      const li = el('li', { part: 'match' });
      li.append(el('strong', {}, m.name), ` — ${m.list} ${m.id}, ${m.entry_kind}, ${m.programs.join(', ')}: ${pct(m.score)} `,
        el('span', { class: 'why' }, `(${explainMatch(m)})`));
      return li;
    }));
    this.#details.hidden = matches.length === 0;
    this.#details.querySelector('summary').textContent = `Why? ${matches.length} listed ${matches.length === 1 ? 'party' : 'parties'} considered`;
  }
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}

if (!customElements.get('sanctions-screen')) customElements.define('sanctions-screen', SanctionsScreenElement);
