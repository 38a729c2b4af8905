'use strict';
// Keeps the login alive while the page is open and the event stream running, and says at once — with sound —
// when either is gone. A night shift must never look at a page that silently stopped receiving alarms.
(function () {
  const F = window.frikommune = window.frikommune || {};
  const $ = (id) => document.getElementById(id);
  const KEEP_ALIVE = 60_000; // any authenticated call renews the session; this one comes long before it could run out
  const RETRY_FIRST = 1000, RETRY_MAX = 30_000;
  const OFFLINE_ALARM = 30_000; // no event stream for this long: alarm the staff, not just a grey badge

  const s = { lost: false, stream: null, retry: null, backoff: RETRY_FIRST, downSince: 0, handlers: {}, onSession: null };

  function status(text, on) {
    $('connection').textContent = text;
    $('connection').className = on ? 'connection on' : 'connection off';
  }

  function loginUrl() { return '/login?ReturnUrl=' + encodeURIComponent(location.pathname + location.search); }

  /** The login is gone (expired, logged out elsewhere, gateway restarted with new keys): say so, ring, offer the way back. */
  function lost() {
    if (s.lost) return;
    s.lost = true;
    clearTimeout(s.retry);
    if (s.stream) s.stream.close();
    s.stream = null;
    $('relogin').href = loginUrl();
    $('offline').hidden = true;
    $('session-lost').hidden = false;
    status('Logget ud', false);
    F.alerting.trouble('session', 'Du er logget ud', 'Nye alarmer vises ikke på siden. Log ind igen.');
    $('relogin').focus();
  }

  /** Asks the gateway who is logged in: 'ok', 'lost' (401) or 'offline' (no answer). */
  async function check() {
    if (s.lost) return 'lost';
    try {
      // The header tells the gateway a script is asking, so a 401 does not open the browser's password dialog.
      const r = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store', headers: { 'X-CSRF-Token': F.csrf || '-' } });
      if (r.status === 401) { lost(); return 'lost'; }
      if (!r.ok) return 'offline';
      if (s.onSession) s.onSession(await r.json());
      return 'ok';
    } catch (e) { return 'offline'; }
  }

  function offline() {
    const since = new Date(s.downSince).toLocaleTimeString('da-DK', { timeStyle: 'short' });
    $('offline-text').textContent = `Ingen forbindelse til gatewayen siden ${since}. Nye alarmer vises ikke, før forbindelsen er tilbage.`;
    $('offline').hidden = false;
    F.alerting.trouble('offline', 'Ingen forbindelse', 'Nye alarmer vises ikke på siden.');
  }

  function connect() {
    s.retry = null;
    if (s.lost) return;
    const events = s.stream = new EventSource('/api/events');
    events.onopen = () => {
      s.backoff = RETRY_FIRST;
      s.downSince = 0;
      $('offline').hidden = true;
      F.alerting.trouble('', '', '');
      status('Forbundet', true);
    };
    // The browser gives up for good on a 401 and retries blindly otherwise; this page decides itself.
    events.onerror = async () => {
      events.close();
      if (s.stream !== events) return;
      s.stream = null;
      s.downSince = s.downSince || Date.now();
      status('Afbrudt – forbinder igen', false);
      if (await check() === 'lost') return;
      if (Date.now() - s.downSince >= OFFLINE_ALARM) offline();
      const wait = Math.min(RETRY_MAX, Math.round(s.backoff * (0.75 + Math.random() / 2))); // jittered, so tablets do not return in step
      s.backoff = Math.min(s.backoff * 2, RETRY_MAX);
      status(`Afbrudt – forbinder igen om ${Math.ceil(wait / 1000)} sek.`, false);
      s.retry = setTimeout(connect, wait);
    };
    for (const [name, handler] of Object.entries(s.handlers)) events.addEventListener(name, (e) => handler(JSON.parse(e.data)));
  }

  /** Logging out on purpose: stop the stream and the checks, so no banner or sound follows. */
  function leave() {
    s.lost = true;
    clearTimeout(s.retry);
    if (s.stream) s.stream.close();
    s.stream = null;
  }

  async function keepAlive() {
    const result = await check();
    if (result !== 'lost' && !s.stream && !s.retry) connect();
  }

  function start(handlers, onSession) {
    s.handlers = handlers;
    s.onSession = onSession;
    connect();
    setInterval(keepAlive, KEEP_ALIVE);
    // A phone waking up has slept through the keep-alive calls: find out at once whether the login still holds.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible') return;
      if (s.retry) { clearTimeout(s.retry); s.retry = null; s.backoff = RETRY_FIRST; }
      keepAlive();
    });
  }

  F.session = { start, lost, leave, check, isLost: () => s.lost };
})();
