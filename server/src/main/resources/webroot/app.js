// ColdWatch live page: one card per store, its gateways' health and the latest reading of every sensor.
// Loads /api/stores, then /api/stores/{id}/latest, then follows /api/live (Server-Sent Events) and updates in place.
// All user-facing text comes from the message bundle served by /api/i18n; nothing is hard-coded here.

const LANGUAGES = ['zh-CN', 'en'];
const lang = pickLanguage();
// GB/T 24616-2019: chilled food stays below 8 °C; a temperature above this is shown in the warning colour.
const CHILLED_FOOD_MAX_CELSIUS = 8;
const KIND_ORDER = ['temperature', 'humidity', 'weight', 'door', 'door-open-duration'];
const STREAM_RETRY_MS = 5000;
const LOAD_RETRY_MS = 10000;

const timeFormat = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
// signDisplay 'negative' keeps a reading of -0.04 °C from showing as "-0.0".
const oneDecimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'negative' });
const noDecimals = new Intl.NumberFormat(lang, { maximumFractionDigits: 0, signDisplay: 'negative' });

let messages = {};
let streamOpenedBefore = false;
let reloadTimer = null;

function pickLanguage() {
  const asked = (new URLSearchParams(location.search).get('lang') || '').toLowerCase();
  return asked.startsWith('en') ? 'en' : 'zh-CN';
}

/** The bundle's text for key with {0}, {1}, … replaced; the key itself when the bundle lacks it. */
function t(key, ...args) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (match, i) => (args[i] ?? match).toString());
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function byData(name, value, root = document) {
  return root.querySelector(`[data-${name}="${CSS.escape(value)}"]`);
}

// ---- formatting -------------------------------------------------------------------------------------------------

function formatValue(kind, value, unit) {
  switch (kind) {
    case 'temperature': return t('value.temperature', oneDecimal.format(value));
    case 'humidity': return t('value.humidity', noDecimals.format(value));
    case 'weight': return t('value.weight', oneDecimal.format(value));
    case 'door': return t(value >= 0.5 ? 'door.open' : 'door.closed');
    case 'door-open-duration': return t('value.duration', Math.floor(value / 60), Math.round(value % 60));
    default: return `${value} ${unit ?? ''}`.trim();
  }
}

function formatAgo(timeMs) {
  if (!timeMs) return t('time.never');
  const seconds = Math.max(0, Math.floor((Date.now() - timeMs) / 1000));
  if (seconds < 60) return t('time.secondsAgo', seconds);
  if (seconds < 3600) return t('time.minutesAgo', Math.floor(seconds / 60));
  if (seconds < 86400) return t('time.hoursAgo', Math.floor(seconds / 3600));
  return t('time.daysAgo', Math.floor(seconds / 86400));
}

const isTooWarm = (kind, value) => kind === 'temperature' && value > CHILLED_FOOD_MAX_CELSIUS;

// ---- page frame ---------------------------------------------------------------------------------------------------

function applyStaticTexts() {
  document.documentElement.lang = lang;
  document.title = t('app.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  const other = LANGUAGES.find((candidate) => candidate !== lang);
  const link = document.getElementById('lang-switch');
  link.href = `?lang=${other}`;
  link.hreflang = other;
  link.lang = other;
  link.textContent = t('lang.switch');
  link.setAttribute('aria-label', t('lang.switchLabel'));
}

function setConnection(state) {
  const indicator = document.getElementById('connection');
  indicator.dataset.state = state;
  indicator.querySelector('.label').textContent = t(`connection.${state}`);
}

function showMessage(key, className) {
  document.getElementById('stores').replaceChildren(element('p', { class: className }, t(key)));
}

// ---- stores and gateways ----------------------------------------------------------------------------------------

function renderStores(stores) {
  const main = document.getElementById('stores');
  main.setAttribute('aria-busy', 'false');
  if (stores.length === 0) {
    showMessage('stores.empty', 'empty');
    return;
  }
  main.replaceChildren(...stores.map(renderStoreCard));
}

function renderStoreCard(store) {
  const heading = element('header', { class: 'store-head' }, element('h2', {}, store.name || store.id));
  if (store.region) heading.append(element('span', { class: 'region' }, store.region));
  const gateways = element('ul', { class: 'gateways' }, ...(store.gateways ?? []).map(renderGateway));
  const readings = element('div', { class: 'readings' }, element('p', { class: 'no-readings' }, t('readings.none')));
  return element('section', { class: 'store', 'data-store': store.id }, heading, gateways, readings);
}

function renderGateway(gateway) {
  const item = element('li', { class: 'gateway', 'data-gateway': gateway.id },
    element('span', { class: 'badge' }), element('span', { class: 'gateway-id' }, gateway.id),
    element('span', { class: 'ago' }));
  setGatewayOnline(item, gateway.online);
  setGatewayLastSeen(item, gateway.lastSeenMs);
  return item;
}

function setGatewayOnline(item, online) {
  item.dataset.online = String(Boolean(online));
  item.querySelector('.badge').textContent = t(online ? 'gateway.online' : 'gateway.offline');
}

function setGatewayLastSeen(item, timeMs) {
  item.dataset.lastSeenMs = timeMs ? String(timeMs) : '';
  item.querySelector('.ago').textContent = t('gateway.lastUpdate', formatAgo(timeMs));
}

function refreshAges() {
  for (const item of document.querySelectorAll('.gateway')) {
    setGatewayLastSeen(item, Number(item.dataset.lastSeenMs) || 0);
  }
}

// ---- readings -----------------------------------------------------------------------------------------------------

function sortKey(gatewayId, sensorId, kind) {
  const kindRank = KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length;
  return `${gatewayId} ${sensorId} ${kindRank}${kind}`; // ids hold no spaces, so ' ' sorts first
}

function insertReadingRow(card, reading, key) {
  const value = element('span', { class: 'value', 'data-sensor': key });
  const row = element('div', { class: 'reading', 'data-order': sortKey(reading.gatewayId, reading.sensorId, reading.kind) },
    element('div', { class: 'what' },
      element('span', { class: 'sensor', title: reading.gatewayId }, reading.sensorId),
      element('span', { class: 'kind' }, messages[`kind.${reading.kind}`] ?? reading.kind)),
    element('div', { class: 'now' }, value, element('time', { class: 'at' })));
  const list = card.querySelector('.readings');
  list.querySelector('.no-readings')?.remove();
  const next = [...list.children].find((other) => other.dataset.order > row.dataset.order);
  list.insertBefore(row, next ?? null);
  return value;
}

/** Shows a reading; returns false when its store has no card (the page must reload its store list). */
function showReading(storeId, reading, highlight) {
  const card = byData('store', storeId);
  if (!card) return false;
  const key = `${reading.gatewayId}/${reading.sensorId}/${reading.kind}`;
  const value = byData('sensor', key, card) ?? insertReadingRow(card, reading, key);
  if (Number(value.dataset.timeMs) > reading.timeMs) return true; // an outbox backlog arrives oldest first
  const text = formatValue(reading.kind, reading.value, reading.unit);
  const changed = value.textContent !== '' && value.textContent !== text;
  value.textContent = text;
  value.dataset.value = String(reading.value);
  value.dataset.timeMs = String(reading.timeMs);
  const tooWarm = isTooWarm(reading.kind, reading.value);
  value.classList.toggle('warn', tooWarm);
  if (tooWarm) value.title = t('reading.tooWarm'); else value.removeAttribute('title');
  const at = value.parentElement.querySelector('time');
  at.dateTime = new Date(reading.timeMs).toISOString();
  at.textContent = timeFormat.format(reading.timeMs);
  if (changed && highlight) flash(value);
  return true;
}

function flash(node) {
  node.classList.add('changed');
  requestAnimationFrame(() => requestAnimationFrame(() => node.classList.remove('changed')));
}

// ---- loading and the live stream --------------------------------------------------------------------------------

async function loadEverything() {
  try {
    const stores = await getJson('/api/stores');
    renderStores(stores);
    await Promise.all(stores.map(loadLatest));
  } catch (error) {
    console.warn('ColdWatch: loading failed', error);
    showMessage('stores.loadError', 'load-error');
    setTimeout(loadEverything, LOAD_RETRY_MS);
  }
}

async function loadLatest(store) {
  const readings = await getJson(`/api/stores/${encodeURIComponent(store.id)}/latest`);
  for (const reading of readings) showReading(store.id, reading, false);
}

function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(loadEverything, 500);
}

function onReadingEvent(event) {
  if (!showReading(event.storeId, event, true)) return scheduleReload();
  const item = byData('gateway', event.gatewayId);
  if (item) setGatewayLastSeen(item, Date.now());
}

function onGatewayEvent(event) {
  const item = byData('gateway', event.gatewayId);
  if (!item) return scheduleReload();
  setGatewayOnline(item, event.online);
  if (event.online) setGatewayLastSeen(item, Date.now());
}

function parsed(handler) {
  return (message) => {
    try {
      handler(JSON.parse(message.data));
    } catch (error) {
      console.warn('ColdWatch: ignored a live event', message.type, error);
    }
  };
}

function openLiveStream() {
  const source = new EventSource('/api/live');
  source.addEventListener('open', () => {
    setConnection('live');
    if (streamOpenedBefore) scheduleReload(); // catch up on what happened while disconnected
    streamOpenedBefore = true;
  });
  source.addEventListener('error', () => {
    setConnection('reconnecting');
    if (source.readyState === EventSource.CLOSED) { // the browser gave up (e.g. an HTTP error): retry ourselves
      source.close();
      setTimeout(openLiveStream, STREAM_RETRY_MS);
    }
  });
  source.addEventListener('reading', parsed(onReadingEvent));
  source.addEventListener('gateway', parsed(onGatewayEvent));
}

async function start() {
  messages = await getJson(`/api/i18n?lang=${encodeURIComponent(lang)}`)
    .catch((error) => { console.warn('ColdWatch: message bundle unavailable', error); return {}; });
  applyStaticTexts();
  setConnection('reconnecting');
  await loadEverything();
  openLiveStream();
  setInterval(refreshAges, 1000);
}

start();
