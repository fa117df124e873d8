'use strict';
// The run monitor's page: fetches /api/overview every few seconds and draws it. Every text that comes from the
// topics (task names, dead letters' reasons, ...) is written with textContent, never as markup.
(function () {
  const REFRESH_MS = 2000;
  // window.monitor: the charts and the overview they drew (the browser test reads them; handy in the console too)
  const monitor = { charts: {}, last: null, refreshes: 0, error: null, drawErrors: {} };
  window.monitor = monitor;

  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const color = i => i < PALETTE.length ? PALETTE[i] : 'hsl(' + ((i * 47) % 360) + ',60%,45%)';
  // NaN and missing figures travel as strings or nulls: a gap in a chart, a dash in a table
  const num = v => (typeof v === 'number' && isFinite(v)) ? v : null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function fmt(v, digits) {
    const x = num(v);
    if (x === null) return '–';
    if (digits === 0) return Math.round(x).toLocaleString('en');
    return Math.abs(x) >= 1000 ? x.toLocaleString('en', { maximumFractionDigits: 0 }) : x.toPrecision(digits || 3);
  }

  // tick labels with the decimals the ticks' spacing needs (tau_T near 1 would read 1, 1, 1)
  const ticks = (u, splits) => {
    const finite = splits.filter(v => v !== null && isFinite(v));
    const step = finite.length > 1 ? Math.abs(finite[1] - finite[0]) : 0;
    const decimals = step > 0 ? Math.max(0, Math.min(12, Math.ceil(-Math.log10(step)))) : 3;
    return splits.map(v => v === null ? '' : Math.abs(v) >= 1e6 ? v.toExponential(2) : v.toFixed(decimals));
  };

  // uPlot wants one x array for all series: the union of the series' x values, a null where a series has none
  function align(series) {
    const xs = Array.from(new Set(series.flatMap(s => s.map(p => p[0])))).sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i]));
    const out = [xs];
    for (const s of series) {
      const ys = new Array(xs.length).fill(null);
      for (const [x, y] of s) ys[index.get(x)] = num(y);
      out.push(ys);
    }
    return out;
  }

  // one chart that cannot draw (a run's first seconds, with half its tables empty) does not hold back the others
  function draw(key, id, xLabel, yLabel, labels, data, extra) {
    try {
      drawChart(key, id, xLabel, yLabel, labels, data, extra);
      delete monitor.drawErrors[key];
    } catch (e) {
      monitor.drawErrors[key] = String(e);
    }
  }

  function drawChart(key, id, xLabel, yLabel, labels, data, extra) {
    const container = document.getElementById(id);
    const signature = labels.join('\u0000');
    let chart = monitor.charts[key];
    if (chart && chart.signature === signature) {
      chart.setData(data);
      return;
    }
    if (chart) chart.destroy();
    container.textContent = '';
    const opts = Object.assign({
      width: Math.max(320, container.clientWidth - 10), height: 260,
      scales: { x: { time: false } },
      series: [{ label: xLabel }].concat(labels.map((label, i) => ({
        label: label, stroke: color(i), width: 1.5, spanGaps: true, points: { show: data[0].length < 30 }
      }))),
      axes: [{ label: xLabel }, { label: yLabel, values: ticks, size: 64 }]
    }, extra || {});
    chart = new uPlot(opts, data, container);
    chart.signature = signature;
    monitor.charts[key] = chart;
  }

  function card(parent, label, value) {
    const c = el('div', null, 'card');
    c.appendChild(el('div', value, 'value'));
    c.appendChild(el('div', label, 'label'));
    parent.appendChild(c);
  }

  function table(id, header, rows, nameColumns) {
    const t = document.getElementById(id);
    t.textContent = '';
    const head = el('tr');
    header.forEach((h, i) => head.appendChild(el('th', h, i < nameColumns ? 'name' : null)));
    t.appendChild(head);
    for (const r of rows) {
      const tr = el('tr');
      r.forEach((v, i) => tr.appendChild(el('td', v, i < nameColumns ? 'name' : null)));
      t.appendChild(tr);
    }
  }

  function render(o) {
    document.getElementById('run-id').textContent = o.runId;
    const tasks = o.table.map(r => r.taskName);
    const learner = o.learner;
    const history = learner ? learner.history : [];

    const cards = document.getElementById('cards');
    cards.textContent = '';
    const steps = o.table.reduce((s, r) => s + (num(r.envSteps) || 0), 0);
    const rate = o.table.reduce((s, r) => s + (num(r.stepsPerSecond) || 0), 0);
    card(cards, 'env steps (all tasks)', fmt(steps, 0));
    card(cards, 'env steps / s', fmt(rate, 3));
    card(cards, 'learner updates', learner ? fmt(learner.update, 0) : '–');
    card(cards, 'updates / s', learner ? fmt(learner.updatesPerSecond, 3) : '–');
    card(cards, 'batches behind', o.lagBatches === null ? '–' : fmt(o.lagBatches, 0));
    card(cards, 'newest snapshot', o.snapshots ? fmt(o.snapshots.version, 0) : '–');
    const dead = o.deadLetters.reduce((s, d) => s + d.count, 0);
    card(cards, 'dead letters', fmt(dead, 0));

    draw('trainSuccess', 'chart-train-success', 'env steps per task', 'success rate', tasks,
      align(o.table.map(r => {
        const t = o.training.find(x => x.taskId === r.taskId);
        return t ? t.history.map(p => [p.transitions, p.successRate]) : [];
      })), { scales: { x: { time: false }, y: { range: [0, 1] } } });
    draw('evalSuccess', 'chart-eval-success', 'env steps per task', 'success rate', tasks,
      align(o.table.map(r => {
        const e = o.evaluations.find(x => x.taskId === r.taskId);
        return e ? e.points.map(p => [Math.max(0, p.envStepsPerTask), p.successRate]) : [];
      })), { scales: { x: { time: false }, y: { range: [0, 1] } } });
    draw('throughput', 'chart-throughput', 'seconds', 'env steps / s', ['env steps / s', 'updates / s'],
      [o.throughput.seconds, o.throughput.envStepsPerSecond, o.throughput.updatesPerSecond], {
        scales: { x: { time: false }, updates: {} },
        series: [{ label: 'seconds' }, { label: 'env steps / s', stroke: color(0), width: 1.5 },
          { label: 'updates / s', stroke: color(1), width: 1.5, scale: 'updates' }],
        axes: [{ label: 'seconds' }, { label: 'env steps / s', values: ticks },
          { label: 'updates / s', scale: 'updates', side: 1, grid: { show: false }, values: ticks }]
      });
    const names = learner ? learner.figureNames : [];
    const losses = names.map((n, i) => [n, i]).filter(([n]) => /_loss$/.test(n));
    draw('losses', 'chart-losses', 'update', 'loss', losses.map(([n]) => n),
      [history.map(p => p.update)].concat(losses.map(([, i]) => history.map(p => num(p.figures[i])))));
    const perTask = (pick) => [history.map(p => p.update)].concat(tasks.map((_, t) => history.map(p => num(pick(p)[t]))));
    draw('alpha', 'chart-alpha', 'update', 'alpha', tasks, perTask(p => p.alpha),
      { scales: { x: { time: false }, y: { distr: 3 } } });
    draw('tau', 'chart-tau', 'update', 'tau_T', tasks, perTask(p => p.tau));

    routing(o);
    table('tasks', ['task', 'env steps', 'steps/s', 'episodes', 'train success', 'train return', 'acting snapshot',
      'eval @update', 'eval success', 'eval return', 'modules used', 'alpha', 'tau_T'],
      o.table.map(r => [r.taskName, fmt(r.envSteps, 0), fmt(r.stepsPerSecond), fmt(r.episodes, 0), fmt(r.trainSuccess),
        fmt(r.trainReturn), fmt(r.actingSnapshot, 0), fmt(r.evalUpdate, 0), fmt(r.evalSuccess), fmt(r.evalReturn),
        fmt(r.modulesUsed), fmt(r.alpha), fmt(r.tau)]), 1);
    const acting = o.table.map(r => num(r.actingSnapshot)).filter(v => v !== null);
    const rows = [
      ['Kafka Streams', o.streamsState],
      ['learner update', learner ? fmt(learner.update, 0) : '–'],
      ['batch trained last', learner ? fmt(learner.batchSequence, 0) : '–'],
      ['newest batch made', o.batches ? fmt(o.batches.sequence, 0) : '–'],
      ['batches behind', o.lagBatches === null ? '–' : fmt(o.lagBatches, 0)],
      ['newest snapshot (update)', o.snapshots ? fmt(o.snapshots.version, 0) + ' (' + fmt(o.snapshots.updateCount, 0) + ')' : '–'],
      ['snapshots published', o.snapshots ? fmt(o.snapshots.published, 0) : '–'],
      ['producers act with', acting.length ? Math.min(...acting) + ' … ' + Math.max(...acting) : '–']
    ];
    for (const [topic, n] of Object.entries(o.unreadable)) rows.push(['unreadable on ' + topic, fmt(n, 0)]);
    table('pipeline', ['', ''], rows, 1);
    table('dead-letters', ['stage', 'records', 'newest reason', 'topic'],
      o.deadLetters.map(d => [d.stage, fmt(d.count, 0), d.lastReason, d.lastSourceTopic]), 1);
  }

  function routing(o) {
    const box = document.getElementById('routing');
    box.textContent = '';
    const routed = o.evaluations.filter(e => e.routing);
    document.getElementById('routing-update').textContent = routed.length
      ? '(update ' + Math.max(...routed.map(e => e.routing.update)) + ')' : '(none yet: a routed method\'s first evaluation)';
    if (!routed.length) return;
    const n = routed[0].routing.modules;
    const t = el('table');
    const head = el('tr');
    head.appendChild(el('th', 'task \\ router', 'name'));
    for (let r = 1; r <= n; r++) {
      const th = el('th', String(r));
      th.colSpan = r;
      head.appendChild(th);
      if (r < n) head.appendChild(el('th', ''));
    }
    t.appendChild(head);
    for (const e of routed) {
      const tr = el('tr');
      const last = e.points.length ? e.points[e.points.length - 1] : null;
      tr.appendChild(el('td', e.taskName + (last && num(last.modulesUsed) !== null ? ' (' + last.modulesUsed.toFixed(1) + ' modules)' : ''), 'name'));
      e.routing.shares.forEach((sources, i) => {
        sources.forEach((share, j) => {
          const td = el('td', null, 'cell');
          const f = Math.max(0, Math.min(1, num(share) || 0));
          td.style.backgroundColor = 'rgb(' + Math.round(255 * (1 - 0.85 * f)) + ',' + Math.round(255 * (1 - 0.6 * f)) + ','
            + Math.round(255 * (1 - 0.2 * f)) + ')';
          td.title = 'router ' + (i + 1) + ', source module ' + (j + 1) + ': ' + (f * 100).toFixed(0) + '% of steps';
          tr.appendChild(td);
        });
        if (i < e.routing.shares.length - 1) tr.appendChild(el('td', null, 'gap'));
      });
      t.appendChild(tr);
    }
    box.appendChild(t);
  }

  async function refresh() {
    const status = document.getElementById('status');
    try {
      const res = await fetch('api/overview', { cache: 'no-store' });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error || res.statusText);
      render(body);
      monitor.last = body;
      monitor.refreshes++;
      monitor.error = null;
      status.className = '';
      status.textContent = 'updated ' + new Date().toLocaleTimeString() + ' · Kafka Streams ' + body.streamsState;
    } catch (e) {
      monitor.error = String(e);
      status.className = 'error';
      status.textContent = 'no answer from the monitor: ' + e.message + ' (retrying)';
    }
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
