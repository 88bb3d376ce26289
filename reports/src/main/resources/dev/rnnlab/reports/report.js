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
  // Labels name only what differs between the things labelled, shortened (lr=0.1, clipping=none: see
  // Labels.java); the full text (every swept key and value) is the element's title, shown on hover.
  function axisName(a) { return data.axisNames[a] || a; }
  function shortValue(a, v) { return (data.shortValues[a] || {})[v] || v; }
  function runLabel(run) {
    var parts = data.axes.map(function (a) { return a + '=' + run.swept[a]; });
    return parts.length ? parts.join(', ') : run.id;
  }
  function runShort(run) { return run.short || run.id; }
  function withTitle(e, full) { if (full && full !== e.textContent) { e.title = full; } return e; }
  function tick(v) {
    if (v === null || v === undefined) { return ''; }
    var a = Math.abs(v);
    return a !== 0 && (a < 0.01 || a >= 1e5) ? v.toExponential(0) : String(+v.toPrecision(3));
  }
  // Values that span more decades than a log axis can draw (uPlot's stop near 1e-16; vanishing gradients
  // reach 1e-30) are plotted as log10 on a linear axis, with ticks on whole decades labelled 1e-30 and so on.
  function log10s(y) {
    return y.map(function (v) { return v !== null && isFinite(v) && v > 0 ? Math.log10(v) : null; });
  }
  function decadeAxis(label) {
    return { label: label, size: 56, incrs: [1, 2, 5, 10, 20, 50, 100],
      values: function (u, vals) { return vals.map(function (v) { return '1e' + v; }); } };
  }
  // Log axes: the range is widened to the nearest 1-2-5 values and ticks sit at 1, 2 and 5 of each decade
  // (1 of each, or of every k-th decade, when that gives more than 12), so tick labels read 0.1, 0.2, 0.5, 1.
  function step125(v, up) {
    var e = Math.floor(Math.log10(v)); var base = Math.pow(10, e); var m = v / base;
    var ms = [1, 2, 5, 10];
    if (up) { for (var i = 0; i < ms.length; i++) { if (ms[i] >= m * (1 - 1e-9)) { return +(ms[i] * base).toPrecision(12); } } }
    for (var j = ms.length - 1; j >= 0; j--) { if (ms[j] <= m * (1 + 1e-9)) { return +(ms[j] * base).toPrecision(12); } }
    return v;
  }
  function logRange(u, min, max) {
    if (!(min > 0) || !(max > 0)) { return [min, max]; }
    var lo = step125(min, false); var hi = step125(max, true);
    return hi > lo ? [lo, hi] : [lo / 2, hi * 2];
  }
  function logSplits(u, axisIdx, min, max) {
    if (!(min > 0) || !(max > min)) { return [min]; }
    var e0 = Math.floor(Math.log10(min) + 1e-9); var e1 = Math.ceil(Math.log10(max) - 1e-9);
    var gen = function (ms, every) {
      var out = [];
      for (var e = e0; e <= e1; e++) {
        if ((e - e0) % every) { continue; }
        ms.forEach(function (m) {
          var v = +(m * Math.pow(10, e)).toPrecision(12);
          if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) { out.push(v); }
        });
      }
      return out;
    };
    var ticks = gen([1, 2, 5], 1);
    if (ticks.length > 12) { ticks = gen([1], 1); }
    for (var every = 2; ticks.length > 12; every++) { ticks = gen([1], every); }
    return ticks;
  }
  function valueAxis(log, box, extra) {
    var axis = { size: 60, values: function (u, vals) { return vals.map(tick); } };
    if (log) {
      axis.splits = function (u, i, min, max) {
        var t = logSplits(u, i, min, max);
        if (box) { box.setAttribute('data-y-ticks', t.join(',')); }
        return t;
      };
    }
    for (var k in extra || {}) { axis[k] = extra[k]; }
    return axis;
  }
  function decadeValue(u, v) { return v === null || v === undefined ? fmt(v) : fmt(Math.pow(10, v)); }
  function fmt(v) {
    if (v === null || v === undefined) { return '\u2014'; }
    if (typeof v !== 'number') { return String(v); }
    if (Number.isInteger(v) && Math.abs(v) < 1e15) { return String(v); }
    return Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4);
  }

  // Overview
  document.getElementById('title').textContent = 'Sweep ' + data.sweep;
  var counts = Object.keys(data.counts).map(function (k) { return data.counts[k] + ' ' + k; });
  document.getElementById('overview').textContent = data.runs.length + ' run' + (data.runs.length === 1 ? '' : 's')
    + (data.older && data.older.length ? ' in the current plan (and ' + data.older.length + ' older, listed below the table)' : '')
    + (counts.length ? ': ' + counts.join(', ') : '') + (data.axes.length ? '. Swept: ' + data.axes.join(', ') + '.' : '.')
    + (data.source ? ' Config: ' + data.source + ' (as given: sweep.yaml beside this report).' : '');
  var bestList = el('ul', 'best');
  [['final_val_loss', 'lowest final validation loss'], ['best_val_loss', 'lowest validation loss at any evaluation'],
    ['final_train_loss', 'lowest final training loss']].forEach(function (m) {
    var best = null;
    data.runs.forEach(function (r) { if (r[m[0]] !== null && (best === null || r[m[0]] < best[m[0]])) { best = r; } });
    var li = el('li');
    if (best === null) {
      li.textContent = 'Best by ' + m[1] + ': none (no run has one; diverged and failed runs have no final loss)';
    } else {
      li.appendChild(document.createTextNode('Best by ' + m[1] + ': ' + fmt(best[m[0]]) + ' \u2014 '));
      var a = withTitle(el('a', null, best.id + (runShort(best) === best.id ? '' : ' (' + runShort(best) + ')')),
        runLabel(best));
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
    columns.push({ key: axisName(a), full: a, axis: a, text: true, get: function (r) {
      var v = r.swept[a]; var n = Number(v); return v !== '' && isFinite(n) ? n : v; } });
  });
  columns.push({ key: 'outcome', text: true, get: function (r) { return r.outcome; } },
    { key: 'final train loss', get: function (r) { return r.final_train_loss; } },
    { key: 'final val loss', get: function (r) { return r.final_val_loss; } },
    { key: 'best val loss', get: function (r) { return r.best_val_loss; } });
  // The test split's loss on the final weights: a column only when some run has one.
  if (data.runs.some(function (r) { return r.test_loss !== null && r.test_loss !== undefined; })) {
    columns.push({ key: 'test loss', get: function (r) { return r.test_loss; } });
  }
  columns.push(
    { key: 'best train loss', get: function (r) { return r.best_train_loss; } },
    { key: 'steps to target', get: function (r) { return r.steps_to_target; } },
    { key: 'clipped', get: function (r) { return r.fraction_clipped; } },
    { key: 'memory horizon', get: function (r) { return r.memory_horizon; } },
    { key: 'decay / step', get: function (r) { return r.decay_per_step; } },
    { key: 'steps', get: function (r) { return r.steps_done; } },
    { key: 'wall time (s)', get: function (r) { return r.wall_time_s; } },
    { key: 'detail', text: true, wrap: true, get: function (r) { return r.warning ? r.detail + ' ' + r.warning : r.detail; } });
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
    var th = withTitle(el('th', c.text ? 'text' : '', c.key), c.full);
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
        var td = el('td', (c.text ? 'text' : '') + (c.wrap ? ' wrap' : ''));
        if (c.axis) {
          td.textContent = shortValue(c.axis, row.run.swept[c.axis]);
          withTitle(td, row.run.swept[c.axis]);
        } else if (ci === 1) {
          var sw = el('span', 'swatch'); sw.style.background = row.color; td.appendChild(sw);
          var link = el('a', null, row.run.id); link.href = '#run-' + row.run.id; td.appendChild(link);
        } else if (c.key === 'outcome') {
          td.textContent = row.run.outcome; td.className = 'text outcome-' + row.run.outcome;
        } else {
          var text = c.text ? (c.get(row.run) === undefined ? '' : String(c.get(row.run))) : fmt(c.get(row.run));
          if (c.wrap) { td.appendChild(withTitle(el('span', 'clip', text), text + ' ')); } else { td.textContent = text; }
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
  }
  renderRows();
  // Runs of earlier plans of this sweep (its config changed under the same name): on disk, kept, one click
  // away; not in the charts or statistics, which are about the current plan.
  if (data.older && data.older.length) {
    var od = el('details', 'older');
    od.id = 'older-runs';
    od.appendChild(el('summary', null, data.older.length + ' older run' + (data.older.length === 1 ? '' : 's') +
      ' from earlier plans of this sweep (the config changed under the same name): kept in runs/, not in the ' +
      'charts or statistics below'));
    var ot = el('table');
    var oh = el('tr');
    ['run', 'plan', 'swept values', 'outcome', 'final val loss', 'best val loss'].forEach(function (h, i) {
      oh.appendChild(el('th', i < 4 ? 'text' : '', h));
    });
    var othead = el('thead'); othead.appendChild(oh); ot.appendChild(othead);
    var obody = el('tbody');
    data.older.forEach(function (o) {
      var tr = el('tr');
      tr.appendChild(withTitle(el('td', 'text', o.id), 'runs/' + o.id + '/'));
      tr.appendChild(el('td', 'text', o.plan));
      tr.appendChild(el('td', 'text', Object.keys(o.swept).map(function (k) { return k + '=' + o.swept[k]; }).join(', ')));
      tr.appendChild(el('td', 'text outcome-' + o.outcome, o.outcome));
      tr.appendChild(el('td', null, fmt(o.final_val_loss)));
      tr.appendChild(el('td', null, fmt(o.best_val_loss)));
      obody.appendChild(tr);
    });
    ot.appendChild(obody);
    var ow = el('div', 'table-wrap'); ow.appendChild(ot); od.appendChild(ow);
    table.parentNode.after(od);
  }
  // How far the table sticks out of its box (0 when every column shows); what the browser tests read.
  document.documentElement.setAttribute('data-table-overflow', String(Math.max(0, table.scrollWidth - table.parentNode.clientWidth)));

  // Seed groups: runs that differ only by seed. Outcomes are counted; the mean final validation loss and its
  // 95% CI are over completed runs only, and only where there are at least two.
  if (data.hasRepeats) {
    var section = el('section', 'groups');
    section.appendChild(el('h2', null, 'Configurations over seeds'));
    section.appendChild(el('p', 'hint', 'Outcomes of each configuration\'s runs, and the final validation loss of ' +
      'its completed runs only (n): mean \u00b1 95% confidence interval (Student\'s t, n \u2212 1 degrees of ' +
      'freedom), min and max. No mean with fewer than 2 completed runs; diverged and failed runs have no final loss.'));
    var gt = el('table', 'groups-table');
    var gh = el('tr');
    ['configuration', 'outcomes', 'n', 'mean final val loss', '\u00b1 95% CI', 'min', 'max'].forEach(function (h, i) {
      gh.appendChild(el('th', i < 2 ? 'text' : '', h));
    });
    var gthead = el('thead'); gthead.appendChild(gh); gt.appendChild(gthead);
    var gbody = el('tbody');
    data.groups.forEach(function (g) {
      var tr = el('tr');
      tr.appendChild(withTitle(el('td', 'text', g.short), g.label));
      var oc = el('td', 'text', g.outcome_text);
      if (g.outcomes.diverged || g.outcomes.failed) { oc.className = 'text outcome-diverged'; }
      tr.appendChild(oc);
      tr.appendChild(el('td', null, g.n_completed));
      [g.mean, g.ci95, g.min, g.max].forEach(function (v) { tr.appendChild(el('td', null, fmt(v))); });
      gbody.appendChild(tr);
    });
    gt.appendChild(gbody);
    var wrap = el('div', 'table-wrap'); wrap.appendChild(gt); section.appendChild(wrap);
    if (data.comparisons.length || data.divergence_comparisons.length) {
      section.appendChild(el('h2', null, 'Statistics'));
      section.appendChild(el('p', 'hint', 'Pairwise, over seeds. Divergence rates: Fisher\'s exact test, for pairs ' +
        'where either side diverged. Final validation loss, completed runs only: Welch\'s t-test, the exact ' +
        'Mann-Whitney U test and Cohen\'s d with the pooled standard deviation. Holm\'s correction runs over each ' +
        'family; a difference is called at an adjusted p below 0.05.'));
      [['Divergence rate', data.divergence_comparisons], ['Final validation loss', data.comparisons]].forEach(function (f) {
        if (!f[1].length) { return; }
        section.appendChild(el('h3', null, f[0]));
        var ul = el('ul', 'stats');
        f[1].forEach(function (c) { ul.appendChild(el('li', null, c.sentence)); });
        section.appendChild(ul);
      });
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
  // Grouping: each run, or runs pooled by configuration (over seeds) or by one swept key, drawn as a mean
  // curve with a 95% band (in log space on log axes: geometric mean, exp(mean ln y +- t se)).
  var groupSelect = el('select');
  var modes = [['run', 'each run']];
  if (data.hasRepeats) { modes.push(['config', 'configuration (mean over seeds)']); }
  data.axes.forEach(function (a) { if (a !== 'seed') { modes.push(['axis:' + a, a]); } });
  modes.forEach(function (m) { var o = el('option', null, m[1]); o.value = m[0]; groupSelect.appendChild(o); });
  groupSelect.value = data.hasRepeats ? 'config' : 'run';
  var groupLabel = el('label', null, ' Curves: ');
  groupLabel.appendChild(groupSelect);
  var showRuns = el('input'); showRuns.type = 'checkbox'; showRuns.checked = false;
  var showLabel = el('label', null, ' with the runs ');
  showLabel.appendChild(showRuns);
  controls.appendChild(sliderLabel);
  controls.appendChild(logLabel);
  controls.appendChild(groupLabel);
  controls.appendChild(showLabel);

  // Student's t quantile t(0.975, df) for df = 1..30; 1.96 beyond.
  var T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
    2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042];
  function tq(df) { return df < 1 ? NaN : df <= 30 ? T975[df - 1] : 1.96; }
  // Pooled curves: the mean over a group's completed runs only (a diverged run's curve ends at its blow-up,
  // and averaging it in would draw a finish it never had); the group's other runs are drawn on their own, dashed.
  var groupShort = {};
  data.groups.forEach(function (g) { groupShort[g.label] = g.short; });
  function groups(mode) {
    if (mode === 'run') { return null; }
    var byLabel = {}; var order = [];
    data.runs.forEach(function (r, i) {
      var a = mode.slice(5);
      var label = mode === 'config' ? r.group : a + '=' + r.swept[a];
      if (!(label in byLabel)) {
        byLabel[label] = { label: label, short: mode === 'config' ? groupShort[label] || label
          : axisName(a) + '=' + shortValue(a, r.swept[a]), pooled: [], apart: [] };
        order.push(label);
      }
      byLabel[label][r.outcome === 'completed' ? 'pooled' : 'apart'].push(i);
    });
    return order.map(function (l) { return byLabel[l]; });
  }
  function aggregate(ys, members, log) {
    var n = ys.length ? ys[0].length : 0;
    var mean = [], lo = [], hi = [];
    for (var x = 0; x < n; x++) {
      var vals = [];
      members.forEach(function (i) {
        var v = ys[i][x];
        if (v !== null && isFinite(v) && (!log || v > 0)) { vals.push(log ? Math.log(v) : v); }
      });
      if (!vals.length) { mean.push(null); lo.push(null); hi.push(null); continue; }
      var m = vals.reduce(function (a, b) { return a + b; }, 0) / vals.length;
      var half = null;
      if (vals.length > 1) {
        var ss = vals.reduce(function (a, b) { return a + (b - m) * (b - m); }, 0);
        half = tq(vals.length - 1) * Math.sqrt(ss / (vals.length - 1)) / Math.sqrt(vals.length);
      }
      var f = log ? Math.exp : function (v) { return v; };
      mean.push(f(m));
      lo.push(half === null ? f(m) : f(m - half));
      hi.push(half === null ? f(m) : f(m + half));
    }
    return { mean: mean, lo: lo, hi: hi };
  }
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
  // At most this many legend entries per chart; the rest are one click away in the table's filter.
  var MAX_LEGEND = 60;
  function build(c, ci) {
    var box = boxes[ci];
    if (box.plot) { box.plot.destroy(); }
    if (box.legendEl) { box.legendEl.remove(); }
    var w = SMOOTHED[c.column] ? Number(slider.value) : 0;
    var runYs = c.ys.map(function (y) { return smooth(y, w); });
    // log10 charts are drawn on decades (decadeAxis), whatever the log checkbox says.
    if (c.log10) { runYs = runYs.map(log10s); }
    var log = c.log && logBox.checked && !c.log10;
    var shown = c.log10 ? decadeValue : function (u, v) { return fmt(v); };
    var grouped = groups(groupSelect.value);
    var ys = [];
    var series = [{ label: c.xLabel || 'step' }];
    var bands = [];
    // The legend is the page's own (uPlot's repeats every band bound, and is cut off at the panel edge): one
    // entry per curve with its short label, the full text on hover, and on hover over the chart the value
    // there, with a band's bounds once, in brackets.
    var entries = [];
    var add = function (opt, y) { series.push(opt); ys.push(y); return series.length - 1; };
    var seedOf = function (r) { return r.swept.seed !== undefined ? 'seed ' + r.swept.seed : r.id; };
    if (!grouped || showRuns.checked) {
      data.runs.forEach(function (r, i) {
        var unfinished = r.outcome !== 'completed';
        var k = add({ label: runShort(r), stroke: grouped ? 'rgba(120,120,120,0.35)' : color(i), width: grouped ? 1 : 1.5,
          dash: unfinished && !grouped ? [4, 3] : undefined, spanGaps: false }, runYs[i]);
        if (!grouped) {
          entries.push({ short: runShort(r) + (unfinished ? ' (' + r.outcome + ')' : ''),
            full: runLabel(r) + ' \u2014 run ' + r.id + ', ' + r.outcome, color: color(i), dash: unfinished, series: [k], main: k });
        }
      });
    }
    if (grouped) {
      grouped.forEach(function (g) {
        var col = color((g.pooled.length ? g.pooled : g.apart)[0]);
        var n = g.pooled.length + g.apart.length;
        if (g.pooled.length) {
          var a = aggregate(runYs, g.pooled, log);
          var m = add({ label: g.short, stroke: col, width: 2, spanGaps: true }, a.mean);
          var e = { short: g.short + ' (' + g.pooled.length + '/' + n + ' completed)', full: g.label, color: col, series: [m],
            main: m };
          if (g.pooled.length > 1) {
            e.hi = add({ label: g.short + ' 95% hi', stroke: col, width: 0, spanGaps: true, points: { show: false } }, a.hi);
            e.lo = add({ label: g.short + ' 95% lo', stroke: col, width: 0, spanGaps: true, points: { show: false } }, a.lo);
            e.series.push(e.hi, e.lo);
            bands.push({ series: [e.hi, e.lo], fill: col + '33' });
          }
          entries.push(e);
        }
        g.apart.forEach(function (i) {
          var r = data.runs[i];
          var k = add({ label: g.short + ' ' + seedOf(r), stroke: col, width: 1, dash: [4, 3], spanGaps: false }, runYs[i]);
          entries.push({ short: g.short + ', ' + seedOf(r) + ': ' + r.outcome, full: runLabel(r) + ' \u2014 run ' + r.id + ', '
            + r.outcome + ' (not pooled)', color: col, dash: true, series: [k], main: k });
        });
      });
    }
    var thresholds = data.runs.map(function (r) { return r.clip_threshold; }).filter(function (v) { return v; });
    if (c.column.indexOf('grad_norm') === 0 && thresholds.length) {
      var t = Math.max.apply(null, thresholds);
      var kt = add({ label: 'clip threshold', stroke: '#000', width: 1, dash: [6, 4] }, c.x.map(function () { return t; }));
      entries.push({ short: 'clip threshold', full: 'the largest clipping threshold of the runs', color: '#000', dash: true,
        series: [kt], main: kt });
    }
    // A diverging run's last finite values (1e50, say) would squash every other curve: the y range spans the
    // 0.5th to 99.5th percentile of the plotted values, and at most 4 decades above the median on log axes
    // (20 interquartile ranges on linear ones); what lies beyond is clipped at the edge. log10 charts (the
    // gradient through time, where the decades are the finding) show every finite value.
    var finite = [];
    ys.forEach(function (y) { y.forEach(function (v) { if (v !== null && isFinite(v) && (!log || v > 0)) { finite.push(v); } }); });
    finite.sort(function (a, b) { return a - b; });
    var yRange = null;
    if (finite.length > 20 && !c.log10) {
      var q = function (p) { return finite[Math.round(p * (finite.length - 1))]; };
      var med = q(0.5);
      var qlo = q(0.005), qhi = q(0.995);
      if (log && med > 0) {
        qhi = Math.min(qhi, med * 1e4);
        qlo = Math.max(qlo, med / 1e6);
      } else {
        var iqr = q(0.75) - q(0.25);
        qhi = Math.min(qhi, q(0.75) + 20 * iqr);
        qlo = Math.max(qlo, q(0.25) - 20 * iqr);
      }
      if (qhi > qlo) {
        yRange = log ? logRange(null, qlo, qhi) : [qlo - 0.05 * (qhi - qlo), qhi + 0.05 * (qhi - qlo)];
      }
    }
    var yScale = { distr: log ? 3 : 1 };
    if (yRange) { yScale.range = yRange; } else if (log) { yScale.range = logRange; }
    var legendX = el('span', 'legend-x');
    var opts = {
      bands: bands,
      width: Math.max(420, box.clientWidth - 24), height: 300, series: series,
      scales: { x: { time: false }, y: yScale },
      axes: [{ label: c.xLabel || 'step' }, c.log10 ? decadeAxis() : valueAxis(log, box)],
      legend: { show: false },
      cursor: { focus: { prox: 16 } }, focus: { alpha: 0.3 }
    };
    // The y range drawn, on the chart's element (what the browser tests read).
    opts.hooks = {
      draw: [function (u) { box.setAttribute('data-y-range', u.scales.y.min + ',' + u.scales.y.max); }],
      setCursor: [function (u) {
        var idx = u.cursor.idx;
        legendX.textContent = idx === null || idx === undefined ? '' : (c.xLabel || 'step') + ' ' + fmt(c.x[idx]) + ':';
        entries.forEach(function (e) {
          if (!e.valueEl) { return; }
          var v = idx === null || idx === undefined ? null : u.data[e.main][idx];
          var text = v === null || v === undefined ? '' : ' ' + shown(u, v);
          if (text && e.hi !== undefined && u.data[e.lo][idx] !== null) {
            text += ' [' + shown(u, u.data[e.lo][idx]) + ', ' + shown(u, u.data[e.hi][idx]) + ']';
          }
          e.valueEl.textContent = text;
        });
      }]
    };
    var plot = new uPlot(opts, [c.x].concat(ys), box);
    box.plot = plot;
    var legend = el('div', 'legend');
    legend.appendChild(legendX);
    entries.slice(0, MAX_LEGEND).forEach(function (e) {
      var item = withTitle(el('span', 'legend-item'), e.full);
      var sw = el('span', 'swatch' + (e.dash ? ' dashed' : ''));
      sw.style.borderColor = e.color;
      if (!e.dash) { sw.style.background = e.color; }
      item.appendChild(sw);
      item.appendChild(el('span', 'legend-label', e.short));
      e.valueEl = el('span', 'legend-value');
      item.appendChild(e.valueEl);
      item.addEventListener('click', function () {
        var show = !item.classList.toggle('off');
        e.series.forEach(function (k) { plot.setSeries(k, { show: show }); });
      });
      legend.appendChild(item);
    });
    if (entries.length > MAX_LEGEND) {
      legend.appendChild(el('span', 'hint', '\u2026 and ' + (entries.length - MAX_LEGEND) + ' more curves (hover a curve, ' +
        'or filter the table)'));
    }
    box.appendChild(legend);
    box.legendEl = legend;
  }
  data.charts.forEach(function (c, ci) {
    if (c.x.length === 0) { boxes[ci].appendChild(el('p', 'empty', 'No values recorded.')); return; }
    build(c, ci);
    plots.push(ci);
  });
  function rebuild() { plots.forEach(function (ci) { build(data.charts[ci], ci); }); }
  // Runs whose engine does not record the gradient through time (dl4j): said once, where the chart is or would be.
  var noProfile = {};
  data.runs.forEach(function (r) {
    if (r.time_profile_unavailable) { noProfile[r.time_profile_unavailable] = (noProfile[r.time_profile_unavailable] || 0) + 1; }
  });
  var noProfileText = Object.keys(noProfile).map(function (k) { return k + ' (' + noProfile[k] + ' run' +
    (noProfile[k] === 1 ? '' : 's') + ')'; }).join('; ');
  if (noProfileText) {
    var profileBoxes = boxes.filter(function (b) { return (b.getAttribute('data-column') || '').indexOf('time_profile_l') === 0; });
    var why = 'Gradient through time ||dL/dh_t||: ' + noProfileText + '. The engine does not expose it (Deeplearning4j ' +
      'gives only its direct part for LSTM); those runs are not in this chart.';
    if (profileBoxes.length) {
      profileBoxes.forEach(function (b) { b.insertBefore(el('p', 'hint unavailable', why), b.children[1] || null); });
    } else {
      var na = el('section', 'chart');
      na.setAttribute('data-column', 'time_profile_unavailable');
      na.appendChild(el('h2', null, 'Gradient through time'));
      na.appendChild(el('p', 'empty unavailable', why));
      chartsDiv.appendChild(na);
    }
  }
  slider.addEventListener('input', function () { sliderValue.textContent = ' ' + Number(slider.value).toFixed(2); rebuild(); });
  logBox.addEventListener('change', rebuild);
  groupSelect.addEventListener('change', rebuild);
  showRuns.addEventListener('change', rebuild);

  // Gradient through time as a heatmap: log10 ||dL/dh_t|| over t (x) and training step (y), one run at a time.
  var withHeat = data.runs.filter(function (r) { return r.heatmaps && r.heatmaps.length; });
  if (withHeat.length) {
    var hs = el('section', 'chart heat');
    hs.appendChild(el('h2', null, 'Gradient through time: log10 ||dL/dh_t|| over t and training step, per layer'));
    hs.appendChild(el('p', 'hint', 'Top layer; dark = small gradient. Memory horizon: steps back from the last ' +
      'step while the gradient stays above 1% of its value there; decay / step: the factor it shrinks by per ' +
      'step back (below 1 vanishing, above 1 exploding), from the last recorded profile.'));
    var pick = el('select');
    withHeat.forEach(function (r) { var o = el('option', null, runShort(r) + ' (' + r.id + ')'); o.value = r.id; pick.appendChild(o); });
    hs.appendChild(pick);
    var layerPick = el('select');
    var layerLabel = el('label', null, ' layer ');
    layerLabel.appendChild(layerPick);
    hs.appendChild(layerLabel);
    var current = function () {
      var r = withHeat.filter(function (x) { return x.id === pick.value; })[0];
      return r.heatmaps.filter(function (m) { return String(m.layer) === layerPick.value; })[0] || r.heatmaps[0];
    };
    var fillLayers = function () {
      var r = withHeat.filter(function (x) { return x.id === pick.value; })[0];
      layerPick.textContent = '';
      r.heatmaps.forEach(function (m, i) {
        var o = el('option', null, m.layer + (i === 0 ? ' (top)' : '')); o.value = String(m.layer); layerPick.appendChild(o);
      });
    };
    fillLayers();
    var canvas = el('canvas');
    canvas.width = 800; canvas.height = 300;
    hs.appendChild(canvas);
    var scale = el('p', 'hint');
    hs.appendChild(scale);
    var draw = function () {
      var h = current(); var rows = h.values.length; var cols = rows ? h.values[0].length : 0;
      var lo = Infinity, hi = -Infinity;
      h.values.forEach(function (line) { line.forEach(function (v) { if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }); });
      var ctx = canvas.getContext('2d');
      var img = ctx.createImageData(cols, rows);
      for (var y = 0; y < rows; y++) {
        for (var x = 0; x < cols; x++) {
          var v = h.values[rows - 1 - y][x]; var o = 4 * (y * cols + x);
          var f = v === null || hi === lo ? 0 : (v - lo) / (hi - lo);
          img.data[o] = Math.round(255 * Math.min(1, 1.5 * f)); img.data[o + 1] = Math.round(255 * f * f);
          img.data[o + 2] = Math.round(255 * (1 - f) * 0.6); img.data[o + 3] = v === null ? 0 : 255;
        }
      }
      var tmp = document.createElement('canvas'); tmp.width = cols; tmp.height = rows;
      tmp.getContext('2d').putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(tmp, 0, 0, canvas.width, canvas.height);
      scale.textContent = 'x: t = 1..' + h.T + ' (left to right); y: training steps ' + h.steps[0] + ' (bottom) to ' +
        h.steps[h.steps.length - 1] + ' (top); colour from log10 = ' + fmt(lo) + ' (dark) to ' + fmt(hi) + ' (bright).';
    };
    // The profile at a chosen recorded step (rows of the heatmap), against the last one.
    var stepPick = el('select');
    var stepLabel = el('label', null, ' profile at step ');
    stepLabel.appendChild(stepPick);
    hs.insertBefore(stepLabel, canvas);
    var profileBox = el('div');
    hs.appendChild(profileBox);
    var profilePlot = null;
    var drawProfile = function () {
      var h = current(); var cols = h.values.length ? h.values[0].length : 0;
      var row = Math.max(0, h.steps.indexOf(Number(stepPick.value)));
      var xs = []; for (var i = 0; i < cols; i++) { xs.push(Math.round((i + 0.5) * h.T / cols)); }
      if (profilePlot) { profilePlot.destroy(); }
      profilePlot = new uPlot({ width: Math.max(420, hs.clientWidth - 24), height: 240,
        series: [{ label: 't' }, { label: 'step ' + h.steps[row], stroke: '#1f77b4', width: 2, value: decadeValue },
          { label: 'step ' + h.steps[h.steps.length - 1] + ' (last)', stroke: '#999', width: 1, dash: [5, 3],
            value: decadeValue }],
        scales: { x: { time: false } },
        axes: [{ label: 't' }, decadeAxis()] }, // the heatmap's values are log10 already
        [xs, h.values[row], h.values[h.values.length - 1]], profileBox);
    };
    var fillSteps = function () {
      var h = current();
      stepPick.textContent = '';
      h.steps.forEach(function (st) { var o = el('option', null, st); o.value = st; stepPick.appendChild(o); });
      stepPick.value = h.steps[0];
    };
    pick.addEventListener('change', function () { fillLayers(); draw(); fillSteps(); drawProfile(); });
    layerPick.addEventListener('change', function () { draw(); fillSteps(); drawProfile(); });
    stepPick.addEventListener('change', drawProfile);
    chartsDiv.after(hs);
    draw();
    fillSteps();
    drawProfile();
  }

  // Divergence map: the outcome over two swept keys (other keys and seeds pooled per cell).
  var mapAxes = data.axes.filter(function (a) { return a !== 'seed'; });
  if (mapAxes.length >= 2) {
    var dm = el('section', 'chart divergence');
    dm.appendChild(el('h2', null, 'Divergence map'));
    dm.appendChild(el('p', 'hint', 'Outcome of the runs in each cell: converged (completed), diverged, stopped ' +
      '(an early-termination rule, e.g. a plateau), failed. Cells pool the other swept keys and the seeds.'));
    var xs = el('select'); var ysel = el('select');
    mapAxes.forEach(function (a, i) {
      var o1 = el('option', null, a); o1.value = a; xs.appendChild(o1);
      var o2 = el('option', null, a); o2.value = a; ysel.appendChild(o2);
    });
    xs.value = mapAxes[0]; ysel.value = mapAxes[1];
    var lx = el('label', null, 'x: '); lx.appendChild(xs);
    var ly = el('label', null, '  y: '); ly.appendChild(ysel);
    dm.appendChild(lx); dm.appendChild(ly);
    var holder = el('div', 'table-wrap');
    dm.appendChild(holder);
    var values = function (a) {
      var seen = [];
      data.runs.forEach(function (r) { if (seen.indexOf(r.swept[a]) < 0) { seen.push(r.swept[a]); } });
      return seen.sort(function (p, q) { var x = Number(p), y = Number(q); return isFinite(x) && isFinite(y) ? x - y : (p < q ? -1 : 1); });
    };
    var drawMap = function () {
      holder.textContent = '';
      var t = el('table', 'map');
      var head = el('tr'); head.appendChild(el('th', 'text', ysel.value + ' \\ ' + xs.value));
      var xv = values(xs.value); var yv = values(ysel.value);
      xv.forEach(function (v) { head.appendChild(el('th', null, v)); });
      t.appendChild(head);
      yv.forEach(function (yval) {
        var tr = el('tr'); tr.appendChild(el('th', 'text', yval));
        xv.forEach(function (xval) {
          var cell = data.runs.filter(function (r) { return r.swept[xs.value] === xval && r.swept[ysel.value] === yval; });
          var counts = {};
          cell.forEach(function (r) { counts[r.outcome] = (counts[r.outcome] || 0) + 1; });
          var td = el('td', 'cell');
          var worst = counts.diverged ? 'diverged' : counts.failed ? 'failed' : counts.stopped ? 'stopped'
            : counts.completed ? 'completed' : 'none';
          td.className = 'cell cell-' + worst;
          td.textContent = cell.length ? Object.keys(counts).map(function (k) {
            return (k === 'completed' ? 'converged' : k) + ' ' + counts[k] + '/' + cell.length; }).join(', ') : '\u2014';
          tr.appendChild(td);
        });
        t.appendChild(tr);
      });
      holder.appendChild(t);
    };
    xs.addEventListener('change', drawMap); ysel.addEventListener('change', drawMap);
    chartsDiv.after(dm);
    drawMap();
  }

  // Parallel coordinates: one line per run through its swept values to its final validation loss.
  var pcAxes = data.axes.filter(function (a) { return a !== 'seed'; }).concat(['final val loss']);
  if (pcAxes.length >= 2 && data.runs.length >= 2) {
    var pc = el('section', 'chart parallel');
    pc.appendChild(el('h2', null, 'Parallel coordinates'));
    pc.appendChild(el('p', 'hint', 'Each line is a run: its swept values and, rightmost, its final validation loss ' +
      '(log scale when all positive); colour by that loss, dark = low. Runs without a final loss are dashed at the bottom.'));
    var NS = 'http://www.w3.org/2000/svg';
    var W = 1100, H = 320, pad = 60;
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H); svg.setAttribute('width', '100%');
    var getter = function (a) { return a === 'final val loss' ? function (r) { return r.final_val_loss; }
      : function (r) { return r.swept[a]; }; };
    var scales = pcAxes.map(function (a, i) {
      var get = getter(a); var vals = data.runs.map(get).filter(function (v) { return v !== null && v !== undefined; });
      var numeric = vals.every(function (v) { return v !== '' && isFinite(Number(v)); });
      var x = pad + i * (W - 2 * pad) / (pcAxes.length - 1);
      if (numeric) {
        var nums = vals.map(Number); var lo = Math.min.apply(null, nums), hi = Math.max.apply(null, nums);
        var log = lo > 0 && hi / lo > 10;
        var f = function (v) { return log ? Math.log(v) : v; };
        return { x: x, name: a, get: get, y: function (v) {
          if (v === null || v === undefined || !isFinite(Number(v))) { return H - 10; }
          return hi === lo ? H / 2 : (H - pad) - (f(Number(v)) - f(lo)) / (f(hi) - f(lo)) * (H - 2 * pad); },
          labels: [fmt(lo), fmt(hi)], title: a };
      }
      var cats = []; vals.forEach(function (v) { if (cats.indexOf(String(v)) < 0) { cats.push(String(v)); } });
      return { x: x, name: a, get: get, y: function (v) {
        var k = cats.indexOf(String(v)); return cats.length === 1 ? H / 2 : (H - pad) - k / (cats.length - 1) * (H - 2 * pad); },
        labels: (cats.length > 1 ? [cats[0], cats[cats.length - 1]] : [cats[0] || '', '']).map(function (v) {
          return v && a !== 'final val loss' ? shortValue(a, v) : v; }), title: a };
    });
    var losses = data.runs.map(function (r) { return r.final_val_loss; }).filter(function (v) { return v !== null && v > 0; });
    var lmin = Math.min.apply(null, losses), lmax = Math.max.apply(null, losses);
    data.runs.forEach(function (r) {
      var pts = scales.map(function (s) { return s.x + ',' + s.y(s.get(r)).toFixed(1); }).join(' ');
      var line = document.createElementNS(NS, 'polyline');
      line.setAttribute('points', pts); line.setAttribute('fill', 'none');
      var f = r.final_val_loss === null || !(lmax > lmin) ? 1 : (Math.log(r.final_val_loss) - Math.log(lmin)) / (Math.log(lmax) - Math.log(lmin));
      line.setAttribute('stroke', 'hsl(' + Math.round(220 - 200 * f) + ',70%,' + Math.round(30 + 30 * f) + '%)');
      line.setAttribute('stroke-width', '1.5'); line.setAttribute('opacity', '0.8');
      if (r.final_val_loss === null) { line.setAttribute('stroke-dasharray', '4 3'); }
      var title = document.createElementNS(NS, 'title'); title.textContent = r.id + ' ' + runLabel(r); line.appendChild(title);
      svg.appendChild(line);
    });
    scales.forEach(function (s) {
      var ax = document.createElementNS(NS, 'line');
      ax.setAttribute('x1', s.x); ax.setAttribute('x2', s.x); ax.setAttribute('y1', pad); ax.setAttribute('y2', H - pad);
      ax.setAttribute('stroke', '#333'); svg.appendChild(ax);
      [[s.name === 'final val loss' ? s.name : axisName(s.name), pad - 25], [s.labels[1], pad - 8],
        [s.labels[0], H - pad + 16]].forEach(function (t) {
        var tx = document.createElementNS(NS, 'text'); tx.setAttribute('x', s.x); tx.setAttribute('y', t[1]);
        tx.setAttribute('text-anchor', 'middle'); tx.setAttribute('font-size', '12'); tx.textContent = t[0];
        svg.appendChild(tx);
      });
    });
    pc.appendChild(svg);
    chartsDiv.after(pc);
  }

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
    if (r.time_profile_unavailable) { d.appendChild(el('p', 'hint unavailable', 'Gradient through time: ' + r.time_profile_unavailable + '.')); }
    // Every curve of this run, drawn when the detail is first opened.
    var curves = el('div', 'run-curves');
    d.appendChild(curves);
    d.addEventListener('toggle', function () {
      if (!d.open || curves.childNodes.length) { return; }
      data.charts.forEach(function (c) {
        var y = c.ys[i] && c.log10 ? log10s(c.ys[i]) : c.ys[i];
        if (!y || !y.some(function (v) { return v !== null; })) { return; }
        var box = el('div', 'mini');
        box.setAttribute('data-column', c.column);
        box.appendChild(el('h3', null, c.title));
        curves.appendChild(box);
        // Charts over training steps cover this run's own steps (a run that diverged at step 33 is not a sliver
        // of the sweep's 0-1500); the divergence step is marked and the last finite value labelled.
        var overSteps = !c.xLabel || c.xLabel === 'step';
        var xMax = overSteps && r.last_step ? Math.max(1, r.last_step) : null;
        var last = overSteps && r.last_finite ? r.last_finite[c.column] : null;
        var log = c.log && !c.log10;
        var positive = y.filter(function (v) { return v !== null && isFinite(v) && (!log || v > 0); });
        var lo = Math.min.apply(null, positive), hi = Math.max.apply(null, positive);
        // A blow-up spans more decades than uPlot's log axis draws (it fails past about 1e16): log10 on a
        // linear axis then, as for the gradient through time.
        var decades = log && positive.length && hi / lo > 1e12;
        if (decades) { y = log10s(y); log = false; }
        var yr = log && positive.length ? logRange(null, lo, hi) : null;
        var mark = function (u) {
          var ctx = u.ctx; var b = u.bbox; var dpr = devicePixelRatio || 1;
          ctx.save();
          ctx.font = Math.round(11 * dpr) + 'px system-ui, sans-serif';
          if (r.diverged_at !== undefined && overSteps) {
            var x = u.valToPos(r.diverged_at, 'x', true);
            ctx.strokeStyle = '#c0262d'; ctx.setLineDash([4 * dpr, 3 * dpr]); ctx.lineWidth = dpr;
            ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke();
            ctx.fillStyle = '#c0262d'; ctx.textAlign = 'right';
            ctx.fillText('diverged at step ' + r.diverged_at, x - 4 * dpr, b.top + b.height - 4 * dpr);
          }
          if (last && r.outcome !== 'completed') {
            var v = c.log10 || decades ? Math.log10(last[1]) : last[1];
            var px = u.valToPos(last[0], 'x', true); var py = u.valToPos(v, 'y', true);
            if (isFinite(px) && isFinite(py)) {
              ctx.fillStyle = '#1d2330'; ctx.setLineDash([]);
              ctx.beginPath(); ctx.arc(px, py, 3 * dpr, 0, 2 * Math.PI); ctx.fill();
              ctx.textAlign = px > b.left + b.width / 2 ? 'right' : 'left';
              ctx.fillText('last finite ' + fmt(last[1]) + ' at step ' + last[0], px + (ctx.textAlign === 'right' ? -6 : 6) * dpr,
                Math.min(b.top + b.height - 18 * dpr, Math.max(b.top + 12 * dpr, py + 4 * dpr)));
            }
          }
          ctx.restore();
          box.setAttribute('data-x-range', u.scales.x.min + ',' + u.scales.x.max);
        };
        if (r.diverged_at !== undefined && overSteps) { box.setAttribute('data-diverged-at', r.diverged_at); }
        if (last) { box.setAttribute('data-last-finite', last[0] + ',' + last[1]); }
        var yScale = { distr: log ? 3 : 1 };
        if (yr) { yScale.range = yr; }
        new uPlot({ width: 460, height: 180, legend: { show: false },
          series: [{ label: c.xLabel || 'step' }, { label: c.title, stroke: color(i), width: 1.5 }],
          scales: { x: xMax ? { time: false, range: [0, xMax + Math.max(1, Math.round(0.04 * xMax))] } : { time: false },
            y: yScale },
          axes: [{}, c.log10 || decades ? decadeAxis() : valueAxis(log, box)],
          hooks: { draw: [mark] } },
          [c.x, y], box);
      });
    });
    // Predictions against the truth (predictions.csv: the final weights on the test split, or validation).
    if (r.predictions) {
      var pbox = el('div', 'predictions');
      pbox.setAttribute('data-points', String(r.predictions.target.length));
      pbox.appendChild(el('h3', null, 'Predictions against the truth: ' + r.predictions.column + ', in the data\'s units, ' +
        'sequence by sequence (predictions.csv)'));
      d.appendChild(pbox);
      d.addEventListener('toggle', function () {
        if (!d.open || pbox.plotted) { return; }
        pbox.plotted = true;
        var xs = r.predictions.target.map(function (v, k) { return k; });
        new uPlot({ width: Math.max(460, Math.min(1200, d.clientWidth - 40)), height: 220,
          series: [{ label: 'value', value: function (u, k) {
            return k === null || k === undefined ? '' : 'sequence ' + r.predictions.sequence[k] + ', t ' + r.predictions.t[k]; } },
            { label: 'target', stroke: '#1d2330', width: 1.5, value: function (u, v) { return fmt(v); } },
            { label: 'prediction', stroke: color(i), width: 1.5, dash: [5, 3], value: function (u, v) { return fmt(v); } }],
          scales: { x: { time: false } }, axes: [{ label: 'sequence, step' }, valueAxis(false, null)] },
          [xs, r.predictions.target, r.predictions.prediction], pbox);
      });
    }
    // The rollout: each prediction fed back as the next input (rollout.csv), against the truth.
    if (r.rollout && r.rollout.t.length) {
      var rbox = el('div', 'rollout');
      rbox.setAttribute('data-points', String(r.rollout.t.length));
      rbox.appendChild(el('h3', null, 'Rollout: each prediction fed back as the next input, from step ' + r.rollout.t[0] +
        ', against the truth (rollout.csv)'));
      d.appendChild(rbox);
      d.addEventListener('toggle', function () {
        if (!d.open || rbox.plotted) { return; }
        rbox.plotted = true;
        new uPlot({ width: Math.max(460, Math.min(1200, d.clientWidth - 40)), height: 220,
          series: [{ label: 't' }, { label: 'truth', stroke: '#1d2330', width: 1.5, value: function (u, v) { return fmt(v); } },
            { label: 'rollout', stroke: color(i), width: 1.5, dash: [5, 3], value: function (u, v) { return fmt(v); } }],
          scales: { x: { time: false } }, axes: [{ label: 't' }, valueAxis(false, null)] },
          [r.rollout.t, r.rollout.target, r.rollout.prediction], rbox);
      });
    }
    [['config.yaml', r.files.config], ['provenance.json', r.files.provenance], ['run.log (end)', r.files.log_tail]]
      .forEach(function (f) {
        if (!f[1]) { return; }
        d.appendChild(el('h3', null, f[0]));
        d.appendChild(el('pre', null, f[1]));
      });
    details.appendChild(d);
  });
  chartsDiv.after(details);
  var openFromHash = function () {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === 'DETAILS') { target.open = true; }
  };
  window.addEventListener('hashchange', openFromHash);
  openFromHash();

  document.documentElement.setAttribute('data-render-ms', String(Math.round(performance.now() - started)));
  document.documentElement.setAttribute('data-rendered', 'ok');
})();
