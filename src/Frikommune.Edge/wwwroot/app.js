'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const page = { csrf: '', role: '', known: null, clockOffset: 0, session: null, timer: null, audio: null };
  window.frikommune = { beeps: 0 }; // read by the browser tests

  const KINDS = {
    'door-assistance': 'Hjælp ved døren', 'door-forced': 'Dør brudt op', 'door-held-open': 'Dør holdt åben',
    'fire-release': 'Brandudløsning', 'seizure': 'Epileptisk anfald', 'breathing': 'Vejrtrækning',
    'heart-rate': 'Puls', 'bed-exit': 'Ude af sengen', 'motion-night': 'Bevægelse om natten',
    'sensor-silent': 'Sensor svarer ikke', 'technical': 'Teknisk fejl',
  };
  const PRIORITIES = { high: 'Høj', medium: 'Middel', low: 'Lav' };
  const MODES = { 'free': 'Fri', 'special-opener': 'Særlig døråbner', 'fire-release': 'Brandudløst', 'fault': 'Fejl' };
  const REFUSALS = {
    'unknown-room': 'Rummet kendes ikke af gatewayen.',
    'camera-unavailable': 'Kameraet svarer ikke lige nu.',
    'indicator-missing': 'Rummet har ingen lampe, der viser, når kameraet er tændt, så der må ikke kigges ind (§ 128 b).',
    'clock-untrusted': 'Gatewayens ur er ikke pålideligt, så der kan ikke kigges ind nu.',
    'no-valid-decision': 'Der er ingen gyldig afgørelse om tilsyn med kamera for dette rum.',
    'objection': 'Beboeren har sagt fra over for tilsyn med kamera.',
    'not-situational': 'Der må kun kigges ind, når der er en alarm fra rummet.',
    'busy': 'Der kigges allerede ind i rummet.',
    'quota': 'Det tilladte antal kig er brugt for nu.',
  };

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function time(iso) {
    return iso ? new Date(iso).toLocaleString('da-DK', { dateStyle: 'short', timeStyle: 'medium' }) : '–';
  }
  function where(a) { return [a.room && 'Rum ' + a.room, a.door && 'Dør ' + a.door].filter(Boolean).join(', ') || 'Gatewayen'; }

  async function api(method, url, body) {
    const headers = { 'X-CSRF-Token': page.csrf };
    const init = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    const response = await fetch(url, init);
    if (response.status === 401) { location.href = '/login'; throw new Error('logged out'); }
    return response;
  }

  // A short beep made here, so no sound file is fetched from anywhere.
  function beep() {
    window.frikommune.beeps++;
    try {
      page.audio = page.audio || new AudioContext();
      const ctx = page.audio, osc = ctx.createOscillator(), gain = ctx.createGain();
      osc.type = 'square'; osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
      osc.connect(gain).connect(ctx.destination);
      osc.start(); osc.stop(ctx.currentTime + 0.4);
      $('sound').hidden = ctx.state !== 'suspended';
    } catch (e) { /* no audio device: the red pulse still shows */ }
  }

  function showAlarms(alarms) {
    const list = $('alarms');
    list.replaceChildren();
    $('no-alarms').hidden = alarms.length > 0;
    let fresh = false;
    for (const a of alarms) {
      if (page.known && !page.known.has(a.id) && a.state === 'raised') fresh = true;
      const li = el('li', null, `alarm ${a.priority} ${a.state}`);
      li.dataset.id = a.id;
      const what = el('div', null, 'what');
      what.append(el('strong', KINDS[a.kind] || a.kind), el('span', `${where(a)} · ${time(a.raisedAt)} · ${PRIORITIES[a.priority] || a.priority}`));
      what.append(el('div', a.state === 'acknowledged' ? `Kvitteret af ${a.ackedBy}` : (a.escalation > 0 ? `Ny – rykket ${a.escalation} gang(e)` : 'Ny'), 'state quiet'));
      const actions = el('div', null, 'actions');
      if (a.state === 'raised') actions.append(button('Kvittér', () => alarmAction(a.id, 'ack'), 'ack'));
      actions.append(button('Afslut', () => alarmAction(a.id, 'resolve'), 'resolve secondary'));
      li.append(what, actions);
      list.append(li);
    }
    page.known = new Set(alarms.map((a) => a.id));
    if (fresh) beep();
  }

  function button(text, onClick, cls) {
    const b = el('button', text, cls);
    b.type = 'button';
    b.addEventListener('click', async () => { b.disabled = true; try { await onClick(); } finally { b.disabled = false; } });
    return b;
  }

  async function alarmAction(id, action) {
    const r = await api('POST', `/api/alarms/${encodeURIComponent(id)}/${action}`);
    if (!r.ok && r.status !== 409) alert('Det lykkedes ikke. Prøv igen.');
  }

  function showDoors(doors) {
    const list = $('doors');
    list.replaceChildren();
    for (const d of doors) {
      const li = el('li');
      li.dataset.id = d.id;
      const text = el('div');
      text.append(el('strong', d.name || d.id), el('div', `${MODES[d.mode] || d.mode} · ${d.locked ? 'låst' : 'ikke låst'} · ${d.open ? 'åben' : 'lukket'}`, 'quiet'));
      li.append(text, button('Luk op 10 sek.', async () => {
        const r = await api('POST', `/api/doors/${encodeURIComponent(d.id)}/release`, { seconds: 10 });
        if (!r.ok) alert('Døren kunne ikke lukkes op.');
      }, 'release'));
      list.append(li);
    }
  }

  function showRooms(rooms) {
    const list = $('rooms');
    list.replaceChildren();
    for (const r of rooms) {
      const li = el('li');
      li.dataset.id = r.id;
      const text = el('div');
      text.append(el('strong', 'Rum ' + r.id));
      if (r.viewing) text.append(' ', el('span', 'Kameraet ses nu', 'badge viewing'));
      li.append(text, button('Kig ind', () => checkIn(r.id), 'checkin-button'));
      list.append(li);
    }
  }

  function say(text) {
    const m = $('checkin-message');
    m.textContent = text; m.hidden = !text;
  }

  async function checkIn(room) {
    const reason = $('checkin-reason').value.trim();
    if (!reason) { say('Skriv en årsag til kigget først.'); $('checkin-reason').focus(); return; }
    say('');
    const r = await api('POST', '/api/checkins', { room, reason });
    const body = await r.json().catch(() => ({}));
    if (r.status === 201) return openStream(body);
    if (r.status === 403 && body.reason === 'cooldown') return say(await cooldown(room));
    say(r.status === 403 && body.reason ? REFUSALS[body.reason] || `Kigget blev afvist (${body.reason}).`
      : r.status === 403 ? 'Du har ikke lov til at kigge ind.' : 'Kigget kunne ikke startes.');
  }

  async function cooldown(room) {
    try {
      const r = await api('GET', `/api/page/rooms/${encodeURIComponent(room)}/checkin-gap`);
      const seconds = r.ok ? (await r.json()).minGapSeconds : 0;
      if (seconds > 0) return `Der skal gå mindst ${Math.ceil(seconds / 60)} minutter mellem to kig.`;
    } catch (e) { /* fall through to the general text */ }
    return 'Der skal gå et stykke tid mellem to kig. Prøv igen senere.';
  }

  function openStream(session) {
    page.session = session;
    $('checkin-title').textContent = `Kigger ind i rum ${session.room}`;
    $('stream').src = session.streamUrl;
    $('checkin').hidden = false;
    clearInterval(page.timer);
    tick();
    page.timer = setInterval(tick, 250);
  }

  function tick() {
    if (!page.session) return;
    const left = Math.ceil((Date.parse(page.session.expiresAt) - (Date.now() + page.clockOffset)) / 1000);
    if (left <= 0) return endStream('Kigget er slut.');
    $('countdown').textContent = String(left);
  }

  function endStream(text) {
    clearInterval(page.timer);
    page.session = null;
    $('stream').removeAttribute('src'); // closes the picture's connection
    $('checkin').hidden = true;
    $('countdown').textContent = '0';
    say(text);
  }

  function connect() {
    const events = new EventSource('/api/events');
    events.onopen = () => { $('connection').textContent = 'Forbundet'; $('connection').className = 'connection on'; };
    events.onerror = () => { $('connection').textContent = 'Afbrudt – forbinder igen'; $('connection').className = 'connection off'; };
    events.addEventListener('alarms', (e) => showAlarms(JSON.parse(e.data)));
    events.addEventListener('doors', (e) => showDoors(JSON.parse(e.data)));
    events.addEventListener('rooms', (e) => showRooms(JSON.parse(e.data)));
  }

  // ---- technician ----
  async function loadTechnician() {
    if ($('view-technician').hidden) return;
    const [decisions, status, audit] = await Promise.all([
      api('GET', '/api/decisions').then((r) => r.json()),
      api('GET', '/api/status').then((r) => r.json()),
      api('GET', '/api/audit/recent?count=50').then((r) => r.json()),
    ]);
    const rows = $('decisions');
    rows.replaceChildren();
    for (const d of decisions) {
      const tr = el('tr');
      tr.append(el('td', d.id), el('td', d.issuer || '–'), el('td', d.basis), el('td', d.measures.join(', ')),
        el('td', `${time(d.nbf)} – ${time(d.exp)}`), el('td', d.state, d.state === 'valid' ? 'good' : ''));
      rows.append(tr);
    }
    const health = $('health');
    health.replaceChildren();
    const add = (name, value, good) => { health.append(el('dt', name), el('dd', value, good === undefined ? '' : good ? 'good' : 'bad')); };
    add('Version', status.version);
    add('Ur', status.clock.trusted ? 'Pålideligt' : `Ikke pålideligt: ${status.clock.problem || ''}`, status.clock.trusted);
    const mqtt = status.parts && status.parts.mqtt;
    if (mqtt) add('MQTT', `${mqtt.connected ? 'Forbundet' : 'Ikke forbundet'} (${mqtt.broker}), kø: ${mqtt.queued}`, mqtt.connected);
    for (const [name, part] of Object.entries(status.parts || {})) {
      if (name === 'mqtt' || name === 'doors') continue;
      add(name === 'gpio' ? 'GPIO' : name, JSON.stringify(part));
    }
    add('Simulering', status.simulate ? 'Ja' : 'Nej');
    const log = $('audit');
    log.replaceChildren();
    for (const a of audit.reverse()) {
      const tr = el('tr');
      tr.append(el('td', String(a.seq)), el('td', time(a.time)), el('td', a.kind), el('td', a.actor),
        el('td', [a.decision, a.door, a.room, a.alarm, a.session].filter(Boolean).join(' ')));
      log.append(tr);
    }
  }

  function simMessage(text) { $('sim-message').textContent = text; }

  async function pin(p, value) {
    const r = await api('PUT', `/api/sim/gpio/${p}`, { value });
    if (!r.ok) throw new Error(`pin ${p}: ${r.status}`);
  }

  function showSimulation(sim) {
    if (!sim) return;
    $('simulation').hidden = false;
    const doors = $('sim-doors');
    for (const d of sim.doors) {
      doors.append(el('h3', d.name || d.id));
      for (const [label, p] of [['Tryk knap A', d.buttonA], ['Tryk knap B', d.buttonB]]) {
        if (p == null) continue;
        doors.append(button(label, async () => { await pin(p, 'low'); await pin(p, 'high'); simMessage(`${label} på ${d.id}`); }, 'secondary'));
      }
      if (d.contact != null) {
        doors.append(button('Åbn døren', async () => { await pin(d.contact, 'high'); simMessage(`${d.id} åbnet`); }, 'secondary'));
        doors.append(button('Luk døren', async () => { await pin(d.contact, 'low'); simMessage(`${d.id} lukket`); }, 'secondary'));
      }
    }
    const sensors = $('sim-sensors');
    for (const s of sim.sensors) {
      sensors.append(el('h3', `${s.id} (rum ${s.room})`));
      for (const [label, payload] of sensorPayloads(s)) {
        sensors.append(button(label, async () => {
          const r = await api('POST', `/api/sim/sensors/${encodeURIComponent(s.id)}`, payload);
          const b = await r.json().catch(() => ({}));
          simMessage(`${s.id}: ${label} → ${b.outcome || r.status}`);
        }, 'secondary sim-sensor'));
      }
    }
  }

  function sensorPayloads(s) {
    if (s.format === 'zigbee2mqtt') return s.kind === 'motion'
      ? [['Bevægelse', { occupancy: true }], ['Ingen bevægelse', { occupancy: false }]]
      : [['I seng', { occupancy: true }], ['Ude af seng', { occupancy: false }]];
    return s.kind === 'motion'
      ? [['Bevægelse', { motion: true }], ['Ingen bevægelse', { motion: false }]]
      : [['Anfald', { event: 'seizure' }], ['Ude af seng', { event: 'out-of-bed' }], ['I seng', { event: 'in-bed' }]];
  }

  function showView(name) {
    for (const tab of document.querySelectorAll('.tab')) tab.classList.toggle('active', tab.dataset.view === name);
    $('view-staff').hidden = name !== 'staff';
    $('view-technician').hidden = name !== 'technician';
    if (name === 'technician') loadTechnician();
  }

  async function start() {
    const session = await (await api('GET', '/api/session')).json();
    page.csrf = session.csrf || '';
    page.role = session.role;
    $('user').textContent = `${session.name} (${session.role === 'technician' ? 'tekniker' : 'personale'})`;
    const asked = Date.now();
    const info = await (await api('GET', '/api/page')).json();
    // The tablet's clock may be off; countdowns follow the gateway's, read at the middle of the round trip.
    page.clockOffset = Date.parse(info.now) - (asked + Date.now()) / 2;
    if (info.site) { $('site').textContent = info.site; document.title = `${info.site} – Frikommune Edge`; }
    for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => showView(tab.dataset.view));
    if (session.role === 'technician') {
      $('technician-tab').hidden = false;
      showSimulation(info.simulation);
      setInterval(() => loadTechnician().catch(() => {}), 5000);
    }
    $('logout').addEventListener('click', async () => { await api('POST', '/logout'); location.href = '/login?ude=1'; });
    $('checkin-close').addEventListener('click', () => endStream(''));
    $('sound').addEventListener('click', () => { if (page.audio) page.audio.resume(); $('sound').hidden = true; });
    document.addEventListener('click', () => { if (page.audio && page.audio.state === 'suspended') page.audio.resume(); });
    connect();
  }

  start();
})();
