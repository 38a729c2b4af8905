'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const F = window.frikommune = window.frikommune || {};
  const page = { csrf: '', role: '', known: null, levels: new Map(), clockOffset: 0, session: null, timer: null };

  const KINDS = {
    'door-assistance': 'Hjælp ved døren', 'door-forced': 'Dør brudt op', 'door-held-open': 'Dør holdt åben',
    'fire-release': 'Brandudløsning', 'seizure': 'Epileptisk anfald', 'breathing': 'Vejrtrækning',
    'heart-rate': 'Puls', 'bed-exit': 'Ude af sengen', 'motion-night': 'Bevægelse om natten',
    'sensor-silent': 'Sensor svarer ikke', 'technical': 'Teknisk fejl',
  };
  const PRIORITIES = { high: 'Høj', medium: 'Middel', low: 'Lav' };
  const DELIVERY = { sent: 'sendt', confirmed: 'modtaget', failed: 'fejlet' };
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
    if (response.status === 401) { F.session.lost(); throw new Error('logged out'); }
    return response;
  }

  function title(a) { return `${KINDS[a.kind] || a.kind} – ${where(a)}`; }

  // Where the alarm was sent (paging handsets, groups) and whether each call got there.
  function deliveries(a) {
    if (!Array.isArray(a.deliveries) || a.deliveries.length === 0) return null;
    const list = el('ul', null, 'deliveries');
    list.setAttribute('aria-label', 'Sendt til');
    for (const d of a.deliveries) list.append(el('li', `${d.receiver}: ${DELIVERY[d.state] || d.state}`, `delivery ${d.state}`));
    return list;
  }

  function showAlarms(alarms) {
    const list = $('alarms');
    list.replaceChildren();
    $('no-alarms').hidden = alarms.length > 0;
    const news = [];
    for (const a of alarms) {
      const before = page.levels.get(a.id);
      if (page.known && a.state === 'raised' && (before === undefined || (a.escalation || 0) > before)) news.push(a);
      const li = el('li', null, `alarm ${a.priority} ${a.state}`);
      li.dataset.id = a.id;
      const what = el('div', null, 'what');
      what.append(el('strong', KINDS[a.kind] || a.kind), el('span', `${where(a)} · ${time(a.raisedAt)} · ${PRIORITIES[a.priority] || a.priority}`));
      what.append(el('div', a.state === 'acknowledged' ? `Kvitteret af ${a.ackedBy}` : (a.escalation > 0 ? `Ny – rykket ${a.escalation} gang(e)` : 'Ny'), 'state quiet'));
      const sent = deliveries(a);
      if (sent) what.append(sent);
      const actions = el('div', null, 'actions');
      if (a.state === 'raised') actions.append(button('Kvittér', () => alarmAction(li, a.id, 'ack'), 'ack', `Kvittér ${title(a)}`));
      actions.append(button('Afslut', () => alarmAction(li, a.id, 'resolve'), 'resolve secondary', `Afslut ${title(a)}`));
      li.append(what, actions, el('p', null, 'error'));
      list.append(li);
    }
    const raised = alarms.filter((a) => a.state === 'raised');
    for (const id of page.levels.keys()) if (!raised.some((a) => a.id === id)) F.alerting.unnotify(id);
    page.known = new Set(alarms.map((a) => a.id));
    page.levels = new Map(raised.map((a) => [a.id, a.escalation || 0]));
    for (const a of news) {
      const text = a.escalation > 0 ? `Ikke kvitteret, rykket ${a.escalation} gang(e)` : 'Ny alarm';
      F.alerting.notify(a.id, title(a), text);
    }
    if (news.length) $('announce').textContent = news.map((a) => `${a.escalation > 0 ? 'Rykker' : 'Ny alarm'}: ${title(a)}.`).join(' ');
    F.alerting.alarms(raised, news.length > 0);
  }

  function button(text, onClick, cls, label) {
    const b = el('button', text, cls);
    b.type = 'button';
    if (label) b.setAttribute('aria-label', label);
    b.addEventListener('click', async () => { b.disabled = true; try { await onClick(); } finally { b.disabled = false; } });
    return b;
  }

  // Errors are written next to what failed (role=alert reads them out), never in a blocking alert().
  function fail(li, text) {
    let box = li.querySelector('.error');
    if (!box) { box = el('p', null, 'error'); li.append(box); }
    box.setAttribute('role', 'alert');
    box.textContent = text;
  }

  async function alarmAction(li, id, action) {
    let r = null;
    try { r = await api('POST', `/api/alarms/${encodeURIComponent(id)}/${action}`); } catch (e) { if (F.session.isLost()) return; }
    if (!r || (!r.ok && r.status !== 409)) fail(li, action === 'ack' ? 'Alarmen blev ikke kvitteret. Prøv igen.' : 'Alarmen blev ikke afsluttet. Prøv igen.');
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
        let r = null;
        try { r = await api('POST', `/api/doors/${encodeURIComponent(d.id)}/release`, { seconds: 10 }); } catch (e) { if (F.session.isLost()) return; }
        if (!r || !r.ok) fail(li, 'Døren kunne ikke lukkes op.');
      }, 'release', `Luk ${d.name || d.id} op i 10 sekunder`));
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
      li.append(text, button('Kig ind', () => checkIn(r.id), 'checkin-button', `Kig ind i rum ${r.id}`));
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
    showReceivers(status.receivers);
    await showCalls();
    const log = $('audit');
    log.replaceChildren();
    for (const a of audit.reverse()) {
      const tr = el('tr');
      tr.append(el('td', String(a.seq)), el('td', time(a.time)), el('td', a.kind), el('td', a.actor),
        el('td', [a.decision, a.door, a.room, a.alarm, a.session].filter(Boolean).join(' ')));
      log.append(tr);
    }
  }

  function showReceivers(receivers) {
    // A site without paging receivers gets no empty panel.
    const any = Array.isArray(receivers) && receivers.length > 0;
    $('receivers-card').hidden = !any;
    if (!any) return;
    const rows = $('receivers');
    rows.replaceChildren();
    for (const r of receivers) {
      const tr = el('tr');
      tr.append(el('td', r.id), el('td', r.kind), el('td', r.state === 'up' ? 'Virker' : 'Nede', r.state === 'up' ? 'good' : 'bad'), el('td', r.lastError || ''));
      rows.append(tr);
    }
  }

  // What a handset would have shown (the paging simulator, or the last calls sent); hidden where there is no paging.
  async function showCalls() {
    const r = await api('GET', '/api/paging/calls');
    $('calls-card').hidden = !r.ok;
    if (!r.ok) return;
    const rows = $('calls');
    rows.replaceChildren();
    for (const c of await r.json()) {
      const tr = el('tr');
      tr.append(el('td', time(c.at)), el('td', c.receiver), el('td', c.callAddress), el('td', c.text), el('td', String(c.priority ?? '')));
      rows.append(tr);
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
    F.alerting.dutyView(name === 'staff');
    if (name === 'technician') loadTechnician();
  }

  async function start() {
    F.alerting.start();
    const session = await (await api('GET', '/api/session')).json();
    page.csrf = F.csrf = session.csrf || '';
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
    $('logout').addEventListener('click', async () => {
      F.session.leave(); // logging out on purpose is no lost session: no banner, no sound
      await api('POST', '/logout');
      location.href = '/login?ude=1';
    });
    $('checkin-close').addEventListener('click', () => endStream(''));
    F.session.start({ alarms: showAlarms, doors: showDoors, rooms: showRooms },
      (s) => { if (s.csrf) page.csrf = F.csrf = s.csrf; });
    // Installable, and notifications on phones; the worker caches only the page's own files.
    if ('serviceWorker' in navigator && window.isSecureContext) navigator.serviceWorker.register('/assets/sw.js', { scope: '/' }).catch(() => {});
  }

  start();
})();
