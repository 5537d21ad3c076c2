// safecounty policy workbench: hand-written, no library. Talks only to the server it came from,
// sending the session token (from the address's #token=) in a header on every API call.
'use strict';
(function () {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  let lang = localStorage.getItem('wb-lang') || 'zh';
  let state = null;
  const draft = { changes: {}, drops: {} };
  let timer = null;
  let seq = 0;

  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) e.setAttribute(k, v); });
    kids.forEach((k) => e.append(k));
    return e;
  };
  const t = (zh, en) => (lang === 'en' ? en : zh);

  async function api(method, path, body) {
    const r = await fetch(path, {
      method, headers: { 'X-Safecounty-Token': token, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await r.text();
    let data = null;
    try { data = JSON.parse(text); } catch (e) { data = { error: text }; }
    return { status: r.status, data };
  }

  function applyLang() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.querySelectorAll('[data-zh]').forEach((e) => { e.textContent = lang === 'en' ? e.dataset.en : e.dataset.zh; });
    if (state) { renderParams(); renderImpact(state.impact); }
    if ($('document').dataset.loaded === 'true') showDocument();
  }

  function renderParams() {
    const box = $('params');
    const filter = $('filter').value.trim().toLowerCase();
    box.replaceChildren();
    state.parameters.forEach((p) => {
      const text = (p.name + ' ' + p.zh + ' ' + p.en).toLowerCase();
      if (filter && !text.includes(filter)) return;
      const changed = draft.changes[p.name] !== undefined;
      const div = el('div', { class: 'param' + (changed ? ' changed' : ''), 'data-name': p.name },
        el('div', {}, el('span', { class: 'name' }, p.name), ' ', el('span', { class: 'desc' }, t(p.zh, p.en) + ' (' + p.ref + ')')));
      const r = p.range;
      const attrs = (v) => ({ type: 'number', value: v, min: r.min, max: r.max, step: r.step });
      if (p.kind === 'value') {
        const cur = changed ? draft.changes[p.name].value : p.value;
        const input = el('input', Object.assign(attrs(cur), { 'data-param': p.name }));
        input.addEventListener('input', () => {
          const v = Number(input.value);
          if (input.value === '' || !input.checkValidity() || v === p.value) delete draft.changes[p.name];
          else draft.changes[p.name] = { value: v };
          div.classList.toggle('changed', draft.changes[p.name] !== undefined);
          schedule();
        });
        div.append(el('label', {}, t('数值 ', 'value '), input, ' ', el('span', { class: 'desc' }, t('现行 ', 'in force ') + p.value)));
      } else {
        const bands = changed ? draft.changes[p.name].bands : p.bands;
        const inputs = [];
        bands.forEach((b, i) => {
          const a = el('input', Object.assign(attrs(b.atLeast), { 'data-param': p.name, 'data-band': i, 'data-field': 'atLeast' }));
          const pts = el('input', Object.assign(attrs(b.points), { 'data-param': p.name, 'data-band': i, 'data-field': 'points' }));
          inputs.push([a, pts]);
          div.append(el('div', {}, '≥ ', a, t(' 得 ', ' → '), pts, t(' 分', ' points')));
        });
        const onInput = () => {
          const next = inputs.map(([a, pts]) => ({ atLeast: Number(a.value), points: Number(pts.value) }));
          const valid = inputs.every(([a, pts]) => a.value !== '' && pts.value !== '' && a.checkValidity() && pts.checkValidity());
          const same = JSON.stringify(next) === JSON.stringify(p.bands.map((b) => ({ atLeast: Number(b.atLeast), points: Number(b.points) })));
          if (!valid || same) delete draft.changes[p.name]; else draft.changes[p.name] = { bands: next };
          div.classList.toggle('changed', draft.changes[p.name] !== undefined);
          schedule();
        };
        inputs.flat().forEach((i) => i.addEventListener('input', onInput));
      }
      box.append(div);
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(send, 250);
  }

  async function send() {
    const mine = ++seq;
    $('status').textContent = t('正在重新评价……', 'Re-assessing…');
    $('status').dataset.busy = 'true';
    const r = await api('POST', '/api/draft', draft);
    if (mine !== seq) return;
    $('status').dataset.busy = 'false';
    if (r.status !== 200) {
      $('status').textContent = t('出错：', 'Error: ') + (r.data.error || r.status);
      return;
    }
    state.impact = r.data.impact;
    renderProblems(r.data.problems);
    renderImpact(r.data.impact);
    $('status').textContent = t('已按草案重新评价 ', 'Re-assessed under the draft in ') + r.data.ms + ' ms'
      + (r.data.problems.length ? t('（草案无法加载，见左侧）', ' (the draft does not load: see the left)') : '');
    $('status').dataset.ms = r.data.ms;
    $('test-result').replaceChildren();
    if ($('document').dataset.loaded === 'true') showDocument();
  }

  function renderProblems(problems) {
    const box = $('problems');
    box.replaceChildren();
    problems.forEach((p) => box.append(el('p', { class: 'problem' }, p.path + ': ' + t(p.zh, p.en))));
  }

  function renderImpact(im) {
    const counts = $('counts');
    counts.replaceChildren();
    const head = el('tr', {}, el('th', {}, ''));
    im.verdicts.forEach((v) => head.append(el('th', { class: 'num' }, t(v.zh, v.en) + ' ' + v.code)));
    counts.append(head);
    [['before', t('现行 ', 'In force ') + state.pack.id], ['after', t('草案 ', 'Draft ') + im.draftId]].forEach(([side, label]) => {
      const row = el('tr', { 'data-side': side }, el('th', {}, label));
      im.verdicts.forEach((v) => {
        const n = im[side][v.code] || 0;
        const moved = side === 'after' && n !== (im.before[v.code] || 0);
        row.append(el('td', { class: 'num' + (moved ? ' moved' : ''), 'data-verdict': v.code, 'data-side': side }, String(n)));
      });
      counts.append(row);
    });
    const ch = $('changes');
    ch.replaceChildren();
    ch.append(el('tr', {}, ...[t('代码', 'Code'), t('县', 'County'), t('市', 'City'), t('结论', 'Verdict'), t('总分', 'Total'),
      t('原因（指标或否决项）', 'Why (indicator or veto)')].map((h) => el('th', {}, h))));
    const name = (code) => { const v = im.verdicts.find((x) => x.code === code); return v ? t(v.zh, v.en) : code; };
    im.changes.forEach((c) => {
      const tr = el('tr', { class: 'county', 'data-file': c.file, 'data-code': c.code },
        el('td', {}, c.code), el('td', {}, c.name), el('td', {}, c.city || ''),
        el('td', {}, name(c.from) + ' → ' + name(c.to)), el('td', { class: 'num' }, c.totalFrom + ' → ' + c.totalTo),
        el('td', {}, c.causes.join('; ')));
      tr.addEventListener('click', () => showCounty(c.file));
      ch.append(tr);
    });
    if (!im.changes.length) ch.append(el('tr', {}, el('td', { colspan: 6 }, t('没有县的结论改变', 'No county changes its verdict'))));
    // the chart is SVG the server built from the pack's tasks and the results, every text escaped there
    $('chart').innerHTML = im.chart;
  }

  async function showCounty(file) {
    const r = await api('GET', '/api/county?file=' + encodeURIComponent(file));
    if (r.status !== 200) return;
    $('county').hidden = false;
    $('county-before').textContent = r.data.before.pack + '\n' + r.data.before.text;
    $('county-after').textContent = r.data.after.pack + '\n' + r.data.after.text;
    $('county').dataset.file = file;
    $('county').scrollIntoView();
  }

  async function runTests() {
    const box = $('test-result');
    box.replaceChildren(el('p', {}, t('正在运行测试……', 'Running the tests…')));
    box.dataset.ok = '';
    const r = await api('POST', '/api/tests');
    box.replaceChildren();
    const d = r.data;
    d.problems.forEach((p) => box.append(el('p', { class: 'problem' }, p.path + ': ' + t(p.zh, p.en))));
    box.append(el('p', { class: d.ok ? 'ok' : 'bad', id: 'test-summary' },
      t('通过 ', 'passed ') + d.passed + t('，未通过 ', ', failed ') + d.failedCount
      + (d.dropped.length ? t('，去掉 ', ', dropped ') + d.dropped.length : '')));
    d.failed.forEach((f) => {
      const reason = el('input', { placeholder: t('去掉此用例的原因（必填）', 'why this case is dropped (required)'), 'data-ref': f.ref });
      const drop = el('button', { type: 'button', class: 'drop' }, t('去掉此用例', 'Drop this case'));
      drop.addEventListener('click', () => {
        if (!reason.value.trim()) { reason.focus(); return; }
        draft.drops[f.ref] = reason.value.trim();
        schedule();
        drop.disabled = true;
      });
      box.append(el('div', { class: 'failure' }, el('div', {}, '✗ ' + f.label),
        ...f.failures.map((x) => el('div', { class: 'desc' }, x.what + t('：期望 ', ': expected ') + x.expected + t('，实际 ', ', actual ') + x.actual)),
        reason, ' ', drop));
    });
    box.dataset.ok = String(d.ok);
  }

  async function save() {
    const box = $('save-result');
    box.dataset.saved = '';
    const r = await api('POST', '/api/save', { name: $('save-name').value, sign: $('save-sign').checked });
    box.replaceChildren();
    if (r.data.saved) {
      box.append(el('p', { class: 'ok' }, t('已保存到 ', 'Saved to ') + r.data.dir));
      if (r.data.digest) box.append(el('p', {}, t('审批摘要 ', 'Digest to approve ') + r.data.digest));
    } else {
      box.append(el('p', { class: 'bad' }, t('未保存：', 'Not saved: ')));
      (r.data.problems || [{ path: '', zh: r.data.error, en: r.data.error }]).forEach((p) =>
        box.append(el('p', { class: 'problem' }, p.path + ': ' + t(p.zh, p.en))));
    }
    box.dataset.saved = String(!!r.data.saved);
  }

  async function showDocument() {
    const r = await api('GET', '/api/document');
    if (r.status !== 200) return;
    const d = r.data;
    const table = $('document');
    table.replaceChildren(el('tr', {}, ...[t('类别', 'Kind'), t('编号', 'Id'), t('项目', 'Item'), t('满分', 'Max'),
      t('关键项', 'Key'), t('规则（文件:行）', 'Rule (file:line)'), t('参数（* 为草案所改）', 'Figures (* the draft\'s)'),
      t('用例', 'Tests')].map((h) => el('th', {}, h))));
    const kinds = { task: ['任务', 'Task'], indicator: ['指标', 'Indicator'], bonus: ['加分项', 'Bonus'], veto: ['否决项', 'Veto'], rule: ['其他规则', 'Other rule'] };
    d.lines.forEach((l) => {
      const tests = el('td', { class: 'num', title: l.tests.slice(0, 20).join('\n') }, l.tests.length ? String(l.tests.length) : '');
      table.append(el('tr', { class: 'doc-' + l.kind, 'data-id': l.id },
        el('td', {}, t(...kinds[l.kind])), el('td', {}, l.id), el('td', {}, t(l.zh, l.en)), el('td', { class: 'num' }, l.max),
        el('td', {}, l.keyItem ? '★' : ''), el('td', { title: l.rule }, l.where), el('td', {}, l.parameters.join('; ')), tests));
    });
    d.verdicts.forEach((v) => table.append(el('tr', { class: 'doc-verdict' }, el('td', {}, t('结论等级', 'Verdict level')),
      el('td', {}, v.code), el('td', {}, t(v.zh, v.en)), el('td', {}, ''), el('td', {}, ''), el('td', {}, ''),
      el('td', {}, v.passes ? t('通过', 'passes') : t('不通过', 'does not pass')), el('td', {}, ''))));
    table.dataset.loaded = 'true';
  }

  async function download(path, name) {
    const r = await fetch(path, { headers: { 'X-Safecounty-Token': token } });
    if (!r.ok) return;
    const url = URL.createObjectURL(await r.blob());
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function start() {
    $('show-document').addEventListener('click', showDocument);
    $('download-md').addEventListener('click', () => download('/api/document.md', 'scoring-sheet.md'));
    $('download-xlsx').addEventListener('click', () => download('/api/document.xlsx', 'scoring-sheet.xlsx'));
    $('lang-zh').addEventListener('click', () => { lang = 'zh'; localStorage.setItem('wb-lang', lang); applyLang(); });
    $('lang-en').addEventListener('click', () => { lang = 'en'; localStorage.setItem('wb-lang', lang); applyLang(); });
    $('filter').addEventListener('input', renderParams);
    $('run-tests').addEventListener('click', runTests);
    $('save').addEventListener('click', save);
    const r = await api('GET', '/api/state');
    if (r.status !== 200) {
      $('status').textContent = t('无法连接（地址中的令牌不对？）', 'Cannot connect (is the token in the address right?)');
      return;
    }
    state = r.data;
    Object.assign(draft.changes, state.draft.changes);
    Object.assign(draft.drops, state.draft.drops);
    $('pack').textContent = state.pack.id + ' ' + state.pack.version + ' · ' + state.counties + t(' 个县', ' counties');
    applyLang();
    renderProblems(state.problems);
    $('status').dataset.ready = 'true';
  }
  start();
})();
