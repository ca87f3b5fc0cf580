// Leadrelay dashboard: renders /api/v1/stats/live (server-sent events) into plain SVG and tables. No libraries.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var params = new URLSearchParams(window.location.search);
  var state = { data: null, sortKey: 'slaBreaches', sortDir: -1, updates: 0 };
  window.leadrelayDashboard = state;

  ['from', 'to', 'channel', 'campaign'].forEach(function (name) {
    var input = document.querySelector('#filters [name="' + name + '"]');
    if (params.get(name)) { input.value = params.get(name); }
  });

  function el(tag, attrs, text) {
    var e = tag.indexOf('svg:') === 0 ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function pct(rate) { return rate === null || rate === undefined ? '–' : (rate * 100).toFixed(1) + ' %'; }
  function eur(v) { return v === null || v === undefined ? '–' : Number(v).toLocaleString('en', { maximumFractionDigits: 0 }) + ' €'; }
  function dur(s) {
    if (s === null || s === undefined) { return '–'; }
    if (s < 120) { return s.toFixed(0) + ' s'; }
    if (s < 7200) { return (s / 60).toFixed(0) + ' min'; }
    if (s < 172800) { return (s / 3600).toFixed(1) + ' h'; }
    return (s / 86400).toFixed(1) + ' d';
  }

  function renderFunnel(f) {
    var svg = document.getElementById('funnel-chart');
    clear(svg);
    var conv = f.conversion;
    var steps = [{ stage: 'RECEIVED', n: f.leads, rate: null }];
    conv.slice(0, 5).forEach(function (c) { steps.push({ stage: c.to, n: c.converted, rate: c.rate }); });
    var max = Math.max(1, f.leads);
    steps.forEach(function (s, i) {
      var y = 8 + i * 36;
      var w = Math.max(2, 380 * s.n / max);
      svg.appendChild(el('svg:rect', { x: 110, y: y, width: w, height: 26, class: 'bar' + (s.stage === 'WON' ? ' won' : '') }));
      svg.appendChild(el('svg:text', { x: 0, y: y + 18, class: 'label' }, s.stage));
      svg.appendChild(el('svg:text', { x: 116 + w, y: y + 18, class: 'label', 'data-stat': 'reached-' + s.stage }, String(s.n)));
      if (s.rate !== null) {
        svg.appendChild(el('svg:text', { x: 596, y: y + 18, class: 'axis', 'text-anchor': 'end' }, pct(s.rate)));
      }
    });
    var tbody = document.querySelector('#stages-table tbody');
    clear(tbody);
    f.stages.forEach(function (s) {
      if (!s.current && !s.entered) { return; }
      var tr = el('tr', { 'data-state': s.state });
      tr.appendChild(el('td', {}, s.state));
      tr.appendChild(el('td', { 'data-field': 'current' }, String(s.current)));
      tr.appendChild(el('td', { 'data-field': 'entered' }, String(s.entered)));
      tr.appendChild(el('td', {}, dur(s.timeInStage.medianSeconds)));
      tr.appendChild(el('td', {}, dur(s.timeInStage.p90Seconds)));
      tbody.appendChild(tr);
    });
    renderSeries(f.series ? f.series.buckets : []);
  }

  function renderSeries(buckets) {
    var svg = document.getElementById('series-chart');
    clear(svg);
    if (!buckets.length) { svg.appendChild(el('svg:text', { x: 0, y: 20, class: 'axis' }, 'no events in the last days')); return; }
    var totals = buckets.map(function (b) { return Object.keys(b.entered).reduce(function (a, k) { return a + b.entered[k]; }, 0); });
    var max = Math.max.apply(null, totals.concat([1]));
    var w = 600 / buckets.length;
    buckets.forEach(function (b, i) {
      var h = 110 * totals[i] / max;
      var bar = el('svg:rect', { x: i * w + 1, y: 115 - h, width: Math.max(1, w - 2), height: h, class: 'bar' });
      bar.appendChild(el('svg:title', {}, b.bucket + ': ' + totals[i]));
      svg.appendChild(bar);
    });
    svg.appendChild(el('svg:text', { x: 0, y: 135, class: 'axis' }, buckets[0].bucket));
    svg.appendChild(el('svg:text', { x: 600, y: 135, class: 'axis', 'text-anchor': 'end' }, buckets[buckets.length - 1].bucket));
  }

  function partnerValue(p, key) {
    if (key === 'medianAccept') { return p.timeToAccept.medianSeconds; }
    return p[key];
  }

  function renderPartners(list) {
    var rows = list.slice().sort(function (a, b) {
      var x = partnerValue(a, state.sortKey), y = partnerValue(b, state.sortKey);
      if (x === y) { return a.partnerId < b.partnerId ? -1 : 1; }
      if (x === null || x === undefined) { return 1; }
      if (y === null || y === undefined) { return -1; }
      return (x < y ? -1 : 1) * state.sortDir;
    });
    var tbody = document.querySelector('#partners-table tbody');
    clear(tbody);
    rows.forEach(function (p) {
      var tr = el('tr', { 'data-partner': p.partnerId, class: p.slaBreaches > 0 ? 'breach' : '' });
      function td(field, text) { tr.appendChild(el('td', { 'data-field': field }, text)); }
      td('partnerId', p.name ? p.name + ' (' + p.partnerId + ')' : p.partnerId);
      td('offered', String(p.offered)); td('assigned', String(p.assigned)); td('accepted', String(p.accepted));
      td('acceptanceRate', pct(p.acceptanceRate)); td('medianAccept', dur(p.timeToAccept.medianSeconds));
      td('returned', String(p.returned)); td('slaBreaches', String(p.slaBreaches));
      td('won', String(p.won)); td('lost', String(p.lost)); td('winRate', pct(p.winRate));
      td('wonValue', eur(p.wonValue));
      td('open', p.capacity === null ? String(p.open) : p.open + ' / ' + p.capacity);
      tbody.appendChild(tr);
    });
    document.querySelectorAll('#partners-table th').forEach(function (th) {
      th.classList.toggle('sorted-asc', th.dataset.key === state.sortKey && state.sortDir === 1);
      th.classList.toggle('sorted-desc', th.dataset.key === state.sortKey && state.sortDir === -1);
    });
  }

  function renderSources(list) {
    var tbody = document.querySelector('#sources-table tbody');
    clear(tbody);
    list.forEach(function (s) {
      var tr = el('tr', { 'data-source': s.channel + '|' + s.campaign });
      [['channel', s.channel], ['campaign', s.campaign || '(none)'], ['leads', String(s.leads)],
       ['mqlRate', pct(s.mqlRate)], ['sqlRate', pct(s.sqlRate)], ['notALead', String(s.notALead)],
       ['winRate', pct(s.winRate)], ['wonValue', eur(s.wonValue)]].forEach(function (c) {
        tr.appendChild(el('td', { 'data-field': c[0] }, c[1]));
      });
      tbody.appendChild(tr);
    });
  }

  function renderForecast(f) {
    var svg = document.getElementById('forecast-chart');
    clear(svg);
    var months = f.months.slice(-18);
    var max = Math.max.apply(null, months.map(function (m) { return Math.max(Number(m.weightedValue), Number(m.wonValue)); }).concat([1]));
    var w = 600 / Math.max(1, months.length);
    months.forEach(function (m, i) {
      var hw = 150 * Number(m.weightedValue) / max, hv = 150 * Number(m.wonValue) / max;
      var a = el('svg:rect', { x: i * w + 2, y: 165 - hw, width: Math.max(1, w / 2 - 2), height: hw, class: 'bar weighted' });
      a.appendChild(el('svg:title', {}, m.month + ' weighted open ' + eur(m.weightedValue)));
      var b = el('svg:rect', { x: i * w + w / 2, y: 165 - hv, width: Math.max(1, w / 2 - 2), height: hv, class: 'bar won' });
      b.appendChild(el('svg:title', {}, m.month + ' won ' + eur(m.wonValue)));
      svg.appendChild(a); svg.appendChild(b);
      svg.appendChild(el('svg:text', { x: i * w + w / 2, y: 182, class: 'axis', 'text-anchor': 'middle' }, m.month.slice(2)));
    });
    var totals = document.getElementById('forecast-totals');
    totals.textContent = 'Open pipeline ' + eur(f.totals.openValue) + ', weighted ' + eur(f.totals.weightedValue)
      + ', won ' + eur(f.totals.wonValue) + '.';
    totals.setAttribute('data-weighted', f.totals.weightedValue);
  }

  function renderOverdue(list) {
    var ul = document.getElementById('overdue-list');
    clear(ul);
    if (!list.length) { ul.appendChild(el('li', {}, 'none')); return; }
    list.forEach(function (l) {
      var li = el('li', { 'data-lead': l.leadId });
      var a = el('a', { href: '/api/v1/leads/' + encodeURIComponent(l.leadId) }, l.leadId);
      li.appendChild(a);
      li.appendChild(document.createTextNode(' — ' + l.state + (l.ownerId ? ' at ' + l.ownerId : '')
        + ', due ' + l.deadline.replace('T', ' ').slice(0, 16)));
      ul.appendChild(li);
    });
  }

  function render(data) {
    state.data = data;
    renderFunnel(data.funnel);
    renderPartners(data.partners.partners);
    renderSources(data.sources.sources);
    renderForecast(data.forecast);
    renderOverdue(data.overdue.leads);
    state.updates++;
    var status = document.getElementById('live-status');
    status.className = 'status live';
    status.textContent = 'live · updated ' + new Date().toLocaleTimeString();
    status.setAttribute('data-updates', String(state.updates));
  }

  document.querySelectorAll('#partners-table th').forEach(function (th) {
    th.addEventListener('click', function () {
      var key = th.dataset.key;
      state.sortDir = state.sortKey === key ? -state.sortDir : (key === 'partnerId' ? 1 : -1);
      state.sortKey = key;
      if (state.data) { renderPartners(state.data.partners.partners); }
    });
  });

  var query = new URLSearchParams();
  ['from', 'to', 'channel', 'campaign'].forEach(function (k) { if (params.get(k)) { query.set(k, params.get(k)); } });
  var source = new EventSource('/api/v1/stats/live' + (query.toString() ? '?' + query.toString() : ''));
  source.onmessage = function (e) { render(JSON.parse(e.data)); };
  source.onerror = function () {
    var status = document.getElementById('live-status');
    status.className = 'status';
    status.textContent = 'reconnecting…';
  };
}());
