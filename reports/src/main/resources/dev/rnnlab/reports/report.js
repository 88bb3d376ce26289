(function () {
  'use strict';
  // Renders the report from the JSON island. User strings (sweep name, swept values, details) are only
  // ever assigned with textContent, never parsed as HTML.
  var started = performance.now();
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#7f7f7f', '#bcbd22', '#393b79', '#ad494a', '#637939', '#e6550d', '#5254a3', '#843c39'];

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function color(i) { return PALETTE[i % PALETTE.length]; }
  // Legend names use the last segment of each swept key (hidden=8) unless two axes share it.
  var shortNames = data.axes.map(function (a) { return a.split('.').pop(); });
  var useShort = shortNames.every(function (n, i) { return shortNames.indexOf(n) === i; });
  function runLabel(run) {
    var parts = data.axes.map(function (a, i) { return (useShort ? shortNames[i] : a) + '=' + run.swept[a]; });
    return parts.length ? parts.join(', ') : run.id;
  }
  function tick(v) {
    if (v === null || v === undefined) { return ''; }
    var a = Math.abs(v);
    return a !== 0 && (a < 0.01 || a >= 1e5) ? v.toExponential(0) : String(+v.toPrecision(3));
  }
  function fmt(v) {
    if (v === null || v === undefined) { return '\u2014'; }
    if (typeof v !== 'number') { return String(v); }
    if (Number.isInteger(v)) { return String(v); }
    return Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4);
  }

  // Overview
  document.getElementById('title').textContent = 'Sweep ' + data.sweep;
  var counts = Object.keys(data.counts).map(function (k) { return data.counts[k] + ' ' + k; });
  document.getElementById('overview').textContent = data.runs.length + ' run' + (data.runs.length === 1 ? '' : 's')
    + (counts.length ? ': ' + counts.join(', ') : '') + (data.axes.length ? '. Swept: ' + data.axes.join(', ') + '.' : '.');
  var bestList = el('ul', 'best');
  [['final_val_loss', 'lowest final validation loss'], ['best_val_loss', 'lowest validation loss at any evaluation'],
    ['final_train_loss', 'lowest final training loss']].forEach(function (m) {
    var best = null;
    data.runs.forEach(function (r) { if (r[m[0]] !== null && (best === null || r[m[0]] < best[m[0]])) { best = r; } });
    var li = el('li');
    if (best === null) {
      li.textContent = 'Best by ' + m[1] + ': none (no run has one)';
    } else {
      li.appendChild(document.createTextNode('Best by ' + m[1] + ': ' + fmt(best[m[0]]) + ' \u2014 '));
      var a = el('a', null, best.id + (runLabel(best) === best.id ? '' : ' (' + runLabel(best) + ')'));
      a.href = '#run-' + best.id;
      li.appendChild(a);
    }
    bestList.appendChild(li);
  });
  document.getElementById('overview').after(bestList);

  // Table of runs
  var columns = [{ key: '#', text: false, get: function (r) { return r.index; } },
    { key: 'run', text: true, get: function (r) { return r.id; } }];
  data.axes.forEach(function (a) {
    columns.push({ key: a, text: true, get: function (r) {
      var v = r.swept[a]; var n = Number(v); return v !== '' && isFinite(n) ? n : v; } });
  });
  columns.push({ key: 'outcome', text: true, get: function (r) { return r.outcome; } },
    { key: 'final train loss', get: function (r) { return r.final_train_loss; } },
    { key: 'final val loss', get: function (r) { return r.final_val_loss; } },
    { key: 'best val loss', get: function (r) { return r.best_val_loss; } },
    { key: 'best train loss', get: function (r) { return r.best_train_loss; } },
    { key: 'steps to target', get: function (r) { return r.steps_to_target; } },
    { key: 'clipped', get: function (r) { return r.fraction_clipped; } },
    { key: 'steps', get: function (r) { return r.steps_done; } },
    { key: 'wall time (s)', get: function (r) { return r.wall_time_s; } },
    { key: 'detail', text: true, get: function (r) { return r.warning ? r.detail + ' ' + r.warning : r.detail; } });
  var table = document.getElementById('run-table');
  var filter = el('input', 'filter');
  filter.type = 'search';
  filter.placeholder = 'Filter runs (id, swept value, outcome)';
  filter.addEventListener('input', function () { renderRows(); });
  table.parentNode.before(filter);
  if (data.target_val_loss !== undefined) {
    table.parentNode.after(el('p', 'hint', 'Steps to target: the first evaluation with validation loss at most ' +
      fmt(data.target_val_loss) + ' (1.5 \u00d7 the best of the sweep). Clipped: the fraction of recorded steps ' +
      'on which clipping fired.'));
  }
  var thead = el('thead'); var headRow = el('tr'); thead.appendChild(headRow); table.appendChild(thead);
  var tbody = el('tbody'); table.appendChild(tbody);
  var rows = data.runs.map(function (r, i) { return { run: r, color: color(i) }; });
  var sort = { col: -1, dir: 1 };
  columns.forEach(function (c, ci) {
    var th = el('th', c.text ? 'text' : '', c.key);
    th.addEventListener('click', function () {
      sort.dir = sort.col === ci ? -sort.dir : 1; sort.col = ci; renderRows();
    });
    headRow.appendChild(th);
  });
  function compare(a, b) {
    var c = columns[sort.col]; var x = c.get(a.run); var y = c.get(b.run);
    if (x === null || x === undefined) { return 1; }
    if (y === null || y === undefined) { return -1; }
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
  }
  function renderRows() {
    var q = filter.value.toLowerCase();
    var ordered = rows.filter(function (row) {
      if (!q) { return true; }
      var text = [row.run.id, row.run.outcome, row.run.detail].concat(data.axes.map(function (a) {
        return a + '=' + row.run.swept[a]; })).join(' ').toLowerCase();
      return text.indexOf(q) >= 0;
    });
    if (sort.col >= 0) { ordered.sort(compare); }
    Array.prototype.forEach.call(headRow.children, function (th, i) {
      th.classList.toggle('sorted-asc', i === sort.col && sort.dir > 0);
      th.classList.toggle('sorted-desc', i === sort.col && sort.dir < 0);
    });
    tbody.textContent = '';
    ordered.forEach(function (row) {
      var tr = el('tr');
      columns.forEach(function (c, ci) {
        var td = el('td', c.text ? 'text' : '');
        if (ci === 1) {
          var sw = el('span', 'swatch'); sw.style.background = row.color; td.appendChild(sw);
          var link = el('a', null, row.run.id); link.href = '#run-' + row.run.id; td.appendChild(link);
        } else if (c.key === 'outcome') {
          td.textContent = row.run.outcome; td.className = 'text outcome-' + row.run.outcome;
        } else {
          td.textContent = c.text ? (c.get(row.run) === undefined ? '' : String(c.get(row.run))) : fmt(c.get(row.run));
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
  }
  renderRows();

  // Seed groups: runs that differ only by seed, with the mean final validation loss and its 95% CI.
  if (data.hasRepeats) {
    var section = el('section', 'groups');
    section.appendChild(el('h2', null, 'Configurations over seeds'));
    section.appendChild(el('p', 'hint', 'Final validation loss over the repeats of each configuration: mean ' +
      '\u00b1 95% confidence interval (Student\'s t, n \u2212 1 degrees of freedom), min and max.'));
    var gt = el('table');
    var gh = el('tr');
    ['configuration', 'n', 'mean final val loss', '\u00b1 95% CI', 'min', 'max'].forEach(function (h, i) {
      gh.appendChild(el('th', i === 0 ? 'text' : '', h));
    });
    var gthead = el('thead'); gthead.appendChild(gh); gt.appendChild(gthead);
    var gbody = el('tbody');
    data.groups.forEach(function (g) {
      var tr = el('tr');
      tr.appendChild(el('td', 'text', g.label));
      tr.appendChild(el('td', null, g.finite === g.n ? g.n : g.finite + ' of ' + g.n));
      [g.mean, g.ci95, g.min, g.max].forEach(function (v) { tr.appendChild(el('td', null, fmt(v))); });
      gbody.appendChild(tr);
    });
    gt.appendChild(gbody);
    var wrap = el('div', 'table-wrap'); wrap.appendChild(gt); section.appendChild(wrap);
    if (data.comparisons.length) {
      section.appendChild(el('h2', null, 'Statistics'));
      section.appendChild(el('p', 'hint', 'Pairwise, over seeds: Welch\'s t-test (Holm-adjusted over all pairs), ' +
        'Mann-Whitney U, Cohen\'s d with the pooled standard deviation.'));
      var ul = el('ul', 'stats');
      data.comparisons.forEach(function (c) { ul.appendChild(el('li', null, c.sentence)); });
      section.appendChild(ul);
    }
    document.getElementById('runs').appendChild(section);
  }

  // Charts: one uPlot per metric, every run overlaid on the shared step grid.
  // Lay out every chart's box first, so each chart is sized to its final grid cell.
  var chartsDiv = document.getElementById('charts');
  var boxes = data.charts.map(function (c) {
    var box = el('section', 'chart');
    box.setAttribute('data-column', c.column);
    box.appendChild(el('h2', null, c.title + (c.log ? ' (log scale)' : '')));
    chartsDiv.appendChild(box);
    return box;
  });
  // Controls: debiased EMA smoothing (TensorBoard's formula) of the training curves; log or linear y.
  var controls = el('div', 'controls');
  var slider = el('input'); slider.type = 'range'; slider.min = '0'; slider.max = '0.99'; slider.step = '0.01';
  slider.value = '0.6';
  var sliderLabel = el('label', null, 'Smoothing ');
  sliderLabel.appendChild(slider);
  var sliderValue = el('span', null, ' 0.60');
  sliderLabel.appendChild(sliderValue);
  var logBox = el('input'); logBox.type = 'checkbox'; logBox.checked = true;
  var logLabel = el('label', null, ' Log scale ');
  logLabel.appendChild(logBox);
  controls.appendChild(sliderLabel);
  controls.appendChild(logLabel);
  chartsDiv.before(controls);

  function smooth(ys, w) {
    if (w <= 0) { return ys; }
    var out = new Array(ys.length); var last = 0; var k = 0;
    for (var i = 0; i < ys.length; i++) {
      var y = ys[i];
      if (y === null || !isFinite(y)) { out[i] = null; continue; }
      last = last * w + (1 - w) * y; k++;
      out[i] = last / (1 - Math.pow(w, k));
    }
    return out;
  }
  var SMOOTHED = { train_loss: true, grad_norm_pre: true, grad_norm_post: true };
  var plots = [];
  function build(c, ci) {
    var box = boxes[ci];
    if (box.plot) { box.plot.destroy(); }
    var w = SMOOTHED[c.column] ? Number(slider.value) : 0;
    var ys = c.ys.map(function (y) { return smooth(y, w); });
    var series = [{ label: c.xLabel || 'step' }];
    data.runs.forEach(function (r, i) {
      series.push({ label: runLabel(r), stroke: color(i), width: 1.5, spanGaps: false,
        value: function (u, v) { return fmt(v); } });
    });
    var thresholds = data.runs.map(function (r) { return r.clip_threshold; }).filter(function (v) { return v; });
    if (c.column.indexOf('grad_norm') === 0 && thresholds.length) {
      var t = Math.max.apply(null, thresholds);
      series.push({ label: 'clip threshold', stroke: '#000', width: 1, dash: [6, 4], value: function (u, v) { return fmt(v); } });
      ys.push(c.x.map(function () { return t; }));
    }
    var log = c.log && logBox.checked;
    var opts = {
      width: Math.max(420, box.clientWidth - 24), height: 300, series: series,
      scales: { x: { time: false }, y: { distr: log ? 3 : 1 } },
      axes: [{ label: c.xLabel || 'step' }, { size: 56, values: function (u, vals) { return vals.map(tick); } }],
      legend: { show: data.runs.length <= 30, live: true },
      cursor: { focus: { prox: 16 } }, focus: { alpha: 0.3 }
    };
    box.plot = new uPlot(opts, [c.x].concat(ys), box);
  }
  data.charts.forEach(function (c, ci) {
    if (c.x.length === 0) { boxes[ci].appendChild(el('p', 'empty', 'No values recorded.')); return; }
    build(c, ci);
    plots.push(ci);
  });
  function rebuild() { plots.forEach(function (ci) { build(data.charts[ci], ci); }); }
  slider.addEventListener('input', function () { sliderValue.textContent = ' ' + Number(slider.value).toFixed(2); rebuild(); });
  logBox.addEventListener('change', rebuild);

  // Per-run detail: the resolved config, the provenance and the end of the log, as text.
  var details = el('section', 'details');
  details.appendChild(el('h2', null, 'Runs in detail'));
  data.runs.forEach(function (r, i) {
    var d = el('details');
    d.id = 'run-' + r.id;
    var summary = el('summary');
    var sw = el('span', 'swatch'); sw.style.background = color(i); summary.appendChild(sw);
    summary.appendChild(document.createTextNode(r.id + ' \u2014 ' + r.outcome + (runLabel(r) === r.id ? '' : ' \u2014 ' + runLabel(r))));
    d.appendChild(summary);
    if (r.detail) { d.appendChild(el('p', null, r.detail)); }
    [['config.yaml', r.files.config], ['provenance.json', r.files.provenance], ['run.log (end)', r.files.log_tail]]
      .forEach(function (f) {
        if (!f[1]) { return; }
        d.appendChild(el('h3', null, f[0]));
        d.appendChild(el('pre', null, f[1]));
      });
    details.appendChild(d);
  });
  chartsDiv.after(details);
  window.addEventListener('hashchange', function () {
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.tagName === 'DETAILS') { target.open = true; }
  });

  document.documentElement.setAttribute('data-render-ms', String(Math.round(performance.now() - started)));
  document.documentElement.setAttribute('data-rendered', 'ok');
})();
