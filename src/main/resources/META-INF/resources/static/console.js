// Thinkwatch console behaviour, loaded as a file (the Content-Security-Policy allows no inline script):
// draws charts from data attributes, and turns failed partial updates into messages a person understands.
(function () {
  'use strict';

  var PALETTE = ['#7b4bd6', '#2f9e62', '#d9822b', '#3b4cca', '#c2415b', '#1f8a9e'];
  var AXIS_FONT = '12px system-ui, sans-serif';
  var COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
  var measure = document.createElement('canvas').getContext('2d');

  // Y-axis labels as 25K, 1.5M: short whatever the numbers.
  function axisLabels(u, splits) {
    return splits.map(function (v) { return v == null ? '' : COMPACT.format(v); });
  }

  // The y-axis is as wide as its widest label, plus the tick and the gap, so no label is cut at the left edge.
  function axisWidth(u, labels, axisIndex) {
    var axis = u.axes[axisIndex];
    measure.font = AXIS_FONT;
    var widest = (labels || []).reduce(function (w, label) {
      return Math.max(w, measure.measureText(label).width);
    }, 0);
    return Math.ceil(widest + axis.ticks.size + axis.gap + 8);
  }

  function drawChart(el) {
    if (el.dataset.drawn || typeof uPlot === 'undefined') {
      return;
    }
    var spec = JSON.parse(el.dataset.chart);
    var width = Math.max(280, el.clientWidth);
    var options = {
      width: width,
      height: 300,
      scales: { x: { time: true } },
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
      axes: [{ font: AXIS_FONT }, { font: AXIS_FONT, values: axisLabels, size: axisWidth }],
      series: [{}].concat(spec.series.map(function (s, i) {
        return { label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2 };
      }))
    };
    var data = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
    var plot = new uPlot(options, data, el);
    el.dataset.drawn = 'true';
    window.addEventListener('resize', function () {
      plot.setSize({ width: Math.max(280, el.clientWidth), height: 300 });
    });
  }

  function showError(target, text) {
    if (!target) {
      return;
    }
    var box = document.createElement('div');
    box.className = 'alert error';
    box.setAttribute('role', 'alert');
    box.textContent = text;
    target.replaceChildren(box);
  }

  htmx.onLoad(function (root) {
    root.querySelectorAll('[data-chart]').forEach(drawChart);
  });

  // A header checkbox with data-select-all="name" ticks or clears every checkbox of that name.
  document.addEventListener('change', function (event) {
    var name = event.target.dataset ? event.target.dataset.selectAll : null;
    if (!name) {
      return;
    }
    document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
      box.checked = event.target.checked;
    });
  });

  document.addEventListener('htmx:sendError', function (event) {
    showError(event.detail.target, 'Thinkwatch did not answer. Check your connection, then reload the page.');
  });
  document.addEventListener('htmx:timeout', function (event) {
    showError(event.detail.target, 'Thinkwatch took too long to answer. Reload the page to try again.');
  });
}());
