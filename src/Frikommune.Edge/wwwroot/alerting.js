'use strict';
// Keeps staff alerted while an alarm is unacknowledged: a repeated sound (faster and louder at each escalation),
// vibration, a system notification, and the screen kept on. A tablet in a pocket or with a dark screen must
// still reach someone (issue 13); a single beep on a page nobody looks at does not.
(function () {
  const F = window.frikommune = window.frikommune || {};
  const $ = (id) => document.getElementById(id);

  // Escalation level → pause between rings, loudness, and how many tones a ring has. Level 2 and above ring as 2.
  const LEVELS = [
    { every: 4000, gain: 0.25, tones: 1, vibrate: [300] },
    { every: 2000, gain: 0.5, tones: 2, vibrate: [300, 100, 300] },
    { every: 1000, gain: 0.9, tones: 3, vibrate: [400, 100, 400, 100, 400] },
  ];
  const TROUBLE_EVERY = 5000; // a lost session or connection rings until someone acts
  const TONE = 0.18;

  const state = { audio: null, level: -1, timer: null, trouble: '', troubleTimer: null, notes: new Map(), duty: true, wakeLock: null, asked: false };

  function audio() {
    if (state.audio) return state.audio;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    try {
      state.audio = new Context();
      state.audio.addEventListener('statechange', showUnlock);
    } catch (e) { return null; }
    return state.audio;
  }

  // One oscillator per ring; several tones are steps of its pitch, so a ring is one sound however many tones it has.
  function ring(tones, gain, pitches) {
    const ctx = audio();
    // A suspended context would pile the rings up and play them all at once after the first tap.
    if (!ctx || ctx.state !== 'running') return;
    try {
      const t = ctx.currentTime, osc = ctx.createOscillator(), volume = ctx.createGain();
      osc.type = 'square';
      volume.gain.setValueAtTime(0.0001, t);
      for (let i = 0; i < tones; i++) {
        const at = t + i * TONE * 1.4;
        osc.frequency.setValueAtTime(pitches[i % pitches.length], at);
        volume.gain.setValueAtTime(gain, at);
        volume.gain.exponentialRampToValueAtTime(0.0001, at + TONE);
      }
      osc.connect(volume).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + tones * TONE * 1.4);
    } catch (e) { /* no audio device: vibration, notification and the red list still show */ }
  }

  function vibrate(pattern) {
    // Chrome refuses vibration before the first tap on the page; that refusal is harmless.
    if (navigator.vibrate) try { navigator.vibrate(pattern); } catch (e) { /* not supported */ }
  }

  function level(n) { return LEVELS[Math.min(n, LEVELS.length - 1)]; }

  function alarmRing() {
    const l = level(state.level);
    ring(l.tones, l.gain, [880, 1175, 1568]);
    vibrate(l.vibrate);
    state.timer = setTimeout(alarmRing, l.every);
  }

  /** Rings while any alarm is unacknowledged; a new alarm or a higher level starts a ring at once. */
  function alarms(raised, fresh) {
    const top = raised.length ? Math.max(...raised.map((a) => a.escalation || 0)) : -1;
    if (top < 0) {
      clearTimeout(state.timer);
      state.timer = null;
    } else if (fresh || top > state.level || state.timer === null) {
      clearTimeout(state.timer);
      state.level = top;
      alarmRing();
    }
    state.level = top;
  }

  /** Something that stops alarms reaching this page (lost login, no connection): a falling tone until it is put right. */
  function trouble(what, title, text) {
    if (state.trouble === what) return;
    state.trouble = what;
    clearInterval(state.troubleTimer);
    state.troubleTimer = null;
    if (!what) { unnotify('trouble'); return; }
    const sound = () => { ring(2, 0.6, [660, 440]); vibrate([600, 200, 600]); };
    sound();
    state.troubleTimer = setInterval(sound, TROUBLE_EVERY);
    notify('trouble', title, text);
  }

  // ---- notifications: only in a secure context (HTTPS or this machine), and only once permitted ----
  function canNotify() { return window.isSecureContext && 'Notification' in window && Notification.permission === 'granted'; }

  async function notify(tag, title, body) {
    if (!canNotify()) return;
    const options = { body, tag, renotify: true, requireInteraction: true, icon: '/assets/icon-192.png', lang: 'da' };
    try {
      // Phones (Android Chrome) allow notifications only through the service worker.
      const registration = navigator.serviceWorker && await navigator.serviceWorker.getRegistration('/');
      if (registration && registration.active) return await registration.showNotification(title, options);
      state.notes.get(tag)?.close();
      state.notes.set(tag, new Notification(title, options));
    } catch (e) { /* the browser refused; sound and vibration still work */ }
  }

  async function unnotify(tag) {
    state.notes.get(tag)?.close();
    state.notes.delete(tag);
    try {
      const registration = navigator.serviceWorker && await navigator.serviceWorker.getRegistration('/');
      if (registration) for (const n of await registration.getNotifications({ tag })) n.close();
    } catch (e) { /* nothing to close */ }
  }

  // ---- the first tap: browsers keep sound (and the notification question) until the user has touched the page ----
  function needsTap() {
    const ctx = audio();
    const sound = ctx && ctx.state !== 'running';
    const ask = !state.asked && window.isSecureContext && 'Notification' in window && Notification.permission === 'default';
    return sound || ask;
  }

  function showUnlock() { $('sound').hidden = !needsTap(); }

  async function unlock() {
    state.asked = true; // whatever the answer to the notification question, the button has done its job
    const ctx = audio();
    // Asked in the same tap; the answer may never come (a dismissed prompt), so nothing waits for it.
    if (window.isSecureContext && 'Notification' in window && Notification.permission === 'default') {
      try { Notification.requestPermission().then(showNotices, () => {}); } catch (e) { /* old browsers: callback form only */ }
    }
    if (ctx && ctx.state !== 'running') try { await ctx.resume(); } catch (e) { /* stays silent */ }
    showUnlock();
    showNotices();
  }

  // ---- what the page cannot do here, said plainly ----
  function showNotices() {
    const lines = [];
    if (!window.isSecureContext) {
      lines.push('Siden er ikke åbnet over HTTPS. Derfor kan den ikke vise beskeder på skærmen, holde skærmen tændt '
        + 'eller installeres som app. Lyd og vibration virker kun, mens siden er åben og skærmen tændt. '
        + 'Bed teknikeren om gatewayens https-adresse.');
    } else if ('Notification' in window && Notification.permission === 'denied') {
      lines.push('Beskeder på skærmen er slået fra for denne side i browserens indstillinger.');
    } else if (!('Notification' in window)) {
      lines.push('Denne browser kan ikke vise beskeder på skærmen.');
    }
    const box = $('notices');
    box.replaceChildren(...lines.map((text) => Object.assign(document.createElement('p'), { textContent: text })));
    box.hidden = lines.length === 0;
  }

  // ---- Screen Wake Lock while the duty view is open; the browser drops it whenever the page is hidden ----
  async function keepAwake() {
    if (!state.duty || document.visibilityState !== 'visible' || state.wakeLock || !('wakeLock' in navigator)) return;
    try {
      state.wakeLock = await navigator.wakeLock.request('screen');
      state.wakeLock.addEventListener('release', () => { state.wakeLock = null; });
    } catch (e) { /* low battery, or not allowed: the screen may go dark */ }
  }

  function dutyView(open) {
    state.duty = open;
    if (open) keepAwake();
    else if (state.wakeLock) state.wakeLock.release().catch(() => {});
  }

  function start() {
    audio();
    showUnlock();
    showNotices();
    $('sound').addEventListener('click', unlock);
    // Any tap on the page also counts as the first tap.
    document.addEventListener('click', () => { const ctx = audio(); if (ctx && ctx.state === 'suspended') ctx.resume().catch(() => {}); }, true);
    document.addEventListener('visibilitychange', keepAwake);
    keepAwake();
  }

  F.alerting = { start, alarms, trouble, notify, unnotify, dutyView };
})();
