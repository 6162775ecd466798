// The lab's page: runs with overlaid curves, the confusion explorer, and drawing a digit.
'use strict';

const api = async (path, options) => {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
};

const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
};

let runs = [];
const selected = new Set();

// Tabs
document.querySelectorAll('nav button').forEach(b => b.addEventListener('click', () => {
  document.querySelectorAll('nav button, .tab').forEach(x => x.classList.remove('active'));
  b.classList.add('active');
  document.getElementById(b.dataset.tab).classList.add('active');
}));

// Runs
async function loadRuns() {
  runs = await api('/api/runs');
  const body = document.querySelector('#runs-table tbody');
  body.replaceChildren();
  document.getElementById('runs-empty').hidden = runs.length > 0;
  for (const r of runs) {
    const box = el('input', {type: 'checkbox', onchange: e => { e.target.checked ? selected.add(r.id) : selected.delete(r.id); drawCurves(); }});
    const acc = r.testAccuracy == null ? '' : (100 * r.testAccuracy).toFixed(2) + ' %';
    const time = r.seconds == null ? '' : Math.round(r.seconds) + ' s';
    body.append(el('tr', {'data-run': r.id},
      el('td', {}, box), el('td', {}, r.id), el('td', {}, r.experiment || r.error || ''), el('td', {}, r.dataset || ''),
      el('td', {}, (r.date || '').replace('T', ' ').slice(0, 16)), el('td', {class: 'num'}, r.epochs ?? ''),
      el('td', {class: 'num'}, acc), el('td', {}, r.device || ''), el('td', {class: 'num'}, time),
      el('td', {}, el('a', {href: `/api/runs/${encodeURIComponent(r.id)}/files/report.html`, target: '_blank'}, 'report'))));
  }
  for (const select of document.querySelectorAll('.run-select')) {
    const keep = select.value;
    select.replaceChildren(...runs.filter(r => r.epochs > 0).map(r => el('option', {value: r.id}, r.id)));
    if (keep) select.value = keep;
  }
  if (runs.length && selected.size === 0) { selected.add(runs[0].id); body.querySelector('input').checked = true; }
  drawCurves();
  loadConfusion();
}

const charts = {};
async function drawCurves() {
  const details = await Promise.all([...selected].map(id => api(`/api/runs/${encodeURIComponent(id)}`)));
  const withMetrics = details.filter(d => d.metrics);
  chart('accuracy-chart', 'test accuracy per epoch (%)', withMetrics, d => d.metrics.epochs.map(e => [e.epoch, 100 * e.testAccuracy]), 'epoch');
  chart('loss-chart', 'training loss', withMetrics, d => d.metrics.history.map(h => [h.samplesSeen / 1000, h.loss]), 'thousands of images');
}

function chart(id, title, details, points, xLabel) {
  const xs = [...new Set(details.flatMap(d => points(d).map(p => p[0])))].sort((a, b) => a - b);
  const data = [xs, ...details.map(d => { const m = new Map(points(d)); return xs.map(x => m.has(x) ? m.get(x) : null); })];
  const colours = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bf8700', '#57606a'];
  const opts = {title, width: 520, height: 260, scales: {x: {time: false}}, axes: [{label: xLabel}, {}],
    series: [{label: xLabel}, ...details.map((d, i) => ({label: d.id, stroke: colours[i % colours.length], spanGaps: true, points: {show: xs.length < 30}}))]};
  if (charts[id]) charts[id].destroy();
  document.getElementById(id).replaceChildren();
  charts[id] = details.length ? new uPlot(opts, data, document.getElementById(id)) : null;
}

// Confusion explorer
const confusionRun = document.getElementById('confusion-run');
confusionRun.addEventListener('change', loadConfusion);
async function loadConfusion() {
  const id = confusionRun.value;
  const table = document.getElementById('confusion-table');
  table.replaceChildren();
  if (!id) return;
  const run = await api(`/api/runs/${encodeURIComponent(id)}`);
  const m = run.metrics && run.metrics.confusion;
  if (!m) return;
  const max = Math.max(...m.flat());
  table.append(el('tr', {}, el('th', {}, ''), ...m.map((_, p) => el('th', {}, p))));
  m.forEach((row, t) => table.append(el('tr', {}, el('th', {}, t), ...row.map((n, p) => {
    const shade = Math.round(255 - 200 * Math.sqrt(n / max));
    const td = el('td', {'data-true': t, 'data-pred': p, onclick: () => showCell(id, t, p)}, n || '');
    td.style.background = t === p ? `rgb(${shade},${shade},255)` : n ? `rgb(255,${shade},${shade})` : '';
    if (shade < 140) td.style.color = 'white';
    return td;
  }))));
}

function paint(canvas, pixels, size) {
  const g = canvas.getContext('2d');
  const image = g.createImageData(size, size);
  pixels.forEach((v, i) => { const c = Math.round(255 * v); image.data.set([c, c, c, 255], 4 * i); });
  g.putImageData(image, 0, 0);
}

async function showCell(id, t, p) {
  const title = document.getElementById('cell-title');
  const box = document.getElementById('cell-images');
  title.textContent = `true ${t}, predicted ${p}: loading…`;
  box.replaceChildren();
  const cell = await api(`/api/runs/${encodeURIComponent(id)}/confusion/${t}/${p}`);
  title.textContent = `true ${t}, predicted ${p}: ${cell.count} test image${cell.count === 1 ? '' : 's'}` + (cell.count > cell.images.length ? ` (the ${cell.images.length} most confident)` : '');
  for (const image of cell.images) {
    const canvas = el('canvas', {width: 28, height: 28});
    paint(canvas, image.pixels, 28);
    const figure = el('figure', {'data-index': image.index, onclick: () => {
      box.querySelectorAll('figure.chosen').forEach(f => f.classList.remove('chosen'));
      figure.classList.add('chosen');
      inspect(document.getElementById('cell-inspect'), id, {index: image.index});
    }}, canvas, el('figcaption', {}, `#${image.index} p=${image.probability.toFixed(2)}`));
    box.append(figure);
  }
  document.getElementById('cell-hint').hidden = cell.images.length === 0;
}

// Inside the network (docs/inspect.md): the picture beside its saliency and Grad-CAM overlays,
// then each layer's first feature maps, or its values as bars. A view is asked for a test image
// by index or for a picture; the box keeps only the newest answer and counts requests in flight.
function overlay(canvas, pixels, heat) {
  const largest = Math.max(...heat.map(Math.abs)) || 1;
  const g = canvas.getContext('2d');
  const image = g.createImageData(28, 28);
  pixels.forEach((v, i) => {
    const grey = 0.75 * Math.min(1, Math.max(0, v)), h = Math.abs(heat[i]) / largest;
    const rgb = [grey * (1 - h) + h, grey * (1 - h) + h * Math.max(0, 2 * h - 1), grey * (1 - h)];
    image.data.set([...rgb.map(c => Math.round(255 * c)), 255], 4 * i);
  });
  g.putImageData(image, 0, 0);
}

function scaledMap(values, from, rows, cols) {
  const map = values.slice(from, from + rows * cols);
  const min = Math.min(...map), max = Math.max(...map);
  return map.map(v => max > min ? (v - min) / (max - min) : 0);
}

function layerView(layer) {
  const box = el('div', {class: 'layer', 'data-layer': layer.index},
    el('h4', {}, `${layer.index} ${layer.name} [${layer.shape.join(', ')}]`));
  if (layer.mapsSent) {
    const [channels, rows, cols] = layer.shape;
    const maps = el('div', {class: 'maps'});
    for (let m = 0; m < layer.mapsSent; m++) {
      const canvas = el('canvas', {width: cols, height: rows});
      const g = canvas.getContext('2d'), image = g.createImageData(cols, rows);
      scaledMap(layer.values, m * rows * cols, rows, cols).forEach((v, i) => {
        const c = Math.round(255 * v); image.data.set([c, c, c, 255], 4 * i);
      });
      g.putImageData(image, 0, 0);
      maps.append(canvas);
    }
    if (channels > layer.mapsSent) maps.append(el('span', {class: 'hint'}, `first ${layer.mapsSent} of ${channels}`));
    box.append(maps);
  } else {
    const values = layer.values, n = Math.min(values.length, 256), canvas = el('canvas', {class: 'bars', width: 2 * n, height: 40});
    const pooled = Array.from({length: n}, (_, b) => Math.max(...values.slice(Math.floor(b * values.length / n), Math.floor((b + 1) * values.length / n))));
    const scaled = scaledMap(pooled, 0, 1, n), g = canvas.getContext('2d');
    g.fillStyle = '#0969da';
    scaled.forEach((v, b) => g.fillRect(2 * b, 40 - Math.max(1, Math.round(40 * v)), 2, 40));
    box.append(canvas);
  }
  return box;
}

// While a drawing changes, one view at a time: the newest drawing waits for the answer in flight.
function inspectLatest(box, id, source) {
  if (+box.dataset.pending > 0) { box.queued = [id, source]; return; }
  inspect(box, id, source).then(() => { const next = box.queued; box.queued = null; if (next) inspectLatest(box, ...next); });
}

async function inspect(box, id, source) {
  const base = `/api/runs/${encodeURIComponent(id)}`;
  const ask = view => source.index != null ? api(`${base}/test/${source.index}/${view}`)
    : api(`${base}/${view}`, {method: 'POST', body: source.blob, headers: {'Content-Type': 'application/octet-stream'}});
  const n = box.asked = (box.asked || 0) + 1;
  box.dataset.pending = (+box.dataset.pending || 0) + 1;
  try {
    const [activations, saliency, cam] = await Promise.all([ask('activations'), ask('saliency'),
      ask('gradcam').catch(e => ({error: e.message}))]);
    if (n < (box.shown || 0)) return;
    box.shown = n;
    const views = el('div', {class: 'views'});
    const picture = el('canvas', {width: 28, height: 28});
    paint(picture, activations.input, 28);
    views.append(el('figure', {}, picture, el('figcaption', {}, source.index != null ? `test image ${source.index}` : 'what the model sees')));
    const salient = el('canvas', {width: 28, height: 28});
    overlay(salient, activations.input, saliency.values);
    views.append(el('figure', {class: 'saliency', 'data-class': saliency.class}, salient, el('figcaption', {}, `saliency of ${saliency.class}`)));
    if (cam.error) {
      views.append(el('figure', {class: 'gradcam'}, el('figcaption', {}, cam.error)));
    } else {
      const heat = el('canvas', {width: 28, height: 28});
      overlay(heat, activations.input, cam.values);
      views.append(el('figure', {class: 'gradcam', 'data-class': cam.class}, heat, el('figcaption', {}, `Grad-CAM of ${cam.class} at layer ${cam.layer}`)));
    }
    box.replaceChildren(views, ...activations.layers.map(layerView));
  } catch (e) {
    box.replaceChildren(el('p', {class: 'error'}, e.message));
  } finally {
    box.dataset.pending = +box.dataset.pending - 1;
  }
}

// Drawing
const pad = document.getElementById('draw-canvas');
const pen = pad.getContext('2d');
function clearPad() {
  pen.fillStyle = 'white'; pen.fillRect(0, 0, pad.width, pad.height);
  document.getElementById('prediction-label').textContent = '–';
  document.getElementById('top3').replaceChildren();
  document.getElementById('draw-inspect').replaceChildren();
}
clearPad();
pen.lineWidth = 18; pen.lineCap = 'round'; pen.lineJoin = 'round'; pen.strokeStyle = 'black';
let drawing = false, last = null, throttle = null;
const at = e => { const r = pad.getBoundingClientRect(); return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height]; };
pad.addEventListener('pointerdown', e => { drawing = true; last = at(e); pad.setPointerCapture(e.pointerId); });
pad.addEventListener('pointermove', e => {
  if (!drawing) return;
  const p = at(e);
  pen.beginPath(); pen.moveTo(...last); pen.lineTo(...p); pen.stroke();
  last = p;
  if (!throttle) throttle = setTimeout(() => { throttle = null; if (drawing) predictPad(); }, 250);
});
pad.addEventListener('pointerup', () => { drawing = false; predictPad(); });
document.getElementById('clear').addEventListener('click', clearPad);
document.getElementById('picture').addEventListener('change', e => e.target.files[0] && predictBlob(e.target.files[0]));
pad.addEventListener('dragover', e => e.preventDefault());
pad.addEventListener('drop', e => { e.preventDefault(); if (e.dataTransfer.files[0]) predictBlob(e.dataTransfer.files[0]); });

// Answers can arrive out of order: only one newer than the last shown is shown. The count of
// requests in flight is on #prediction (data-pending) for whoever waits for the final answer.
let asked = 0, shown = 0, pending = 0;
const inFlight = n => { pending += n; document.getElementById('prediction').dataset.pending = pending; };

// The server prepares every picture as MNIST was made (cropped to the ink, fitted into 20×20): an
// 84×84 copy of the canvas holds all a 28×28 input needs, and decoding it costs the server about a
// tenth of the 280×280 canvas, CPU a training running alongside keeps (docs/performance.md).
const SENT = 84;
function predictPad() {
  inFlight(1);
  const copy = el('canvas', {width: SENT, height: SENT});
  const g = copy.getContext('2d');
  g.imageSmoothingQuality = 'high';
  g.drawImage(pad, 0, 0, SENT, SENT);
  copy.toBlob(blob => predictBlob(blob).finally(() => inFlight(-1)), 'image/png');
}

async function predictBlob(blob) {
  const id = document.getElementById('draw-run').value;
  const error = document.getElementById('draw-error');
  const n = ++asked;
  error.textContent = '';
  try {
    const path = id ? `/api/runs/${encodeURIComponent(id)}/predict` : '/api/predict';
    const answer = await api(path, {method: 'POST', body: blob, headers: {'Content-Type': 'application/octet-stream'}});
    if (n < shown) return;
    shown = n;
    document.getElementById('prediction-label').textContent = answer.classes[answer.label];
    const order = answer.probabilities.map((p, c) => [p, c]).sort((a, b) => b[0] - a[0]).slice(0, 3);
    document.getElementById('top3').replaceChildren(...order.map(([p, c]) => {
      const fill = el('div', {class: 'fill'});
      fill.style.width = Math.max(2, Math.round(200 * p)) + 'px';
      return el('div', {class: 'bar', 'data-class': c}, el('span', {class: 'name'}, answer.classes[c]), fill, el('span', {}, (100 * p).toFixed(1) + ' %'));
    }));
    if (id) inspectLatest(document.getElementById('draw-inspect'), id, {blob});
    const seen = document.getElementById('model-input');
    const small = el('canvas', {width: 28, height: 28});
    paint(small, answer.input, 28);
    const g = seen.getContext('2d');
    g.imageSmoothingEnabled = false;
    g.drawImage(small, 0, 0, seen.width, seen.height);
  } catch (e) {
    error.textContent = e.message;
  }
}

// Live training: server-sent events; the browser reconnects by itself and the server sends what
// the page missed (all of it after a reload).
const live = {records: [], charts: {}};
function liveReset(start) {
  live.records = [];
  document.querySelector('#live-epochs tbody').replaceChildren();
  document.getElementById('live-stop').disabled = false;
  live.start = start;
}
function liveChart(id, title, points) {
  const data = [points.map(p => p[0]), points.map(p => p[1])];
  if (!live.charts[id]) {
    live.charts[id] = new uPlot({title, width: 520, height: 240, scales: {x: {time: false}},
      axes: [{label: 'thousands of images'}, {}], series: [{label: 'thousands of images'}, {label: title, stroke: '#0969da'}]},
      data, document.getElementById(id));
  } else {
    live.charts[id].setData(data);
  }
}
function onLive(event) {
  document.getElementById('live-tab').hidden = false;
  const status = document.getElementById('live-status');
  if (event.type === 'start') {
    liveReset(event);
    status.textContent = `training on ${event.device}: epochs ${event.firstEpoch}-${event.epochs}, ${event.batchesPerEpoch} batches of ${event.batchSize}`;
  } else if (event.type === 'progress') {
    status.textContent = `epoch ${event.epoch} of ${live.start ? live.start.epochs : '?'}, batch ${event.batch}: ` +
      `${Math.round(event.imagesPerSecond)} images/s, about ${Math.round(event.secondsLeft)} s left`;
  } else if (event.type === 'record') {
    live.records.push(event);
    liveChart('live-loss', 'loss', live.records.map(r => [r.samplesSeen / 1000, r.loss]));
    liveChart('live-accuracy', 'accuracy (%)', live.records.map(r => [r.samplesSeen / 1000, 100 * r.accuracy]));
  } else if (event.type === 'epoch') {
    document.querySelector('#live-epochs tbody').append(el('tr', {'data-epoch': event.epoch},
      el('td', {}, event.epoch), el('td', {}, event.loss.toFixed(4)), el('td', {}, (100 * event.trainAccuracy).toFixed(2) + ' %'),
      el('td', {}, event.validationAccuracy == null ? '–' : (100 * event.validationAccuracy).toFixed(2) + ' %'),
      el('td', {}, (100 * event.testAccuracy).toFixed(2) + ' %'), el('td', {}, event.seconds.toFixed(1) + ' s'),
      el('td', {}, Math.round(event.imagesPerSecond))));
  } else if (event.type === 'end') {
    document.getElementById('live-stop').disabled = true;
    status.textContent = event.cancelled ? 'stopped: the last finished epoch\'s checkpoint stays'
      : `finished: test accuracy ${(100 * event.testAccuracy).toFixed(2)} %` + (event.runDir ? ` (run ${event.runDir})` : '');
    status.dataset.ended = 'true';
    loadRuns();
  }
  if (event.type !== 'end') delete status.dataset.ended;
}
const stopToken = document.querySelector('meta[name=stop-token]').content;
document.getElementById('live-stop').addEventListener('click',
  () => fetch('/api/live/stop', {method: 'POST', headers: {'X-Stop-Token': stopToken}}));
new EventSource('/api/live').onmessage = m => onLive(JSON.parse(m.data));

loadRuns().catch(e => document.body.append(el('p', {class: 'error'}, 'could not load the runs: ' + e.message)));
